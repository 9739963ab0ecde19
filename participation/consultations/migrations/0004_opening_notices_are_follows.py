""""Notify me when it opens" requests become follows of the consultation page, kept by the
notifications app (one follow model, one notification path: issue 10). A consultation whose
notices were already sent is recorded as announced, so nobody hears of its opening twice."""

from django.db import migrations


def forward(apps, schema_editor):
    OpeningNotice = apps.get_model("consultations", "OpeningNotice")
    Follow = apps.get_model("notifications", "Follow")
    Announcement = apps.get_model("notifications", "Announcement")
    Preference = apps.get_model("notifications", "NotificationPreference")
    for notice in OpeningNotice.objects.all().iterator():
        Follow.objects.get_or_create(
            user_id=notice.user_id, page_id=notice.consultation_id, defaults={"created_at": notice.created_at}
        )
        Preference.objects.get_or_create(user_id=notice.user_id, defaults={"language": notice.language})
        if notice.sent_at is not None:
            Announcement.objects.get_or_create(
                event="opened", page_id=notice.consultation_id, defaults={"sent_at": notice.sent_at}
            )


def backward(apps, schema_editor):
    OpeningNotice = apps.get_model("consultations", "OpeningNotice")
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    Follow = apps.get_model("notifications", "Follow")
    Announcement = apps.get_model("notifications", "Announcement")
    consultation_ids = set(ConsultationPage.objects.values_list("pk", flat=True))
    opened = dict(Announcement.objects.filter(event="opened").values_list("page_id", "sent_at"))
    for follow in Follow.objects.filter(page_id__in=consultation_ids).iterator():
        OpeningNotice.objects.get_or_create(
            consultation_id=follow.page_id, user_id=follow.user_id, defaults={"sent_at": opened.get(follow.page_id)}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0003_source_language_from_settings"),
        ("notifications", "0002_follow_targets_page_events"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="OpeningNotice"),
    ]
