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
from types import MethodType

from wagtail.contrib.routable_page.models import path, re_path

# Markers a decorator sets on a view that must be readable on the route itself, before the view
# is first served (``staff_view`` sets ``staff_only``; ``tests/accounts/test_staff_access.py`` reads
# it on every page route).
VIEW_MARKERS = ("staff_only",)


class _RouteView:
    """What Wagtail registers for a page route: called as a method of the page, it calls the
    view with ``(request, page, …)``; the view's markers (``VIEW_MARKERS``) are read from the view,
    imported then."""

    def __init__(self, route: PageRoute, owner: type, attribute: str) -> None:
        self._route = route
        self.page_route = route  # the route's callback leads to its view (``page_route.view_function()``)
        self.__name__ = attribute
        self.__qualname__ = f"{owner.__qualname__}.{attribute}"
        self.__module__ = owner.__module__
        self.__doc__ = f"Served by ``{route.view}``."

    def __call__(self, page, request, *args, **kwargs):
        return self._route._resolve()(request, page, *args, **kwargs)

    def __get__(self, instance, owner=None):
        return self if instance is None else MethodType(self, instance)

    def __getattr__(self, name: str):
        if name in VIEW_MARKERS:
            return getattr(self._route._resolve(), name)
        raise AttributeError(name)


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
        decorator = re_path if self.pattern.startswith("^") else path
        serve_route = _RouteView(self, owner, attribute)
        setattr(owner, attribute, decorator(self.pattern, name=self.name or attribute)(serve_route))


def page_route(pattern: str, view: str, *, name: str | None = None) -> PageRoute:
    """A sub-page of a RoutablePage served by the function ``view`` (a dotted path)."""
    return PageRoute(pattern, view, name=name)
