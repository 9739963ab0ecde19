"""The commune generator: ``manage.py create_commune`` end to end against the real database."""

from __future__ import annotations

import io
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from site_template.communes.demo import DEMO_PASSWORD, LARACHE_NEIGHBOURHOODS
from site_template.communes.models import CommuneRole, CommuneSettings, Neighbourhood
from site_template.communes.roles import Role
from site_template.pages.models import ContentPage, SectionPage

pytestmark = pytest.mark.django_db

LARACHE = {
    "slug": "larache",
    "name_ar": "جماعة العرائش",
    "name_fr": "Commune de Larache",
    "hostname": "larache.test",
    "population": "125008",
    "region": "طنجة - تطوان - الحسيمة",
    "province": "العرائش",
    "email": "contact@larache.test",
    "phone": "+212 5 39 91 00 00",
    "address_ar": "شارع محمد الخامس، العرائش",
    "address_fr": "Avenue Mohammed V, Larache",
    "cndp_reference": "D-GC-123/2025",
}


@pytest.fixture(autouse=True)
def _foundation_hooks_only(request, monkeypatch):
    """The generator's own contract is tested without the features' ``commune_setup`` hooks (each
    feature tests its own); ``test_generator_with_every_feature_hook`` runs them all."""
    if "with_feature_hooks" in request.fixturenames:
        return
    hooks.search_for_hooks()
    monkeypatch.setitem(hooks._hooks, "commune_setup", [])


@pytest.fixture
def with_feature_hooks():
    hooks.search_for_hooks()


def create(**options) -> str:
    out = io.StringIO()
    call_command("create_commune", stdout=out, **{**LARACHE, **options})
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "sites": Site.objects.count(),
        "pages": Page.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "images": get_image_model().objects.count(),
        "settings": CommuneSettings.objects.count(),
        "users": get_user_model().objects.count(),
        "neighbourhoods": Neighbourhood.objects.count(),
    }


@pytest.fixture
def png_logo(tmp_path):
    path = tmp_path / "logo.png"
    PILImage.new("RGB", (120, 80), (11, 110, 79)).save(path, "PNG")
    return str(path)


def _pair(home_ar: Page, slug: str) -> tuple[Page, Page]:
    page_ar = home_ar.get_children().get(slug=slug).specific
    page_fr = page_ar.get_translation(Locale.objects.get(language_code="fr")).specific
    return page_ar, page_fr


def test_generator_creates_site_pages_settings_and_groups(client, png_logo):
    output = create(logo=png_logo, theme="atlas", primary_colour="#a4401c")
    assert "created" in output

    site = Site.objects.get(hostname="larache.test")
    commune = CommuneSettings.for_site(site)
    assert (commune.slug, commune.name_ar, commune.name_fr) == ("larache", LARACHE["name_ar"], LARACHE["name_fr"])
    assert commune.population == 125008
    assert commune.theme == "atlas" and commune.primary_colour == "#a4401c"
    assert commune.cndp_reference == "D-GC-123/2025"
    assert commune.logo is not None and commune.logo.collection_id == commune.collection_id

    home_ar = site.root_page.specific
    assert home_ar.locale.language_code == "ar"
    home_fr = home_ar.get_translation(Locale.objects.get(language_code="fr"))
    assert home_fr.title == "Commune de Larache"

    expected = {
        "about": ContentPage, "council": SectionPage, "participate": SectionPage, "privacy": ContentPage,
        "terms": ContentPage, "editors-guide": ContentPage, "contact": None, "documents": None,
        "accessibility": ContentPage,
    }
    for slug, page_class in expected.items():
        page_ar, page_fr = _pair(home_ar, slug)
        assert page_ar.live and page_fr.live, slug
        assert page_fr.locale.language_code == "fr"
        if page_class is not None:
            assert isinstance(page_ar, page_class), slug
        for page in (page_ar, page_fr):
            response = client.get(page.url, HTTP_HOST="larache.test")
            assert response.status_code == 200, (slug, page.url)

    privacy_ar, privacy_fr = _pair(home_ar, "privacy")
    for page in (privacy_ar, privacy_fr):
        html = client.get(page.url, HTTP_HOST="larache.test").content.decode()
        assert "D-GC-123/2025" in html
        assert "09" in html  # law 09-08 / 09.08
    assert "المادة 8" in client.get(privacy_ar.url, HTTP_HOST="larache.test").content.decode()
    assert "rectification" in client.get(privacy_fr.url, HTTP_HOST="larache.test").content.decode()

    about_ar, _about_fr = _pair(home_ar, "about")
    about_html = client.get(about_ar.url, HTTP_HOST="larache.test").content.decode()
    assert "125,008" in about_html and "العرائش" in about_html

    # Footer: about, contact, privacy, terms, accessibility (Arabic pages; French ones used on French pages).
    footer_slugs = [block.value.slug for block in commune.footer_pages]
    assert footer_slugs == ["about", "contact", "privacy", "terms", "accessibility"]
    html_fr = client.get(home_fr.url, HTTP_HOST="larache.test").content.decode()
    assert "Conditions de participation" in html_fr

    # The main menu has a handful of entries.
    in_menu = home_ar.get_children().live().in_menu().count()
    assert 4 <= in_menu <= 7

    roles = CommuneRole.objects.filter(site=site)
    assert {r.role for r in roles} == {r.value for r in Role}


def test_second_run_changes_nothing_and_says_so():
    create()
    before = counts()
    output = create(name_fr="Autre nom", theme="atlas")
    assert "already exists" in output
    assert counts() == before
    assert CommuneSettings.objects.get(slug="larache").name_fr == "Commune de Larache"


BAD_OPTIONS = [
    ({"theme": "nope"}, "Unknown theme"),
    ({"name_ar": ""}, "Arabic name"),
    ({"name_fr": "  "}, "French name"),
    ({"hostname": "http://larache.ma"}, "not a valid hostname"),
    ({"hostname": "bad host"}, "not a valid hostname"),
    ({"hostname": "-larache.ma"}, "not a valid hostname"),
    ({"hostname": "LARACHE.ma"}, "not a valid hostname"),
    ({"slug": "Larache!"}, "not a valid short name"),
    ({"slug": "la rache"}, "not a valid short name"),
    ({"population": "beaucoup"}, "not a number"),
    ({"population": "-5"}, "not a number"),
    ({"port": "http"}, "port"),
    ({"email": "not-an-email"}, "not a valid email"),
    ({"primary_colour": "green"}, "#RRGGBB"),
    ({"logo": "/nonexistent/logo.png"}, "does not exist"),
]


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS)
def test_bad_input_is_refused_and_nothing_is_created(options, message):
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        create(**options)
    assert message in str(excinfo.value)
    assert "nothing was changed" in str(excinfo.value)
    assert counts() == before


@pytest.mark.parametrize("content", [b"this is not an image", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b""])
def test_logo_that_is_not_an_image_is_refused(tmp_path, content):
    fake = tmp_path / "logo.png"
    fake.write_bytes(content)
    before = counts()
    with pytest.raises(CommandError, match="not an image"):
        create(logo=str(fake))
    assert counts() == before


def test_every_problem_is_listed_at_once():
    with pytest.raises(CommandError) as excinfo:
        create(theme="nope", name_ar="", hostname="bad host")
    text = str(excinfo.value)
    assert "Unknown theme" in text and "Arabic name" in text and "not a valid hostname" in text


def test_hostname_already_used_is_refused():
    create()
    before = counts()
    with pytest.raises(CommandError, match="already used"):
        create(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar El Kébir")
    assert counts() == before


def test_a_failing_feature_hook_rolls_everything_back():
    def broken_setup(**kwargs):
        raise RuntimeError("boom")

    before = counts()
    with hooks.register_temporarily("commune_setup", broken_setup), pytest.raises(RuntimeError, match="broken_setup"):
        create(demo=True)
    assert counts() == before


def test_commune_setup_hooks_get_the_tree_and_demo_users_in_order():
    calls = []

    def late(*, site, home_ar, home_fr, demo, demo_users):
        calls.append(("late", home_ar.pk, home_fr.locale.language_code, demo, sorted(demo_users)))

    def early(*, site, home_ar, home_fr, demo, demo_users):
        calls.append(("early", home_ar.pk, home_fr.locale.language_code, demo, sorted(demo_users)))

    late.order = 500
    early.order = -5
    with hooks.register_temporarily("commune_setup", late), hooks.register_temporarily("commune_setup", early):
        create(demo=True)
    home_pk = Site.objects.get(hostname="larache.test").root_page_id
    expected_users = sorted([*(r.value for r in Role), "citizen", "citizen2", "association"])
    assert calls == [
        ("early", home_pk, "fr", True, expected_users),
        ("late", home_pk, "fr", True, expected_users),
    ]


def test_two_communes_each_on_their_own_hostname(client):
    create()
    create(slug="ksar", hostname="ksar.test", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar El Kébir",
           population="126617", theme="atlas", address_ar="شارع الحسن الثاني، القصر الكبير",
           address_fr="Avenue Hassan II, Ksar El Kébir", email="contact@ksar.test", cndp_reference="")
    larache = client.get("/ar/", HTTP_HOST="larache.test")
    ksar = client.get("/fr/", HTTP_HOST="ksar.test")
    assert larache.status_code == 200 and ksar.status_code == 200
    assert "جماعة العرائش" in larache.content.decode() and "القصر الكبير" not in larache.content.decode()
    assert "Ksar El Kébir" in ksar.content.decode() and "Larache" not in ksar.content.decode()
    # Each commune has its own groups and collection.
    assert CommuneRole.objects.count() == 2 * len(Role)
    settings_larache = CommuneSettings.objects.get(slug="larache")
    settings_ksar = CommuneSettings.objects.get(slug="ksar")
    assert settings_larache.collection_id != settings_ksar.collection_id


def test_demo_accounts_are_verified_and_printed():
    output = create(demo=True, default_site=True)
    site = Site.objects.get(hostname="larache.test")
    assert site.is_default_site
    assert Site.objects.filter(is_default_site=True).count() == 1
    user_model = get_user_model()
    for key in [r.value for r in Role] + ["citizen", "citizen2", "association"]:
        email = f"{key.replace('_', '-')}.larache@example.org"
        user = user_model.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True).exists()
        assert email in output
    communicator = user_model.objects.get(email="communicator.larache@example.org")
    assert communicator.groups.filter(commune_role__site=site, commune_role__role=Role.COMMUNICATOR).exists()
    assert DEMO_PASSWORD in output
    assert "http://larache.test/admin/" in output
    assert "MFA" in output
    assert list(Neighbourhood.objects.filter(site=site).values_list("name_ar", flat=True)) == [
        name for name, _fr in LARACHE_NEIGHBOURHOODS
    ]
    association = user_model.objects.get(email="association.larache@example.org")
    assert association.confirmed_association
    from site_template.accounts.models import DemographicProfile

    profiles = DemographicProfile.objects.filter(user__email__endswith=".larache@example.org")
    assert profiles.count() == 3
    assert all(p.neighbourhood is not None and p.neighbourhood.site_id == site.pk for p in profiles)

    # `make demo` again: nothing changes, the accounts are printed again.
    before = counts()
    again = create(demo=True, default_site=True)
    assert "already exists" in again and DEMO_PASSWORD in again and "citizen2.larache@example.org" in again
    assert counts() == before


def test_editors_guide_is_reachable_from_the_admin(client):
    create()
    site = Site.objects.get(hostname="larache.test")
    admin_user = get_user_model().objects.create_superuser(email="root@example.org", password="x-long-password-1")
    client.force_login(admin_user)
    menu = client.get("/admin/", HTTP_HOST="larache.test")
    assert menu.status_code == 200
    response = client.get("/admin/editors-guide/", HTTP_HOST="larache.test")
    assert response.status_code == 302
    guide = site.root_page.get_children().get(slug="editors-guide")
    guide_fr = guide.get_translation(Locale.objects.get(language_code="fr"))
    assert response["Location"] in {urlparse(guide.url).path, urlparse(guide_fr.url).path}
    page = client.get(response["Location"], HTTP_HOST="larache.test")
    assert page.status_code == 200


@pytest.mark.parametrize("admin_host", ["ksar.test", "larache.test"])
def test_editors_guide_for_the_staff_of_a_second_commune(client, admin_host):
    """Staff of the second commune reach their own commune's guide, whichever host they opened
    the admin on."""
    create(default_site=True)
    create(slug="ksar", hostname="ksar.test", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar El Kébir",
           email="contact@ksar.test")
    ksar = Site.objects.get(hostname="ksar.test")
    staff = get_user_model().objects.create_user(email="communicator@ksar.test", password="x-long-password-1")
    staff.groups.add(CommuneRole.objects.get(site=ksar, role=Role.COMMUNICATOR).group)
    client.force_login(staff)

    response = client.get("/admin/editors-guide/", HTTP_HOST=admin_host)
    assert response.status_code == 302
    guide = ksar.root_page.get_children().get(slug="editors-guide")
    guide_fr = guide.get_translation(Locale.objects.get(language_code="fr"))
    location = urlparse(response["Location"])
    assert location.path in {urlparse(guide.full_url).path, urlparse(guide_fr.full_url).path}
    assert location.netloc in ("", "ksar.test")
    page = client.get(location.path, HTTP_HOST="ksar.test")
    assert page.status_code == 200 and "القصر الكبير" in page.content.decode()


def test_generator_with_every_feature_hook(client, with_feature_hooks):
    """What `make demo` does: every installed feature adds its pages and demo content."""
    output = create(demo=True, default_site=True)
    assert "created" in output
    site = Site.objects.get(hostname="larache.test")
    home_ar = site.root_page.specific
    for page in home_ar.get_descendants(inclusive=True).live().specific():
        response = client.get(page.url, HTTP_HOST="larache.test")
        assert response.status_code == 200, (page.url, type(page).__name__)
    before = counts()
    assert "already exists" in create(demo=True, default_site=True)
    assert counts() == before


def test_a_second_demo_commune_with_every_feature_hook(with_feature_hooks):
    """Two demo communes on one database: the second one's demo content (information requests
    among it) is made as the first one's was, each commune numbering its own requests."""
    from participation.info_requests.models import InfoRequest

    assert "created" in create(demo=True, default_site=True)
    assert "created" in create(demo=True, slug="ksar", hostname="ksar.test", name_ar="جماعة القصر الكبير",
                               name_fr="Commune de Ksar El Kébir", email="contact@ksar.test")
    for hostname, prefix in (("larache.test", "LARACHE"), ("ksar.test", "KSAR")):
        numbers = InfoRequest.objects.filter(site__hostname=hostname).values_list("tracking_number", flat=True)
        assert numbers and all(number.startswith(f"{prefix}-") for number in numbers)


def test_only_one_commune_can_be_the_default_site():
    create(default_site=True)
    before = counts()
    with pytest.raises(CommandError, match="already the default site"):
        create(slug="ksar", hostname="ksar.test", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar El Kébir",
               default_site=True)
    assert counts() == before
    assert Site.objects.get(is_default_site=True).hostname == "larache.test"
