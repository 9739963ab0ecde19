"""The public scorecard (charter-public): per principle, the commune's statuses beside the citizens'
ratings given through the core's rate endpoint, in both languages, as a table and a chart."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from participation.charter.models import CommitmentStatus
from tests.charter.conftest import make_commitment
from tests.charter.test_charter_pages import _valid

pytestmark = pytest.mark.django_db
TOTAL = object()  # the table's last row: all principles


def _row(html: str, label) -> list[str]:
    """The cells of the scorecard table's row headed ``label``."""
    table = html[html.index('<table class="charter-scorecard">'):]
    table = table[:table.index("</table>")]
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        if (row.count("<a ") == 0 and '<th scope="row">' in row) if label is TOTAL else label in row:
            return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
    raise AssertionError(f"no row {label!r}")


def test_ratings_posted_by_citizens_show_beside_the_communes_statuses(client, charter, principles, make_citizen):
    charter_ar, charter_fr = charter
    transparency, participation = principles["transparency"], principles["participation"]
    kept = make_commitment(charter_ar, transparency, number=1, status=CommitmentStatus.KEPT)
    make_commitment(charter_ar, transparency, number=2, status=CommitmentStatus.IN_PROGRESS)
    late = make_commitment(charter_ar, participation, number=3, status=CommitmentStatus.NOT_STARTED)
    html = client.get(charter_fr.url + "scorecard/").content.decode()
    # commitments, not started, in progress, kept, not kept, share kept | kept, partly, not kept, share
    assert _row(html, transparency.name_fr) == ["2", "0", "1", "1", "0", "50\u00a0%", "0", "0", "0", "—"]
    assert "Innovation" not in html.split("<tfoot>")[0].split('<table class="charter-scorecard">')[1]  # no commitment
    for value, target in ((3, kept), (3, kept), (2, kept), (1, late)):
        client.force_login(make_citizen())
        response = client.post(reverse("participation_core:rate", args=[target.contribution_id]),
                               {"value": str(value), "next": "/"})
        assert response.status_code == 302
    client.logout()
    html = client.get(charter_fr.url + "scorecard/").content.decode()
    assert _row(html, transparency.name_fr)[6:] == ["2", "1", "0", "66,7\u00a0%"]
    assert _row(html, participation.name_fr) == ["1", "1", "0", "0", "0", "0\u00a0%", "0", "0", "1", "0\u00a0%"]
    assert _row(html, TOTAL) == ["3", "1", "1", "1", "0", "33,3\u00a0%", "2", "1", "1", "50\u00a0%"]
    assert 'role="img"' in html and "<svg" in html  # the chart, with its table
    _valid(html)
    html_ar = client.get(charter_ar.url + "scorecard/").content.decode()
    assert 'dir="rtl"' in html_ar and _row(html_ar, transparency.name_ar)[6:9] == ["2", "1", "0"]
    _valid(html_ar)


def test_a_changed_rating_moves_on_the_scorecard(client, charter, principles, citizen):
    charter_ar, charter_fr = charter
    item = make_commitment(charter_ar, principles["innovation"], number=1)
    rate = reverse("participation_core:rate", args=[item.contribution_id])
    client.force_login(citizen)
    client.post(rate, {"value": "1", "next": "/"})
    assert _row(client.get(charter_ar.url + "scorecard/").content.decode(), principles["innovation"].name_ar)[6:9] == [
        "0", "0", "1"]
    client.post(rate, {"value": "3", "next": "/"})
    assert _row(client.get(charter_ar.url + "scorecard/").content.decode(), principles["innovation"].name_ar)[6:9] == [
        "1", "0", "0"]


def test_an_empty_charter_has_an_empty_scorecard(client, charter):
    response = client.get(charter[0].url + "scorecard/")
    assert response.status_code == 200 and '<table class="charter-scorecard">' not in response.content.decode()
