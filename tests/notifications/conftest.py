import pytest

from site_template.pages.models import ContentPage
from site_template.pages.tree import add_translated_child
from tests.factories import ContributionFactory


@pytest.fixture
def pages(home_ar):
    return add_translated_child(
        home_ar,
        page_class=ContentPage,
        ar={"title": "فضاء الاقتراحات", "slug": "iqtirahat"},
        fr={"title": "Espace des suggestions", "slug": "suggestions"},
    )


@pytest.fixture
def page_ar(pages):
    return pages[0]


@pytest.fixture
def page_fr(pages):
    return pages[1]


@pytest.fixture
def author(citizen):
    """Amina (tests/conftest.py ``citizen``), the author of ``contribution``."""
    return citizen


@pytest.fixture
def contribution(page_ar, author):
    return ContributionFactory(
        page=page_ar, author=author, title="إنارة زنقة الحرية", text="المرجو إصلاح الإنارة."
    )
