"""Writes on contributions, comments, supports, reports and moderation.

Every function is keyword-only and atomic. Counters (``support_count``, ``comment_count``) are
updated with ``F()`` expressions while the contribution row is locked (``select_for_update``),
so they stay exact under concurrent requests. What happens (a contribution, a comment, an answer, a
status change) is announced through ``participation.core.events``; whoever listens (the
notifications app: auto-follows, followers told) does the rest in the same transaction.
"""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .caching import content_changed
from .events import ParticipationEvent, announce
from .models import (
    STATUS_TRANSITIONS,
    Comment,
    Contribution,
    ContributionLink,
    ContributionStatus,
    ModerationAction,
    ModerationActionKind,
    Rating,
    Report,
    StatusChange,
    Support,
    UserBlock,
    Visibility,
)
from .pages import logical_page, page_site
from .rules import forget_account_standing

logger = logging.getLogger(__name__)

THUMBNAIL_SIZE = (480, 480)


def _site_for(page: Page):
    site = page_site(page)
    if site is None:
        raise ValidationError(_("This page does not belong to a commune site."))
    return site


def _thumbnail(photo: ContentFile, name: str) -> ContentFile | None:
    from PIL import Image

    try:
        photo.seek(0)
        with Image.open(photo) as image:
            image.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=80, optimize=True)
    except Exception:  # an unreadable image already failed clean_photo; be safe anyway
        logger.warning("could not make a thumbnail for %s", name, exc_info=True)
        return None
    finally:
        photo.seek(0)
    return ContentFile(out.getvalue(), name=f"thumb-{name.rsplit('/', 1)[-1].rsplit('.', 1)[0]}.jpg")


def _set_photo(contribution: Contribution, photo: ContentFile | None) -> None:
    """``photo`` must already be cleaned (``participation.core.attachments.clean_photo``)."""
    if photo is None:
        return
    name = getattr(photo, "name", None) or "photo.jpg"
    contribution.photo.save(name, photo, save=False)
    thumb = _thumbnail(photo, name)
    if thumb is not None:
        contribution.photo_thumbnail.save(thumb.name, thumb, save=False)


@transaction.atomic
def contribution_create(
    *,
    page: Page,
    author,
    kind: str,
    title: str,
    text: str,
    photo: ContentFile | None = None,
    **extra: Any,
) -> Contribution:
    """Creates a contribution on the logical page of ``page``. ``extra`` may set category,
    neighbourhood, place_description, photo_alt, association_name, entered_by_staff,
    on_behalf_of_name, data, created_at. A citizen's contribution is refused
    (``rules.ActionRefused``) unless ``rules.can_create_contribution`` allows it."""
    from .rules import can_create_contribution, require

    require(can_create_contribution(author, page.specific, entered_by_staff=bool(extra.get("entered_by_staff"))))
    source = logical_page(page)
    contribution = Contribution(
        site=_site_for(source), page=source, kind=kind, author=author, title=title.strip(), text=text.strip(), **extra
    )
    _set_photo(contribution, photo)
    contribution.full_clean(exclude=["photo", "photo_thumbnail"])
    contribution.save()
    StatusChange.objects.create(
        contribution=contribution, from_status="", to_status=contribution.status, by=author, at=contribution.created_at
    )
    announce(ParticipationEvent.CONTRIBUTION_CREATED, contribution=contribution, actor=author)
    content_changed(site_id=contribution.site_id)
    return contribution


EDITABLE_FIELDS = {"title", "text", "category", "neighbourhood", "place_description", "photo_alt", "data"}


@transaction.atomic
def contribution_update(
    *, contribution: Contribution, by, photo: ContentFile | None = None, remove_photo: bool = False, **fields: Any
) -> Contribution:
    """The author edits their contribution while nobody has answered it yet
    (``rules.can_edit_contribution``, else ``rules.ActionRefused``)."""
    from .rules import can_edit_contribution, require

    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    require(can_edit_contribution(by, contribution))
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(contribution, name, value.strip() if isinstance(value, str) else value)
    if remove_photo:
        contribution.photo.delete(save=False)
        contribution.photo_thumbnail.delete(save=False)
    _set_photo(contribution, photo)
    contribution.full_clean(exclude=["photo", "photo_thumbnail"])
    contribution.save()
    content_changed(site_id=contribution.site_id)
    return contribution


@transaction.atomic
def contribution_withdraw(*, contribution: Contribution, by) -> Contribution:
    """The author withdraws a contribution the commune has not answered yet
    (``rules.can_withdraw_contribution``, else ``rules.ActionRefused``)."""
    from .rules import can_withdraw_contribution, require

    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    require(can_withdraw_contribution(by, contribution))
    StatusChange.objects.create(
        contribution=contribution, from_status=contribution.status, to_status=ContributionStatus.WITHDRAWN, by=by
    )
    contribution.status = ContributionStatus.WITHDRAWN
    contribution.save(update_fields=["status", "updated_at"])
    content_changed(site_id=contribution.site_id)
    return contribution


@transaction.atomic
def contribution_set_status(
    *, contribution: Contribution, status: str, by, answer: str = "", reason: str = ""
) -> Contribution:
    """The commune's official side: moves the status along an allowed transition and/or
    publishes an official answer. Each change is recorded in the public history and
    followers are notified. "Not retained" needs a reason."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    answer = (answer or "").strip()
    reason = (reason or "").strip()
    old = contribution.status
    status_changed = status != old
    if status_changed and status not in STATUS_TRANSITIONS.get(old, set()):
        raise ValidationError(
            _("The status cannot go from “%(old)s” to “%(new)s”.")
            % {"old": ContributionStatus(old).label, "new": ContributionStatus(status).label}
        )
    if status_changed and status == ContributionStatus.NOT_RETAINED and not (reason or answer):
        raise ValidationError(_("Give the reason why this contribution is not retained."))
    answer_changed = bool(answer) and answer != contribution.official_answer
    if not status_changed and not answer_changed:
        raise ValidationError(_("Nothing changed: choose a new status or write an answer."))
    now = timezone.now()
    if status_changed:
        StatusChange.objects.create(
            contribution=contribution, from_status=old, to_status=status, reason=reason or "", by=by, at=now
        )
        contribution.status = status
    if answer_changed:
        contribution.official_answer = answer
        contribution.answered_at = now
        contribution.answered_by = by
        if not status_changed and old == ContributionStatus.RECEIVED:
            StatusChange.objects.create(
                contribution=contribution, from_status=old, to_status=ContributionStatus.ANSWERED, by=by, at=now
            )
            contribution.status = ContributionStatus.ANSWERED
    contribution.save()
    content_changed(site_id=contribution.site_id)
    if answer_changed:
        announce(ParticipationEvent.OFFICIAL_ANSWER, contribution=contribution, actor=by)
    elif status_changed:
        announce(ParticipationEvent.STATUS_CHANGE, contribution=contribution, actor=by)
    return contribution


# --- comments -------------------------------------------------------------------------------


@transaction.atomic
def comment_create(
    *, contribution: Contribution, author, text: str, parent: Comment | None = None, official: bool = False
) -> Comment:
    """Adds a comment (or a reply: replies to a reply attach to the top-level comment)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write a comment."))
    locked = Contribution.objects.select_for_update().only("pk").get(pk=contribution.pk)
    if parent is not None:
        if parent.contribution_id != locked.pk:
            raise ValidationError(_("This reply does not belong to this contribution."))
        if parent.parent_id is not None:
            parent = Comment.objects.get(pk=parent.parent_id)
    comment = Comment(contribution=locked, author=author, text=text, parent=parent, is_official=official)
    comment.full_clean()
    comment.save()
    Contribution.objects.filter(pk=locked.pk).update(comment_count=F("comment_count") + 1)
    contribution.comment_count = Contribution.objects.values_list("comment_count", flat=True).get(pk=locked.pk)
    content_changed(site_id=contribution.site_id)
    event = ParticipationEvent.REPLY if parent is not None else ParticipationEvent.COMMENT
    announce(event, contribution=contribution, actor=author, comment=comment)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, by, text: str) -> Comment:
    from .rules import can_edit_comment

    comment = Comment.objects.select_for_update().select_related("contribution").get(pk=comment.pk)
    permission = can_edit_comment(by, comment)
    if not permission:
        raise PermissionDenied(permission.reason)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write a comment."))
    comment.text = text
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["text", "edited_at"])
    content_changed(site_id=comment.contribution.site_id)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, by) -> Comment:
    """The author deletes their comment: its text goes, a tombstone stays (replies keep their place)."""
    from .rules import can_delete_comment

    comment = Comment.objects.select_for_update().select_related("contribution").get(pk=comment.pk)
    permission = can_delete_comment(by, comment)
    if not permission:
        raise PermissionDenied(permission.reason)
    comment.is_deleted = True
    comment.deleted_at = timezone.now()
    comment.text = ""
    comment.save(update_fields=["is_deleted", "deleted_at", "text"])
    if comment.visibility == Visibility.VISIBLE:  # ``comment_count`` counts visible, live comments
        Contribution.objects.filter(pk=comment.contribution_id).update(comment_count=F("comment_count") - 1)
    content_changed(site_id=comment.contribution.site_id)
    return comment


# --- supports -------------------------------------------------------------------------------


@transaction.atomic
def support_toggle(*, contribution: Contribution, user, want: bool | None = None) -> tuple[bool, int]:
    """Supports or withdraws the support of ``user``; returns ``(supported, count)``.

    ``want`` forces a direction (True: support, False: withdraw) so a double submit is harmless.
    The contribution row is locked for the duration, so concurrent toggles serialise and the
    count always equals the number of ``Support`` rows."""
    locked = Contribution.objects.select_for_update().only("pk", "support_count", "site_id").get(pk=contribution.pk)
    existing = Support.objects.filter(contribution=locked, user=user)
    has = existing.exists()
    target = (not has) if want is None else want
    if target and not has:
        try:
            with transaction.atomic():
                Support.objects.create(contribution=locked, user=user)
        except IntegrityError:  # the unique constraint is the last line of defence
            pass
        else:
            Contribution.objects.filter(pk=locked.pk).update(support_count=F("support_count") + 1)
    elif not target and has:
        deleted, _details = existing.delete()
        if deleted:
            Contribution.objects.filter(pk=locked.pk).update(support_count=F("support_count") - 1)
    count = Contribution.objects.values_list("support_count", flat=True).get(pk=locked.pk)
    contribution.support_count = count
    content_changed(site_id=locked.site_id)
    return target, count


# --- ratings --------------------------------------------------------------------------------


@transaction.atomic
def rating_set(*, contribution: Contribution, user, value: int, scale: int = 5, page=None) -> tuple[int, int]:
    """Records ``user``'s rating (1..``scale``) of ``contribution``, replacing their earlier one;
    returns ``(count, total)``. Checks ``rules.can_rate``. The contribution row is locked, so
    concurrent ratings serialise and ``rating_count`` / ``rating_total`` stay exact."""
    from . import rules

    rules.require(rules.can_rate(user, contribution, page=page))
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= scale:
        raise ValidationError(_("Choose a rating from 1 to %(scale)s.") % {"scale": scale}, code="rating_range")
    locked = Contribution.objects.select_for_update().only("pk", "site_id").get(pk=contribution.pk)
    now = timezone.now()
    previous = Rating.objects.filter(contribution=locked, user=user).values_list("value", flat=True).first()
    if previous is None:
        Rating.objects.create(contribution=locked, user=user, value=value, created_at=now, updated_at=now)
        Contribution.objects.filter(pk=locked.pk).update(
            rating_count=F("rating_count") + 1, rating_total=F("rating_total") + value
        )
    elif previous != value:
        Rating.objects.filter(contribution=locked, user=user).update(value=value, updated_at=now)
        Contribution.objects.filter(pk=locked.pk).update(rating_total=F("rating_total") + (value - previous))
    count, total = Contribution.objects.values_list("rating_count", "rating_total").get(pk=locked.pk)
    contribution.rating_count, contribution.rating_total = count, total
    content_changed(site_id=locked.site_id)
    return count, total


# --- links between contributions -------------------------------------------------------------


@transaction.atomic
def contribution_link(*, source: Contribution, target: Contribution, relation: str) -> ContributionLink:
    """Links two contributions (``LinkRelation``); linking twice is harmless."""
    link, _created = ContributionLink.objects.get_or_create(source=source, target=target, relation=relation)
    content_changed(site_id=target.site_id)
    return link


# --- reports and moderation -----------------------------------------------------------------


@transaction.atomic
def report_create(
    *, reporter, reason: str, details: str = "", contribution: Contribution | None = None, comment: Comment | None = None
) -> Report:
    """Reports a contribution or a comment. A second open report by the same person on the same
    item updates the first one instead of adding a duplicate."""
    if (contribution is None) == (comment is None):
        raise ValueError("report exactly one of contribution or comment")
    target_contribution = comment.contribution if comment is not None else contribution
    lookup = {"comment": comment} if comment is not None else {"contribution": contribution, "comment": None}
    existing = Report.objects.select_for_update().filter(reporter=reporter, resolved_at__isnull=True, **lookup).first()
    if existing is not None:
        existing.reason = reason
        existing.details = details.strip()
        existing.full_clean()
        existing.save(update_fields=["reason", "details"])
        return existing
    report = Report(
        reporter=reporter,
        contribution=contribution if comment is None else None,
        comment=comment,
        site_id=target_contribution.site_id,
        reason=reason,
        details=details.strip(),
    )
    report.full_clean()
    report.save()
    return report


def _resolve_reports(*, contribution: Contribution | None, comment: Comment | None, by) -> None:
    qs = Report.objects.filter(resolved_at__isnull=True)
    qs = qs.filter(comment=comment) if comment is not None else qs.filter(contribution=contribution)
    qs.update(resolved_at=timezone.now(), resolved_by=by)


def _target(contribution: Contribution | None, comment: Comment | None):
    if (contribution is None) == (comment is None):
        raise ValueError("moderate exactly one of contribution or comment")
    model = Comment if comment is not None else Contribution
    obj = model.objects.select_for_update().get(pk=(comment or contribution).pk)
    site_id = obj.contribution.site_id if isinstance(obj, Comment) else obj.site_id
    return obj, site_id


@transaction.atomic
def moderation_hide(*, by, reason: str, contribution: Contribution | None = None, comment: Comment | None = None):
    """Hides a contribution or comment; the reason is shown to its author. Open reports on it
    are resolved and the action logged."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for hiding; it is shown to the author."))
    obj, site_id = _target(contribution, comment)
    obj.visibility = Visibility.HIDDEN
    obj.hidden_reason = reason
    obj.save(update_fields=["visibility", "hidden_reason"])
    is_comment = isinstance(obj, Comment)
    if is_comment and not obj.is_deleted:
        Contribution.objects.filter(pk=obj.contribution_id).update(comment_count=F("comment_count") - 1)
    _resolve_reports(contribution=None if is_comment else obj, comment=obj if is_comment else None, by=by)
    ModerationAction.objects.create(
        actor=by,
        action=ModerationActionKind.HIDE,
        site_id=site_id,
        contribution=obj.contribution if is_comment else obj,
        comment=obj if is_comment else None,
        target_user_id=obj.author_id,
        reason=reason,
    )
    content_changed(site_id=site_id)
    return obj


@transaction.atomic
def moderation_restore(*, by, reason: str = "", contribution: Contribution | None = None, comment: Comment | None = None):
    obj, site_id = _target(contribution, comment)
    is_comment = isinstance(obj, Comment)
    was_hidden = obj.visibility == Visibility.HIDDEN
    obj.visibility = Visibility.VISIBLE
    obj.hidden_reason = ""
    obj.save(update_fields=["visibility", "hidden_reason"])
    if is_comment and was_hidden and not obj.is_deleted:
        Contribution.objects.filter(pk=obj.contribution_id).update(comment_count=F("comment_count") + 1)
    ModerationAction.objects.create(
        actor=by,
        action=ModerationActionKind.RESTORE,
        site_id=site_id,
        contribution=obj.contribution if is_comment else obj,
        comment=obj if is_comment else None,
        target_user_id=obj.author_id,
        reason=(reason or "").strip(),
    )
    content_changed(site_id=site_id)
    return obj


@transaction.atomic
def moderation_dismiss(*, by, reason: str = "", contribution: Contribution | None = None, comment: Comment | None = None):
    """Closes the open reports on an item without hiding it."""
    obj, site_id = _target(contribution, comment)
    is_comment = isinstance(obj, Comment)
    _resolve_reports(contribution=None if is_comment else obj, comment=obj if is_comment else None, by=by)
    ModerationAction.objects.create(
        actor=by,
        action=ModerationActionKind.DISMISS,
        site_id=site_id,
        contribution=obj.contribution if is_comment else obj,
        comment=obj if is_comment else None,
        target_user_id=obj.author_id,
        reason=(reason or "").strip(),
    )
    return obj


@transaction.atomic
def user_block(*, user, site, by, days: int, reason: str) -> UserBlock:
    """Blocks ``user`` from contributing, commenting and supporting on ``site`` for ``days``."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for blocking this account."))
    if days < 1 or days > 3650:
        raise ValidationError(_("Block for 1 to 3650 days."))
    if getattr(user, "is_superuser", False) or getattr(user, "pk", None) == getattr(by, "pk", None):
        raise ValidationError(_("This account cannot be blocked."))
    block = UserBlock.objects.create(
        user=user, site=site, until=timezone.now() + timedelta(days=days), reason=reason, created_by=by
    )
    ModerationAction.objects.create(
        actor=by, action=ModerationActionKind.BLOCK, site=site, target_user=user, reason=reason
    )
    forget_account_standing(user)
    return block


@transaction.atomic
def user_unblock(*, user, site, by, reason: str = "") -> int:
    lifted = UserBlock.objects.active().filter(user=user, site=site).update(lifted_at=timezone.now())
    forget_account_standing(user)  # update() sends no signal
    if lifted:
        ModerationAction.objects.create(
            actor=by, action=ModerationActionKind.UNBLOCK, site=site, target_user=user, reason=(reason or "").strip()
        )
    return lifted
