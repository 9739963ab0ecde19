"""Turning an idea collected at a meeting into a suggestion (suggestions space) or a consultation
remark (a new-project proposal typed in from paper), keeping its origin (``IdeaConversion``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .models import IdeaConversion, MeetingIdea, MeetingPage


@dataclass(frozen=True)
class Target:
    key: str
    kind: str
    label: str
    page: Page


def _model(label: str, name: str):
    try:
        return apps.get_model(label, name)
    except LookupError:
        return None


def targets_for_site(*, site: Site) -> list[Target]:
    """The commune's suggestions spaces and consultations (Arabic, live pages)."""
    targets: list[Target] = []
    root = site.root_page
    suggestions_page = _model("suggestions", "SuggestionsPage")
    if suggestions_page is not None:
        for page in suggestions_page.objects.live().descendant_of(root).filter(locale__language_code="ar"):
            targets.append(Target(f"suggestion:{page.pk}", "suggestion",
                                  _("Suggestion in “%(page)s”") % {"page": page.title}, page))
    consultation_page = _model("consultations", "ConsultationPage")
    if consultation_page is not None:
        for page in (consultation_page.objects.live().descendant_of(root).filter(locale__language_code="ar")
                     .order_by("-first_published_at")):
            targets.append(Target(f"remark:{page.pk}", "remark",
                                  _("Proposal in the consultation “%(page)s”") % {"page": page.title}, page))
    return targets


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
    site = meeting.get_site()
    target = next((t for t in targets_for_site(site=site) if t.key == target_key), None) if site else None
    if target is None:
        raise ConversionError("unknown target")
    origin = {"origin": "meeting_idea", "meeting_id": meeting.pk, "idea_id": idea.pk}
    title = idea.text.strip().splitlines()[0][:120] if idea.text.strip() else "—"
    from participation.core.models import Contribution

    # The meeting stands in for the participants' names; keep within the field's length.
    origin_name = meeting.title[: Contribution._meta.get_field("on_behalf_of_name").max_length]
    if target.kind == "suggestion":
        from participation.core.services import contribution_create

        contribution = contribution_create(
            page=target.page, author=None, kind="suggestion", title=title, text=idea.text,
            entered_by_staff=True, on_behalf_of_name=origin_name, data=origin,
        )
    else:
        from participation.consultations.services import Card, paper_remark_create

        remark = paper_remark_create(
            consultation=target.page.specific, entered_by=by, on_behalf_of_name=origin_name,
            card=Card(free_remark=idea.text), proposal_title=title, language="ar",
        )
        contribution = remark.contribution
        if contribution is not None:
            contribution.data = {**(contribution.data or {}), **origin}
            contribution.save(update_fields=["data"])
    return IdeaConversion.objects.create(
        meeting=meeting, idea=idea, idea_text=idea.text, contribution=contribution,
        converted_by=by, target_kind=target.kind,
    )
