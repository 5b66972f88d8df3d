"""Periods, URL filters (valid, invalid, out of scope) and the Italian formatter."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.labels import CATALOGUE, fmt_count, fmt_month, fmt_number, fmt_percent, fmt_period, t
from data_access.scope import (
    FilterChoices,
    Filters,
    PeriodError,
    filters_from_params,
    filters_to_params,
    months_of,
    period_of_month,
    periods_between,
    previous,
)

CHOICES = FilterChoices(
    provinces={"014": "03", "015": "03", "028": "05", "064": "15"},
    programmes=("SAI", "CAS", "ANTITRATTA", "FAMI", "ALTRO"),
    projects={"SAI-SONDRIO": "SAI"},
    first_month="2019-01",
    last_month="2025-12",
)


def test_periods():
    assert months_of("trimestre", "2025-T1") == ("2025-01", "2025-02", "2025-03")
    assert len(months_of("anno", "2024")) == 12
    assert months_of("avviso", "avviso-5")[0] == "2022-10" and months_of("avviso", "avviso-5")[-1] == "2024-02"
    assert previous("mese", "2025-01") == "2024-12"
    assert previous("trimestre", "2025-T1") == "2024-T4"
    assert previous("anno", "2025") == "2024"
    assert previous("avviso", "avviso-7") == "avviso-5" and previous("avviso", "avviso-5") is None
    assert period_of_month("trimestre", "2024-11") == "2024-T4"
    assert period_of_month("avviso", "2019-05") is None
    assert periods_between("trimestre", "2024-T3", "2025-T2") == ("2024-T3", "2024-T4", "2025-T1", "2025-T2")
    for unit, bad in (("mese", "2025-13"), ("mese", "03/2025"), ("trimestre", "2025-Q1"), ("anno", "25"),
                      ("avviso", "avviso-99")):
        with pytest.raises(PeriodError):
            months_of(unit, bad)
    with pytest.raises(PeriodError, match="successivo"):
        Filters(unit="mese", start="2025-05", end="2025-01")


def test_url_defaults_to_the_last_month():
    filters, notices = filters_from_params({}, CHOICES)
    assert (filters.unit, filters.start, filters.end) == ("mese", "2025-12", "2025-12")
    assert filters.region is None and notices == []


def test_range_pages_open_on_the_whole_period_of_data():
    """Issue 19: a trend page opens on the whole period of data, where a structural change shows."""
    assert filters_from_params({}, CHOICES, span=True)[0].periods[0] == "2019-01"  # 84 months to 2025-12
    assert len(filters_from_params({}, CHOICES, span=True)[0].periods) == 84
    quarters = filters_from_params({"unita": "trimestre"}, CHOICES, span=True)[0]
    assert (quarters.start, quarters.end) == ("2019-T1", "2025-T4")
    assert CHOICES.whole("avviso") == ("avviso-5", "avviso-7") and CHOICES.whole("anno") == ("2019", "2025")
    years = filters_from_params({"unita": "anno", "a": "2020"}, CHOICES, span=True)[0]
    assert (years.start, years.end) == ("2019", "2020")  # clipped at the first year with data
    single = filters_from_params({"unita": "anno", "a": "2020"}, CHOICES)[0]
    assert (single.start, single.end) == ("2020", "2020")


def test_url_valid_parameters_reproduce_the_view():
    params = {"unita": "trimestre", "da": "2024-T1", "a": "2025-T2", "provincia": "014", "programma": "SAI"}
    filters, notices = filters_from_params(params, CHOICES)
    assert notices == []
    assert filters == Filters(unit="trimestre", start="2024-T1", end="2025-T2", region="03", province="014",
                              programme="SAI")
    assert filters_from_params(filters_to_params(filters), CHOICES)[0] == filters


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"unita": "settimana"}, "«unita» ignorato: «settimana»"),
        ({"a": "2025-13"}, "«a» ignorato: «2025-13»"),
        ({"unita": "trimestre", "a": "2025-Q1"}, "«a» ignorato"),
        ({"provincia": "999"}, "«provincia» ignorato: «999» non è una provincia tra quelle visibili"),
        ({"provincia": "001"}, "non è una provincia tra quelle visibili"),  # Torino: outside the choices
        ({"regione": "99"}, "«regione» ignorato"),
        ({"regione": "05", "provincia": "014"}, "non contiene la provincia 014"),
        ({"programma": "XYZ"}, "«programma» ignorato"),
        ({"progetto": "NON-ESISTE"}, "«progetto» ignorato"),
        ({"da": "2025-06", "a": "2025-01"}, "successivo"),
        ({"a": "2031-05"}, "«a» ignorato: «2031-05» è fuori dai mesi con dati"),
        ({"unita": "anno", "da": "2010"}, "«da» ignorato: «2010» è fuori dai mesi con dati"),
    ],
)
def test_url_invalid_or_out_of_scope_parameters_are_ignored_with_a_notice(params, fragment):
    filters, notices = filters_from_params(params, CHOICES)
    assert any(fragment in n for n in notices), notices
    assert filters.province in (None, "014")  # never a province outside the choices
    assert filters.end in ("2025-12", "2025-T4", "2025")  # fell back to the default


def test_catalogue_has_both_languages_and_no_empty_label():
    for key, entry in CATALOGUE.items():
        assert entry.get("it"), key
        assert entry.get("en"), key
    with pytest.raises(KeyError):
        t("chiave.inesistente")


def test_italian_formats():
    assert fmt_number(1234.5, 1) == "1.234,5"
    assert fmt_number(1234567) == "1.234.567"
    assert fmt_number(1234.5, 1, lang="en") == "1,234.5"
    assert fmt_count(3, small=True) == "<5"
    assert fmt_count(None) == "n.d."
    assert fmt_percent(0.9512) == "95,1%"
    assert fmt_percent(-0.034, signed=True) == "-3,4%"
    assert fmt_month("2025-03") == "marzo 2025"
    assert fmt_period("trimestre", "2025-T1") == "1° trimestre 2025"
    assert fmt_period("avviso", "avviso-5") == "avviso 5"
    assert fmt_period("trimestre", "2025-T1", "en") == "Q1 2025"


# Program modules whose sentences are not words for a reader: the demo generator's data (names of organisations,
# plans), and these strings, each with its reason (file, start of the string).
NOT_WORDS = {
    ("data_access/db.py", "PRAGMA "): "SQL sent to SQLite",
    ("data_access/db.py", "BEGIN IMMEDIATE"): "SQL sent to SQLite",
    ("data_access/disclosure.py", "p-table row must be"): "a programming error (a negative row index)",
    ("data_access/disclosure.py", "expected an integer"): "a programming error (a count that is not an integer)",
    ("data_access/disclosure.py", " must be finite integers"): "a programming error",
    ("data_access/disclosure.py", " must be integers"): "a programming error",
    ("data_access/disclosure.py", "counts must be >= 0"): "a programming error (the data layer checks counts)",
    ("data_access/disclosure.py", "key sums"): "a name inside a programming error",
    ("data_access/sql.py", "scope must be a Scope"): "a programming error (a query called without a Scope)",
    ("data_access/reference.py", "Confini e popolazione"): "metadata written into the geometry file, not shown",
    ("data_access/public_files.py", "Migranti presenti "): "the headers of the Ministry's extracts, matched as data",
    ("data_access/contract.py", ""): "example cells of the templates (names of organisations, as data)",
    ("presentation/grammar.py", ""): "names of regions and areas, matched as data",
    ("config/theme.py", "Source Sans Pro"): "a font list",
    ("cli/parser.py", ""): "argparse's own English messages, matched as input to be translated",
    ("tools/topojson.py", "outer rings clockwise"): "metadata written into the geometry file, not shown",
}


def _program_modules(root: Path) -> list[Path]:
    folders = ("views", "presentation", "data_access", "config", "cli", "tools", "mail")
    return [root / "app.py", root / "manage.py",
            *(path for folder in folders for path in sorted((root / folder).rglob("*.py"))
              if "migrations" not in path.parts and "catalogue" not in path.parts)]


def _sentences(path: Path) -> list[tuple[int, str]]:
    import ast
    import re

    tree = ast.parse(path.read_text(encoding="utf-8"))
    notes = {id(node.value) for node in ast.walk(tree)  # docstrings, and the strings documenting an attribute
             if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in notes
            and re.search(r"[^\W\d_]{3,}\s+[^\W\d_]{2,}", node.value)]


def test_no_sentence_outside_the_catalogue():
    """No sentence in the code of the program (pages, app.py, charts, exports, imports, auth, scope, the command
    line...): every text a user or an operator reads comes from config/catalogue/, so the English switch reaches
    it (docstrings aside; codes and keys have no spaces; NOT_WORDS lists the few strings that are not words)."""
    root = Path(__file__).resolve().parents[2]
    found = []
    for path in _program_modules(root):
        name = path.relative_to(root).as_posix()
        found += [f"{name}:{line} {text[:60]!r}" for line, text in _sentences(path)
                  if not any(name == file and text.startswith(start) for file, start in NOT_WORDS)]
    assert not found, found
