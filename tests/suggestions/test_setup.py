import pytest

from participation.core.models import Category, Comment, Contribution
from participation.suggestions.models import SuggestionsPage
from participation.suggestions.wagtail_hooks import setup_suggestions, suggestions_role_permissions
from site_template.communes.roles import Role
from site_template.pages.models import SectionPage
from site_template.pages.tree import add_translated_child
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_setup_is_idempotent_and_goes_under_participate_with_demo(commune_site, home_ar, home_fr, client):
    participate, _fr = add_translated_child(
        home_ar, page_class=SectionPage, ar={"title": "شارك", "slug": "participate"}, fr={"title": "Participer", "slug": "participate"}
    )
    users = {"citizen": UserFactory(display_name="أ"), "citizen2": UserFactory(display_name="ب"), Role.FOCAL_POINT: UserFactory(focal_point=True, site=commune_site)}
    for _ in range(2):
        setup_suggestions(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=True, demo_users=users)
    pages = SuggestionsPage.objects.all()
    assert pages.count() == 2  # ar + fr
    page_ar = pages.get(locale__language_code="ar")
    assert page_ar.get_parent().pk == participate.pk
    assert Category.objects.filter(site=commune_site).count() == 6
    demo = Contribution.objects.filter(page=page_ar)
    assert demo.count() == 4
    assert Comment.objects.filter(contribution__page=page_ar).exists()
    assert demo.filter(status="accepted").exclude(official_answer="").exists()
    assert all(c.support_count == c.supports.count() for c in demo)
    # The home page shows the suggestions section in both languages.
    assert "ملعب للقرب لفائدة شباب الحي" in client.get("/ar/").content.decode()
    assert "Aménager un passage piéton" in client.get("/fr/").content.decode()


def test_role_permissions_exist():
    from django.contrib.auth.models import Permission

    for dotted in suggestions_role_permissions()[Role.FOCAL_POINT]:
        app, codename = dotted.split(".")
        assert Permission.objects.filter(content_type__app_label=app, codename=codename).exists(), dotted
