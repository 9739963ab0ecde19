"""Every read the Citizen-Commune Label's public pages need (``views.label``), in a fixed number of
queries whatever the number of questions, answers, years and actions.

Only **public** assessments (validated or verified) are ever read here: a draft is the
commune's work in progress, shown to its editors in the admin alone, never on the public site
(not even to staff browsing it).

* ``public_assessments(label=)``: the public years, newest first (one query);
* ``label_principles(label=)``: the commune's principles, by number (one query);
* ``completed_questionnaire(assessment=)``: the questionnaire by section, each question with the
  answer given, its points, and what the verification found (four queries);
* ``action_plan(assessment=, today=)``: the actions, late ones flagged, with their charter
  commitments and programme project as links (at most five queries, plus two per programme page
  the actions point at: in practice one)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail.models import Page

from participation.core.models import Visibility
from participation.core.pages import contribution_urls, current_language, localized_page, site_id_of

from .models import (
    ActionPlanItem,
    Answer,
    AnswerChoice,
    Assessment,
    AssessmentStatus,
    Commitment,
    LabelPage,
    Principle,
    Question,
    QuestionnaireSection,
)

PUBLIC_STATUSES = (AssessmentStatus.VALIDATED, AssessmentStatus.VERIFIED)


def public_assessments(*, label: LabelPage) -> list[Assessment]:
    """The validated and verified assessments of ``label`` (its source page), newest first."""
    source = label.logical_label()
    assessments = list(Assessment.objects.filter(label=source, status__in=PUBLIC_STATUSES).order_by("-year"))
    for assessment in assessments:
        assessment.label = source  # known already: no query when a reader asks
    return assessments


def public_assessment(*, label: LabelPage, year: int) -> Assessment | None:
    """The public assessment of ``year``, or None (no such year, or a draft)."""
    return next((a for a in public_assessments(label=label) if a.year == year), None)


def label_principles(*, label: LabelPage) -> list[Principle]:
    """The principles of the label's commune, by number."""
    return list(Principle.objects.filter(site_id=site_id_of(label.logical_label())).order_by("number"))


# --- the completed questionnaire ----------------------------------------------------------------


@dataclass
class QuestionRow:
    """A question as the commune answered it, and as the technical team found it.

    ``chosen``: the commune's answer (None: not answered); ``verified``: the assessment was
    verified; ``final``: the answer after verification; ``corrected``: the team changed it."""

    question: Question
    answer: Answer | None
    chosen: AnswerChoice | None
    maximum: int
    verified: bool
    final: AnswerChoice | None = None
    corrected: bool = False
    note: str = ""

    @property
    def points(self) -> int | None:
        return None if self.chosen is None else self.chosen.points

    @property
    def final_points(self) -> int | None:
        return None if self.final is None else self.final.points

    @property
    def sources(self) -> list[str]:
        return self.question.verification_source_lines


@dataclass
class SectionRow:
    section: QuestionnaireSection
    questions: list[QuestionRow] = field(default_factory=list)


def completed_questionnaire(*, assessment: Assessment) -> list[SectionRow]:
    """The assessment's questionnaire by section (sections without a question left out), each
    question with the answer given and, once verified, the team's finding. Four queries."""
    verified = assessment.status == AssessmentStatus.VERIFIED
    sections = {
        s.pk: SectionRow(section=s)
        for s in QuestionnaireSection.objects.filter(questionnaire_id=assessment.questionnaire_id).order_by(
            "sort_order", "number", "pk"
        )
    }
    questions = (
        Question.objects.filter(section__questionnaire_id=assessment.questionnaire_id)
        .select_related("principle")
        .prefetch_related(Prefetch("choices", queryset=AnswerChoice.objects.order_by("sort_order", "pk")))
        .order_by("sort_order", "pk")
    )
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment).select_related("choice", "verified_choice")
    }
    for question in questions:
        answer = answers.get(question.pk)
        chosen = answer.choice if answer else None
        row = QuestionRow(
            question=question,
            answer=answer,
            chosen=chosen,
            verified=verified,
            maximum=max((c.points for c in question.choices.all()), default=0),
        )
        if verified:
            row.final = answer.final_choice if answer else None
            row.corrected = bool(answer and answer.is_corrected)
            row.note = answer.verification_note if answer else ""
        section = sections.get(question.section_id)
        if section is not None:
            section.questions.append(row)
    return [s for s in sections.values() if s.questions]


# --- the action plan ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A linked item's label and address ('' when it has no public page)."""

    label: str
    url: str = ""


@dataclass
class ActionRow:
    action: ActionPlanItem
    late: bool
    commitments: list[Link] = field(default_factory=list)
    project: Link | None = None


def _charter_urls(commitments: list[Commitment], *, site_id: int | None) -> dict[int, str]:
    """{charter page id: its URL in the active language} of the live charters of the label's
    commune that ``commitments`` belong to (one query)."""
    charters = {c.charter_id: c.charter for c in commitments}
    charters = {pk: page for pk, page in charters.items() if page.live and site_id_of(page) == site_id}
    if not charters:
        return {}
    language = current_language()[:2]
    translations = {
        p.translation_key: p
        for p in Page.objects.live().filter(
            translation_key__in=[c.translation_key for c in charters.values()], locale__language_code=language
        )
    }
    return {pk: (translations.get(page.translation_key) or page).url or "" for pk, page in charters.items()}


def _project_links(actions: list[ActionPlanItem]) -> dict[int, Link]:
    """{action id: link} of the visible programme projects the actions serve, through the core
    (the programme page's ``contribution_urls``): a few queries per programme page."""
    by_page: dict[int, list] = defaultdict(list)
    pages = {}
    for action in actions:
        contribution = action.programme_project
        if contribution is None or contribution.visibility != Visibility.VISIBLE:
            continue
        if contribution not in by_page[contribution.page_id]:
            by_page[contribution.page_id].append(contribution)
        pages[contribution.page_id] = contribution.page
    urls: dict[int, str] = {}
    for page_id, contributions in by_page.items():
        urls.update(contribution_urls(contributions, page=localized_page(pages[page_id]).specific))
    return {
        action.pk: Link(label=action.programme_project.title, url=urls.get(action.programme_project_id, ""))
        for action in actions
        if action.programme_project_id in urls
    }


def action_plan(*, assessment: Assessment, today: dt.date) -> list[ActionRow]:
    """The assessment's action plan, by number: each action late or not on ``today``, with its
    charter commitments (linked to their page on the commune's charter when it is published) and
    its programme project (linked to the project's page)."""
    actions = list(
        ActionPlanItem.objects.filter(assessment=assessment)
        .select_related("principle", "question", "programme_project", "programme_project__page")
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("charter").order_by("number"),
            )
        )
        .order_by("number")
    )
    commitments = [c for action in actions for c in action.commitments.all()]
    charter_urls = _charter_urls(commitments, site_id=site_id_of(assessment.label)) if commitments else {}
    projects = _project_links(actions)
    rows = []
    for action in actions:
        links = []
        for commitment in action.commitments.all():
            base = charter_urls.get(commitment.charter_id)
            url = (
                base + commitment.charter.reverse_subpage("commitment_route", args=[commitment.number])
                if base
                else ""
            )
            links.append(Link(label=f"{commitment.number}. {commitment.title}", url=url))
        rows.append(
            ActionRow(
                action=action, late=action.is_late(today), commitments=links, project=projects.get(action.pk)
            )
        )
    return rows
