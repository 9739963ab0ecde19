"""Who may do what on a consultation, as core ``Permission``s (``participation.core.rules``).
Account checks (login, verified email, blocked) come from the core; this adds the consultation's
phase, ownership and association rules. The services check them with ``require``."""

from __future__ import annotations

from participation.core.pages import site_id_of
from participation.core.rules import ALLOWED, CLOSED, FORBIDDEN, Permission, can_contribute, is_focal_point

from .models import ConsultationPage, Phase, Remark, RemarkStatus

NOT_OPEN_YET = "not_open_yet"
ASSOCIATION_NOT_CONFIRMED = "association_not_confirmed"


def phase_permission(consultation: ConsultationPage) -> Permission:
    phase = consultation.phase
    if phase == Phase.ANNOUNCED:
        return Permission(False, NOT_OPEN_YET)
    if phase == Phase.CLOSED:
        return Permission(False, CLOSED)
    return ALLOWED


def can_remark(user, consultation: ConsultationPage) -> Permission:
    """May ``user`` fill a remarks card or propose a project on the (logical) ``consultation``?
    The phase is checked first so a closed consultation says "closed" to everyone."""
    phase = phase_permission(consultation)
    if not phase:
        return phase
    return can_contribute(user, consultation)


def can_change_remark(user, remark: Remark, consultation: ConsultationPage) -> Permission:
    """Authors edit or withdraw their own remark while the consultation is open."""
    if not getattr(user, "is_authenticated", False) or remark.author_id != user.pk or remark.entered_by_staff:
        return Permission(False, FORBIDDEN)
    if remark.status != RemarkStatus.PUBLISHED:
        return Permission(False, FORBIDDEN)
    return can_remark(user, consultation)


def can_speak_for_association(user) -> Permission:
    """May ``user`` sign a remark on behalf of their association (membership confirmed by staff)?"""
    return ALLOWED if confirmed_association(user) else Permission(False, ASSOCIATION_NOT_CONFIRMED)


def can_manage(user, consultation: ConsultationPage) -> Permission:
    """The commune's focal point (or administrator) runs the consultation: exports, report, synthesis."""
    return ALLOWED if is_focal_point(user, site_id=site_id_of(consultation)) else Permission(False, FORBIDDEN)


def confirmed_association(user) -> str:
    """The association ``user`` may speak for ('' unless staff confirmed the membership)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return getattr(user, "confirmed_association", "") or ""
