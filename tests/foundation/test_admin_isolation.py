"""Two communes on one deployment: the staff of commune B never read anything of commune A in
the Wagtail admin (issues 18.13 and 19.2).

Commune A is generated with its demo content (pages, news, images, documents, council sessions,
suggestions, meetings, consultations, information requests, snippets, staff and citizens) plus a
contact-form submission and an association member; commune B is a fresh commune with one account
per staff role. For each role of B the test crawls every admin URL it can reach from the
dashboard (menus, listings, filters, choosers, searches, the admin API) plus the URLs of A's
objects by id, and fails if a title, name, slug or email of A appears anywhere, or if one of
A's objects answers anything but 403/404. Positive controls: the superuser and A's own
administrator do see A's objects on the same screens, so a marker that never appears cannot make
the test pass.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from site_template.communes.models import CommuneRole, CommuneSettings, Neighbourhood
from site_template.communes.roles import Role
from site_template.communes.services import CommuneSpec, commune_generate
from tests.conftest import restore_migration_data

ROLES = [role.value for role in Role]
MAX_URLS = 1500
PER_PATTERN = 2
SKIP = re.compile(
    r"^/admin/(logout|login|jsi18n|account/|password_reset|sprite|icons)"
    r"|\.xlsx$|[?&](export|format)=xlsx|/preview/|/preview_on_|/api/main/images/\d+/.*rendition"
)
LINK = re.compile(r"""(?:href|src|action|data-[\w-]+)\s*=\s*["'](/admin/[^"'<>\s]*)["']""")
API_LINK = re.compile(r"https?://[^/\"'\s]+(/admin/[^\"'<>\s]*)")


@dataclass
class World:
    site_a: object
    site_b: object
    markers: set[str]
    a_urls: list[str]
    b_staff: dict
    a_admin: object
    superuser: object
    a_ids: dict = field(default_factory=dict)


def _strings(*values) -> set[str]:
    return {str(v).strip() for v in values if v and len(str(v).strip()) >= 4}


def _site_pages(site) -> list[Page]:
    home = site.root_page
    pages = list(Page.objects.descendant_of(home, inclusive=True).specific())
    for translation in home.get_translations():
        pages += list(Page.objects.descendant_of(translation, inclusive=True).specific())
    return pages


def _texts_of_site(site) -> set[str]:
    """Titles, names and slugs of a commune's objects (what must not leak)."""
    from participation.consultations.models import OpenProject, Remark
    from participation.core.models import Category, Contribution
    from participation.info_requests.models import InfoRequest
    from participation.meetings.models import MeetingTheme
    from site_template.library.models import DocumentCategory

    commune = CommuneSettings.for_site(site)
    texts = _strings(commune.name_ar, commune.name_fr, site.hostname, site.site_name)
    pages = _site_pages(site)
    for page in pages:
        texts |= _strings(page.title, page.draft_title)
        if "-" in page.slug and len(page.slug) >= 8:
            texts |= _strings(page.slug)
    collection_id = commune.collection_id
    for model in (get_image_model(), get_document_model()):
        texts |= _strings(*model.objects.filter(collection_id=collection_id).values_list("title", flat=True))
    for model in (Neighbourhood, Category, MeetingTheme):
        for row in model.objects.filter(site=site):
            texts |= _strings(row.name_ar, row.name_fr)
    for row in DocumentCategory.objects.filter(site=site):
        texts |= _strings(row.name_ar, row.name_fr)
    page_ids = [p.pk for p in pages]
    for row in OpenProject.objects.filter(consultation_id__in=page_ids):
        texts |= _strings(row.title_ar, row.title_fr)
    texts |= _strings(*Contribution.objects.filter(site=site).values_list("title", flat=True))
    from participation.budget.models import Chapter

    for row in Chapter.objects.filter(budget_id__in=page_ids):
        texts |= _strings(row.name_ar, row.name_fr)
    texts |= _strings(*Remark.objects.filter(consultation_id__in=page_ids).values_list("proposal_title", flat=True))
    for row in InfoRequest.objects.filter(site=site):
        texts |= _strings(row.tracking_number, row.subject)
    staff = get_user_model().objects.filter(groups__commune_role__site=site)
    for user in staff:
        texts |= _strings(user.email, user.display_name)
    return texts


def _a_ids(site) -> dict:
    from participation.consultations.models import ConsultationPage, OpenProject
    from participation.core.models import Category
    from participation.meetings.models import MeetingTheme
    from site_template.library.models import DocumentCategory

    collection_id = CommuneSettings.for_site(site).collection_id
    return {
        "page": [p.pk for p in Page.objects.descendant_of(site.root_page, inclusive=True)[:5]],
        "image": list(get_image_model().objects.filter(collection_id=collection_id).values_list("pk", flat=True)[:3]),
        "document": list(get_document_model().objects.filter(collection_id=collection_id).values_list("pk", flat=True)[:3]),
        "neighbourhood": Neighbourhood.objects.filter(site=site).first().pk,
        "category": Category.objects.filter(site=site).first().pk,
        "documentcategory": DocumentCategory.objects.filter(site=site).first().pk,
        "meetingtheme": MeetingTheme.objects.filter(site=site).first().pk,
        "openproject": OpenProject.objects.filter(
            consultation__in=ConsultationPage.objects.descendant_of(site.root_page)).first().pk,
        "chapter": _budget_of(site).chapters.first().pk,
    }


def _budget_of(site):
    from participation.budget.models import BudgetPage

    return BudgetPage.objects.descendant_of(site.root_page).filter(locale__language_code="ar").first()


def _a_object_urls(site) -> list[str]:
    """Edit, inspect, delete, history, usage… URLs of commune A's objects, by id."""
    from participation.consultations.models import ConsultationPage, OpenProject
    from participation.core.models import Category, Contribution
    from participation.info_requests.models import InfoRequest
    from participation.meetings.models import MeetingPage, MeetingTheme
    from site_template.contact.models import ContactPage
    from site_template.library.models import DocumentCategory

    home = site.root_page
    urls = [f"/admin/pages/{home.pk}/", f"/admin/choose-page/{home.pk}/", f"/admin/api/main/pages/{home.pk}/",
            f"/admin/settings/communes/communesettings/{site.pk}/"]
    sample = [home, *Page.objects.child_of(home)[:3]]
    for model in (ContactPage, MeetingPage, ConsultationPage):
        sample += list(model.objects.descendant_of(home)[:1])
    for page in sample:
        for action in ("edit/", "history/", "delete/", "copy/", "move/", "usage/", "revisions/", ""):
            urls.append(f"/admin/pages/{page.pk}/{action}")
        urls.append(f"/admin/choose-page/{page.pk}/")
        urls.append(f"/admin/api/main/pages/{page.pk}/")
    collection_id = CommuneSettings.for_site(site).collection_id
    for image in get_image_model().objects.filter(collection_id=collection_id)[:2]:
        urls += [f"/admin/images/{image.pk}/", f"/admin/images/{image.pk}/delete/", f"/admin/images/usage/{image.pk}/",
                 f"/admin/images/chooser/{image.pk}/", f"/admin/api/main/images/{image.pk}/"]
    for document in get_document_model().objects.filter(collection_id=collection_id)[:2]:
        urls += [f"/admin/documents/edit/{document.pk}/", f"/admin/documents/delete/{document.pk}/",
                 f"/admin/documents/usage/{document.pk}/", f"/admin/documents/chooser/{document.pk}/",
                 f"/admin/api/main/documents/{document.pk}/"]
    snippets = [
        ("communes/neighbourhood", Neighbourhood.objects.filter(site=site).first()),
        ("participation_core/category", Category.objects.filter(site=site).first()),
        ("library/documentcategory", DocumentCategory.objects.filter(site=site).first()),
        ("meetings/meetingtheme", MeetingTheme.objects.filter(site=site).first()),
        ("consultations/openproject",
         OpenProject.objects.filter(consultation__in=ConsultationPage.objects.descendant_of(home)).first()),
        ("budget/chapter", _budget_of(site).chapters.first()),
        ("budget/sector", _budget_of(site).sectors.first()),
    ]
    for prefix, obj in snippets:
        assert obj is not None, f"commune A has no {prefix} to test"
        for action in ("edit", "delete", "inspect", "history", "usage", "copy"):
            urls.append(f"/admin/snippets/{prefix}/{action}/{obj.pk}/")
        urls.append(f"/admin/snippets/choose/{prefix.replace('/', '/')}/chosen/{obj.pk}/")
    contact = ContactPage.objects.descendant_of(home).first()
    urls.append(f"/admin/forms/submissions/{contact.pk}/")
    member = get_user_model().objects.get(email="alpha.member@larache.test")
    urls += [f"/admin/association-members/edit/{member.pk}/", f"/admin/association-members/delete/{member.pk}/"]
    contribution = Contribution.objects.filter(site=site).first()
    urls += [f"/admin/participation/contributions/{contribution.pk}/",
             f"/admin/participation/contribution/{contribution.pk}/hide/"]
    for info_request in InfoRequest.objects.filter(site=site)[:1]:
        urls.append(f"/admin/info_requests/{info_request.pk}/")
    meeting = MeetingPage.objects.descendant_of(home).first()
    urls += [f"/admin/meetings/{meeting.pk}/registrants/", f"/admin/meetings/{meeting.pk}/sign-in-sheet/",
             f"/admin/meetings/{meeting.pk}/registrants.csv"]
    consultation = ConsultationPage.objects.descendant_of(home).filter(locale__language_code="ar").first()
    for action in ("", "import/", "paper/", "synthesis/"):
        urls.append(f"/admin/consultations/{consultation.pk}/{action}")
    budget = _budget_of(site)
    budget_year = budget.years.first()
    urls += [f"/admin/budget/{budget.pk}/", f"/admin/budget/{budget.pk}/years/new/",
             f"/admin/budget/{budget.pk}/years/{budget_year.pk}/"]
    return urls


def _add_personal_data(site) -> None:
    """What the demo does not make: a contact-form submission, an association member of A, and
    admin edits of A's objects in the log."""
    from site_template.accounts.services import profile_update
    from site_template.contact.models import ContactPage

    contact = ContactPage.objects.descendant_of(site.root_page).first()
    FormSubmission.objects.create(
        page=contact,
        form_data={"name": "Alpha Sender", "email": "alpha.sender@larache.test", "subject": "Alpha subject",
                   "message": "Alpha message"},
    )
    from site_template.accounts.services import association_set_verified

    member = get_user_model().objects.create_user(email="alpha.member@larache.test", password="x-long-pass-1")
    profile_update(user=member, display_name="Alpha Member", association_name="Association Alpha Larache", site=site)
    association_set_verified(user=member, verified=True)
    # Edits by A's staff, as the admin logs them (site history report, object histories).
    from wagtail.log_actions import log

    from participation.core.models import Category

    a_admin = get_user_model().objects.get(groups__commune_role__site=site, groups__commune_role__role=Role.ADMINISTRATOR)
    collection_id = CommuneSettings.for_site(site).collection_id
    for obj in (Category.objects.filter(site=site).first(), Neighbourhood.objects.filter(site=site).first(),
                get_image_model().objects.filter(collection_id=collection_id).first(),
                get_document_model().objects.filter(collection_id=collection_id).first()):
        log(instance=obj, action="wagtail.edit", user=a_admin)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        restore_migration_data()
        site_a = commune_generate(
            spec=CommuneSpec(slug="larache", name_ar="جماعة العرائش", name_fr="Commune de Larache",
                             hostname="larache.test", is_default_site=True),
            demo=True,
        ).site
        site_b = commune_generate(
            spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar El Kebir",
                             hostname="ksar.test"),
        ).site
        _add_personal_data(site_a)
        user_model = get_user_model()
        b_staff = {}
        for role in ROLES:
            user = user_model.objects.create_user(email=f"{role}@ksar.test", password="x-long-pass-1",
                                                  display_name=f"Ksar {role}")
            user.groups.add(CommuneRole.objects.get(site=site_b, role=role).group)
            b_staff[role] = user
        markers = _texts_of_site(site_a) | {"alpha.sender@larache.test", "alpha.member@larache.test",
                                             "Association Alpha Larache", "Alpha Member"}
        markers -= _texts_of_site(site_b)
        a_admin = user_model.objects.get(groups__commune_role__site=site_a,
                                         groups__commune_role__role=Role.ADMINISTRATOR)
        superuser = user_model.objects.create_superuser(email="root@example.org", password="x-long-pass-1")
        yield World(site_a=site_a, site_b=site_b, markers=markers, a_urls=_a_object_urls(site_a),
                    b_staff=b_staff, a_admin=a_admin, superuser=superuser, a_ids=_a_ids(site_a))
        transaction.set_rollback(True)


def _text(response) -> str | None:
    content_type = response.get("Content-Type", "")
    if not any(kind in content_type for kind in ("html", "json", "text", "javascript", "csv")):
        return None
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    if "json" in content_type:
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return html.unescape(text)


def _links(text: str) -> set[str]:
    found = set(LINK.findall(text)) | set(API_LINK.findall(text))
    return {html.unescape(link).split("#")[0] for link in found}


def _start_urls(world: World) -> list[str]:
    searches = ["a", "ا", "e", "ال"]
    urls = ["/admin/", "/admin/pages/", "/admin/pages/search/", "/admin/choose-page/", "/admin/images/",
            "/admin/documents/", "/admin/images/chooser/", "/admin/documents/chooser/", "/admin/forms/",
            "/admin/snippets/", "/admin/reports/site-history/", "/admin/reports/aging-pages/",
            "/admin/reports/locked/", "/admin/reports/workflow/", "/admin/reports/page-types-usage/",
            "/admin/api/main/pages/", "/admin/api/main/pages/?for_explorer=1",
            "/admin/api/main/images/", "/admin/api/main/documents/", "/admin/association-members/",
            "/admin/council_sessions/", "/admin/participation/", "/admin/participation/contributions/",
            "/admin/participation-statistics/", "/admin/info_requests/", "/admin/consultations/", "/admin/budget/",
            "/admin/collections/", "/admin/settings/communes/communesettings/"]
    for q in searches:
        urls += [f"/admin/pages/search/?q={q}", f"/admin/choose-page/search/?q={q}", f"/admin/images/?q={q}",
                 f"/admin/documents/?q={q}", f"/admin/api/main/pages/?search={q}",
                 f"/admin/api/main/images/?search={q}", f"/admin/api/main/documents/?search={q}",
                 f"/admin/images/chooser/results/?q={q}", f"/admin/documents/chooser/results/?q={q}",
                 f"/admin/association-members/?q={q}", f"/admin/search/?q={q}"]
    for prefix in ("communes/neighbourhood", "participation_core/category", "library/documentcategory",
                   "meetings/meetingtheme", "consultations/openproject", "budget/chapter", "budget/sector"):
        urls += [f"/admin/snippets/{prefix}/", f"/admin/snippets/{prefix}/add/", f"/admin/snippets/choose/{prefix}/",
                 f"/admin/snippets/choose/{prefix}/results/?q=a"]
    home_a = world.site_a.root_page_id
    urls += [f"/admin/api/main/pages/?child_of={home_a}", f"/admin/api/main/pages/?descendant_of={home_a}"]
    # Bulk actions list the items they were given, including those the user may not touch.
    ids = "&".join(f"id={pk}" for pk in world.a_ids["page"])
    urls += [f"/admin/bulk/wagtailcore/page/{action}/?{ids}" for action in ("delete", "move", "publish", "unpublish")]
    for model, key in (("wagtailimages/image", "image"), ("wagtaildocs/document", "document")):
        ids = "&".join(f"id={pk}" for pk in world.a_ids[key])
        urls += [f"/admin/bulk/{model}/{action}/?{ids}" for action in ("delete", "add_tags", "add_to_collection")]
    for prefix, key in (("communes/neighbourhood", "neighbourhood"), ("participation_core/category", "category"),
                        ("library/documentcategory", "documentcategory"), ("meetings/meetingtheme", "meetingtheme"),
                        ("consultations/openproject", "openproject"), ("budget/chapter", "chapter")):
        urls.append(f"/admin/bulk/{prefix}/delete/?id={world.a_ids[key]}")
    return urls + world.a_urls


def crawl(client: Client, start: list[str]) -> dict[str, tuple[int, str | None]]:
    """Breadth-first over the admin links found in each answer (HTML, JSON, CSV). The start URLs
    are all fetched; of the URLs found, at most ``PER_PATTERN`` per path pattern (ids replaced by
    N) and per query string, which still reaches every kind of screen."""
    seen: dict[str, tuple[int, str | None]] = {}
    per_pattern: dict[str, int] = {}
    forced = set(start)
    queue = deque(start)
    while queue and len(seen) < MAX_URLS:
        url = queue.popleft()
        if url in seen or SKIP.search(url):
            continue
        if url not in forced:
            parts = urlsplit(url)
            pattern = re.sub(r"\d+", "N", parts.path) + ("?" + re.sub(r"=[^&]*", "=", parts.query) if parts.query else "")
            if per_pattern.get(pattern, 0) >= PER_PATTERN:
                continue
            per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
        response = client.get(url)
        text = _text(response)
        seen[url] = (response.status_code, text)
        if text and response.status_code == 200:
            queue.extend(sorted(_links(text) - seen.keys()))
    return seen


def leaks(pages: dict[str, tuple[int, str | None]], markers: set[str]) -> dict[str, list[str]]:
    found = {}
    for url, (_status, text) in pages.items():
        if text:
            hits = sorted(m for m in markers if m in text)
            if hits:
                found[url] = hits[:5]
    return found


@pytest.mark.parametrize("role", ROLES)
def test_staff_of_another_commune_read_nothing_of_commune_a(world, role, db):
    client = Client(HTTP_HOST=world.site_b.hostname)  # B's staff work on their commune's host
    client.force_login(world.b_staff[role])
    pages = crawl(client, _start_urls(world))
    errors = {url: status for url, (status, _text) in pages.items() if status >= 500}
    assert not errors, errors
    assert len(pages) > 40, f"the crawl reached only {len(pages)} URLs"
    found = leaks(pages, world.markers)
    assert not found, f"{role} of commune B reads commune A's data: {json.dumps(found, ensure_ascii=False, indent=1)}"


@pytest.mark.parametrize("role", ROLES)
def test_objects_of_commune_a_are_refused_by_id(world, role, db):
    client = Client(HTTP_HOST=world.site_b.hostname)  # B's staff work on their commune's host
    client.force_login(world.b_staff[role])
    # An unknown or hidden id is a 404, which the language middleware sends on to /ar/admin/…:
    # follow it; a refusal must not end on an admin screen (Wagtail's "permission denied"
    # redirect to the dashboard).
    answers = {url: client.get(url, follow=True).status_code for url in world.a_urls}
    wrong = {url: status for url, status in answers.items() if status not in (403, 404)}
    assert not wrong, f"{role} of commune B: {wrong}"


def _listing_hits(user, world) -> dict[str, bool]:
    client = Client(HTTP_HOST=world.site_a.hostname)
    client.force_login(user)
    checks = {
        "/admin/api/main/images/": "image",
        "/admin/api/main/documents/": "document",
        "/admin/forms/": "contact",
        "/admin/association-members/": "Association Alpha Larache",
        "/admin/council_sessions/": "session",
        "/admin/snippets/communes/neighbourhood/": "neighbourhood",
        "/admin/snippets/budget/chapter/": "budget chapter",
        f"/admin/pages/{world.site_a.root_page.pk}/": "page",
        "/admin/choose-page/search/?q=ا": "chooser",
    }
    result = {}
    for url in checks:
        response = client.get(url)
        text = _text(response) or ""
        result[url] = response.status_code == 200 and any(m in text for m in world.markers)
    return result


def test_superuser_sees_commune_a(world, db):
    """Positive control: the same screens show A's titles to a superuser."""
    hits = _listing_hits(world.superuser, world)
    assert all(hits.values()), hits


def test_commune_a_administrator_sees_commune_a(world, db):
    """Positive control: A's own administrator still works with A's objects."""
    hits = _listing_hits(world.a_admin, world)
    assert all(hits.values()), hits



# --- Writes: every refusal is a 403 and changes nothing (issue 19.2) ----------------------------


def _row(obj) -> dict:
    return type(obj)._default_manager.filter(pk=obj.pk).values().first()


def _writes(world) -> list[tuple[str, str, dict, object]]:
    """(role of B, URL, POST data, object of A that must stay as it is)."""
    from participation.consultations.models import ConsultationPage, OpenProject
    from participation.core.models import Category, Contribution
    from participation.info_requests.models import InfoRequest
    from participation.meetings.models import MeetingTheme
    from site_template.library.models import DocumentCategory

    site_a = world.site_a
    member = get_user_model().objects.get(email="alpha.member@larache.test")
    contribution = Contribution.objects.filter(site=site_a).first()
    neighbourhood = Neighbourhood.objects.filter(site=site_a).first()
    category = Category.objects.filter(site=site_a).first()
    theme = MeetingTheme.objects.filter(site=site_a).first()
    doc_category = DocumentCategory.objects.filter(site=site_a).first()
    project = OpenProject.objects.filter(consultation__in=ConsultationPage.objects.descendant_of(site_a.root_page)).first()
    info_request = InfoRequest.objects.filter(site=site_a).first()
    page = Page.objects.child_of(site_a.root_page).first().specific
    commune = CommuneSettings.objects.get(site=site_a)
    collection_id = commune.collection_id
    image = get_image_model().objects.filter(collection_id=collection_id).first()
    document = get_document_model().objects.filter(collection_id=collection_id).first()
    budget = _budget_of(site_a)
    chapter = budget.chapters.first()
    budget_year = budget.years.first()
    bilingual = {"name_ar": "تغيير", "name_fr": "Changé", "sort_order": "1", "site": str(world.site_b.pk),
                 "slug": "changed"}
    writes = []
    for role in ("administrator", "focal_point"):
        writes += [
            # The case: the form sent without "association_verified" un-verified A's member.
            (role, f"/admin/association-members/edit/{member.pk}/", {"association_name": "Other"}, member),
            (role, f"/admin/participation/contributions/{contribution.pk}/",
             {"status": "answered", "answer": "Answer from the other commune", "reason": ""}, contribution),
            (role, f"/admin/participation/contribution/{contribution.pk}/hide/", {"reason": "hidden"}, contribution),
            (role, f"/admin/snippets/communes/neighbourhood/edit/{neighbourhood.pk}/", bilingual, neighbourhood),
            (role, f"/admin/snippets/communes/neighbourhood/delete/{neighbourhood.pk}/", {}, neighbourhood),
            (role, f"/admin/snippets/participation_core/category/edit/{category.pk}/", bilingual, category),
            (role, f"/admin/snippets/participation_core/category/delete/{category.pk}/", {}, category),
            (role, f"/admin/snippets/meetings/meetingtheme/edit/{theme.pk}/", bilingual, theme),
            (role, f"/admin/snippets/meetings/meetingtheme/delete/{theme.pk}/", {}, theme),
            (role, f"/admin/snippets/consultations/openproject/edit/{project.pk}/",
             {"title_ar": "تغيير", "number": "1", "consultation": str(project.consultation_id)}, project),
            (role, f"/admin/snippets/consultations/openproject/delete/{project.pk}/", {}, project),
        ]
    for role in ("administrator", "communicator"):
        writes += [
            (role, f"/admin/snippets/library/documentcategory/edit/{doc_category.pk}/", bilingual, doc_category),
            (role, f"/admin/snippets/library/documentcategory/delete/{doc_category.pk}/", {}, doc_category),
            (role, f"/admin/pages/{page.pk}/edit/", {"title": "Changed", "slug": page.slug}, page),
            (role, f"/admin/pages/{page.pk}/delete/", {}, page),
            (role, f"/admin/pages/{page.pk}/unpublish/", {}, page),
            (role, f"/admin/images/{image.pk}/", {"title": "Changed"}, image),
            (role, f"/admin/images/{image.pk}/delete/", {}, image),
            (role, f"/admin/documents/edit/{document.pk}/", {"title": "Changed"}, document),
            (role, f"/admin/documents/delete/{document.pk}/", {}, document),
            (role, f"/admin/snippets/budget/chapter/edit/{chapter.pk}/",
             {**bilingual, "budget": str(chapter.budget_id), "direction": chapter.direction,
              "section": chapter.section, "code": chapter.code, "explanation_ar": "تغيير"}, chapter),
            (role, f"/admin/snippets/budget/chapter/delete/{chapter.pk}/", {}, chapter),
            (role, f"/admin/budget/{budget_year.budget_id}/years/{budget_year.pk}/publish/" if not budget_year.is_published
             else f"/admin/budget/{budget_year.budget_id}/years/{budget_year.pk}/unpublish/", {"what": "budget"},
             budget_year),
            (role, f"/admin/budget/{budget_year.budget_id}/years/{budget_year.pk}/",
             {"year": str(budget_year.year), "summary_ar": "تغيير"}, budget_year),
        ]
    for role in ("administrator", "information_officer"):
        writes.append((role, f"/admin/info_requests/{info_request.pk}/",
                       {"action": "message", "message-message": "From the other commune"}, info_request))
    writes.append(("administrator", f"/admin/settings/communes/communesettings/{site_a.pk}/",
                   {"name_ar": "تغيير", "name_fr": "Changed"}, commune))
    return writes


def test_writes_to_commune_a_are_refused(world, db):
    from participation.core.models import UserBlock

    refused = {}
    for role, url, data, obj in _writes(world):
        client = Client(HTTP_HOST=world.site_b.hostname)
        client.force_login(world.b_staff[role])
        before = _row(obj)
        status = client.post(url, data).status_code
        after = _row(obj)
        if status != 403 or after != before:
            refused[f"{role} {url}"] = (status, "unchanged" if after == before else "CHANGED")
    assert not refused, json.dumps(refused, indent=1)
    assert not UserBlock.objects.exists()


def test_block_on_commune_a_is_refused(world, db):
    from participation.core.models import UserBlock

    citizen = get_user_model().objects.get(email="citizen.larache@example.org")
    client = Client(HTTP_HOST=world.site_b.hostname)
    client.force_login(world.b_staff["focal_point"])
    response = client.post(f"/admin/participation/block/{citizen.pk}/",
                           {"site": str(world.site_a.pk), "days": "7", "reason": "spam"})
    assert response.status_code == 403
    assert not UserBlock.objects.filter(user=citizen).exists()


def test_snippet_cannot_be_added_to_commune_a(world, db):
    """The "site" field offers only B: choosing A is a form error and creates nothing."""
    client = Client(HTTP_HOST=world.site_b.hostname)
    client.force_login(world.b_staff["focal_point"])
    form = client.get("/admin/snippets/communes/neighbourhood/add/").content.decode()
    assert f'value="{world.site_b.pk}"' in form and f'value="{world.site_a.pk}"' not in form
    response = client.post("/admin/snippets/communes/neighbourhood/add/",
                           {"site": str(world.site_a.pk), "name_ar": "حي جديد", "name_fr": "Nouveau", "sort_order": "1"})
    assert response.status_code == 200  # the form again, with its error
    assert not Neighbourhood.objects.filter(name_ar="حي جديد").exists()
    response = client.post("/admin/snippets/communes/neighbourhood/add/",
                           {"site": str(world.site_b.pk), "name_ar": "حي جديد", "name_fr": "Nouveau", "sort_order": "1"})
    assert response.status_code == 302
    assert Neighbourhood.objects.get(name_ar="حي جديد").site_id == world.site_b.pk


def test_commune_b_staff_still_work_with_their_own(world, db):
    """The scoping hides A, not B: B's focal point lists, edits and confirms B's own objects."""
    from site_template.accounts.services import profile_update

    own = Neighbourhood.objects.create(site=world.site_b, name_ar="حي القصر", name_fr="Quartier Ksar")
    member = get_user_model().objects.create_user(email="member@ksar.test", password="x-long-pass-1")
    profile_update(user=member, display_name="Ksar Member", association_name="Association Ksar", site=world.site_b)
    client = Client(HTTP_HOST=world.site_b.hostname)
    client.force_login(world.b_staff["focal_point"])
    assert "Quartier Ksar" in client.get("/admin/snippets/communes/neighbourhood/").content.decode()
    assert client.get(f"/admin/snippets/communes/neighbourhood/edit/{own.pk}/").status_code == 200
    assert "Association Ksar" in client.get("/admin/association-members/").content.decode()
    response = client.post(f"/admin/association-members/edit/{member.pk}/",
                           {"association_name": "Association Ksar", "association_verified": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.association_verified
