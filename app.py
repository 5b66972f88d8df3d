"""Cruscotto territoriale: entry point. Checks the database, sets the user's scope, and navigates.

Run with `make run` (or `streamlit run app.py`). Pages live in pages/, one file each; they only lay out what
data_access returns.
"""

import streamlit as st

from config import theme
from config.labels import LANGUAGES, t
from config.navigation import PAGES
from data_access import loading, queries
from data_access.db import DatabaseError, get_engine
from data_access.scope import Scope

st.set_page_config(page_title="Cruscotto territoriale", page_icon=":material/analytics:", layout="wide")
theme.enable()

language = st.sidebar.selectbox("Lingua / Language", LANGUAGES, key="lang",
                                format_func=lambda code: {"it": "Italiano", "en": "English"}[code])

try:
    problem = loading.startup_problem(get_engine())
except DatabaseError as exc:
    problem = str(exc)
if problem:
    st.error(problem)
    st.stop()

# Until login arrives (issue 5) everyone sees all of Italy; the scope is still set here, once, and passed down.
st.session_state["scope"] = Scope.everything()

info = queries.version_info()
if info is None:
    st.info(t("app.no_data", language))
    st.stop()
if info["demo"]:
    st.warning(t("app.demo_banner", language), icon=":material/science:")

pages = {url: st.Page(path, title=t(key, language), icon=icon, url_path=url, default=(i == 0))
         for i, (path, key, icon, url) in enumerate(PAGES)}
navigation = st.navigation(list(pages.values()))
requested = st.session_state.pop("requested_page", None)  # a deep link opened right after a server start
if requested in pages and requested != navigation.url_path:
    st.switch_page(pages[requested], query_params=st.query_params.to_dict())
navigation.run()
