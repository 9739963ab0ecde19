"""Amounts in dirhams (``{% load money_tags %}``): ``{{ amount|mad }}`` → “1 234 567,89 درهم”,
``{{ amount|mad:0 }}`` without centimes, ``{{ amount|mad_short }}`` → “12,3 مليون درهم”
(``participation.core.money``)."""

from django import template

from participation.core.money import format_mad, format_mad_short

register = template.Library()


@register.filter(name="mad")
def mad(amount, decimals=2):
    try:
        decimals = int(decimals)
    except (TypeError, ValueError):
        decimals = 2
    return format_mad(amount, decimals)


@register.filter(name="mad_short")
def mad_short(amount):
    return format_mad_short(amount)
