"""What happens in participation, announced once for whoever listens.

The core and the capabilities ANNOUNCE; shared services (``participation.notifications``) LISTEN.
Nobody who announces knows who listens, so the core imports no other ``participation`` app.

    from participation.core.events import ParticipationEvent, announce

    announce(ParticipationEvent.COMMENT, contribution=c, actor=user, comment=comment)

Events (``ParticipationEvent``, the ONE list of their names) and their details:

- ``contribution_created`` (the author follows it), ``comment`` and ``reply`` (also
  ``comment=``; the commenter follows it), ``official_answer``, ``status_change``: each with
  ``contribution=`` (a ``Contribution``) and ``actor=`` (who did it, or None).
- ``opened`` (a consultation, a vote, a petition opens to citizens) and ``announced`` (a new
  meeting): with ``page=`` (any copy of the page); optionally ``also_followers_of=`` (objects
  whose followers hear too, e.g. the meeting's theme) and ``sentence=`` (a msgid marked with
  ``gettext_noop``, with ``%(title)s``, to say it better than the default). Told once per page
  and event, however often it is announced.

``announce`` runs the listeners at once, inside the caller's transaction (what they write is
undone with it; they send emails only once it commits), and returns how many people they told.
Listeners connect to ``participation_event`` with ``fn(sender, event, **details) -> int``.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _


class ParticipationEvent(models.TextChoices):
    CONTRIBUTION_CREATED = "contribution_created", _("New contribution")
    OFFICIAL_ANSWER = "official_answer", _("Official answer")
    STATUS_CHANGE = "status_change", _("Status change")
    REPLY = "reply", _("Reply")
    COMMENT = "comment", _("New comment")
    UPDATE = "update", _("Progress update")
    OPENED = "opened", _("Open for participation")
    ANNOUNCED = "announced", _("Announced")


CONTRIBUTION_EVENTS = frozenset(
    {
        ParticipationEvent.CONTRIBUTION_CREATED,
        ParticipationEvent.OFFICIAL_ANSWER,
        ParticipationEvent.STATUS_CHANGE,
        ParticipationEvent.REPLY,
        ParticipationEvent.COMMENT,
        ParticipationEvent.UPDATE,
    }
)

#: Events about a page (announced with ``page=``): told once per page and event.
PAGE_EVENTS = frozenset({ParticipationEvent.OPENED, ParticipationEvent.ANNOUNCED})

#: sent with ``sender=ParticipationEvent``, ``event=`` a ``ParticipationEvent`` and the details.
participation_event = Signal()


def announce(event: str, **details: Any) -> int:
    """Tells the listeners that ``event`` happened; returns how many people they told."""
    if event not in ParticipationEvent.values:
        raise ValueError(f"Unknown participation event {event!r}")
    event = ParticipationEvent(event)
    if event in CONTRIBUTION_EVENTS and details.get("contribution") is None:
        raise ValueError(f"{event.value!r} is announced with contribution=")
    if event in PAGE_EVENTS and details.get("page") is None:
        raise ValueError(f"{event.value!r} is announced with page=")
    responses = participation_event.send(sender=ParticipationEvent, event=event, **details)
    return sum(response for _receiver, response in responses if isinstance(response, int))
