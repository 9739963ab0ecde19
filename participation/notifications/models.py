"""Follows, notifications and each user's notification preference.

Writes go through ``participation.notifications.services``; nothing here changes state in
``save()`` or signals.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from participation.core.events import ParticipationEvent
from participation.core.pages import contribution_url, localized_page, site_id_of, source_language

#: The event names are the core's (``participation.core.events``), defined there once.
NotificationEvent = ParticipationEvent

#: The events on a contribution its followers are told about.
CONTRIBUTION_NOTIFIED_EVENTS = (
    ParticipationEvent.OFFICIAL_ANSWER,
    ParticipationEvent.STATUS_CHANGE,
    ParticipationEvent.REPLY,
    ParticipationEvent.COMMENT,
    ParticipationEvent.UPDATE,
)
#: The events on a page (a consultation opens, a meeting is announced): told once per page.
PAGE_NOTIFIED_EVENTS = (ParticipationEvent.OPENED, ParticipationEvent.ANNOUNCED)
NOTIFIED_EVENTS = CONTRIBUTION_NOTIFIED_EVENTS + PAGE_NOTIFIED_EVENTS
#: The events the commune itself causes: their followers are the contribution's and its page's.
COMMUNE_EVENTS = (ParticipationEvent.OFFICIAL_ANSWER, ParticipationEvent.STATUS_CHANGE, ParticipationEvent.UPDATE)


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Right away, one email per notification")
    DAILY = "daily", _("Once a day, a digest")
    NONE = "none", _("Never (notifications on the site only)")


class Follow(models.Model):
    """What a user wants to hear about: one of

    - a **contribution**: its official answer, status changes, comments and replies;
    - a **page** (the logical, source-language page, like ``Contribution.page``): the official
      answers and status changes of its contributions, and the page's own events (a
      consultation opens);
    - any other **target** (``target_type`` + ``target_id``, e.g. a meeting theme): the page
      events announced "also for the followers of" it (a new meeting of the theme).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="participation_follows",
    )
    contribution = models.ForeignKey(
        "participation_core.Contribution",
        verbose_name=_("contribution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participation_follows",
    )
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("kind of thing followed"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("thing followed"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=False, page__isnull=True, target_type__isnull=True)
                | Q(contribution__isnull=True, page__isnull=False, target_type__isnull=True)
                | Q(
                    contribution__isnull=True,
                    page__isnull=True,
                    target_type__isnull=False,
                    target_id__isnull=False,
                ),
                name="follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "contribution"],
                condition=Q(contribution__isnull=False),
                name="follow_unique_contribution",
            ),
            models.UniqueConstraint(
                fields=["user", "page"], condition=Q(page__isnull=False), name="follow_unique_page"
            ),
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"],
                condition=Q(target_type__isnull=False),
                name="follow_unique_target",
            ),
        ]
        indexes = [
            models.Index(fields=["contribution", "user"], name="follow_by_contribution"),
            models.Index(fields=["target_type", "target_id"], name="follow_by_target"),
        ]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.contribution_id or self.page_id or self.target_id}"


class NotificationPreference(models.Model):
    """How (and in which language) a user wants to hear about what they follow.
    Users without a row get the defaults: immediate emails, the site's source language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_frequency = models.CharField(
        _("notification emails"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
    )
    language = models.CharField(
        _("language of the emails"), max_length=8, choices=settings.LANGUAGES, default=source_language
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_frequency}"


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def for_user(self, user) -> NotificationQuerySet:
        return self.filter(user=user)

    def pending_email(self) -> NotificationQuerySet:
        return self.filter(emailed_at__isnull=True)


class Notification(models.Model):
    """Something happened on what the user follows (shown on the site, maybe emailed): on a
    ``contribution``, or on a ``page`` (the logical page: a consultation opened, a meeting was
    announced). Exactly one of the two is set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    contribution = models.ForeignKey(
        "participation_core.Contribution",
        verbose_name=_("contribution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    comment = models.ForeignKey(
        "participation_core.Comment",
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.CharField(
        _("event"), max_length=20, choices=[(event.value, event.label) for event in NOTIFIED_EVENTS]
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    params = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=False, page__isnull=True)
                | Q(contribution__isnull=True, page__isnull=False),
                name="notification_one_subject",
            )
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "-created_at"], name="notification_list"),
            models.Index(fields=["emailed_at", "user"], name="notification_pending_email"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def actor_display(self) -> str:
        if self.event in COMMUNE_EVENTS:
            return str(_("The commune"))
        if self.params.get("official"):
            return str(_("The commune"))
        return self.actor.public_name if self.actor_id and self.actor else str(_("Citizen"))

    #: The sentence of a page event when the announcer gave none (``params["sentence"]``).
    PAGE_SENTENCES = {
        ParticipationEvent.OPENED: _("“%(title)s” is now open: you can take part."),
        ParticipationEvent.ANNOUNCED: _("New on the site: “%(title)s”."),
    }

    @property
    def title(self) -> str:
        """The title of what happened, in the active language (page titles were kept in every
        language when the event was announced)."""
        if self.contribution_id:
            return self.contribution.title
        titles = self.params.get("titles") or {}
        return titles.get(get_language() or "") or titles.get(source_language()) or (
            self.page.title if self.page_id else ""
        )

    def _sentence(self) -> tuple[str, dict[str, str]]:
        """The translated sentence and its parameters (title, actor, status)."""
        from participation.core.models import ContributionStatus

        params = {"title": self.title}
        if self.event in PAGE_NOTIFIED_EVENTS:
            # The announcer's sentence is a msgid it marked with gettext_noop: translated here.
            custom = self.params.get("sentence")
            return (gettext(custom) if custom else str(self.PAGE_SENTENCES[self.event])), params
        if self.event == NotificationEvent.OFFICIAL_ANSWER:
            return str(_("The commune answered “%(title)s”.")), params
        if self.event == NotificationEvent.UPDATE:
            return str(_("News on “%(title)s”: the commune posted a progress update.")), params
        if self.event == NotificationEvent.STATUS_CHANGE:
            status = self.params.get("status", "")
            params["status"] = (
                str(ContributionStatus(status).label) if status in ContributionStatus.values else status
            )
            return str(_("“%(title)s” is now: %(status)s.")), params
        params["actor"] = self.actor_display
        if self.event == NotificationEvent.REPLY:
            if self.params.get("to_you"):
                return str(_("%(actor)s replied to your comment on “%(title)s”.")), params
            return str(_("%(actor)s replied to a comment on “%(title)s”.")), params
        return str(_("%(actor)s commented on “%(title)s”.")), params

    @property
    def site_id(self) -> int | None:
        """The commune the notification is about."""
        if self.contribution_id:
            return self.contribution.site_id
        return site_id_of(self.page) if self.page_id else None

    def url(self, language: str | None = None) -> str:
        """Where to see what happened, in ``language`` (default: the active one)."""
        if self.contribution_id:
            return contribution_url(self.contribution, language)
        return localized_page(self.page, language).url or "/"

    @property
    def message(self) -> str:
        """One sentence in the active language, plain text (emails, admin)."""
        sentence, params = self._sentence()
        return sentence % params

    @property
    def message_html(self) -> str:
        """The same sentence for pages: escaped, each citizen-typed part isolated in ``<bdi>`` so
        an Arabic title inside a French sentence (or the reverse) keeps its direction."""
        from django.utils.html import conditional_escape, format_html
        from django.utils.safestring import mark_safe

        sentence, params = self._sentence()
        isolated = {key: format_html("<bdi>{}</bdi>", value) for key, value in params.items()}
        return mark_safe(conditional_escape(sentence) % isolated)  # noqa: S308 — all parts escaped


class Announcement(models.Model):
    """A page event was told to the followers: each (event, page) once ever, whoever announces
    it again (a cron run, a second publish)."""

    event = models.CharField(
        _("event"), max_length=20, choices=[(event.value, event.label) for event in PAGE_NOTIFIED_EVENTS]
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("people told"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "page"], name="announcement_once")]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return f"{self.event} {self.page_id}"
