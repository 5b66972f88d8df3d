"""Accoglienza: first the saturation view (views/saturation.py: projects and territories sorted by occupancy, 95% or
more and 90-95% marked by colour and word); then places, presences, free places and occupancy over the chosen range,
by reception line or target group, and by territory and project with their structures; then the context: the area's
people in reception as the Ministry of the Interior publishes them, and the projects' share of it. Layout only: every
figure comes from data_access (analytics, queries.headline, public_stats); each chart is a chart registry entry
(presentation.registry), whose query the page calls and whose builder draws the published result."""

import streamlit as st

from config import settings
from config.labels import fmt_month, fmt_number, fmt_period, t, t_md
from data_access import analytics, queries
from data_access.analytics import CAPACITY_BREAKDOWNS
from presentation import charts, registry, view_cache
from presentation.registry import code_labels
from views import public_context, saturation
from views.layout import (
    is_open,
    lazy_tabs,
    page_context,
    plausibility_notes,
    say_missing,
    show_chart,
    show_headline,
    show_table,
    small_values_note,
    source_caption,
)

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period, unit_title = context.territory, context.period, context.unit_title
end = fmt_period(filters.unit, filters.end, language)  # the last period of the range: snapshots are taken there
words = context.words()


def signed(value, decimals: int = 0, scale: float = 1.0) -> str:
    """A change with its sign ("+3", "−1,5", "±0"); "n.d." where missing."""
    text = fmt_number(value, decimals, language)
    if text == t("app.not_available", language):
        return text
    value = float(value) * scale
    return ("+" if value > 0 else "−" if value < 0 else "±") + fmt_number(abs(value), decimals, language)


def margin(value) -> str:
    """The protection margin of a project's occupancy, in points ("±38,5 punti")."""
    return charts.or_empty(lambda v: t("realpath.margin_points", language,
                                       value=fmt_number(float(v) * 100, 1, language)))(value)


# --- Context: the area's reception (defined first: it shows also where the projects sent no capacity data) -------
def public_section():
    """The area's reception (public statistics of the Ministry of the Interior, shown as published): also where the
    projects sent no capacity data; the published result of the projects' share."""
    st.subheader(t("reference.accoglienza.title", language))
    public = registry.PUBLIC_PRESENCES.query(scope, filters)  # public_stats.reception_series
    share = registry.PUBLIC_SHARE.query(scope, filters)  # public_stats.reception_share: the projects' share of it
    if public.data_version is None:
        st.info(t("reference.not_loaded", language))
    else:
        st.markdown(t_md("reference.accoglienza.intro", language, territory=territory,
                      area=registry.in_area(public.frame.attrs, language)))
        public_source = registry.public_source(public, language)
        tabs = lazy_tabs([t("reference.tab_presences", language), t("reference.tab_share", language),
                          t("analytics.tab_table", language)], key="tabs_accoglienza_public")
        for tab, entry, result in ((tabs[0], registry.PUBLIC_PRESENCES, public),
                                   (tabs[1], registry.PUBLIC_SHARE, share)):
            if is_open(tab):  # only the open tab's chart or table is built
                show_chart(tab, entry.chart(result, words), theme=None, source=public_source)
        show_table(tabs[2], lambda: public_context.share_table(share, language, filters.unit),
                   title=context.section_title("reference.accoglienza.title"),
                   source=public_context.both_sources(public, language))
        public_context.share_note(share, language)
        public_context.notes(public, language)
    return share


st.title(t("accoglienza.title", language))
st.markdown(t_md("accoglienza.intro", language, territory=territory, period=period))
if context.lacks("capacity"):
    public_section()
    st.stop()

# --- Saturation first: the projects and territories sorted by occupancy, the fullest at the top ------------------
saturation_small = saturation.show(context)

# --- Headline at the end of the range (the same published figures as Panoramica) ------------------------------
head = queries.headline(scope, filters)
show_headline(head, ("places", "occupied", "free_places", "occupancy_rate"))
if head.frame.attrs.get("snapshot_month"):
    st.caption(t("accoglienza.kpi", language, period=end, month=fmt_month(head.frame.attrs["snapshot_month"], language),
                 previous=fmt_period(filters.unit, head.frame.attrs.get("previous"), language)))
else:
    say_missing(("capacity",), context.available, territory=territory, period=end)

# --- Over time --------------------------------------------------------------------------------------------------
st.subheader(t("accoglienza.section_time", language))
if filters.start == filters.end:
    st.info(t("analytics.single_period", language))
trends = registry.PLACES.query(scope, filters)  # analytics.accoglienza_trend: the charts of the next two sections
trend = registry.PLACES.published(trends)
frame, k = trend.frame, trend.k
tabs = lazy_tabs([t("accoglienza.tab_places", language),
                  t("measure.free_places", language), t("measure.occupancy_rate", language),
                  t("measure.structures", language), t("analytics.tab_table", language)], key="tabs_accoglienza_time")
for tab, entry in zip(tabs[:4], (registry.PLACES, registry.FREE_PLACES, registry.OCCUPANCY, registry.STRUCTURES),
                      strict=True):
    if is_open(tab):  # only the open tab's chart or table is built
        show_chart(tab, entry.chart(trends, words), theme=None)
show_table(tabs[4], lambda: charts.table_view(
    frame, {"period_key": unit_title, "snapshot_month": t("analytics.snapshot_month", language),
            **{m: t(f"measure.{m}", language) for m in ("places", "occupied", "free_places", "occupancy_rate",
                                                         "structures")}},
    k=k, lang=language, unit=filters.unit, percent=["occupancy_rate"], notes=context.notes,
    formatters={"snapshot_month": charts.or_empty(lambda m: fmt_month(m, language))}),
           title=context.section_title("accoglienza.section_time"))
st.caption(t("accoglienza.free_note", language, k=k))

# --- By reception line or target group ----------------------------------------------------------------------------
st.subheader(t("accoglienza.section_breakdown", language))
breakdown = st.radio(t("accoglienza.breakdown", language), registry.PLACES_BY.options["breakdown"], horizontal=True,
                     format_func=lambda b: t(f"accoglienza.by.{b}", language), key="accoglienza_breakdown")
by = registry.PLACES_BY.published(trends, breakdown=breakdown)
names = code_labels(breakdown, CAPACITY_BREAKDOWNS[breakdown], language)
tabs = lazy_tabs([t("measure.places", language), t("measure.free_places", language),
                  t("measure.occupancy_rate", language), t("analytics.tab_table", language)],
                 key="tabs_accoglienza_breakdown")
for tab, entry in zip(tabs[:3], (registry.PLACES_BY, registry.FREE_PLACES_BY, registry.OCCUPANCY_BY), strict=True):
    if is_open(tab):
        show_chart(tab, entry.chart(trends, words, breakdown=breakdown), theme=None)
show_table(tabs[3], lambda: charts.table_view(
    by.frame, {"period_key": unit_title, breakdown: t(f"accoglienza.col.{breakdown}", language),
               **{m: t(f"measure.{m}", language) for m in ("places", "occupied", "free_places", "occupancy_rate",
                                                            "structures")}},
    k=k, lang=language, unit=filters.unit, percent=["occupancy_rate"], notes=context.notes,
    formatters={breakdown: lambda c: names.get(c, c)}),
           title=context.section_title("accoglienza.section_breakdown"))

# --- By territory and project -------------------------------------------------------------------------------------
st.subheader(t("accoglienza.section_projects", language))
projects = analytics.accoglienza_projects(scope, filters)
table = projects.frame
previous = fmt_period(filters.unit, table.attrs.get("previous"), language)
if table.attrs.get("snapshot_month"):
    st.markdown(t("accoglienza.projects_intro", language, month=fmt_month(table.attrs["snapshot_month"], language),
                  period=end, previous=previous))
columns = {"territory_name": t("analytics.territory", language), "project_name": t("accoglienza.col.project", language),
           "programme": t("accoglienza.col.programme", language),
           **{m: t(f"measure.{m}", language) for m in ("places", "structures", "occupied", "free_places",
                                                       "occupancy_rate")},
           "occupancy_margin": t("realpath.col.margin", language),
           **{c: t(f"accoglienza.col.{c}", language) for c in ("change_places", "change_occupied",
                                                               "change_occupancy")}}
show_table(st, view_cache.cached_table("accoglienza.projects", projects, (language, k), lambda: charts.table_view(
    table, columns, k=k, lang=language, percent=["occupancy_rate"],
    formatters={"programme": lambda p: t(f"programme.{p}", language), "change_places": signed,
                "change_occupied": signed, "change_occupancy": lambda v: signed(v, 1, 100),
                "occupancy_margin": margin})),
           title=context.section_title("accoglienza.section_projects"))
st.caption(t("accoglienza.full_note", language, k=k, previous=previous))
if len(table):
    st.caption(t("realpath.margin_note", language, D=settings.ckm_params().D))
plausibility_notes(head.frame, frame, table)

# --- Context: the area's reception ------------------------------------------------------------------------------
share = public_section()

if saturation_small or head.has_small or trend.has_small or by.has_small or projects.has_small or share.has_small:
    small_values_note(k)
source_caption(trend.data_version)
