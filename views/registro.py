"""Registro accessi (administrators only): the audit trail, filtered by dates, user and event, and its CSV export
(which is itself recorded)."""

import datetime as dt
import json
import re

import streamlit as st

from config.labels import fmt_month, fmt_number, t
from config.navigation import PAGES
from data_access import auth
from presentation import charts, exports
from views import downloads
from views import session as _session
from views.layout import lang

PAGE_KEYS = {url: key for _path, key, _icon, url in PAGES}  # a page's address -> its title
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

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
                           format_func=lambda event: auth.event_label(event, language),
                           placeholder=t("realpath.choose", language))

if not isinstance(dates, tuple) or len(dates) != 2:
    st.info(t("audit.pick_end", language))
    st.stop()
since, until = dates[0], dates[1] + dt.timedelta(days=1)  # the end date is included
chosen = {"since": since, "until": until, "username": username or None, "events": events or None}
count = auth.audit_count(engine, **chosen)
st.markdown(t("audit.count", language, n=count))
shown = auth.audit_frame(engine, **chosen, latest=auth.audit.SHOWN).sort_values("at", ascending=False)  # CSV: all


def details_text(details) -> str:
    """The details of an event as words: "unita: mese; a: dicembre 2025", not raw JSON; "—" where none."""
    try:
        values = json.loads(details) if isinstance(details, str) else None
    except ValueError:
        return str(details)
    if not isinstance(values, dict) or not values:
        return charts.EMPTY_CELL
    return "; ".join(f"{key}: {value_text(value)}" for key, value in values.items())


def value_text(value) -> str:
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or charts.EMPTY_CELL
    if value is None or value == "":
        return charts.EMPTY_CELL
    if isinstance(value, str) and MONTH.match(value):
        return fmt_month(value, language)
    return fmt_number(value, 0, language) if isinstance(value, int) and not isinstance(value, bool) else str(value)


if shown.empty:  # said in words (Streamlit would draw "empty")
    st.caption(t("realpath.empty_table", language))
else:
    st.dataframe(shown.assign(
        at=shown["at"].dt.tz_convert("Europe/Rome").dt.strftime("%d/%m/%Y %H:%M:%S"),
        event=shown["event"].map(lambda event: auth.event_label(event, language)),
        username=shown["username"].map(charts.or_empty(str)),
        page=shown["page"].map(charts.or_empty(lambda url: t(PAGE_KEYS[url], language) if url in PAGE_KEYS else url)),
        details=shown["details"].map(details_text)).drop(columns=["id"])
        .rename(columns={c: t(f"audit.col.{c}", language) for c in ("at", "username", "event", "page", "details")}),
        hide_index=True, width="stretch")
if count > auth.audit.SHOWN:
    st.caption(t("audit.truncated", language, n=auth.audit.SHOWN))


downloads.button(st, t("audit.download", language),
                 lambda: exports.audit_csv(auth.audit_frame(engine, **chosen)),
                 file_name=f"registro-accessi-{since.isoformat()}-{dates[1].isoformat()}.csv", mime="text/csv",
                 page="registro", details={"formato": "csv", "da": since.isoformat(), "a": dates[1].isoformat(),
                                           "utente": username or None, "eventi": events or None},
                 key="audit-csv", icon=":material/download:")
