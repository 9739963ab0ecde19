"""Each existing remark on an open project is linked to the project's thread with
``LinkRelation.CONCERNS`` (new remarks are linked by ``services.remark_create``), so that a
programme project adopted from it shows the remarks that shaped it."""

from django.db import migrations

BATCH = 2000


def link_remarks(apps, schema_editor):
    Remark = apps.get_model("consultations", "Remark")
    ContributionLink = apps.get_model("participation_core", "ContributionLink")
    pairs = (
        Remark.objects.filter(project__isnull=False, contribution__isnull=False,
                              project__contribution__isnull=False)
        .values_list("contribution_id", "project__contribution_id")
        .order_by("pk")
        .iterator(chunk_size=BATCH)
    )
    batch = []
    for source_id, target_id in pairs:
        batch.append(ContributionLink(source_id=source_id, target_id=target_id, relation="concerns"))
        if len(batch) >= BATCH:
            ContributionLink.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        ContributionLink.objects.bulk_create(batch, ignore_conflicts=True)


def unlink_remarks(apps, schema_editor):
    Remark = apps.get_model("consultations", "Remark")
    ContributionLink = apps.get_model("participation_core", "ContributionLink")
    ContributionLink.objects.filter(
        relation="concerns",
        source__in=Remark.objects.filter(project__isnull=False).values("contribution_id"),
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("consultations", "0004_opening_notices_are_follows"),
        ("participation_core", "0004_ratings_and_links"),
    ]

    operations = [migrations.RunPython(link_remarks, unlink_remarks)]
