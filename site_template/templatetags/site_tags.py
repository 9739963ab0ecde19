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


# Query parameter of a language-switch link that lands on the section because the page has no
# translation yet: the landing page says so (``includes/messages.html``).
UNTRANSLATED_PARAM = "untranslated"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language to this same page in that language; when the page has no
    translation yet, to its closest translated ancestor, with a notice there."""
    page, site, request = _page_and_site(context)
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    links = []
    for code, name in settings.LANGUAGES:
        url, exact = _translated_url(context, page, request, code)
        if not exact:
            url = f"{url}?{UNTRANSLATED_PARAM}=1"
        links.append({"code": code, "name": name, "url": url, "current": code == current, "exact": exact})
    return links


@register.simple_tag(takes_context=True)
def untranslated_notice(context) -> bool:
    """True on a page reached through the language switch from a page not translated yet."""
    request = context.get("request")
    return request is not None and request.GET.get(UNTRANSLATED_PARAM) == "1"


def _translated_url(context, page, request, code: str) -> tuple[str, bool]:
    """``(url, exact)``: this page in language ``code``, exact false when it is the section."""
    from wagtail.models import Page

    if isinstance(page, Page):
        target = menus.translated_page_target(page=page, language=code, request=request)
        if target:
            url, exact = target
            suffix = context.get("translation_suffix", "")
            return (url + suffix if suffix and exact else url), exact
    path = request.get_full_path() if request is not None else "/"
    return translate_url(path, code), True


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
        url, exact = _translated_url(context, page, request, code)
        if exact:  # a section is no alternate version of the page
            rows.append((request.build_absolute_uri(url), code))
    return format_html_join("\n", '<link rel="alternate" href="{}" hreflang="{}">', rows)
