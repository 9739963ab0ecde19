"""Server-side SVG charts (no JavaScript): the geometry is computed here, the drawing is an include
under ``participation_core/includes/`` with ``role="img"``, a <title> and a <desc>, and every
chart carries the same numbers as a table (``chart.table``, drawn by ``chart_table.html``).

Right-to-left pages mirror the geometry (bars grow from the right, time runs right to left); the
SVG itself is always laid out left to right (``direction="ltr"``), so the coordinates computed
here are absolute and the text anchors are physical.

- ``bar_chart``: one value per row (``bar_chart.html``);
- ``grouped_bar_chart``: several series per row, e.g. planned / committed / spent; each series
  has its own fill pattern and its name in the legend, so colour is never the only cue
  (``grouped_bar_chart.html``);
- ``percent_bars``: a share out of 100 per row, on a full-length track (``percent_bars.html``);
- ``gantt``: dated rows with their progress, year and month ticks, a "today" line and late rows
  hatched and labelled (``gantt.html``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 70
WIDTH = 320
VALUE_ROOM = 44
VALUE_CHAR_WIDTH = 7.4  # an average character of a 13px value label, in user units (Latin and Arabic)

Number = int | float | Decimal


def _plain(value) -> str:
    return "—" if value is None else str(value)


def _clip(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Bidi:
    """Every text of a chart reads in the page's direction, between two marks of that direction
    (U+200F RIGHT-TO-LEFT MARK, or U+200E LEFT-TO-RIGHT MARK): the SVG is laid out left to right,
    yet “1. النشاط 1” or “12,3 مليون درهم” must read right to left. Marks, not isolates: the pages
    carry no explicit bidi control (``tests/hostile_text.py``), and a mark on each side makes the
    text's neutrals and numbers take the page's direction just as well."""

    rtl: bool

    @property
    def bidi_open(self) -> str:
        return "\u200f" if self.rtl else "\u200e"

    @property
    def bidi_close(self) -> str:
        return self.bidi_open


@dataclass
class TableRow:
    label: str
    cells: list[str]
    flagged: bool = False  # e.g. a late activity: the include marks the row


@dataclass
class ChartTable:
    """The chart's numbers as a table (``participation_core/includes/chart_table.html``)."""

    caption: str
    label_heading: str
    headings: list[str]
    rows: list[TableRow]


# -- one value per row -------------------------------------------------------------------------


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
    value_text: str = ""


@dataclass
class BarChart(_Bidi):
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
    table: ChartTable | None = None


def bar_chart(
    *,
    id: str,  # noqa: A002 — the element id
    title: str,
    description: str,
    rows: Sequence[tuple[str, Number]],
    rtl: bool,
    value_label: str,
    value_format: Callable[[Number], str] = str,
    label_heading: str = "",
    width: int = WIDTH,
    label_width: int = LABEL_WIDTH,
) -> BarChart:
    """``rows`` are (short label, value). Bar lengths are proportional to the largest value.
    ``width`` and ``label_width`` (user units, drawn as CSS pixels) make room for longer labels."""
    top = max((value for _label, value in rows), default=0) or 1
    room = width - label_width - VALUE_ROOM
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        length = round(room * float(value) / float(top))
        if rtl:
            bar_x = width - label_width - length
            label_x = width - 4
            value_x = bar_x - 4
        else:
            bar_x = label_width
            label_x = 4
            value_x = bar_x + length + 4
        bars.append(
            Bar(label=label, value=value, y=y, bar_x=bar_x, bar_width=length, label_x=label_x, value_x=value_x,
                text_y=y + BAR_HEIGHT - 6, value_text=value_format(value))
        )
    return BarChart(
        id=id,
        title=title,
        description=description,
        width=width,
        height=max(len(rows) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT),
        bars=bars,
        rtl=rtl,
        label_anchor="end" if rtl else "start",
        value_anchor="end" if rtl else "start",
        value_label=value_label,
        table=ChartTable(caption=title, label_heading=label_heading, headings=[value_label],
                         rows=[TableRow(label=bar.label, cells=[bar.value_text]) for bar in bars]),
    )


# -- several series per row --------------------------------------------------------------------

#: Fill patterns of the series, in order: solid, diagonal hatching, dots, cross-hatching.
PATTERNS = ("solid", "hatch", "dots", "cross")
GROUPED_WIDTH = 480
GROUPED_BAR = 14
GROUPED_LABEL = 18  # the row's label line, above its bars
GROUPED_GAP = 14
LEGEND_HEIGHT = 26


@dataclass
class Series:
    name: str
    pattern: str
    legend_x: int  # the swatch
    legend_text_x: int


@dataclass
class GroupedBar:
    series: Series
    value: Number | None
    value_text: str
    x: int
    y: int
    width: int
    value_x: int
    text_y: int


@dataclass
class BarGroup:
    label: str
    label_x: int
    label_y: int
    bars: list[GroupedBar]


@dataclass
class GroupedBarChart(_Bidi):
    id: str
    title: str
    description: str
    width: int
    height: int
    series: list[Series]
    groups: list[BarGroup]
    rtl: bool
    anchor: str  # of every text: the side the line starts from
    value_anchor: str
    legend_y: int
    bar_height: int
    table: ChartTable


def grouped_bar_chart(
    *,
    id: str,  # noqa: A002
    title: str,
    description: str,
    series: Sequence[str],
    rows: Sequence[tuple[str, Sequence[Number | None]]],
    rtl: bool,
    value_format: Callable[[Number], str] = str,
    table_format: Callable[[Number], str] | None = None,
    label_heading: str = "",
) -> GroupedBarChart:
    """``series`` names the values of each row (at most four); ``rows`` are (label, values in
    the order of ``series``). Every bar shares one scale, the largest value of the chart.
    ``value_format`` writes the values beside the bars, ``table_format`` (default: the same) in
    the table (e.g. short amounts on the chart, exact ones in the table)."""
    table_format = table_format or value_format
    if len(series) > len(PATTERNS):
        raise ValueError(f"At most {len(PATTERNS)} series")
    top = max((float(v) for _label, values in rows for v in values if v is not None), default=0) or 1
    texts = [value_format(v) for _label, values in rows for v in values if v is not None]
    # room for the longest value beside the longest bar (“11,2 millions de dirhams”); no font
    # metrics here, so a character of the 13px labels counts as VALUE_CHAR_WIDTH user units
    longest = max((len(text) for text in texts), default=4)
    value_room = max(60, min(GROUPED_WIDTH // 2, round(longest * VALUE_CHAR_WIDTH) + 8))
    room = GROUPED_WIDTH - 8 - value_room
    legend: list[Series] = []
    step = GROUPED_WIDTH // max(len(series), 1)
    for index, name in enumerate(series):
        if rtl:
            swatch = GROUPED_WIDTH - index * step - 18
            legend.append(Series(name=name, pattern=PATTERNS[index], legend_x=swatch, legend_text_x=swatch - 6))
        else:
            swatch = index * step + 4
            legend.append(Series(name=name, pattern=PATTERNS[index], legend_x=swatch, legend_text_x=swatch + 20))
    groups = []
    y = LEGEND_HEIGHT
    for label, values in rows:
        label_y = y + GROUPED_LABEL - 5
        bars = []
        y += GROUPED_LABEL
        for index, value in enumerate(values):
            length = round(room * float(value or 0) / top)
            if rtl:
                x = GROUPED_WIDTH - 4 - length
                value_x = x - 4
            else:
                x = 4
                value_x = x + length + 4
            bars.append(GroupedBar(series=legend[index], value=value,
                                   value_text="—" if value is None else value_format(value), x=x, y=y,
                                   width=length, value_x=value_x, text_y=y + GROUPED_BAR - 3))
            y += GROUPED_BAR + 2
        y += GROUPED_GAP
        groups.append(BarGroup(label=label, label_x=GROUPED_WIDTH - 4 if rtl else 4, label_y=label_y, bars=bars))
    return GroupedBarChart(
        id=id, title=title, description=description, width=GROUPED_WIDTH, height=max(y - GROUPED_GAP, LEGEND_HEIGHT),
        series=legend, groups=groups, rtl=rtl, anchor="end" if rtl else "start",
        value_anchor="end" if rtl else "start", legend_y=4, bar_height=GROUPED_BAR,
        table=ChartTable(
            caption=title, label_heading=label_heading, headings=list(series),
            rows=[
                TableRow(label=label, cells=["—" if v is None else table_format(v) for v in values])
                for label, values in rows
            ],
        ),
    )


# -- a share out of 100 per row ----------------------------------------------------------------


@dataclass
class PercentBar:
    label: str
    percent: float | None
    percent_text: str
    y: int
    track_x: int
    track_width: int
    fill_x: int
    fill_width: int
    label_x: int
    value_x: int
    text_y: int


@dataclass
class PercentBarChart(_Bidi):
    id: str
    title: str
    description: str
    width: int
    height: int
    bars: list[PercentBar]
    rtl: bool
    label_anchor: str
    value_anchor: str
    bar_height: int
    table: ChartTable


def percent_text(value: float | None) -> str:
    """“45,5 %” in French (a no-break space before the sign), “45,5%” in Arabic (which keeps the
    sign with the number in right-to-left text); “—” for no data."""
    if value is None:
        return "—"
    number = number_format(value, decimal_pos=0 if float(value).is_integer() else 1)
    return f"{number}%" if get_language_bidi() else f"{number}\u00a0%"


def percent_bars(
    *,
    id: str,  # noqa: A002
    title: str,
    description: str,
    rows: Sequence[tuple[str, float | None]],
    rtl: bool,
    value_label: str,
    label_heading: str = "",
    label_width: int = 140,
) -> PercentBarChart:
    """``rows`` are (label, share in per cent or None for "no data"); each bar fills its
    0–100 track (e.g. the completion of each axis)."""
    width = 480
    value_room = 56
    track = width - label_width - value_room
    bars = []
    for index, (label, percent) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        share = min(max(float(percent or 0), 0.0), 100.0)
        fill = round(track * share / 100)
        if rtl:
            track_x = width - label_width - track
            fill_x = width - label_width - fill
            label_x, value_x = width - 4, track_x - 6
        else:
            track_x = fill_x = label_width
            label_x, value_x = 4, label_width + track + 6
        bars.append(PercentBar(label=_clip(label, 22), percent=percent, percent_text=percent_text(percent), y=y,
                               track_x=track_x, track_width=track, fill_x=fill_x, fill_width=fill,
                               label_x=label_x, value_x=value_x, text_y=y + BAR_HEIGHT - 6))
    return PercentBarChart(
        id=id, title=title, description=description, width=width,
        height=max(len(rows) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT), bars=bars, rtl=rtl,
        label_anchor="end" if rtl else "start", value_anchor="end" if rtl else "start", bar_height=BAR_HEIGHT,
        table=ChartTable(caption=title, label_heading=label_heading, headings=[value_label],
                         rows=[TableRow(label=label, cells=[percent_text(p)]) for label, p in rows]),
    )


# -- dated rows (Gantt) ------------------------------------------------------------------------

GANTT_WIDTH = 640
GANTT_LABEL = 170
GANTT_ROW = 26
GANTT_BAR = 16
GANTT_AXIS = 34  # the ticks' labels, above the rows


@dataclass
class GanttInput:
    """One row given to ``gantt`` (tuples ``(label, start, end, progress, late)`` work too)."""

    label: str
    start: dt.date
    end: dt.date
    progress: int = 0
    late: bool = False


@dataclass
class GanttRow:
    label: str
    full_label: str
    start: dt.date
    end: dt.date
    progress: int
    late: bool
    y: int
    bar_x: float
    bar_width: float
    done_x: float
    done_width: float
    label_x: int
    text_y: int
    note: str  # "late" written out: the flag is never colour or pattern alone
    start_text: str = ""
    end_text: str = ""


@dataclass
class Tick:
    x: float
    label: str
    major: bool
    label_x: float = 0  # a year's label sits in the middle of its year, a month's on its line


@dataclass
class GanttChart(_Bidi):
    id: str
    title: str
    description: str
    width: int
    height: int
    start: dt.date
    end: dt.date
    rows: list[GanttRow]
    ticks: list[Tick]
    today: dt.date | None
    today_x: float | None  # None when today is outside the period
    today_label_anchor: str
    rtl: bool
    label_anchor: str
    plot_top: int
    plot_bottom: int
    bar_height: int
    table: ChartTable
    late_count: int = 0
    today_text: str = ""


def _months(start: dt.date, end: dt.date):
    year, month = start.year, start.month
    if start.day != 1:
        month += 1
        if month > 12:
            year, month = year + 1, 1
    while dt.date(year, month, 1) <= end:
        yield dt.date(year, month, 1)
        month += 1
        if month > 12:
            year, month = year + 1, 1


def gantt(
    *,
    id: str,  # noqa: A002
    title: str,
    description: str,
    rows: Sequence[GanttInput | tuple],
    start: dt.date,
    end: dt.date,
    today: dt.date | None,
    rtl: bool,
    label_heading: str = "",
) -> GanttChart:
    """A Gantt chart of ``rows`` between ``start`` and ``end``: one bar per row from its start to
    its end date, the done share (``progress`` %) filled from the start side, January ticks
    labelled with the year, month ticks (labelled with the month number when the period is at
    most two years), a "today" line when ``today`` is inside the period, late rows hatched and
    followed by the word "late". In right-to-left pages time runs from right to left."""
    items = [row if isinstance(row, GanttInput) else GanttInput(*row) for row in rows]
    if end <= start:
        end = start + dt.timedelta(days=1)
    span = (end - start).days
    plot_left = 8 if rtl else GANTT_LABEL
    plot_right = GANTT_WIDTH - GANTT_LABEL if rtl else GANTT_WIDTH - 8
    plot = plot_right - plot_left

    def x_of(day: dt.date) -> float:
        share = min(max((day - start).days / span, 0.0), 1.0)
        offset = plot * share
        return round(plot_right - offset if rtl else plot_left + offset, 1)

    late_word = _("late")

    def day(value: dt.date) -> str:
        return date_format(value, "SHORT_DATE_FORMAT")

    chart_rows = []
    for index, item in enumerate(items):
        y = GANTT_AXIS + index * GANTT_ROW
        a, b = x_of(item.start), x_of(max(item.end, item.start))
        left, right = min(a, b), max(a, b)
        width = max(round(right - left, 1), 2.0)
        progress = min(max(int(item.progress or 0), 0), 100)
        done = round(width * progress / 100, 1)
        done_x = round(left + width - done, 1) if rtl else left
        chart_rows.append(GanttRow(
            label=_clip(item.label, 26), full_label=str(item.label), start=item.start, end=item.end,
            progress=progress, late=bool(item.late), y=y + (GANTT_ROW - GANTT_BAR) // 2, bar_x=left,
            bar_width=width, done_x=done_x, done_width=done, label_x=GANTT_WIDTH - 4 if rtl else 4,
            text_y=y + GANTT_ROW // 2 + 4, note=late_word if item.late else "",
            start_text=day(item.start), end_text=day(item.end),
        ))
    many_months = span > 2 * 366
    ticks = []
    def year_tick(day: dt.date) -> Tick:
        middle = (x_of(day) + x_of(min(dt.date(day.year, 12, 31), end))) / 2
        return Tick(x=x_of(day), label=str(day.year), major=True, label_x=round(middle, 1))

    for month in _months(start, end):
        if month.month == 1:
            ticks.append(year_tick(month))
        else:
            ticks.append(Tick(x=x_of(month), label="" if many_months else str(month.month), major=False,
                              label_x=x_of(month)))
    if not ticks or ticks[0].x != x_of(start):
        ticks.insert(0, year_tick(start))
    today_x = x_of(today) if today is not None and start <= today <= end else None
    height = GANTT_AXIS + max(len(items), 1) * GANTT_ROW + 4
    # the "today" label sits beside its line, on the side with room
    anchor = "end" if today_x is not None and today_x > plot_left + plot / 2 else "start"

    return GanttChart(
        id=id, title=title, description=description, width=GANTT_WIDTH, height=height, start=start, end=end,
        rows=chart_rows, ticks=ticks, today=today, today_x=today_x, today_label_anchor=anchor, rtl=rtl,
        label_anchor="end" if rtl else "start", plot_top=GANTT_AXIS - 6, plot_bottom=height - 2,
        bar_height=GANTT_BAR, late_count=sum(row.late for row in chart_rows),
        today_text=_("Today (%(date)s)") % {"date": day(today)} if today else "",
        table=ChartTable(
            caption=title, label_heading=label_heading,
            headings=[_("Start"), _("End"), _("Progress"), _("Schedule")],
            rows=[
                TableRow(label=row.full_label,
                         cells=[day(row.start), day(row.end), percent_text(row.progress),
                                _("Late") if row.late else _("On time")],
                         flagged=row.late)
                for row in chart_rows
            ],
        ),
    )

