"""``python manage.py create_commune``: stands up a commune site in one command (see
``site_template.communes.services.commune_generate``)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from site_template.communes.demo import DEMO_TOTP_SECRET, demo_accounts, mfa_required_for_staff
from site_template.communes.services import CommuneSpec, commune_generate
from site_template.communes.validation import CommuneSpecError, parse_population


class Command(BaseCommand):
    help = (
        "Creates a commune site: Wagtail site, pages in Arabic and French, settings, staff groups and "
        "permissions, and with --demo demo accounts and content. Running it again for an existing "
        "slug changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="Short Latin name, e.g. larache.")
        parser.add_argument("--name-ar", default="", help="Name in Arabic, e.g. «جماعة العرائش».")
        parser.add_argument("--name-fr", default="", help="Name in French, e.g. «Commune de Larache».")
        parser.add_argument("--hostname", default="localhost", help="Host name the site answers on.")
        parser.add_argument("--port", default="80", help="Port the site answers on (default 80).")
        parser.add_argument("--population", default="", help="Legal population (last census).")
        parser.add_argument("--region", default="")
        parser.add_argument("--province", default="")
        parser.add_argument("--theme", default="default", help="A folder name in themes/.")
        parser.add_argument("--primary-colour", default="", help="Optional #RRGGBB.")
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--address-ar", default="")
        parser.add_argument("--address-fr", default="")
        parser.add_argument("--logo", default="", help="Path to the logo (PNG, JPEG, GIF or WebP).")
        parser.add_argument("--cndp-reference", default="", help="CNDP declaration/authorisation reference.")
        parser.add_argument("--default-site", action="store_true", help="Serve this commune on unknown hosts too.")
        parser.add_argument("--demo", action="store_true", help="Add demo accounts and demo content.")

    @no_translations  # command-line output in English, whatever language a caller left active
    def handle(self, *args, **options):
        errors: list[str] = []
        try:
            population = parse_population(options["population"])
        except ValueError:
            population = None
            errors.append(f"The population “{options['population']}” is not a number.")
        try:
            port = int(options["port"])
        except ValueError:
            port = 0
        spec = CommuneSpec(
            slug=options["slug"].strip(),
            name_ar=options["name_ar"].strip(),
            name_fr=options["name_fr"].strip(),
            hostname=options["hostname"].strip(),
            port=port,
            population=population,
            region=options["region"].strip(),
            province=options["province"].strip(),
            theme=options["theme"].strip(),
            primary_colour=options["primary_colour"].strip(),
            email=options["email"].strip(),
            phone=options["phone"].strip(),
            address_ar=options["address_ar"].strip(),
            address_fr=options["address_fr"].strip(),
            logo_path=options["logo"],
            cndp_reference=options["cndp_reference"].strip(),
            is_default_site=options["default_site"],
        )
        try:
            if errors:
                from site_template.communes.validation import commune_spec_errors

                raise CommuneSpecError(errors + commune_spec_errors(spec))
            result = commune_generate(spec=spec, demo=options["demo"])
        except CommuneSpecError as exc:
            raise CommandError(
                "The commune was not created (nothing was changed):\n" + "\n".join(f"  - {e}" for e in exc.errors)
            ) from exc

        site = result.site
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Commune “{spec.slug}” created."))
        else:
            self.stdout.write(self.style.WARNING(f"Commune “{spec.slug}” already exists: nothing was changed."))
        address = site.root_url
        self.stdout.write(f"Site:  {address}/")
        self.stdout.write(f"Admin: {address}/admin/")
        if result.demo_users:
            self._print_accounts(result.demo_users)

    def _print_accounts(self, users: dict) -> None:
        self.stdout.write("")
        self.stdout.write("Demo accounts (email / password) — demo data only, never in production:")
        for account in demo_accounts(users):
            kind = "staff" if account.is_staff_role else "public"
            self.stdout.write(f"  {account.key:<20} {kind:<7} {account.email:<42} {account.password}")
        if mfa_required_for_staff():
            self.stdout.write(
                f"MFA is required for staff: add the TOTP secret {DEMO_TOTP_SECRET} to an authenticator app "
                "to log in with the staff accounts."
            )
        else:
            self.stdout.write(
                "MFA for staff is OFF here (MFA_REQUIRED_FOR_STAFF is false in these settings); "
                "production settings require it."
            )
        email_backend = settings.EMAIL_BACKEND.rsplit(".", 1)[-1]
        if email_backend == "EmailBackend" and "filebased" in settings.EMAIL_BACKEND:
            self.stdout.write(f"Emails are written to the folder {settings.EMAIL_FILE_PATH}")
