"""Commune scoping for the Wagtail admin, in one place.

Several communes may share one deployment; the staff of one never read nor change another's
objects. The rule is ``selectors.site_ids_served_by`` (the communes a user serves); this module
applies it to the admin:

* ``CommuneScope`` — how a model reaches its commune: a foreign key to the Site (``site``), or to
  a page of the commune's tree (``page_lookup="consultation"``), and the roles whose staff work
  with it. ``scope.filter(queryset, user)`` keeps the objects of the user's communes.
* ``CommuneScopedPermissionPolicy`` — the model permissions, and on an object only if it is in
  scope (register it with ``wagtail.permissions.register_permission_policy``).
* ``CommuneScopedViewSetMixin`` — for a ``SnippetViewSet`` or ``ModelViewSet`` (and their
  chooser): every view it builds lists, filters, searches and offers only objects in scope,
  answers 404 for an object out of scope (edit, inspect, delete, history, usage, copy,
  revisions, chooser "chosen"…), and offers only the user's communes in "site" form fields and
  filters.
* ``scope_site_choices`` — the same for the "site" fields of any form or filter set.

Superusers see everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property
from wagtail.models import Page, Site
from wagtail.permission_policies import ModelPermissionPolicy

from .roles import Role
from .selectors import pages_of_sites_q, serves_site, site_ids_served_by, sites_served_by


class OutsideCommunes(Exception):  # noqa: N818 — a refusal, not an error
    """An admin view was asked for an object of a commune the user does not serve. Not a
    ``PermissionDenied``, which Wagtail's admin turns into a redirect to the dashboard:
    ``communes_only`` (around every admin view) answers 403."""


def refuse_outside(user, *, site_id: int | None) -> None:
    """For an object the user may not handle: 403 if it belongs to a commune the user does not
    serve (``OutsideCommunes``), else Wagtail's usual "permission denied" (missing role)."""
    from django.core.exceptions import PermissionDenied

    if not serves_site(user=user, site_id=site_id):
        raise OutsideCommunes
    raise PermissionDenied


@dataclass(frozen=True)
class CommuneScope:
    """How objects of one model belong to a commune. ``site_lookup``: the path to the Site
    (e.g. "site", "contribution__site"); or ``page_lookup``: the path to a page of the commune's
    tree. ``roles``: the roles that work with these objects (None: any role; the administrator
    always)."""

    site_lookup: str | None = "site"
    page_lookup: str | None = None
    roles: tuple[Role, ...] | None = None

    def site_ids(self, user) -> frozenset[int]:
        return site_ids_served_by(user=user, roles=self.roles)

    def filter(self, queryset: QuerySet, user) -> QuerySet:
        if getattr(user, "is_superuser", False) and user.is_active:
            return queryset
        site_ids = self.site_ids(user)
        if self.page_lookup:
            return queryset.filter(pages_of_sites_q(site_ids, prefix=f"{self.page_lookup}__"))
        return queryset.filter(**{f"{self.site_lookup}__in": site_ids})

    def contains(self, obj: Model, user) -> bool:
        if getattr(user, "is_superuser", False) and user.is_active:
            return True
        return self.filter(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


#: The scope of every model with a ``CommuneScopedPermissionPolicy`` (bulk actions use it).
SCOPES: dict[type, CommuneScope] = {}


def _site_field(model) -> str | None:
    """The name of ``model``'s foreign key to ``Site`` (a neighbourhood's ``site``), if any."""
    for field in model._meta.get_fields():
        if getattr(field, "many_to_one", False) and getattr(field, "related_model", None) is Site:
            return field.name
    return None


def scope_site_choices(fields: Iterable, user, *, roles: Iterable[Role] | None = None) -> None:
    """Narrows every model-choice form field or filter in ``fields`` to what belongs to the
    communes ``user`` serves (superusers keep all): over ``Site``, the sites; over a page type,
    the pages of those sites; over a commune-scoped model (``SCOPES``, e.g. a programme's axes),
    its scope; over a model with a foreign key to ``Site`` (neighbourhoods), those sites' rows."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return
    for field in fields:
        queryset = getattr(field, "queryset", None)
        if not isinstance(queryset, QuerySet):
            continue
        model = queryset.model
        if model is Site:
            field.queryset = sites_served_by(user=user, roles=roles)
        elif issubclass(model, Page):
            field.queryset = queryset.filter(pages_of_sites_q(site_ids_served_by(user=user, roles=roles)))
        elif model in SCOPES:
            field.queryset = SCOPES[model].filter(queryset, user)
        elif (site_field := _site_field(model)) is not None:
            field.queryset = queryset.filter(**{f"{site_field}__in": site_ids_served_by(user=user, roles=roles)})


class CommuneScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and on an object only when it belongs to a commune the user serves."""

    def __init__(self, model, *, scope: CommuneScope | None = None, auth_model=None):
        super().__init__(model, auth_model=auth_model)
        self.scope = scope or CommuneScope()
        SCOPES[model] = self.scope

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.scope.contains(instance, user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.scope.contains(instance, user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope.filter(self.model._default_manager.all(), user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class _CommuneScopedView:
    """Mixed into every view of a scoped viewset (``commune_scope`` is set by the viewset)."""

    commune_scope: CommuneScope

    def _in_scope(self, obj):
        if isinstance(obj, Model) and isinstance(obj, self.commune_scope_model):
            if not self.commune_scope.contains(obj, self.request.user):
                raise OutsideCommunes
        return obj

    def setup(self, request, *args, **kwargs):
        # Before the view's own checks (some run in ``setup``), which answer Wagtail's
        # "permission denied" redirect.
        pk = kwargs.get(getattr(self, "pk_url_kwarg", None) or "pk", kwargs.get("pk"))
        if pk is not None:
            from django.contrib.admin.utils import unquote

            try:
                obj = self.commune_scope_model._default_manager.filter(pk=unquote(str(pk))).first()
            except (ValueError, ValidationError):
                obj = None  # not an id: the view answers 404
            if obj is not None and not self.commune_scope.contains(obj, request.user):
                raise OutsideCommunes
        super().setup(request, *args, **kwargs)

    def get_object(self, *args, **kwargs):
        return self._in_scope(super().get_object(*args, **kwargs))

    def _scope(self, queryset):
        """Listings of the scoped model (not, e.g., the history view's log entries)."""
        if isinstance(queryset, QuerySet) and issubclass(queryset.model, self.commune_scope_model):
            return self.commune_scope.filter(queryset, self.request.user)
        return queryset

    def get_objects(self, *args, **kwargs):  # chooser: several chosen at once
        return self._scope(super().get_objects(*args, **kwargs))

    def get_object_list(self, *args, **kwargs):  # chooser listings
        return self._scope(super().get_object_list(*args, **kwargs))

    def get_base_queryset(self, *args, **kwargs):  # index listings
        return self._scope(super().get_base_queryset(*args, **kwargs))

    @cached_property
    def filters(self):
        filterset_class = getattr(self, "filterset_class", None)
        if not filterset_class:
            return None
        filterset = filterset_class(**self.get_filterset_kwargs())
        scope_site_choices(filterset.filters.values(), self.request.user, roles=self.commune_scope.roles)
        return filterset if filterset.form.fields else None

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        scope_site_choices(form.fields.values(), self.request.user, roles=self.commune_scope.roles)
        return form


def _scoped(view_class, scope: CommuneScope, model):
    return type(view_class.__name__, (_CommuneScopedView, view_class),
                {"commune_scope": scope, "commune_scope_model": model})


class CommuneScopedViewSetMixin:
    """Put before ``SnippetViewSet`` / ``ModelViewSet``; set ``commune_scope``."""

    commune_scope: CommuneScope = CommuneScope()

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_scoped(view_class, self.commune_scope, self.model), **kwargs)

    def get_queryset(self, request):
        parent = getattr(super(), "get_queryset", None)
        queryset = parent(request) if parent else None
        if queryset is None:
            queryset = self.model._default_manager.all()
        return self.commune_scope.filter(queryset, request.user)

    @cached_property
    def chooser_viewset_class(self):
        """The snippet chooser (``/admin/snippets/choose/…``) with the same scope."""
        base = super().chooser_viewset_class
        scope, model = self.commune_scope, self.model

        def construct_view(viewset, view_class, **kwargs):
            return super(scoped, viewset).construct_view(_scoped(view_class, scope, model), **kwargs)

        scoped = type(f"CommuneScoped{base.__name__}", (base,), {"construct_view": construct_view})
        return scoped


# --- Pages, media and the admin API ------------------------------------------------------------
#
# Each commune's home page and its translation are siblings under the tree root, so Wagtail's
# "explorable root" of a commune's staff is the tree root itself: its own views would show
# another commune's page (title, breadcrumbs, tree) to anyone who asks for it by id, and the page
# chooser browses the whole tree. The pieces below close that.


def page_in_scope(user, page: Page) -> bool:
    """The tree root and the pages of the communes the user serves (any page for a superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    if page.depth == 1:
        return True
    return Page.objects.filter(pk=page.pk).filter(pages_of_sites_q(site_ids_served_by(user=user))).exists()


def _media_in_scope(user, model, pk) -> bool:
    from wagtail.permissions import policy_registry

    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return True  # Wagtail answers 404
    policy = policy_registry.get_by_type(model)
    return policy.user_has_any_permission_for_instance(user, ["choose", "change", "delete"], obj)


def _page_kwarg_in_scope(user, pk) -> bool:
    page = Page.objects.filter(pk=pk).first()
    return page is None or page_in_scope(user, page)


def _image_kwarg_in_scope(user, pk) -> bool:
    from wagtail.images import get_image_model

    return _media_in_scope(user, get_image_model(), pk)


def _document_kwarg_in_scope(user, pk) -> bool:
    from wagtail.documents import get_document_model

    return _media_in_scope(user, get_document_model(), pk)


#: The URL arguments of Wagtail's admin views that name a page, an image or a document.
OBJECT_KWARGS = {
    "page_id": _page_kwarg_in_scope,
    "parent_page_id": _page_kwarg_in_scope,
    "page_to_move_id": _page_kwarg_in_scope,
    "destination_id": _page_kwarg_in_scope,
    "page_pk": _page_kwarg_in_scope,
    "image_id": _image_kwarg_in_scope,
    "document_id": _document_kwarg_in_scope,
    "doc_id": _document_kwarg_in_scope,
}


def _site_setting_in_scope(user, match) -> bool:
    """Site settings (``/admin/settings/<app>/<model>/<site id>/``): the user's communes only."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseSiteSetting

    if match.namespace != "wagtailsettings" or "pk" not in match.kwargs:
        return True
    try:
        model = apps.get_model(match.kwargs["app_name"], match.kwargs["model_name"])
    except (LookupError, KeyError):
        return True
    return not issubclass(model, BaseSiteSetting) or serves_site(user=user, site_id=match.kwargs["pk"])


def _bulk_action_in_scope(request, match) -> bool:
    """Bulk actions (``/admin/bulk/<app>/<model>/<action>/?id=…``) list the items they are given,
    even those the user may not touch: every id must be in scope. "Select all" (``id=all``) is
    narrowed to the user's communes."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    if match.url_name != "wagtail_bulk_action":
        return True
    try:
        model = apps.get_model(match.kwargs["app_label"], match.kwargs["model_name"])
    except (LookupError, KeyError):
        return True
    ids = request.GET.getlist("id")
    user = request.user
    if issubclass(model, Page):
        if "all" in ids:
            child_of = request.GET.get("childOf", "")
            return child_of.isdigit() and _page_kwarg_in_scope(user, child_of)
        return all(_page_kwarg_in_scope(user, pk) for pk in ids if str(pk).isdigit())
    if model in (get_image_model(), get_document_model()):
        from wagtail.permissions import policy_registry

        in_scope = policy_registry.get_by_type(model).instances_user_has_any_permission_for(
            user, ["choose", "change", "delete"]
        )
    elif model in SCOPES:
        in_scope = SCOPES[model].filter(model._default_manager.all(), user)
    else:
        return True
    if "all" in ids:
        query = request.GET.copy()
        query.setlist("id", [str(pk) for pk in in_scope.values_list("pk", flat=True)] or ["0"])
        request.GET = query
        return True
    numeric = [pk for pk in ids if str(pk).isdigit()]
    return in_scope.filter(pk__in=numeric).count() == len(set(numeric))


def _request_in_scope(request, match, kwargs) -> bool:
    user = request.user
    if not all(check(user, kwargs[name]) for name, check in OBJECT_KWARGS.items() if kwargs.get(name) is not None):
        return False
    return match is None or (_site_setting_in_scope(user, match) and _bulk_action_in_scope(request, match))


#: Wagtail reports about the whole deployment, kept for superusers.
SUPERUSER_ONLY_VIEWS = frozenset({"wagtailadmin_reports:page_types_usage", "wagtailadmin_reports:page_types_usage_results"})


def communes_only(view):
    """Decorates every admin view (``site_template.urls``): a view addressed by the id of a page,
    an image or a document of a commune the user does not serve, or one that raises
    ``OutsideCommunes``, answers 403 before Wagtail shows anything of it."""
    from django.views.defaults import permission_denied

    def wrapped(request, *args, **kwargs):
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and not user.is_superuser:
            match = getattr(request, "resolver_match", None)
            if match is not None and match.view_name in SUPERUSER_ONLY_VIEWS:
                return permission_denied(request, OutsideCommunes())
            if not _request_in_scope(request, match, kwargs):
                return permission_denied(request, OutsideCommunes())
        try:
            return view(request, *args, **kwargs)
        except OutsideCommunes as refusal:
            return permission_denied(request, refusal)

    return wrapped


def scope_page_queryset(pages: QuerySet, user) -> QuerySet:
    """Pages of the user's communes only (the page chooser's listings and searches)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return pages
    return pages.filter(pages_of_sites_q(site_ids_served_by(user=user)))


def _page_owners(request):
    from django.contrib.auth import get_user_model

    pages = scope_page_queryset(Page.objects.all(), request.user)
    return get_user_model().objects.filter(pk__in=pages.order_by().values("owner_id"))


def _page_editors(request):
    from django.contrib.auth import get_user_model
    from wagtail.models import PageLogEntry

    pages = scope_page_queryset(Page.objects.all(), request.user)
    editors = PageLogEntry.objects.filter(action="wagtail.edit", page__in=pages.values("pk"))
    return get_user_model().objects.filter(pk__in=editors.order_by().values("user_id"))


def scope_page_filters() -> None:
    """Wagtail's page listings (explorer, search, forms, council sessions…) filter by site, owner
    and editor with choices taken from the whole deployment: narrow them to the user's communes.
    The filters are shared by every subclass of ``PageFilterSet``; django-filter calls a callable
    ``queryset`` with the request. Called once from ``CommunesConfig.ready``."""
    from wagtail.admin.views.pages.listing import PageFilterSet

    filters = PageFilterSet.declared_filters
    filters["site"].queryset = lambda request: sites_served_by(user=request.user)
    filters["owner"].queryset = _page_owners
    filters["edited_by"].queryset = _page_editors


class _ScopedMediaAPI:
    """The admin API's images and documents (``/admin/api/main/images/``…): only those of the
    collections the user works in, as Wagtail's own listings and choosers."""

    def get_queryset(self):
        from wagtail.permissions import policy_registry

        queryset = super().get_queryset()
        policy = policy_registry.get_by_type(queryset.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, ["choose", "change", "delete"])
        return queryset.filter(pk__in=allowed.values("pk"))


def scoped_media_api_endpoints() -> dict:
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    return {
        "images": type("CommuneImagesAdminAPIViewSet", (_ScopedMediaAPI, ImagesAdminAPIViewSet), {}),
        "documents": type("CommuneDocumentsAdminAPIViewSet", (_ScopedMediaAPI, DocumentsAdminAPIViewSet), {}),
    }


def _scoped_pks(user, model) -> QuerySet | None:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    if model in (get_image_model(), get_document_model()):
        return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
            user, ["choose", "change", "delete"]
        ).values_list("pk", flat=True)
    if model in SCOPES:
        return SCOPES[model].filter(model._default_manager.all(), user).values_list("pk", flat=True)
    return None


def scope_model_log_entries() -> None:
    """Wagtail shows the log entries of a model (site history report, its user and type filters,
    an object's history) to whoever has a permission on the model: keep, for the scoped models,
    images and documents, only the entries about objects of the user's communes. Called once from
    ``CommunesConfig.ready``."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models.audit_log import ModelLogEntryManager

    original = ModelLogEntryManager.viewable_by_user

    def viewable_by_user(manager, user):
        queryset = original(manager, user)
        if user.is_superuser:
            return queryset
        for model in (*SCOPES, get_image_model(), get_document_model()):
            pks = _scoped_pks(user, model)
            if pks is None:
                continue
            content_types = ContentType.objects.get_for_models(model, for_concrete_models=False).values()
            outside = Q(content_type__in=list(content_types)) & ~Q(object_id__in=[str(pk) for pk in pks])
            queryset = queryset.exclude(outside)
        return queryset

    ModelLogEntryManager.viewable_by_user = viewable_by_user
