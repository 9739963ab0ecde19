"""Server-side SVG bar charts (no JavaScript): geometry computed here, drawn by
``consultations/includes/bar_chart.html`` with a <title>/<desc> and the numbers also in a table.
Right-to-left pages mirror the chart (bars grow from the right)."""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 70
WIDTH = 320
VALUE_ROOM = 44


@dataclass
class Bar:
    label: str
    value: int
    y: int
    bar_x: int
    bar_width: int
    label_x: int
    value_x: int
    text_y: int


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    rtl: bool
    label_anchor: str
    value_anchor: str
    value_label: str


def bar_chart(
    *, id: str, title: str, description: str, rows: list[tuple[str, int]], rtl: bool, value_label: str
) -> BarChart:
    """``rows`` are (short label, value). Bar lengths are proportional to the largest value."""
    top = max((value for _label, value in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        length = round(room * value / top)
        if rtl:
            bar_x = WIDTH - LABEL_WIDTH - length
            label_x = WIDTH - 4
            value_x = bar_x - 4
        else:
            bar_x = LABEL_WIDTH
            label_x = 4
            value_x = bar_x + length + 4
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                bar_x=bar_x,
                bar_width=length,
                label_x=label_x,
                value_x=value_x,
                text_y=y + BAR_HEIGHT - 6,
            )
        )
    return BarChart(
        id=id,
        title=title,
        description=description,
        width=WIDTH,
        height=max(len(rows) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT),
        bars=bars,
        rtl=rtl,
        label_anchor="end" if rtl else "start",
        value_anchor="end" if rtl else "start",
        value_label=value_label,
    )
