"""Emails of the consultation feature, sent through the task framework (django_tasks)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_opening_notice(*, notice_id: int) -> None:
    """Tells a citizen who asked for it that the consultation is open, in their language."""
    from .models import OpeningNotice
    from .selectors import consultation_in_language

    notice = OpeningNotice.objects.select_related("consultation", "user").filter(pk=notice_id).first()
    if notice is None or not notice.user.email or not notice.user.is_active:
        return
    with translation.override(notice.language or "ar"):
        page = consultation_in_language(notice.consultation, notice.language)
        site = page.get_site()
        root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
        context = {"consultation": notice.consultation, "page": page, "url": root + page.get_url(), "user": notice.user}
        subject = render_to_string("consultations/emails/opening_subject.txt", context).strip()
        body = render_to_string("consultations/emails/opening.txt", context)
        html = render_to_string("consultations/emails/opening.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [notice.user.email])
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def publish_synthesis(*, consultation_id: int, user_id: int | None = None) -> int:
    """Background part of publishing a synthesis: every decided remark's thread gets its status and
    official answer (authors are notified). Run through the task framework: 20,000 remarks must not
    hold the editor's request."""
    from django.contrib.auth import get_user_model

    from .models import ConsultationPage
    from .services import synthesis_publish_to_threads

    consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    by = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return synthesis_publish_to_threads(consultation=consultation, by=by)
