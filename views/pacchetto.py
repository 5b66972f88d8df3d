"""Pacchetto riunione: the tavolo's meeting slides (PPTX, or PDF) for the territory and period of the filter bar.

Layout only. Each chart on offer is a chart registry entry (``presentation.registry.PACK``), the one its page draws:
the same published query, builder and title, so a slide shows the screen's chart; its caption follows the entry's
caption rule. The summary table comes from the same published results; the files from presentation.exports. The
data are read and the charts built during the run; the slides are rendered only when a download button is clicked.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from config.labels import fmt_count, fmt_period, t
from data_access import queries
from data_access.analytics import TOTAL
from presentation import exports, registry
from presentation.registry import PACK, ChartWords
from views import session as _session
from views.layout import page_context, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period = context.territory, context.period
words = ChartWords(language, filters.unit, territory, period, context.last_period)

st.title(t("pack.title", language))
st.markdown(t("pack.intro", language, territory=territory, period=period))

acc = registry.PLACES.published(registry.PLACES.query(scope, filters))  # analytics.accoglienza_trend
out = registry.CONTACTS.query(scope, filters)  # analytics.emersione_trend
srv = registry.PEOPLE_OVER_TIME.query(scope, filters)  # analytics.servizi_trend
services = registry.PEOPLE_OVER_TIME.published(srv, service=TOTAL).frame
k = acc.k
has_small = any(r.has_small for r in (acc, out, srv))

tavolo = st.text_input(t("pack.tavolo", language), value=t("pack.tavolo_default", language, territory=territory),
                       max_chars=120)
chosen = st.multiselect(t("pack.charts", language), list(PACK), default=registry.PACK_DEFAULT,
                        format_func=lambda c: t(f"pack.choice.{c}", language))
if not chosen:
    st.warning(t("pack.none_chosen", language))
    st.stop()

note = exports.small_value_note(k, language) if has_small else None
items = [PACK[c].pack_chart(PACK[c].entry.query(scope, filters), words, note) for c in chosen]


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
pack = exports.Pack(
    tavolo=tavolo.strip() or t("pack.tavolo_default", language, territory=territory), territory=territory,
    period=period, data_version=info["id"], data_date=info["created_at"].date(), built_on=dt.date.today(),
    charts=items, summary=summary, methodology=[t(f"pack.method.{n}", language, k=k) for n in (1, 2, 3, 4)]
    + ([t("reference.pack_method", language)] if any(PACK[c].source for c in chosen) else []),
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
