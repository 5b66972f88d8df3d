"""Pacchetto riunione: the tavolo's meeting slides (PPTX, or PDF) for the territory and period of the filter bar.

Layout only. Each chart on offer is a chart registry entry (``presentation.registry.PACK``), the one its page draws:
the same published query, builder and title, so a slide shows the screen's chart; its caption follows the entry's
caption rule. The summary table comes from the same published results; the files from presentation.exports. The
data are read and the charts built during the run; the slides are rendered only when a download button is clicked.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from config.labels import t, t_md
from data_access import queries
from data_access.analytics import TOTAL
from presentation import exports, registry
from presentation.registry import PACK, last_periods
from views import citing, downloads
from views.layout import page_context, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period = context.territory, context.period
words = context.words()

st.title(t("pack.title", language))
st.markdown(t_md("pack.intro", language, territory=territory, period=period))
context.require("capacity", "outreach", "services")

acc = registry.PLACES.published(registry.PLACES.query(scope, filters))  # analytics.accoglienza_trend
out = registry.CONTACTS.query(scope, filters)  # analytics.emersione_trend
srv = registry.PEOPLE_OVER_TIME.query(scope, filters)  # analytics.servizi_trend
services = registry.PEOPLE_OVER_TIME.published(srv, service=TOTAL).frame
k = acc.k
has_small = any(r.has_small for r in (acc, out, srv))

tavolo = st.text_input(t("pack.tavolo", language), value=t("pack.tavolo_default", language, territory=territory),
                       max_chars=120)
PACK_TABLES = {"posti": "capacity", "liberi": "capacity", "contatti": "outreach", "percorso": "outreach",
               "servizi": "services"}  # the table each slide draws: offered first where it has data
with_data = [c for c in registry.PACK_DEFAULT if context.available.any(PACK_TABLES.get(c, "capacity"))]
chosen = st.multiselect(t("pack.charts", language), list(PACK), default=with_data or list(registry.PACK_DEFAULT),
                        format_func=lambda c: t(f"pack.choice.{c}", language),
                        placeholder=t("realpath.choose", language))
if not chosen:
    st.warning(t("pack.none_chosen", language))
    st.stop()

note = exports.small_value_note(k, language) if has_small else None
cite = citing.pack_citer()  # each slide cites its chart on its own page (views/citing.py)
items = [PACK[c].pack_chart(PACK[c].entry.query(scope, filters), words, note, cite=cite) for c in chosen]


def summary_row(label_key: str, frame: pd.DataFrame, column: str) -> dict:
    """The range's last period and the one before, each under its own name, as the screen shows them ("<k" where
    protected, "nessun dato inviato" where the period was not sent): never the figure of another period."""
    now, before = last_periods(frame, column, words, k)
    return {t("pack.col.measure", language): t(label_key, language), now.period.capitalize(): now.text,
            before.period.capitalize(): before.text}


summary = pd.DataFrame([summary_row("measure.places", acc.frame, "places"),
                        summary_row("measure.occupied", acc.frame, "occupied"),
                        summary_row("measure.free_places", acc.frame, "free_places"),
                        summary_row("measure.contacts", out.frame, "contacts"),
                        summary_row("measure.take_ins", out.frame, "take_ins"),
                        summary_row("pack.col.people_served", services, "people")], dtype=object)
st.subheader(t("pack.summary", language))
st.dataframe(summary, hide_index=True)
summary_citation = citing.figure("tabella")
citing.caption(st, summary_citation, language)

info = queries.version_info(version=acc.data_version)  # the version of the figures (current or as of)
pack = exports.Pack(
    tavolo=tavolo.strip() or t("pack.tavolo_default", language, territory=territory), territory=territory,
    period=period, data_version=info["id"], data_date=info["created_at"].date(), built_on=dt.date.today(),
    charts=items, summary=summary, methodology=[t(f"pack.method.{n}", language, k=k) for n in (1, 2, 3, 4)]
    + ([t("reference.pack_method", language)] if any(PACK[c].source for c in chosen) else []),
    lang=language, citation=summary_citation)

st.session_state["last_pack"] = pack  # what the buttons below build (tests open it as the user's file)
st.subheader(t("pack.download", language))
st.caption(t("pack.download_note", language, n=len(items), version=info["id"]))
details = {"oggetto": "pacchetto", "tavolo": pack.tavolo, "versione_dati": pack.data_version, "grafici": chosen,
           **st.query_params.to_dict()}
stem = f"pacchetto-riunione-v{info['id']}-{dt.date.today().isoformat()}"
left, right = st.columns(2)
downloads.button(left, t("pack.pptx", language), lambda: exports.pack_pptx(pack), file_name=f"{stem}.pptx",
                 mime="application/vnd.openxmlformats-officedocument.presentationml.presentation", page="pacchetto",
                 details={"formato": "pptx", **details}, icon=":material/slideshow:", type="primary", key="pack-pptx")
downloads.button(right, t("pack.pdf", language), lambda: exports.pack_pdf(pack), file_name=f"{stem}.pdf",
                 mime="application/pdf", page="pacchetto", details={"formato": "pdf", **details},
                 icon=":material/picture_as_pdf:", key="pack-pdf")
if has_small:
    small_values_note(k)
source_caption(acc.data_version)
