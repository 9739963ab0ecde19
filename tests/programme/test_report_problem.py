"""“Report a problem on the ground”: the project page links to the commune's suggestions form,
about the project; the suggestion is linked to the project's thread (core ``concerns`` link)."""

from __future__ import annotations

import pytest

from participation.core.models import ContributionLink, LinkRelation
from participation.core.selectors import linked_contributions
from participation.programme.models import Project
from tests.suggestions.conftest import category, spage_ar  # noqa: F401 — fixtures

pytestmark = pytest.mark.django_db


def test_a_citizen_reports_a_problem_about_a_project(client, programme, projects, spage_ar, category, citizen):  # noqa: F811
    project = Project.objects.get(programme=programme, number=4)
    thread = project.contribution
    client.force_login(citizen)
    html = client.get(programme.url + "projects/4/").content.decode()
    new_url = spage_ar.url + f"new/?about={thread.pk}"
    assert new_url.replace("&", "&amp;") in html
    form = client.get(new_url).content.decode()
    assert "المشروع 4" in form and f'name="about" value="{thread.pk}"' in form
    response = client.post(new_url, {
        "title": "حفرة أمام الورش", "text": "توجد حفرة خطيرة أمام ورش المشروع منذ أسبوعين.",
        "category": category.pk, "about": thread.pk,
    })
    assert response.status_code == 302
    link = ContributionLink.objects.get(target=thread)
    assert link.relation == LinkRelation.CONCERNS and link.source.title == "حفرة أمام الورش"
    assert [c.title for c in linked_contributions(contribution=thread, relation=LinkRelation.CONCERNS)] == ["حفرة أمام الورش"]


def test_an_unknown_or_foreign_about_is_ignored(client, programme, projects, spage_ar, category, citizen):  # noqa: F811
    client.force_login(citizen)
    response = client.post(spage_ar.url + "new/?about=999999", {
        "title": "إنارة الشارع", "text": "الإنارة معطلة في الشارع الرئيسي منذ شهر كامل.", "category": category.pk,
        "about": "999999",
    })
    assert response.status_code == 302
    assert ContributionLink.objects.count() == 0
