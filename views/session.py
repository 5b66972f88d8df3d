"""The Streamlit side of login: one streamlit-authenticator ``Authenticate`` per session, the login cookie, the
user of this session, the login form and the logout button.

Every decision is taken by :mod:`data_access.auth`: the password check with its lock-out and audit
(``authenticate``), whether a session or cookie is still valid (``read_token``, ``session_user``: logout, disable
and password reset end it), the scope and the pages of a role. This module keeps the session state (in the keys
streamlit-authenticator uses: ``authentication_status``, ``username``, ``name``, ``roles``, plus
``session_epoch``) and draws.

The cookie: streamlit-authenticator reads it on the server from the request (``st.context.cookies``), so a page
refresh, which starts a new session, finds the user again before navigation is built and stays on the same page.
It is written and deleted in the browser by the library's cookie manager component, in the run after the login
or logout (a run that is cut short by a rerun would not deliver the component): SameSite=Strict, Secure when the
app is reached over HTTPS, never HttpOnly (JavaScript writes it; README, "Security").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging

import streamlit as st

# Imported with this module, not lazily at the first login: imported by the first runs of many sessions at once
# after a server start, the library's component declarations (extra_streamlit_components, through
# inspect.getmodule) could fail in one thread and leave a half-initialised streamlit_authenticator for every later
# session ("has no attribute 'Authenticate'", seen once by tests/system/test_concurrency.py in CI). Here the import runs
# while app.py imports its modules, under this module's import lock, before any session asks for cached data.
import streamlit_authenticator as stauth

from config import settings
from config.labels import t, t_md
from data_access import auth, run_memo
from data_access.db import get_engine, operational_problem

LOG = logging.getLogger(__name__)
STATE_KEYS = ("authentication_status", "username", "name", "roles", "session_epoch")


def engine():
    """The database engine, for the data_access.auth calls of the admin pages."""
    return get_engine()


def authenticator():
    """The session's ``Authenticate`` object, built once, before navigation."""
    if "authenticator" not in st.session_state:
        key, days = st.session_state["cookie_settings"]
        st.session_state["authenticator"] = stauth.Authenticate(
            {"usernames": {}},  # passwords are checked by data_access.auth against the users table, not here
            cookie_name=settings.COOKIE_NAME, cookie_key=key.decode("utf-8"), cookie_expiry_days=days)
    return st.session_state["authenticator"]


def _cookie_manager():
    return authenticator().cookie_controller.cookie_model.cookie_manager


def _start(user: dict) -> None:
    st.session_state.update({"authentication_status": True, "username": user["username"], "name": user["name"],
                             "roles": [user["role"]], "session_epoch": user["epoch"]})


def _end() -> None:
    for key in (*STATE_KEYS, "scope", "last_view"):
        st.session_state.pop(key, None)


def current_user(engine) -> dict | None:
    """The user of this session, checked against the database at every run; else from the login cookie (once per
    session: a refresh or a new tab); else None."""
    username, epoch = st.session_state.get("username"), st.session_state.get("session_epoch")
    if st.session_state.get("authentication_status") and username:
        user = auth.session_user(engine, username, epoch)
        if user is None:  # logged out elsewhere, disabled, password reset, demo account on real data
            _end()
            st.session_state["ended"] = True
        return user
    if not st.session_state.get("cookie_checked"):
        st.session_state["cookie_checked"] = True
        key, _days = st.session_state["cookie_settings"]
        claims = auth.read_token(st.context.cookies.get(settings.COOKIE_NAME), key)
        user = auth.session_user(engine, *claims) if claims else None
        if user is not None:
            _start(user)
            auth.record(engine, user["username"], "login_ok", details={"via": "cookie"})
            return user
    return None


def still_valid() -> bool:
    """Whether the session's user is still valid and may still see the scope of this session's last run (checked
    against the database): for a part of a page that reruns alone (``views.layout.fragment``), which app.py does not
    run before (:func:`current_user` checks the user at every run of the app)."""
    scope = st.session_state.get("scope")
    return scope is not None and auth.still_allowed(engine(), st.session_state.get("username"),
                                                    st.session_state.get("session_epoch"), scope)


def deliver_cookie() -> None:
    """Write or delete the login cookie in the browser if a login or logout asked for it."""
    token = st.session_state.pop("cookie_to_set", None)
    if token:
        _key, days = st.session_state["cookie_settings"]
        _cookie_manager().set(settings.COOKIE_NAME, token, expires_at=dt.datetime.now() + dt.timedelta(days=days),
                              same_site="strict", secure=served_over_https() or None)
    if st.session_state.pop("cookie_to_delete", False):
        with contextlib.suppress(KeyError):  # the manager had not seen the cookie: the browser deletes it anyway
            _cookie_manager().delete(settings.COOKIE_NAME)


def served_over_https() -> bool:
    """Whether the browser reached the app over HTTPS (its address; or a proxy in front that says so): then the
    login cookie is written with Secure, so the browser never sends it over plain HTTP."""
    url = st.context.url or ""
    forwarded = (st.context.headers.get("X-Forwarded-Proto") or "").split(",")[0].strip().lower()
    return url.lower().startswith("https://") or forwarded == "https"


def login_form(engine, language: str) -> None:
    """The login page: the form, the outcome, and in demo mode the demo accounts."""
    st.title(t("login.title", language))
    if st.session_state.pop("ended", False):
        st.info(t("login.ended", language))
    st.caption(t("login.intro", language))
    with st.form("login"):
        username = st.text_input(t("login.username", language), autocomplete="username", key="login_username")
        password = st.text_input(t("login.password", language), type="password", autocomplete="current-password",
                                 key="login_password")
        submitted = st.form_submit_button(t("login.submit", language), type="primary")
    if submitted:
        result = auth.authenticate(engine, username, password)
        if result.ok:
            _start({"username": result.username, "name": result.name or result.username, "role": result.role,
                    "epoch": result.epoch})
            key, days = st.session_state["cookie_settings"]
            if days > 0:
                st.session_state["cookie_to_set"] = auth.issue_token(result.username, result.epoch, key, days)
            st.rerun()
        st.error(result.text(language), icon=":material/lock:")
    demo = auth.ensure_demo_users(engine)
    if demo:
        st.subheader(t("login.demo_title", language))
        st.markdown(t("login.demo_intro", language, password=auth.DEMO_PASSWORD))
        st.table({t("login.username", language): [u["username"] for u in demo],
                  t("login.role", language): [auth.role_label(u["role"], language) for u in demo],
                  t("login.territory", language): [auth.scope_for(engine, u["username"], language).label
                                                   for u in demo]})
    elif not auth.list_users(engine):
        st.warning(t("login.no_users", language), icon=":material/person_add:")


def logout_button(engine, language: str, user: dict) -> None:
    """Who is logged in, and the button that ends the session (here and in every other tab and cookie)."""

    def _logout() -> None:
        auth.logout(engine, user["username"])
        _end()
        st.session_state["cookie_to_delete"] = True

    bar = st.sidebar
    bar.caption(t_md("login.who", language, name=user["name"], role=auth.role_label(user["role"], language)))
    bar.button(t("login.logout", language), on_click=_logout, icon=":material/logout:")


def record_view(page: str, details: dict | None = None) -> None:
    """A page view in the audit trail, once per change of page or filters (not at every widget rerun)."""
    username = st.session_state.get("username")
    view = (page, tuple(sorted((details or {}).items())))
    if not username or st.session_state.get("last_view") == view:
        return
    st.session_state["last_view"] = view
    auth.record(get_engine(), username, "page_view", page=page, details=details)


def require_page(page: str, language: str) -> dict:
    """The user of this session if their role may open ``page``; else an error and the run stops. The navigation
    already leaves such pages out; this is the second lock, on the page itself."""
    user = auth.session_user(get_engine(), st.session_state.get("username"), st.session_state.get("session_epoch"))
    if user is None or page not in auth.pages_for(user["role"]):
        st.error(t("login.forbidden", language), icon=":material/block:")
        st.stop()
    return user


@contextlib.contextmanager
def database_problems(language: str):
    """Around a run: a database that is busy (a lock held beyond the wait) or unreachable ends the run with one
    line in the user's language and a button that runs the page again, instead of Streamlit's error page. Reads
    are retried by that button (nothing half-done is kept: every write is one transaction, rolled back)."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    try:
        yield
    except (OperationalError, PoolTimeout) as exc:
        LOG.warning(t("security.log.database", reason=str(exc).splitlines()[0]))
        st.error(operational_problem(exc).text(language), icon=":material/database:")
        st.button(t("security.db.retry", language), icon=":material/refresh:", key="database_retry")


_PAGES_KEY = ("navigation_pages",)


def register_pages(pages: dict[str, st.Page]) -> None:
    """The pages this run's navigation registered, by script path (``views/x.py``), for :func:`page_link`."""
    run_memo.keep_for_run(_PAGES_KEY, dict(pages))


def page_link(container, path: str, **kwargs):
    """``container.page_link`` to a page of the app (``views/x.py``): by the page object this run's navigation
    registered, where there is one. Given a path, Streamlit resolves it on disk at each call: a tenth of a national
    Segnalazioni run, for its 32 links. Elsewhere (a part of a page rerun alone), by the path."""
    page = run_memo.per_run(_PAGES_KEY, dict).get(path)
    return container.page_link(page if page is not None else path, **kwargs)
