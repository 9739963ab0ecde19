"""Staff correct an estimated Islamic holiday in the admin (Snippets → Public holidays): saving
confirms it, the sync keeps it, and deadlines follow."""

import datetime as dt

import pytest
from django.urls import reverse

from participation.working_days.models import PublicHoliday
from participation.working_days.selectors import add_working_days
from participation.working_days.services import holidays_sync

pytestmark = pytest.mark.django_db


def test_correcting_a_holiday_in_the_admin_confirms_it(client, django_user_model):
    holidays_sync(years=[2026])
    admin = django_user_model.objects.create_superuser(email="root@example.ma", password="x" * 14)
    client.force_login(admin)
    index = client.get(reverse("wagtailsnippets_working_days_publicholiday:list"))
    assert index.status_code == 200
    adha = PublicHoliday.objects.get(key="2026-eid-al-adha-1")
    assert adha.estimated
    before = add_working_days(dt.date(2026, 5, 26), 1)
    assert before == dt.date(2026, 5, 29)  # 27 and 28 May are (estimated) Eid al-Adha
    url = reverse("wagtailsnippets_working_days_publicholiday:edit", args=[adha.pk])
    response = client.post(url, {"date": "2026-05-26", "name_ar": adha.name_ar, "name_fr": adha.name_fr})
    assert response.status_code == 302
    adha.refresh_from_db()
    assert adha.date == dt.date(2026, 5, 26) and not adha.estimated and adha.confirmed_by == admin
    holidays_sync(years=[2026])
    adha.refresh_from_db()
    assert adha.date == dt.date(2026, 5, 26)
    # 26 May is now the (confirmed) Eid; 27 May (old day 1) is a working day again
    assert add_working_days(dt.date(2026, 5, 25), 1) == dt.date(2026, 5, 27)
