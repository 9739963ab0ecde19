"""Who may do what on the charter and the label, as core ``Permission``s
(``participation.core.rules``). Citizens' account checks come from the core.

* The charter (commitments, evidence, evaluations) is kept by the focal point (or the
  administrator, who holds every role).
* A self-assessment is filled in by the focal point (or the administrator) while it is a draft;
  it is validated in the president's name by the commune's administrator (the president or the
  delegate holding the administrator role), never by the communicator; its verification (the technical team's findings) is recorded by the focal point
  or the administrator once it is validated. A draft is seen by its editors alone.
"""

from __future__ import annotations

from participation.core.pages import page_site, site_id_of
from participation.core.rules import ALLOWED, FORBIDDEN, Permission, can_rate, is_focal_point
from site_template.communes.roles import Role
from site_template.communes.selectors import user_has_role

from .models import Assessment, AssessmentStatus, CharterPage, LabelPage

TOO_LATE = "too_late"


def can_manage_charter(user, charter: CharterPage) -> Permission:
    """The focal point (or administrator) of the charter's commune keeps its commitments, evidence
    and evaluations."""
    return ALLOWED if is_focal_point(user, site_id=site_id_of(charter)) else Permission(False, FORBIDDEN)


def can_rate_commitment(user, commitment) -> Permission:
    """A citizen with a verified account says whether a commitment is kept (the core's rating)."""
    if commitment.contribution_id is None:
        return Permission(False, FORBIDDEN)
    return can_rate(user, commitment.contribution, page=commitment.charter)


def can_edit_assessment(user, label: LabelPage, assessment: Assessment | None = None) -> Permission:
    """The focal point (or administrator) fills in a draft self-assessment (or opens a new year's)."""
    if not is_focal_point(user, site_id=site_id_of(label)):
        return Permission(False, FORBIDDEN)
    if assessment is not None and assessment.status != AssessmentStatus.DRAFT:
        return Permission(False, TOO_LATE)
    return ALLOWED


def can_see_assessment(user, label: LabelPage, assessment: Assessment) -> Permission:
    """Everyone sees a validated or verified assessment; a draft only its editors."""
    if assessment.is_public:
        return ALLOWED
    return ALLOWED if is_focal_point(user, site_id=site_id_of(label)) else Permission(False, FORBIDDEN)


def can_validate_assessment(user, label: LabelPage, assessment: Assessment) -> Permission:
    """The administrator (the president or the delegate) validates a draft."""
    if not user_has_role(user=user, site=page_site(label), role=Role.ADMINISTRATOR):
        return Permission(False, FORBIDDEN)
    if assessment.status != AssessmentStatus.DRAFT:
        return Permission(False, TOO_LATE)
    return ALLOWED


def can_verify_assessment(user, label: LabelPage, assessment: Assessment) -> Permission:
    """The focal point (or administrator) records the technical team's verification of a
    validated assessment."""
    if not is_focal_point(user, site_id=site_id_of(label)):
        return Permission(False, FORBIDDEN)
    if assessment.status != AssessmentStatus.VALIDATED:
        return Permission(False, TOO_LATE)
    return ALLOWED


def can_keep_action_plan(user, label: LabelPage, assessment: Assessment) -> Permission:
    """The focal point (or administrator) keeps the action plan of a validated or verified
    assessment (drawn from its weak points); a draft has no plan yet."""
    if not is_focal_point(user, site_id=site_id_of(label)):
        return Permission(False, FORBIDDEN)
    if assessment.status == AssessmentStatus.DRAFT:
        return Permission(False, TOO_LATE)
    return ALLOWED
