import pytest
from wagtail.models import Locale

from participation.core.models import Category
from participation.suggestions.models import SuggestionsPage
from participation.suggestions.wagtail_hooks import setup_suggestions
from site_template.communes.models import Neighbourhood


@pytest.fixture
def spage_ar(commune_site, home_ar, home_fr):
    setup_suggestions(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    return SuggestionsPage.objects.get(locale__language_code="ar")


@pytest.fixture
def spage_fr(spage_ar):
    return spage_ar.get_translation(Locale.objects.get(language_code="fr"))


@pytest.fixture
def category(commune_site, spage_ar):
    return Category.objects.filter(site=commune_site).first()


@pytest.fixture
def neighbourhood(commune_site):
    return Neighbourhood.objects.create(site=commune_site, name_ar="حي السلام", name_fr="Quartier Salam")
