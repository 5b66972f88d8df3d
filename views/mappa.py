"""Mappa territoriale: one measure by province or region on a choropleth, absolute or per 100,000 residents.

Clicking an area (the map's point selection ``territorio``) focuses the other charts of the page on it: the
trend of the measure for that area and the ranking of the provinces of its region. Without a selection they
show the whole territory of the filters and the top areas. The map and what its selection focuses (ranking, trend,
their tables and notes) are one fragment (``views.layout.fragment``): a click reruns that part only, not the filter
bar, the controls and the page's queries (issue 20). Geometry is fetched by the browser from the
static TopoJSON (``TOPOJSON_URL``); figures come published from ``data_access.geo``. The people in the reception
system as the Ministry of the Interior publishes them are a measure of the map of regions (public statistics, shown
as published, with their source).
"""

from dataclasses import dataclass
from typing import Any

import streamlit as st

from config.labels import fmt_period, md_literal, t, t_md
from data_access import annotations, geo, queries
from data_access.geo import (
    CAPACITY_MEASURES,
    MAP_MEASURES,
    MAP_MODES,
    MAP_URL_KEYS,
    NO_RATE,
    PUBLIC_MEASURES,
    map_levels,
    map_view_from_params,
)
from data_access.scope import Filters, shift
from data_access.sql import Published
from presentation import charts, grammar, registry, view_cache
from tools.topojson import ID_PROPERTY, ensure_topojson, zoom_to_regions
from views import public_context
from views.layout import (
    PageContext,
    current_scope,
    fragment,
    lang,
    page_context,
    plausibility_notes,
    say_missing,
    show_chart,
    show_table,
    small_values_note,
    source_caption,
    url_changed,
)

RANKING_TOP = 15
MAP_KEY = "mappa_selezione"
SERIES_PERIODS = {"mese": 12, "trimestre": 8, "anno": 5, "avviso": 2}  # trend length when one period is chosen

language = lang()
scope = current_scope()
levels = map_levels(scope)
# The map's own state (measure, mode, level) lives in the URL with the filters, so a link reproduces the view: the
# URL sets the controls when the page opens; then the controls set the URL.
WIDGETS = {"measure": "mappa_misura", "mode": "mappa_modo", "level": "mappa_livello"}
# The default measure is one with data in the user's territory (places, else contacts, else the public presences).
default = geo.default_measure(queries.data_available(scope, None))
view, view_notices = map_view_from_params(st.query_params.to_dict(), levels, language, default)
outside = url_changed()
for name, key in WIDGETS.items():
    if (outside or key not in st.session_state) and name in view:
        st.session_state[key] = view[name]
current = {name: st.session_state.get(key) for name, key in WIDGETS.items()}
context = page_context(page_params={MAP_URL_KEYS[name]: value for name, value in current.items()})
filters, scope = context.filters, context.scope  # the run's scope (a citation link may open a data version)
for notice in view_notices:
    st.warning(md_literal(notice), icon=":material/warning:")  # it holds URL values
ensure_topojson()  # built by `manage.py init-db`; here only a cheap check (or a first build)

st.title(t("mappa.title", language))
if not levels:
    st.info(t("mappa.no_levels", language))
    st.stop()
context.require("capacity", "outreach")
st.markdown(t("mappa.intro", language))

controls = st.columns([2, 2, 1])
measure = controls[0].selectbox(t("mappa.measure", language), MAP_MEASURES, key=WIDGETS["measure"],
                                format_func=lambda m: t(f"measure.{m}", language))
has_rate = measure not in NO_RATE
public = measure in PUBLIC_MEASURES  # published by region only: the map of regions
if public and st.session_state.get(WIDGETS["level"]) != "regione":
    st.session_state[WIDGETS["level"]] = "regione"
mode = controls[1].radio(t("mappa.mode", language), MAP_MODES, key=WIDGETS["mode"], horizontal=True,
                         format_func=lambda m: t(f"mappa.mode.{m}", language), disabled=not has_rate)
level = controls[2].radio(t("mappa.level", language), levels, key=WIDGETS["level"], horizontal=True,
                          format_func=lambda v: t(f"mappa.level.{v}", language), disabled=public,
                          help=t("reference.map.regions", language) if public else None)
per_100k = has_rate and mode == "per_100k"

result = geo.map_values(scope, filters, measure, level, language)  # registry.MAP's query
frame = result.frame
territory = context.territory


start, end = filters.start or filters.end, filters.end
if frame.empty:  # the measure's table was not sent for the period (or never)
    say_missing(("capacity" if measure in CAPACITY_MEASURES else "outreach",), context.available,
                territory=territory, period=fmt_period(filters.unit, end, language))
period = registry.map_period(result, context.words())["period"]  # a snapshot, a report date or the last period
# The trend covers the chosen range or, for a single period, the periods leading to it.
series_filters = filters
if start == end and end:
    series_filters = filters.with_(start=shift(filters.unit, end, -(SERIES_PERIODS[filters.unit] - 1)) or end)
if start != end and not public:  # public data: the map says the date of its figures
    st.caption(t("analytics.totals_last_period", language, period=fmt_period(filters.unit, end, language)))

# --- The map: the registry's entry (the pack's map slide is the same chart) ----------------------------------------
# Provinces: zoom to the filtered region, or to the regions of a scope limited to some provinces.
zoom = None
if level == "provincia" and filters.region:
    zoom = zoom_to_regions([filters.region])
elif level == "provincia" and scope.provinces is not None:
    zoom = zoom_to_regions(queries.filter_choices(scope, None)["provinces"]["region_code"])
chart = registry.MAP.chart(result, context.words(), measure=measure, mode=mode, level=level, zoom=zoom or "")


# --- The map and what its selection focuses: a fragment, so a click on the map reruns this part only ----------------
@dataclass(frozen=True)
class MapView:
    """What the page's run chose for the map (controls, filters, the published result, the chart): the fragment draws
    from it, in the page's run and in its own reruns."""

    context: PageContext
    result: Published  # registry.MAP's query
    chart: Any  # the map (registry.MAP)
    measure: str
    level: str
    levels: tuple[str, ...]
    per_100k: bool
    series_filters: Filters  # the trend's range
    period: str  # the date of the map's figures
    source: str | None  # the downloads' source line, where not the project data's (public statistics)

    @property
    def label(self) -> str:  # "Posti"
        return t(f"measure.{self.measure}", self.context.language)

    @property
    def shown(self) -> str:  # the measure as drawn: "Posti", "Posti ogni 100.000 residenti"
        return t("mappa.per_100k_title", self.context.language, measure=self.label) if self.per_100k else self.label

    @property
    def column(self) -> str:
        return "rate_100k" if self.per_100k else "value"

    def series_title(self, name: str | None) -> str:
        """The trend's title, for the area selected (``name``) or the whole territory."""
        unit, language = self.context.filters.unit, self.context.language
        return t("mappa.series_title", language, measure=self.shown, territory=name or self.context.territory,
                 period=grammar.period_range(unit, self.series_filters.start, self.context.filters.end, language))


@fragment
def map_and_focus(view: MapView) -> None:
    """The map; the ranking and the trend focused on the area selected; the tables and the notes under them."""
    left, right = st.columns([5, 4])
    with left:
        selected, name = the_map(view)
    with right:
        if selected:
            st.markdown(t_md("mappa.selected", view.context.language, name=name, territory=view.context.territory))
        ranking = ranking_chart(view, selected, name)
        series, series_notes = trend_chart(view, selected, name)
    tables(view, ranking, series, series_notes, name)
    plausibility_notes(view.result.frame)
    if view.result.has_small or series.has_small:
        small_values_note(view.result.k)


def the_map(view: MapView) -> tuple[str | None, str | None]:
    """The map, listening to clicks, and its captions; the area selected (code, name): only an area of this map,
    with data."""
    frame, filters, language = view.result.frame, view.context.filters, view.context.language
    if len(frame):
        event = show_chart(st, view.chart, theme=None, key=MAP_KEY, on_select="rerun",
                           selection_mode=charts.SELECTION_NAME, source=view.source)
        points = event.selection.get(charts.SELECTION_NAME) or []
    else:  # a "no data" chart has no selection to listen to
        show_chart(st, view.chart, theme=None, source=view.source)
        points = []
    if filters.province or (filters.region and view.level == "regione"):
        st.caption(t_md("mappa.outside", language, territory=view.context.territory))
    if view.measure == "occupancy_rate":
        st.caption(t("mappa.occupancy_note", language, k=view.result.k))
    codes = set(frame["code"])
    chosen = [p.get(ID_PROPERTY) for p in points if isinstance(p, dict)]
    selected = next((c for c in reversed(chosen) if c in codes), None)
    return selected, frame.loc[frame["code"] == selected, "name"].iloc[0] if selected else None


def ranking_chart(view: MapView, selected: str | None, name: str | None) -> dict:
    """The ranking of the top areas, or of the provinces of the region of the area selected; what its table needs
    (its areas, level and title)."""
    frame, language = view.result.frame, view.context.language
    by, territory, note, ranked = view.level, view.context.territory, None, frame
    if selected and view.level == "provincia":  # the provinces of its region
        row = frame.loc[frame["code"] == selected].iloc[0]
        ranked = frame[frame["region_code"] == row["region_code"]]
        note = t("mappa.ranking_region", language, region=row["region_name"])
    elif selected and "provincia" in view.levels and view.measure not in PUBLIC_MEASURES:  # a region: its provinces
        ranked = geo.map_values(view.context.scope, view.context.filters.with_(region=selected), view.measure,
                                "provincia", language).frame
        by, territory, note = "provincia", name, t("mappa.ranking_region", language, region=name)
    # Shares rank as percentages; rates per 100,000 leave "<k" counts out (n.d.): a placeholder bar on a rate
    # axis would suggest a rate.
    share = view.measure == "occupancy_rate"
    column = "percent" if share else view.column
    ordered = ranked.sort_values(column, ascending=False, na_position="last", kind="stable")
    if len(ordered) > RANKING_TOP:
        note = t("mappa.ranking_top", language, n=RANKING_TOP, total=len(ordered))
        ordered = ordered.head(RANKING_TOP)
    bars_frame = ordered[["code"]].assign(value=ordered[column],
                                          value_small=ordered["value_small"] & (column == "value"))
    title = t("mappa.ranking_title", language, by=t(f"mappa.by.{by}", language), measure=view.shown,
              territory=territory, period=view.period)
    labels = dict(zip(ordered["code"], ordered["name"], strict=True))
    x_title, decimals = f"{view.shown} (%)" if share else view.shown, 0 if column == "value" else 1
    chart = view_cache.cached_frame_chart(  # once per question for every session, like the registry's charts
        "mappa.ranking", bars_frame, (tuple(labels.items()), title, note, x_title, view.result.k, language, decimals),
        lambda: charts.bars(bars_frame, category="code", measure="value", category_labels=labels, title=title,
                            subtitle=[note] if note else None, x_title=x_title, k=view.result.k, lang=language,
                            decimals=decimals, sort="-x"))
    show_chart(st, chart, theme=None, source=view.source)
    return {"frame": ranked, "by": by, "title": title}


def trend_chart(view: MapView, selected: str | None, name: str | None):
    """The trend of the measure for the area selected (else the whole territory), with the notes of that area; its
    published result and those notes."""
    context, unit = view.context, view.context.filters.unit
    series = geo.map_series(context.scope, view.series_filters, view.measure, view.level, selected, context.language)
    area = {"province" if view.level == "provincia" else "region": selected}  # the notes of the area clicked
    notes = annotations.notes_for_view(context.scope, view.series_filters.with_(**area)) if selected else context.notes
    title, decimals, percent = view.series_title(name), 1 if view.per_100k else 0, view.measure == "occupancy_rate"
    chart = view_cache.cached_frame_chart(  # once per question for every session, like the registry's charts
        "mappa.trend", series.frame, (unit, view.column, view.shown, title, series.k, series.data_version,
                                      context.language, decimals, percent, tuple(notes)),
        lambda: charts.with_notes(charts.time_series(
            series.frame, unit=unit, measures=[view.column], labels={view.column: view.shown}, title=title,
            y_title=view.shown, k=series.k, lang=context.language, decimals=decimals, percent=percent), notes,
            unit=unit, lang=context.language))
    show_chart(st, chart, theme=None, source=view.source)
    return series, notes


def tables(view: MapView, ranking: dict, series, series_notes, name: str | None) -> None:
    """The tables of the map, of the ranking (where it is not the map's areas) and of the trend."""
    language, k, unit = view.context.language, view.result.k, view.context.filters.unit
    has_rate = view.measure not in NO_RATE
    with st.expander(t("mappa.table", language), expanded=False):
        columns = {"code": t("mappa.col.code", language), "name": t("mappa.col.territory", language),
                   "label": view.label, "population": t("mappa.col.population", language)}
        if has_rate:
            columns["rate_label"] = t("mappa.col.rate", language)
        show_table(st, view_cache.cached_table(
            "mappa.values", view.result, (language, k, tuple(columns.items())),
            lambda: charts.table_view(view.result.frame, columns, k=k, lang=language)),
                   title=f"{view.label}: {view.context.territory}, {view.period}", width="stretch",
                   source=view.source)
        st.caption(t("app.credit", language))
    if ranking["by"] != view.level:  # the provinces of a region selected on the map of regions: not in the map's table
        with st.expander(t("mappa.table_ranking", language), expanded=False):
            show_table(st, view_cache.cached_table(
                "mappa.ranking", ranking["frame"], (language, k, tuple(columns.items())),
                lambda: charts.table_view(ranking["frame"], columns, k=k, lang=language)), width="stretch",
                       title=ranking["title"])
    with st.expander(t("mappa.table_series", language), expanded=False):
        series_columns = {"period_key": t(f"unit.{unit}", language).capitalize(), "label": view.label}
        if has_rate:
            series_columns["rate_label"] = t("mappa.col.rate", language)
        show_table(st, view_cache.cached_table(
            "mappa.series", series, (language, unit, tuple(series_columns.items()), tuple(series_notes)),
            lambda: charts.table_view(series.frame, series_columns, k=series.k, lang=language, unit=unit,
                                      notes=series_notes)), title=view.series_title(name), width="stretch",
                   source=view.source)


map_and_focus(MapView(context, result, chart, measure, level, levels, per_100k, series_filters, period,
                      registry.public_source(result, language) if public else None))
if public:
    public_context.notes(result, language)
else:
    source_caption(result.data_version)
