"""Information requests: identity and request fields lose their bidi controls where they are
typed; a subject saved before that is printed without them (the admin's listing puts it in
aria-labels)."""

import pytest

from participation.info_requests.models import InfoRequest
from tests.hostile_text import RLO_NAME, assert_no_bidi_controls

from .test_public import FORM

pytestmark = pytest.mark.django_db


def test_request_fields_are_cleaned_on_entry(client, info_page, citizen):
    client.force_login(citizen)
    response = client.post(info_page.url, {
        **FORM, "full_name": "\u202eفاطمة\u202c الزهراء", "subject": RLO_NAME,
        "postal_address": "\u2066زنقة\u2069 الأندلس", "information_requested": "\u202bأطلب نسخة من الميزانية.",
    })
    assert response.status_code == 302
    request = InfoRequest.objects.get()
    assert request.subject == "txt.exe"
    assert request.information_requested == "أطلب نسخة من الميزانية."
    assert request.full_name == "فاطمة الزهراء" and request.postal_address == "زنقة الأندلس"
    html = client.get(info_page.url + "mine/").content.decode()
    assert_no_bidi_controls(html)
    assert "<bdi>txt.exe</bdi>" in html


def test_subject_saved_before_the_cleaning_is_isolated_everywhere(client, file_request, officer, info_page, citizen):
    request, _token = file_request(requester=citizen)
    InfoRequest.objects.filter(pk=request.pk).update(subject=RLO_NAME)
    request.refresh_from_db()
    assert str(request) == f"{request.tracking_number} — txt.exe"
    client.force_login(officer)
    for url in ("/admin/info_requests/", f"/admin/info_requests/{request.pk}/"):
        html = client.get(url).content.decode()
        assert_no_bidi_controls(html)
    client.force_login(citizen)
    html = client.get(info_page.url + "mine/").content.decode()
    assert_no_bidi_controls(html)
    assert "<bdi>txt.exe</bdi>" in html
