"""Numbers as an Italian data steward writes them: which written forms a cell may take, and what each means.

A cell of text is classified by its form (:func:`written`), then the column's kind decides (data_access/imports/
cells.py, ``count`` and ``number``):

- ``2000``, ``2.000``, ``2 000``, ``1.234.567``, ``2.000,0``: Italian forms, read as written (the point groups
  thousands, the comma starts the decimals). A space, a no-break space or a thin space may group thousands too.
- ``1.500`` (one point, three digits after it): two thousand five hundred for an Italian, one and a half for an
  English spreadsheet. A count is a whole number, so for a count it is 1500; for a quantity with decimals (hours)
  it is refused as ambiguous, with how to write either reading.
- ``1,500`` (one comma, three digits after it): one and a half for an Italian, fifteen hundred in English. Refused
  as ambiguous for every kind: the two readings are a thousand times apart.
- ``1,234,567`` or ``1,234.5``: the English way (commas for thousands, a point for decimals): refused, with the
  Italian way to write it; a file written so probably holds other English numbers that would be misread.
- ``1e3``: scientific notation (what a spreadsheet may save for a long number): refused, with the digits.
- ``-1``: negative; ``½``, ``٣``, ``1/2``, ``12%``: not numbers. Only ASCII digits are digits.

The patterns are anchored and their repetitions cannot backtrack over more than the cell (each is a run of one
character class followed by a different one), and a cell longer than :data:`MAX_CHARS` is no number at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_CHARS = 40  # longer text is no number (and int() of a very long digit string is refused by Python)
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})  # no-break, narrow no-break, thin space
MINUSES = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash

_GROUP = r"[1-9][0-9]{0,2}"  # the first group of a number written with thousands separators
PLAIN = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"([0-9]+)([.,])([0-9]+)")
GROUPED = re.compile(rf"{_GROUP}(?:\.[0-9]{{3}}){{2,}}|{_GROUP}(?: [0-9]{{3}})+")  # 1.234.567, 2 000
GROUPED_DECIMAL = re.compile(rf"({_GROUP}(?:\.[0-9]{{3}})+|{_GROUP}(?: [0-9]{{3}})+),([0-9]+)")  # 2.000,5
ENGLISH = re.compile(rf"{_GROUP}(?:,[0-9]{{3}}){{2,}}|{_GROUP}(?:,[0-9]{{3}})+\.[0-9]+")  # 1,234,567 / 1,234.5
SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]{1,3}")
THREE_AFTER = re.compile(rf"{_GROUP}[.,][0-9]{{3}}")  # 1.500 or 1,500: a thousands group or three decimals


@dataclass(frozen=True)
class Written:
    """How a cell writes a number: its ``form`` and, where the form has one reading, its ``value``.

    Forms: ``whole`` (digits, maybe grouped in thousands), ``decimal`` (a decimal part, maybe zeros), ``point3``
    (1.500: thousands or decimals), ``comma3`` (1,500: decimals or English thousands), ``english``,
    ``scientific``, ``negative``, ``none`` (not a number)."""

    form: str
    value: Decimal | None = None
    digits: str = ""  # for the messages: the number as digits only (2.000 -> 2000), or the exponent's value


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def written(text: str) -> Written:
    """The form of a number written as text (spaces around it ignored)."""
    text = text.translate(SPACES).strip()
    if not text or len(text) > MAX_CHARS:
        return Written("none")
    if text.startswith(MINUSES):
        rest = written(text[1:])
        return Written("negative") if rest.form != "none" else rest
    if PLAIN.fullmatch(text) or GROUPED.fullmatch(text):
        return Written("whole", Decimal(_digits(text)), _digits(text))
    if THREE_AFTER.fullmatch(text):
        head, tail = re.split(r"[.,]", text)
        form = "point3" if "." in text else "comma3"
        return Written(form, None, head + tail)
    if m := DECIMAL.fullmatch(text):
        return Written("decimal", Decimal(f"{m.group(1)}.{m.group(3)}"), m.group(1))
    if m := GROUPED_DECIMAL.fullmatch(text):
        return Written("decimal", Decimal(f"{_digits(m.group(1))}.{m.group(2)}"), _digits(m.group(1)))
    if ENGLISH.fullmatch(text):
        whole, _, decimals = text.replace(",", "").partition(".")
        return Written("english", None, whole + ("," + decimals if decimals else ""))
    if SCIENTIFIC.fullmatch(text):
        return Written("scientific", None, _scientific_digits(text))
    return Written("none")


def _scientific_digits(text: str) -> str:
    """1e3 -> "1000", 1,5E+03 -> "1500" (Italian decimal comma if not whole); "" when too long to suggest."""
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return ""
    if abs(value.adjusted()) > 9:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


# The forms the documentation lists, each with what a count and a quantity (hours) make of it; the data dictionary
# draws its table from these by running the parsers, so the table always says what the code does.
EXAMPLES = ("2000", "2.000", "2 000", "1.500", "1.234.567", "2.000,0", "1.234,5", "1,5", "12,50", "14.5", "3.0",
            " 3 ", "0", "1,500", "2,000", "1,234,567", "1,234.5", "1e3", "-1", "½", "tre")
