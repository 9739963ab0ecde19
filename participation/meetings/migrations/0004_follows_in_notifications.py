"""Theme follows and "sent once" announcements move to the notifications app: one follow model
and one notification path for the whole site (issue 10)."""

from django.db import migrations


def forward(apps, schema_editor):
    ThemeFollow = apps.get_model("meetings", "ThemeFollow")
    MeetingAnnouncement = apps.get_model("meetings", "MeetingAnnouncement")
    Follow = apps.get_model("notifications", "Follow")
    Announcement = apps.get_model("notifications", "Announcement")
    Preference = apps.get_model("notifications", "NotificationPreference")
    ContentType = apps.get_model("contenttypes", "ContentType")

    theme_type, _created = ContentType.objects.get_or_create(app_label="meetings", model="meetingtheme")
    for follow in ThemeFollow.objects.all().iterator():
        Follow.objects.get_or_create(
            user_id=follow.user_id,
            target_type=theme_type,
            target_id=follow.theme_id,
            defaults={"created_at": follow.created_at},
        )
        # The language the follower chose the theme in becomes their emails' language when they
        # had none yet.
        Preference.objects.get_or_create(user_id=follow.user_id, defaults={"language": follow.language})
    for announcement in MeetingAnnouncement.objects.all().iterator():
        Announcement.objects.get_or_create(
            event="announced",
            page_id=announcement.meeting_id,
            defaults={"sent_at": announcement.sent_at, "recipients": announcement.recipients},
        )


def backward(apps, schema_editor):
    ThemeFollow = apps.get_model("meetings", "ThemeFollow")
    MeetingAnnouncement = apps.get_model("meetings", "MeetingAnnouncement")
    MeetingPage = apps.get_model("meetings", "MeetingPage")
    Follow = apps.get_model("notifications", "Follow")
    Announcement = apps.get_model("notifications", "Announcement")
    ContentType = apps.get_model("contenttypes", "ContentType")

    theme_type = ContentType.objects.filter(app_label="meetings", model="meetingtheme").first()
    if theme_type is not None:
        for follow in Follow.objects.filter(target_type=theme_type).iterator():
            ThemeFollow.objects.get_or_create(user_id=follow.user_id, theme_id=follow.target_id)
        Follow.objects.filter(target_type=theme_type).delete()
    meeting_ids = set(MeetingPage.objects.values_list("pk", flat=True))
    for announcement in Announcement.objects.filter(event="announced").iterator():
        if announcement.page_id in meeting_ids:
            MeetingAnnouncement.objects.get_or_create(
                meeting_id=announcement.page_id, defaults={"recipients": announcement.recipients}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_meetingannouncement_themefollow"),
        ("notifications", "0002_follow_targets_page_events"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="MeetingAnnouncement"),
        migrations.DeleteModel(name="ThemeFollow"),
    ]
