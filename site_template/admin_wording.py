"""Wagtail's own admin strings whose Arabic translation the project corrects.

``LOCALE_PATHS`` (the project's ``locale/``) comes before the apps' catalogues, so an entry in the
project's catalogue with the same msgid overrides Wagtail's. ``makemessages`` only keeps msgids it
finds in the project's code: they are marked here with ``gettext_noop`` so the overrides stay in
``locale/*/LC_MESSAGES/django.po``. Nothing imports this module.

* "Snippets": Wagtail's Arabic catalogue says “قصصات” (clippings); the admin menu reads
  “القوائم المرجعية” (reference lists: categories, neighbourhoods, themes, public holidays…).

The project's own strings that reuse one of Wagtail's admin msgids with another meaning carry a
``msgctxt`` instead (e.g. "Reports" in the moderation queue is ``pgettext("moderation", …)``), so
Wagtail's "Reports" menu keeps its own translation “التقارير”.
"""

from django.utils.translation import gettext_noop

WAGTAIL_OVERRIDES = (
    gettext_noop("Snippets"),
)
