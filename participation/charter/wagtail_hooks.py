"""Admin and foundation hooks of the charter: staff screens, menu items, snippets, the page
buttons, the commune generator, the roles' permissions. The label's registrations are in
``label_hooks`` (imported here, since Wagtail imports only this module)."""

from __future__ import annotations

from . import label_hooks  # noqa: F401 — the label's registrations
from . import search_hooks  # noqa: F401, E402 — commitments in the site search
