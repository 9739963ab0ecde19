import pytest

from participation.suggestions.services import suggestion_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _suggestion(page, author, category, **kw):
    return suggestion_create(page=page, author=author, title=kw.pop("title", "إصلاح الرصيف"), text="الرصيف مكسور أمام المدرسة منذ شهور.", category=category, **kw)


def test_list_detail_in_both_languages(client, spage_ar, spage_fr, citizen, category):
    s = _suggestion(spage_ar, citizen, category)
    for page in (spage_ar, spage_fr):
        r = client.get(page.url)
        assert r.status_code == 200, r.content[:500]
        assert "إصلاح الرصيف" in r.content.decode()
        r = client.get(f"{page.url}{s.pk}/")
        assert r.status_code == 200
        assert "الرصيف مكسور" in r.content.decode()


def test_post_suggestion(client, spage_ar, citizen, category, neighbourhood):
    client.force_login(citizen)
    r = client.get(spage_ar.url + "new/")
    assert r.status_code == 200
    r = client.post(spage_ar.url + "new/", {"title": "حديقة الحي", "text": "نقترح تهيئة حديقة صغيرة للأطفال بالحي.", "category": category.pk, "neighbourhood": neighbourhood.pk})
    assert r.status_code == 302, r.content.decode()[-3000:]
    r = client.get(r["Location"])
    assert "حديقة الحي" in r.content.decode()


def test_feeds_and_export(client, spage_ar, citizen, focal_point, category):
    _suggestion(spage_ar, citizen, category)
    assert client.get(spage_ar.url + "feed/rss/").status_code == 200
    assert client.get(spage_ar.url + "feed/atom/").status_code == 200
    client.force_login(citizen)
    assert client.get(spage_ar.url + "export/suggestions/csv/").status_code == 403
    client.force_login(focal_point)
    r = client.get(spage_ar.url + "export/suggestions/csv/")
    assert r.status_code == 200
    assert "إصلاح الرصيف" in r.content.decode("utf-8-sig")


def test_anonymous_pages_are_cached_until_content_changes(client, spage_ar, spage_fr, citizen, citizen2, category, settings):
    from participation.core.services import comment_create

    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 60
    s = _suggestion(spage_ar, citizen, category)
    detail = f"{spage_fr.url}{s.pk}/"
    assert client.get(detail)["X-Page-Cache"] == "miss"
    second = client.get(detail)
    assert second["X-Page-Cache"] == "hit" and second["Content-Type"].startswith("text/html")
    comment_create(contribution=s, author=citizen2, text="تعليق جديد بعد التخزين")
    fresh = client.get(detail)
    assert fresh["X-Page-Cache"] == "miss" and "تعليق جديد بعد التخزين" in fresh.content.decode()
    # Logged-in visitors never get the shared copy.
    client.force_login(citizen2)
    assert "X-Page-Cache" not in client.get(detail)


def test_filters_sort_and_pagination(client, spage_ar, citizen, citizen2, category, neighbourhood, commune_site):
    from participation.core.models import Category
    from participation.core.services import support_toggle

    other = Category.objects.filter(site=commune_site).exclude(pk=category.pk).first()
    a = _suggestion(spage_ar, citizen, category, title="اقتراح ألف", neighbourhood=neighbourhood)
    b = _suggestion(spage_ar, citizen, other, title="اقتراح باء")
    support_toggle(contribution=b, user=citizen2)
    html = client.get(spage_ar.url + f"?category={category.pk}").content.decode()
    assert "اقتراح ألف" in html and "اقتراح باء" not in html
    html = client.get(spage_ar.url + f"?neighbourhood={neighbourhood.pk}").content.decode()
    assert "اقتراح ألف" in html and "اقتراح باء" not in html
    html = client.get(spage_ar.url + "?sort=supported").content.decode()
    assert html.index("اقتراح باء") < html.index("اقتراح ألف")
    html = client.get(spage_ar.url + "?status=accepted").content.decode()
    assert "اقتراح ألف" not in html
    # Garbage filters are ignored, not a 500.
    assert client.get(spage_ar.url + "?category=abc&sort=zzz&page=999").status_code == 200
    assert a.pk


def test_author_edits_while_received_and_unverified_cannot_post(client, spage_ar, citizen, category):
    from tests.factories import UserFactory

    s = _suggestion(spage_ar, citizen, category)
    client.force_login(citizen)
    url = f"{spage_ar.url}{s.pk}/edit/"
    assert client.get(url).status_code == 200
    r = client.post(url, {"title": "عنوان معدل للاقتراح", "text": "نص معدل للاقتراح بما يكفي من الطول.", "category": category.pk})
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.title == "عنوان معدل للاقتراح"
    client.force_login(UserFactory(verified=False))
    r = client.get(spage_ar.url + "new/")
    html = r.content.decode()
    assert r.status_code == 200 and "/accounts/email/" in html, html[html.find("<main"):html.find("</main>")]
    r = client.post(spage_ar.url + "new/", {"title": "x" * 10, "text": "y" * 30, "category": category.pk})
    assert r.status_code == 403
    client.logout()
    r = client.get(spage_ar.url + "new/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_closed_space_refuses_new_suggestions(client, spage_ar, citizen, category):
    spage_ar.open_for_suggestions = False
    spage_ar.save_revision().publish()
    client.force_login(citizen)
    r = client.post(spage_ar.url + "new/", {"title": "عنوان مغلق", "text": "نص طويل بما يكفي للاختبار هنا.", "category": category.pk})
    assert r.status_code == 403


def test_xlsx_export_keeps_arabic(client, spage_ar, citizen, focal_point, category):
    import io

    from openpyxl import load_workbook

    _suggestion(spage_ar, citizen, category)
    client.force_login(focal_point)
    r = client.get(spage_ar.url + "export/suggestions/xlsx/")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "إصلاح الرصيف" in values
    assert client.get(spage_ar.url + "export/comments/csv/").status_code == 200


def test_author_withdraws_a_suggestion(client, spage_ar, citizen, citizen2, category):
    from participation.core.models import Contribution

    s = _suggestion(spage_ar, citizen, category)
    client.force_login(citizen2)
    assert client.post(f"{spage_ar.url}{s.pk}/withdraw/").status_code == 403
    client.force_login(citizen)
    assert "/withdraw/" in client.get(f"{spage_ar.url}{s.pk}/").content.decode()
    assert client.get(f"{spage_ar.url}{s.pk}/withdraw/").status_code == 200
    r = client.post(f"{spage_ar.url}{s.pk}/withdraw/")
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.status == "withdrawn"
    assert not Contribution.objects.visible().filter(pk=s.pk).exists()
    assert client.get(f"{spage_ar.url}{s.pk}/").status_code == 404


def test_reply_without_javascript(client, spage_ar, citizen, citizen2, category):
    """A comment's "Reply" link turns the page's one comment form into a reply to it."""
    from participation.core.models import Comment
    from participation.core.services import comment_create

    s = _suggestion(spage_ar, citizen, category)
    top = comment_create(contribution=s, author=citizen, text="هل من موعد للإصلاح؟")
    client.force_login(citizen2)
    detail = f"{spage_ar.url}{s.pk}/"
    html = client.get(detail).content.decode()
    assert f'href="?reply={top.pk}#comment-form"' in html
    assert 'name="parent"' not in html  # no form per comment: one form for the page
    html = client.get(f"{detail}?reply={top.pk}").content.decode()
    assert f'<input type="hidden" name="parent" value="{top.pk}">' in html
    assert "ردّ على" in html and f'name="next" value="{detail}"' in html
    assert 'name="parent"' not in client.get(f"{detail}?reply=999999").content.decode()
    r = client.post(
        f"/ar/participation/contributions/{s.pk}/comment/",
        {"text": "الأشغال مبرمجة الشهر المقبل.", "parent": top.pk, "next": detail},
    )
    assert r.status_code == 302 and r["Location"].startswith(detail)
    assert Comment.objects.get(parent=top).text == "الأشغال مبرمجة الشهر المقبل."


def test_author_and_counts_read_right_in_arabic(client, spage_ar, citizen, citizen2, category):
    """“قدمه فاطمة” assumed a man; “3 دعمات” is no Arabic plural."""
    from participation.core.services import support_toggle

    s = _suggestion(spage_ar, citizen, category)
    for user in (citizen2, UserFactory(display_name="سعاد")):
        support_toggle(contribution=s, user=user, want=True)
    detail = client.get(f"{spage_ar.url}{s.pk}/").content.decode()
    meta = detail.split("من طرف ", 1)[1].split("</p>", 1)[0]
    assert citizen.public_name in meta and "قدمه" not in detail
    listing = client.get(spage_ar.url).content.decode()
    assert "تأييدان" in listing and "دعمات" not in listing
