"""The Citizen-Commune Label's score: the one place its rule lives.

The method (shown to citizens with the result, ``METHOD``): each question is worth the points of
its best answer; a principle's score is the points of the answers given to its questions out of
the points they could have earned, in per cent (one decimal, half up); an unanswered question
earns nothing. The overall score is all the points earned out of all the points possible (so a
principle with more questions weighs more, as on the paper form).

The self-assessment's scores use the commune's answers; the final scores use the answers after
verification (the technical team's corrected answer where it changed one). Both are frozen as JSON
on the ``Assessment`` when it is validated (``self_scores``) and verified (``final_scores``), so that
editing the questionnaire later never changes a published result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

METHOD = _(
    "Each question is worth the points of its best answer. A principle's score is the points of the "
    "answers given to its questions out of the points they could earn, in per cent; an unanswered "
    "question earns nothing. The overall score is all the points earned out of all the points possible."
)


def percent(points: int, maximum: int) -> Decimal | None:
    if not maximum:
        return None
    return (Decimal(points) * 100 / Decimal(maximum)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ScoredQuestion:
    """What the rule needs of a question: the principle it scores, its best answer's points, and
    the points of the answer given (``None``: not answered)."""

    principle: str
    maximum: int
    points: int | None


@dataclass(frozen=True)
class PrincipleScore:
    principle: str  # the principle's code
    points: int
    maximum: int
    questions: int
    answered: int

    @property
    def score(self) -> Decimal | None:
        return percent(self.points, self.maximum)


@dataclass(frozen=True)
class Scores:
    principles: tuple[PrincipleScore, ...]

    @property
    def points(self) -> int:
        return sum(p.points for p in self.principles)

    @property
    def maximum(self) -> int:
        return sum(p.maximum for p in self.principles)

    @property
    def overall(self) -> Decimal | None:
        return percent(self.points, self.maximum)

    def of(self, principle: str) -> PrincipleScore | None:
        return next((p for p in self.principles if p.principle == principle), None)

    def as_json(self) -> dict:
        """What ``Assessment.self_scores`` / ``final_scores`` keep."""
        return {
            "points": self.points,
            "maximum": self.maximum,
            "overall": None if self.overall is None else str(self.overall),
            "principles": [
                {"principle": p.principle, "points": p.points, "maximum": p.maximum, "questions": p.questions,
                 "answered": p.answered, "score": None if p.score is None else str(p.score)}
                for p in self.principles
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Scores:
        return cls(tuple(
            PrincipleScore(principle=p["principle"], points=p["points"], maximum=p["maximum"],
                           questions=p["questions"], answered=p["answered"])
            for p in (data or {}).get("principles", [])
        ))


def score(questions: Iterable[ScoredQuestion], *, principle_order: Iterable[str] = ()) -> Scores:
    """The scores of a set of answered questions, per principle in ``principle_order`` (then any
    other principle met, in the order met)."""
    totals: dict[str, list[int]] = {code: [0, 0, 0, 0] for code in principle_order}
    for question in questions:
        row = totals.setdefault(question.principle, [0, 0, 0, 0])
        row[1] += question.maximum
        row[2] += 1
        if question.points is not None:
            row[0] += question.points
            row[3] += 1
    return Scores(tuple(
        PrincipleScore(principle=code, points=p, maximum=m, questions=q, answered=a)
        for code, (p, m, q, a) in totals.items() if q
    ))


def assessment_scores(assessment, *, verified: bool = False) -> Scores:
    """The scores of ``assessment`` from its answers as they are now (after verification when
    ``verified``): three queries."""
    from .models import Answer, Principle, Question

    questions = list(
        Question.objects.filter(section__questionnaire_id=assessment.questionnaire_id)
        .select_related("principle").prefetch_related("choices")
    )
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment).select_related("choice", "verified_choice")
    }
    order = Principle.objects.filter(site_id=assessment.questionnaire.site_id).order_by("number") \
        .values_list("code", flat=True)

    def points(question) -> int | None:
        answer = answers.get(question.pk)
        chosen = (answer.final_choice if verified else answer.choice) if answer else None
        return None if chosen is None else chosen.points

    return score(
        (ScoredQuestion(principle=q.principle.code, maximum=max((c.points for c in q.choices.all()), default=0),
                        points=points(q)) for q in questions),
        principle_order=list(order),
    )
