"""The citizen budget a staff screen works on: ``/admin/budget/<page_id>/…`` names any language
copy of the budget page; the screen works on the source-language one, for its commune's
communicator (or administrator) only."""

from __future__ import annotations

from django.http import Http404

from participation.core.admin_access import page_for_staff

from . import rules
from .models import BudgetPage, BudgetYear


def budget_for_staff(request, page_id: int) -> BudgetPage:
    """The logical budget of page ``page_id`` (404 if none), if ``rules.can_manage`` lets the user
    keep it (403 otherwise)."""
    return page_for_staff(request, page_class=BudgetPage, page_id=page_id, rule=rules.can_manage)


def year_of(budget: BudgetPage, year_id: int) -> BudgetYear:
    """The budget's year ``year_id`` (404 for a year of another budget)."""
    budget_year = BudgetYear.objects.filter(budget=budget, pk=year_id).select_related("budget").first()
    if budget_year is None:
        raise Http404
    return budget_year
