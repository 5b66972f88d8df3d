"""Pacchetto riunione: the tavolo's meeting slides (PPTX, or PDF) for the territory and period of the filter bar.

Layout only. Each slide on offer is in ``presentation.registry.PACK``: a chart registry entry (the one its page
draws: the same published query, builder and title, so a slide shows the screen's chart) with its caption written
from the whole range (``presentation.captions``), or a table slide (the overdue actions). The page proposes the
slides with data in the user's territory; a chosen slide without data in the range is left out, and the page and
the title slide say so. The summary table comes from the same published results; the files from
presentation.exports. The data are read and the charts built during the run; the files are rendered only when a
download button is clicked.
"""

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from config.labels import md_literal, t, t_md
from data_access import geo, queries
from data_access import scope as periods
from data_access.analytics import TOTAL
from presentation import charts, exports, registry
from presentation.registry import PACK, period_value
from tools.topojson import zoom_to_regions
from views import citing, downloads
from views.layout import page_context, small_values_note, source_caption, territory_name

context = page_context()
language, scope, filters = context.language, context.scope, context.filters
territory, period = context.territory, context.period
words = context.words()

st.title(t("pack.title", language))
st.markdown(t_md("pack.intro", language, territory=territory, period=period))
context.require("capacity", "outreach", "services", "meetings", "actions")

tavolo = st.text_input(t("pack.tavolo", language), value=t("pack.tavolo_default", language, territory=territory),
                       max_chars=120)
proposed = registry.pack_default(context.available)  # the slides with data in the user's territory
chosen = st.multiselect(t("pack.charts", language), list(PACK), default=proposed or registry.PACK_DEFAULT,
                        format_func=lambda c: t(f"pack.choice.{c}", language),
                        placeholder=t("realpath.choose", language))
if not chosen:
    st.warning(t("pack.none_chosen", language))
    st.stop()

# The map's slide: the measure the map page opens on for this user, at the finest level they see, zoomed to them.
levels = geo.map_levels(scope)
regions = queries.filter_choices(scope, None)["provinces"]["region_code"] if scope.provinces is not None else None
zoom = zoom_to_regions([filters.region] if filters.region else regions) if levels[:1] == ("provincia",) else None
own = {"mappa": {"measure": geo.default_measure(context.available), "level": levels[0] if levels else "regione",
                 "zoom": zoom or ""}}
# The tavolo's own data (meetings, action plan) have no programme or project: their slides name the territory alone.
network_words = replace(words, territory=territory_name(filters.with_(programme=None, project=None), scope))
today = dt.date.today()
cite = citing.pack_citer()  # each slide cites its chart on its own page (views/citing.py)
built = {c: PACK[c].make(scope, filters, network_words if PACK[c].network else words, today=today, cite=cite,
                         **own.get(c, {})) for c in chosen if c != "mappa" or levels}
items = [item for item in built.values() if item is not None]
left_out = [t(f"pack.choice.{c}", language) for c in chosen if built.get(c) is None]
if left_out:
    st.info(t("meeting.pack.left_out_page", language, slides="; ".join(left_out)), icon=":material/visibility_off:")
if not items:
    st.warning(t("meeting.pack.nothing", language))
    st.stop()


def shows_small(item) -> bool:
    """Whether a slide shows a value as "<k" (its chart's data, or its table)."""
    if item.chart is None:
        return False
    frames = charts.to_spec(item.chart)[1].values()
    return any("small" in frame and frame["small"].astype(bool).any() for frame in frames)


acc = registry.PLACES.published(registry.PLACES.query(scope, filters))  # analytics.accoglienza_trend
out = registry.CONTACTS.query(scope, filters)  # analytics.emersione_trend
services = registry.PEOPLE_OVER_TIME.published(registry.PEOPLE_OVER_TIME.query(scope, filters),  # servizi_trend
                                                service=TOTAL).frame
k = acc.k
has_small = any(shows_small(item) for item in items)
note = exports.small_value_note(k, language) if has_small else None
for item in items:
    item.note = item.note or (note if item.chart is not None else None)

# The summary: the range's first period, the period before the last and the last, each under its own name ("<k"
# where protected, "nessun dato inviato" where not sent: never the figure of another period).
keys = list(dict.fromkeys(key for key in (filters.start or filters.end, periods.previous(filters.unit, filters.end),
                                          filters.end) if key and key in filters.periods))
SUMMARY = (("measure.places", acc.frame, "places"), ("measure.occupied", acc.frame, "occupied"),
           ("measure.occupancy_rate", acc.frame, "occupancy_rate"), ("measure.free_places", acc.frame, "free_places"),
           ("measure.structures", acc.frame, "structures"), ("measure.contacts", out.frame, "contacts"),
           ("measure.take_ins", out.frame, "take_ins"), ("pack.col.people_served", services, "people"))
rows = []
for label, frame, column in SUMMARY:
    figures = [period_value(frame, column, key, words, k) for key in keys]
    if any(f.text != t("realpath.not_sent", language) for f in figures):  # a row of nothing sent is left out
        rows.append({t("pack.col.measure", language): t(label, language),
                     **{f.period.capitalize(): f.text for f in figures}})
summary = pd.DataFrame(rows, dtype=object)

# The slides as the files will hold them: each title once and its caption, read before downloading.
st.subheader(t("meeting.pack.slides", language, n=len(items)))
st.markdown("\n".join(f"{i}. **{md_literal(item.title)}**  \n{md_literal(item.caption)}"
                       for i, item in enumerate(items, start=1)))
st.subheader(t("pack.summary", language))
st.dataframe(summary, hide_index=True)
summary_citation = citing.figure("tabella")
citing.caption(st, summary_citation, language)

info = queries.version_info(version=acc.data_version)  # the version of the figures (current or as of)
pack = exports.Pack(
    tavolo=tavolo.strip() or t("pack.tavolo_default", language, territory=territory), territory=territory,
    period=period, data_version=info["id"], data_date=info["created_at"].date(), built_on=today,
    charts=items, summary=summary, methodology=[t(f"pack.method.{n}", language, k=k) for n in (1, 2, 3, 4)]
    + ([t("reference.pack_method", language)] if any(getattr(PACK[c], "source", None) for c in chosen) else []),
    lang=language, left_out=left_out, citation=summary_citation,
    span="_".join(dict.fromkeys((filters.start or filters.end, filters.end))))

st.session_state["last_pack"] = pack  # what the buttons below build (tests open it as the user's file)
st.subheader(t("pack.download", language))
st.caption(t("pack.download_note", language, n=len(items), version=info["id"]))
details = {"oggetto": "pacchetto", "tavolo": pack.tavolo, "versione_dati": pack.data_version, "grafici": chosen,
           **st.query_params.to_dict()}
left, right = st.columns(2)
downloads.button(left, t("pack.pptx", language), lambda: exports.pack_pptx(pack), file_name=pack.file_name("pptx"),
                 mime="application/vnd.openxmlformats-officedocument.presentationml.presentation", page="pacchetto",
                 details={"formato": "pptx", **details}, icon=":material/slideshow:", type="primary", key="pack-pptx")
downloads.button(right, t("pack.pdf", language), lambda: exports.pack_pdf(pack), file_name=pack.file_name("pdf"),
                 mime="application/pdf", page="pacchetto", details={"formato": "pdf", **details},
                 icon=":material/picture_as_pdf:", key="pack-pdf")
if has_small:
    small_values_note(k)
source_caption(acc.data_version)
