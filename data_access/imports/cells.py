"""Parsing one cell of an upload into the value the database holds: periods, dates, counts, numbers, territory
codes or names, project codes, allowed codes and short text; and the personal-data guard.

Each parser returns the value or raises :class:`CellProblem` with the problem and its fix as catalogue phrases.
The guard (:func:`personal`) recognises what looks like a fiscal code, an email address, a telephone number, a
street address or a person's name, so that such a value is refused and never repeated in a message.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict

from sqlalchemy import select

from config.phrases import Figure, Phrase
from data_access.contract import Column, codes, norm
from data_access.imports import numbers, text
from data_access.imports import personal as guard
from data_access.imports.reading import shown
from data_access.models import Municipality, Project, Province

MAX_COUNT = 10_000_000
CELL_MAX_CHARS = 1000  # a longer cell is refused before any pattern looks at it (the longest text column: 300)
MONTHS_IT = ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic")
PROJECT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class CellProblem(Exception):
    """Why a cell cannot be read as its column's kind, and how to fix it; ``personal`` when the value looks like
    personal data (then it is never repeated)."""

    def __init__(self, issue: Phrase, remedy: Phrase, personal: bool = False):
        super().__init__(issue.key)
        self.issue, self.remedy, self.personal = issue, remedy, personal


def _maybe(choices: list[str], then: Phrase | None = None) -> Phrase | None:
    """"forse: A, B?" (then the next sentence), or ``then`` alone when nothing is close."""
    if not choices:
        return then
    if then is None:
        return Phrase("imports.fix.maybe", choices=", ".join(choices))
    return Phrase("imports.fix.maybe_then", choices=", ".join(choices), then=then)


# --- The personal-data guard (personal.py) ---------------------------------------------------------------------
personal = guard.personal
personal_header = guard.personal_header


def personal_problem(what: Phrase) -> CellProblem:
    return CellProblem(Phrase("imports.cell.personal", what=what), Phrase("imports.cell.personal.fix"),
                       personal=True)


# --- Periods and dates ------------------------------------------------------------------------------------------
def period_hint(text: str) -> str | None:
    """The YYYY-MM a user probably meant, for the fix of a wrong period."""
    t = text.strip().lower()
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?", t)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"(?:\d{1,2}[-/.])?(\d{1,2})[-/.](\d{4})", t):
        year, month = int(m.group(2)), int(m.group(1))
    elif m := re.fullmatch(r"([a-z]+)[\s\-/.']*(\d{2}|\d{4})", t):
        word, year = m.group(1)[:3], int(m.group(2))
        if word not in MONTHS_IT:
            return None
        month, year = MONTHS_IT.index(word) + 1, year + 2000 if year < 100 else year
    else:
        return None
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 2000 <= year <= 2100 else None


def period(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return text
    if re.fullmatch(r"\d{4}-\d{2}", text):
        raise CellProblem(Phrase("imports.cell.no_month"), Phrase("imports.cell.no_month.fix"))
    hint = period_hint(text)
    raise CellProblem(Phrase("imports.cell.period"), Phrase("imports.cell.period.fix_hint", hint=hint) if hint
                      else Phrase("imports.cell.period.fix"))


def date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise CellProblem(Phrase("imports.cell.no_date"), Phrase("imports.cell.no_date.fix")) from None
    raise CellProblem(Phrase("imports.cell.date"), Phrase("imports.cell.date.fix"))


# --- Counts and numbers -----------------------------------------------------------------------------------------
def _not_a_number(fix: str) -> CellProblem:
    return CellProblem(Phrase("imports.cell.not_number"), Phrase(fix))


def _in_range(number, negative_fix: str):
    """The number if it is neither negative (nor NaN) nor too big for a monthly aggregate."""
    if number < 0 or number != number:
        raise CellProblem(Phrase("imports.cell.negative"), Phrase(negative_fix))
    if number > MAX_COUNT:
        raise CellProblem(Phrase("imports.cell.too_big"), Phrase("imports.fix.check_value"))
    return number


def _decimal_reading(digits: str, decimals: int = 3) -> str:
    """The other reading of 1,500 or 1.500 for a message: "1,5" (Italian decimal comma, zeros dropped)."""
    head, tail = digits[:-decimals], digits[-decimals:].rstrip("0")
    return f"{head},{tail}" if tail else head


def _form_problem(form: numbers.Written, whole_fix: str) -> CellProblem:
    """Why a number written in ``form`` is refused (forms a kind does not take)."""
    if form.form == "negative":
        return CellProblem(Phrase("imports.cell.negative"), Phrase("imports.cell.fix.zero_or_more"))
    if form.form in ("comma3", "point3"):
        return CellProblem(Phrase(f"imports.cell.ambiguous_{form.form}", thousands=form.digits,
                                  decimal=_decimal_reading(form.digits)),
                           Phrase("imports.cell.ambiguous.fix", thousands=form.digits,
                                  decimal=_decimal_reading(form.digits)))
    if form.form == "english":
        return CellProblem(Phrase("imports.cell.english"), Phrase("imports.cell.english.fix", digits=form.digits))
    if form.form == "scientific":
        return CellProblem(Phrase("imports.cell.scientific"),
                           Phrase("imports.cell.scientific.fix", digits=form.digits) if form.digits
                           else Phrase("imports.cell.scientific.fix_long"))
    return _not_a_number(whole_fix)


def _count_text(text: str) -> int:
    """A count written as text: a whole number (2000, 2.000, 2 000; 12,0 with zero decimals); 1.500 is 1500."""
    form = numbers.written(text)
    if form.form == "whole":
        return int(form.value)
    if form.form == "point3":  # a count has no decimals: the point groups thousands
        return int(form.digits)
    if form.form == "decimal":
        if form.value != form.value.to_integral_value():
            raise CellProblem(Phrase("imports.cell.decimals"), Phrase("imports.cell.decimals.fix"))
        return int(form.value)
    raise _form_problem(form, "imports.cell.fix.whole_or_zero")


def count(value) -> int:
    """A count of people or units: a whole number from 0 to MAX_COUNT (numbers.py: the forms it may take)."""
    if isinstance(value, bool):
        raise _not_a_number("imports.cell.fix.whole")
    if isinstance(value, int):
        whole = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellProblem(Phrase("imports.cell.decimals"), Phrase("imports.cell.decimals.fix"))
        whole = int(value)
    else:
        whole = _count_text(str(value))
    return _in_range(whole, "imports.cell.fix.zero_or_more")


def number(value) -> float:
    """A quantity such as hours: a number from 0 to MAX_COUNT, decimal comma or point, four decimals kept; 1.500
    and 1,500 are refused as ambiguous (numbers.py)."""
    if isinstance(value, bool):
        raise _not_a_number("imports.cell.fix.number")
    if isinstance(value, (int, float)):
        result = float(value)
    else:
        form = numbers.written(str(value))
        if form.form not in ("whole", "decimal"):
            raise _form_problem(form, "imports.cell.fix.number_decimal")
        result = float(form.value)
    return round(_in_range(result, "imports.cell.fix.number"), 4)


# --- Territories, projects, codes, text -------------------------------------------------------------------------
def closest(text: str, choices: dict[str, str], n: int = 3) -> list[str]:
    """Display names of the choices closest to ``text`` (keys are normalised spellings)."""
    found = difflib.get_close_matches(norm(text), list(choices), n=n, cutoff=0.6)
    out: list[str] = []
    for key in found:
        if choices[key] not in out:
            out.append(choices[key])
    return out


class Reference:
    """What the rows are matched against: territories and registered projects."""

    def __init__(self, conn):
        provinces = conn.execute(select(Province.code, Province.name, Province.short)).all()
        self.province_names = {p.code: p.name for p in provinces}
        self.province_by_key: dict[str, str] = {}
        for code, name, short in provinces:
            for spelling in (name, *name.split("/"), short):
                self.province_by_key.setdefault(norm(spelling), code)
        self.province_display = {norm(name): f"{name} ({code})" for code, name, _ in provinces}
        comuni = conn.execute(select(Municipality.code, Municipality.name, Municipality.province_code)).all()
        self.comune_province = {c.code: c.province_code for c in comuni}
        self.comune_names = {c.code: c.name for c in comuni}
        self.comune_by_name: dict[tuple[str, str], str] = {}
        for code, name, province in comuni:
            for spelling in (name, *name.split("/")):
                self.comune_by_name.setdefault((province, norm(spelling)), code)
        self.comuni_elsewhere: dict[str, list[str]] = defaultdict(list)
        for _, name, province in comuni:
            self.comuni_elsewhere[norm(name)].append(province)
        projects = conn.execute(select(Project.project_code, Project.programme, Project.start_date,
                                       Project.end_date)).all()
        self.projects = {p.project_code: p for p in projects}
        self.project_by_key = {p.project_code.upper(): p.project_code for p in projects}

    def province_name(self, code: str) -> str:
        return self.province_names.get(code, "?")


def _code_text(value) -> str:
    """A territory code or name as text: a whole number from a spreadsheet (15, 15.0) as its digits."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def province(value, ref: Reference) -> str:
    text = _code_text(value)
    if re.fullmatch(r"\d{1,3}", text):
        code = text.zfill(3)
        if code in ref.province_names:
            return code
        raise CellProblem(Phrase("imports.cell.province_code"), Phrase("imports.cell.province_code.fix"))
    code = ref.province_by_key.get(norm(text))
    if code:
        return code
    raise CellProblem(Phrase("imports.cell.province"),
                      _maybe(closest(text, ref.province_display)) or Phrase("imports.cell.province.fix"))


def _municipality_by_name(text: str, province_code: str, ref: Reference) -> str:
    code = ref.comune_by_name.get((province_code, norm(text)))
    if code is not None:
        return code
    elsewhere = ref.comuni_elsewhere.get(norm(text))
    if elsewhere:
        names = ", ".join(sorted({ref.province_names[p] for p in elsewhere}))
        raise CellProblem(Phrase("imports.cell.municipality_elsewhere", province=ref.province_name(province_code),
                                 provinces=names), Phrase("imports.fix.province_or_municipality"))
    choices = {norm(name): name for (p, _), c in ref.comune_by_name.items() if p == province_code
               for name in [ref.comune_names[c]]}
    raise CellProblem(Phrase("imports.cell.municipality", province=ref.province_name(province_code)),
                      _maybe(closest(text, choices)) or Phrase("imports.cell.municipality.fix"))


def municipality(value, province_code: str | None, ref: Reference) -> str:
    """A comune by ISTAT code or by name, in the row's province (checked after the province)."""
    if province_code is None:
        raise CellProblem(Phrase("imports.cell.no_province"), Phrase("imports.cell.no_province.fix"))
    text = _code_text(value)
    if re.fullmatch(r"\d{4,6}", text):
        code = text.zfill(6)
        if code not in ref.comune_province:
            raise CellProblem(Phrase("imports.cell.municipality_code"), Phrase("imports.cell.municipality_code.fix"))
    else:
        code = _municipality_by_name(text, province_code, ref)
    if ref.comune_province[code] != province_code:
        raise CellProblem(Phrase("imports.cell.municipality_other", municipality=ref.comune_names[code],
                                 province=ref.province_names[ref.comune_province[code]],
                                 row_province=ref.province_name(province_code)),
                          Phrase("imports.fix.province_or_municipality"))
    return code


def project(value, ref: Reference, allowed: frozenset[str] | None) -> str:
    text = str(value).strip()
    code = ref.project_by_key.get(text.upper())
    if code is None:
        raise CellProblem(Phrase("imports.cell.project"),
                          _maybe(closest(text, {norm(c): c for c in ref.projects}),
                                 then=Phrase("imports.cell.project.fix")))
    if allowed is not None and code not in allowed:
        raise CellProblem(Phrase("imports.cell.not_your_project"), Phrase("imports.cell.not_your_project.fix"))
    return code


def allowed_code(value, allowed: tuple[str, ...]) -> str:
    by_key = {norm(c): c for c in allowed}
    found = by_key.get(norm(value))
    if found is not None:
        return found
    close = closest(str(value), by_key, n=1)
    values = Phrase("imports.fix.allowed_values", values=", ".join(allowed))
    raise CellProblem(Phrase("imports.cell.code"),
                      Phrase("imports.fix.maybe_one_then", choice=close[0], then=values) if close else values)


CODE_TEXT = {"project_code", "action_code"}  # text columns holding codes: PROJECT_CODE, not free text


def short_text(value, column: Column) -> str:
    """Free text (text.py: spaces normalised; control characters and markup refused), or a code."""
    said = text.normalised(shown(value) if not isinstance(value, str) else value)
    what = personal(said)
    if what:
        raise personal_problem(what)
    if column.max_length and len(said) > column.max_length:
        raise CellProblem(Phrase("imports.cell.text_long", length=len(said), limit=column.max_length),
                          Phrase("imports.cell.text_long.fix"))
    if column.name in CODE_TEXT:
        if not PROJECT_CODE.fullmatch(said):
            raise CellProblem(Phrase("imports.cell.project_code"), Phrase("imports.cell.project_code.fix"))
        return said
    refused = text.problem(said)
    if refused:
        raise CellProblem(*refused)
    return said


KIND_PARSERS = {"period": period, "date": date, "count": count, "number": number}


def parse(value, column: Column, table: str, ref: Reference, projects: frozenset[str] | None,
          province_code: str | None):
    """One cell of ``column`` as the database holds it (CellProblem otherwise). ``projects``: those the user may
    load (None: any); ``province_code``: the row's province, already parsed (None if it was wrong)."""
    if isinstance(value, str) and len(value) > CELL_MAX_CHARS:
        raise CellProblem(Phrase("imports.cell.too_long", length=Figure(len(value)), limit=Figure(CELL_MAX_CHARS)),
                          Phrase("imports.cell.too_long.fix"))
    kind = column.kind
    if kind in KIND_PARSERS:
        return KIND_PARSERS[kind](value)
    if kind == "province":
        return province(value, ref)
    if kind == "municipality":
        return municipality(value, province_code, ref)
    if kind == "project":
        return project(value, ref, projects)
    if kind in ("code", "programme"):
        return allowed_code(value, codes(table, column.name))
    return short_text(value, column)
