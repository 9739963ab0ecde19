from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy (strict on public pages, looser in the Wagtail admin)
    and a Permissions-Policy. Public pages use no inline script or style, so 'self' is enough."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(("/admin/", "/django-admin/"))
            response["Content-Security-Policy"] = (
                settings.CONTENT_SECURITY_POLICY_ADMIN if admin else settings.CONTENT_SECURITY_POLICY
            )
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=(), payment=()")
        return response


class BadInputMiddleware:
    """What a crafted address makes third-party views (Wagtail's admin, django-filter) raise is
    answered as the request error it is, not as a server error:

    - a page number that does not exist (``InvalidPage``: Wagtail's workflow pages call
      ``Paginator.page`` on ``?p=`` unchecked) is a 404, as Django's own list views answer;
    - an integer too large for the database (``OverflowError`` when SQLite binds it, e.g. Wagtail's
      ``?site=<23 digits>`` filter) cannot identify anything: a 404;
    - in the admin, a ``?p=`` page number that is not ASCII digits is dropped before the view reads
      it (Wagtail's workflow editor passes it to ``int()``);
    - a NUL byte in the path, or in the admin's query or form fields, is a 400: it is never valid,
      and PostgreSQL refuses it in any query ("text fields cannot contain NUL") wherever a view
      passes the value on unchecked.

    Our own views do not rely on this: they read ids and page numbers with ``site_template.params``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or (request.path.startswith("/admin/") and self._has_nul(request)):
            from django.core.exceptions import BadRequest
            from django.utils.translation import gettext as _

            raise BadRequest(_("The address or the form contains a character that is not allowed."))
        if request.path.startswith("/admin/") and "p" in request.GET:
            value = request.GET.get("p", "")
            if not (value.isascii() and value.isdigit()):
                query = request.GET.copy()
                del query["p"]
                request.GET = query
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        fields = [request.GET]
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            fields.append(request.POST)  # not multipart: reading it here would parse the uploads
        return any("\x00" in key or any("\x00" in value for value in values)
                   for query in fields for key, values in query.lists())

    def process_exception(self, request, exception):
        from django.core.paginator import InvalidPage
        from django.http import Http404

        if isinstance(exception, InvalidPage | OverflowError):
            raise Http404(str(exception)) from exception
        return None
