import pytest

from site_template.pages.models import ContentPage
from site_template.pages.tree import add_translated_child


@pytest.fixture
def participation_pages(home_ar):
    """A generic participation page (any page type can hold contributions) in ar and fr."""
    return add_translated_child(
        home_ar,
        page_class=ContentPage,
        ar={"title": "صفحة المشاركة", "slug": "musharaka"},
        fr={"title": "Page de participation", "slug": "participation-fr"},
    )


@pytest.fixture
def page_ar(participation_pages):
    return participation_pages[0]


@pytest.fixture
def page_fr(participation_pages):
    return participation_pages[1]
