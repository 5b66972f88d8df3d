"""Utenti (administrators only): the users, a new user, disable/enable and a new password.

Every action goes through data_access.auth, which validates it, writes it in one transaction and records it in
the audit trail; its message is shown in the page's language.
"""

import streamlit as st

from config.labels import t, t_md
from data_access import auth
from views import session as _session
from views.layout import lang

language = lang()
admin = _session.require_page("utenti", language)
engine = _session.engine()

st.title(t("page.utenti", language))
st.caption(t("users.intro", language))

for message in st.session_state.pop("users_done", []):
    st.success(message, icon=":material/check_circle:")

users = auth.list_users(engine)
provinces = dict(auth.province_choices(engine))
st.dataframe(
    [{t("users.col.username", language): u["username"], t("users.col.name", language): u["name"] or "",
      t("users.col.role", language): auth.role_label(u["role"], language),
      t("users.col.territory", language): ", ".join(provinces.get(c, c) for c in u["provinces"]) or
      ", ".join(u["projects"]) or "\u2014",
      t("users.col.active", language): u["active"], t("users.col.demo", language): u["is_demo"],
      t("users.col.password_changed", language): u["password_changed_at"].strftime("%d/%m/%Y %H:%M")
      if u["password_changed_at"] else ""}
     for u in users],
    hide_index=True, width="stretch")

new_tab, change_tab = st.tabs([t("users.new", language), t("users.change", language)])

with new_tab, st.form("new_user", clear_on_submit=False):
    username = st.text_input(t("users.col.username", language), help=auth.username_rule(language))
    name = st.text_input(t("users.col.name", language))
    role = st.selectbox(t("users.col.role", language), list(auth.ROLES),
                        format_func=lambda role: auth.role_label(role, language))
    chosen_provinces = st.multiselect(t("users.provinces", language), list(provinces), format_func=provinces.get,
                                      help=t("users.provinces_help", language),
                                      placeholder=t("realpath.choose", language))
    projects = dict(auth.project_choices(engine))
    chosen_projects = st.multiselect(t("users.projects", language), list(projects),
                                     format_func=lambda c: f"{c} - {projects[c]}",
                                     help=t("users.projects_help", language),
                                     placeholder=t("realpath.choose", language))
    password = st.text_input(t("login.password", language), type="password", help=auth.password_rule(language),
                             autocomplete="new-password")
    again = st.text_input(t("users.password_again", language), type="password", autocomplete="new-password")
    if st.form_submit_button(t("users.create", language), type="primary"):
        if password != again:
            st.error(t("users.password_mismatch", language))
        else:
            try:
                auth.create_user(engine, username, role, password, provinces=chosen_provinces,
                                 projects=chosen_projects, name=name or None, actor=admin["username"])
            except auth.AuthError as exc:
                st.error(exc.markdown(language))
            else:
                st.session_state["users_done"] = [t_md("users.created", language, username=username.strip().lower())]
                st.rerun()

with change_tab:
    names = [u["username"] for u in users]
    if names:
        chosen = st.selectbox(t("users.col.username", language), names, key="user_to_change")
        row = next(u for u in users if u["username"] == chosen)
        label = "users.enable" if not row["active"] else "users.disable"
        if st.button(t(label, language), key="toggle_user"):
            try:
                if row["active"]:
                    auth.disable_user(engine, chosen, actor=admin["username"])
                else:
                    auth.enable_user(engine, chosen, actor=admin["username"])
            except auth.AuthError as exc:
                st.error(exc.markdown(language))
            else:
                st.session_state["users_done"] = [t_md(f"{label}d", language, username=chosen)]
                st.rerun()
        with st.form("reset_password", clear_on_submit=True):
            st.markdown(t_md("users.reset_title", language, username=chosen))
            new_password = st.text_input(t("login.password", language), type="password",
                                         help=auth.password_rule(language), autocomplete="new-password")
            new_again = st.text_input(t("users.password_again", language), type="password",
                                      autocomplete="new-password")
            if st.form_submit_button(t("users.reset", language)):
                if new_password != new_again:
                    st.error(t("users.password_mismatch", language))
                else:
                    try:
                        auth.reset_password(engine, chosen, new_password, actor=admin["username"])
                    except auth.AuthError as exc:
                        st.error(exc.markdown(language))
                    else:
                        st.session_state["users_done"] = [t_md("users.reset_done", language, username=chosen)]
                        st.rerun()
