"""Tags every template can use (registered as builtins): menus, language links, home URL."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html_join
from django.utils.translation import get_language

from site_template.pages import menus

register = template.Library()


def _page_and_site(context):
    request = context.get("request")
    return context.get("page") or context.get("self"), context.get("current_site"), request


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    _, site, _request = _page_and_site(context)
    return menus.localized_home_url(site=site, language=get_language())


@register.simple_tag(takes_context=True)
def main_menu(context):
    page, site, request = _page_and_site(context)
    return menus.main_menu(site=site, language=get_language(), current_path=getattr(request, "path", ""))


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    page, _site, request = _page_and_site(context)
    return menus.breadcrumb_trail(page=page, request=request)


@register.simple_tag(takes_context=True)
def footer_menu(context):
    _, site, _request = _page_and_site(context)
    commune = context.get("commune")
    return menus.footer_menu(site=site, commune=commune, language=get_language())


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language to this same page in that language (or its closest translated ancestor)."""
    page, site, request = _page_and_site(context)
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    links = []
    for code, name in settings.LANGUAGES:
        url = _translated_url(context, page, request, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


def _translated_url(context, page, request, code: str) -> str:
    from wagtail.models import Page

    if isinstance(page, Page):
        url = menus.translated_page_url(page=page, language=code, request=request)
        if url:
            suffix = context.get("translation_suffix", "")
            return url + suffix if suffix else url
    path = request.get_full_path() if request is not None else "/"
    return translate_url(path, code)


@register.simple_tag(takes_context=True)
def theme_include(context, name: str):
    """``{% theme_include "includes/header.html" %}``: includes the commune's theme override of
    ``name`` (``themes/<slug>/<name>``) when its theme has one, else the project's template."""
    from themes.registry import theme_template

    theme = context.get("theme")
    template_obj = theme_template(getattr(theme, "slug", None), name)
    # Render with the current context, as {% include %} does: a new RequestContext would run
    # every context processor a second time.
    with context.push():
        return template_obj.template.render(context)


@register.simple_tag(takes_context=True)
def alternate_language_links(context):
    page, site, request = _page_and_site(context)
    if request is None:
        return ""
    rows = []
    for code, _name in settings.LANGUAGES:
        rows.append((request.build_absolute_uri(_translated_url(context, page, request, code)), code))
    return format_html_join("\n", '<link rel="alternate" href="{}" hreflang="{}">', rows)
