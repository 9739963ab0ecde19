"""Admin: Snippets → Public holidays. Saving a holiday (new or corrected date) confirms it."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from .models import PublicHoliday
from .services import holiday_confirm


class ConfirmOnSaveMixin:
    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            return holiday_confirm(holiday=instance, by=self.request.user)


class HolidayCreateView(ConfirmOnSaveMixin, CreateView):
    pass


class HolidayEditView(ConfirmOnSaveMixin, EditView):
    pass


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = _("Public holidays")
    list_display = ["date", "name", "estimated", "confirmed_at", "confirmed_by"]
    list_filter = ["estimated"]
    list_export = ["date", "name_ar", "name_fr", "estimated", "confirmed_at"]
    ordering = ["date"]
    add_view_class = HolidayCreateView
    edit_view_class = HolidayEditView
    help_text = _("Islamic holidays are estimated: correct the date when it is announced and save to confirm it.")


register_snippet(PublicHolidayViewSet)


@hooks.register("periodic_jobs")
def working_days_jobs():
    from datetime import timedelta

    from participation.core.scheduling import PeriodicJob

    from .services import default_sync_years, holidays_sync

    return [PeriodicJob("working_days.holidays_sync", lambda: holidays_sync(years=default_sync_years()),
                        every=timedelta(days=7), description="Imports the Moroccan public holidays.")]
