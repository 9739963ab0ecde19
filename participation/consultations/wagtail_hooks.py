"""Admin and foundation hooks for consultations: the open-projects snippet, per-consultation staff
views (overview, import, paper remarks, synthesis), page buttons, the home-page section, the commune
generator and role permissions."""

from __future__ import annotations

from functools import partial

from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from participation.core.admin_buttons import register_page_tools_button
from participation.core.conversion import (
    ADOPTABLE_ITEMS_HOOK,
    CONVERSION_TARGETS_HOOK,
    AdoptableItem,
    ConversionTarget,
)
from participation.core.indicators import INDICATOR_SOURCES_HOOK
from participation.core.pages import current_language, is_source
from site_template.communes.admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
)
from site_template.communes.roles import Role
from site_template.communes.selectors import pages_of_sites_q, site_ids_served_by
from site_template.pages.selectors import HomeSection
from site_template.params import parse_id

from . import admin_views, rules, selectors, services
from .models import ConsultationPage, Decision, OpenProject


def _managed_consultation_ids(user) -> list[int]:
    """The consultations of the communes where the user is focal point (or administrator)."""
    return list(
        ConsultationPage.objects.filter(pages_of_sites_q(site_ids_served_by(user=user, roles=[Role.FOCAL_POINT])))
        .values_list("pk", flat=True)
    )


OPEN_PROJECT_SCOPE = CommuneScope(site_lookup=None, page_lookup="consultation", roles=(Role.FOCAL_POINT,))


class OpenProjectCreateView(CreateView):
    """"Add a project" from a consultation's overview comes with ``?consultation=<id>``."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or OpenProject()
        consultation_id = parse_id(self.request.GET.get("consultation"))
        if consultation_id is not None and ConsultationPage.objects.filter(pk=consultation_id).exists():
            instance.consultation_id = consultation_id
        return instance


class OpenProjectViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    commune_scope = OPEN_PROJECT_SCOPE
    model = OpenProject
    add_view_class = OpenProjectCreateView
    icon = "list-ol"
    menu_label = _("Open projects")
    add_to_admin_menu = False
    list_display = ["number", "title_ar", "title_fr", "consultation", "axis", "decision"]
    list_filter = ["consultation", "axis", "decision"]
    search_fields = ["title_ar", "title_fr"]
    ordering = ["consultation", "number"]
    panels = [
        FieldPanel("consultation"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("axis")]),
        FieldPanel("title_ar"),
        FieldPanel("title_fr"),
        FieldPanel("description_ar"),
        FieldPanel("description_fr"),
        FieldPanel("estimated_cost"),
        FieldRowPanel([FieldPanel("funding_ar"), FieldPanel("funding_fr")]),
        FieldRowPanel([FieldPanel("responsible_service_ar"), FieldPanel("responsible_service_fr")]),
        MultiFieldPanel(
            [
                FieldPanel("decision"),
                FieldPanel("decision_reason_ar"),
                FieldPanel("decision_reason_fr"),
                FieldPanel("revised_text_ar"),
                FieldPanel("revised_text_fr"),
            ],
            heading=_("Synthesis (after closing)"),
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("consultation")


register_permission_policy(OpenProject, CommuneScopedPermissionPolicy(OpenProject, scope=OPEN_PROJECT_SCOPE))
register_snippet(OpenProjectViewSet)


@hooks.register("after_create_snippet")
def create_project_thread(request, instance):
    if isinstance(instance, OpenProject):
        services.project_thread(project=instance)
        services._public_pages_changed()


@hooks.register("after_edit_snippet")
def project_edited(request, instance):
    if isinstance(instance, OpenProject):
        services._public_pages_changed()


admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<id:page_id>/", admin_views.overview, name="overview"),
    path("<id:page_id>/import/", admin_views.import_projects, name="import"),
    path("<id:page_id>/paper/", admin_views.paper_remark, name="paper"),
    path("<id:page_id>/synthesis/", admin_views.synthesis, name="synthesis"),
    path("<id:page_id>/synthesis/<id:project_id>/", admin_views.synthesis, name="project_synthesis"),
]


@hooks.register("register_admin_urls")
def register_consultations_admin_urls():
    return [
        path("consultations/", include((admin_urlpatterns, "consultations_admin"), namespace="consultations_admin"))
    ]


class ConsultationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("consultations.change_openproject")


@hooks.register("register_admin_menu_item")
def consultations_menu_item():
    return ConsultationsMenuItem(
        _("Digital consultations"), reverse("consultations_admin:index"), icon_name="list-ol", order=260
    )


register_page_tools_button(
    page_class=ConsultationPage, label=_("Projects, remarks and synthesis"), url_name="consultations_admin:overview",
    icon_name="list-ol", rule=rules.can_manage, priority=66,
)


@hooks.register("after_publish_page")
def sync_window_to_translations(request, page):
    """A published Arabic consultation gets its French copy at once, and its window is copied to the
    translations so every copy agrees (the Arabic page's window is the one that counts)."""
    specific = page.specific_deferred
    if isinstance(specific, ConsultationPage) and is_source(specific):
        services.consultation_translations_ensure(consultation=specific)
        services.consultation_sync_translations(consultation=specific)
        if specific.synthesis_published:
            from django.db import transaction

            from .tasks import publish_synthesis

            user_id = getattr(getattr(request, "user", None), "pk", None)
            transaction.on_commit(
                lambda: publish_synthesis.enqueue(consultation_id=specific.pk, user_id=user_id)
            )


@hooks.register("home_sections")
def open_consultations_section(*, home, request):
    from . import clock

    items = list(selectors.open_consultations(site_root=home, language=current_language())[:3])
    if not items:
        return None
    now = clock.now()
    # An announced consultation opens, an open one closes (and leaves the section).
    boundaries = [b for item in items for b in (item.opens_at, item.closes_at) if b > now]
    return HomeSection(
        key="consultations",
        title=str(_("Digital consultations")),
        template="consultations/includes/home_section.html",
        items=items,
        order=20,
        expires_at=min(boundaries, default=None),
    )


@hooks.register("commune_setup")
def setup_consultations(*, site, home_ar, home_fr, demo: bool, demo_users: dict) -> None:
    from .provisioning import consultations_setup

    consultations_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)


setup_consultations.order = 160


@hooks.register("role_permissions")
def consultations_permissions():
    from .provisioning import role_permissions

    return role_permissions()


@hooks.register("user_data_export")
def export_consultation_data(user):
    """"My data": the user's remarks cards and proposals ("notify me" requests are follows, in
    the notifications' part)."""
    from .models import CARD_FIELDS, Remark

    remarks = Remark.objects.filter(author=user).select_related("consultation", "project").order_by("created_at")
    return {
        "consultations": {
            "remarks": [
                {
                    "consultation": remark.consultation.title,
                    "project": remark.project.number if remark.project_id else None,
                    "kind": remark.kind,
                    "proposal_title": remark.proposal_title,
                    **{name: getattr(remark, name) for name in CARD_FIELDS},
                    "association": remark.association_name,
                    "status": remark.status,
                    "decision": remark.decision,
                    "created_at": remark.created_at.isoformat(),
                }
                for remark in remarks
            ],
        }
    }


def _proposal_from_elsewhere(*, consultation: ConsultationPage, title: str, text: str, on_behalf_of_name: str,
                             origin: dict, by):
    """A new-project proposal typed in by staff (``by``) from what people said elsewhere (e.g. an
    idea from a meeting), like a paper card; ``origin`` is kept in its thread's data."""
    from participation.core.pages import source_language

    remark = services.paper_remark_create(
        consultation=consultation, entered_by=by, on_behalf_of_name=on_behalf_of_name,
        card=services.Card(free_remark=text), proposal_title=title, language=source_language(),
    )
    contribution = remark.contribution
    if contribution is not None:
        contribution.data = {**(contribution.data or {}), **origin}
        contribution.save(update_fields=["data"])
    return contribution


@hooks.register(CONVERSION_TARGETS_HOOK, order=20)
def consultation_conversion_targets(site) -> list[ConversionTarget]:
    """Each live consultation of the commune (source-language copy), newest first."""
    from participation.core.pages import in_source_language

    consultations = in_source_language(ConsultationPage.objects.live().descendant_of(site.root_page))
    return [
        ConversionTarget(
            key=f"remark:{page.pk}", kind="remark",
            label=gettext("Proposal in the consultation “%(page)s”") % {"page": page.title}, page=page,
            create=partial(_proposal_from_elsewhere, consultation=page),
        )
        for page in consultations.order_by("-first_published_at")
    ]


def _adoptable_texts(project: OpenProject) -> tuple[str, str]:
    """The project as the committee left it: its revised text when it wrote one, else the
    description (the Arabic and French texts)."""
    if project.revised_text_ar.strip() or project.revised_text_fr.strip():
        return project.revised_text_ar or project.description_ar, project.revised_text_fr
    return project.description_ar, project.description_fr


@hooks.register(ADOPTABLE_ITEMS_HOOK)
def consultation_adoptable_items(site) -> list[AdoptableItem]:
    """The open projects of the commune's live consultations that the committee did not turn
    down, which the council may adopt into its programme (``participation.core.conversion``)."""
    from participation.core.pages import in_source_language

    consultations = in_source_language(ConsultationPage.objects.live().descendant_of(site.root_page))
    projects = (
        OpenProject.objects.filter(consultation__in=consultations)
        .exclude(decision=Decision.NOT_RETAINED)
        .select_related("consultation", "contribution")
        .order_by("-consultation__first_published_at", "consultation_id", "number")
    )
    items = []
    for project in projects:
        description_ar, description_fr = _adoptable_texts(project)
        items.append(
            AdoptableItem(
                key=f"open_project:{project.pk}",
                contribution=services.project_thread(project=project),
                label=gettext("Project %(number)s of the consultation “%(page)s”")
                % {"number": project.number, "page": project.consultation.title},
                number=project.number,
                title_ar=project.title_ar,
                title_fr=project.title_fr,
                description_ar=description_ar,
                description_fr=description_fr,
                amount=project.estimated_cost,
                responsible_service_ar=project.responsible_service_ar,
                responsible_service_fr=project.responsible_service_fr,
            )
        )
    return items


@hooks.register("periodic_jobs")
def consultations_jobs():
    from datetime import timedelta

    from participation.core.scheduling import PeriodicJob

    return [PeriodicJob("consultations.openings", services.opening_notices_send, every=timedelta(minutes=5),
                        description="Tells followers that a consultation has opened.")]


@hooks.register(INDICATOR_SOURCES_HOOK)
def consultations_indicators():
    """What the participation charter can compute from the consultations (``indicators``)."""
    from .indicators import sources

    return sources()
