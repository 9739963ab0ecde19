"""Contributions in the site search through the ``search_sources`` hook (issue 16): found with
the same spelling rules, filterable by type, excerpts marked; and the authorisation test: a hidden
suggestion, an information request and a draft page are never found."""

import pytest
from wagtail.models import Locale

from participation.core.services import contribution_withdraw, moderation_hide
from participation.info_requests import services as info_services
from participation.info_requests.models import AccessForm, IdDocument
from participation.info_requests.wagtail_hooks import info_requests_setup
from participation.suggestions.models import SuggestionsPage
from participation.suggestions.wagtail_hooks import setup_suggestions
from site_template.pages.models import ContentPage
from site_template.search.sources import search_sources
from tests.factories import ContributionFactory


@pytest.fixture
def spage(commune_site, home_ar, home_fr):
    setup_suggestions(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    return SuggestionsPage.objects.get(locale__language_code="ar")


@pytest.fixture
def secrets(spage, commune_site, home_ar, home_fr, focal_point):
    visible = ContributionFactory(page=spage, title="إصلاح الإنارة في الزقاق", text="المصابيح مطفأة منذ أسبوع")
    hidden = ContributionFactory(page=spage, title="حفرة خطيرة قرب المستوصف", text="حفرة عميقة")
    moderation_hide(by=focal_point, reason="hors sujet", contribution=hidden)
    withdrawn = ContributionFactory(page=spage, title="رصيف مكسور قرب المستوصف", text="الرصيف")
    contribution_withdraw(contribution=withdrawn, by=withdrawn.author)
    info_page = info_requests_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    info_services.info_request_create(
        page=info_page, subject="صفقة تبليط المستوصف", information_requested="نسخة من صفقة المستوصف",
        access_form=AccessForm.EMAIL,
        identity=info_services.Identity(full_name="فاطمة العلمي", postal_address="12 زنقة الأندلس",
                                        id_document=IdDocument.CIN, id_number="LA123456",
                                        email="fatima@example.ma", phone="0612345678"),
    )
    home_ar.add_child(instance=ContentPage(title="مسودة توسيع المستوصف", slug="draft", live=False,
                                           locale=Locale.objects.get(language_code="ar")))
    return visible, hidden


def test_the_core_registers_its_contributions():
    kinds = [source.kind for source in search_sources()]
    assert kinds[0] == "page" and {"suggestion", "remark", "proposal"} <= set(kinds)


@pytest.mark.django_db
def test_a_visible_suggestion_is_found_with_any_spelling(client, secrets):
    html = client.get("/ar/search/", {"q": "الانارة"}).content.decode()
    assert "إصلاح الإنارة في الزقاق" in html
    html = client.get("/ar/search/", {"q": "المصابيح مطفاه"}).content.decode()
    assert "<mark>المصابيح</mark> <mark>مطفأة</mark>" in html
    html = client.get("/fr/search/", {"q": "الإنارة"}).content.decode()
    assert "إصلاح الإنارة في الزقاق" in html and "/fr/" in html.split("إصلاح الإنارة في الزقاق")[0][-200:]


@pytest.mark.django_db
def test_results_filter_by_type(client, secrets, home_ar):
    page = home_ar.add_child(instance=ContentPage(title="برنامج الإنارة العمومية", slug="lighting",
                                                  locale=Locale.objects.get(language_code="ar")))
    page.save_revision().publish()
    everything = client.get("/ar/search/", {"q": "الإنارة"}).content.decode()
    assert "إصلاح الإنارة في الزقاق" in everything and "برنامج الإنارة العمومية" in everything
    assert 'type=suggestion' in everything and 'type=page' in everything
    suggestions = client.get("/ar/search/", {"q": "الإنارة", "type": "suggestion"}).content.decode()
    assert "إصلاح الإنارة في الزقاق" in suggestions and "برنامج الإنارة العمومية" not in suggestions
    assert 'name="type" value="suggestion"' in suggestions
    pages = client.get("/ar/search/", {"q": "الإنارة", "type": "page"}).content.decode()
    assert "إصلاح الإنارة في الزقاق" not in pages and "برنامج الإنارة العمومية" in pages
    assert client.get("/ar/search/", {"q": "الإنارة", "type": "<x>"}).status_code == 200


@pytest.mark.django_db
def test_hidden_private_and_draft_items_are_never_found(client, secrets, citizen, superuser):
    _visible, hidden = secrets
    for user in (None, citizen, hidden.author, superuser):
        if user is not None:
            client.force_login(user)
        for language in ("ar", "fr"):
            for query in ("المستوصف", "حفرة", "صفقة", "مسودة", "رصيف"):
                html = client.get(f"/{language}/search/", {"q": query}).content.decode()
                assert "search-results" in html
                for secret in ("حفرة خطيرة", "رصيف مكسور", "صفقة تبليط", "مسودة توسيع", "فاطمة"):
                    assert secret not in html, (user, language, query, secret)
