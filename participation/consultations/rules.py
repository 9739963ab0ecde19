"""Who may do what on a consultation. Account checks (login, verified email, blocked) come from
``participation.core.rules``; this adds the consultation's phase and ownership rules."""

from __future__ import annotations

from participation.core.pages import site_id_of
from participation.core.rules import ALLOWED, Permission, can_contribute, is_focal_point

from .models import ConsultationPage, Phase, Remark, RemarkStatus

NOT_OPEN_YET = "not_open_yet"
CLOSED = "closed"
FORBIDDEN = "forbidden"


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


def can_manage(user, consultation: ConsultationPage) -> bool:
    """The commune's focal point (or administrator) runs the consultation: exports, report, synthesis."""
    return is_focal_point(user, site_id=site_id_of(consultation))


def confirmed_association(user) -> str:
    """The association ``user`` may speak for ('' unless staff confirmed the membership)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return getattr(user, "confirmed_association", "") or ""
