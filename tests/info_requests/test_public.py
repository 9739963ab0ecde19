"""The public side end to end with the Django test client: form (ar/fr), receipt, email, PDF,
status page, complaint, register, figures and CSV, proactive publication."""

import io
import re
import unicodedata

import pytest
from django.core import mail

from participation.info_requests import services
from participation.info_requests.models import InfoRequest, Status
from participation.working_days import clock

pytestmark = pytest.mark.django_db

FORM = {
    "full_name": "فاطمة الزهراء العلمي",
    "postal_address": "12 زنقة الأندلس، العرائش",
    "id_document": "cin",
    "id_number": "la 123456",
    "email": "fatima@example.ma",
    "phone": "0612345678",
    "subject": "ميزانية الجماعة 2025",
    "information_requested": "أطلب نسخة من الميزانية المصادق عليها.",
    "access_form": "email",
}


def _submit(client, page, data=None):
    return client.post(page.url, data or FORM)


def test_form_renders_in_both_languages_with_the_09_08_notice(client, info_page, info_page_fr, commune_site):
    from site_template.communes.models import CommuneSettings

    commune = CommuneSettings.for_site(commune_site)
    commune.cndp_reference = "A-GC-123/2026"
    commune.save()
    ar = client.get(info_page.url)
    assert ar.status_code == 200
    html = ar.content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "A-GC-123/2026" in html and 'name="id_number"' in html and "<script" not in html.split("</main>")[0].split("<main")[1]
    fr = client.get(info_page_fr.url)
    assert fr.status_code == 200 and 'lang="fr"' in fr.content.decode()


def test_invalid_form_keeps_input_and_shows_errors(client, info_page):
    data = {**FORM, "id_number": "12", "access_form": "email", "email": "", "is_urgent": "on"}
    response = _submit(client, info_page, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert FORM["information_requested"] in html and FORM["full_name"] in html
    assert InfoRequest.objects.count() == 0


def test_anonymous_files_and_gets_receipt_email_pdf_and_status(client, info_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(client, info_page)
    assert response.status_code == 302
    receipt_url = response["Location"]
    match = re.search(r"/r/([A-Za-z0-9_-]+)/receipt/$", receipt_url)
    assert match
    token = match.group(1)
    request = InfoRequest.objects.get()
    assert request.id_number == "LA123456" and request.requester is None
    assert request.token_hash != token and token not in request.token_hash

    receipt = client.get(receipt_url)
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert request.tracking_number in html and f"/r/{token}/" in html
    assert receipt["Cache-Control"].startswith("private")

    assert len(mail.outbox) == 1
    assert request.tracking_number in mail.outbox[0].subject
    assert f"/r/{token}/" in mail.outbox[0].body and mail.outbox[0].to == ["fatima@example.ma"]

    pdf = client.get(info_page.url + f"r/{token}/receipt/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    import pypdf

    text = unicodedata.normalize("NFKC", pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text())
    assert request.tracking_number in text
    assert "جماعة العرائش" in text  # shaped Arabic, right to left, read back in logical order
    assert "وصل طلب الحصول على المعلومات" in text
    assert "LA123456" not in text and "456" in text  # the ID number is masked

    status = client.get(info_page.url + f"r/{token}/")
    assert status.status_code == 200
    assert request.tracking_number in status.content.decode()


def test_french_receipt_pdf_and_email(client, info_page_fr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(info_page_fr.url, {**FORM, "full_name": "Fatima Zahra Alami"})
    token = re.search(r"/r/([A-Za-z0-9_-]+)/receipt/$", response["Location"]).group(1)
    request = InfoRequest.objects.get()
    assert request.language == "fr"
    assert mail.outbox[0].subject.startswith("Votre demande") or "demande" in mail.outbox[0].subject.lower() or request.tracking_number in mail.outbox[0].subject
    pdf = client.get(info_page_fr.url + f"r/{token}/receipt/pdf/")
    import pypdf

    text = pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert request.tracking_number in text and "Fatima Zahra Alami" in text


def test_logged_in_form_is_prefilled_and_lists_requests(client, info_page, citizen):
    client.force_login(citizen)
    html = client.get(info_page.url).content.decode()
    assert f'value="{citizen.email}"' in html
    _submit(client, info_page)
    request = InfoRequest.objects.get()
    assert request.requester == citizen
    mine = client.get(info_page.url + "mine/")
    assert mine.status_code == 200 and request.tracking_number in mine.content.decode()


def test_my_requests_needs_login(client, info_page):
    response = client.get(info_page.url + "mine/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_tracking_number_alone_reveals_nothing(client, info_page, file_request):
    request, token = file_request()
    number = request.tracking_number
    for url in (
        info_page.url + f"r/{number}/",
        info_page.url + f"r/{number.replace('-', '')}aaaaaaaaaaaaaaaaaaaa/",
        info_page.url + "r/" + "A" * 32 + "/",
        info_page.url + "r/" + "A" * 32 + "/receipt/pdf/",
        info_page.url + "r/" + "A" * 32 + "/data/",
        info_page.url + f"?tracking={number}",
    ):
        response = client.get(url)
        body = response.content.decode(errors="ignore")
        assert IDENTITY_MARKERS.isdisjoint(set(re.findall(r"\w+", body))), url
        assert request.subject not in body, url
    # the real link works
    assert client.get(info_page.url + f"r/{token}/").status_code == 200


IDENTITY_MARKERS = {"LA123456", "fatima", "0612345678", "الزهراء"}


def test_status_page_shows_answer_attachment_and_hides_internal_notes(client, info_page, file_request, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    request, token = file_request()
    services.info_request_message(request=request, message="ملاحظة داخلية سرية", by=officer, internal=True)
    services.info_request_answer(request=request, message="هذه هي الميزانية", by=officer,
                                 files=[SimpleUploadedFile("budget.pdf", b"%PDF-1.4 test", "application/pdf")])
    html = client.get(info_page.url + f"r/{token}/").content.decode()
    assert "هذه هي الميزانية" in html and "budget.pdf" in html
    assert "ملاحظة داخلية سرية" not in html
    attachment = request.attachments.get()
    download = client.get(info_page.url + f"r/{token}/files/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
    # not published: the register's file route refuses it
    assert client.get(info_page.url + f"register/{request.pk}/files/{attachment.pk}/").status_code == 404
    # another request's token cannot fetch it
    _other, other_token = file_request()
    assert client.get(info_page.url + f"r/{other_token}/files/{attachment.pk}/").status_code == 404


def test_complaint_from_the_status_page_when_late(client, info_page, file_request):
    request, token = file_request()
    status_url = info_page.url + f"r/{token}/"
    assert 'action="' + status_url + 'complaint/"' not in client.get(status_url).content.decode()
    clock.travel(days=40)
    html = client.get(status_url).content.decode()
    assert status_url + "complaint/" in html
    response = client.post(status_url + "complaint/", {"text": ""})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = client.post(status_url + "complaint/", {"text": "لم أتلق أي جواب"})
    assert response.status_code == 302
    request.refresh_from_db()
    complaint = request.complaints.get()
    assert complaint.reason == "late"
    assert "لم أتلق أي جواب" in client.get(status_url).content.decode()


def test_register_shows_published_answers_without_identity(client, info_page, file_request, officer):
    published, _ = file_request()
    services.info_request_answer(request=published, message="الجواب المنشور", by=officer, publish=True)
    private, _ = file_request(subject="طلب غير منشور")
    services.info_request_answer(request=private, message="جواب خاص", by=officer)
    html = client.get(info_page.url + "register/").content.decode()
    assert "الجواب المنشور" in html and "جواب خاص" not in html
    for marker in IDENTITY_MARKERS:
        assert marker not in html


def test_figures_and_csv(client, info_page, file_request, officer):
    on_time, _ = file_request()
    services.info_request_answer(request=on_time, message="ok", by=officer)
    refused, _ = file_request()
    services.info_request_refuse(request=refused, ground="exception", exception="defence", reason="r", by=officer)
    late, _ = file_request()
    clock.travel(days=60)
    html = client.get(info_page.url + "figures/").content.decode()
    assert "<table" in html
    csv_response = client.get(info_page.url + "figures/csv/")
    assert csv_response.status_code == 200
    content = csv_response.content.decode("utf-8-sig")
    lines = content.strip().splitlines()
    year = str(on_time.received_at.year)
    row = next(line for line in lines[1:] if line.startswith(year)).split(",")
    # year, received, on time, late, unanswered past deadline, pending, refused, refused by exception
    assert row[:8] == [year, "3", "2", "0", "1", "1", "1", "1"]
    assert late.status == Status.RECEIVED
    assert "LA123456" not in content


def test_proactive_page_lists_library_documents(client, info_page):
    response = client.get(info_page.url + "published/")
    assert response.status_code == 200
    assert "31-13" in response.content.decode() or "31.13" in response.content.decode()


def test_setup_is_idempotent(commune_site, home_ar, home_fr, info_page):
    from participation.info_requests.models import InfoRequestPage
    from participation.info_requests.provisioning import info_requests_setup

    again = info_requests_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    assert again.pk == info_page.pk
    assert InfoRequestPage.objects.count() == 2  # ar + fr


def test_demo_requests(commune_site, home_ar, home_fr, officer, citizen):
    from participation.info_requests.provisioning import info_requests_setup

    info_requests_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=True,
                        demo_users={"information_officer": officer, "citizen": citizen})
    assert InfoRequest.objects.count() == 3
    assert InfoRequest.objects.published().count() == 1
    info_requests_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=True,
                        demo_users={"information_officer": officer, "citizen": citizen})
    assert InfoRequest.objects.count() == 3


def test_logged_in_requester_opens_own_request_without_the_token(client, info_page, citizen, citizen2):
    client.force_login(citizen)
    _submit(client, info_page)
    request = InfoRequest.objects.get()
    mine = client.get(info_page.url + "mine/").content.decode()
    owner_url = info_page.url + f"r/{request.owner_key}/"
    assert owner_url in mine
    assert client.get(owner_url).status_code == 200
    assert client.get(owner_url + "data/").status_code == 200
    client.force_login(citizen2)
    assert client.get(owner_url).status_code == 404
    assert client.get(owner_url + "receipt/pdf/").status_code == 404
    client.logout()
    assert client.get(owner_url).status_code == 404


def test_home_section_lists_published_answers(client, info_page, file_request, officer, home_ar):
    assert "home-info_requests" not in client.get("/ar/").content.decode()
    request, _ = file_request()
    services.info_request_answer(request=request, message="الجواب", by=officer, publish=True)
    html = client.get(home_ar.url).content.decode()
    assert "home-info_requests" in html and request.subject in html
    assert "LA123456" not in html


def test_refusal_letter_pdf_names_the_ground_and_the_right_to_complain(client, info_page, file_request, officer):
    import pypdf

    request, token = file_request()
    assert client.get(info_page.url + f"r/{token}/letter/pdf/").status_code == 404  # not refused
    services.info_request_refuse(request=request, ground="exception", exception="private_life",
                                 reason="معطيات شخصية للغير", by=officer)
    status = client.get(info_page.url + f"r/{token}/").content.decode()
    assert f"r/{token}/letter/pdf/" in status
    pdf = client.get(info_page.url + f"r/{token}/letter/pdf/")
    assert pdf.status_code == 200
    text = unicodedata.normalize("NFKC", pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text())
    assert "الحياة الخاصة" in text and "رئيس الجماعة" in text and "31.13" in text


def test_request_form_wording_in_arabic(client, info_page):
    """“الهاتف (اختياري) (اختياري)”: the label said it and the template added it again; the periods
    of art. 16 and 17 are written with their proper Arabic plurals."""
    body = client.get(info_page.url).content.decode()
    phone = body.split('for="id_phone"', 1)[1].split("</label>", 1)[0]
    assert phone.count("اختياري") == 1
    email = body.split('for="id_email"', 1)[1].split("</label>", 1)[0]
    assert email.count("اختياري") == 1 and "إن وجد" not in email
    assert "(اختياري) (اختياري)" not in body
    assert "تجيب الجماعة داخل أجل 20 يوم عمل (المادة 16)، أو داخل أجل 3 أيام إذا" in body
    assert "تمحى هويتكم بعد" in body and "يوما من إغلاق الطلب" in body
