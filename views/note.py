"""Note: the notes on the charts of the user's scope, and (administrators and prefecture officials) a new note, an
edit or a deletion, with each note's versions.

Every rule is data_access.annotations': who writes where, what a note may hold (no personal data, no markup), the
versions and the audit trail; its message is shown in the page's language and nothing is written on any problem.
A new note starts from the territory and the last month of the filters the user last chose on an analytic page.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from config.labels import fmt_month, md_literal, t, t_md
from data_access import annotations, queries
from data_access.annotations import AnnotationError, Note, Territory
from data_access.scope import URL_KEYS, PeriodError, months_of
from views import filter_bar
from views import session as _session
from views.layout import current_scope, lang

language = lang()
user = _session.require_page("note", language)
engine = _session.engine()
scope = current_scope()
writer = annotations.may_write(user["role"])
DONE = "note_done"

st.title(t("page.note", language))
st.markdown(t("note.intro", language, limit=annotations.TEXT_MAX_CHARS))
for message in st.session_state.pop(DONE, []):
    st.success(message, icon=":material/check_circle:")

notes = annotations.notes_in_scope(scope, engine=engine)
places = annotations.writable_territories(engine, scope, language) if writer else []
names = dict(places)
last_url = st.session_state.get(filter_bar.LAST_URL) or {}


def when_text(note: Note) -> str:
    return note.when(language) + ("" if note.day else f" ({t('note.whole_month', language)})")


def date_inputs(prefix: str, month: str, day: dt.date | None):
    """A date and whether the note is on the whole month; the month and day to save."""
    first = dt.date(int(month[:4]), int(month[5:]), 1)
    chosen = st.date_input(t("note.date", language), value=day or first, key=f"{prefix}_date", format="DD/MM/YYYY",
                           min_value=dt.date(int(annotations.FIRST_MONTH[:4]), 1, 1),
                           max_value=dt.date(int(annotations.last_month()[:4]), 12, 31),
                           help=t("note.date_help", language))
    whole = st.checkbox(t("note.whole_month", language), value=day is None, key=f"{prefix}_whole")
    if chosen is None:
        return None, None
    return f"{chosen.year}-{chosen.month:02d}", (None if whole else chosen)


def territory_input(prefix: str, current: Territory | None):
    options = list(names)
    index = options.index(current) if current in options else 0
    return st.selectbox(t("note.territory", language), options, index=index, format_func=names.get,
                        key=f"{prefix}_territory")


def saved(action, message_key: str, **values) -> None:
    """Run a change; its success said after the page is drawn again, its refusal now."""
    try:
        action()
    except AnnotationError as problem:
        st.error(problem.markdown(language), icon=":material/error:")
        return
    st.session_state[DONE] = [t(message_key, language, **values)]
    st.rerun()


def default_place() -> Territory | None:
    """The territory of the filters last chosen on an analytic page, where the user may write on it."""
    province, region = last_url.get(URL_KEYS["province"]), last_url.get(URL_KEYS["region"])
    for territory in (Territory("provincia", province) if province else None,
                      Territory("regione", region) if region else None):
        if territory in names:
            return territory
    return None


def last_chosen_month() -> str | None:
    """The last month of the period last chosen on an analytic page (a month, the last of a quarter or a year), or
    None where none was chosen or the address held no valid period."""
    unit, end = last_url.get(URL_KEYS["unit"]) or "mese", last_url.get(URL_KEYS["end"])
    try:
        return months_of(unit, end)[-1] if end else None
    except PeriodError:
        return None


# --- A new note ---------------------------------------------------------------------------------------------------
if writer and places:
    st.subheader(t("note.new", language))
    month = last_chosen_month() or queries.filter_choices(scope, None)["choices"].last_month \
        or dt.date.today().strftime("%Y-%m")
    with st.form("note_new", clear_on_submit=False):
        territory = territory_input("new", default_place())
        new_month, new_day = date_inputs("new", month, None)
        text = st.text_area(t("note.text", language), max_chars=annotations.TEXT_MAX_CHARS,
                            help=t("note.text_help", language), key="new_text")
        if st.form_submit_button(t("note.save", language), type="primary"):
            saved(lambda: annotations.add(engine, user["username"], territory, text=text, month=new_month,
                                          day=new_day), "note.added", place=names[territory])
elif writer:
    st.info(t("note.no_places", language))
else:
    st.caption(t("note.readers", language))

# --- The notes of the scope ---------------------------------------------------------------------------------------
st.subheader(t("note.list", language))
if not notes:
    st.info(t("note.none", language), icon=":material/sticky_note_2:")
else:
    st.dataframe(pd.DataFrame([{
        t("note.col.date", language): when_text(n), t("note.col.territory", language): n.place(language),
        t("note.col.text", language): n.text, t("note.col.author", language): n.author,
        t("note.col.version", language): n.revision} for n in reversed(notes)], dtype=object),
        hide_index=True, width="stretch")

# --- Edit or delete -------------------------------------------------------------------------------------------------
mine = [n for n in notes if n.territory in names]
if writer and mine:
    st.subheader(t("note.change", language))
    chosen = st.selectbox(t("note.choose", language), mine, format_func=lambda n: f"{when_text(n)} · "
                          f"{n.place(language)}: {n.text[:60]}", key="note_chosen", index=len(mine) - 1)
    with st.form(f"note_edit_{chosen.id}_{chosen.revision}", clear_on_submit=False):
        territory = territory_input("edit", chosen.territory)
        new_month, new_day = date_inputs("edit", chosen.month, chosen.day)
        text = st.text_area(t("note.text", language), value=chosen.text, max_chars=annotations.TEXT_MAX_CHARS,
                            help=t("note.text_help", language), key="edit_text")
        if st.form_submit_button(t("note.save_edit", language)):
            saved(lambda: annotations.edit(engine, user["username"], chosen.id, chosen.revision, territory,
                                           text=text, month=new_month, day=new_day), "note.edited")
    with st.form(f"note_delete_{chosen.id}_{chosen.revision}", clear_on_submit=False):
        sure = st.checkbox(t("note.delete_confirm", language), key="delete_sure")
        if st.form_submit_button(t("note.delete", language)):
            if not sure:
                st.error(t("note.delete_unconfirmed", language), icon=":material/error:")
            else:
                saved(lambda: annotations.delete(engine, user["username"], chosen.id, chosen.revision),
                      "note.deleted")
    with st.expander(t("note.history", language)):
        versions = annotations.history(scope, chosen.id, engine=engine)
        st.dataframe(pd.DataFrame({
            t("note.col.version", language): versions["revision"],
            t("note.col.action", language): [t(f"note.action.{a}", language) for a in versions["action"]],
            t("note.col.at", language): [v.strftime("%d/%m/%Y %H:%M") for v in versions["at"]],
            t("note.col.by", language): versions["by"],
            t("note.col.date", language): [d.strftime("%d/%m/%Y") if isinstance(d, dt.date) else fmt_month(m, language)
                                           for m, d in zip(versions["month"], versions["day"], strict=True)],
            t("note.col.text", language): versions["text"]}, dtype=object), hide_index=True, width="stretch")
st.caption(t_md("note.rules", language, roles=md_literal(t("note.writers", language))))
