"""Amounts in dirhams (MAD), written the Moroccan way in both languages: digits grouped by three
with a narrow no-break space (U+202F), a decimal comma, the currency after the number —
“1 234 567,89 درهم” / “1 234 567,89 MAD” — and large amounts readably: “12,3 مليون درهم” /
“12,3 millions de dirhams”. Template filters: ``{% load money_tags %}`` then ``|mad`` and
``|mad_short``. The programme dashboard and the citizen budget use them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext, ngettext, pgettext

GROUP_SEPARATOR = "\u202f"  # narrow no-break space
DECIMAL_SEPARATOR = ","
MILLION = Decimal("1000000")
BILLION = Decimal("1000000000")


def _decimal(amount) -> Decimal | None:
    if amount is None or amount == "":
        return None
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return value if value.is_finite() else None


def group_digits(amount, decimals: int = 2) -> str:
    """``amount`` with ``decimals`` decimals (rounded half up), grouped by three: “1 234 567,89”."""
    value = _decimal(amount)
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    value = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _dot, fraction = f"{abs(value):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + GROUP_SEPARATOR.join(groups)
    return f"{text}{DECIMAL_SEPARATOR}{fraction}" if decimals > 0 else text


def format_mad(amount, decimals: int = 2) -> str:
    """“1 234 567,89 درهم” in Arabic, “1 234 567,89 MAD” in French; "" for no amount."""
    digits = group_digits(amount, decimals)
    if not digits:
        return ""
    return gettext("%(amount)s MAD") % {"amount": digits}


def _scaled(value: Decimal, unit: Decimal) -> tuple[str, int]:
    """``value`` in ``unit``s with one decimal (none when whole), and the count for the plural."""
    scaled = (value / unit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return group_digits(scaled, 0 if scaled == scaled.to_integral_value() else 1), int(abs(scaled))


def format_mad_short(amount) -> str:
    """A large amount readably, one decimal: “12,3 مليون درهم” / “12,3 millions de dirhams”
    (milliards from a thousand million); under a million, the whole dirhams (“850 000 MAD”)."""
    value = _decimal(amount)
    if value is None:
        return ""
    size = abs(value)
    # ngettext is called with literal messages, so that makemessages finds them
    # A whole count takes the language's plural forms (Arabic: مليونا درهم, 3 ملايين درهم, 11 مليون
    # درهم); a count with a decimal reads as one form ("12,3 مليون درهم", "12,3 millions de dirhams").
    if size >= BILLION:
        digits, count = _scaled(value, BILLION)
        if DECIMAL_SEPARATOR in digits:
            if count < 2:  # French: "1,5 milliard", "2,5 milliards"
                return pgettext("amount with a decimal, under two", "%(amount)s billion dirhams") % {"amount": digits}
            return pgettext("amount with a decimal", "%(amount)s billion dirhams") % {"amount": digits}
        return ngettext("%(amount)s billion dirham", "%(amount)s billion dirhams", count) % {"amount": digits}
    if size >= MILLION:
        digits, count = _scaled(value, MILLION)
        if DECIMAL_SEPARATOR in digits:
            if count < 2:  # French: "1,5 million", "2,5 millions"
                return pgettext("amount with a decimal, under two", "%(amount)s million dirhams") % {"amount": digits}
            return pgettext("amount with a decimal", "%(amount)s million dirhams") % {"amount": digits}
        return ngettext("%(amount)s million dirham", "%(amount)s million dirhams", count) % {"amount": digits}
    return format_mad(value, 0)
