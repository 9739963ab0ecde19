"""The button each capability puts on its pages in Wagtail's editor and page listing
(``participation.core.admin_buttons``): to its staff screen for the page's source copy, shown to
the staff its rule lets manage it, on both language copies, and to nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CASES = [
    # (page model, role that manages it, url name of its staff screen)
    ("budget.BudgetPage", "communicator", "budget_admin:overview"),
    ("programme.ProgrammePage", "focal_point", "programme_admin:overview"),
    ("consultations.ConsultationPage", "focal_point", "consultations_admin:overview"),
    ("meetings.MeetingPage", "focal_point", "meetings_admin:registrants"),
]


def _buttons(page, user) -> dict[str, list[str]]:
    found = {}
    for hook, kwargs in (("register_page_header_buttons", {"view_name": "edit"}), ("register_page_listing_more_buttons", {})):
        found[hook] = [button.url for fn in hooks.get_hooks(hook) for button in fn(page, user, **kwargs)]
    return found


@pytest.mark.parametrize(("model", "role", "url_name"), CASES)
def test_the_manager_gets_the_button_on_both_copies_and_a_citizen_none(demo_commune, settings, model, role, url_name):
    from django.apps import apps

    settings.MFA_REQUIRED_FOR_STAFF = False
    page_class = apps.get_model(model)
    copies = list(page_class.objects.order_by("locale__language_code"))
    assert len(copies) >= 2, f"the demo has no {model} in both languages"
    source = next(p for p in copies if p.locale.language_code == "ar")
    translation = next(p for p in copies if p.translation_key == source.translation_key and p.pk != source.pk)
    manager = UserFactory(**{role: True}, email=f"{role}-buttons@example.ma")
    url = reverse(url_name, args=[source.pk])
    for page in (source, translation):
        buttons = _buttons(Page.objects.get(pk=page.pk), manager)  # as the admin lists it: a plain Page
        assert url in buttons["register_page_header_buttons"], (model, page.locale.language_code, buttons)
        assert url in buttons["register_page_listing_more_buttons"], (model, page.locale.language_code, buttons)
    citizen = UserFactory(email="citizen-buttons@example.ma")
    assert url not in sum(_buttons(Page.objects.get(pk=source.pk), citizen).values(), [])


def test_a_page_of_another_kind_gets_no_capability_button(demo_commune, superuser, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    home = Page.objects.get(depth=2, locale__language_code="ar")
    urls = sum(_buttons(home, superuser).values(), [])
    assert not [url for url in urls if "/admin/budget/" in url or "/admin/programme/" in url
                or "/admin/consultations/" in url or "/admin/meetings/" in url]
