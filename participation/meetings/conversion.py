"""Turning an idea collected at a meeting into a contribution elsewhere (a suggestion, a
consultation proposal typed in from paper…), keeping its origin (``IdeaConversion``). Where an idea
can go is what the capabilities register with the core's ``participation_conversion_targets`` hook
(``participation.core.conversion``); meetings knows none of them."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Site

from participation.core.conversion import ConversionTarget, conversion_target, conversion_targets
from participation.core.models import Contribution
from participation.core.pages import page_site

from .models import IdeaConversion, MeetingIdea, MeetingPage


def targets_for_site(*, site: Site) -> list[ConversionTarget]:
    """Where the commune's meeting ideas can go (e.g. its suggestions spaces and consultations)."""
    return conversion_targets(site)


class ConversionError(Exception):
    pass


@transaction.atomic
def idea_convert(*, meeting: MeetingPage, idea: MeetingIdea, target_key: str, by) -> IdeaConversion:
    """Creates the contribution from ``idea`` in the chosen target and records the origin.
    Converting the same idea twice returns the first conversion."""
    idea = MeetingIdea.objects.select_for_update().get(pk=idea.pk)
    if idea.page_id != meeting.pk:
        raise ConversionError("idea of another meeting")
    existing = IdeaConversion.objects.filter(idea=idea).first()
    if existing is not None:
        return existing
    site = page_site(meeting)
    target = conversion_target(site, target_key) if site else None
    if target is None:
        raise ConversionError("unknown target")
    origin = {"origin": "meeting_idea", "meeting_id": meeting.pk, "idea_id": idea.pk}
    title = idea.text.strip().splitlines()[0][:120] if idea.text.strip() else "—"
    # The meeting stands in for the participants' names; keep within the field's length.
    origin_name = meeting.title[: Contribution._meta.get_field("on_behalf_of_name").max_length]
    contribution = target.create(title=title, text=idea.text, on_behalf_of_name=origin_name, origin=origin, by=by)
    return IdeaConversion.objects.create(
        meeting=meeting, idea=idea, idea_text=idea.text, contribution=contribution,
        converted_by=by, target_kind=target.kind,
    )
