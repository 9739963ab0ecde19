"""Admin and foundation hooks of the Citizen-Commune Label (imported by ``wagtail_hooks``)."""

from __future__ import annotations
