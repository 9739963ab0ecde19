"""The officer's queue and processing page name staff by their name, never by their email
(an account without a display name used to read “Citizen”, or its email in choice lists)."""

import pytest
from django.urls import reverse

from participation.info_requests import services

pytestmark = pytest.mark.django_db


def test_queue_and_process_page_name_the_assigned_officer(client, officer, administrator, file_request):
    officer.first_name, officer.last_name = "نادية", "الإدريسي"
    officer.save()
    request, _token = file_request()
    services.info_request_assign(request=request, officer=officer, by=administrator)
    client.force_login(administrator)
    queue = client.get(reverse("info_requests:index")).content.decode()
    assert "نادية الإدريسي" in queue
    process = client.get(reverse("info_requests:process", args=[request.pk])).content.decode()
    assert process.count("نادية الإدريسي") >= 2  # “assigned to” and the choice in the assign form
    options = process.split('name="assign-officer"', 1)[1].split("</select>", 1)[0]
    assert "@" not in options
