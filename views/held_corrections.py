"""The part of Carica dati about corrections held for approval (data_access/imports/corrections.py): what a data
steward is told before and after loading, their own corrections, and the administrators' queue with approve and
reject. Layout only: the data layer decides what is held and who may decide."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from config.labels import fmt_number, t
from data_access import auth
from data_access.imports import corrections

QUEUE = ("id", "created_at", "created_by", "table", "months", "rows", "measures", "revisions")  # administrators
OWN = ("id", "created_at", "table", "months", "rows", "measures", "status", "decided_by", "version")  # a steward


def preview_note(report, language: str) -> None:
    """Before the load button: how many rows would wait for approval (a data steward's corrections; counted by the
    process that checked the file, ``Report.held_rows``)."""
    if report.held_rows:
        st.warning(t("corrections.preview", language, n=fmt_number(report.held_rows, lang=language)),
                   icon=":material/gavel:")


def load_messages(result, file_name: str, language: str) -> list[str]:
    """The messages after a load whose corrections were held: what loaded at once (if anything) and what waits
    (none when nothing was held)."""
    if result.held is None:
        return []
    loaded = [t("corrections.loaded_part", language, file=file_name, version=result.version,
                n=fmt_number(result.loaded_rows, lang=language))] if result.version is not None else []
    return [*loaded, t("corrections.held_done", language, id=result.held,
                       n=fmt_number(result.held_rows, lang=language))]


def _table(frame: pd.DataFrame, columns: tuple[str, ...], language: str) -> pd.DataFrame:
    """The corrections as the page shows them: words in the page's language, local dates, no raw codes."""
    shown = frame.assign(
        created_at=frame["created_at"].map(lambda d: d.strftime("%d/%m/%Y %H:%M")),
        table=frame["table"].map(lambda name: t(f"import.table.{name}", language)),
        measures=frame["measures"].map(lambda ms: ", ".join(t(f"measure.{m}", language) for m in ms) or "—"),
        revisions=frame["revisions"].map(lambda n: "—" if n is None or pd.isna(n) else fmt_number(n, lang=language)),
        status=frame["status"].map(lambda s: t(f"corrections.status.{s}", language)),
        decided_by=frame["decided_by"].fillna("—"),
        version=frame["version"].map(lambda v: "—" if v is None or pd.isna(v) else str(int(v))))
    return shown[list(columns)].rename(columns={c: t(f"corrections.col.{c}", language) for c in columns})


def section(engine, username: str, is_admin: bool, language: str) -> None:
    """The corrections section: the queue with its decisions for administrators, their own for data stewards."""
    st.subheader(t("corrections.title", language))
    st.caption(t("corrections.why", language))
    if not is_admin:
        own = corrections.listing(engine, username=username)
        if own.empty:
            st.caption(t("corrections.none_own", language))
        else:
            st.dataframe(_table(own, OWN, language), hide_index=True, width="stretch")
        return
    pending = corrections.listing(engine, pending_only=True)
    if pending.empty:
        st.caption(t("corrections.none", language))
        return
    st.dataframe(_table(pending, QUEUE, language), hide_index=True, width="stretch")
    st.caption(t("corrections.revisions_note", language))
    chosen = st.selectbox(t("corrections.pick", language), pending["id"].tolist(), key="correction_pick",
                          format_func=lambda i: t("corrections.option", language, id=i,
                                                  who=pending.set_index("id").at[i, "created_by"]))
    confirm = st.checkbox(t("corrections.confirm", language, id=chosen), key=f"correction_ok_{chosen}")
    left, right, _ = st.columns([1, 1, 2])
    approve = left.button(t("corrections.approve", language), disabled=not confirm, type="primary",
                          icon=":material/check:", key="correction_approve")
    reject = right.button(t("corrections.reject", language), disabled=not confirm, icon=":material/close:",
                          key="correction_reject")
    if approve or reject:
        _decide(engine, chosen, username, approve, language)


def _decide(engine, chosen: int, username: str, approve: bool, language: str) -> None:
    try:
        if approve:
            version = corrections.approve_by(engine, chosen, username)
            done = (t("corrections.approved", language, id=chosen) if version is None
                    else t("corrections.loaded", language, id=chosen, version=version))
        else:
            corrections.reject_by(engine, chosen, username)
            done = t("corrections.rejected", language, id=chosen)
    except (corrections.CorrectionError, auth.AuthError) as exc:
        st.error(exc.text(language), icon=":material/error:")
        return
    st.session_state["import_done"] = [done]
    st.rerun()
