"""The filter bar's reconcile step without Streamlit (data_access.filter_state): the URL, the widgets' last state and
the URL written last give the filters shown, each widget's options and the states to forget; and the messages of
PeriodError in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.filter_state import ALL, END, PERIOD, PROJECT, PROVINCE, REGION, START, UNIT, FilterState, reconcile
from data_access.scope import FilterChoices, Filters, PeriodError, months_of

CHOICES = FilterChoices(
    provinces={"014": "03", "015": "03", "028": "05", "064": "15"},  # Sondrio, Milano (Lombardia); Padova; Avellino
    programmes=("SAI", "CAS", "ANTITRATTA", "FAMI", "ALTRO"),
    projects={"SAI-SONDRIO": "SAI", "DIAGRAMMI-NORD": "ANTITRATTA"},
    first_month="2019-01",
    last_month="2025-12",
    project_provinces={"SAI-SONDRIO": ("014",), "DIAGRAMMI-NORD": ("015", "028")},
)
REGIONS = ("15", "03", "05")  # Campania, Lombardia, Veneto: the order of their names


def run(params: dict, widgets: dict | None = None, last_url: dict | None = None, **kwargs) -> FilterState:
    return reconcile(params, widgets or {}, last_url, CHOICES, REGIONS, **kwargs)


def shown(state: FilterState) -> dict:
    """The widgets' state after a run, as Streamlit keeps it for the next one."""
    return {key: widget.value for key, widget in state.widgets.items()}


def test_the_url_alone_sets_the_filters_and_the_widgets():
    params = {"unita": "trimestre", "da": "2024-T1", "a": "2025-T2", "provincia": "014", "programma": "SAI"}
    state = run(params)
    assert state.filters == Filters(unit="trimestre", start="2024-T1", end="2025-T2", region="03", province="014",
                                    programme="SAI")
    assert state.notices == () and state.forget == frozenset() and state.url == {**params, "regione": "03"}
    assert state.widgets[REGION].options == (ALL, "15", "03", "05") and state.widgets[REGION].value == "03"
    assert state.widgets[PROVINCE].options == (ALL, "014", "015")  # the provinces of the region only
    assert state.widgets[START].index == state.widgets[START].options.index("2024-T1")
    assert PERIOD not in state.widgets  # a range page: from and to, no single period


def test_the_url_notices_come_through_in_the_language_asked():
    state = run({"provincia": "999", "unita": "settimana"}, lang="en")
    assert state.notices == (
        'Parameter "unita" ignored: "settimana" is not a period unit (allowed: mese, trimestre, anno, avviso).',
        'Parameter "provincia" ignored: "999" is not one of the provinces you see.')
    assert state.filters.province is None and state.filters.unit == "mese"


def test_a_widget_change_is_kept_on_the_next_runs():
    """The URL opens the page; then each change of a widget wins over the URL the bar itself wrote, the second
    change too (it used to be lost when the URL moved the widget's default)."""
    first = run({"unita": "anno", "da": "2021", "a": "2022", "provincia": "014"})
    widgets = {**shown(first), PROVINCE: "015"}  # the user picks Milano
    second = run(first.url, widgets, last_url=first.url)
    assert second.filters.province == "015" and second.url["provincia"] == "015"
    widgets = {**shown(second), PROVINCE: ALL}  # then all provinces
    third = run(second.url, widgets, last_url=second.url)
    assert third.filters.province is None and "provincia" not in third.url
    assert (third.filters.unit, third.filters.start, third.filters.end) == ("anno", "2021", "2022")
    assert third.forget == frozenset()


def test_a_link_opened_in_the_session_wins_over_the_widgets():
    first = run({"provincia": "014"})
    link = {"provincia": "064", "a": "2024-03"}  # another link opened in the same session
    state = run(link, shown(first), last_url=first.url)
    assert (state.filters.region, state.filters.province) == ("15", "064")
    assert state.filters.end == "2024-03"
    assert {REGION, PROVINCE, START, END} <= state.forget  # the widgets' old state is dropped
    # the same widgets with the URL the bar wrote: the widgets win
    assert run(first.url, {**shown(first), PROVINCE: "015"}, last_url=first.url).filters.province == "015"


def test_a_province_of_another_region_is_forgotten():
    first = run({"provincia": "014"})
    widgets = {**shown(first), REGION: "05"}  # the user picks Veneto; Sondrio is still the province's state
    state = run(first.url, widgets, last_url=first.url)
    assert (state.filters.region, state.filters.province) == ("05", None)
    assert PROVINCE in state.forget and state.widgets[PROVINCE].options == (ALL, "028")
    assert state.url == {**{k: v for k, v in first.url.items() if k != "provincia"}, "regione": "05"}


def test_a_project_outside_the_chosen_territory_is_forgotten():
    first = run({"progetto": "SAI-SONDRIO"})
    state = run(first.url, {**shown(first), REGION: "05"}, last_url=first.url)
    assert state.filters.project is None and PROJECT in state.forget



def test_a_change_of_unit_starts_from_the_whole_period():
    first = run({"da": "2023-01", "a": "2023-06"})
    state = run(first.url, {**shown(first), UNIT: "trimestre"}, last_url=first.url)
    assert (state.filters.unit, state.filters.start, state.filters.end) == ("trimestre", "2019-T1", "2025-T4")
    assert {START, END} <= state.forget  # months are no quarters
    assert state.widgets[START].options[-1] == "2025-T4"


def test_a_single_period_page_draws_one_period_and_follows_a_change_of_unit():
    first = run({"da": "2023-01", "a": "2023-06"}, period_range=False)
    assert (first.filters.start, first.filters.end) == ("2023-06", "2023-06")
    assert PERIOD in first.widgets and START not in first.widgets
    state = run(first.url, {**shown(first), UNIT: "anno"}, last_url=first.url, period_range=False)
    assert (state.filters.unit, state.filters.start, state.filters.end) == ("anno", "2025", "2025")
    assert state.forget == {PERIOD}


def test_the_page_parameters_stay_in_the_url():
    state = run({"misura": "places", "modo": "x"}, page_params={"misura": "places", "modo": None})
    assert state.notices == ()  # the page's own parameters are not unknown
    assert state.url["misura"] == "places" and "modo" not in state.url


def test_period_errors_are_italian_by_default_and_can_be_english():
    with pytest.raises(PeriodError) as error:
        months_of("mese", "2025-13")
    assert str(error.value) == "Mese non valido: '2025-13' (formato AAAA-MM, per esempio 2025-03)."
    assert error.value.text("en") == "Invalid month: '2025-13' (format YYYY-MM, for example 2025-03)."
    with pytest.raises(PeriodError) as error:
        Filters(unit="mese", start="2025-05", end="2025-01")
    assert error.value.text("en") == "The first period 2025-05 comes after the last one 2025-01."


def test_a_page_change_from_the_menu_carries_the_filters():
    """The menu drops the URL's parameters: the filters the bar wrote last come back, with the new page's own."""
    first = run({"unita": "anno", "provincia": "015"})
    after_menu = run({}, shown(first), last_url=first.url)
    assert (after_menu.filters.unit, after_menu.filters.province) == ("anno", "015")
    assert after_menu.url == first.url and after_menu.notices == ()
    map_page = run({}, {}, last_url={**first.url, "misura": "occupied"}, page_params={"misura": "places"})
    assert map_page.filters.province == "015" and map_page.url["misura"] == "places"
    assert run({}, {}, last_url=None).filters.province is None  # a new session: nothing to carry


def test_a_single_period_page_keeps_the_range_start_for_the_range_pages():
    ranged = run({"unita": "trimestre", "da": "2024-T1", "a": "2025-T4"})
    single = run({}, {}, last_url=ranged.url, period_range=False)
    assert (single.filters.start, single.filters.end) == ("2025-T4", "2025-T4")
    assert single.url["da"] == "2024-T1"  # kept for the range pages, unused here
    back = run({}, {}, last_url=single.url)
    assert (back.filters.start, back.filters.end) == ("2024-T1", "2025-T4")
    earlier = run(single.url, {**shown(single), PERIOD: "2023-T4"}, last_url=single.url, period_range=False)
    assert earlier.filters.end == "2023-T4" and "da" not in earlier.url  # a start after the period is dropped


def test_before_any_monthly_data_the_period_is_this_month_and_not_written():
    empty = FilterChoices(provinces=CHOICES.provinces, programmes=CHOICES.programmes, projects={}, first_month=None,
                          last_month=None)
    state = reconcile({}, {}, None, empty, REGIONS)
    assert state.filters.end == dt.date.today().strftime("%Y-%m") and state.filters.start == state.filters.end
    assert "a" not in state.url and "da" not in state.url and PERIOD not in state.widgets and END not in state.widgets
    linked = reconcile({"a": "2025-03"}, {}, None, empty, REGIONS, lang="en")
    assert linked.notices == ('Parameter "a" ignored: "2025-03" cannot be chosen: there are no months with data yet.',)


def test_notices_name_periods_in_words():
    state = run({"da": "2010-01"})
    assert state.notices == ("Parametro «da» ignorato: «2010-01» è fuori dai mesi con dati (gennaio 2019 - "
                             "dicembre 2025).",)
    assert run({"da": "2025-05", "a": "2025-01"}).notices == (
        "Parametri «da»/«a» ignorati: il periodo iniziale maggio 2025 è successivo a quello finale gennaio 2025.",)


def test_whole_period_is_one_click_away():
    """Issue 19: a narrowed range offers the whole period of data (its first and last period); the whole range, or
    a page of one period, offers nothing."""
    from data_access.filter_state import whole_period

    narrowed = run({"da": "2023-01", "a": "2023-06"})
    assert whole_period(narrowed) == {START: "2019-01", END: "2025-12"}
    widened = run(narrowed.url, {**shown(narrowed), **whole_period(narrowed)}, last_url=narrowed.url)
    assert (widened.filters.start, widened.filters.end) == ("2019-01", "2025-12")
    assert widened.url["da"] == "2019-01" and whole_period(widened) is None
    assert whole_period(run({})) is None  # the default is the whole period
    assert whole_period(run({"da": "2023-01", "a": "2023-06"}, period_range=False)) is None
