"""What the charter can read from the programmes (``participation.core.indicators``): the share of
the projects due to end in the period that are done.

A project counts in the period of its end date (``ends_on``) once the outcome is known: done, or
its end date passed (``Project.is_late``: not finished by then). A cancelled project is not
counted (it is cancelled, not late), nor one still running before its end date. The projects of
the commune's live, public source-language programme pages are read.

Three queries at most, whatever the number of projects: the view restrictions, the projects with
their programme, the programmes' copies in the active language."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.core.indicators import (
    EVIDENCE_LIMIT,
    Evidence,
    IndicatorSource,
    IndicatorUnit,
    Reading,
    in_commune,
    localized_copies,
    page_path,
    public_condition,
    share_reading,
)
from participation.core.pages import source_language

from .models import ProgrammePage, Project, ProjectStatus


def projects_done(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    today = timezone.localdate()
    private = public_condition()
    programmes = in_commune(
        ProgrammePage.objects.live().filter(locale__language_code=source_language()).exclude(private), site_id)
    projects = (
        Project.objects.filter(programme__in=programmes, ends_on__gte=start, ends_on__lte=end)
        .exclude(status=ProjectStatus.CANCELLED)
        .select_related("programme", "programme__locale")
        .only("id", "number", "title_ar", "title_fr", "ends_on", "status", "programme__id", "programme__title",
              "programme__url_path", "programme__translation_key", "programme__locale")
        .order_by("-ends_on", "-pk")
    )
    counted = [p for p in projects if p.status == ProjectStatus.DONE or p.is_late(today)]
    done = [p for p in counted if p.status == ProjectStatus.DONE]
    shown = counted[:EVIDENCE_LIMIT]
    copies = localized_copies({p.programme.pk: p.programme for p in shown}.values(), private=private)
    evidence = tuple(
        Evidence(title=p.title, date=p.ends_on, note=p.get_status_display(),
                 url=page_path(copies[p.programme.pk]) + p.programme.reverse_subpage("project_route",
                                                                                     args=[p.number]))
        for p in shown
    )
    return share_reading(len(done), len(counted), evidence=evidence)


def sources() -> list[IndicatorSource]:
    return [
        IndicatorSource(
            key="programme.projects_done",
            label=_("Share of the programme projects due to end in the period that are done"),
            unit=IndicatorUnit.PERCENT,
            method=_("Out of the projects of the commune's programmes whose end date fell in the period, those "
                     "marked done. Cancelled projects and projects still running before their end date are not "
                     "counted."),
            principle="efficiency", measure=projects_done,
        ),
    ]
