"""The shared participation data: contributions bound to a (logical) page, their public status
history, comments, supports, reports and moderation.

Writes go through ``participation.core.services``; reads through ``participation.core.selectors``.
Nothing here changes state in ``save()`` or signals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from site_template.i18n import localised

from .safe_text import clean_plain_line


class ContributionKind(models.TextChoices):
    """Kinds known today. The field is free text (no DB choices) so a new feature adds a kind
    without a migration of this app; add it here for its display label."""

    SUGGESTION = "suggestion", _("Suggestion")
    REMARK = "remark", _("Remark")
    PROPOSAL = "proposal", _("Project proposal")
    PROJECT = "project", _("Project")
    MEETING = "meeting", _("Meeting report")
    PETITION = "petition", _("Petition")
    IDEA = "idea", _("Idea")


def contribution_kind_choices() -> list[tuple[str, str]]:
    """Every kind of contribution with its label, for the admin's lists and filters: the core's
    ``ContributionKind`` and the kinds capabilities declare with the hook
    ``participation_contribution_kinds`` (``fn() -> [(kind, label)]``), in that order."""
    from wagtail import hooks

    choices = dict(ContributionKind.choices)
    for declare in hooks.get_hooks("participation_contribution_kinds"):
        for kind, label in declare():
            choices.setdefault(kind, label)
    return list(choices.items())


class ContributionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_STUDY = "under_study", _("Under study")
    ANSWERED = "answered", _("Answered")
    ACCEPTED = "accepted", _("Accepted")
    NOT_RETAINED = "not_retained", _("Not retained")
    DONE = "done", _("Done")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


#: Allowed status transitions (the official side). Withdrawal is the author's own transition.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    ContributionStatus.RECEIVED: {
        ContributionStatus.UNDER_STUDY,
        ContributionStatus.ANSWERED,
        ContributionStatus.ACCEPTED,
        ContributionStatus.NOT_RETAINED,
    },
    ContributionStatus.UNDER_STUDY: {
        ContributionStatus.ANSWERED,
        ContributionStatus.ACCEPTED,
        ContributionStatus.NOT_RETAINED,
    },
    ContributionStatus.ANSWERED: {
        ContributionStatus.UNDER_STUDY,
        ContributionStatus.ACCEPTED,
        ContributionStatus.NOT_RETAINED,
    },
    ContributionStatus.ACCEPTED: {ContributionStatus.DONE, ContributionStatus.UNDER_STUDY},
    ContributionStatus.NOT_RETAINED: {ContributionStatus.UNDER_STUDY},
    ContributionStatus.DONE: set(),
    ContributionStatus.WITHDRAWN: set(),
}

#: Statuses in which the contribution still takes supports and comments.
OPEN_STATUSES = {
    ContributionStatus.RECEIVED,
    ContributionStatus.UNDER_STUDY,
    ContributionStatus.ANSWERED,
    ContributionStatus.ACCEPTED,
}


class Visibility(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by moderation")


class Category(models.Model):
    """A theme citizens file their contributions under (e.g. roads, lighting, hygiene).
    One list per commune (site), edited by the focal point (Snippets → Categories)."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="participation_categories"
    )
    name_ar = models.CharField(_("name in Arabic"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_ar"]
        constraints = [models.UniqueConstraint(fields=["site", "name_ar"], name="participation_category_unique")]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class ContributionQuerySet(models.QuerySet):
    def visible(self) -> ContributionQuerySet:
        return self.filter(visibility=Visibility.VISIBLE).exclude(status=ContributionStatus.WITHDRAWN)

    def visible_to(self, user) -> ContributionQuerySet:
        """Public items, plus the viewer's own hidden ones (they see why they were hidden)."""
        if getattr(user, "is_authenticated", False):
            return self.filter(
                Q(visibility=Visibility.VISIBLE) | Q(author=user)
            ).exclude(status=ContributionStatus.WITHDRAWN)
        return self.visible()

    def for_page(self, page) -> ContributionQuerySet:
        from .pages import logical_page_id

        return self.filter(page_id=logical_page_id(page))

    def of_kind(self, *kinds: str) -> ContributionQuerySet:
        return self.filter(kind__in=kinds)

    def open(self) -> ContributionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def with_viewer_state(self, user) -> ContributionQuerySet:
        """Annotates ``viewer_supports`` and ``viewer_follows`` (booleans) in the same query."""
        if not getattr(user, "is_authenticated", False):
            return self.annotate(viewer_supports=Value(False), viewer_follows=Value(False))
        qs = self.annotate(
            viewer_supports=Exists(Support.objects.filter(contribution=OuterRef("pk"), user=user))
        )
        follow_model = follow_model_or_none()
        if follow_model is not None:
            qs = qs.annotate(
                viewer_follows=Exists(follow_model.objects.filter(contribution=OuterRef("pk"), user=user))
            )
        else:
            qs = qs.annotate(viewer_follows=Value(False))
        return qs


_follow_model: type[models.Model] | None = None


def register_follow_model(model: type[models.Model]) -> None:
    """Follows are kept by a shared service (``participation.notifications``), which registers
    its model here when it starts (``AppConfig.ready``); the core reads ``viewer_follows`` through
    it without importing that app. The model has ``user`` and ``contribution`` fields."""
    global _follow_model
    _follow_model = model


def follow_model_or_none() -> type[models.Model] | None:
    """The registered follow model, or None when no app keeps follows."""
    return _follow_model


class Contribution(index.Indexed, models.Model):
    """Anything citizens comment on, support, follow and report: a suggestion, a consultation
    remark or proposal, an open project, a meeting report…

    ``page`` is always the LOGICAL page (the Arabic source page), so the Arabic and French
    copies of a participation page show the same contributions."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune site"), on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="contributions"
    )
    kind = models.CharField(_("kind"), max_length=32, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    entered_by_staff = models.BooleanField(_("entered by staff"), default=False)
    on_behalf_of_name = models.CharField(
        _("on behalf of"), max_length=120, blank=True, help_text=_("Name written on a paper remark typed in by staff.")
    )
    association_name = models.CharField(_("association"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=10_000)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        "communes.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_description = models.CharField(_("place"), max_length=300, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="contributions/%Y/%m/", blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_thumbnail = models.ImageField(_("photo thumbnail"), upload_to="contributions/thumbs/%Y/%m/", blank=True)
    photo_alt = models.CharField(_("photo description"), max_length=200, blank=True)
    data = models.JSONField(_("feature data"), default=dict, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=ContributionStatus.choices, default=ContributionStatus.RECEIVED, db_index=True
    )
    official_answer = models.TextField(_("official answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    rating_count = models.PositiveIntegerField(_("ratings"), default=0, editable=False)
    rating_total = models.PositiveIntegerField(_("sum of the ratings"), default=0, editable=False)

    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE, db_index=True
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContributionQuerySet.as_manager()

    #: The site search (``site_template.search``) finds visible contributions by these; the
    #: filters are the ones ``participation.core.search`` applies.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("text"),
        index.SearchField("official_answer"),
        index.FilterField("site"),
        index.FilterField("page"),
        index.FilterField("kind"),
        index.FilterField("visibility"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # ``status`` last: the list's COUNT(*) (visible, not withdrawn) is answered from the index alone.
            models.Index(fields=["page", "kind", "visibility", "-created_at", "status"], name="contrib_page_list"),
            models.Index(fields=["page", "kind", "-support_count"], name="contrib_page_support"),
            models.Index(fields=["page", "kind", "-comment_count"], name="contrib_page_comment"),
        ]
        permissions = [
            ("moderate_contribution", _("Can moderate contributions and comments")),
            ("answer_contribution", _("Can answer contributions officially")),
        ]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return clean_plain_line(self.title)  # Wagtail puts it in aria-labels: no bidi controls

    @property
    def is_hidden(self) -> bool:
        return self.visibility == Visibility.HIDDEN

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def author_display(self) -> str:
        if self.association_name:
            return self.association_name
        if self.entered_by_staff:
            return self.on_behalf_of_name or str(_("Citizen (paper remark)"))
        if self.author_id is None:
            return str(_("The commune"))
        return self.author.public_name

    @property
    def status_badge(self) -> str:
        return {
            ContributionStatus.ACCEPTED: "success",
            ContributionStatus.DONE: "success",
            ContributionStatus.NOT_RETAINED: "danger",
            ContributionStatus.UNDER_STUDY: "warning",
        }.get(self.status, "")


class StatusChange(models.Model):
    """One public step in a contribution's history."""

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ContributionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ContributionStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class CommentQuerySet(models.QuerySet):
    def visible(self) -> CommentQuerySet:
        return self.filter(visibility=Visibility.VISIBLE)


class Comment(models.Model):
    """A comment on a contribution; replies are one level deep; deletion leaves a tombstone."""

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("in reply to"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_comments",
    )
    text = models.TextField(_("comment"), max_length=5_000)
    is_official = models.BooleanField(_("official reply"), default=False)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE, db_index=True
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["contribution", "parent", "created_at"], name="comment_thread")]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return clean_plain_line(self.text[:60])

    @property
    def is_hidden(self) -> bool:
        return self.visibility == Visibility.HIDDEN

    @property
    def author_display(self) -> str:
        if self.is_official:
            return str(_("The commune"))
        return self.author.public_name if self.author_id else str(_("Citizen"))


class Support(models.Model):
    """One verified account supports one contribution (toggled)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="participation_supports"
    )
    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "contribution"], name="support_unique_user")]
        verbose_name = _("support")
        verbose_name_plural = _("supports")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.contribution_id}"


class ReportReason(models.TextChoices):
    ABUSE = "abuse", _("Insulting, hateful or threatening")
    PERSONAL_DATA = "personal_data", _("Reveals personal data about someone")
    SPAM = "spam", _("Spam or advertising")
    OFF_TOPIC = "off_topic", _("Off topic")
    FALSE = "false", _("False or misleading information")
    OTHER = "other", _("Other")


class Report(models.Model):
    """A user's report of a contribution or a comment; worked in the moderation queue."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune site"), on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), blank=True, max_length=2_000)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(contribution__isnull=False, comment__isnull=True) | Q(contribution__isnull=True, comment__isnull=False)),
                name="report_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "contribution"], condition=Q(resolved_at__isnull=True, comment__isnull=True),
                name="report_open_unique_contribution",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"], condition=Q(resolved_at__isnull=True, contribution__isnull=True),
                name="report_open_unique_comment",
            ),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — {self.target}"

    @property
    def target(self):
        return self.comment if self.comment_id else self.contribution


class ModerationActionKind(models.TextChoices):
    HIDE = "hide", _("Hidden")
    RESTORE = "restore", _("Restored")
    DISMISS = "dismiss", _("Reports dismissed")
    BLOCK = "block", _("Account blocked")
    UNBLOCK = "unblock", _("Account unblocked")


class ModerationAction(models.Model):
    """The log of every moderation action: who, when, what, on what, why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationActionKind.choices)
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune site"), on_delete=models.CASCADE, related_name="+")
    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class UserBlockQuerySet(models.QuerySet):
    def active(self, *, now=None) -> UserBlockQuerySet:
        return self.filter(lifted_at__isnull=True, until__gt=now or timezone.now())


class UserBlock(models.Model):
    """An account blocked from contributing on one commune site until a date."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="participation_blocks"
    )
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune site"), on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField(_("blocked until"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    objects = UserBlockQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("account block")
        verbose_name_plural = _("account blocks")

    def __str__(self) -> str:
        return f"{self.user} — {self.until:%Y-%m-%d}"


class ScheduledJob(models.Model):
    """The last run of one periodic job (``participation.core.scheduling``): claimed under a row
    lock so that a job runs once even when several schedulers start together."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_result = models.CharField(_("last result"), max_length=500, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """One account's rating of a contribution (e.g. how well a programme project is going, 1-5):
    one per account, changeable. The contribution keeps the exact count and sum
    (``rating_count``, ``rating_total``), updated under its row lock."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="participation_ratings"
    )
    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE, related_name="ratings"
    )
    value = models.PositiveSmallIntegerField(_("rating"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "contribution"], name="rating_unique_user")]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.contribution_id}: {self.value}"


class LinkRelation(models.TextChoices):
    #: ``source`` (e.g. an open project of a consultation) became ``target`` (a programme project).
    BECAME = "became", _("became")
    #: ``source`` (e.g. a suggestion, a remark) is about ``target`` (a project).
    CONCERNS = "concerns", _("is about")


class ContributionLink(models.Model):
    """A link between two contributions of different capabilities, known to the core only: an
    open project adopted into the programme, a suggestion reporting a problem on a project, a
    remark on an open project. Each side finds the other through ``selectors.linked_contributions``."""

    source = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(_("relation"), max_length=12, choices=LinkRelation.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "relation"], name="contribution_link_unique")
        ]
        indexes = [models.Index(fields=["target", "relation"])]
        verbose_name = _("link between contributions")
        verbose_name_plural = _("links between contributions")

    def __str__(self) -> str:
        return f"{self.source_id} {self.relation} {self.target_id}"
