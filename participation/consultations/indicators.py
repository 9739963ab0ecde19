"""What the charter can read from the consultations (``participation.core.indicators``): the
consultations that closed in the period and whose synthesis (the committee's answer to every
remark and project) is published on their page. The window and the synthesis switch are read from
the source-language page, which holds them; only the commune's live, public consultations count.

Three queries at most, whatever the number of consultations: the view restrictions, the
consultations, their copies in the active language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.core.indicators import (
    EVIDENCE_LIMIT,
    Evidence,
    IndicatorSource,
    IndicatorUnit,
    Reading,
    day_bounds,
    in_commune,
    localized_copies,
    page_path,
    public_condition,
)
from participation.core.pages import in_source_language

from . import clock
from .models import ConsultationPage


def synthesis_published(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    begin, stop = day_bounds(start, end)
    private = public_condition()
    consultations = list(
        in_commune(in_source_language(ConsultationPage.objects.live().exclude(private)), site_id)
        .filter(closes_at__gte=begin, closes_at__lt=min(stop, clock.now()), synthesis_published=True)
        .select_related("locale").only("id", "title", "url_path", "translation_key", "locale", "closes_at")
        .order_by("-closes_at", "-pk")
    )
    shown = consultations[:EVIDENCE_LIMIT]
    copies = localized_copies(shown, private=private)
    evidence = tuple(
        Evidence(title=copies[c.pk].title, url=page_path(copies[c.pk]), date=timezone.localdate(c.closes_at),
                 note=gettext("synthesis published"))
        for c in shown
    )
    return Reading(value=Decimal(len(consultations)), evidence=evidence)


def sources() -> list[IndicatorSource]:
    return [
        IndicatorSource(
            key="consultations.synthesis_published", label=_("Consultations closed with a published synthesis"),
            unit=IndicatorUnit.COUNT,
            method=_("The consultations that closed in the period and whose page shows the committee's synthesis "
                     "(its answer to the remarks and projects)."),
            principle="participation", measure=synthesis_published,
        ),
    ]
