"""Writes for communes.

``commune_generate`` stands up a complete commune site (the ``create_commune`` management command
is a thin wrapper around it): it validates everything first, then, in one transaction, creates the
Wagtail Site, the page tree in Arabic and French, the site settings, the media collection and logo,
the staff groups with their permissions, the demo accounts (``demo=True``), and calls every
``commune_setup`` hook so features add their pages. Running it again for an existing slug changes
nothing.

``commune_create`` is the first step alone (Site, home pages, settings): the test fixtures use it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import translation
from wagtail import hooks
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
)

from site_template.cache_versions import SITE_STRUCTURE
from site_template.pages.models import ContentPage, HomePage, SectionPage
from site_template.pages.tree import add_translated_child

from . import content
from .models import CommuneRole, CommuneSettings
from .roles import Role
from .validation import CommuneSpecError, commune_spec_errors

logger = logging.getLogger(__name__)

PARTICIPATE_SLUG = "participate"
COUNCIL_SLUG = "council"
EDITORS_GUIDE_SLUG = "editors-guide"


@dataclass
class CommuneSpec:
    slug: str
    name_ar: str
    name_fr: str
    hostname: str = "localhost"
    port: int = 80
    population: int | None = None
    region: str = ""
    province: str = ""
    theme: str = "default"
    email: str = ""
    phone: str = ""
    address_ar: str = ""
    address_fr: str = ""
    is_default_site: bool = False
    cndp_reference: str = ""
    primary_colour: str = ""
    logo_path: str = ""


@dataclass
class CommuneResult:
    site: Site
    created: bool
    demo_users: dict[str, Any] = field(default_factory=dict)


def ensure_locales() -> tuple[Locale, Locale]:
    ar, _ = Locale.objects.get_or_create(language_code="ar")
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    return ar, fr


def _is_stock_wagtail_site(site: Site) -> bool:
    """The "Welcome to your new Wagtail site!" site that Wagtail's migrations create."""
    return (
        type(site.root_page.specific) is Page
        and not CommuneSettings.objects.filter(site=site, slug__isnull=False).exists()
    )


def _take_default_site() -> None:
    for other in Site.objects.filter(is_default_site=True).select_related("root_page"):
        if _is_stock_wagtail_site(other):
            root_page = other.root_page
            other.delete()
            if not Site.objects.filter(root_page=root_page).exists():
                root_page.delete()
        else:
            other.is_default_site = False
            other.save(update_fields=["is_default_site"])


@transaction.atomic
def commune_create(*, spec: CommuneSpec) -> Site:
    """Creates the Site, its Arabic home page with the French translation, and the settings."""
    ar, fr = ensure_locales()
    if spec.is_default_site:
        _take_default_site()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=spec.name_ar, slug=spec.slug, locale=ar))
    home.save_revision().publish()
    home_fr = home.copy_for_translation(fr)
    home_fr.title = spec.name_fr
    home_fr.slug = f"{spec.slug}-fr"
    home_fr.save_revision().publish()
    site = Site.objects.create(
        hostname=spec.hostname,
        port=spec.port,
        root_page=home,
        site_name=spec.name_fr,
        is_default_site=spec.is_default_site,
    )
    settings_obj = CommuneSettings.for_site(site)
    for name in ("slug", "name_ar", "name_fr", "population", "region", "province", "theme",
                 "email", "phone", "address_ar", "address_fr", "cndp_reference", "primary_colour"):
        setattr(settings_obj, name, getattr(spec, name))
    settings_obj.save()
    return site


def commune_generate(*, spec: CommuneSpec, demo: bool = False) -> CommuneResult:
    """Validates ``spec`` (raising ``CommuneSpecError`` with every problem) and creates the whole
    commune in one transaction; an existing slug returns ``created=False`` and changes nothing."""
    existing = CommuneSettings.objects.filter(slug=spec.slug).select_related("site").first()
    if existing is not None:
        from .demo import demo_users_existing

        return CommuneResult(site=existing.site, created=False, demo_users=demo_users_existing(site=existing.site))
    errors = commune_spec_errors(spec)
    if errors:
        raise CommuneSpecError(errors)
    return _commune_generate(spec=spec, demo=demo)


@transaction.atomic
def _commune_generate(*, spec: CommuneSpec, demo: bool) -> CommuneResult:
    site = commune_create(spec=spec)
    commune = CommuneSettings.for_site(site)
    home_ar = site.root_page.specific
    home_fr = home_ar.get_translation(Locale.objects.get(language_code="fr")).specific

    intro_ar, intro_fr = content.home_intro(commune)
    _update_page(home_ar, intro=intro_ar)
    _update_page(home_fr, intro=intro_fr)

    commune.collection = commune_collection_ensure(site=site, name=spec.name_fr or spec.name_ar)
    if spec.logo_path:
        commune.logo = commune_logo_import(path=spec.logo_path, collection=commune.collection, title=spec.name_fr)
    commune.save()

    about = _add(home_ar, ContentPage, content.about_page(commune), show_in_menus=True)
    _add(home_ar, SectionPage, content.council_section(commune), show_in_menus=True)
    _add(home_ar, SectionPage, content.participate_section(commune), show_in_menus=True)
    privacy = _add(home_ar, ContentPage, content.privacy_page(commune))
    terms = _add(home_ar, ContentPage, content.terms_page(commune))
    _add(home_ar, ContentPage, content.editors_guide_page(commune))

    commune_roles_sync(site=site)

    demo_users: dict[str, Any] = {}
    if demo:
        from .demo import demo_neighbourhoods_create, demo_users_create

        demo_neighbourhoods_create(site=site)
        demo_users = demo_users_create(site=site)

    commune_setup_hooks_run(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)

    # Pages a feature may have provided (the publishing helper's contact form and documents library):
    # created here only when no hook did, recognised by slug or page type.
    contact = _child_like(home_ar, slug="contact", type_word="contact")
    if contact is None:
        contact = _add(home_ar, ContentPage, content.contact_page(commune), show_in_menus=True)
    if _child_like(home_ar, slug="documents", type_word="document") is None:
        _add(home_ar, ContentPage, content.documents_page(commune))

    accessibility = _add(home_ar, ContentPage, content.accessibility_page(commune, contact_page_id=contact.pk))

    commune.footer_pages = [("page", page) for page in (about, contact, privacy, terms, accessibility)]
    commune.save()
    # Permissions again: hooks may have declared new ones (idempotent).
    commune_roles_sync(site=site)
    transaction.on_commit(SITE_STRUCTURE.bump)
    return CommuneResult(site=site, created=True, demo_users=demo_users)


@transaction.atomic
def accessibility_statement_ensure(*, site: Site) -> Page | None:
    """The commune's accessibility statement (both languages) and its footer link, for a commune
    created before the generator made one (the data migration calls this). Idempotent: an
    existing page is kept as staff edited it. None for a site that is not a commune."""
    commune = CommuneSettings.objects.filter(site=site, slug__isnull=False).first()
    home_ar = site.root_page.specific
    if commune is None or not isinstance(home_ar, HomePage):
        return None
    contact = _child_like(home_ar, slug="contact", type_word="contact")
    page = _add(
        home_ar, ContentPage,
        content.accessibility_page(commune, contact_page_id=contact.pk if contact is not None else None),
    )
    linked = {block.value.pk for block in commune.footer_pages if block.value is not None}
    if page.pk not in linked:
        commune.footer_pages.append(("page", page))
        commune.save()
    transaction.on_commit(SITE_STRUCTURE.bump)
    return page


def _update_page(page: Page, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def _add(parent_ar: Page, page_class: type[Page], fields: tuple[dict, dict], **common: Any) -> Page:
    existing = parent_ar.get_children().filter(slug=fields[0]["slug"]).first()
    if existing is not None:
        return existing.specific
    page_ar, _page_fr = add_translated_child(parent_ar, page_class=page_class, ar=fields[0], fr=fields[1], **common)
    return page_ar


def _child_like(parent: Page, *, slug: str, type_word: str) -> Page | None:
    for child in parent.get_children().specific():
        if child.slug == slug or type_word in type(child).__name__.lower():
            return child
    return None


def participate_page(*, home: Page) -> Page | None:
    """The "Participate" section under a commune's home page (Arabic or French), where features
    add their pages."""
    return home.get_children().filter(slug=PARTICIPATE_SLUG).first()


def commune_setup_hooks_run(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict) -> None:
    """Calls every ``commune_setup`` hook in ``order`` (default 100). An exception from a hook aborts
    the whole generation (one transaction): the message names the hook."""
    for fn in sorted(hooks.get_hooks("commune_setup"), key=lambda f: getattr(f, "order", 100)):
        try:
            with transaction.atomic():
                fn(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)
        except Exception as exc:
            raise RuntimeError(f"commune_setup hook {fn.__module__}.{fn.__qualname__} failed: {exc}") from exc


# --- Media ---------------------------------------------------------------------------------------


def commune_collection_ensure(*, site: Site, name: str) -> Collection:
    commune = CommuneSettings.for_site(site)
    if commune.collection_id:
        return commune.collection
    return Collection.get_first_root_node().add_child(name=name)


def commune_logo_import(*, path: str, collection: Collection, title: str):
    """Imports the logo file into Wagtail images (checked by ``validation.logo_error`` first)."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    file_path = Path(path)
    with file_path.open("rb") as handle:
        image = image_model(title=title, collection=collection)
        image.file = ImageFile(handle, name=file_path.name)
        image.file_size = file_path.stat().st_size
        image.save()
    return image


# --- Staff groups and permissions --------------------------------------------------------------------

PAGE_PERMISSIONS = {
    Role.COMMUNICATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.FOCAL_POINT: ["add_page", "change_page", "publish_page"],
    Role.INFORMATION_OFFICER: [],
    Role.ADMINISTRATOR: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}

COLLECTION_PERMISSIONS = {
    Role.COMMUNICATOR: [
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
    ],
    Role.FOCAL_POINT: [
        "wagtailimages.add_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.choose_document",
    ],
    Role.INFORMATION_OFFICER: ["wagtaildocs.add_document", "wagtaildocs.choose_document"],
    Role.ADMINISTRATOR: [
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.delete_image",
        "wagtailimages.choose_image", "wagtaildocs.add_document", "wagtaildocs.change_document",
        "wagtaildocs.delete_document", "wagtaildocs.choose_document",
    ],
}

# Wagtail's "Translate" action (simple_translation): the page-level check (can the user edit the
# page?) keeps it inside the commune's own tree. Existing communes got it from migration 0004.
TRANSLATE_PAGES = "simple_translation.submit_translation"

MODEL_PERMISSIONS = {
    Role.COMMUNICATOR: [TRANSLATE_PAGES],
    Role.FOCAL_POINT: [
        TRANSLATE_PAGES,
        "communes.add_neighbourhood", "communes.change_neighbourhood", "communes.delete_neighbourhood",
    ],
    Role.INFORMATION_OFFICER: [],
    Role.ADMINISTRATOR: [
        TRANSLATE_PAGES,
        "communes.add_neighbourhood", "communes.change_neighbourhood", "communes.delete_neighbourhood",
    ],
}


def _permission(dotted: str) -> Permission:
    try:
        app_label, codename = dotted.split(".", 1)
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except (ValueError, Permission.DoesNotExist) as exc:
        raise ValueError(f"Unknown permission “{dotted}” (declared through role_permissions?)") from exc


def declared_role_permissions() -> dict[str, set[str]]:
    """What every feature's ``role_permissions`` hook grants, per role; the administrator gets all."""
    declared: dict[str, set[str]] = {role.value: set() for role in Role}
    for fn in hooks.get_hooks("role_permissions"):
        for role, perms in (fn() or {}).items():
            declared[str(Role(role).value)].update(perms)
    for role in Role:
        if role != Role.ADMINISTRATOR:
            declared[Role.ADMINISTRATOR.value] |= declared[role.value]
    return declared


def _group_name(commune: CommuneSettings, role: Role) -> str:
    with translation.override("ar"):
        label = str(role.label)
    return f"{commune.slug or commune.site_id} — {label}"[:150]


@transaction.atomic
def commune_roles_sync(*, site: Site) -> dict[str, Group]:
    """Creates (or completes) the commune's staff groups: one per ``Role``, recorded in
    ``CommuneRole``, with their admin access, page permissions on the commune's own tree (both
    languages), collection permissions on its own collection, site-setting permissions on its own
    site (administrator), and what features declare through ``role_permissions``. Idempotent; never
    removes a permission staff added by hand."""
    commune = CommuneSettings.for_site(site)
    home_ar = site.root_page
    homes = [home_ar, *home_ar.get_translations()]
    participate = [p for home in homes if (p := participate_page(home=home)) is not None]
    declared = declared_role_permissions()
    access_admin = _permission("wagtailadmin.access_admin")
    page_perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore",
                                                                    content_type__model="page")}
    groups: dict[str, Group] = {}
    for role in Role:
        commune_role = CommuneRole.objects.filter(site=site, role=role).select_related("group").first()
        if commune_role is None:
            group, _ = Group.objects.get_or_create(name=_group_name(commune, role))
            commune_role = CommuneRole.objects.create(site=site, role=role, group=group)
        group = commune_role.group
        groups[role.value] = group

        model_perms = [access_admin, *(_permission(p) for p in MODEL_PERMISSIONS[role])]
        model_perms += [_permission(p) for p in sorted(declared[role.value])]
        group.permissions.add(*model_perms)

        page_roots = participate if role == Role.FOCAL_POINT else homes
        for page in page_roots:
            for codename in PAGE_PERMISSIONS[role]:
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=page_perms[codename])
        if commune.collection_id:
            for dotted in COLLECTION_PERMISSIONS[role]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection_id=commune.collection_id, permission=_permission(dotted)
                )
        if role == Role.ADMINISTRATOR:
            for setting_model in settings_registry:
                if issubclass(setting_model, BaseSiteSetting):
                    opts = setting_model._meta
                    GroupSitePermission.objects.get_or_create(
                        group=group, site=site, permission=_permission(f"{opts.app_label}.change_{opts.model_name}")
                    )
    return groups
