"""Every existing commune gets the accessibility statement (both languages, linked from the
footer) that the generator now creates for new ones.

The page tree API (``add_child``, revisions, translations) does not exist on historical models,
so communes found through the historical model are handed to the live service. On a fresh
database there is no commune yet and no live code runs."""

from django.db import migrations


def add_statements(apps, schema_editor):
    CommuneSettings = apps.get_model("communes", "CommuneSettings")
    site_ids = list(CommuneSettings.objects.filter(slug__isnull=False).values_list("site_id", flat=True))
    if not site_ids:
        return
    from wagtail.models import Site

    from site_template.communes.services import accessibility_statement_ensure

    for site in Site.objects.filter(pk__in=site_ids).select_related("root_page"):
        accessibility_statement_ensure(site=site)


class Migration(migrations.Migration):

    dependencies = [
        ("communes", "0004_roles_translate_pages"),
        ("pages", "0001_initial"),
        ("contact", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_statements, migrations.RunPython.noop)]
