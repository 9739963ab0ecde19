from wagtail.models import Site

from themes.registry import get_theme

from .models import CommuneSettings


def commune(request):
    """The commune and theme of the site serving this request, for every template."""
    site = Site.find_for_request(request)
    if site is None:
        return {"commune": None, "theme": get_theme(None), "current_site": None}
    commune_settings = CommuneSettings.for_request(request)  # cached on the request
    return {"commune": commune_settings, "theme": get_theme(commune_settings.theme), "current_site": site}
