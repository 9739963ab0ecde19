"""Writes for consultations (keyword-only, one transaction each).

Every project and every remark is bound to a core ``Contribution`` (kind "project", "remark" or
"proposal") on the logical consultation page: supports, comments, follows, reports and moderation
then work through ``participation.core`` exactly as for suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from participation.core import services as core_services
from participation.core.caching import content_changed
from participation.core.events import ParticipationEvent, announce
from participation.core.models import LinkRelation
from participation.core.pages import in_source_language, publish_missing_translations
from participation.core.rules import ActionRefused, require
from participation.notifications.services import follow_page_ensure
from site_template.i18n import source_language

from . import clock
from .models import (
    CARD_FIELDS,
    ConsultationPage,
    Decision,
    OpenProject,
    Phase,
    Remark,
    RemarkKind,
    RemarkStatus,
)
from .rules import can_change_remark, can_remark, can_speak_for_association, confirmed_association

#: A citizen action refused by a rule (phase, account, ownership, association): the core's
#: ``ActionRefused``, whose ``reason`` says which (the services raise it through ``require``).
ConsultationActionRefused = ActionRefused


@dataclass
class Card:
    """The remarks card's fields (seed 003): at least one must be filled."""

    problem: str = ""
    solutions: str = ""
    funding_sources: str = ""
    tracking_indicators: str = ""
    impact_indicators: str = ""
    free_remark: str = ""

    @classmethod
    def from_data(cls, data) -> Card:
        return cls(**{name: (data.get(name) or "").strip() for name in CARD_FIELDS})

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in CARD_FIELDS)

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in CARD_FIELDS}

    def summary(self) -> str:
        return "\n\n".join(text for text in self.as_dict().values() if text)


def _public_pages_changed() -> None:
    """Cached anonymous pages must show the change (remarks and supports already do it through
    the core models; synthesis decisions and projects are ours)."""
    content_changed()
    transaction.on_commit(content_changed)


def _check_card(card: Card) -> None:
    if card.is_empty():
        raise ValidationError(_("Fill at least one field of the remarks card."), code="empty_card")


def _thread_title(remark: Remark) -> str:
    if remark.kind == RemarkKind.PROPOSAL:
        return remark.proposal_title[:200]
    return f"{remark.project.number} — {remark.project.title_ar}"[:200] if remark.project else "—"


def _thread_create(*, consultation: ConsultationPage, kind: str, title: str, text: str, author=None, **extra):
    """A core Contribution carrying supports/comments/moderation for a project or a remark."""
    return core_services.contribution_create(
        page=consultation, author=author, kind=kind, title=title or "—", text=text or "—", **extra
    )


def _thread_sync(remark: Remark) -> None:
    contribution = remark.contribution
    if contribution is None:
        return
    contribution.title = _thread_title(remark) or "—"
    contribution.text = Card(**{n: getattr(remark, n) for n in CARD_FIELDS}).summary() or "—"
    contribution.save(update_fields=["title", "text", "updated_at"])


def project_thread(*, project: OpenProject):
    """The project's core Contribution (created on first need)."""
    if project.contribution_id:
        return project.contribution
    with transaction.atomic():
        locked = OpenProject.objects.select_for_update().get(pk=project.pk)
        if locked.contribution_id is None:
            locked.contribution = _thread_create(
                consultation=locked.consultation,
                kind="project",
                title=f"{locked.number} — {locked.title_ar}",
                text=locked.description_ar,
            )
            locked.save(update_fields=["contribution"])
        project.contribution = locked.contribution
    return project.contribution


@transaction.atomic
def project_save(*, project: OpenProject) -> OpenProject:
    """Saves a project entered in the admin and makes sure it has its participation thread."""
    project.full_clean()
    project.save()
    project_thread(project=project)
    _public_pages_changed()
    return project


def _remark_save(
    *,
    consultation: ConsultationPage,
    card: Card,
    project: OpenProject | None,
    proposal_title: str,
    language: str | None,
    thread: dict,
    **fields,
) -> Remark:
    """Saves a remarks card (on ``project``, else a new-project proposal titled
    ``proposal_title``) with its participation thread (``thread``: the thread's author or staff
    fields)."""
    _check_card(card)
    if project is None and not proposal_title.strip():
        raise ValidationError(_("Give the proposed project a title."), code="no_title")
    remark = Remark(
        consultation=consultation,
        project=project,
        kind=RemarkKind.REMARK if project else RemarkKind.PROPOSAL,
        language=(language or source_language())[:2],
        proposal_title="" if project else proposal_title.strip(),
        **fields,
        **card.as_dict(),
    )
    remark.full_clean()
    remark.save()
    remark.contribution = _thread_create(
        consultation=consultation,
        kind=remark.kind,
        title=_thread_title(remark),
        text=card.summary(),
        association_name=remark.association_name,
        **thread,
    )
    remark.save(update_fields=["contribution"])
    if project is not None:
        # The remark is about the project: whatever the project becomes (a programme project)
        # shows the remarks that shaped it.
        core_services.contribution_link(
            source=remark.contribution, target=project_thread(project=project), relation=LinkRelation.CONCERNS
        )
    return remark


@transaction.atomic
def remark_create(
    *,
    consultation: ConsultationPage,
    author,
    card: Card,
    project: OpenProject | None = None,
    proposal_title: str = "",
    for_association: bool = False,
    language: str | None = None,
) -> Remark:
    """A citizen's remarks card on ``project`` or, without a project, a new-project proposal.
    Refused (``ActionRefused``) unless ``rules.can_remark`` and, on behalf of an association,
    ``rules.can_speak_for_association``."""
    require(can_remark(author, consultation))
    if for_association:
        require(can_speak_for_association(author))
    if project is not None and project.consultation_id != consultation.pk:
        raise ValidationError(_("This project is not part of this consultation."))
    return _remark_save(
        consultation=consultation,
        card=card,
        project=project,
        proposal_title=proposal_title,
        language=language,
        thread={"author": author},
        author=author,
        association_name=confirmed_association(author) if for_association else "",
    )


def _own_remark_locked(remark: Remark, by) -> Remark:
    """``remark`` read again under a row lock, once ``rules.can_change_remark`` allows ``by``."""
    remark = Remark.objects.select_for_update(of=("self",)).select_related("consultation").get(pk=remark.pk)
    require(can_change_remark(by, remark, remark.consultation))
    return remark


@transaction.atomic
def remark_update(*, remark: Remark, by, card: Card, proposal_title: str | None = None) -> Remark:
    remark = _own_remark_locked(remark, by)
    _check_card(card)
    for name, value in card.as_dict().items():
        setattr(remark, name, value)
    if remark.kind == RemarkKind.PROPOSAL and proposal_title is not None:
        if not proposal_title.strip():
            raise ValidationError(_("Give the proposed project a title."), code="no_title")
        remark.proposal_title = proposal_title.strip()
    remark.full_clean()
    remark.save()
    _thread_sync(remark)
    return remark


@transaction.atomic
def remark_withdraw(*, remark: Remark, by) -> Remark:
    remark = _own_remark_locked(remark, by)
    remark.status = RemarkStatus.WITHDRAWN
    remark.save(update_fields=["status", "updated_at"])
    if remark.contribution_id:
            core_services.contribution_withdraw(contribution=remark.contribution, by=by)
    return remark


@transaction.atomic
def paper_remark_create(
    *,
    consultation: ConsultationPage,
    entered_by,
    on_behalf_of_name: str,
    card: Card,
    project: OpenProject | None = None,
    proposal_title: str = "",
    association_name: str = "",
    language: str | None = None,
) -> Remark:
    """Staff type in a remarks card collected on paper (e.g. at a citizen meeting), marked as such.
    Allowed at any time: paper cards may arrive after the online window."""
    on_behalf_of_name = on_behalf_of_name.strip()
    return _remark_save(
        consultation=consultation,
        card=card,
        project=project,
        proposal_title=proposal_title,
        language=language,
        thread={"entered_by_staff": True, "on_behalf_of_name": on_behalf_of_name},
        entered_by_staff=True,
        entered_by=entered_by,
        on_behalf_of_name=on_behalf_of_name,
        association_name=association_name.strip(),
    )


def _check_decision(consultation: ConsultationPage, decision: str) -> None:
    """The committee decides once the consultation is closed, with one of ``Decision``."""
    if consultation.phase != Phase.CLOSED:
        raise ValidationError(_("The synthesis is written once the consultation is closed."), code="not_closed")
    if decision not in Decision.values:
        raise ValidationError(_("Choose a decision."), code="decision")


@transaction.atomic
def remark_set_decision(*, remark: Remark, decision: str, reason: str, by) -> Remark:
    """The follow-up committee's decision on a remark (after the consultation closed)."""
    remark = Remark.objects.select_for_update(of=("self",)).select_related("consultation").get(pk=remark.pk)
    _check_decision(remark.consultation, decision)
    remark.decision = decision
    remark.decision_reason = reason.strip()
    remark.decided_at = clock.now()
    remark.save(update_fields=["decision", "decision_reason", "decided_at", "updated_at"])
    _public_pages_changed()
    return remark


@transaction.atomic
def project_set_synthesis(
    *,
    project: OpenProject,
    decision: str,
    reason_ar: str = "",
    reason_fr: str = "",
    revised_text_ar: str = "",
    revised_text_fr: str = "",
    by=None,
) -> OpenProject:
    project = OpenProject.objects.select_for_update(of=("self",)).select_related("consultation").get(pk=project.pk)
    _check_decision(project.consultation, decision)
    project.decision = decision
    project.decision_reason_ar = reason_ar.strip()
    project.decision_reason_fr = reason_fr.strip()
    project.revised_text_ar = revised_text_ar.strip()
    project.revised_text_fr = revised_text_fr.strip()
    project.save()
    _public_pages_changed()
    return project


@transaction.atomic
def opening_notice_request(*, consultation: ConsultationPage, user, language: str | None = None) -> bool:
    """"Tell me when it opens": the citizen follows the (announced) consultation; the opening
    reaches them through their notifications (on the site, and by email as they chose). Returns
    False if they already followed it."""
    if consultation.phase != Phase.ANNOUNCED:
        raise ConsultationActionRefused("not_announced")
    return follow_page_ensure(user=user, page=consultation, language=language)


def opening_notices_send() -> int:
    """Announces every consultation that has opened (run by cron every few minutes:
    ``manage.py send_consultation_openings``): its followers are told once. Returns how many
    people were told."""
    instant = clock.now()
    opened = in_source_language(ConsultationPage.objects.live()).filter(opens_at__lte=instant, closes_at__gt=instant)
    told = 0
    for consultation in opened:
        with transaction.atomic():
            told += announce(
                ParticipationEvent.OPENED,
                page=consultation,
                actor=None,
                sentence=gettext_noop("The consultation “%(title)s” is now open."),
            )
    return told


@transaction.atomic
def consultation_sync_translations(*, consultation: ConsultationPage) -> int:
    """Copies the window and synthesis switches of the Arabic page to its translations (so the
    home page and listings of every language agree). Returns how many pages were updated."""
    return (
        ConsultationPage.objects.filter(translation_key=consultation.translation_key)
        .exclude(pk=consultation.pk)
        .update(
            opens_at=consultation.opens_at,
            closes_at=consultation.closes_at,
            synthesis_expected_on=consultation.synthesis_expected_on,
            synthesis_published=consultation.synthesis_published,
            adoption_date=consultation.adoption_date,
        )
    )


def consultation_translations_ensure(*, consultation: ConsultationPage) -> list[ConsultationPage]:
    """The consultation gets its copy in every other language at once (``core.pages.publish_missing_translations``)."""
    return publish_missing_translations(consultation)


#: The core status each committee decision gives a remark's thread once the synthesis is public.
DECISION_STATUS = {
    Decision.RETAINED: "accepted",
    Decision.PARTLY_RETAINED: "answered",
    Decision.NOT_RETAINED: "not_retained",
}


def synthesis_publish_to_threads(*, consultation: ConsultationPage, by=None) -> int:
    """Once the synthesis is public, each decided remark's thread takes the committee's decision
    as its official status and answer, so its author (who follows it) is notified and the public
    history shows it. Idempotent; a thread whose status cannot move that way is left as it is.
    Returns how many threads changed."""
    if not consultation.synthesis_published:
        return 0
    changed = 0
    remarks = (
        Remark.objects.filter(consultation=consultation, status=RemarkStatus.PUBLISHED, contribution__isnull=False)
        .exclude(decision="")
        .select_related("contribution")
        .iterator(chunk_size=500)
    )
    for remark in remarks:
        contribution = remark.contribution
        target = DECISION_STATUS[remark.decision]
        answer = remark.decision_reason or str(Decision(remark.decision).label)
        if contribution.status == target and contribution.official_answer == answer:
            continue
        try:
            with transaction.atomic():
                core_services.contribution_set_status(
                    contribution=contribution, status=target, by=by, answer=answer, reason=remark.decision_reason
                )
        except ValidationError:
            continue
        changed += 1
    return changed
