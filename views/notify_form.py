"""The user's e-mail choices on the Segnalazioni page: an address, a digest of new alerts and (for those who prepare
the tavolo's meetings) the meeting pack of their territory when a new data version lands. Layout only: the choices
are checked and saved by data_access.notifications (in the audit trail); e-mail is off until an administrator
configures an SMTP server (config/alerting.py), and the form says so."""

from __future__ import annotations

import streamlit as st

from config.labels import t
from config.settings import ConfigError
from data_access import notifications


def show(engine, username: str | None, role: str | None, language: str) -> None:
    st.subheader(t("notify.title", language))
    try:
        enabled = notifications.enabled()
    except ConfigError as exc:  # a bad SMTP setting: the administrator sees what to fix
        st.warning(str(exc) if role == "amministratore" else t("notify.off", language), icon=":material/mail:")
        return
    if not enabled:
        st.caption(t("notify.off_admin" if role == "amministratore" else "notify.off", language))
        return
    if not username:
        return
    saved = notifications.preferences(engine, username) or {}
    email = st.text_input(t("notify.email", language), value=saved.get("email", ""), max_chars=254,
                          help=t("notify.email_help", language), key="notify-email")
    digest = st.checkbox(t("notify.digest", language), value=bool(saved.get("digest")), key="notify-digest")
    pack = False
    if notifications.may_receive_pack(role):
        pack = st.checkbox(t("notify.pack", language), value=bool(saved.get("pack")),
                           help=t("notify.pack_help", language), key="notify-pack")
    submitted = st.button(t("notify.save", language), key="notify-save")
    if submitted:
        try:
            notifications.save_preferences(engine, username, email=email, digest=digest, pack=pack, lang=language)
        except notifications.NotifyError as exc:
            st.error(exc.markdown(language))
        else:
            st.success(t("notify.saved", language))
    st.caption(t("notify.note", language))
