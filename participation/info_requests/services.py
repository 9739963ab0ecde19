"""Writes for information requests. Every status change is a service with its reason, logged
in ``Event`` with who made it and when; every write is one transaction."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from participation.core.db import after_response, brief_transaction, save_with_retries
from participation.core.pages import logical_page, page_site, source_language
from participation.core.rules import TOO_LATE, require
from participation.working_days import clock
from site_template.communes.models import CommuneSettings

from . import deadlines, emails, rules
from .models import (
    ANSWER_STATUSES,
    OPEN_STATUSES,
    Attachment,
    Complaint,
    DataRequest,
    Event,
    IdentityAccessLog,
    InfoRequest,
    InfoRequestSettings,
    RefusalGround,
    Status,
    TrackingCounter,
    hash_token,
)

ERASED = "—"


@dataclass
class Identity:
    full_name: str
    postal_address: str
    id_document: str
    id_number: str
    email: str = ""
    phone: str = ""


def _event(request: InfoRequest, *, kind: str, by=None, message: str = "", to_requester: bool = False,
           from_status: str = "", to_status: str = "") -> Event:
    return Event.objects.create(
        request=request, kind=kind, by=by, message=message, to_requester=to_requester,
        from_status=from_status, to_status=to_status, at=clock.now(),
    )


def tracking_number_prefix(*, site: Site) -> str:
    """The commune's short name in capitals (``LARACHE``): a number names its commune."""
    slug = CommuneSettings.for_site(site).slug or f"site{site.pk}"
    return slug.upper()


def tracking_number_format(*, prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}-{year}-{sequence:05d}"


def _next_tracking_number(*, site: Site, year: int) -> str:
    """The commune's next number for ``year``: its counter row stays locked until the request is
    committed, so two requests filed at once in one commune wait for each other, and requests in
    different communes never do. A number already taken in the commune (data imported or
    restored behind the counter) is skipped rather than failing every later request."""
    counter, _created = TrackingCounter.objects.select_for_update().get_or_create(site=site, year=year)
    prefix = tracking_number_prefix(site=site)
    taken = InfoRequest.objects.filter(site=site)
    while True:
        TrackingCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db(fields=["last"])
        number = tracking_number_format(prefix=prefix, year=year, sequence=counter.last)
        if not taken.filter(tracking_number=number).exists():
            return number


@transaction.atomic
def info_request_create(
    *,
    page: Page,
    identity: Identity,
    subject: str,
    information_requested: str,
    access_form: str,
    is_urgent: bool = False,
    urgency_justification: str = "",
    requester=None,
    language: str | None = None,
) -> tuple[InfoRequest, str]:
    """Files a request on the logical (source-language) page of ``page``, in ``language`` (the
    requester's; default: the source language). Returns the request and the private token
    (shown once, in the receipt link; only its hash is stored)."""
    page = logical_page(page)
    site = page_site(page)
    conf = InfoRequestSettings.for_site(site)
    received_at = clock.now()
    received_on = clock.local_date(received_at)
    due = deadlines.answer_due(received_on=received_on, urgent=is_urgent, conf=conf)
    token = secrets.token_urlsafe(24)
    request = InfoRequest.objects.create(
        page=page,
        site=site,
        tracking_number=_next_tracking_number(site=site, year=received_on.year),
        token_hash=hash_token(token),
        requester=requester if getattr(requester, "is_authenticated", False) else None,
        language=language or source_language(),
        full_name=identity.full_name,
        postal_address=identity.postal_address,
        id_document=identity.id_document,
        id_number=identity.id_number.strip().upper(),
        email=identity.email,
        phone=identity.phone,
        subject=subject,
        information_requested=information_requested,
        access_form=access_form,
        is_urgent=is_urgent,
        urgency_justification=urgency_justification if is_urgent else "",
        received_at=received_at,
        due_date=due,
        initial_due_date=due,
    )
    _event(request, kind=Event.Kind.RECEIVED, to_status=Status.RECEIVED)
    transaction.on_commit(lambda: emails.send_receipt(request=request, token=token))
    transaction.on_commit(lambda: emails.notify_officers_new(request=request))
    return request, token


def _lock(request: InfoRequest) -> InfoRequest:
    return InfoRequest.objects.select_for_update().get(pk=request.pk)


def _require_open(request: InfoRequest) -> None:
    if request.status not in OPEN_STATUSES:
        raise ValidationError(_("This request is closed."))


def _set_status(request: InfoRequest, status: str, *, by, message: str = "", to_requester: bool = True) -> None:
    previous = request.status
    request.status = status
    _event(request, kind=Event.Kind.STATUS, by=by, from_status=previous, to_status=status,
           message=message, to_requester=to_requester)


@transaction.atomic
def info_request_start(*, request: InfoRequest, by) -> InfoRequest:
    request = _lock(request)
    if request.status != Status.RECEIVED:
        raise ValidationError(_("Only a received request can be put in progress."))
    _set_status(request, Status.IN_PROGRESS, by=by, to_requester=True)
    if request.assigned_to_id is None:
        request.assigned_to = by
    request.save(update_fields=["status", "assigned_to"])
    return request


@transaction.atomic
def info_request_assign(*, request: InfoRequest, officer, by) -> InfoRequest:
    request = _lock(request)
    request.assigned_to = officer
    request.save(update_fields=["assigned_to"])
    _event(request, kind=Event.Kind.ASSIGNED, by=by, message=str(officer) if officer else "")
    return request


@transaction.atomic
def info_request_extend(*, request: InfoRequest, reason: str, by) -> InfoRequest:
    """Art. 16: once, by 20 working days, with a reasoned notice sent before the deadline."""
    request = _lock(request)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the extension: the requester is notified of it."))
    if not deadlines.can_extend(request=request):
        raise ValidationError(_("The deadline can be extended only once, before it has passed, and not for an urgent request."))
    request.due_date = deadlines.extended_due(due_date=request.due_date, conf=request.settings)
    request.extended_at = clock.now()
    request.extension_reason = reason.strip()
    _set_status(request, Status.EXTENDED, by=by, message=request.extension_reason)
    request.save(update_fields=["status", "due_date", "extended_at", "extension_reason"])
    transaction.on_commit(lambda: emails.send_update(request=request, kind="extended", message=request.extension_reason))
    return request


def _add_attachments(request: InfoRequest, files: list[UploadedFile], by) -> None:
    for upload in files:
        Attachment.objects.create(
            request=request, file=upload, name=upload.name[:200], size=upload.size or 0,
            uploaded_by=by, uploaded_at=clock.now(),
        )


@transaction.atomic
def info_request_answer(
    *, request: InfoRequest, message: str, by, partial: bool = False, files: list[UploadedFile] | None = None,
    publish: bool = False,
) -> InfoRequest:
    """Answered or partly answered (art. 8: the exempt part removed, the rest given)."""
    request = _lock(request)
    _require_open(request)
    if not message.strip():
        raise ValidationError(_("Write the answer to the requester."))
    request.answer = message.strip()
    request.answered_at = clock.now()
    request.closed_at = request.answered_at
    _set_status(request, Status.PARTLY_ANSWERED if partial else Status.ANSWERED, by=by, message=request.answer)
    _add_attachments(request, files or [], by)
    if publish:
        request.published_at = request.answered_at
        _event(request, kind=Event.Kind.PUBLISHED, by=by)
    request.save(update_fields=["answer", "answered_at", "closed_at", "status", "published_at"])
    transaction.on_commit(lambda: emails.send_update(request=request, kind="answered", message=request.answer))
    return request


@transaction.atomic
def info_request_refuse(*, request: InfoRequest, ground: str, reason: str, by, exception: str = "") -> InfoRequest:
    """Art. 18: written and reasoned; an art. 7 exception is named; the letter mentions the right
    to complain (art. 19)."""
    request = _lock(request)
    _require_open(request)
    if ground not in RefusalGround.values:
        raise ValidationError(_("Choose a refusal ground of art. 18."))
    if ground == RefusalGround.EXCEPTION and not exception:
        raise ValidationError(_("Name the art. 7 exception that applies."))
    if not reason.strip():
        raise ValidationError(_("A refusal must give its reasons."))
    request.refusal_ground = ground
    request.refusal_exception = exception if ground == RefusalGround.EXCEPTION else ""
    request.refusal_reason = reason.strip()
    request.answered_at = clock.now()
    request.closed_at = request.answered_at
    _set_status(request, Status.REFUSED, by=by, message=request.refusal_reason)
    request.save(update_fields=["refusal_ground", "refusal_exception", "refusal_reason", "answered_at",
                                "closed_at", "status"])
    transaction.on_commit(lambda: emails.send_update(request=request, kind="refused", message=request.refusal_reason))
    return request


@transaction.atomic
def info_request_transfer(*, request: InfoRequest, body: str, message: str, by) -> InfoRequest:
    request = _lock(request)
    _require_open(request)
    if not body.strip():
        raise ValidationError(_("Name the body the request is transferred to."))
    request.transferred_to = body.strip()
    request.closed_at = clock.now()
    _set_status(request, Status.TRANSFERRED, by=by, message=message.strip() or request.transferred_to)
    request.save(update_fields=["transferred_to", "closed_at", "status"])
    transaction.on_commit(lambda: emails.send_update(request=request, kind="transferred", message=request.transferred_to))
    return request


@transaction.atomic
def info_request_withdraw(*, request: InfoRequest, reason: str, by=None) -> InfoRequest:
    request = _lock(request)
    _require_open(request)
    request.closed_at = clock.now()
    _set_status(request, Status.WITHDRAWN, by=by, message=reason.strip())
    request.save(update_fields=["closed_at", "status"])
    return request


@transaction.atomic
def info_request_message(*, request: InfoRequest, message: str, by, internal: bool = False) -> Event:
    if not message.strip():
        raise ValidationError(_("The message is empty."))
    event = _event(request, kind=Event.Kind.NOTE if internal else Event.Kind.MESSAGE, by=by,
                   message=message.strip(), to_requester=not internal)
    if not internal:
        transaction.on_commit(lambda: emails.send_update(request=request, kind="message", message=event.message))
    return event


@transaction.atomic
def info_request_set_published(*, request: InfoRequest, publish: bool, by) -> InfoRequest:
    """The public register shows the question and the answer, never the identity."""
    request = _lock(request)
    if publish and request.status not in ANSWER_STATUSES:
        raise ValidationError(_("Only an answered request can be published."))
    if publish == (request.published_at is not None):
        return request
    request.published_at = clock.now() if publish else None
    request.save(update_fields=["published_at"])
    _event(request, kind=Event.Kind.PUBLISHED if publish else Event.Kind.UNPUBLISHED, by=by)
    return request


COMPLAINT_REFUSALS = {
    rules.NOT_YET: _("A complaint is possible once the deadline has passed or the answer is given."),
    TOO_LATE: _("The period for a complaint to the head of the commune has ended."),
    rules.ALREADY_FILED: _("A complaint has already been filed for this request."),
}
ERASURE_REFUSALS = {
    rules.STILL_OPEN: _("Erasure is possible once the request is closed."),
    rules.ERASED: _("Your identity has already been erased."),
}


@transaction.atomic
def complaint_file(*, request: InfoRequest, text: str) -> Complaint:
    """Art. 19: the requester complains to the head of the commune within 20 working days of the
    deadline or the answer; the head answers within 15 days."""
    request = _lock(request)
    permission = rules.can_file_complaint(request=request)
    if not permission:  # a form error on the status page: the legal condition that is not met
        raise ValidationError(COMPLAINT_REFUSALS[permission.reason], code=permission.reason)
    basis = deadlines.complaint_basis(request=request)
    if not text.strip():
        raise ValidationError(_("Explain your complaint."))
    filed_at = clock.now()
    complaint = Complaint.objects.create(
        request=request, reason=basis[0], text=text.strip(), filed_at=filed_at,
        due_date=deadlines.complaint_answer_due(filed_on=clock.local_date(filed_at), conf=request.settings),
    )
    _event(request, kind=Event.Kind.COMPLAINT, message=complaint.get_reason_display())
    transaction.on_commit(lambda: emails.notify_officers_complaint(complaint=complaint))
    return complaint


@transaction.atomic
def complaint_answer(*, complaint: Complaint, answer: str, by) -> Complaint:
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.state != Complaint.State.FILED:
        raise ValidationError(_("This complaint has already been answered."))
    if not answer.strip():
        raise ValidationError(_("Write the answer to the complaint."))
    complaint.answer = answer.strip()
    complaint.answered_at = clock.now()
    complaint.answered_by = by
    complaint.state = Complaint.State.ANSWERED
    complaint.save()
    _event(complaint.request, kind=Event.Kind.COMPLAINT, by=by, message=complaint.answer, to_requester=True)
    transaction.on_commit(lambda: emails.send_update(request=complaint.request, kind="complaint_answered", message=complaint.answer))
    return complaint


@transaction.atomic
def data_request_file(*, request: InfoRequest, kind: str, text: str) -> DataRequest:
    """Law 09-08 art. 8: rectification at any time; erasure once the request is closed."""
    if kind == DataRequest.Kind.ERASURE:
        permission = rules.can_request_erasure(request=request)
        if not permission:
            raise ValidationError(ERASURE_REFUSALS[permission.reason], code=permission.reason)
    if kind == DataRequest.Kind.RECTIFICATION and not text.strip():
        raise ValidationError(_("Say what must be corrected."))
    if request.identity_erased_at:
        raise ValidationError(ERASURE_REFUSALS[rules.ERASED], code=rules.ERASED)
    filed_at = clock.now()
    data_request = DataRequest.objects.create(
        request=request, kind=kind, text=text.strip(), filed_at=filed_at,
        due_date=deadlines.rectification_due(filed_on=clock.local_date(filed_at), conf=request.settings),
    )
    _event(request, kind=Event.Kind.DATA, message=data_request.get_kind_display())
    return data_request


@transaction.atomic
def data_request_handle(*, data_request: DataRequest, done: bool, response: str, by) -> DataRequest:
    data_request = DataRequest.objects.select_for_update().get(pk=data_request.pk)
    if data_request.state != DataRequest.State.OPEN:
        raise ValidationError(_("This request has already been handled."))
    data_request.state = DataRequest.State.DONE if done else DataRequest.State.REFUSED
    data_request.response = response.strip()
    data_request.handled_at = clock.now()
    data_request.handled_by = by
    data_request.save()
    if done and data_request.kind == DataRequest.Kind.ERASURE:
        identity_erase(request=data_request.request, by=by)
    _event(data_request.request, kind=Event.Kind.DATA, by=by, to_requester=True,
           message=data_request.response or data_request.get_state_display())
    return data_request


@transaction.atomic
def identity_update(*, request: InfoRequest, identity: Identity, by) -> InfoRequest:
    """Rectification by the officer."""
    request = _lock(request)
    for field, value in identity.__dict__.items():
        setattr(request, field, value)
    request.save()
    _event(request, kind=Event.Kind.DATA, by=by, message=str(_("Identity rectified")))
    return request


@transaction.atomic
def identity_erase(*, request: InfoRequest, by=None) -> InfoRequest:
    """Erases the requester's identity (the request itself and its figures remain)."""
    request = _lock(request)
    if not request.is_closed:
        raise ValidationError(_("Erasure is possible once the request is closed."))
    request.full_name = ERASED
    request.postal_address = ""
    request.id_number = ""
    request.email = ""
    request.phone = ""
    request.requester = None
    request.identity_erased_at = clock.now()
    request.save()
    _event(request, kind=Event.Kind.DATA, by=by, message=str(_("Identity erased")))
    return request


def identities_erase_expired(*, site: Site | None = None) -> int:
    """Erases the identities of requests closed longer ago than each commune's retention period."""
    import datetime as dt

    count = 0
    sites = [site] if site else Site.objects.all()
    for current in sites:
        conf = InfoRequestSettings.for_site(current)
        limit = clock.now() - dt.timedelta(days=conf.identity_retention_days)
        expired = InfoRequest.objects.for_site(current).closed().filter(
            closed_at__lt=limit, identity_erased_at__isnull=True
        )
        for request in expired:
            identity_erase(request=request)
            count += 1
    return count


ACCESS_LOG_LOCK_WAIT = 1.0  # seconds a page waits for another writer before deferring its log entry


def identity_access_log(*, request: InfoRequest, user, action: str) -> IdentityAccessLog:
    """Records that ``user`` saw the identity on ``request``; refuses anyone but the officers.

    The entry (with the moment of the access) is written at once in its own short transaction.
    When another process is writing (SQLite: "database is locked"; PostgreSQL: the request's row
    locked by an answer being saved) the page does not wait nor fail: the entry is written once
    the response has gone, retried until the database is free."""
    require(rules.can_see_identity(user=user, site=request.site))
    entry = IdentityAccessLog(request=request, user=user, action=action, at=clock.now())
    try:
        with brief_transaction(lock_wait=ACCESS_LOG_LOCK_WAIT):
            entry.save(force_insert=True)
    except OperationalError:
        entry.pk = None
        after_response(lambda: save_with_retries(entry))
    return entry


def officer_reminders_send() -> int:
    """Daily: emails each commune's information officers the requests due soon and the overdue
    ones, with the complaints and personal-data requests waiting. Returns the officers emailed."""
    from wagtail.models import Site

    from .emails import send_reminder
    from .models import InfoRequestSettings
    from .selectors import reminder_other_items, reminder_requests

    emailed = 0
    for site in Site.objects.all():
        conf = InfoRequestSettings.for_site(site)
        due_soon, overdue = reminder_requests(site=site, days_ahead=conf.reminder_days_ahead)
        complaints, data_requests = reminder_other_items(site=site, days_ahead=conf.reminder_days_ahead)
        emailed += send_reminder(
            site=site, due_soon=due_soon, overdue=overdue, complaints=complaints, data_requests=data_requests
        )
    return emailed
