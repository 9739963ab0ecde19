"""Moroccan public holidays. Fixed holidays come from the ``holidays`` package; Islamic holidays
are estimated there (they depend on the moon sighting announced by the Ministry of Habous), so
staff confirm or correct each date in the admin (Snippets → Public holidays) and every deadline
computed afterwards follows the corrected date."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from site_template.i18n import localised


class PublicHolidayQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)

    def estimated(self):
        return self.filter(estimated=True, confirmed_at__isnull=True)


class PublicHoliday(models.Model):
    key = models.CharField(
        _("key"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set for holidays imported from the holidays calendar; empty for holidays added by hand."),
    )
    date = models.DateField(_("date"), db_index=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=160)
    name_fr = models.CharField(_("name in French"), max_length=160, blank=True)
    estimated = models.BooleanField(
        _("estimated date"),
        default=False,
        help_text=_("Islamic holidays follow the moon sighting: the imported date is an estimate until confirmed."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)

    objects = PublicHolidayQuerySet.as_manager()

    panels = [FieldPanel("date"), FieldPanel("name_ar"), FieldPanel("name_fr")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
