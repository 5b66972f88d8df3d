"""The saturation view, at the top of Accoglienza and on Panoramica: projects (for national and regional totals,
programmes by territory) and territories sorted by occupancy at the snapshot of the period, the fullest first, each
marked by colour and by word ("saturo" at 95% or more, "quasi saturo" from 90% to 95%), with free places and
structures. Layout only: the figures and their order come from ``data_access.analytics.saturation`` (through the
registry's ``SATURATION`` entry, whose chart is the one of the pack's slide); occupancy follows the plausible-figures
rule of data_access.plausible ("pieno*" where presences exceed the places within the noise)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from config.labels import fmt_month, fmt_occupancy, t
from presentation import charts, registry, view_cache
from views.layout import is_open, lazy_tabs, show_chart, show_table

TINTS = {"full": "#f8cbb0", "near": "#fde3b0"}  # light tints of the levels' colours: the words stay readable
COMPACT_MIN = 3  # Panoramica: the rows at 90% or more, and at least this many


def level_of(frame: pd.DataFrame) -> list[str]:
    """The level of each row as the view names it ("full", "near", "below", or "unknown" without an occupancy)."""
    return [lv if isinstance(lv, str) else "unknown" if pd.isna(rate) else "below"
            for lv, rate in zip(frame["level"], frame["occupancy_rate"], strict=True)]


def table(published, lang: str, *, projects: bool, fine: bool) -> pd.DataFrame:
    """The rows as shown: the level in words first, the project (or programme) and territory, occupancy, free
    places, structures, places and presences."""
    frame = published.frame
    words = registry.code_labels("meeting.level", registry.LEVEL_WORDS, lang)
    shown = frame.assign(level_word=[words[lv] for lv in level_of(frame)],
                         occupancy=[fmt_occupancy(r, m if isinstance(m, str) else None, lang)
                                    for r, m in zip(frame["occupancy_rate"], frame["occupancy_mark"], strict=True)])
    columns = {"level_word": t("meeting.saturation.col.level", lang)}
    if projects:
        columns["project_name" if fine else "programme"] = t("accoglienza.col.project" if fine else
                                                              "accoglienza.col.programme", lang)
    columns |= {"territory_name": t("analytics.territory", lang), "occupancy": t("measure.occupancy_rate", lang),
                "free_places": t("measure.free_places", lang), "structures": t("measure.structures", lang),
                "places": t("measure.places", lang), "occupied": t("measure.occupied", lang)}
    return charts.table_view(shown, columns, k=published.k, lang=lang,
                             formatters={"programme": lambda p: t(f"programme.{p}", lang)})


def tints(levels: list[str]) -> list[str]:
    """Each row's level cell in the tint of its level (the word says it too): the rows' colours, "" for none."""
    return [TINTS.get(lv, "") for lv in levels]


def summary(published, lang: str, fine: bool) -> str:
    """"Progetti saturi (95% o più): **3** · quasi saturi (90-95%): **2** · in tutto: 7. I più pieni in alto"."""
    attrs = published.frame.attrs
    return t("meeting.saturation.summary" if fine else "meeting.saturation.summary_programmes", lang,
             full=attrs.get("full", 0), near=attrs.get("near", 0), total=len(published.frame))


def show(context, *, compact: bool = False) -> bool:
    """The saturation view of the page's scope and filters; ``compact`` (Panoramica): the projects at 90% or more
    (at least the fullest three) and a line for the others. Returns whether a value shows as "<k"."""
    language, scope, words = context.language, context.scope, context.words()
    result = registry.SATURATION.query(context.scope, context.filters)  # analytics.saturation
    projects, areas = result["projects"], result["territories"]
    month = projects.frame.attrs.get("snapshot_month")
    st.subheader(t("meeting.saturation.title", language, month=fmt_month(month, language) if month else
                   context.last_period))
    if projects.frame.empty:
        st.caption(t("meeting.saturation.none", language))
        return False
    st.markdown(summary(projects, language, scope.fine))
    shown = projects
    if compact:
        keep = max(COMPACT_MIN, int(projects.frame["level"].notna().sum()))
        shown = replace(projects, frame=projects.frame.head(keep))
    tabs = lazy_tabs([t("meeting.saturation.tab.projects" if scope.fine else "meeting.saturation.tab.programmes",
                        language), t("meeting.saturation.tab.areas", language), t("analytics.tab_chart", language)],
                     key="tabs_saturation_compact" if compact else "tabs_saturation")
    rows = view_cache.cached_table(  # built where seen, once per question
        "saturation.projects", shown, (language, scope.fine),
        lambda: table(shown, language, projects=True, fine=scope.fine)) if is_open(tabs[0]) else None
    # long project names: a column of its own width, the figures in sight at 1,400 px
    widths = {} if rows is None else {rows.columns[1]: st.column_config.TextColumn(width="medium")}
    show_table(tabs[0], rows, title=registry.SATURATION.title_text(result, words), tint=tints(level_of(shown.frame)),
               width="stretch", column_config=widths)
    if compact and len(shown.frame) < len(projects.frame) and is_open(tabs[0]):
        tabs[0].caption(t("meeting.saturation.more", language, n=len(projects.frame) - len(shown.frame)))
    def area_rows():  # built where seen (a lazy tab), once per question
        return view_cache.cached_table("saturation.areas", areas, (language, scope.fine),
                                       lambda: table(areas, language, projects=False, fine=scope.fine))

    show_table(tabs[1], area_rows, width="stretch",
               title=registry.SATURATION_AREAS.title_text(result, words), tint=tints(level_of(areas.frame)))
    if is_open(tabs[2]):
        show_chart(tabs[2], registry.SATURATION.chart(result, words), theme=None)
    return projects.has_small or areas.has_small
