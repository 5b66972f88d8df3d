"""Who may see what (Scope), what is being asked (Filters), and the periods a question may use.

Both are small immutable values: built once (Scope at login, Filters from the sidebar and the URL), passed
explicitly to every query and every cached function, and usable as cache keys.

Periods may only be whole months, quarters, years or funding-call periods (DISCLOSURE.md §7): no free date
ranges. Keys: month "2025-03", quarter "2025-T1", year "2025", call period "avviso-5".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import ClassVar

from config.phrases import Period as PhrasePeriod
from config.phrases import Phrase, PhraseError

PERIOD_UNITS = ("mese", "trimestre", "anno", "avviso")
LEVELS = ("provincia", "regione", "nazionale")  # finest level a scope may see, finest first

# Funding-call periods of the Programma unico anti-tratta (DOMAIN.md), as inclusive month ranges.
CALL_PERIODS: dict[str, tuple[str, str]] = {
    "avviso-5": ("2022-10", "2024-02"),
    "avviso-7": ("2025-08", "2026-11"),
}

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-T([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


class PeriodError(PhraseError):
    """A period key that does not fit its unit. ``str(error)`` is the Italian message; ``error.text(lang)`` the
    message in another language."""

    def __init__(self, key: str, /, **values) -> None:
        super().__init__(Phrase(key, **values))


@dataclass(frozen=True)
class Scope:
    """The provinces a user may see (None: all) and the finest territorial level allowed."""

    provinces: frozenset[str] | None = None
    level: str = "provincia"
    label: str = "Italia"
    history: bool = False  # may ask for the data as of an earlier version (administrators: rebuilding a pack)
    pinned: int | None = None  # the one earlier version a verified citation link opens (presentation/citations.py)

    @classmethod
    def everything(cls) -> Scope:
        return cls()

    def allows(self, province_code: str) -> bool:
        return self.provinces is None or province_code in self.provinces

    @property
    def fine(self) -> bool:
        """Whether the scope may ask for a single province or project (False for national/regional totals)."""
        return self.level == "provincia"

    def clamp(self, filters: Filters | None) -> Filters | None:
        """The filters this scope may ask: a coarser scope drops the province and project (a project lies in one
        place) and, at national level, the region. Applied by every published query, whatever a page passes."""
        if filters is not None and filters.as_of is not None and not self.history and filters.as_of != self.pinned:
            filters = filters.with_(as_of=None)
        if filters is None or self.fine:
            return filters
        changes: dict = {"province": None, "project": None}
        if self.level == "nazionale":
            changes["region"] = None
        return filters.with_(**changes)


@dataclass(frozen=True)
class Filters:
    """What a page asks: territory, period unit and range, programme and project."""

    unit: str = "mese"
    start: str = ""
    end: str = ""
    region: str | None = None
    province: str | None = None
    programme: str | None = None
    project: str | None = None
    as_of: int | None = None  # the data as they were at this data version (None: the current data)

    def __post_init__(self) -> None:
        if self.unit not in PERIOD_UNITS:
            raise PeriodError("period_error.unit_allowed", unit=self.unit, allowed=", ".join(PERIOD_UNITS))
        for key in (self.start, self.end):
            if key:
                months_of(self.unit, key)  # validates
        if self.start and self.end and months_of(self.unit, self.start)[0] > months_of(self.unit, self.end)[0]:
            raise PeriodError("period_error.reversed", start=self.start, end=self.end)

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    @property
    def periods(self) -> tuple[str, ...]:
        """The period keys from start to end, in order."""
        return periods_between(self.unit, self.start or self.end, self.end)

    @property
    def months(self) -> tuple[str, ...]:
        return tuple(m for p in self.periods for m in months_of(self.unit, p))

    @property
    def total_months(self) -> tuple[str, ...]:
        """The months of a question's totals over time (a funnel, a breakdown, a map of flows): those of the last
        period of the range only. A period is a month, a quarter, a year or a call period (DISCLOSURE.md, rule 7):
        totals over free runs of periods could be subtracted from one another (January-May minus January-April,
        February-May minus February-April...) to average the noise of one month away."""
        return months_of(self.unit, self.end) if self.end else ()


# --- Periods --------------------------------------------------------------------------------------------------
def months_of(unit: str, key: str) -> tuple[str, ...]:
    """The months ("YYYY-MM") a period key covers."""
    if unit == "mese":
        if not _MONTH.match(key):
            raise PeriodError("period_error.month", period=key)
        return (key,)
    if unit == "trimestre":
        m = _QUARTER.match(key)
        if not m:
            raise PeriodError("period_error.quarter", period=key)
        year, q = int(m.group(1)), int(m.group(2))
        return tuple(f"{year}-{month:02d}" for month in range(3 * q - 2, 3 * q + 1))
    if unit == "anno":
        if not _YEAR.match(key):
            raise PeriodError("period_error.year", period=key)
        return tuple(f"{key}-{month:02d}" for month in range(1, 13))
    if unit == "avviso":
        if key not in CALL_PERIODS:
            raise PeriodError("period_error.call", period=key, allowed=", ".join(CALL_PERIODS))
        first, last = CALL_PERIODS[key]
        return tuple(month_range(first, last))
    raise PeriodError("period_error.unit", unit=unit)


def current_month() -> str:
    """This month ("YYYY-MM"): the period pages open on before any monthly data."""
    return dt.date.today().strftime("%Y-%m")


def month_range(first: str, last: str):
    """The months from `first` to `last` ("YYYY-MM", inclusive)."""
    y, m = int(first[:4]), int(first[5:])
    while f"{y}-{m:02d}" <= last:
        yield f"{y}-{m:02d}"
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def period_of_month(unit: str, month: str) -> str | None:
    """The period key of the given unit that contains a month (None for a month outside every call period)."""
    if unit == "mese":
        return month
    if unit == "trimestre":
        return f"{month[:4]}-T{(int(month[5:]) + 2) // 3}"
    if unit == "anno":
        return month[:4]
    for key, (first, last) in CALL_PERIODS.items():
        if first <= month <= last:
            return key
    return None


def shift(unit: str, key: str, steps: int) -> str | None:
    """The period `steps` units away (negative: earlier); None where there is none (calls)."""
    months_of(unit, key)
    if unit == "mese":
        index = int(key[:4]) * 12 + int(key[5:]) - 1 + steps
        return f"{index // 12}-{index % 12 + 1:02d}"
    if unit == "trimestre":
        index = int(key[:4]) * 4 + int(key[-1]) - 1 + steps
        return f"{index // 4}-T{index % 4 + 1}"
    if unit == "anno":
        return str(int(key) + steps)
    keys = sorted(CALL_PERIODS, key=lambda k: CALL_PERIODS[k][0])
    position = keys.index(key) + steps
    return keys[position] if 0 <= position < len(keys) else None


def previous(unit: str, key: str) -> str | None:
    return shift(unit, key, -1)


def periods_between(unit: str, start: str, end: str) -> tuple[str, ...]:
    if not end:
        return ()
    out, key = [], start or end
    while key is not None and months_of(unit, key)[0] <= months_of(unit, end)[0]:
        out.append(key)
        key = shift(unit, key, 1)
    return tuple(out)


def periods_covering(unit: str, months: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The distinct period keys of a unit that contain any of the months, in order."""
    keys = {period_of_month(unit, m) for m in months}
    keys.discard(None)
    return tuple(sorted(keys, key=lambda k: months_of(unit, k)[0]))  # type: ignore[arg-type]



# --- Filters from the URL -------------------------------------------------------------------------------------
PERIOD_EXAMPLES = {"mese": "2025-03", "trimestre": "2025-T1", "anno": "2025", "avviso": "avviso-5"}
URL_KEYS = {"unit": "unita", "start": "da", "end": "a", "region": "regione", "province": "provincia",
            "programme": "programma", "project": "progetto", "as_of": "versione"}


class _Shared:
    """A frozen dataclass that the shared cache of results hands to every session of the process as it is, never
    copied: its mapping fields (``_MAPPINGS``) are made read-only from the start, and every other field is a
    string, a number or a tuple. (A copy of a national scope's 990 projects took 1.3 ms, twice a run.)"""

    _MAPPINGS: ClassVar[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        for name in self._MAPPINGS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, MappingProxyType):
                object.__setattr__(self, name, MappingProxyType(dict(value)))

    def __deepcopy__(self, memo: dict) -> _Shared:
        return self


@dataclass(frozen=True)
class FilterChoices(_Shared):
    """What a user may choose: the provinces of the scope (code -> region code), programmes, projects, months."""

    provinces: dict[str, str]
    programmes: tuple[str, ...]
    projects: dict[str, str]  # project code -> programme
    first_month: str | None
    last_month: str | None
    fine: bool = True  # province and project filters allowed (False: national and regional totals only)
    versions: tuple[int, ...] = ()  # data versions one may ask the data as of (administrators only)
    project_provinces: dict[str, tuple[str, ...]] | None = None  # project code -> provinces with its data

    _MAPPINGS: ClassVar[tuple[str, ...]] = ("provinces", "projects", "project_provinces")

    def projects_in(self, programme: str | None = None, region: str | None = None,
                    province: str | None = None) -> list[str]:
        """The projects one may choose with these filters: of the programme, with data in the territory."""
        return [code for code, prog in self.projects.items()
                if (programme is None or prog == programme) and self._project_in(code, region, province)]

    def _project_in(self, code: str, region: str | None, province: str | None) -> bool:
        if self.project_provinces is None or (region is None and province is None):
            return True
        provinces = self.project_provinces.get(code, ())
        if province is not None:
            return province in provinces
        return any(self.provinces.get(p) == region for p in provinces)

    def default(self, unit: str = "mese", span: bool = False) -> Filters:
        """The latest period with data; with `span`, the range a trend page opens on: the whole period of data,
        from the first period with data to the latest (a structural change, such as a project's places cut years
        ago, shows only over the whole period; the filter bar offers it again in one click). Before any monthly
        data (a new installation, a scope without data) the current month: every page then has a period to ask
        about, and says that nothing was sent for it."""
        last = self.last_month or current_month()
        end = period_of_month(unit, last)
        if end is None and unit == "avviso":
            return Filters(unit="mese", start=last, end=last)
        start = _span_start(unit, end, self) if span and end else end
        return Filters(unit=unit, start=start or "", end=end or "")

    def whole(self, unit: str) -> tuple[str, str] | None:
        """The first and last period of the unit with data (None before any monthly data): "tutto il periodo"."""
        if not self.first_month or not self.last_month:
            return None
        keys = periods_covering(unit, list(month_range(self.first_month, self.last_month)))
        return (keys[0], keys[-1]) if keys else None

    def covers(self, unit: str, key: str) -> bool:
        """Whether a period overlaps the months that have data."""
        if not self.first_month or not self.last_month:
            return False
        months = months_of(unit, key)
        return months[-1] >= self.first_month and months[0] <= self.last_month


@dataclass(frozen=True)
class ChoiceNames(_Shared):
    """The names of a scope's choices, as the filter bar lists them and a view's words name them: region code ->
    name (in the bar's order: by name), province code -> name, project code -> name and short name. Made once per
    scope and data version, with the choices, not at every run."""

    regions: Mapping[str, str]
    provinces: Mapping[str, str]
    projects: Mapping[str, str]
    project_short: Mapping[str, str]

    _MAPPINGS: ClassVar[tuple[str, ...]] = ("regions", "provinces", "projects", "project_short")


def url_value(params, key: str) -> str | None:
    """One URL query parameter as text: the last of a repeated one, None when absent or blank."""
    value = params.get(key)
    if isinstance(value, list):
        value = value[-1] if value else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def filters_from_params(params, choices: FilterChoices, span: bool = False, lang: str = "it",
                        page_keys: tuple[str, ...] = ()) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters. Anything invalid or outside the scope is ignored, with a notice in
    ``lang`` (an unknown parameter too, unless it is one of the page's own ``page_keys``). With `span` (pages that
    show trends) the default is a range of recent periods, else the latest period. Each field has its check below
    (``check_*``: the value, or the reason it is ignored); the notices follow the order of the fields."""
    url = UrlReader(params, unknown_parameters(params, page_keys))
    unit, start, end = _period_range(url, choices, span)
    province = url.read("province", check_province, choices)
    region = url.read("region", check_region, choices, province) or choices.provinces.get(province)
    programme = url.read("programme", check_programme, choices)
    project = url.read("project", check_project, choices, programme, region, province)
    as_of = url.read("as_of", check_as_of, choices)
    filters = Filters(unit=unit, start=start, end=end, region=region, province=province, programme=programme,
                      project=project, as_of=as_of)
    return filters, [notice.text(lang) for notice in url.notices]


class UrlReader:
    """The URL's filter parameters, read one field at a time: a value its check refuses is left out, and the
    reason kept as a notice (in the order the fields are read)."""

    def __init__(self, params, notices: list[Phrase] | None = None) -> None:
        self.params, self.notices = params, notices if notices is not None else []

    def raw(self, name: str) -> str | None:
        """The text of a field (``name`` as in URL_KEYS), None when absent or blank."""
        return url_value(self.params, URL_KEYS[name])

    def read(self, name: str, check, *args, default=None):
        """The field's value as ``check(raw, *args)`` returns it; ``default`` when absent or refused."""
        raw = self.raw(name)
        if raw is None:
            return default
        value = check(raw, *args)
        if isinstance(value, Phrase):
            self.notices.append(Phrase("notice.ignored", name=URL_KEYS[name], value=raw, why=value))
            return default
        return value

    def note(self, key: str, **values) -> None:
        self.notices.append(Phrase(key, **values))


def unknown_parameters(params, page_keys: tuple[str, ...] = ()) -> list[Phrase]:
    """A notice for each URL parameter that is neither a filter nor one of the page's own."""
    allowed = [*URL_KEYS.values(), *page_keys]
    return [Phrase("notice.unknown", name=name, allowed=", ".join(allowed)) for name in params if name not in allowed]


def check_unit(raw: str) -> str | Phrase:
    if raw not in PERIOD_UNITS:
        return Phrase("notice.unit", allowed=", ".join(PERIOD_UNITS))
    return raw


def check_period(raw: str, unit: str, choices: FilterChoices) -> str | Phrase:
    """A period key of the unit that overlaps the months with data."""
    try:
        months_of(unit, raw)
    except PeriodError:
        return Phrase("notice.period", unit=Phrase(f"unit.{unit}"), example=PERIOD_EXAMPLES[unit])
    if not choices.first_month or not choices.last_month:
        return Phrase("notice.no_months")
    if not choices.covers(unit, raw):
        return Phrase("notice.outside", first=PhrasePeriod("mese", choices.first_month),
                      last=PhrasePeriod("mese", choices.last_month))
    return raw


def _period_range(url: UrlReader, choices: FilterChoices, span: bool) -> tuple[str, str, str]:
    """Unit, start and end: the URL's where valid, else the default (recent periods); an end alone ends the
    default range; a reversed range falls back to the default, with a notice."""
    base = choices.default(url.read("unit", check_unit, default="mese"), span)
    unit = base.unit
    start = url.read("start", check_period, unit, choices, default=base.start)
    end = url.read("end", check_period, unit, choices, default=base.end)
    if url.raw("start") is None and end != base.end:  # an end from the URL: the range ends there
        start = _span_start(unit, end, choices) if span else end
    if start and end and months_of(unit, start)[0] > months_of(unit, end)[0]:
        url.note("notice.reversed", start=PhrasePeriod(unit, start), end=PhrasePeriod(unit, end))
        start, end = base.start, base.end
    return unit, start, end


def check_province(raw: str, choices: FilterChoices) -> str | Phrase:
    if not choices.fine:
        return Phrase("notice.coarse")
    if raw not in choices.provinces:
        return Phrase("notice.province")
    return raw


def check_region(raw: str, choices: FilterChoices, province: str | None) -> str | Phrase:
    """A region of the scope, and the region of the province when one is chosen."""
    if province is not None and choices.provinces[province] != raw:
        return Phrase("notice.region_of", province=province)
    if raw not in set(choices.provinces.values()):
        return Phrase("notice.region")
    return raw


def check_programme(raw: str, choices: FilterChoices) -> str | Phrase:
    if raw not in choices.programmes:
        return Phrase("notice.programme", allowed=", ".join(choices.programmes))
    return raw


def check_project(raw: str, choices: FilterChoices, programme: str | None, region: str | None,
                  province: str | None) -> str | Phrase:
    """A project of the scope, of the chosen programme, with data in the chosen territory."""
    if not choices.fine:
        return Phrase("notice.coarse")
    if raw not in choices.projects:
        return Phrase("notice.project")
    if programme is not None and choices.projects[raw] != programme:
        return Phrase("notice.project_programme", programme=programme)
    if raw not in choices.projects_in(None, region, province):
        return Phrase("notice.project_area", area=province or region)
    return raw


def check_as_of(raw: str, choices: FilterChoices) -> int | None | Phrase:
    """An earlier data version (administrators only); the latest one is the current data (None)."""
    if not choices.versions:
        return Phrase("notice.as_of_role")
    if not raw.isdigit() or int(raw) not in choices.versions:
        return Phrase("notice.as_of", first=min(choices.versions), last=max(choices.versions))
    return int(raw) if int(raw) != max(choices.versions) else None


def _span_start(unit: str, end: str, choices: FilterChoices) -> str:
    """The start of a default range ending at `end`: the first period with data (the whole period of data)."""
    whole = choices.whole(unit)
    if whole is None or months_of(unit, whole[0])[0] > months_of(unit, end)[0]:
        return end
    return whole[0]


def filters_to_params(filters: Filters) -> dict[str, str]:
    """The URL query parameters that reproduce these filters."""
    out = {}
    for name, key in URL_KEYS.items():
        value = getattr(filters, name)
        if value:
            out[key] = str(value)
    return out
