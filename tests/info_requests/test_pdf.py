"""The receipt and the refusal letter are real text: letters (not glyph shapes) in reading order,
parentheses the right way round, the private link whole, in Arabic and in French."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from participation.info_requests import services
from site_template.communes.models import CommuneSettings
from tests.pdf_checks import (
    assert_contains,
    assert_letters_not_glyph_forms,
    assert_reading_order,
    assert_url_line,
)

pytestmark = pytest.mark.django_db


def _receipt(client, page, token):
    response = client.get(page.url + f"r/{token}/receipt/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_arabic_receipt_reads_as_text(client, info_page, file_request):
    request, token = file_request(subject="نسخة من الميزانية (التسيير والتجهيز)")
    data = _receipt(client, info_page, token)
    commune = CommuneSettings.for_site(info_page.get_site())
    status_url = "http://testserver" + info_page.url + f"r/{token}/"
    assert_letters_not_glyph_forms(data)
    with translation.override("ar"):
        follow = _("Follow your request with your private link (keep it; the tracking number alone is not enough):")
        assert "(" in follow and follow.endswith(":")
        assert_contains(
            data, commune.name, _("Receipt of an information request"), _("Tracking number"), _("Requester"),
            request.tracking_number, request.full_name, request.information_requested, "456",
        )
        assert_reading_order(data, follow, request.subject)
    assert_url_line(data, status_url)
    assert "LA123456" not in data.decode("latin-1")


def test_french_receipt_reads_as_text(client, info_page_fr, file_request):
    request, token = file_request(identity={"full_name": "Fatima Zahra Alami"})
    data = _receipt(client, info_page_fr, token)
    with translation.override("fr"):
        assert_contains(
            data, _("Receipt of an information request"), _("Law 31-13 on the right of access to information"),
            _("Follow your request with your private link (keep it; the tracking number alone is not enough):"),
            _("The commune answers within 20 working days (law 31-13, art. 16); this period may be extended "
              "once by 20 working days with a reasoned notice. If the answer is late, refused or incomplete, you "
              "may complain to the head of the commune within 20 working days (art. 19), then to the commission "
              "for the right of access to information (CDAI) within 30 days (art. 20)."),
            request.tracking_number, "Fatima Zahra Alami",
        )
    assert_contains(data, request.information_requested)  # Arabic text in a French receipt, letters in order
    assert_url_line(data, "http://testserver" + info_page_fr.url + f"r/{token}/")


def test_refusal_letter_reads_as_text(client, info_page, info_page_fr, file_request, officer):
    request, token = file_request()
    services.info_request_refuse(request=request, ground="exception", exception="private_life",
                                 reason="معطيات شخصية للغير (الحياة الخاصة)", by=officer)
    data = client.get(info_page.url + f"r/{token}/letter/pdf/").content
    assert_letters_not_glyph_forms(data)
    with translation.override("ar"):
        assert_contains(data, _("Decision on an information request"), _("Your request is refused."),
                        request.tracking_number)
        assert_reading_order(data, "معطيات شخصية للغير (الحياة الخاصة)")
    french = client.get(info_page_fr.url + f"r/{token}/letter/pdf/").content
    with translation.override("fr"):
        assert_contains(french, _("Decision on an information request"), _("Ground (law 31-13, art. 18)"),
                        _("Your request is refused."), "الحياة الخاصة")
