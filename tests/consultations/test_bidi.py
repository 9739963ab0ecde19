"""Proposal titles and remark-card fields: bidi controls are removed where they are typed; a
title saved before that still cannot reorder the page's <title> (where <bdi> cannot go)."""

import pytest

from participation.consultations.models import Remark
from tests.hostile_text import RLO_NAME, assert_no_bidi_controls, page_title

pytestmark = pytest.mark.django_db


def test_proposal_title_and_card_fields_are_cleaned_on_entry(client, consultation, projects, citizen):
    client.force_login(citizen)
    response = client.post(consultation.url + "propose/", {
        "proposal_title": RLO_NAME, "problem": "مشكل \u2066مهم\u2069", "solutions": "\u202aحل\u202c",
        "free_remark": "\u202bملاحظة",
    })
    assert response.status_code == 302
    remark = Remark.objects.get()
    assert (remark.proposal_title, remark.problem, remark.solutions, remark.free_remark) == (
        "txt.exe", "مشكل مهم", "حل", "ملاحظة")
    html = client.get(consultation.url + f"remarks/{remark.pk}/").content.decode()
    assert_no_bidi_controls(html)
    assert page_title(html).startswith("txt.exe ·")


def test_title_saved_before_the_cleaning_is_stripped_in_the_tab_title(client, consultation, projects, citizen):
    client.force_login(citizen)
    client.post(consultation.url + "propose/", {"proposal_title": "فضاء رقمي", "problem": "ضعف الولوج"})
    remark = Remark.objects.get()
    Remark.objects.filter(pk=remark.pk).update(proposal_title=RLO_NAME, problem="\u202eمشكل")
    for url in (consultation.url + f"remarks/{remark.pk}/", consultation.url):
        html = client.get(url).content.decode()
        assert_no_bidi_controls(html)
        assert "<bdi>txt.exe</bdi>" in html, url
    assert page_title(client.get(consultation.url + f"remarks/{remark.pk}/").content.decode()).startswith("txt.exe ·")
    remark.refresh_from_db()
    assert str(remark) == "txt.exe"
