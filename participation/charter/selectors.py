"""Every read the charter's public pages need, in a fixed number of queries whatever the number of
commitments, evaluations, findings and ratings. The rows hang on the source-language charter
(``CharterPage.logical_charter()``); callers pass it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from wagtail.models import Page

from participation.core.models import Contribution
from participation.core.pages import current_language, site_id_of
from participation.core.selectors import rating_distributions

from .figures import CommitmentValue, Scorecard, commitment_values, scorecard
from .models import (
    CharterPage,
    Commitment,
    CommitmentDocument,
    CommitmentLink,
    Evaluation,
    EvaluationFinding,
    Principle,
)


def charter_principles(*, charter: CharterPage) -> list[Principle]:
    """The commune's principles, by number (one query)."""
    return list(Principle.objects.filter(site_id=site_id_of(charter)).order_by("number"))


def principle_get(*, charter: CharterPage, code: str) -> Principle | None:
    return Principle.objects.filter(site_id=site_id_of(charter), code=code).first()


def _commitment_rows() -> QuerySet[Commitment]:
    return Commitment.objects.select_related("principle").order_by("number")


def charter_commitments(*, charter: CharterPage, principle: Principle | None = None) -> list[Commitment]:
    """The charter's commitments by number, with their principle (one query)."""
    queryset = _commitment_rows().filter(charter=charter)
    if principle is not None:
        queryset = queryset.filter(principle=principle)
    return list(queryset)


def published_evaluations(*, charter: CharterPage) -> list[Evaluation]:
    """The published evaluations, newest first (one query)."""
    return list(Evaluation.objects.filter(charter=charter, is_published=True).order_by("-evaluated_on", "-pk"))


@dataclass
class PrincipleGroup:
    principle: Principle
    commitments: list[Commitment] = field(default_factory=list)


@dataclass
class CharterOverview:
    """The charter page's data: the principles with their commitments (each with ``.figure``, a
    ``CommitmentValue``), the published evaluations (newest first) and the latest one."""

    groups: list[PrincipleGroup]
    commitments: list[Commitment]
    evaluations: list[Evaluation]

    @property
    def latest_evaluation(self) -> Evaluation | None:
        return self.evaluations[0] if self.evaluations else None


def _attach_values(charter: CharterPage, commitments: list[Commitment], today=None) -> dict[int, CommitmentValue]:
    """Sets ``.figure`` (the value today) and ``.late`` on each commitment."""
    today = today or timezone.localdate()
    values = commitment_values(commitments, site_id=site_id_of(charter), adoption_date=charter.adoption_date,
                               today=today)
    for commitment in commitments:
        commitment.figure = values[commitment.pk]
        commitment.late = commitment.is_late(today)
    return values


def charter_overview(*, charter: CharterPage, today=None) -> CharterOverview:
    """Three queries (principles, commitments, evaluations) plus one per distinct computed
    indicator (its own fixed cost), whatever the number of commitments."""
    principles = charter_principles(charter=charter)
    commitments = charter_commitments(charter=charter)
    _attach_values(charter, commitments, today)
    by_principle: dict[int, list[Commitment]] = defaultdict(list)
    for commitment in commitments:
        by_principle[commitment.principle_id].append(commitment)
    groups = [PrincipleGroup(principle=p, commitments=by_principle.get(p.pk, [])) for p in principles]
    return CharterOverview(groups=groups, commitments=commitments, evaluations=published_evaluations(charter=charter))


def principle_commitments(*, charter: CharterPage, principle: Principle, today=None) -> list[Commitment]:
    commitments = charter_commitments(charter=charter, principle=principle)
    _attach_values(charter, commitments, today)
    return commitments


def commitment_header(*, charter: CharterPage, number: int, viewer=None) -> Commitment | None:
    """A commitment with its principle and its thread (viewer state annotated): two queries."""
    commitment = _commitment_rows().filter(charter=charter, number=number).first()
    if commitment is None:
        return None
    commitment.contribution = (
        Contribution.objects.with_viewer_state(viewer).filter(pk=commitment.contribution_id).first()
        if commitment.contribution_id else None
    )
    return commitment


@dataclass
class SiteLink:
    url: str
    title: str
    note: str


@dataclass
class HistoryEntry:
    evaluation: Evaluation
    finding: EvaluationFinding


@dataclass
class CommitmentDetail:
    figure: CommitmentValue
    documents: list[CommitmentDocument]
    links: list[SiteLink]
    history: list[HistoryEntry]  # oldest first
    distribution: dict[int, int]
    project: Contribution | None


def _site_links(links: list[CommitmentLink]) -> list[SiteLink]:
    """The evidence pages in the visitor's language (their live copy, else the linked page), live
    and public ones only: two queries for them all (the pages, the view restrictions)."""
    if not links:
        return []
    language = current_language()[:2]
    copies: dict = {}
    for page in Page.objects.live().public().filter(
        translation_key__in={link.page.translation_key for link in links}
    ).select_related("locale"):
        copies.setdefault(page.translation_key, {})[page.locale.language_code] = page
    result = []
    for link in links:
        found = copies.get(link.page.translation_key, {})
        page = found.get(language) or next((p for p in found.values() if p.pk == link.page_id), None)
        if page is not None:
            result.append(SiteLink(url=page.url or "", title=page.title, note=link.note))
    return result


def commitment_detail(*, charter: CharterPage, commitment: Commitment, today=None) -> CommitmentDetail:
    """What a commitment's page shows beyond its header, in a fixed number of queries whatever the
    number of documents, links, evaluations and ratings: the value today, the evidence, the
    published evaluations' findings (oldest to newest), the citizens' ratings by value, the
    programme project."""
    figure = commitment_values([commitment], site_id=site_id_of(charter), adoption_date=charter.adoption_date,
                               today=today)[commitment.pk]
    documents = list(CommitmentDocument.objects.filter(commitment=commitment).select_related("document"))
    links = list(CommitmentLink.objects.filter(commitment=commitment).select_related("page"))
    findings = (
        EvaluationFinding.objects.filter(commitment=commitment, evaluation__is_published=True)
        .select_related("evaluation").order_by("evaluation__evaluated_on", "evaluation__pk")
    )
    distribution = (
        rating_distributions(contributions=[commitment.contribution_id])[commitment.contribution_id]
        if commitment.contribution_id else {}
    )
    project = None
    if commitment.programme_project_id:
        project = Contribution.objects.visible().filter(pk=commitment.programme_project_id).select_related("page").first()
    return CommitmentDetail(
        figure=figure, documents=documents, links=_site_links(links),
        history=[HistoryEntry(evaluation=f.evaluation, finding=f) for f in findings],
        distribution=distribution, project=project,
    )


def evaluation_get(*, charter: CharterPage, pk: int) -> Evaluation | None:
    """A published evaluation with its findings and their commitments (two queries); None for an
    unpublished one."""
    return (
        Evaluation.objects.filter(charter=charter, pk=pk, is_published=True)
        .select_related("document")
        .prefetch_related(Prefetch(
            "findings",
            queryset=EvaluationFinding.objects.select_related("commitment__principle").order_by("commitment__number"),
        ))
        .first()
    )


def charter_scorecard(*, charter: CharterPage) -> tuple[Scorecard, list[Commitment]]:
    """The scorecard (three queries: principles, commitments, their ratings by value)."""
    principles = charter_principles(charter=charter)
    commitments = charter_commitments(charter=charter)
    distributions = rating_distributions(contributions=[c.contribution_id for c in commitments if c.contribution_id])
    return scorecard(principles=principles, commitments=commitments, distributions=distributions), commitments


def live_charters(*, site_root, language: str) -> QuerySet[CharterPage]:
    """The commune's live, public charter pages in ``language``."""
    return (
        CharterPage.objects.live().public().descendant_of(site_root).filter(locale__language_code=language)
        .order_by("-first_published_at")
    )
