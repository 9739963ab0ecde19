from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


# Private routes: the admin, accounts (log in, profile, "my data") and the participation
# endpoints (notifications, follows, comment and support forms), in every language.
PRIVATE_PREFIXES = ("accounts/", "participation/")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: /{code}/{prefix}" for code, _name in settings.LANGUAGES for prefix in PRIVATE_PREFIXES]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    """400: a value in the address or the form cannot be read. A ``BadRequest`` raised by our own
    views carries a translated sentence saying which one; other 400s (Django's suspicious
    operations) say nothing more than the generic text."""
    reason = str(exception) if type(exception) is BadRequest and exception.args else ""
    return render(request, "400.html", {"reason": reason}, status=400)
