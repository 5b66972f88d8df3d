"""Registro accessi (administrators only): the audit trail, filtered by dates, user and event, and its CSV export
(which is itself recorded)."""

import datetime as dt

import streamlit as st

from config.labels import t
from data_access import auth
from presentation import exports
from views import downloads
from views import session as _session
from views.layout import lang

SHOWN = 2000  # rows drawn on the page; the CSV has them all

language = lang()
admin = _session.require_page("registro", language)
engine = _session.engine()

st.title(t("page.registro", language))
st.caption(t("audit.intro", language))

today = dt.datetime.now(dt.UTC).date()
left, middle, right = st.columns(3)
dates = left.date_input(t("audit.dates", language), value=(today - dt.timedelta(days=30), today),
                        max_value=today, format="DD/MM/YYYY")
username = middle.text_input(t("audit.user", language))
events = right.multiselect(t("audit.events", language), list(auth.EVENTS),
                           format_func=lambda event: auth.event_label(event, language))

if not isinstance(dates, tuple) or len(dates) != 2:
    st.info(t("audit.pick_end", language))
    st.stop()
since, until = dates[0], dates[1] + dt.timedelta(days=1)  # the end date is included
frame = auth.audit_frame(engine, since=since, until=until, username=username or None, events=events or None)
st.markdown(t("audit.count", language, n=len(frame)))
shown = frame.sort_values("at", ascending=False).head(SHOWN)
st.dataframe(
    shown.assign(at=shown["at"].dt.tz_convert("Europe/Rome").dt.strftime("%d/%m/%Y %H:%M:%S"),
                 event=shown["event"].map(lambda event: auth.event_label(event, language))).drop(columns=["id"])
    .rename(columns={c: t(f"audit.col.{c}", language) for c in ("at", "username", "event", "page", "details")}),
    hide_index=True, width="stretch")
if len(frame) > SHOWN:
    st.caption(t("audit.truncated", language, n=SHOWN))


downloads.button(st, t("audit.download", language),
                 lambda: exports.audit_csv(auth.audit_frame(engine, since=since, until=until,
                                                            username=username or None, events=events or None)),
                 file_name=f"registro-accessi-{since.isoformat()}-{dates[1].isoformat()}.csv", mime="text/csv",
                 page="registro", details={"formato": "csv", "da": since.isoformat(), "a": dates[1].isoformat(),
                                           "utente": username or None, "eventi": events or None},
                 key="audit-csv", icon=":material/download:")
