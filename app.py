"""Cruscotto territoriale: entry point. Checks the set-up, logs the user in, sets their scope, and navigates.

Run with `make run` (or `streamlit run app.py`). Pages live in views/, one file each (a folder Streamlit does not
auto-discover, so every run starts here); they only lay out what data_access returns. Who may see what is
decided by data_access.auth (pages of a role, scope of a user).
"""

import streamlit as st

from config import process, settings, theme
from config.labels import LANGUAGES, t
from config.navigation import PAGES
from data_access import auth, loading, queries, warm
from data_access.db import DatabaseError, get_engine
from data_access.delivery import Available
from views import filter_bar
from views import layout as _layout
from views import session as _session

# The icon is an emoji, drawn by the browser itself: a Material icon would be fetched from Google at every visit.
st.set_page_config(page_title=t("app.title"), page_icon="📊", layout="wide")
theme.enable()
process.settle()  # once per server process: the garbage collector's pauses made rare (config/process.py)

language = st.sidebar.selectbox(t("app.language_switch"), LANGUAGES, key="lang",
                                format_func=lambda code: t(f"language.{code}"),
                                on_change=filter_bar.keep_choices_in_new_language)

engine = None
try:
    engine = get_engine()
    problem = loading.startup_problem(engine)
    settings.base_url()  # the start of every citation link: a wrong value stops here, naming the variable
    if problem is None:
        warm.start(engine)  # once per process: the default views of each scope computed after a start or a load
    if problem is None and "cookie_settings" not in st.session_state:
        demo = bool(loading.data_state(engine)["demo"])
        st.session_state["cookie_settings"] = (settings.cookie_key(demo).value, settings.cookie_days())
except (DatabaseError, settings.ConfigError) as exc:
    problem = str(exc)
if problem:
    st.error(problem)
    st.stop()

with _session.database_problems(language):  # busy or unreachable: one line in the user's language
    _session.authenticator()  # one Authenticate per session, before navigation: a refresh keeps user and page
    user = _session.current_user(engine)
    info = queries.version_info()
    if info is not None and info["demo"]:
        st.warning(t("app.demo_banner", language), icon=":material/science:")

    if user is None:
        # Every address of the app shows the login form, so the address the user typed (page and filters) stays as it
        # is, and after the login the same address opens the page itself. No page runs before a login.
        def _login() -> None:
            _session.deliver_cookie()
            _session.login_form(engine, language)

        st.navigation([st.Page(_login, title=t(key, language), icon=icon, url_path=url, default=(i == 0))
                       for i, (_path, key, icon, url) in enumerate(PAGES)], position="hidden").run()
    else:
        allowed = auth.pages_for(user["role"])
        st.session_state["scope"] = auth.scope_of(engine, user)  # the user's row as read by current_user
        titles = {key: t(key, language) for _path, key, _icon, _url in PAGES}
        if "segnalazioni" in allowed:  # the user's alerts not dismissed, in the menu (cached per scope and version)
            titles["page.segnalazioni"] = _layout.alerts_title(engine, user["username"], language)
        pages = {url: st.Page(path, title=titles[key], icon=icon, url_path=url)
                 for path, key, icon, url in PAGES if url in allowed}
        _session.register_pages({path: pages[url] for path, _key, _icon, url in PAGES if url in pages})
        _session.logout_button(engine, language, user)
        navigation = st.navigation(list(pages.values()), expanded=True)  # every page in sight (13 for an administrator)
        _session.deliver_cookie()
        current = navigation.url_path or next(iter(pages))  # the default page has no path of its own
        if current in auth.ANALYTIC_PAGES:  # these record the view themselves, with their filters
            if info is None and not queries.public_data_loaded():  # a new installation: what to load, and where
                st.title(t(next(key for _path, key, _icon, url in PAGES if url == current), language))
                st.info(t("realpath.nothing_loaded", language), icon=":material/inbox:")
                _layout.say_where_to_load(Available(projects=False, tables={}))
                st.stop()
        else:
            _session.record_view(current)
        st.session_state["current_page"] = current
        navigation.run()
