"""The staff roles that edit pages (communicator, participation focal point, administrator) may
use Wagtail's "Translate" action: groups of communes created before this get the permission
(new communes get it from ``services.commune_roles_sync``)."""

from django.db import migrations

ROLES = ("communicator", "focal_point", "administrator")


def grant_translation_permission(apps, schema_editor):
    CommuneRole = apps.get_model("communes", "CommuneRole")
    if not CommuneRole.objects.filter(role__in=ROLES).exists():
        return  # a fresh database: the permission is created after the migrations
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="simple_translation", model="simpletranslation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    for commune_role in CommuneRole.objects.filter(role__in=ROLES).select_related("group"):
        commune_role.group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0003_communesettings_collection"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_translation_permission, migrations.RunPython.noop)]
