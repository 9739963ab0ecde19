"""Access-control matrix: every page and export that holds identities refuses anonymous users,
citizens, communicators and focal points; information officers and administrators get in,
and each view of an identity is logged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participation.info_requests import services
from participation.info_requests.models import IdentityAccessLog
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSED = ["anonymous", "citizen", "communicator", "focal_point"]
ALLOWED = ["officer", "administrator"]


@pytest.fixture
def people(citizen, communicator, focal_point, officer, administrator):
    return {"anonymous": None, "citizen": citizen, "communicator": communicator, "focal_point": focal_point,
            "officer": officer, "administrator": administrator}


@pytest.fixture
def answered(file_request, officer):
    request, token = file_request()
    services.info_request_answer(
        request=request, message="answer", by=officer,
        files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 secret", "application/pdf")],
    )
    return request


def identity_urls(request):
    attachment = request.attachments.get()
    return [
        reverse("info_requests:index"),
        reverse("info_requests:index_results"),
        reverse("info_requests:process", args=[request.pk]),
        reverse("info_requests:attachment", args=[request.pk, attachment.pk]),
    ]


def refusal(who: str, path: str) -> tuple[int, str | None]:
    """What a refused visitor gets: anonymous visitors are sent to the site's log-in, citizens see
    the "for commune staff" page (403), staff without the role are sent back to the dashboard
    (Wagtail's answer to PermissionDenied)."""
    if who == "anonymous":
        return 302, f"/ar/accounts/login/?next={path}"
    if who == "citizen":
        return 403, None
    return 302, "/admin/"


@pytest.mark.parametrize("who", REFUSED)
def test_identity_pages_refuse(client, people, answered, who):
    from urllib.parse import quote

    if people[who]:
        client.force_login(people[who])
    for url in identity_urls(answered):
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == refusal(who, quote(url, safe="")), (who, url)
        body = response.content.decode(errors="ignore")
        assert "LA123456" not in body and "fatima" not in body
    url = reverse("info_requests:process", args=[answered.pk])
    response = client.post(url, {"action": "erase"})
    assert (response.status_code, response.get("Location")) == refusal(who, url)
    answered.refresh_from_db()
    assert answered.identity_erased_at is None
    assert not IdentityAccessLog.objects.exists()


@pytest.mark.parametrize("who", ALLOWED)
def test_identity_pages_allowed_and_logged(client, people, answered, who):
    client.force_login(people[who])
    index = client.get(reverse("info_requests:index"))
    assert index.status_code == 200
    html = index.content.decode()
    assert answered.tracking_number in html
    assert "LA123456" not in html and "•••••456" in html  # masked in the list
    detail = client.get(reverse("info_requests:process", args=[answered.pk]))
    assert detail.status_code == 200
    assert "LA123456" in detail.content.decode()
    log = IdentityAccessLog.objects.get()
    assert log.user == people[who] and log.request == answered
    attachment = answered.attachments.get()
    download = client.get(reverse("info_requests:attachment", args=[answered.pk, attachment.pk]))
    assert download.status_code == 200


def test_officer_of_another_commune_is_refused(client, answered):
    from site_template.communes.services import CommuneSpec, commune_create

    other = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="تطوان", name_fr="Tétouan", hostname="other.test"))
    client.force_login(UserFactory(information_officer=True, site=other, email="o2@example.ma"))
    assert answered.tracking_number not in client.get(reverse("info_requests:index")).content.decode()
    response = client.get(reverse("info_requests:process", args=[answered.pk]))
    assert response.status_code == 403 and "LA123456" not in response.content.decode()
    assert not IdentityAccessLog.objects.exists()


def test_public_pages_never_show_identity(client, info_page, answered, officer):
    services.info_request_set_published(request=answered, publish=True, by=officer)
    for path in ("", "register/", "figures/", "figures/csv/", "published/"):
        body = client.get(info_page.url + path).content.decode("utf-8-sig", errors="ignore")
        for marker in ("LA123456", "fatima@example.ma", "0612345678", "فاطمة الزهراء"):
            assert marker not in body, (path, marker)


def test_admin_officer_flow(client, officer, file_request, django_capture_on_commit_callbacks):
    from django.core import mail

    request, token = file_request()
    client.force_login(officer)
    url = reverse("info_requests:process", args=[request.pk])
    assert client.post(url, {"action": "start"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "extend", "extend-reason": "الوثائق في الأرشيف"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "extended" and request.extended_at
    assert any("الوثائق في الأرشيف" in m.body for m in mail.outbox)
    # a second extension is refused with a message, nothing changes
    due = request.due_date
    response = client.post(url, {"action": "extend", "extend-reason": "again"})
    request.refresh_from_db()
    assert request.due_date == due
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {
            "action": "answer", "answer-message": "الجواب مع المرفق", "answer-publish": "on",
            "answer-files": SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget", "application/pdf"),
        })
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "answered" and request.published_at and request.attachments.count() == 1
    kinds = list(request.events.values_list("kind", "by__email"))
    assert ("status", "officer@example.ma") in kinds and ("published", "officer@example.ma") in kinds
    # invalid refusal form re-renders with errors
    other, _ = file_request()
    response = client.post(reverse("info_requests:process", args=[other.pk]),
                           {"action": "refuse", "refuse-ground": "exception", "refuse-reason": "x"})
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.status == "received"


def test_answer_refuses_unaccepted_file_types(client, officer, file_request):
    request, _ = file_request()
    client.force_login(officer)
    response = client.post(reverse("info_requests:process", args=[request.pk]), {
        "action": "answer", "answer-message": "x",
        "answer-files": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"),
    })
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == "received" and not request.attachments.exists()
