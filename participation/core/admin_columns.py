"""Wagtail admin listing columns for text citizens wrote."""

from __future__ import annotations

from wagtail.admin.ui.tables import Column

from .safe_text import render_safe_inline


class CitizenTextColumn(Column):
    """A column whose value a citizen typed (a subject, a name): printed as ``<bdi>`` without
    bidi controls (``render_safe_inline``), so it cannot reorder the columns after it."""

    def get_value(self, instance):
        return render_safe_inline(super().get_value(instance))
