"""Amounts in dirhams (``{% load money_tags %}``): ``{{ amount|mad }}`` → “1 234 567,89 درهم”,
``{{ amount|mad:0 }}`` without centimes, ``{{ amount|mad_short }}`` → “12,3 مليون درهم”,
``{{ amount|amount }}`` → “1 234 567,89” (a table whose caption names the unit)
(``participation.core.money``); ``{{ rate|percent }}`` → “45,5 %” / “45,5%”, “—” for none
(``participation.core.charts.percent_text``)."""

from django import template

from participation.core.charts import percent_text
from participation.core.money import format_mad, format_mad_short, group_digits

register = template.Library()


def _decimals(decimals) -> int:
    try:
        return int(decimals)
    except (TypeError, ValueError):
        return 2


@register.filter(name="mad")
def mad(amount, decimals=2):
    return format_mad(amount, _decimals(decimals))


@register.filter(name="amount")
def amount(value, decimals=2):
    return group_digits(value, _decimals(decimals))


@register.filter(name="mad_short")
def mad_short(amount):
    return format_mad_short(amount)


@register.filter(name="percent")
def percent(value):
    return percent_text(None if value is None or value == "" else float(value))
