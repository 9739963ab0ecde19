"""The Atom feed of a programme's progress updates: newest first, at most 50, in the page's
language, each entry linking to its project's page; public."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from participation.programme.models import ProjectUpdate

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client, page):
    response = client.get(page.url + page.reverse_subpage("feed_route"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 — our own feed
    return root, root.findall(f"{ATOM}entry")


def test_feed_of_updates_in_both_languages(client, programme, programme_fr, projects):
    now = timezone.now()
    ProjectUpdate.objects.create(project=projects[0], text_ar="انطلقت الأشغال", text_fr="Les travaux ont commencé",
                                 progress=30, published_at=now - dt.timedelta(days=2))
    ProjectUpdate.objects.create(project=projects[1], text_ar="تم تسليم الدراسة", text_fr="",
                                 published_at=now - dt.timedelta(days=1))
    root, entries = _entries(client, programme_fr)
    assert root.attrib.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["2. Projet 2", "1. Projet 1"]  # newest first
    newest, older = entries
    assert newest.findtext(f"{ATOM}summary") == "تم تسليم الدراسة"  # no French text: the Arabic one
    assert older.findtext(f"{ATOM}summary").startswith("Les travaux ont commencé")
    assert older.find(f"{ATOM}link").attrib["href"].endswith(f"{programme_fr.url}projects/1/")
    root_ar, entries_ar = _entries(client, programme)
    assert root_ar.attrib.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert entries_ar[1].findtext(f"{ATOM}title") == "1. المشروع 1"
    assert entries_ar[1].findtext(f"{ATOM}summary").startswith("انطلقت الأشغال")
    assert entries_ar[1].find(f"{ATOM}link").attrib["href"].endswith(f"{programme.url}projects/1/")


def test_feed_keeps_the_newest_50(client, programme_fr, projects):
    now = timezone.now()
    ProjectUpdate.objects.bulk_create(
        [ProjectUpdate(project=projects[n % 12], text_ar=f"خبر {n}", published_at=now - dt.timedelta(hours=n))
         for n in range(60)]
    )
    _root, entries = _entries(client, programme_fr)
    assert len(entries) == 50
    assert entries[0].findtext(f"{ATOM}summary") == "خبر 0"
    assert entries[-1].findtext(f"{ATOM}summary") == "خبر 49"
    ids = {e.findtext(f"{ATOM}id") for e in entries}
    assert len(ids) == 50


def test_empty_feed_is_valid(client, programme_fr):
    root, entries = _entries(client, programme_fr)
    assert entries == [] and root.findtext(f"{ATOM}title")
