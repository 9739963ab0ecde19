"""The focal point's screens: the overview, a status change (only the allowed transitions, a
reason for a suspension), a progress update (with a photo and its description); others refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participation.programme.models import Project, ProjectStatus, ProjectUpdate, StatusChange
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, programme_focal, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    from django.contrib.auth.models import Permission

    programme_focal.is_staff = True
    programme_focal.save()
    programme_focal.groups.first().permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(programme_focal)
    return client


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, format="PNG")
    return SimpleUploadedFile("chantier.png", out.getvalue(), content_type="image/png")


def test_overview_lists_projects_and_late_ones(staff_client, programme, projects):
    html = staff_client.get(f"/admin/programme/{programme.pk}/").content.decode()
    assert "المشروع 12" in html and f"/admin/programme/projects/{projects[0].pk}/status/" in html


def test_status_change_offers_only_the_allowed_transitions(staff_client, programme, projects):
    project = projects[0]
    url = f"/admin/programme/projects/{project.pk}/status/"
    html = staff_client.get(url).content.decode()
    assert 'value="studies"' in html and 'value="done"' not in html
    response = staff_client.post(url, {"status": "suspended", "changed_on": "2025-05-02", "note": ""})
    assert response.status_code == 200 and "اذكروا السبب" in response.content.decode()
    assert StatusChange.objects.filter(project=project).count() == 0
    response = staff_client.post(url, {"status": "suspended", "changed_on": "2025-05-02", "note": "نزاع عقاري"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.SUSPENDED and project.status_reason == "نزاع عقاري"
    response = staff_client.post(url, {"status": "done", "changed_on": "2025-05-03", "note": ""})
    assert response.status_code == 200  # not a transition from "suspended": the form refuses it
    project.refresh_from_db()
    assert project.status == ProjectStatus.SUSPENDED


def test_update_with_a_photo_needs_its_description_and_keeps_what_was_typed(staff_client, programme, projects):
    project = projects[1]
    url = f"/admin/programme/projects/{project.pk}/update/"
    response = staff_client.post(url, {"text_ar": "انطلاق الأشغال", "progress": "35", "photo": _png()})
    html = response.content.decode()
    assert response.status_code == 200 and "انطلاق الأشغال" in html and "صفوا الصورة" in html
    response = staff_client.post(url, {"text_ar": "انطلاق الأشغال", "progress": "35", "photo": _png(),
                                       "photo_title": "ورش البناء"})
    assert response.status_code == 302
    update = ProjectUpdate.objects.get(project=project)
    assert update.photo.title == "ورش البناء" and update.progress == 35
    assert Project.objects.get(pk=project.pk).progress == 35
    assert "انطلاق الأشغال" in staff_client.get(programme.url + "projects/2/").content.decode()


def test_others_are_refused(client, programme, projects, citizen):
    other_focal = UserFactory(is_staff=True, email="other@example.ma")
    for user in (citizen, other_focal):
        client.force_login(user)
        for url in (f"/admin/programme/{programme.pk}/", f"/admin/programme/projects/{projects[0].pk}/status/"):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url, response.status_code)
        response = client.post(f"/admin/programme/projects/{projects[0].pk}/update/", {"text_ar": "x"})
        assert response.status_code in (302, 403)
    assert ProjectUpdate.objects.count() == 0
