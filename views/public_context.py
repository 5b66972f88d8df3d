"""Layout pieces of the public statistics (the national context on Panoramica, Accoglienza and the map): the
metrics of the national block, the table of the projects' share, and the lines under every view of public data
(what they are, the values corrected on load, the dates the source misses, and the attribution the licence asks
for). No data work: the figures come from data_access.public_stats, the words from the catalogue."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from config.labels import fmt_month, fmt_number, fmt_percent, t
from data_access.public_stats import ITALY
from presentation import charts, registry

PARTS = ("centres", "sai", "hotspot")  # the parts of the system under a metric (hotspots only where there are any)


def area_name(row, lang: str) -> str:
    """A row's area in words: the region's name, or Italy."""
    return t("territory.italy", lang) if row.area == ITALY else row.area_name


def national_block(result, lang: str) -> None:
    """People in the reception system at the latest report date of the period, in the user's regions and in Italy:
    one metric per area with the change over twelve months, and the parts of the system under it."""
    frame = result.frame
    if result.data_version is None:
        st.info(t("reference.not_loaded", lang))
        return
    if frame.empty:
        st.info(t("reference.none_before", lang, date=charts.day(frame.attrs.get("first_date"))))
        return
    first = frame.iloc[0]
    st.markdown(t("reference.panoramica.intro", lang, date=charts.day(first["report_date"])))
    for column, row in zip(st.columns(max(len(frame), 2)), frame.itertuples(), strict=False):
        change = None if pd.isna(row.change) else t("reference.in_12_months", lang, change=fmt_percent(
            row.change, 1, lang, signed=True))
        column.metric(area_name(row, lang), fmt_number(row.total, 0, lang), change, delta_color="off", border=True)
        column.caption(" · ".join(f"{t(f'reference.system_short.{s}', lang)} {fmt_number(getattr(row, s), 0, lang)}"
                                  for s in PARTS if s != "hotspot" or getattr(row, s)))
    before = charts.day(first["previous_date"])
    known = frame["previous_total"].notna().all()
    st.caption(t("reference.panoramica.change" if known else "reference.panoramica.no_change", lang, before=before))


def share_table(share, lang: str, unit: str) -> pd.DataFrame:
    """The projects' share of the area's reception, period by period, as the share chart draws it."""
    columns = {"period_key": t(f"unit.{unit}", lang).capitalize(),
               **({} if unit == "mese" else {"snapshot_month": t("analytics.snapshot_month", lang)}),
               "places": t("reference.col.places", lang), "occupied": t("reference.col.occupied", lang),
               "report_date": t("reference.col.report_date", lang), "public": t("reference.col.public", lang),
               "share": t("reference.share", lang)}
    return charts.table_view(share.frame, columns, k=share.k, lang=lang, unit=unit, percent=["share"],
                             formatters={"report_date": lambda d: t("app.not_available", lang) if d is None or
                                         pd.isna(d) else charts.day(d),
                                         "snapshot_month": lambda m: t("app.not_available", lang) if m is None or
                                         pd.isna(m) else fmt_month(m, lang)})


def share_note(share, lang: str) -> None:
    """How the share is computed, or why there is none for the chosen programme."""
    if share.frame.attrs.get("system") is None:
        st.info(t("reference.share_none", lang))
    else:
        st.caption(t(f"reference.share_note.{share.frame.attrs['system']}", lang))


def _corrections(frame: pd.DataFrame, lang: str, place: str) -> list[str]:
    """The values of a view corrected on load: "Valle d'Aosta al 28/02/2022 (...)"."""
    if "correction" not in frame:
        return []
    rows = frame[frame["correction"].notna()]
    out = []
    for _, row in rows.iterrows():
        where = row["name"] if "name" in row else (area_name(row, lang) if "area" in row else place)
        when = row.get("report_date", frame.attrs.get("report_date"))
        out.append(t("reference.corrected_item", lang, area=where, date=charts.day(when),
                     what=t(f"reference.correction.{row['correction']}", lang)))
    return list(dict.fromkeys(out))


def notes(result, lang: str) -> None:
    """The lines under a view of public statistics: public data shown as published; the values corrected and the
    dates missing in this view; the attribution line (source, Ministry, "dati modificati", licence, date)."""
    if result.data_version is None:
        return
    frame = result.frame
    st.caption(t("reference.public_note", lang))
    corrected = _corrections(frame, lang, registry.public_area(frame.attrs, lang))
    if corrected:
        st.caption(t("reference.corrected_note", lang, items="; ".join(corrected)))
    if "missing" in frame and frame["missing"].any():
        st.caption(t("reference.gaps_note", lang, dates=", ".join(charts.day(d) for d in
                                                                   frame.loc[frame["missing"], "report_date"])))
    st.caption(registry.public_source(result, lang))


def both_sources(result, lang: str) -> str:
    """The source line of a table holding project figures and public ones: both."""
    return " ".join(filter(None, [st.session_state.get("source_line"), registry.public_source(result, lang)]))
