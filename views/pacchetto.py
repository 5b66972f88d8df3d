"""Pacchetto riunione: the tavolo's meeting slides (PPTX, or PDF) for the territory and period of the filter bar.

Layout only. The pack is built by ``presentation.meeting_pack.build``, the function ``manage.py pack`` and the pack
e-mail call too: each slide on offer is in ``presentation.registry.PACK``, a chart registry entry (the one its page
draws: the same published query, builder and title) with its caption written from the whole range
(``presentation.captions``), or a table slide (the overdue actions). The page proposes the slides with data in the
user's territory; a chosen slide without data in the range is left out, and the page and the title slide say so.
The data are read and the charts built during the run; the files are rendered only when a download button is
clicked.
"""

import streamlit as st

from config.labels import md_literal, t, t_md
from presentation import meeting_pack
from presentation.registry import PACK
from views import citing, downloads
from views.layout import page_context, small_values_note, source_caption

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period = context.territory, context.period
words = context.words()

st.title(t("pack.title", language))
st.markdown(t_md("pack.intro", language, territory=territory, period=period))
context.require("capacity", "outreach", "services", "meetings", "actions")

tavolo = st.text_input(t("pack.tavolo", language), value=meeting_pack.default_tavolo(territory, language),
                       max_chars=120)
chosen = st.multiselect(t("pack.charts", language), list(PACK), default=meeting_pack.default_charts(context.available),
                        format_func=lambda c: t(f"pack.choice.{c}", language),
                        placeholder=t("realpath.choose", language))
if not chosen:
    st.warning(t("pack.none_chosen", language))
    st.stop()

# the same function as `manage.py pack` and the pack e-mail: the same slides wherever the pack is made; each slide
# cites its chart on its own page, the summary is this page's table (views/citing.py)
summary_citation = citing.figure("tabella")
built = meeting_pack.build(scope, filters, lang=language, chosen=chosen, tavolo=tavolo, words=words,
                           cite=citing.pack_citer(), citation=summary_citation)
pack = built.pack
if built.left_out:
    st.info(t("meeting.pack.left_out_page", language, slides="; ".join(built.left_out)),
            icon=":material/visibility_off:")
if not pack.charts:
    st.warning(t("meeting.pack.nothing", language))
    st.stop()

# The slides as the files will hold them: each title once and its caption, read before downloading.
st.subheader(t("meeting.pack.slides", language, n=len(pack.charts)))
st.markdown("\n".join(f"{i}. **{md_literal(item.title)}**  \n{md_literal(item.caption)}"
                       for i, item in enumerate(pack.charts, start=1)))
st.subheader(t("pack.summary", language))
st.dataframe(pack.summary, hide_index=True)
citing.caption(st, summary_citation, language)

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
