"""Reads for the home page. Each participation feature contributes a section through the
``home_sections`` hook, so the home page knows nothing about them."""

from dataclasses import dataclass
from typing import Any

from wagtail import hooks


@dataclass
class HomeSection:
    key: str
    title: str
    template: str
    items: Any
    more_url: str | None = None
    order: int = 100


def home_sections(*, home, request) -> list[HomeSection]:
    sections: list[HomeSection] = []
    for fn in hooks.get_hooks("home_sections"):
        section = fn(home=home, request=request)
        if section is not None and section.items:
            sections.append(section)
    return sorted(sections, key=lambda s: s.order)
