"""The focal point's admin: moderation queue, hide/restore/dismiss, block, log, official answer."""

import pytest
from django.contrib.auth.models import Permission

from participation.core import services
from participation.core.models import Comment, Contribution, ModerationAction, UserBlock
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(focal_point):
    group = focal_point.groups.get()
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "moderate_contribution", "answer_contribution"]
        )
    )
    return focal_point


@pytest.fixture
def reported(page_ar, citizen, citizen2):
    contribution = ContributionFactory(page=page_ar, author=citizen)
    comment = services.comment_create(contribution=contribution, author=citizen2, text="كلام مسيء جدا")
    services.report_create(reporter=citizen, reason="abuse", details="سب وشتم", comment=comment)
    return contribution, comment


def test_citizen_cannot_open_the_queue(client, citizen):
    client.force_login(citizen)
    r = client.get("/admin/participation/")
    assert r.status_code == 403


def test_queue_lists_reports_and_hide_flow(client, staff, reported, citizen2, commune_site):
    contribution, comment = reported
    client.force_login(staff)
    r = client.get("/admin/participation/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "كلام مسيء جدا" in html and "سب وشتم" in html
    r = client.post(f"/admin/participation/comment/{comment.pk}/hide/", {"reason": ""})
    assert r.status_code == 200  # form error, nothing hidden
    comment.refresh_from_db()
    assert not comment.is_hidden
    r = client.post(f"/admin/participation/comment/{comment.pk}/hide/", {"reason": "إساءة"})
    assert r.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "إساءة"
    assert "كلام مسيء جدا" not in client.get("/admin/participation/").content.decode()
    assert "كلام مسيء جدا" in client.get("/admin/participation/hidden/").content.decode()
    # block the author for 7 days
    r = client.post(f"/admin/participation/block/{citizen2.pk}/", {"site": commune_site.pk, "days": 7, "reason": "سب متكرر"})
    assert r.status_code == 302
    assert UserBlock.objects.active().filter(user=citizen2).exists()
    assert client.get("/admin/participation/blocks/").status_code == 200
    # restore
    client.post(f"/admin/participation/comment/{comment.pk}/restore/", {"reason": ""})
    comment.refresh_from_db()
    assert not comment.is_hidden
    log = client.get("/admin/participation/log/").content.decode()
    assert "إساءة" in log and "سب متكرر" in log
    assert list(ModerationAction.objects.values_list("action", flat=True)) == ["restore", "block", "hide"]


def test_other_communes_items_are_out_of_reach(client, staff, page_ar):
    from site_template.communes.services import CommuneSpec, commune_create
    from site_template.pages.models import ContentPage
    from site_template.pages.tree import add_translated_child

    other_site = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="تطوان", name_fr="Tétouan", hostname="tetouan.example"))
    other_page, _fr = add_translated_child(
        other_site.root_page, page_class=ContentPage, ar={"title": "م", "slug": "m"}, fr={"title": "p", "slug": "p"}
    )
    other = ContributionFactory(page=other_page, author=UserFactory())
    client.force_login(staff)
    # Another commune's item: 403 (site_template.communes.admin_scoping.OutsideCommunes).
    response = client.get(f"/admin/participation/contributions/{other.pk}/")
    assert response.status_code == 403
    response = client.post(f"/admin/participation/contribution/{other.pk}/hide/", {"reason": "x"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert not other.is_hidden


def test_official_answer_and_status_from_admin(client, staff, page_ar, citizen):
    contribution = ContributionFactory(page=page_ar, author=citizen)
    client.force_login(staff)
    assert client.get("/admin/participation/contributions/").status_code == 200
    url = f"/admin/participation/contributions/{contribution.pk}/"
    assert client.get(url).status_code == 200
    r = client.post(url, {"status": "not_retained", "answer": "", "reason": ""})
    assert r.status_code == 200  # reason required
    r = client.post(url, {"status": "accepted", "answer": "سنقوم بالإصلاح قريبا", "reason": ""})
    assert r.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == "accepted" and contribution.official_answer == "سنقوم بالإصلاح قريبا"
    assert contribution.answered_by == staff


def test_author_sees_hidden_reason_others_do_not(client, staff, page_ar, citizen, citizen2):
    from participation.suggestions.wagtail_hooks import setup_suggestions  # noqa: F401 — app registered

    contribution = ContributionFactory(page=page_ar, author=citizen)
    services.moderation_hide(by=staff, reason="معطيات شخصية", contribution=contribution)
    assert not Contribution.objects.visible().filter(pk=contribution.pk).exists()
    assert Contribution.objects.visible_to(citizen).filter(pk=contribution.pk).exists()
    assert not Contribution.objects.visible_to(citizen2).filter(pk=contribution.pk).exists()
    assert Comment.objects.count() == 0


def test_categories_snippet_is_scoped_to_the_staffs_commune(client, staff, commune_site):
    from participation.core.models import Category
    from site_template.communes.services import CommuneSpec, commune_create

    staff.groups.get().permissions.add(
        *Permission.objects.filter(codename__in=["add_category", "change_category", "delete_category"])
    )
    own = Category.objects.create(site=commune_site, name_ar="الطرق", name_fr="Voirie")
    other_site = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="تطوان", name_fr="Tétouan", hostname="tetouan.example"))
    other = Category.objects.create(site=other_site, name_ar="صنف آخر", name_fr="Autre commune")
    client.force_login(staff)
    listing = client.get("/admin/snippets/participation_core/category/").content.decode()
    assert "الطرق" in listing and "صنف آخر" not in listing
    assert client.get(f"/admin/snippets/participation_core/category/edit/{own.pk}/").status_code == 200
    response = client.get(f"/admin/snippets/participation_core/category/edit/{other.pk}/")
    assert response.status_code == 403 and "صنف آخر" not in response.content.decode()
    form = client.get("/admin/snippets/participation_core/category/add/").content.decode()
    assert "tetouan" not in form.lower() and "Tétouan" not in form
