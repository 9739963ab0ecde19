import pytest

from site_template.pages.models import ContentPage
from site_template.pages.tree import add_translated_child
from tests.core.factories import make_contribution, make_focal_point, make_user


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
def author(db):
    return make_user(name="أمينة", email="amina@example.ma")


@pytest.fixture
def citizen2(db):
    return make_user(name="Karim", email="karim@example.ma")


@pytest.fixture
def focal_point(commune_site):
    return make_focal_point(commune_site, name="Focal", email="focal@example.ma")


@pytest.fixture
def contribution(page_ar, author):
    return make_contribution(
        page=page_ar, author=author, title="إنارة زنقة الحرية", text="المرجو إصلاح الإنارة."
    )
