"""What the filter bar shows on a run, decided without Streamlit: from the URL's parameters, the widgets' last state
(the session's values of the filter keys), the URL the bar wrote last, the choices of the scope and whether the page
shows a range, :func:`reconcile` returns the `Filters` to show, each widget's options and the option it shows, the
widget states to forget, the notices and the URL to write. The widgets (views/filter_bar.py) only draw that.

The rules, each one a fix of a lost choice:
- Widgets are keyed: their key is their identity, so a choice stays from run to run even when the URL moves the
  widget's default (a second change of a filter used to be lost).
- A choice that is no longer among its widget's options (a province of another region, a month after a change of
  unit) is forgotten, and the widget shows its default.
- A link opened within the session (a URL other than the one the bar wrote last) wins over the widgets' state.
- A page change from the menu drops the URL's parameters: a URL without any filter parameter, within a session
  whose bar wrote a URL before, carries the filters of that URL (the user keeps territory and periods from page to
  page, and the address holds them again).
- A page of one period keeps the range's start of the URL while it is not after the chosen period, so that the
  range pages find their range again after it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from data_access.scope import (
    PERIOD_UNITS,
    URL_KEYS,
    FilterChoices,
    Filters,
    filters_from_params,
    filters_to_params,
    month_range,
    months_of,
    periods_covering,
)

# The session keys of the filter widgets, which are their identity in Streamlit.
REGION, PROVINCE, UNIT, START, END, PERIOD = ("filtro_regione", "filtro_provincia", "filtro_unita", "filtro_da",
                                              "filtro_a", "filtro_periodo")
PROGRAMME, PROJECT, AS_OF = "filtro_programma", "filtro_progetto", "filter_as_of"
FILTER_KEYS = (REGION, PROVINCE, UNIT, START, END, PERIOD, PROGRAMME, PROJECT, AS_OF)
# The option "all" (all regions, all projects, the current data) as a widget holds it: not None, which Streamlit
# takes for "nothing chosen" when the value is set again (the language switch), showing its "Choose an option".
ALL = "*"


@dataclass(frozen=True)
class Widget:
    """One filter widget on this run: its options and the option it shows."""

    options: tuple
    value: object

    @property
    def index(self) -> int:
        return self.options.index(self.value)


@dataclass(frozen=True)
class FilterState:
    """The filter bar of one run: the filters to show, the widgets to draw (key -> Widget, in drawing order), the
    widget states to forget before drawing, the notices about the URL and the URL parameters to write."""

    filters: Filters
    widgets: dict[str, Widget]
    forget: frozenset[str]
    notices: tuple[str, ...]
    url: dict[str, str]


def link_opened(params: Mapping, last_url: Mapping | None) -> bool:
    """Whether the URL's parameters are not the ones the filter bar last wrote: a link opened within the session
    (or a page switch), so the URL, not the widgets' state, sets the filters."""
    return last_url is not None and dict(params) != dict(last_url)


class _Picker:
    """Which option each widget shows: its last state while that is among its options, else its default."""

    def __init__(self, state: Mapping[str, object]) -> None:
        self.state = state
        self.widgets: dict[str, Widget] = {}
        self.forgotten: set[str] = set()

    def pick(self, key: str, options: Sequence, default):
        """The value the widget shows (None where it shows "all", held by the widget as ALL)."""
        options = tuple(ALL if option is None else option for option in options)
        value = ALL if default is None else default
        if key in self.state:
            if self.state[key] in options:
                value = self.state[key]
            else:
                self.forgotten.add(key)
        self.widgets[key] = Widget(options, value)
        return None if value == ALL else value


def reconcile(params: Mapping, widgets: Mapping[str, object], last_url: Mapping | None, choices: FilterChoices,
              regions: Sequence[str], *, period_range: bool = True, page_params: Mapping[str, str | None] | None = None,
              lang: str = "it") -> FilterState:
    """The filter bar's state on this run.

    ``params``: the URL's query parameters; ``widgets``: the session's values of FILTER_KEYS (absent keys left out);
    ``last_url``: the parameters the bar wrote on its last run (None on the first); ``regions``: the region codes of
    the scope in the order the bar lists them; ``page_params``: the page's own URL parameters (name -> value, kept
    in the URL as they are; None values left out)."""
    page_params = page_params or {}
    params = carried(params, last_url)
    opened = link_opened(params, last_url)
    picker = _Picker({} if opened else widgets)
    url, notices = filters_from_params(params, choices, span=period_range, lang=lang, page_keys=tuple(page_params))
    range_start = url.start
    if not period_range and url.start != url.end:
        url = url.with_(start=url.end)
    region, province = _territory(picker, url, choices, regions)
    base, unit, start, end = _periods(picker, url, choices, period_range)
    programme, project = _programme_and_project(picker, base, choices, region, province)
    as_of = picker.pick(AS_OF, [None, *reversed(choices.versions[:-1])], base.as_of) if choices.versions else None
    filters = Filters(unit=unit, start=start, end=end, region=region, province=province, programme=programme,
                      project=project, as_of=as_of)
    forget = set(widgets) & set(FILTER_KEYS) if opened else picker.forgotten
    written = {**filters_to_params(filters), **{k: v for k, v in page_params.items() if v is not None}}
    if not period_range:
        _keep_range_start(written, filters, range_start if unit == url.unit else "")
    if not choices.last_month:  # no month with data: the period shown is the current month, nothing to keep
        for key in (URL_KEYS["start"], URL_KEYS["end"]):
            written.pop(key, None)
    return FilterState(filters, picker.widgets, frozenset(forget), tuple(notices), written)


def whole_period(state: FilterState) -> dict[str, str] | None:
    """The widget values that show the whole period of data in the range's unit ("Tutto il periodo": the first
    and the last period with data), or None where the bar shows no range or the range is already the whole."""
    start, end = state.widgets.get(START), state.widgets.get(END)
    if start is None or end is None:
        return None
    first, last = start.options[0], start.options[-1]
    if (start.value, end.value) == (first, last):
        return None
    return {START: first, END: last}


def carried(params: Mapping, last_url: Mapping | None) -> dict:
    """The URL's parameters, or after a page change from the menu (no filter parameter in the URL, and a URL
    written before in the session) the filter parameters of the last URL with the page's own."""
    params = dict(params)
    if last_url is None or any(key in params for key in URL_KEYS.values()):
        return params
    return {**{k: v for k, v in last_url.items() if k in URL_KEYS.values()}, **params}


def _keep_range_start(written: dict[str, str], filters: Filters, start: str) -> None:
    """On a page of one period: ``da`` is the range's start the URL brought (when it is not after the period
    shown), else left out."""
    written.pop(URL_KEYS["start"], None)
    if start and start != filters.end and months_of(filters.unit, start)[0] <= months_of(filters.unit, filters.end)[0]:
        written[URL_KEYS["start"]] = start


def _territory(picker: _Picker, url: Filters, choices: FilterChoices,
               regions: Sequence[str]) -> tuple[str | None, str | None]:
    """Region, then province among those of the region (no province widget for a scope of coarse totals)."""
    region = picker.pick(REGION, [None, *regions], url.region)
    in_region = [code for code, of in choices.provinces.items() if region is None or of == region]
    province = url.province if url.province in in_region else None
    if choices.fine:
        province = picker.pick(PROVINCE, [None, *in_region], province)
    return region, province


def _periods(picker: _Picker, url: Filters, choices: FilterChoices,
             period_range: bool) -> tuple[Filters, str, str, str]:
    """The unit, then the range (or the single period) among the periods of that unit with data. A new unit starts
    from its latest period(s): the returned base filters are then the defaults, whose programme, project and version
    are the defaults of the widgets that follow."""
    unit = picker.pick(UNIT, PERIOD_UNITS, url.unit)
    months = list(month_range(choices.first_month, choices.last_month)) if choices.last_month else []
    keys = list(periods_covering(unit, months))
    if not keys:  # no data: the URL's (or default) periods, without widgets to choose them
        return url, url.unit, url.start, url.end
    base = choices.default(unit, span=period_range) if unit != url.unit else url
    end = base.end if base.end in keys else keys[-1]
    if not period_range:
        end = picker.pick(PERIOD, keys, end)
        return base, unit, end, end
    start = base.start if base.start in keys and keys.index(base.start) <= keys.index(end) else end
    start = picker.pick(START, keys, start)
    end_keys = keys[keys.index(start):]
    end = picker.pick(END, end_keys, end if end in end_keys else end_keys[-1])
    return base, unit, start, end


def _programme_and_project(picker: _Picker, base: Filters, choices: FilterChoices, region: str | None,
                           province: str | None) -> tuple[str | None, str | None]:
    """The programme, then a project of it with data in the territory (none for a scope of coarse totals)."""
    programme = picker.pick(PROGRAMME, [None, *choices.programmes], base.programme)
    if not choices.fine:
        return programme, None
    options = [None, *choices.projects_in(programme, region, province)]
    return programme, picker.pick(PROJECT, options, base.project if base.project in options else None)
