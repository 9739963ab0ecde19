import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from site_template.library.models import DocumentCategory, DocumentCategoryItem
from site_template.library.selectors import documents_by_category


@pytest.fixture
def library(publishing, commune_site):
    Document = get_document_model()
    budget = DocumentCategory.objects.create(site=commune_site, slug="budget", name_ar="الميزانية",
                                             name_fr="Budget", sort_order=1)
    plans = DocumentCategory.objects.create(site=commune_site, slug="plans", name_ar="البرامج",
                                            name_fr="Programmes", sort_order=2)
    DocumentCategory.objects.create(site=commune_site, slug="empty", name_ar="فارغ", name_fr="Vide")
    docs = {}
    for title, name, category in [("Budget 2024", "budget-2024.csv", budget), ("Budget 2025", "b25.pdf", budget),
                                  ("Programme d'action", "pac.pdf", plans)]:
        docs[title] = Document.objects.create(title=title, file=ContentFile(b"x" * 2048, name=name))
        DocumentCategoryItem.objects.create(category=category, document=docs[title], sort_order=len(docs))
    return docs


@pytest.mark.django_db
def test_documents_by_category(library, commune_site):
    groups = documents_by_category(site=commune_site)
    assert [g.slug for g in groups] == ["budget", "plans"]
    assert [d.title for d in groups[0].documents] == ["Budget 2024", "Budget 2025"]
    only = documents_by_category(site=commune_site, category_slug="plans")
    assert [(g.slug, [d.title for d in g.documents]) for g in only] == [("plans", ["Programme d'action"])]
    found = documents_by_category(site=commune_site, query="2025")
    assert [[d.title for d in g.documents] for g in found] == [["Budget 2025"]]


@pytest.mark.django_db
def test_documents_by_category_is_per_site(library, commune_site):
    from wagtail.models import Site

    other = Site.objects.create(hostname="other.example", root_page=commune_site.root_page)
    assert documents_by_category(site=other) == []


@pytest.mark.django_db
def test_documents_page(client, library):
    html = client.get("/fr/documents/").content.decode()
    assert ">Budget</h2>" in html and ">Programmes</h2>" in html and ">Vide</h2>" not in html
    assert "CSV" in html and "PDF" in html
    assert "2,0" in html or "2.0" in html
    html = client.get("/fr/documents/?q=programme").content.decode()
    assert "Programme d&#x27;action" in html and "Budget 2024" not in html
    html = client.get("/ar/documents/?category=budget").content.decode()
    assert "Budget 2024" in html and "Programme d" not in html
    assert client.get("/ar/documents/?q=zzz").status_code == 200
