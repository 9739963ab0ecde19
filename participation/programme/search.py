"""Programme projects in the site search (hook ``search_sources``): the projects of the commune's
live, public programme pages, titled and linked in the searcher's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from participation.core.pages import in_source_language, localized_page
from site_template.search.sources import SearchItem, SearchSource

from .models import ProgrammePage, Project


def _projects(*, site, language):
    programmes = in_source_language(ProgrammePage.objects.live().public().descendant_of(site.root_page))
    return Project.objects.filter(programme__in=programmes.values("pk")).select_related("programme")


def _item(project: Project, *, language) -> SearchItem:
    page = localized_page(project.programme, language).specific
    with override(language):
        title, text = project.title, project.description
    return SearchItem(
        title=f"{project.number} — {title}", text=text,
        url=page.url + page.reverse_subpage("project_route", args=[project.number]), date=project.updated_at,
    )


def programme_sources() -> list[SearchSource]:
    return [SearchSource(kind="programme_project", label=_("Programme projects"), queryset=_projects, item=_item)]
