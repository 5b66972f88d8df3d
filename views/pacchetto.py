"""Pacchetto riunione: the tavolo's meeting slides (PPTX, or PDF) for the territory and period of the filter bar.

Layout only. The figures come from data_access (the same published queries as the pages, so the pack shows what
the screen shows), the charts from charts.py, the captions and files from data_access.exports. The data are read
and the charts built during the run; the slides are rendered only when a download button is clicked.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from config.labels import fmt_count, fmt_period, t
from data_access import analytics, queries
from data_access.analytics import TOTAL
from presentation import charts, exports
from views import session as _session
from views.layout import page_context, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period = context.territory, context.period
people = t("analytics.people", language)

st.title(t("pack.title", language))
st.markdown(t("pack.intro", language, territory=territory, period=period))

acc = analytics.accoglienza_trend(scope, filters)["total"]
out = analytics.emersione_trend(scope, filters)
srv = analytics.servizi_trend(scope, filters)
services = srv.frame[srv.frame["service"] == TOTAL]
k = acc.k
unit_word = t(f"unit.{filters.unit}", language)
names = {m: t(f"measure.{m}", language) for m in ("places", "occupied", "free_places", "occupancy_rate", "contacts",
                                                   "referrals", "assessments", "potential_victims", "take_ins")}


def last_two(frame: pd.DataFrame, column: str) -> tuple:
    """The published values of the last two periods (NA where "<k" or missing): what the caption compares."""
    values = list(frame[column]) if column in frame else []
    current = values[-1] if values else None
    previous = values[-2] if len(values) > 1 else None
    return current, previous


def caption(frame: pd.DataFrame, column: str, key: str) -> str:
    current, previous = last_two(frame, column)
    return exports.caption_change(measure_label=t(key, language), territory=territory, current=current,
                                  previous=previous, period_word=unit_word, lang=language,
                                  feminine=key in ("pack.subject.take_ins", "pack.subject.people"))


CHOICES = {
    "posti": lambda: exports.PackChart(
        title=t("accoglienza.chart_places", language, territory=territory, period=period),
        caption=caption(acc.frame, "occupied", "pack.subject.occupied"),
        chart=charts.places_vs_presences(acc.frame, unit=filters.unit, k=k, lang=language,
                                         title=t("accoglienza.chart_places", language, territory=territory,
                                                 period=period))),
    "liberi": lambda: exports.PackChart(
        title=t("accoglienza.chart_free", language, territory=territory, period=period),
        caption=caption(acc.frame, "free_places", "pack.subject.free_places"),
        chart=charts.time_series(acc.frame, unit=filters.unit, measures=["free_places"], labels={}, k=k,
                                 lang=language, y_title=names["free_places"],
                                 title=t("accoglienza.chart_free", language, territory=territory, period=period))),
    "contatti": lambda: exports.PackChart(
        title=t("emersione.chart_contacts", language, territory=territory, period=period),
        caption=caption(out.frame, "contacts", "pack.subject.contacts"),
        chart=charts.time_series(out.frame, unit=filters.unit, measures=["contacts", "referrals"], labels=names,
                                 k=k, lang=language, y_title=people,
                                 title=t("emersione.chart_contacts", language, territory=territory,
                                         period=period))),
    "percorso": lambda: exports.PackChart(
        title=t("emersione.chart_path", language, territory=territory, period=period),
        caption=caption(out.frame, "take_ins", "pack.subject.take_ins"),
        chart=charts.time_series(out.frame, unit=filters.unit,
                                 measures=["assessments", "potential_victims", "take_ins"], labels=names, k=k,
                                 lang=language, y_title=people,
                                 title=t("emersione.chart_path", language, territory=territory, period=period))),
    "servizi": lambda: exports.PackChart(
        title=t("pack.chart_services", language, territory=territory, period=period),
        caption=caption(services, "people", "pack.subject.people"),
        chart=charts.time_series(services, unit=filters.unit, measures=["people"], labels={"people": people},
                                 k=k, lang=language, y_title=people,
                                 title=t("pack.chart_services", language, territory=territory, period=period))),
}

tavolo = st.text_input(t("pack.tavolo", language), value=t("pack.tavolo_default", language, territory=territory),
                       max_chars=120)
chosen = st.multiselect(t("pack.charts", language), list(CHOICES), default=list(CHOICES),
                        format_func=lambda c: t(f"pack.choice.{c}", language))
if not chosen:
    st.warning(t("pack.none_chosen", language))
    st.stop()

items = [CHOICES[c]() for c in chosen]


def summary_row(label_key: str, frame: pd.DataFrame, column: str) -> dict:
    """The last period and the one before, as the screen shows them ("<k" where protected)."""
    small = frame[f"{column}_small"] if f"{column}_small" in frame else pd.Series(False, index=frame.index)
    shown = [fmt_count(frame[column].iloc[i], bool(small.iloc[i]), k, language) if len(frame) >= -i
             else fmt_count(None, False, k, language) for i in (-1, -2)]
    return {t("pack.col.measure", language): t(label_key, language),
            fmt_period(filters.unit, filters.end, language).capitalize(): shown[0],
            t("pack.col.previous", language): shown[1]}


summary = pd.DataFrame([summary_row("measure.places", acc.frame, "places"),
                        summary_row("measure.occupied", acc.frame, "occupied"),
                        summary_row("measure.free_places", acc.frame, "free_places"),
                        summary_row("measure.contacts", out.frame, "contacts"),
                        summary_row("measure.take_ins", out.frame, "take_ins"),
                        summary_row("pack.col.people_served", services, "people")], dtype=object)
st.subheader(t("pack.summary", language))
st.dataframe(summary, hide_index=True)

info = queries.version_info(version=acc.data_version)  # the version of the figures (current or as of)
has_small = any(r.has_small for r in (acc, out, srv))
pack = exports.Pack(
    tavolo=tavolo.strip() or t("pack.tavolo_default", language, territory=territory), territory=territory,
    period=period, data_version=info["id"], data_date=info["created_at"].date(), built_on=dt.date.today(),
    charts=[exports.PackChart(title=i.title, caption=i.caption, chart=i.chart,
                              note=exports.small_value_note(k, language) if has_small else None) for i in items],
    summary=summary, methodology=[t(f"pack.method.{n}", language, k=k) for n in (1, 2, 3, 4)],
    lang=language)

st.session_state["last_pack"] = pack  # what the buttons below build (tests open it as the user's file)
st.subheader(t("pack.download", language))
st.caption(t("pack.download_note", language, n=len(items), version=info["id"]))
username, page, params = st.session_state.get("username"), "pacchetto", st.query_params.to_dict()


def build(fmt: str):
    def data() -> bytes:
        content = exports.pack_pptx(pack) if fmt == "pptx" else exports.pack_pdf(pack)
        _session.record_export(username, page, {"formato": fmt, "oggetto": "pacchetto", "tavolo": pack.tavolo,
                                                "versione_dati": pack.data_version, "grafici": chosen, **params})
        return content
    return data


stem = f"pacchetto-riunione-v{info['id']}-{dt.date.today().isoformat()}"
left, right = st.columns(2)
left.download_button(t("pack.pptx", language), data=build("pptx"), file_name=f"{stem}.pptx", on_click="ignore",
                     mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                     icon=":material/slideshow:", type="primary", key="pack-pptx")
right.download_button(t("pack.pdf", language), data=build("pdf"), file_name=f"{stem}.pdf", on_click="ignore",
                      mime="application/pdf", icon=":material/picture_as_pdf:", key="pack-pdf")
if has_small:
    small_values_note(k)
source_caption(acc.data_version)
