"""Numbers as an Italian data steward writes them (data_access/imports/numbers.py, cells.count and cells.number):
one table of written forms -> the value a count and a quantity with decimals (hours) store, or the refusal.

The table here is written by hand, apart from numbers.EXAMPLES (which the data dictionary renders by running the
parsers), so a change of rule shows up as a failing row here and as a changed table in docs/dizionario_dati.md.
"""

from __future__ import annotations

import pytest

from data_access.imports import cells, numbers

AMBIGUOUS_POINT = "numero ambiguo: con un punto e tre cifre"
AMBIGUOUS_COMMA = "numero ambiguo: con una virgola e tre cifre"
DECIMALS = "il numero ha decimali, ma qui si contano persone o unità"
ENGLISH = "il numero è scritto all'inglese"
NEGATIVE = "il numero è negativo"
NOT_A_NUMBER = "non è un numero"
SCIENTIFIC = "il numero è in notazione scientifica"
TOO_BIG = "il numero è troppo grande"

# written -> (what a count stores, or the start of its refusal; what hours store, or the start of the refusal)
FORMS = {
    "2000": (2000, 2000.0),
    "2.000": (2000, AMBIGUOUS_POINT),
    "2.000,0": (2000, 2000.0),
    "1.500": (1500, AMBIGUOUS_POINT),
    "12.000": (12000, AMBIGUOUS_POINT),
    "1,5": (DECIMALS, 1.5),
    "1.234.567": (1234567, 1234567.0),
    "1.234.567,25": (DECIMALS, 1234567.25),
    "1.234,5": (DECIMALS, 1234.5),
    "12,50": (DECIMALS, 12.5),
    "14.5": (DECIMALS, 14.5),
    " 3 ": (3, 3.0),
    "3.0": (3, 3.0),
    "12,0": (12, 12.0),
    "1234.000": (1234, 1234.0),  # four digits before the point: no thousands group, zero decimals
    "0.500": (DECIMALS, 0.5),  # a leading 0 is no thousands group
    "0,125": (DECIMALS, 0.125),
    "0": (0, 0.0),
    "007": (7, 7.0),
    "-1": (NEGATIVE, NEGATIVE),
    "\u22123": (NEGATIVE, NEGATIVE),  # the minus sign U+2212
    "-1.500": (NEGATIVE, NEGATIVE),
    "1e3": (SCIENTIFIC, SCIENTIFIC),
    "1,23E+06": (SCIENTIFIC, SCIENTIFIC),
    "2 000": (2000, 2000.0),
    "2\u00a0000": (2000, 2000.0),  # no-break space
    "1\u202f234\u202f567": (1234567, 1234567.0),  # narrow no-break space
    "2 000,5": (DECIMALS, 2000.5),
    "1,500": (AMBIGUOUS_COMMA, AMBIGUOUS_COMMA),
    "2,000": (AMBIGUOUS_COMMA, AMBIGUOUS_COMMA),
    "1,234,567": (ENGLISH, ENGLISH),
    "1,234.5": (ENGLISH, ENGLISH),
    "1.234 567": (NOT_A_NUMBER, NOT_A_NUMBER),  # two kinds of group separator
    "1.23.456": (NOT_A_NUMBER, NOT_A_NUMBER),
    "12.34": (DECIMALS, 12.34),
    "½": (NOT_A_NUMBER, NOT_A_NUMBER),
    "²": (NOT_A_NUMBER, NOT_A_NUMBER),
    "\u0663": (NOT_A_NUMBER, NOT_A_NUMBER),  # Arabic-Indic three: only ASCII digits are digits
    "\uff13": (NOT_A_NUMBER, NOT_A_NUMBER),  # fullwidth three
    "1/2": (NOT_A_NUMBER, NOT_A_NUMBER),
    "12%": (NOT_A_NUMBER, NOT_A_NUMBER),
    "tre": (NOT_A_NUMBER, NOT_A_NUMBER),
    "n.d.": (NOT_A_NUMBER, NOT_A_NUMBER),
    "+3": (NOT_A_NUMBER, NOT_A_NUMBER),
    "10.000.000": (10_000_000, 10_000_000.0),
    "10.000.001": (TOO_BIG, TOO_BIG),
    "9" * 5000: (NOT_A_NUMBER, NOT_A_NUMBER),  # longer than any number: no int() of 5000 digits
}


def _read(parse, text):
    try:
        return parse(text)
    except cells.CellProblem as problem:
        return problem


@pytest.mark.parametrize(("text", "as_count", "as_hours"),
                         [pytest.param(k, *v, id=repr(k[:20])) for k, v in FORMS.items()])
def test_written_forms_of_numbers(text, as_count, as_hours):
    for parse, expected in ((cells.count, as_count), (cells.number, as_hours)):
        got = _read(parse, text)
        if isinstance(expected, str):
            assert isinstance(got, cells.CellProblem), (parse.__name__, text, got)
            assert got.issue.text().startswith(expected), (parse.__name__, got.issue.text())
        else:
            assert not isinstance(got, cells.CellProblem), (parse.__name__, text, got.issue.text())
            assert got == expected and type(got) is type(expected), (parse.__name__, text, got)


@pytest.mark.parametrize(("text", "parse", "fix"), [
    ("1.500", cells.number, "scrivere 1500 (senza separatori) se sono migliaia, oppure 1,5 con la virgola decimale"),
    ("2,000", cells.count, "scrivere 2000 (senza separatori) se sono migliaia, oppure 2 con la virgola decimale"),
    ("1,234.5", cells.number, "scrivere 1234,5 (decimali con la virgola) e controllare la lingua del foglio"),
    ("1,23E+06", cells.count, "scrivere tutte le cifre: 1230000"),
    ("1,5E-1", cells.number, "scrivere tutte le cifre: 0,15"),
])
def test_a_refused_form_says_how_to_write_it(text, parse, fix):
    with pytest.raises(cells.CellProblem) as info:
        parse(text)
    assert info.value.remedy.text().startswith(fix), info.value.remedy.text()


def test_the_english_page_says_the_ambiguity_in_english():
    with pytest.raises(cells.CellProblem) as info:
        cells.number("1.500")
    assert info.value.issue.text("en") == ("ambiguous number: with a point and three digits it reads as 1500 (the "
                                           "point grouping thousands) or as 1,5 (the English decimal point)")


def test_spreadsheet_numbers_are_not_read_as_text():
    """An XLSX number cell is a number already: 2000.0 is 2000 whatever the cell's format showed."""
    assert cells.count(2000.0) == 2000 and cells.number(1.5) == 1.5
    with pytest.raises(cells.CellProblem, match="imports.cell.decimals"):
        cells.count(1.5)


def test_every_documented_example_is_in_the_table_above():
    assert set(numbers.EXAMPLES) <= set(FORMS)
