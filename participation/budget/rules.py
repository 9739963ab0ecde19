"""Who may do what on the citizen budget, as core ``Permission``s (``participation.core.rules``).
Citizens' account checks come from the core; the commune's side is the communicator's (and the
administrator's, who holds every role)."""

from __future__ import annotations

from participation.core.pages import page_site
from participation.core.rules import ALLOWED, FORBIDDEN, Permission, can_contribute
from site_template.communes.roles import Role
from site_template.communes.selectors import user_has_role

from .models import BudgetPage, BudgetYear


def can_manage(user, budget: BudgetPage) -> Permission:
    """The communicator (or administrator) of the budget's commune imports the years, writes the
    explanations and publishes the budget and the administrative account."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Permission(False, FORBIDDEN)
    allowed = user_has_role(user=user, site=page_site(budget), role=Role.COMMUNICATOR)
    return ALLOWED if allowed else Permission(False, FORBIDDEN)


def can_ask(user, budget: BudgetPage, budget_year: BudgetYear) -> Permission:
    """A citizen with a verified account may ask about a line of a published year."""
    if not budget_year.is_published:
        return Permission(False, FORBIDDEN)
    return can_contribute(user, budget)
