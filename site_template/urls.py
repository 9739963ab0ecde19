from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from site_template import views
from site_template.communes.admin_scoping import communes_only
from site_template.communes.views import commune_colours
from site_template.pages import routing, sitemaps
from site_template.search import views as search_views

# Every admin view addressed by a page id answers 404 for another commune's page.
urlpatterns = [
    path("admin/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, communes_only))),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("commune-colours.css", commune_colours, name="commune_colours"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Wagtail's URLs, its page view replaced by one that takes the route from the cache (same name).
wagtail_patterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", "") != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("site_template.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("search/", search_views.search, name="search"),
    path("participation/notifications/", include("participation.notifications.urls")),  # follows, notifications
    path("participation/", include("participation.core.urls")),  # comments, supports, reports
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),  # this language's pages of the commune
    # Wagtail's page serving stays last: it catches every remaining path.
    path("", include(wagtail_patterns)),
    prefix_default_language=True,
)

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.views.static import serve

    # Uploaded files: a front web server should serve MEDIA_ROOT in production; SERVE_MEDIA=true
    # lets a single-server commune (gunicorn only) serve them from Django.
    urlpatterns = [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]

handler400 = "site_template.views.bad_request"
handler404 = "site_template.views.page_not_found"
handler500 = "site_template.views.server_error"
