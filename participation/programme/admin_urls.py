"""The programme's staff screens under ``/admin/programme/`` (each view is ``@staff_view`` and
checks ``rules.can_manage`` on the programme it is given)."""

from __future__ import annotations

from django.urls import path

urlpatterns: list = [
]
