"""Routes of a participation page: one style for every capability.

A capability's page model (a Wagtail ``RoutablePageMixin`` page) declares its sub-pages as one
line each; the view lives in the capability's ``views.py`` as a plain function
``view(request, page, **kwargs)`` (``page`` is the page in the visitor's language), imported when
the route is first served (the views import the models, so the models cannot import the views)::

    class MeetingPage(RoutablePageMixin, Page):
        register_route = page_route("register/", "participation.meetings.views.register")
        calendar_route = page_route("calendar.ics", "participation.meetings.views.calendar",
                                    name="calendar")
        attachment_route = page_route(r"^files/(?P<pk>[0-9]{1,18})/$",
                                      "participation.meetings.views.attachment")

The route's name (for ``reverse_subpage`` and ``{% routablepageurl %}``) is ``name`` or else the
attribute name Python gives it. A pattern that starts with ``^`` is a regular expression; any
other is a Django ``path`` pattern (with the project's ``<id:…>`` converter). Decorators such as
``@staff_view`` or ``@anonymous_page_cache`` go on the view function, not on the route.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from wagtail.contrib.routable_page.models import path, re_path


class PageRoute:
    """A descriptor that becomes a RoutablePage route named after its attribute."""

    def __init__(self, pattern: str, view: str, *, name: str | None = None) -> None:
        self.pattern = pattern
        self.view = view
        self.name = name
        self._function: Callable | None = None

    def view_function(self) -> Callable:
        """The view function itself (imported on first use), e.g. to read its decorators'
        markers such as ``staff_only``."""
        return self._resolve()

    def _resolve(self) -> Callable:
        if self._function is None:
            module_name, _dot, function_name = self.view.rpartition(".")
            self._function = getattr(import_module(module_name), function_name)
        return self._function

    def __set_name__(self, owner, attribute: str) -> None:
        route_name = self.name or attribute
        page_route_of = self

        def serve_route(page, request, *args, **kwargs):
            return page_route_of._resolve()(request, page, *args, **kwargs)

        serve_route.__name__ = attribute
        serve_route.__qualname__ = f"{owner.__qualname__}.{attribute}"
        serve_route.__doc__ = f"Served by ``{self.view}``."
        serve_route.page_route = self  # the route's callback leads to its view (tests read it)
        decorator = re_path if self.pattern.startswith("^") else path
        setattr(owner, attribute, decorator(self.pattern, name=route_name)(serve_route))


def page_route(pattern: str, view: str, *, name: str | None = None) -> PageRoute:
    """A sub-page of a RoutablePage served by the function ``view`` (a dotted path)."""
    return PageRoute(pattern, view, name=name)
