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
