"""What the notifications app does when the core announces an event (``participation.core.events``):
authors and commenters follow what they wrote on; followers are told of comments, replies,
official answers and status changes, and of a page opening or being announced. Runs inside the announcing service's transaction."""

from __future__ import annotations

from django.utils.translation import get_language

from participation.core.events import ParticipationEvent

from .models import CONTRIBUTION_NOTIFIED_EVENTS, PAGE_NOTIFIED_EVENTS
from .services import follow_ensure, notify_followers, notify_page_followers

#: Whoever does these follows the contribution (they can unfollow).
FOLLOWING_EVENTS = frozenset({ParticipationEvent.CONTRIBUTION_CREATED, ParticipationEvent.COMMENT, ParticipationEvent.REPLY})


def on_participation_event(sender, *, event: str, contribution=None, actor=None, comment=None, **details) -> int:
    """Returns how many followers were told."""
    if event in PAGE_NOTIFIED_EVENTS:
        return len(
            notify_page_followers(
                event=event,
                page=details["page"],
                actor=actor,
                also_followers_of=details.get("also_followers_of") or (),
                sentence=details.get("sentence"),
            )
        )
    if event in FOLLOWING_EVENTS and actor is not None and getattr(actor, "pk", None):
        follow_ensure(user=actor, contribution=contribution, language=get_language())
    if event not in CONTRIBUTION_NOTIFIED_EVENTS:
        return 0
    return len(
        notify_followers(
            contribution=contribution, event=event, actor=actor, comment=comment, texts=details.get("texts")
        )
    )
