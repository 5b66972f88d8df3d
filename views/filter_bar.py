"""The filter bar's widgets in the sidebar: they draw what data_access.filter_state.reconcile decided (options, the
option shown, the notices) and write the chosen filters back to the URL. No decision is taken here."""

from __future__ import annotations

import streamlit as st

from config.labels import fmt_period, md_literal, t
from data_access import filter_state, queries
from data_access.filter_state import FilterState

LAST_URL = "_filter_url"  # session key: the URL parameters the bar wrote on its last run
# The keyed choices whose options are words of the interface language: the filter bar's and the pages' own.
TRANSLATED_CHOICES = (*filter_state.FILTER_KEYS, "accoglienza_breakdown", "emersione_measure", "emersione_dimension",
                      "servizi_service", "mappa_misura", "mappa_modo", "mappa_livello", "import_table")


def keep_choices_in_new_language() -> None:
    """On a change of language (the language switch's callback): each keyed choice is set again to the value it
    holds, so that the browser redraws it with the options' words in the new language. Without it the browser
    kept the old words, and a radio whose old word is not among the new ones showed nothing chosen."""
    for key in TRANSLATED_CHOICES:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


FROM_SESSION = object()  # read_state's default: the URL and the URL written last as the session has them


def read_state(options: dict, *, period_range: bool, page_params: dict | None, lang: str, params=FROM_SESSION,
               last_url=FROM_SESSION) -> FilterState:
    """The reconcile step fed from this session: the URL, the widgets' last state and the URL written last, with
    the scope's choices (``options``: as queries.filter_choices returns them). ``params`` and ``last_url`` stand for
    the URL and the URL written last where a citation link's own parameters are set apart (views/citing.py)."""
    widgets = {key: st.session_state[key] for key in filter_state.FILTER_KEYS if key in st.session_state}
    regions = list(options["names"].regions)  # by name, as the bar lists them
    return filter_state.reconcile(st.query_params.to_dict() if params is FROM_SESSION else params, widgets,
                                  st.session_state.get(LAST_URL) if last_url is FROM_SESSION else last_url,
                                  options["choices"], regions, period_range=period_range, page_params=page_params,
                                  lang=lang)


def draw(state: FilterState, options: dict, lang: str) -> None:
    """The notices, the widgets of the sidebar as ``state`` decided, the notice of an earlier data version; then
    the URL, written when it changed."""
    for key in state.forget:
        st.session_state.pop(key, None)
    for notice in state.notices:
        st.warning(md_literal(notice), icon=":material/warning:")  # it holds URL values
    bar = st.sidebar
    bar.header(t("filter.header", lang))
    labels = _labels(options, state.filters.unit, lang)
    for key, widget in state.widgets.items():
        label, format_func = labels[key]
        if key == filter_state.UNIT:
            bar.radio(label, widget.options, index=widget.index, key=key, format_func=format_func, horizontal=True)
        else:
            bar.selectbox(label, widget.options, index=widget.index, key=key, format_func=format_func)
    whole = filter_state.whole_period(state)
    if whole is not None:  # one click back to the whole period of data, where a structural change shows
        bar.button(t("meeting.filter.whole_period", lang), key="filtro_tutto", icon=":material/date_range:",
                   on_click=st.session_state.update, kwargs=whole, help=t("meeting.filter.whole_period_help", lang))
    if not {filter_state.START, filter_state.END, filter_state.PERIOD} & set(state.widgets):
        bar.caption(t("realpath.no_periods", lang))
    as_of = state.filters.as_of
    if as_of is not None:
        info = queries.version_info(version=as_of)
        st.info(t("filter.as_of_notice", lang, version=as_of, date=info["created_at"].strftime("%d/%m/%Y")),
                icon=":material/history:")
    if state.url != st.query_params.to_dict():
        st.query_params.from_dict(state.url)
    st.session_state[LAST_URL] = state.url


def _labels(options: dict, unit: str, lang: str) -> dict:
    """Each widget's label and the words of its options (codes -> names), from the names of the scope's choices."""
    names, versions = options["names"], options["choices"].versions

    def named(all_key: str, word):
        return lambda code: t(all_key, lang) if code in (None, filter_state.ALL) else word(code)

    def period(key: str) -> str:
        return fmt_period(unit, key, lang)

    return {
        filter_state.REGION: (t("filter.region", lang), named("filter.all_regions", names.regions.__getitem__)),
        filter_state.PROVINCE: (t("filter.province", lang), named("filter.all_provinces", names.provinces.__getitem__)),
        filter_state.UNIT: (t("filter.unit", lang), lambda u: t(f"unit.{u}", lang)),
        filter_state.START: (t("filter.from", lang), period),
        filter_state.END: (t("filter.to", lang), period),
        filter_state.PERIOD: (t("filter.period", lang), period),
        filter_state.PROGRAMME: (t("filter.programme", lang),
                                 named("filter.all_programmes", lambda p: t(f"programme.{p}", lang))),
        filter_state.PROJECT: (t("filter.project", lang), named("filter.all_projects", names.projects.__getitem__)),
        filter_state.AS_OF: (t("filter.as_of", lang), lambda v: t("filter.as_of_current", lang,
                                                                  version=versions[-1]) if v in (None, filter_state.ALL)
                             else t("filter.as_of_version", lang, version=v)),
    }
