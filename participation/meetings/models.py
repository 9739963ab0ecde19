"""Citizen meetings: themes, the index and meeting pages, registrations, ideas.

See the package docstring for the logical-page rule (both languages share one meeting).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from participation.core.pages import logical_page
from participation.core.routing import page_route
from participation.core.safe_text import clean_plain_line
from site_template.i18n import BilingualNameMixin, source_language
from site_template.pages.blocks import BodyBlock, DocumentLinkBlock


class MeetingTheme(BilingualNameMixin, models.Model):
    """A theme meetings are about (e.g. “Action programme”, “Environment”). Edited by the focal
    point under Snippets → Meeting themes; citizens can follow the meetings of a theme."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="meeting_themes",
                             verbose_name=_("commune site"))
    name_ar = models.CharField(_("name in Arabic"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    slug = models.SlugField(_("short name (slug)"), max_length=60,
                            help_text=_("Used in addresses, e.g. the filter of the meetings list."))

    panels = [FieldPanel("site"), FieldPanel("name_ar"), FieldPanel("name_fr"), FieldPanel("slug")]

    class Meta:
        ordering = ["name_ar"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="meetings_theme_unique_slug")]
        verbose_name = _("meeting theme")
        verbose_name_plural = _("meeting themes")

    def __str__(self) -> str:
        return self.name

    def follow_url(self) -> str:
        """Where a follower sees the meetings of the theme (the list on the notifications page
        links here), in the active language."""
        from .selectors import meeting_index_for_site

        index = meeting_index_for_site(site=self.site)
        return f"{index.url}?theme={self.slug}" if index is not None and index.url else ""


class MeetingIndexPage(RoutablePageMixin, Page):
    """The list of citizen meetings: upcoming first, then past; filters; a calendar feed."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["meetings.MeetingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("meetings index page")

    index_route = page_route("", "participation.meetings.views.index")
    calendar_route = page_route("calendar/", "participation.meetings.views.calendar")
    follow_theme_route = page_route("follow-theme/", "participation.meetings.views.follow_theme")

    @cached_property
    def logical(self) -> Page:
        """The source-language copy of the index (the meetings hang below it)."""
        return logical_page(self)


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class MeetingPage(RoutablePageMixin, Page):
    """One citizen meeting. Before: agenda, place, format, accessibility, registration.
    After: the report, the attendance figures from the sign-in sheet and the ideas collected.

    Date, capacity, registration, figures and ideas are read from the Arabic page (``logical``)
    on both language versions."""

    summary = models.TextField(_("summary"), max_length=400, blank=True,
                               help_text=_("One or two sentences shown in lists and on the home page."))
    theme = models.ForeignKey(MeetingTheme, verbose_name=_("theme"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="meetings")
    neighbourhood = models.ForeignKey("communes.Neighbourhood", verbose_name=_("neighbourhood"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    starts_at = models.DateTimeField(_("date and time"), default=timezone.now,
                                     help_text=_("Moroccan time (Africa/Casablanca)."))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    format = models.CharField(_("format"), max_length=20, choices=MeetingFormat.choices,
                              default=MeetingFormat.IN_PERSON)
    place = models.CharField(_("place"), max_length=200, blank=True,
                             help_text=_("Name of the venue, e.g. “Commune hall”."))
    address = models.TextField(_("address"), blank=True)
    directions = models.TextField(_("how to get there"), blank=True,
                                  help_text=_("Landmarks, bus lines, parking — as text."))
    map_image = models.ForeignKey("wagtailimages.Image", verbose_name=_("map image"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  help_text=_("An image of the map served by this site (no third-party map is loaded)."))
    map_url = models.URLField(_("link to a map"), blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True,
                                 help_text=_("Shown only to registered participants."))
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    agenda = RichTextField(_("agenda"), blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"])
    documents = StreamField([("document", DocumentLinkBlock())], verbose_name=_("documents"), blank=True)
    related_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("consultation or programme served"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    step_free_access = models.BooleanField(_("step-free access"), default=False)
    sign_language = models.BooleanField(_("sign language interpretation"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    accessibility_notes = models.TextField(_("other accessibility information"), blank=True)

    registration_required = models.BooleanField(
        _("registration on the website"), default=True,
        help_text=_("Untick for meetings open to everyone without registration."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True,
        help_text=_("Places available. Further registrations go to a waiting list. Empty: no limit."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True,
        help_text=_("Empty: registration closes when the meeting starts."),
    )

    report = StreamField(BodyBlock(), verbose_name=_("report"), blank=True,
                         help_text=_("Published after the meeting: text, photos, documents."))
    participants_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    women_count = models.PositiveIntegerField(_("women"), null=True, blank=True)
    youth_count = models.PositiveIntegerField(_("young people (under 35)"), null=True, blank=True)
    disabled_count = models.PositiveIntegerField(_("people with disabilities"), null=True, blank=True)
    associations_count = models.PositiveIntegerField(_("associations represented"), null=True, blank=True)

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("agenda"),
                     index.SearchField("place")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("neighbourhood"),
             FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration_minutes")]),
             FieldPanel("format"), FieldPanel("organiser"), PageChooserPanel("related_page")],
            heading=_("Meeting"),
        ),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("address"), FieldPanel("directions"), FieldPanel("map_image"),
             FieldPanel("map_url"), FieldPanel("online_url")],
            heading=_("Place"),
        ),
        FieldPanel("agenda"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [FieldPanel("step_free_access"), FieldPanel("sign_language"), FieldPanel("childcare"),
             FieldPanel("accessibility_notes")],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_required"), FieldPanel("capacity"),
             FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")])],
            heading=_("Registration"),
        ),
    ]
    report_panels = [
        FieldPanel("report"),
        MultiFieldPanel(
            [FieldPanel("participants_count"), FieldPanel("women_count"), FieldPanel("youth_count"),
             FieldPanel("disabled_count"), FieldPanel("associations_count")],
            heading=_("Attendance figures (from the sign-in sheet)"),
        ),
        InlinePanel("ideas", label=_("Ideas collected")),
    ]

    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("citizen meeting")
        verbose_name_plural = _("citizen meetings")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID) and not self.online_url:
            errors["online_url"] = _("An online or hybrid meeting needs its link.")
        if (self.registration_opens_at and self.registration_closes_at
                and self.registration_closes_at <= self.registration_opens_at):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        for name in ("women_count", "youth_count", "disabled_count"):
            value = getattr(self, name)
            if value is not None and self.participants_count is not None and value > self.participants_count:
                errors[name] = _("Cannot be more than the number of participants.")
        if errors:
            raise ValidationError(errors)

    # The route name "page_route" is kept (the attribute cannot shadow ``page_route`` here).
    meeting_route = page_route("", "participation.meetings.views.meeting", name="page_route")
    register_route = page_route("register/", "participation.meetings.views.register")
    cancel_route = page_route("cancel/", "participation.meetings.views.cancel")
    ics_route = page_route("ics/", "participation.meetings.views.ics")

    @cached_property
    def logical(self) -> MeetingPage:
        """The source-language copy, which holds the schedule, capacity, registrations and ideas."""
        return logical_page(self).specific

    def notification_summary(self, event: str) -> str:
        """Under "New citizen meeting: …" in a follower's email: when and where (in the active
        language; times in Moroccan time)."""
        when = date_format(timezone.localtime(self.logical.starts_at), "DATETIME_FORMAT")
        lines = [_("Date: %(when)s (Moroccan time)") % {"when": when}]
        if self.place:
            lines.append(_("Place: %(place)s") % {"place": self.place})
        return "\n".join(lines)

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.starts_at

    def is_past(self, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())

    @property
    def has_report(self) -> bool:
        return bool(self.report) or self.participants_count is not None

    @property
    def is_in_person(self) -> bool:
        return self.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID)


# The report tab of the editor.
from wagtail.admin.panels import ObjectList, TabbedInterface  # noqa: E402

MeetingPage.edit_handler = TabbedInterface([
    ObjectList(MeetingPage.content_panels, heading=_("Meeting")),
    ObjectList(MeetingPage.report_panels, heading=_("After the meeting")),
    ObjectList(MeetingPage.promote_panels, heading=_("Promote")),
    ObjectList(MeetingPage.settings_panels, heading=_("Settings")),
])


class MeetingIdea(Orderable):
    """An idea collected at the meeting (typed in from the paper boards)."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="ideas")
    text = models.TextField(_("idea"), max_length=2000)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("idea collected")
        verbose_name_plural = _("ideas collected")

    def __str__(self) -> str:
        return clean_plain_line(self.text[:80])


class IdeaConversion(models.Model):
    """An idea turned into a suggestion or a consultation remark. Kept outside the page revisions
    so re-publishing the meeting never loses the link; ``idea_text`` keeps the origin even if the
    idea is later edited or removed from the page."""

    meeting = models.ForeignKey(MeetingPage, on_delete=models.CASCADE, related_name="idea_conversions")
    idea = models.OneToOneField(MeetingIdea, on_delete=models.SET_NULL, null=True, related_name="conversion")
    idea_text = models.TextField(_("idea"))
    contribution = models.OneToOneField(
        "participation_core.Contribution", on_delete=models.CASCADE, related_name="meeting_idea",
        verbose_name=_("contribution created"),
    )
    converted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+")
    target_kind = models.CharField(_("turned into"), max_length=20)
    converted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idea turned into a contribution")
        verbose_name_plural = _("ideas turned into contributions")

    def __str__(self) -> str:
        return clean_plain_line(self.idea_text[:80])


    @property
    def public_url(self) -> str:
        from participation.core.pages import contribution_url

        try:
            return contribution_url(self.contribution)
        except Exception:  # a target page removed since: the link is simply not shown
            return ""


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def waitlist_order(self):
        return self.waitlisted().order_by("status_changed_at", "pk")


class Registration(models.Model):
    """A citizen's registration to a meeting (always the logical, Arabic page). One row per
    (meeting, user): cancelling and registering again reuses it. Transitions only through
    ``services``: confirmed/waitlisted → cancelled, waitlisted → confirmed (promotion)."""

    meeting = models.ForeignKey(MeetingPage, on_delete=models.CASCADE, related_name="registrations",
                                verbose_name=_("meeting"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="meeting_registrations", verbose_name=_("user"))
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    language = models.CharField(_("language"), max_length=8, default=source_language,
                                help_text=_("Language of the emails sent about this registration."))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted from the waiting list at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meetings_registration_unique_user"),
        ]
        indexes = [models.Index(fields=["meeting", "status", "status_changed_at"])]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.user} — {self.meeting}"
