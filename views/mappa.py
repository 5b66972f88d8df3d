"""Mappa territoriale: one measure by province or region on a choropleth, absolute or per 100,000 residents.

Clicking an area (the map's point selection ``territorio``) focuses the other charts of the page on it: the
trend of the measure for that area and the ranking of the provinces of its region. Without a selection they
show the whole territory of the filters and the top areas. Geometry is fetched by the browser from the
static TopoJSON (``TOPOJSON_URL``); figures come published from ``data_access.geo``. The people in the reception
system as the Ministry of the Interior publishes them are a measure of the map of regions (public statistics, shown
as published, with their source).
"""

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
from data_access.scope import shift
from presentation import charts, grammar, registry
from tools.topojson import ID_PROPERTY, ensure_topojson, zoom_to_regions
from views import public_context
from views.layout import (
    current_scope,
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
measure_label = t(f"measure.{measure}", language)
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
shown_label = t("mappa.per_100k_title", language, measure=measure_label) if per_100k else measure_label
column = "rate_100k" if per_100k else "value"
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

download_source = registry.public_source(result, language) if public else None  # the public data's own source
left, right = st.columns([5, 4])
with left:
    if len(frame):
        event = show_chart(st, chart, theme=None, key=MAP_KEY, on_select="rerun",
                           selection_mode=charts.SELECTION_NAME, source=download_source)
        points = event.selection.get(charts.SELECTION_NAME) or []
    else:  # a "no data" chart has no selection to listen to
        show_chart(st, chart, theme=None, source=download_source)
        points = []
    if filters.province or (filters.region and level == "regione"):
        st.caption(t_md("mappa.outside", language, territory=territory))
    if measure == "occupancy_rate":
        st.caption(t("mappa.occupancy_note", language, k=result.k))

codes = set(frame["code"])
chosen = [p.get(ID_PROPERTY) for p in points if isinstance(p, dict)]
selected = next((c for c in reversed(chosen) if c in codes), None)  # only an area of this map, with data
selected_name = frame.loc[frame["code"] == selected, "name"].iloc[0] if selected else None

# --- Ranking and trend, focused on the selected area ---------------------------------------------------------------
with right:
    if selected:
        st.markdown(t_md("mappa.selected", language, name=selected_name, territory=territory))
    ranking_by, ranking_territory, ranking_note = level, territory, None
    ranked = frame
    if selected and level == "provincia":  # the provinces of its region
        region = frame.loc[frame["code"] == selected, "region_code"].iloc[0]
        ranked = frame[frame["region_code"] == region]
        ranking_note = t("mappa.ranking_region", language,
                         region=frame.loc[frame["code"] == selected, "region_name"].iloc[0])
    elif selected and "provincia" in levels and not public:  # a region: its provinces
        ranked = geo.map_values(scope, filters.with_(region=selected), measure, "provincia", language).frame
        ranking_by, ranking_territory = "provincia", selected_name
        ranking_note = t("mappa.ranking_region", language, region=selected_name)
    # Shares rank as percentages; rates per 100,000 leave "<k" counts out (n.d.): a placeholder bar on a rate
    # axis would suggest a rate.
    ranking_column = "percent" if measure == "occupancy_rate" else column
    ordered = ranked.sort_values(ranking_column, ascending=False, na_position="last", kind="stable")
    if len(ordered) > RANKING_TOP:
        ranking_note = t("mappa.ranking_top", language, n=RANKING_TOP, total=len(ordered))
        ordered = ordered.head(RANKING_TOP)
    bars_frame = ordered[["code"]].assign(value=ordered[ranking_column],
                                          value_small=ordered["value_small"] & (ranking_column == "value"))
    value_title = f"{shown_label} (%)" if measure == "occupancy_rate" else shown_label
    show_chart(st, charts.bars(
        bars_frame, category="code", measure="value",
        category_labels=dict(zip(ordered["code"], ordered["name"], strict=True)),
        title=t("mappa.ranking_title", language, by=t(f"mappa.by.{ranking_by}", language), measure=shown_label,
                territory=ranking_territory, period=period),
        subtitle=[ranking_note] if ranking_note else None, x_title=value_title, k=result.k, lang=language,
        decimals=0 if ranking_column == "value" else 1, sort="-x"), theme=None, source=download_source)

    series = geo.map_series(scope, series_filters, measure, level, selected, language)
    area = {"province" if level == "provincia" else "region": selected}  # the notes of the area clicked
    series_notes = annotations.notes_for_view(scope, series_filters.with_(**area)) \
        if selected else context.notes
    show_chart(st, charts.with_notes(charts.time_series(
        series.frame, unit=filters.unit, measures=[column], labels={column: shown_label},
        title=t("mappa.series_title", language, measure=shown_label, territory=selected_name or territory,
                period=grammar.period_range(filters.unit, series_filters.start, end, language)),
        y_title=shown_label, k=series.k, lang=language, decimals=1 if per_100k else 0,
        percent=measure == "occupancy_rate"), series_notes, unit=filters.unit, lang=language), theme=None,
        source=download_source)

# --- Table view and notes ------------------------------------------------------------------------------------------
with st.expander(t("mappa.table", language), expanded=False):
    columns = {"code": t("mappa.col.code", language), "name": t("mappa.col.territory", language),
               "label": measure_label, "population": t("mappa.col.population", language)}
    if has_rate:
        columns["rate_label"] = t("mappa.col.rate", language)
    show_table(st, charts.table_view(frame, columns, k=result.k, lang=language),
        title=f"{measure_label}: {territory}, {period}", width="stretch", source=download_source)
    st.caption(t("app.credit", language))
if ranking_by != level:  # the provinces of a region selected on the map of regions: not in the map's table
    with st.expander(t("mappa.table_ranking", language), expanded=False):
        show_table(st, charts.table_view(ranked, columns, k=result.k, lang=language), width="stretch",
                   title=t("mappa.ranking_title", language, by=t(f"mappa.by.{ranking_by}", language),
                           measure=shown_label, territory=ranking_territory, period=period))
with st.expander(t("mappa.table_series", language), expanded=False):
    series_title = t("mappa.series_title", language, measure=shown_label, territory=selected_name or territory,
                     period=grammar.period_range(filters.unit, series_filters.start, end, language))
    series_columns = {"period_key": t(f"unit.{filters.unit}", language).capitalize(), "label": measure_label}
    if has_rate:
        series_columns["rate_label"] = t("mappa.col.rate", language)
    show_table(st, charts.table_view(series.frame, series_columns, k=series.k, lang=language, unit=filters.unit,
                                     notes=series_notes), title=series_title, width="stretch", source=download_source)
plausibility_notes(frame)
if result.has_small or series.has_small:
    small_values_note(result.k)
if public:
    public_context.notes(result, language)
else:
    source_caption(result.data_version)
