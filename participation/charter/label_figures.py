"""The Citizen-Commune Label's results as citizens read them, from the scores frozen on each
public assessment (``Assessment.self_scores`` at validation, ``final_scores`` at verification;
``scoring.Scores.as_json``), never recomputed from the live questionnaire: editing the form later
never changes a published result.

* ``assessment_result(assessment, principles)``: per principle and overall, the score shown
  (the verified one once verified, else the self-assessment's), with the self-assessment's and
  the final one side by side when verified;
* ``years_chart(results, rtl=)``: the years compared per principle and overall, a core grouped bar
  chart (one series per public year, the ``YEARS_DRAWN`` latest) whose table lists every public
  year. No query here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from participation.core.charts import ChartTable, GroupedBarChart, TableRow, grouped_bar_chart, percent_text

from .models import Assessment, AssessmentStatus, Principle
from .scoring import PrincipleScore, Scores

#: How many years the comparison chart draws side by side (the core chart's series at most); its
#: table lists every public year.
YEARS_DRAWN = 4


def score_text(value: Decimal | None) -> str:
    """“66,7%” / “66,7 %”; “—” when nothing could be scored."""
    return percent_text(None if value is None else float(value))


@dataclass(frozen=True)
class PrincipleResult:
    """One principle's line of a result: its self-assessment score and, once verified, its final
    score."""

    code: str
    principle: Principle | None
    self_score: PrincipleScore | None
    final_score: PrincipleScore | None
    verified: bool

    @property
    def name(self) -> str:
        return self.principle.name if self.principle is not None else self.code

    @property
    def number(self) -> int | None:
        return self.principle.number if self.principle is not None else None

    @property
    def shown(self) -> PrincipleScore | None:
        """The score citizens read: the verified one once verified."""
        return self.final_score if self.verified else self.self_score

    @property
    def score(self) -> Decimal | None:
        shown = self.shown
        return None if shown is None else shown.score

    @property
    def changed(self) -> bool:
        """The verification moved this principle's score."""
        return bool(
            self.verified
            and self.self_score
            and self.final_score
            and self.self_score.points != self.final_score.points
        )


@dataclass(frozen=True)
class AssessmentResult:
    assessment: Assessment
    self_scores: Scores
    final_scores: Scores | None
    principles: tuple[PrincipleResult, ...]

    @property
    def year(self) -> int:
        return self.assessment.year

    @property
    def verified(self) -> bool:
        return self.final_scores is not None

    @property
    def scores(self) -> Scores:
        """The scores shown: final once verified, else the self-assessment's."""
        return self.final_scores if self.final_scores is not None else self.self_scores

    @property
    def overall(self) -> Decimal | None:
        return self.scores.overall

    def score_of(self, code: str) -> Decimal | None:
        row = self.scores.of(code)
        return None if row is None else row.score


def assessment_result(assessment: Assessment, principles: Sequence[Principle]) -> AssessmentResult:
    """``assessment``'s result per principle (in the commune's order of ``principles``, then any
    principle the frozen scores name that is no longer among them) and overall."""
    verified = assessment.status == AssessmentStatus.VERIFIED and bool(assessment.final_scores)
    self_scores = Scores.from_json(assessment.self_scores)
    final_scores = Scores.from_json(assessment.final_scores) if verified else None
    codes = [p.principle for p in self_scores.principles]
    if final_scores is not None:
        codes += [p.principle for p in final_scores.principles if p.principle not in codes]
    by_code = {p.code: p for p in principles}
    position = {p.code: i for i, p in enumerate(principles)}
    codes.sort(key=lambda code: position.get(code, len(position)))
    return AssessmentResult(
        assessment=assessment,
        self_scores=self_scores,
        final_scores=final_scores,
        principles=tuple(
            PrincipleResult(
                code=code,
                principle=by_code.get(code),
                self_score=self_scores.of(code),
                final_score=final_scores.of(code) if final_scores is not None else None,
                verified=verified,
            )
            for code in codes
        ),
    )


def years_chart(
    results: Sequence[AssessmentResult], principles: Sequence[Principle], *, rtl: bool
) -> GroupedBarChart:
    """The public years compared per principle and overall (``results`` newest first, as
    ``label_selectors.public_assessments`` gives them): one series per year, the
    ``YEARS_DRAWN`` latest drawn oldest first; the table has every year, oldest first."""
    ordered = sorted(results, key=lambda r: r.year)
    drawn = ordered[-YEARS_DRAWN:]
    by_code = {p.code: p for p in principles}
    codes: list[str] = [p.code for p in principles if any(r.scores.of(p.code) is not None for r in ordered)]
    codes += [
        c
        for r in ordered
        for c in (p.principle for p in r.scores.principles)
        if c not in by_code and c not in codes
    ]
    labels = [str(by_code[c].name) if c in by_code else c for c in codes]
    overall = _("Overall")
    chart = grouped_bar_chart(
        id="label-years",
        title=_("Score per principle, year by year"),
        description=_(
            "The score of each principle and the overall score of every public self-assessment: "
            "the verified score once the technical team has verified it, else the self-assessment's."
        ),
        series=[str(r.year) for r in drawn],
        rtl=rtl,
        label_heading=_("Principle"),
        rows=[(label, [r.score_of(code) for r in drawn]) for code, label in zip(codes, labels, strict=True)]
        + [(overall, [r.overall for r in drawn])],
        value_format=score_text,
    )
    chart.table = ChartTable(
        caption=chart.table.caption,
        label_heading=chart.table.label_heading,
        headings=[str(r.year) for r in ordered],
        rows=[
            TableRow(label=label, cells=[score_text(r.score_of(code)) for r in ordered])
            for code, label in zip(codes, labels, strict=True)
        ]
        + [TableRow(label=overall, cells=[score_text(r.overall) for r in ordered])],
    )
    return chart
