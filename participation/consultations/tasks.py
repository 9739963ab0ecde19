"""Background work of the consultation feature (django_tasks)."""

from __future__ import annotations

from django_tasks import task


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
