"""Hooks features register (with ``wagtail.hooks``) to take part in "My data".

``user_data_export`` — ``fn(user) -> dict``: what the feature holds about ``user``, JSON-ready
(strings, numbers, booleans, lists, dicts; dates as ISO strings). The dicts of all hooks are
merged under ``"features"`` in the downloaded file, so return one top-level key named after the
feature, e.g.::

    @hooks.register("user_data_export")
    def export_suggestions(user):
        return {"suggestions": [{"title": s.title, "text": s.text, "created_at": s.created_at.isoformat()}
                                for s in Suggestion.objects.filter(author=user)]}

``user_anonymise`` — ``fn(user) -> None``: called inside the transaction that deletes an
account, BEFORE the user row is scrubbed. Contributions (suggestions, remarks, comments,
supports) stay and keep pointing at the deactivated user, whose public name becomes
“Former participant”; a feature erases here only what is personal beyond that (e.g. follows,
notification preferences, a national ID number or postal address typed in a request).

``account_links`` — ``fn(request) -> AccountLink | None``: a link in the header for a signed-in
user (beside "My account"), with an optional badge (a count, shown with its label for screen
readers).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccountLink:
    url: str
    label: str
    badge: int = 0
    badge_label: str = ""
    order: int = 100


ACCOUNT_LINKS = "account_links"
USER_DATA_EXPORT = "user_data_export"
USER_ANONYMISE = "user_anonymise"
