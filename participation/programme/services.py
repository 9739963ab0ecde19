"""Every write on a tracked programme: keyword-only, atomic, rules checked with ``require``.

A project carries a core ``Contribution`` (kind ``programme_project``) for comments, follows,
ratings, moderation and the links to what shaped it; status changes and progress updates are
announced to its followers with the core event ``update``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from participation.core import services as core_services
from participation.core.caching import content_changed
from participation.core.conversion import AdoptableItem
from participation.core.events import ParticipationEvent, announce
from participation.core.models import Contribution, LinkRelation
from participation.core.rules import require

from . import rules
from .models import (
    AnnualReport,
    Axis,
    FundingLine,
    ProgrammePage,
    Project,
    ProjectStatus,
    ProjectUpdate,
    StatusChange,
)

PROJECT_KIND = "programme_project"
#: A suspension or a cancellation is explained to citizens.
STATUSES_NEEDING_A_REASON = frozenset({ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED})


def public_pages_changed() -> None:
    """Cached anonymous pages must show the change, now and once the transaction commits."""
    content_changed()
    transaction.on_commit(content_changed)


def _thread_title(project: Project) -> str:
    return f"{project.number} — {project.title_ar}"[:200]


def project_thread(*, project: Project) -> Contribution:
    """The project's core Contribution (created on first need, under the project's row lock)."""
    if project.contribution_id:
        return project.contribution
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.contribution_id is None:
            locked.contribution = core_services.contribution_create(
                page=locked.programme, author=None, kind=PROJECT_KIND, title=_thread_title(locked),
                text=locked.description_ar or locked.title_ar, entered_by_staff=True,
            )
            locked.save(update_fields=["contribution"])
        project.contribution = locked.contribution
    return project.contribution


def _thread_sync(project: Project) -> None:
    """The thread's title and text follow the project's (search, notifications, moderation)."""
    contribution = project.contribution
    if contribution is None:
        return
    title, text = _thread_title(project), (project.description_ar or project.title_ar)
    if (contribution.title, contribution.text) != (title, text):
        Contribution.objects.filter(pk=contribution.pk).update(title=title, text=text, updated_at=timezone.now())


@transaction.atomic
def project_save(*, project: Project) -> Project:
    """Saves a project entered in the admin or imported, with its participation thread."""
    project.full_clean(exclude=["contribution"])
    project.save()
    project_thread(project=project)
    _thread_sync(project)
    public_pages_changed()
    return project


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update(of=("self",)).select_related("programme", "contribution").get(pk=project.pk)


def _tell_followers(project: Project, *, by, texts: dict[str, str]) -> int:
    thread = project_thread(project=project)
    return announce(ParticipationEvent.UPDATE, contribution=thread, actor=by, texts=texts)


@transaction.atomic
def project_set_status(
    *, project: Project, status: str, by, note: str = "", changed_on: dt.date | None = None
) -> StatusChange:
    """Moves the project along ``STATUS_TRANSITIONS`` (a suspension or a cancellation needs its
    reason), keeps the change in the public history and tells the project's followers."""
    locked = _locked(project)
    require(rules.can_manage(by, locked.programme))
    if status not in ProjectStatus.values or not locked.can_move_to(status):
        raise ValidationError(
            _("A project cannot go from “%(from)s” to “%(to)s”.")
            % {"from": ProjectStatus(locked.status).label,
               "to": ProjectStatus(status).label if status in ProjectStatus.values else status},
            code="transition",
        )
    note = note.strip()
    if status in STATUSES_NEEDING_A_REASON and not note:
        raise ValidationError(_("Say why: citizens see the reason of a suspension or a cancellation."),
                              code="reason_required")
    changed_on = changed_on or timezone.localdate()
    if changed_on > timezone.localdate():
        raise ValidationError(_("The date of a status change cannot be in the future."), code="future")
    change = StatusChange.objects.create(
        project=locked, from_status=locked.status, to_status=status, changed_on=changed_on, note=note, by=by
    )
    locked.status = status
    locked.status_reason = note if status in STATUSES_NEEDING_A_REASON else ""
    if status == ProjectStatus.DONE:
        locked.progress = 100
    locked.save(update_fields=["status", "status_reason", "progress", "updated_at"])
    project.status, project.status_reason, project.progress = locked.status, locked.status_reason, locked.progress
    texts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            texts[language] = f"{ProjectStatus(status).label}. {note}".strip()
    _tell_followers(locked, by=by, texts=texts)
    public_pages_changed()
    return change


@transaction.atomic
def update_post(
    *, project: Project, by, text_ar: str, text_fr: str = "", photo=None, progress: int | None = None
) -> ProjectUpdate:
    """Posts a progress update (text, an optional photo, the new progress) and tells the project's
    followers (on the site, and by email as each of them chose)."""
    locked = _locked(project)
    require(rules.can_manage(by, locked.programme))
    update = ProjectUpdate(
        project=locked, text_ar=text_ar.strip(), text_fr=text_fr.strip(), photo=photo, progress=progress,
        by=by, published_at=timezone.now(),
    )
    update.full_clean()
    update.save()
    if progress is not None and progress != locked.progress:
        locked.progress = progress
        locked.save(update_fields=["progress", "updated_at"])
        project.progress = progress
    _tell_followers(locked, by=by, texts={"ar": update.text_ar, "fr": update.text_fr or update.text_ar})
    public_pages_changed()
    return update


@transaction.atomic
def project_adopt(*, programme: ProgrammePage, item: AdoptableItem, axis: Axis, number: int, by) -> Project:
    """Makes ``item`` (an open project of a consultation) a project of ``programme`` in one action:
    its texts, cost and service are copied, and the two threads are linked both ways
    (``LinkRelation.BECAME``), so each page shows the other."""
    require(rules.can_manage(by, programme))
    if axis.programme_id != programme.pk:
        raise ValidationError(_("This axis belongs to another programme."), code="axis")
    if Project.objects.filter(programme=programme, number=number).exists():
        raise ValidationError(_("Project number %(number)s is already taken in this programme.") % {"number": number},
                              code="number_taken")
    if Contribution.objects.filter(links_in__source=item.contribution, links_in__relation=LinkRelation.BECAME,
                                   kind=PROJECT_KIND).exists():
        raise ValidationError(_("This project is already in a programme."), code="already_adopted")
    project = Project(
        programme=programme, axis=axis, number=number, title_ar=item.title_ar, title_fr=item.title_fr,
        description_ar=item.description_ar, description_fr=item.description_fr,
        responsible_service_ar=item.responsible_service_ar, responsible_service_fr=item.responsible_service_fr,
    )
    project_save(project=project)
    if item.amount:
        year = programme.period_start or timezone.localdate().year
        # Not ``project.funding_lines.create``: on a ClusterableModel that only adds it in memory.
        FundingLine.objects.create(project=project, year=year, source_ar="ميزانية الجماعة", source_fr="Budget de la commune",
                                     planned=item.amount)
    core_services.contribution_link(source=item.contribution, target=project.contribution,
                                    relation=LinkRelation.BECAME)
    StatusChange.objects.create(project=project, from_status="", to_status=project.status,
                                changed_on=timezone.localdate(), note=item.label, by=by)
    return project


@transaction.atomic
def annual_report_save(*, report: AnnualReport, by) -> AnnualReport:
    """Saves a report drafted (or corrected) in the admin: its year, unique in the programme, and
    its texts. A published report keeps the figures frozen when it was published."""
    require(rules.can_manage(by, report.programme))
    if AnnualReport.objects.filter(programme=report.programme, year=report.year).exclude(pk=report.pk).exists():
        raise ValidationError({"year": _("There is already a report for %(year)s.") % {"year": report.year}},
                              code="year_taken")
    for name in ("summary", "resources", "obstacles", "corrective_measures"):
        for language in ("ar", "fr"):
            attribute = f"{name}_{language}"
            setattr(report, attribute, (getattr(report, attribute) or "").strip())
    report.full_clean()
    report.save()
    if report.is_published:
        public_pages_changed()
    return report


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, by) -> AnnualReport:
    """Publishes the report's summary page and PDF, with the programme's figures frozen as they
    are today (the live dashboard goes on moving; the report says what was true when it was
    published)."""
    from .figures import programme_figures

    locked = AnnualReport.objects.select_for_update(of=("self",)).select_related("programme").get(pk=report.pk)
    require(rules.can_manage(by, locked.programme))
    locked.figures = programme_figures(programme=locked.programme, year=locked.year).as_json()
    locked.published_at = timezone.now()
    locked.save(update_fields=["figures", "published_at"])
    report.figures, report.published_at = locked.figures, locked.published_at
    public_pages_changed()
    return locked


@transaction.atomic
def annual_report_unpublish(*, report: AnnualReport, by) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update(of=("self",)).select_related("programme").get(pk=report.pk)
    require(rules.can_manage(by, locked.programme))
    locked.published_at = None
    locked.save(update_fields=["published_at"])
    report.published_at = None
    public_pages_changed()
    return locked
