"""Pacchetto riunione: the tavolo's meeting slides (PPTX, or PDF) for the territory and period of the filter bar.

Layout only. The pack is built by ``presentation.meeting_pack.build``, the function ``manage.py pack`` and the pack
e-mail call too: each chart on offer is a chart registry entry (``presentation.registry.PACK``), the one its page
draws (the same published query, builder and title), its caption follows the entry's caption rule, the summary table
comes from the same published results. The data are read and the charts built during the run; the slides are
rendered only when a download button is clicked.
"""

import streamlit as st

from config.labels import t, t_md
from presentation import meeting_pack
from presentation.registry import PACK
from views import downloads
from views.layout import page_context, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period = context.territory, context.period
words = context.words()

st.title(t("pack.title", language))
st.markdown(t_md("pack.intro", language, territory=territory, period=period))
context.require("capacity", "outreach", "services")

tavolo = st.text_input(t("pack.tavolo", language), value=meeting_pack.default_tavolo(territory, language),
                       max_chars=120)
chosen = st.multiselect(t("pack.charts", language), list(PACK), default=meeting_pack.default_charts(context.available),
                        format_func=lambda c: t(f"pack.choice.{c}", language),
                        placeholder=t("realpath.choose", language))
if not chosen:
    st.warning(t("pack.none_chosen", language))
    st.stop()

# the same function as `manage.py pack` and the pack e-mail: the same slides wherever the pack is made
built = meeting_pack.build(scope, filters, lang=language, chosen=chosen, tavolo=tavolo, words=words)
pack = built.pack
st.subheader(t("pack.summary", language))
st.dataframe(pack.summary, hide_index=True)

st.session_state["last_pack"] = pack  # what the buttons below build (tests open it as the user's file)
st.subheader(t("pack.download", language))
st.caption(t("pack.download_note", language, n=len(pack.charts), version=pack.data_version))
details = {"oggetto": "pacchetto", "tavolo": pack.tavolo, "versione_dati": pack.data_version, "grafici": chosen,
           **st.query_params.to_dict()}
left, right = st.columns(2)
downloads.button(left, t("pack.pptx", language), lambda: built.file("pptx"), file_name=built.file_name("pptx"),
                 mime="application/vnd.openxmlformats-officedocument.presentationml.presentation", page="pacchetto",
                 details={"formato": "pptx", **details}, icon=":material/slideshow:", type="primary", key="pack-pptx")
downloads.button(right, t("pack.pdf", language), lambda: built.file("pdf"), file_name=built.file_name("pdf"),
                 mime="application/pdf", page="pacchetto", details={"formato": "pdf", **details},
                 icon=":material/picture_as_pdf:", key="pack-pdf")
if built.has_small:
    small_values_note(built.k)
source_caption(built.data_version)
