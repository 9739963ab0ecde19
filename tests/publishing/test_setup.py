import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page

from site_template.contact.models import ContactPage
from site_template.council.models import CouncilSessionIndexPage, CouncilSessionPage
from site_template.library.models import DocumentCategory, DocumentsPage
from site_template.news.models import NewsIndexPage, NewsPage

from .conftest import run_publishing_setup


@pytest.mark.django_db
def test_setup_creates_pages_in_both_languages(publishing, home_ar, home_fr):
    for model in (NewsIndexPage, CouncilSessionIndexPage, DocumentsPage, ContactPage):
        assert model.objects.live().descendant_of(home_ar).count() == 1, model
        assert model.objects.live().descendant_of(home_fr).count() == 1, model
    assert NewsIndexPage.objects.descendant_of(home_ar).get().show_in_menus
    assert CouncilSessionIndexPage.objects.descendant_of(home_fr).get().show_in_menus
    contact_fr = ContactPage.objects.descendant_of(home_fr).get()
    assert [f.label for f in contact_fr.form_fields.all()] == ["Nom complet", "Adresse e-mail", "Objet", "Message"]
    contact_ar = ContactPage.objects.descendant_of(home_ar).get()
    assert [f.clean_name for f in contact_ar.form_fields.all()] == ["name", "email", "subject", "message"]
    assert not NewsPage.objects.exists()


@pytest.mark.django_db
def test_setup_is_idempotent_with_demo(publishing_demo, home_ar, home_fr):
    Document = get_document_model()
    counts = (Page.objects.count(), Document.objects.count(), DocumentCategory.objects.count())
    assert NewsPage.objects.descendant_of(home_ar).count() >= 6
    assert NewsPage.objects.descendant_of(home_fr).count() == NewsPage.objects.descendant_of(home_ar).count()
    assert CouncilSessionPage.objects.descendant_of(home_ar).filter(kind="extraordinary").exists()
    assert Document.objects.count() >= 3
    run_publishing_setup(publishing_demo, home_ar, home_fr, demo=True)
    assert (Page.objects.count(), Document.objects.count(), DocumentCategory.objects.count()) == counts


@pytest.mark.django_db
def test_setup_avoids_slug_taken_by_another_page(commune_site, home_ar, home_fr, settings, tmp_path):
    from site_template.pages.models import ContentPage
    from site_template.pages.tree import add_translated_child

    settings.MEDIA_ROOT = tmp_path / "media"
    add_translated_child(home_ar, page_class=ContentPage, ar={"title": "اتصل", "slug": "contact"},
                         fr={"title": "Contact", "slug": "contact"})
    run_publishing_setup(commune_site, home_ar, home_fr, demo=False)
    assert ContactPage.objects.descendant_of(home_fr).get().slug == "contact-2"
