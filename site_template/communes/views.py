from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .models import CommuneSettings


@require_GET
@cache_control(max_age=31536000, public=True, immutable=True)
def commune_colours(request):
    """The commune's own primary colour as CSS tokens (public pages allow no inline style).
    The URL carries the colour, so a change busts every cache."""
    site = Site.find_for_request(request)
    colour = CommuneSettings.for_site(site).primary_colour if site else ""
    css = f":root{{--color-primary:{colour};--color-primary-strong:{colour};}}\n" if colour else ""
    return HttpResponse(css, content_type="text/css; charset=utf-8")
