"""The core's server-side SVG charts (bars, grouped bars, percentage bars, Gantt) and the MAD
amounts: geometry, right-to-left mirroring, the table of the same numbers, valid markup."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import html5lib
import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, ngettext

from participation.core import charts
from participation.core.charts import GanttInput, bar_chart, gantt, grouped_bar_chart, percent_bars
from participation.core.money import format_mad, format_mad_short, group_digits

NNBSP = "\u202f"


def _page(fragment: str) -> str:
    """The fragment in a whole HTML5 document, parsed strictly (an error raises)."""
    document = f"<!DOCTYPE html><html lang=\"fr\"><head><title>t</title></head><body>{fragment}</body></html>"
    html5lib.HTMLParser(strict=True).parse(document)
    return fragment


def _render(include: str, chart) -> str:
    return _page(
        render_to_string(f"participation_core/includes/{include}", {"chart": chart})
        + render_to_string("participation_core/includes/chart_table.html", {"chart": chart})
    )


# -- bars ---------------------------------------------------------------------------------------


def test_bar_chart_mirrors_in_rtl_and_scales_to_the_largest_value():
    rows = [("1", 10), ("2", 5)]
    ltr = bar_chart(id="c", title="T", description="D", rows=rows, rtl=False, value_label="V")
    rtl = bar_chart(id="c", title="T", description="D", rows=rows, rtl=True, value_label="V")
    assert ltr.bars[1].bar_width * 2 == pytest.approx(ltr.bars[0].bar_width, abs=1)
    assert ltr.bars[0].bar_x == charts.LABEL_WIDTH and ltr.label_anchor == "start"
    assert rtl.bars[0].bar_x + rtl.bars[0].bar_width == charts.WIDTH - charts.LABEL_WIDTH
    assert rtl.label_anchor == "end" and rtl.bars[0].label_x > rtl.bars[0].bar_x
    html = _render("bar_chart.html", rtl)
    assert 'role="img"' in html and "<title id=\"c-title\">T</title>" in html and "<desc" in html
    assert "<caption>T</caption>" in html and "<td>10</td>" in html
    assert ">\u200f1\u200f</text>" in html  # each text marked right to left, in an SVG laid out left to right


def test_grouped_bars_tell_series_apart_without_colour():
    chart = grouped_bar_chart(
        id="money", title="Budget", description="D", series=["Planned", "Committed", "Spent"],
        rows=[("Axis 1", [Decimal("100"), Decimal("50"), Decimal("25")]), ("Axis 2", [Decimal("200"), 0, None])],
        rtl=False, value_format=lambda v: f"{v} MAD", table_format=lambda v: f"{v},00 MAD", label_heading="Axis",
    )
    assert [s.pattern for s in chart.series] == ["solid", "hatch", "dots"]  # one pattern per series
    first, second = chart.groups
    assert second.bars[0].width == pytest.approx(2 * first.bars[0].width, abs=1)  # one scale for the whole chart
    assert first.bars[1].width * 2 == pytest.approx(first.bars[0].width, abs=1)
    assert second.bars[2].value_text == "—" and second.bars[2].width == 0
    assert first.bars[0].y < first.bars[1].y < second.bars[0].y
    html = _render("grouped_bar_chart.html", chart)
    for name in ("Planned", "Committed", "Spent"):
        assert f">\u200e{name}\u200e</text>" in html  # the legend writes each series' name
    assert 'fill="url(#money-hatch)"' in html and 'id="money-dots"' in html
    assert "<td>100,00 MAD</td>" in html and ">\u200e100 MAD\u200e</text>" in html  # exact in the table, short on the chart
    assert '<th scope="col">Committed</th>' in html


def test_grouped_bars_grow_from_the_right_in_rtl():
    chart = grouped_bar_chart(id="g", title="T", description="D", series=["a", "b"], rows=[("x", [10, 5])],
                              rtl=True)
    bar = chart.groups[0].bars[0]
    assert bar.x + bar.width == chart.width - 4
    assert chart.groups[0].bars[1].x > bar.x
    assert chart.anchor == "end" and chart.series[0].legend_x > chart.series[1].legend_x
    with pytest.raises(ValueError):
        grouped_bar_chart(id="g", title="T", description="D", series=list("abcde"), rows=[], rtl=False)


def test_percent_bars_fill_their_track():
    ltr = percent_bars(id="p", title="Completion", description="D", rows=[("A", 50.0), ("B", None), ("C", 120)],
                       rtl=False, value_label="Done")
    half, empty, full = ltr.bars
    assert half.fill_width * 2 == half.track_width and half.fill_x == half.track_x
    assert empty.fill_width == 0 and empty.percent_text == "—"
    assert full.fill_width == full.track_width  # never beyond the track
    rtl = percent_bars(id="p", title="T", description="D", rows=[("A", 25)], rtl=True, value_label="Done")
    bar = rtl.bars[0]
    assert bar.fill_x + bar.fill_width == bar.track_x + bar.track_width  # filled from the right
    html = _render("percent_bars.html", ltr)
    assert "<td>—</td>" in html and f"<td>{charts.percent_text(50.0)}</td>" in html


def test_percentages_in_each_language():
    with translation.override("fr"):
        assert charts.percent_text(45.5) == "45,5\u00a0%" and charts.percent_text(50.0) == "50\u00a0%"
    with translation.override("ar"):
        assert charts.percent_text(45.5) == "45,5%"  # the sign stays with the number, right to left
    assert charts.percent_text(None) == "—"


# -- Gantt --------------------------------------------------------------------------------------

START, END = dt.date(2024, 1, 1), dt.date(2025, 12, 31)
ROWS = [
    GanttInput("Early", dt.date(2024, 1, 1), dt.date(2024, 6, 30), 100, False),
    ("Late one", dt.date(2024, 7, 1), dt.date(2025, 3, 31), 40, True),
]


def test_gantt_runs_right_to_left_in_arabic():
    ltr = gantt(id="g", title="T", description="D", rows=ROWS, start=START, end=END, today=None, rtl=False)
    rtl = gantt(id="g", title="T", description="D", rows=ROWS, start=START, end=END, today=None, rtl=True)
    early, later = ltr.rows
    assert early.bar_x < later.bar_x  # left to right in French
    early_rtl, later_rtl = rtl.rows
    assert early_rtl.bar_x > later_rtl.bar_x  # the activity that starts earlier is further right
    assert early_rtl.bar_x + early_rtl.bar_width == pytest.approx(rtl.width - charts.GANTT_LABEL, abs=0.2)
    assert rtl.label_anchor == "end" and early_rtl.label_x > early_rtl.bar_x
    # done share filled from the start side: the left in French, the right in Arabic
    assert later.done_x == later.bar_x
    assert later_rtl.done_x + later_rtl.done_width == pytest.approx(later_rtl.bar_x + later_rtl.bar_width, abs=0.2)
    assert later.done_width == pytest.approx(later.bar_width * 0.4, abs=0.2)
    # the year ticks mirror too
    years = {tick.label: tick.x for tick in rtl.ticks if tick.major}
    assert years["2024"] > years["2025"]
    year_labels = {tick.label: tick.label_x for tick in rtl.ticks if tick.major}
    assert years["2024"] > year_labels["2024"] > years["2025"]  # in the middle of its year
    ltr_years = {tick.label: tick.x for tick in ltr.ticks if tick.major}
    assert ltr_years["2024"] < ltr_years["2025"]


def test_gantt_today_line_sits_at_its_date():
    today = dt.date(2024, 12, 31)  # half of the two years
    for rtl in (False, True):
        chart = gantt(id="g", title="T", description="D", rows=ROWS, start=START, end=END, today=today, rtl=rtl)
        plot_left = 8 if rtl else charts.GANTT_LABEL
        plot_right = chart.width - (charts.GANTT_LABEL if rtl else 8)
        assert chart.today_x == pytest.approx((plot_left + plot_right) / 2, abs=1)
        html = _render("gantt.html", chart)
        assert f'x1="{chart.today_x}"' in html and "chart__today" in html
    outside = gantt(id="g", title="T", description="D", rows=ROWS, start=START, end=END, today=dt.date(2030, 1, 1),
                    rtl=False)
    assert outside.today_x is None
    assert "chart__today" not in render_to_string("participation_core/includes/gantt.html", {"chart": outside})
    quarter = gantt(id="g", title="T", description="D", rows=ROWS, start=START, end=END, today=dt.date(2024, 7, 1),
                    rtl=False)
    middle = (charts.GANTT_LABEL + charts.GANTT_WIDTH - 8) / 2
    assert charts.GANTT_LABEL < quarter.today_x < middle  # a quarter of the way, from the left in French


def test_gantt_flags_late_rows_in_words_and_pattern():
    with translation.override("fr"):
        chart = gantt(id="g", title="T", description="D", rows=ROWS, start=START, end=END,
                      today=dt.date(2025, 6, 1), rtl=False, label_heading="Activity")
        late_word = gettext("late")
        html = _render("gantt.html", chart)
    early, late = chart.rows
    assert not early.late and early.note == ""
    assert late.late and late.note == late_word and chart.late_count == 1
    assert f"Late one ({late_word})\u200e</text>" in html  # written out, not colour alone
    assert not re.search(r'\b(x|y|x1|x2|width|viewBox)="[^"]*,', html)  # coordinates never localised
    assert html.count('fill="url(#g-late)"') == 1 and 'id="g-late"' in html
    assert 'class="chart-table__flagged"' in html and html.count("chart-table__flagged") == 1
    assert "<th scope=\"row\">Late one</th>" in html
    assert chart.table.rows[1].cells[0] == "01/07/2024" and chart.table.rows[1].cells[2] == "40\u00a0%"


def test_gantt_ticks_years_and_months():
    chart = gantt(id="g", title="T", description="D", rows=ROWS, start=START, end=END, today=None, rtl=False)
    majors = [t for t in chart.ticks if t.major]
    assert [t.label for t in majors] == ["2024", "2025"]
    assert len(chart.ticks) == 24  # every month of two years
    assert [t.label for t in chart.ticks[:3]] == ["2024", "2", "3"]
    long = gantt(id="g", title="T", description="D", rows=ROWS, start=dt.date(2022, 1, 1), end=dt.date(2027, 12, 31),
                 today=None, rtl=False)
    assert {t.label for t in long.ticks if not t.major} == {""}  # six years: months unlabelled
    # a degenerate period does not divide by zero
    assert gantt(id="g", title="T", description="D", rows=[], start=START, end=START, today=START, rtl=True).rows == []


# -- amounts ------------------------------------------------------------------------------------


def test_amounts_are_grouped_the_moroccan_way():
    assert group_digits(Decimal("1234567.891")) == f"1{NNBSP}234{NNBSP}567,89"
    assert group_digits(999) == "999,00"
    assert group_digits(Decimal("-1000"), 0) == f"-1{NNBSP}000"
    assert group_digits(None) == "" and group_digits("abc") == "" and group_digits(float("nan")) == ""
    for language in ("ar", "fr"):
        with translation.override(language):
            expected = gettext("%(amount)s MAD") % {"amount": f"1{NNBSP}234{NNBSP}567,89"}
            assert format_mad(Decimal("1234567.89")) == expected
            assert expected.startswith(f"1{NNBSP}234{NNBSP}567,89")
            assert format_mad(None) == ""


def test_large_amounts_read_in_millions():
    with translation.override("fr"):
        millions = ngettext("%(amount)s million dirham", "%(amount)s million dirhams", 12)
        assert format_mad_short(Decimal("12345678")) == millions % {"amount": "12,3"}
        one = ngettext("%(amount)s million dirham", "%(amount)s million dirhams", 1)
        assert format_mad_short(Decimal("1500000")) == one % {"amount": "1,5"}
        assert format_mad_short(Decimal("2000000")) == ngettext(
            "%(amount)s million dirham", "%(amount)s million dirhams", 2) % {"amount": "2"}
        billions = ngettext("%(amount)s billion dirham", "%(amount)s billion dirhams", 2)
        assert format_mad_short(Decimal("2400000000")) == billions % {"amount": "2,4"}
        assert format_mad_short(Decimal("850000.40")) == format_mad(Decimal("850000"), 0)
        assert format_mad_short(Decimal("-3000000")).startswith("-3")
        assert format_mad_short("") == ""


@pytest.mark.django_db
def test_mad_filters_in_templates():
    from django.template import Context, Template

    template = Template("{% load money_tags %}{{ a|mad }}|{{ a|mad:0 }}|{{ b|mad_short }}|{{ none|mad }}")
    with translation.override("fr"):
        text = template.render(Context({"a": Decimal("1234.5"), "b": Decimal("3600000"), "none": None}))
    full, whole, short, empty = text.split("|")
    assert full.startswith(f"1{NNBSP}234,50") and whole.startswith(f"1{NNBSP}235") and "," not in whole
    assert short.startswith("3,6") and empty == ""


def test_percent_filter_in_templates():
    from django.template import Context, Template

    template = Template("{% load money_tags %}{{ a|percent }}|{{ b|percent }}|{{ none|percent }}")
    with translation.override("fr"):
        text = template.render(Context({"a": Decimal("87.2"), "b": 50, "none": None}))
    assert text == "87,2\u00a0%|50\u00a0%|—"


def test_one_series_draws_no_fill_pattern():
    chart = grouped_bar_chart(id="one", title="T", description="D", series=["Dirhams"],
                              rows=[("Sector", [48]), ("Other", [52])], rtl=True)
    html = _render("grouped_bar_chart.html", chart)
    assert "<pattern" not in html and html.count("chart__bar--solid") == 3  # the legend's swatch and two bars


@pytest.mark.parametrize("rtl", [False, True])
@pytest.mark.parametrize("text", ["12 MAD", "11,2 millions de dirhams", "1 234,5 millions de dirhams"])
def test_a_grouped_charts_values_stay_inside_the_drawing(rtl, text):
    """The value beside the longest bar fits in the chart however long it is written (a phone
    shows the SVG scaled to its width: a value past the edge is cut off)."""
    chart = charts.grouped_bar_chart(
        id="c", title="t", description="d", series=["a", "b"], rtl=rtl,
        rows=[("x", [Decimal("11200000"), Decimal("3000")]), ("y", [Decimal("5"), None])],
        value_format=lambda value: text,
    )
    longest = max((bar for group in chart.groups for bar in group.bars), key=lambda bar: bar.width)
    reach = len(text) * charts.VALUE_CHAR_WIDTH
    if rtl:
        assert longest.value_x - reach >= 0
    else:
        assert longest.value_x + reach <= chart.width
