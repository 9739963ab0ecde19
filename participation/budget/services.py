"""Every write of the citizen budget: keyword-only, atomic, the rule checked here (``rules``).

Questions: a citizen asks about a line (``question_ask``); the question is a core
``Contribution`` of kind ``budget_question`` on the logical budget page, so comments, follows,
reports and the commune's official answer (``participation.core.services.contribution_set_status``,
from the core admin's contributions screen) are the core's. The author follows the question
through the notifications app, which listens to the core's ``contribution_created``."""

from __future__ import annotations

from django.db import transaction

from participation.core.models import Contribution
from participation.core.rules import require
from participation.core.services import contribution_create

from . import rules
from .models import QUESTION_KIND, BudgetLine, BudgetPage, LineQuestion


@transaction.atomic
def question_ask(*, budget: BudgetPage, line: BudgetLine, author, title: str, text: str) -> Contribution:
    """A citizen's question about ``line`` (a line of a published year of ``budget``); refused
    (``ActionRefused``) unless ``rules.can_ask`` allows it."""
    budget = budget.logical_budget()
    budget_year = line.budget_year
    if budget_year.budget_id != budget.pk:
        raise ValueError("The line is not a line of this budget.")
    require(rules.can_ask(author, budget, budget_year))
    contribution = contribution_create(
        page=budget, author=author, kind=QUESTION_KIND, title=title, text=text,
        data={"line": line.pk, "year": budget_year.year},
    )
    LineQuestion.objects.create(line=line, contribution=contribution)
    return contribution
