"""Access-to-information requests (law 31-13) and the personal data they hold (law 09-08).

The requester's identity lives on ``InfoRequest`` (full name, address, ID number, email,
phone); only information officers and administrators see it, and each view is logged in
``IdentityAccessLog``. The requester follows the request through a private link whose token is
stored only as a SHA-256 hash; the tracking number alone reveals nothing.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from participation.core.attachments import private_storage as core_private_storage
from participation.core.routing import page_route
from participation.core.safe_text import clean_plain_line
from site_template.i18n import source_language


def private_storage():
    """Answer attachments are never public media (``participation.core.attachments.private_storage``;
    this name stays for the migrations that refer to it)."""
    return core_private_storage()


# The private link of a request: its token, in every route of the requester's own pages.
PRIVATE_LINK = r"^r/(?P<token>[A-Za-z0-9_-]{20,64})/"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@register_setting(icon="time")
class InfoRequestSettings(BaseSiteSetting):
    """Legal deadlines and retention for information requests (defaults from law 31-13 and 09-08)."""

    answer_working_days = models.PositiveSmallIntegerField(
        _("answer deadline (working days)"),
        default=20,
        help_text=_("Law 31-13, art. 16: the answer is due within 20 working days of receipt."),
    )
    extension_working_days = models.PositiveSmallIntegerField(
        _("extension (working days)"),
        default=20,
        help_text=_(
            "Law 31-13, art. 16: the deadline may be extended once by 20 working days, with a reasoned "
            "prior notice to the requester."
        ),
    )
    urgent_days = models.PositiveSmallIntegerField(
        _("urgent answer deadline (days)"),
        default=3,
        help_text=_("Law 31-13, art. 17: 3 days when the information is needed to protect life, safety or liberty."),
    )
    complaint_filing_working_days = models.PositiveSmallIntegerField(
        _("complaint to the head: filing period (working days)"),
        default=20,
        help_text=_("Law 31-13, art. 19: within 20 working days of the deadline or of the answer."),
    )
    complaint_answer_days = models.PositiveSmallIntegerField(
        _("complaint to the head: answer deadline (days)"),
        default=15,
        help_text=_("Law 31-13, art. 19: the head of the body answers within 15 days of receiving the complaint."),
    )
    commission_filing_days = models.PositiveSmallIntegerField(
        _("complaint to the commission (CDAI): filing period (days)"),
        default=30,
        help_text=_("Law 31-13, art. 20: within 30 days of the head's answer or of the end of its deadline."),
    )
    commission_answer_days = models.PositiveSmallIntegerField(
        _("commission (CDAI) answer deadline (days)"),
        default=30,
        help_text=_("Law 31-13, art. 20: the commission answers within 30 days."),
    )
    court_days = models.PositiveSmallIntegerField(
        _("appeal to the administrative court (days)"),
        default=60,
        help_text=_("Law 31-13, art. 21: within 60 days of the commission's answer or of the end of its deadline."),
    )
    rectification_days = models.PositiveSmallIntegerField(
        _("rectification or erasure deadline (days)"),
        default=10,
        help_text=_("Law 09-08, art. 8: rectification or erasure within 10 clear days of the request."),
    )
    identity_retention_days = models.PositiveIntegerField(
        _("identity retention after closing (days)"),
        default=730,
        help_text=_(
            "Law 09-08, art. 3: personal data are kept no longer than the purpose needs. After this period "
            "the identities of closed requests are erased by the scheduled command."
        ),
    )
    reminder_days_ahead = models.PositiveSmallIntegerField(
        _("reminder: days before the deadline"),
        default=3,
        help_text=_("The daily reminder lists requests due within this many days, and overdue ones."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("answer_working_days"),
                FieldPanel("extension_working_days"),
                FieldPanel("urgent_days"),
            ],
            heading=_("Answer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("complaint_filing_working_days"),
                FieldPanel("complaint_answer_days"),
                FieldPanel("commission_filing_days"),
                FieldPanel("commission_answer_days"),
                FieldPanel("court_days"),
            ],
            heading=_("Complaints and appeals"),
        ),
        MultiFieldPanel(
            [FieldPanel("rectification_days"), FieldPanel("identity_retention_days"), FieldPanel("reminder_days_ahead")],
            heading=_("Personal data and reminders"),
        ),
    ]

    class Meta:
        verbose_name = _("information requests")


class InfoRequestPage(RoutablePageMixin, Page):
    """The access-to-information page: the request form and, as sub-routes, the receipt, the
    private status page, the public register, the yearly figures and the proactively published
    information (law 31-13 art. 10). Requests belong to the source-language page, so every
    language's copy shows the same data."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("access to information page")

    # The views are in views.py; requests hang on the source-language page
    # (``participation.core.pages.logical_page``).
    request_form = page_route("", "participation.info_requests.views.request_form")
    my_requests = page_route("mine/", "participation.info_requests.views.my_requests")
    status = page_route(PRIVATE_LINK + "$", "participation.info_requests.views.status")
    receipt = page_route(PRIVATE_LINK + r"receipt/$", "participation.info_requests.views.receipt")
    receipt_pdf = page_route(PRIVATE_LINK + r"receipt/pdf/$", "participation.info_requests.views.receipt_pdf")
    refusal_letter_pdf = page_route(PRIVATE_LINK + r"letter/pdf/$", "participation.info_requests.views.refusal_letter_pdf")
    complaint = page_route(PRIVATE_LINK + r"complaint/$", "participation.info_requests.views.complaint")
    my_data = page_route(PRIVATE_LINK + r"data/$", "participation.info_requests.views.my_data")
    # At most 18 digits: always within the database's integer range (see site_template.params).
    attachment = page_route(PRIVATE_LINK + r"files/(?P<pk>[0-9]{1,18})/$", "participation.info_requests.views.attachment")
    register = page_route("register/", "participation.info_requests.views.register")
    register_attachment = page_route("register/<id:pk>/files/<id:file_pk>/", "participation.info_requests.views.register_attachment")
    figures = page_route("figures/", "participation.info_requests.views.figures")
    figures_csv = page_route("figures/csv/", "participation.info_requests.views.figures_csv")
    proactive = page_route("published/", "participation.info_requests.views.proactive")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    EXTENDED = "extended", _("Extended")
    ANSWERED = "answered", _("Answered")
    PARTLY_ANSWERED = "partly_answered", _("Partly answered")
    REFUSED = "refused", _("Refused")
    TRANSFERRED = "transferred", _("Transferred to another body")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.EXTENDED)
ANSWER_STATUSES = (Status.ANSWERED, Status.PARTLY_ANSWERED)
CLOSED_STATUSES = (Status.ANSWERED, Status.PARTLY_ANSWERED, Status.REFUSED, Status.TRANSFERRED, Status.WITHDRAWN)


class AccessForm(models.TextChoices):
    EMAIL = "email", _("By email")
    PAPER = "paper", _("Paper copy")
    ON_SITE = "on_site", _("Consultation on site")


class IdDocument(models.TextChoices):
    CIN = "cin", _("National identity card (CIN)")
    RESIDENCE = "residence", _("Residence document (foreign resident)")


class RefusalGround(models.TextChoices):
    """Law 31-13, art. 18."""

    NOT_AVAILABLE = "not_available", _("The information is not available")
    EXCEPTION = "exception", _("The information falls under an exception of art. 7")
    ALREADY_PUBLISHED = "already_published", _("The information is already published")
    REPEAT = "repeat", _("Same request by the same person within the year")
    UNCLEAR = "unclear", _("The request is unclear")
    IN_PREPARATION = "in_preparation", _("The information is still being prepared")
    ARCHIVES = "archives", _("The information is held by the national archives")


class Art7Exception(models.TextChoices):
    """Law 31-13, art. 7."""

    DEFENCE = "defence", _("National defence")
    STATE_SECURITY = "state_security", _("Internal and external security of the State")
    PRIVATE_LIFE = "private_life", _("Private life and personal data")
    FUNDAMENTAL_RIGHTS = "fundamental_rights", _("Freedoms and fundamental rights guaranteed by the Constitution")
    SOURCES = "sources", _("Protection of sources")
    FOREIGN_RELATIONS = "foreign_relations", _("Relations with a foreign State or international organisation")
    MONETARY_POLICY = "monetary_policy", _("Monetary, economic or financial policy of the State")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Industrial property, copyright and related rights")
    WITNESSES = "witnesses", _("Rights and interests of victims, witnesses, experts and whistleblowers")
    LEGAL_SECRECY = "legal_secrecy", _("Secrecy protected by a specific law")
    DELIBERATIONS = "deliberations", _("Deliberations of the Council of Ministers and Government Council")
    INQUIRIES = "inquiries", _("Investigations and administrative inquiries")
    JUDICIAL = "judicial", _("Judicial proceedings")
    COMPETITION = "competition", _("Free competition and fair commercial practice")


class InfoRequestQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def published(self):
        return self.filter(status__in=ANSWER_STATUSES, published_at__isnull=False)


class InfoRequest(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.PROTECT, related_name="info_requests"
    )
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="info_requests")
    # Unique within the commune (see Meta): each commune counts its own requests. Numbers read
    # "<COMMUNE>-<year>-<sequence>" (``services.tracking_number_format``); those filed before the
    # prefix ("<year>-<sequence>") stay as they were printed on their receipts.
    tracking_number = models.CharField(_("tracking number"), max_length=80)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="info_requests",
    )
    language = models.CharField(max_length=5, default=source_language)

    # Identity (law 31-13 art. 14); erased after the retention period.
    full_name = models.CharField(_("full name"), max_length=200)
    postal_address = models.TextField(_("postal address"))
    id_document = models.CharField(_("identity document"), max_length=12, choices=IdDocument.choices, default=IdDocument.CIN)
    id_number = models.CharField(_("document number"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    identity_erased_at = models.DateTimeField(_("identity erased at"), null=True, blank=True)

    # The request.
    subject = models.CharField(_("subject"), max_length=200)
    information_requested = models.TextField(_("information requested"))
    access_form = models.CharField(_("preferred form of access"), max_length=10, choices=AccessForm.choices)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    urgency_justification = models.TextField(_("why it is urgent"), blank=True)

    # Processing.
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("received at"))
    due_date = models.DateField(_("deadline"))
    initial_due_date = models.DateField(_("initial deadline"))
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_info_requests",
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    refusal_ground = models.CharField(_("refusal ground (art. 18)"), max_length=20, choices=RefusalGround.choices, blank=True)
    refusal_exception = models.CharField(_("art. 7 exception"), max_length=30, choices=Art7Exception.choices, blank=True)
    refusal_reason = models.TextField(_("reason for the refusal"), blank=True)
    transferred_to = models.CharField(_("transferred to"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published in the register at"), null=True, blank=True)

    objects = InfoRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "received_at"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [models.Index(fields=["site", "status", "due_date"])]
        constraints = [
            models.UniqueConstraint(fields=["site", "tracking_number"], name="info_request_tracking_number_per_site"),
        ]

    def __str__(self) -> str:
        # In the admin's aria-labels and titles: no bidi control may reorder the number.
        return f"{self.tracking_number} — {clean_plain_line(self.subject)}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def owner_key(self) -> str:
        """Stands for the token in the requester's own links when logged in (see views)."""
        return f"account-{self.pk:012d}"

    @property
    def masked_id_number(self) -> str:
        value = self.id_number or ""
        if not value:
            return "—"
        return "•" * max(len(value) - 3, 1) + value[-3:]

    @cached_property
    def settings(self) -> InfoRequestSettings:
        return InfoRequestSettings.for_site(self.site)


class Event(models.Model):
    """Timestamped log of everything that happened to a request, with who did it. Events with a
    ``message`` marked ``to_requester`` are shown on the private status page."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Request received")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        MESSAGE = "message", _("Message to the requester")
        NOTE = "note", _("Internal note")
        PUBLISHED = "published", _("Published in the register")
        UNPUBLISHED = "unpublished", _("Removed from the register")
        COMPLAINT = "complaint", _("Complaint")
        DATA = "data", _("Personal data")

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    message = models.TextField(blank=True)
    to_requester = models.BooleanField(default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, upload_to="%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Complaint(models.Model):
    """A complaint to the head of the commune (law 31-13 art. 19)."""

    class Reason(models.TextChoices):
        LATE = "late", _("No answer within the deadline")
        REFUSED = "refused", _("The request was refused")
        INCOMPLETE = "incomplete", _("The answer is incomplete")

    class State(models.TextChoices):
        FILED = "filed", _("Filed, awaiting the head's answer")
        ANSWERED = "answered", _("Answered by the head of the commune")

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="complaints")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    text = models.TextField(_("your complaint"))
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.FILED)
    filed_at = models.DateTimeField(_("filed at"))
    due_date = models.DateField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["filed_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self.request.tracking_number} — {self.get_reason_display()}"


class DataRequest(models.Model):
    """A requester's rectification or erasure request about the data kept on their request
    (law 09-08 art. 8: within 10 clear days)."""

    class Kind(models.TextChoices):
        RECTIFICATION = "rectification", _("Rectification")
        ERASURE = "erasure", _("Erasure")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="data_requests")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    text = models.TextField(_("details"), blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    filed_at = models.DateTimeField()
    due_date = models.DateField(_("due"))
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    response = models.TextField(_("response"), blank=True)

    class Meta:
        ordering = ["filed_at"]

    def __str__(self) -> str:
        return f"{self.request.tracking_number} — {self.get_kind_display()}"


class IdentityAccessLog(models.Model):
    """Every time a staff member sees (or exports) a requester's identity."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="identity_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=40)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action} {self.user_id} {self.at:%Y-%m-%d %H:%M}"


class TrackingCounter(models.Model):
    """Per-site, per-year sequence for tracking numbers (row-locked when incremented)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("site", "year")]

    def __str__(self) -> str:
        return f"{self.site_id}/{self.year}: {self.last}"
