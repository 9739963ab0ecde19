"""A bare Django view behind the site's own settings and middleware, for the benchmark's baseline.

    gunicorn benchmarks.bare_wsgi:application   (same options as the site)

Same settings module (production in the benchmark), same middleware stack, same server; only the
URL configuration differs: one view returning a tiny ``HttpResponse``.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_template.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.conf import settings  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bare/", bare)]
settings.ROOT_URLCONF = __name__  # before the first request builds the URL resolver
