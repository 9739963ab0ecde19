"""Programme projects are found by the site search, in the searcher's language."""

from __future__ import annotations

import pytest

from participation.programme.models import Axis, Project
from participation.programme.services import project_save

pytestmark = pytest.mark.django_db


def test_a_project_is_found_in_arabic_and_in_french(client, programme, programme_fr):
    axis = Axis.objects.create(programme=programme, number=1, title_ar="المحور", title_fr="Axe")
    project_save(project=Project(programme=programme, axis=axis, number=7, title_ar="تهيئة السوق الأسبوعي",
                                 title_fr="Aménagement du souk hebdomadaire", description_ar="سوق", description_fr="souk"))
    html = client.get("/ar/search/", {"q": "السوق الاسبوعي"}).content.decode()
    assert "تهيئة" in html and programme.url + "projects/7/" in html
    html = client.get("/fr/search/", {"q": "souk hebdomadaire"}).content.decode()
    assert "Aménagement du" in html and programme_fr.url + "projects/7/" in html
