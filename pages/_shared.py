"""Layout pieces every page uses: the filter bar, the demo banner, captions. No data work happens here: the
choices come from data_access, and the URL is parsed and validated by data_access.scope."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import urlparse

import streamlit as st

from config.labels import fmt_period, t
from data_access import queries
from data_access.scope import (
    PERIOD_UNITS,
    Filters,
    Scope,
    filters_from_params,
    filters_to_params,
    month_range,
    periods_covering,
)
from pages import _session


def _through_app_only() -> None:
    """Run pages only through app.py.

    On the first run after a server start, Streamlit sees the pages/ folder and runs a page file named by the
    URL directly (its old multipage mode), skipping app.py: its checks, the user's scope and, with login, the
    authentication. Such a run has no scope in its session, so it is sent to app.py, which installs
    st.navigation and switches Streamlit to the declared pages for good. The user is checked again here (one
    query), so a session that a logout, a disable or a password reset has ended stops even in such a run.
    """
    if "scope" not in st.session_state or _session.current_user(_session.engine()) is None:
        path = urlparse(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
        st.session_state["requested_page"] = path  # app.py continues to it once navigation is set up
        st.switch_page("app.py", query_params=st.query_params.to_dict())


_through_app_only()


def lang() -> str:
    """The interface language. Every page asks it first, so the check that the run came through app.py (with a
    logged-in user and their scope) happens at every run, not only at the first import of this module."""
    _through_app_only()
    return st.session_state.get("lang", "it")


def current_scope() -> Scope:
    """The scope set by app.py at login; a page never builds one."""
    return st.session_state["scope"]


def filter_bar(scope: Scope, *, period_range: bool = True) -> Filters:
    """The shared sidebar: territory, period unit and period(s), programme. State lives in the URL."""
    language = lang()
    options = queries.filter_choices(scope, None)
    choices, provinces = options["choices"], options["provinces"]
    filters, notices = filters_from_params(st.query_params.to_dict(), choices, span=period_range)
    if not period_range and filters.start != filters.end:
        filters = filters.with_(start=filters.end)
    for notice in notices:
        st.warning(notice, icon=":material/warning:")

    bar = st.sidebar
    bar.header(t("filter.header", language))
    regions = provinces.drop_duplicates("region_code").sort_values("region_name")
    region_names = dict(zip(regions["region_code"], regions["region_name"], strict=True))
    region_options = [None, *region_names]
    region = bar.selectbox(t("filter.region", language), region_options,
                           index=region_options.index(filters.region),
                           format_func=lambda c: t("filter.all_regions", language) if c is None else region_names[c])
    in_region = provinces if region is None else provinces[provinces["region_code"] == region]
    province_names = dict(zip(in_region["code"], in_region["name"], strict=True))
    province_options = [None, *province_names]
    province = filters.province if filters.province in province_names else None
    if choices.fine:  # a scope of national and regional totals has no province to choose
        province = bar.selectbox(t("filter.province", language), province_options,
                                 index=province_options.index(province),
                                 format_func=lambda c: t("filter.all_provinces", language) if c is None
                                 else province_names[c])

    unit = bar.radio(t("filter.unit", language), PERIOD_UNITS, index=PERIOD_UNITS.index(filters.unit),
                     format_func=lambda u: t(f"unit.{u}", language), horizontal=True)
    months = list(month_range(choices.first_month, choices.last_month)) if choices.last_month else []
    keys = list(periods_covering(unit, months))
    if unit != filters.unit:  # a new unit: start from the latest period(s) of that unit
        filters = choices.default(unit, span=period_range) if keys else filters
    start, end = filters.start, filters.end
    if keys:
        end = end if end in keys else keys[-1]
        if period_range:
            start = start if start in keys and keys.index(start) <= keys.index(end) else end
            start = bar.selectbox(t("filter.from", language), keys, index=keys.index(start),
                                  format_func=lambda k: fmt_period(unit, k, language))
            end_keys = keys[keys.index(start):]
            end = bar.selectbox(t("filter.to", language), end_keys, index=end_keys.index(end)
                                if end in end_keys else len(end_keys) - 1,
                                format_func=lambda k: fmt_period(unit, k, language))
        else:
            end = bar.selectbox(t("filter.period", language), keys, index=keys.index(end),
                                format_func=lambda k: fmt_period(unit, k, language))
            start = end

    programme_options = [None, *choices.programmes]
    programme = bar.selectbox(t("filter.programme", language), programme_options,
                              index=programme_options.index(filters.programme),
                              format_func=lambda p: t("filter.all_programmes", language) if p is None
                              else t(f"programme.{p}", language))
    chosen = Filters(unit=unit if keys else filters.unit, start=start, end=end, region=region, province=province,
                     programme=programme, project=filters.project)
    params = filters_to_params(chosen)
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)
    _session.record_view(st.session_state.get("current_page", ""), params)
    return chosen


def territory_name(filters: Filters, scope: Scope) -> str:
    """The territory a page shows, in words ("Italia", "Lombardia", "Sondrio")."""
    language = lang()
    provinces = queries.filter_choices(scope, None)["provinces"]
    if filters.province:
        return provinces.loc[provinces["code"] == filters.province, "name"].iloc[0]
    if filters.region:
        return provinces.loc[provinces["region_code"] == filters.region, "region_name"].iloc[0]
    return scope.label if scope.provinces is not None else t("territory.italy", language)


def source_caption(data_version: int | None) -> None:
    info = queries.version_info()
    if info is None:
        return
    st.caption(t("app.source", lang(), date=info["created_at"].strftime("%d/%m/%Y"),
                 version=data_version if data_version is not None else info["id"]))


def small_values_note(k: int) -> None:
    st.caption(t("app.small_note", lang(), k=k))


@dataclass(frozen=True)
class PageContext:
    """What every analytic page starts from: language, scope, filters and their wording for titles."""

    language: str
    scope: Scope
    filters: Filters
    territory: str  # "Italia", "Lombardia", "Sondrio"
    period: str  # "dicembre 2025" or "da gennaio 2025 a dicembre 2025"
    unit_title: str  # "Mese", "Trimestre"... for axis titles


def page_context(*, period_range: bool = True) -> PageContext:
    """The filter bar, then the words a page's titles need."""
    language = lang()
    scope = current_scope()
    filters = filter_bar(scope, period_range=period_range)
    start, end = (fmt_period(filters.unit, key, language) for key in (filters.start or filters.end, filters.end))
    period = end if start == end else t(f"analytics.range.{filters.unit}", language, start=start, end=end,
                                        first=filters.start, last=filters.end)
    return PageContext(language, scope, filters, territory_name(filters, scope), period,
                       t(f"unit.{filters.unit}", language).capitalize())


def show_chart(container, chart, **kwargs):
    """Draw a chart built by charts.py in a container (st, a tab, a column).

    Streamlit validates every Altair spec against the Vega-Lite JSON schema on every rerun, which took about a
    third of an analytic page's time. The builders' specs are validated once, by tests/test_charts.py, so here
    this chart (only this one) is serialised without validation.
    """
    object.__setattr__(chart, "to_dict", functools.partial(type(chart).to_dict, chart, validate=False))
    return container.altair_chart(chart, **kwargs)
