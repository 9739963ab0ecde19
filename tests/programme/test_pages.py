"""The programme's public pages in both languages: the programme, an axis, a project; the
citizens' side of a project (follow, rate, comment); refusals; fixed query counts."""

from __future__ import annotations

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation.core.models import Rating
from participation.notifications.models import Follow, Notification
from participation.programme import services
from participation.programme.models import Project, ProjectStatus
from tests.programme.conftest import build_programme, make_programme

pytestmark = pytest.mark.django_db


def _valid(html: str) -> None:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(html)
    assert [e for e in parser.errors if e[1] != "unexpected-end-tag-in-special-element"] == []


def test_programme_page_lists_axes_and_projects_in_both_languages(client, programme, programme_fr, projects):
    response = client.get(programme.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in html and "المحور 1" in html and "المشروع 12" in html
    _valid(html)
    html_fr = client.get(programme_fr.url).content.decode()
    assert 'lang="fr"' in html_fr and "Axe 1" in html_fr and "Projet 12" in html_fr and "المشروع" not in html_fr
    _valid(html_fr)


def test_filters_narrow_the_list_and_bad_values_are_ignored(client, programme, projects):
    html = client.get(programme.url, {"axis": "2"}).content.decode()
    assert "المشروع 2<" in html and "المشروع 3<" not in html  # projects 2, 5, 8, 11 are on axis 2
    response = client.get(programme.url, {"axis": "99", "status": "nonsense", "neighbourhood": "x", "page": "abc"})
    assert response.status_code == 200 and "المشروع 3<" in response.content.decode()


def test_axis_and_project_pages(client, programme, programme_fr, projects):
    html = client.get(programme_fr.url + "axes/1/").content.decode()
    assert "Projet 1<" in html and "Projet 4<" in html and "Projet 2<" not in html
    response = client.get(programme_fr.url + "projects/1/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Projet 1" in html and "Indicateur 2" in html and "Budget de la commune" in html
    assert "femmes 20, hommes 20" in html
    _valid(html)
    assert client.get(programme.url + "projects/999/").status_code == 404
    assert client.get(programme.url + "axes/999/").status_code == 404


def test_pages_run_as_many_queries_at_12_as_at_500_projects(client, home_ar, citizen):
    """Issue 11 quality bar: the programme page and a project page, 12 projects against 500
    projects with 20 activities each, for a logged-in citizen."""
    small, _fr = make_programme(home_ar, slug="small")
    build_programme(small, projects=12, activities=20)
    big, _fr2 = make_programme(home_ar, slug="big")
    build_programme(big, projects=500, activities=20)
    client.force_login(citizen)
    counts = []
    for page in (small, big):
        client.get(page.url + "projects/2/")  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url + "projects/2/").status_code == 200
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[2], counts
    assert counts[1] == counts[3], counts


def test_a_citizen_follows_rates_and_comments_and_hears_of_an_update(
    client, programme, projects, citizen, programme_focal, make_citizen
):
    project = Project.objects.get(programme=programme, number=1)
    thread = project.contribution
    rate_url = reverse("participation_core:rate", args=[thread.pk])
    client.force_login(citizen)
    client.post(reverse("notifications:follow_toggle", args=[thread.pk]), {"next": programme.url + "projects/1/"})
    assert Follow.objects.filter(user=citizen, contribution=thread).exists()
    response = client.post(rate_url, {"value": "4", "next": "/"})
    assert response.status_code == 302
    client.post(rate_url, {"value": "2", "next": "/"})
    assert list(Rating.objects.filter(contribution=thread).values_list("value", flat=True)) == [2]
    thread.refresh_from_db()
    assert (thread.rating_count, thread.rating_total) == (1, 2)
    # out of range: refused, nothing changes
    client.post(rate_url, {"value": "9", "next": "/"})
    thread.refresh_from_db()
    assert (thread.rating_count, thread.rating_total) == (1, 2)
    client.post(reverse("participation_core:comment_post", args=[thread.pk]), {"text": "متى تنتهي الأشغال؟", "next": "/"})
    html = client.get(programme.url + "projects/1/").content.decode()
    assert "متى تنتهي الأشغال؟" in html
    services.update_post(project=project, by=programme_focal, text_ar="انطلقت الأشغال", text_fr="Les travaux ont commencé",
                         progress=30)
    note = Notification.objects.get(user=citizen, event="update")
    assert note.url("fr").endswith("/projects/1/")
    project.refresh_from_db()
    assert project.progress == 30
    assert "انطلقت الأشغال" in client.get(programme.url + "projects/1/").content.decode()


def test_average_rating_is_shown_from_five_ratings(client, programme, projects, make_citizen):
    from participation.core.services import rating_set

    thread = Project.objects.get(programme=programme, number=3).contribution
    for value in (5, 4, 4, 3):
        rating_set(contribution=thread, user=make_citizen(), value=value)
    assert "4.0" not in client.get(programme.url + "projects/3/").content.decode()
    rating_set(contribution=thread, user=make_citizen(), value=4)
    html = client.get(programme.url + "projects/3/").content.decode()
    assert "4.0" in html or "4,0" in html


def test_status_changes_follow_the_transitions_and_are_public(client, programme, projects, programme_focal, citizen):
    from django.core.exceptions import ValidationError

    from participation.core.rules import ActionRefused

    project = Project.objects.get(programme=programme, number=2)
    with pytest.raises(ValidationError):
        services.project_set_status(project=project, status=ProjectStatus.DONE, by=programme_focal)
    with pytest.raises(ValidationError):
        services.project_set_status(project=project, status=ProjectStatus.CANCELLED, by=programme_focal, note=" ")
    with pytest.raises(ActionRefused):
        services.project_set_status(project=project, status=ProjectStatus.STUDIES, by=citizen)
    services.project_set_status(project=project, status=ProjectStatus.STUDIES, by=programme_focal, note="دراسة تقنية")
    services.project_set_status(project=project, status=ProjectStatus.SUSPENDED, by=programme_focal, note="نزاع عقاري")
    project.refresh_from_db()
    assert project.status == ProjectStatus.SUSPENDED and project.status_reason == "نزاع عقاري"
    html = client.get(programme.url + "projects/2/").content.decode()
    assert "دراسة تقنية" in html and "نزاع عقاري" in html
