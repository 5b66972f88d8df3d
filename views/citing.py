"""Citations on screen (presentation/citations.py): the identifier and link under every chart and table, and the
opening of a citation link.

Opening a link (``cita`` in the URL), in the filter bar's reconcile step (:func:`reconciled`):

- The identifier is checked against the page, the parameters, the version, the figure and its choices: a link that
  was changed or cut short is said so, and the page opens as any URL (the data version ignored for a user who may not
  ask for one).
- The filters are then read as every URL is, against the opener's scope. Where the view that results is not the cited
  one (a province, a project, a period outside the scope), the link is refused with the reasons and nothing else is
  shown. Otherwise the page opens the cited view: its choices (the breakdown...) set, and its data version: for a user
  who may not choose versions, the scope of this run allows that one version (``Scope.pinned``), offered in the filter
  bar beside the current data. The cited figure's line says so.
- While the view stays the cited one, the URL keeps the link's parameters (a refresh reopens it); a change of a filter
  or a choice leaves the citation behind, and the data version with it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import streamlit as st

from config import settings
from config.labels import md_literal, t, t_md
from config.navigation import PAGES
from data_access import queries
from data_access.filter_state import FilterState, link_opened
from data_access.scope import Scope
from data_access.sql import run_cache_version
from presentation import citations, registry
from presentation.citations import LINK_KEYS, VERSION, Citation, View
from views import filter_bar as filter_widgets
from views import session as _session

VIEW, COUNTS, OPENED, KEY = "_cited_view", "_figure_counts", "_cited_id", "_citation_key"  # session keys
# The page's own choices that change what its figures show: name -> (widget key, options, the first the default).
PAGE_CHOICES: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "accoglienza": {"breakdown": ("accoglienza_breakdown", tuple(registry.PLACES_BY.options["breakdown"]))},
    "emersione": {"measure": ("emersione_measure", tuple(registry.REACHED_BY.options["measure"])),
                  "dimension": ("emersione_dimension", tuple(registry.REACHED_BY.options["dimension"]))},
    "servizi": {"service": ("servizi_service", tuple(registry.PEOPLE_OVER_TIME.options["service"]))},
}


def key() -> bytes:
    """The key of this deployment's citation identifiers (settings.citation_key), read once per session."""
    if KEY not in st.session_state:
        info = queries.version_info()  # the project data: demo, or real (none yet: not demo)
        demo = bool(info and info["demo"])
        st.session_state[KEY] = settings.citation_key(demo)
    return st.session_state[KEY]


def page_choices(page: str) -> dict[str, str]:
    """The page's choices as its widgets hold them now (a choice not yet drawn: its default)."""
    out = {}
    for name, (widget, options) in PAGE_CHOICES.get(page, {}).items():
        value = st.session_state.get(widget)
        out[name] = value if value in options else options[0]
    return out


def _set_choices(page: str, choices: dict) -> None:
    """A link's choices in the page's widgets (values the page does not offer are left alone)."""
    for name, value in choices.items():
        widget, options = PAGE_CHOICES.get(page, {}).get(name, (None, ()))
        if widget and value in options:
            st.session_state[widget] = value


def _choices_hold(page: str, choices: dict) -> bool:
    current = page_choices(page)
    return all(current.get(name) == value for name, value in choices.items())


def _without(params, keys) -> dict | None:
    return None if params is None else {k: v for k, v in params.items() if k not in keys}


# --- Opening a link -------------------------------------------------------------------------------------------------
def reconciled(scope: Scope, options: dict, *, period_range: bool, page_params: dict | None,
               lang: str) -> tuple[FilterState, Scope, dict]:
    """The filter bar's state of this run, the scope of this run and the filter choices its widgets offer, with a
    citation link's view where the URL holds one (see the module's docstring). Stops the page where the link is
    refused."""
    params = st.query_params.to_dict()
    page_params = dict(page_params or {})
    st.session_state.pop(OPENED, None)
    link = citations.read_link(params)

    def read(choices: dict, url: dict, last, extra: dict | None = None) -> FilterState:
        return filter_widgets.read_state(choices, period_range=period_range, page_params={**page_params,
                                         **(extra or {})}, lang=lang, params=url, last_url=last)

    last = st.session_state.get(filter_widgets.LAST_URL)
    if link is None:
        return read(options, params, last), scope, options
    page = st.session_state.get("current_page", "")
    opened = last is None or link_opened(params, last)
    current = run_cache_version(_session.engine())
    if current is None or not link.verified(key(), page) or link.version > current:
        if opened:
            st.warning(t_md("citations.invalid", lang, id=citations.spaced(citations.normalised_id(link.id))),
                       icon=":material/link_off:")
        return read(options, _without(params, LINK_KEYS[:3]), _without(last, LINK_KEYS[:3])), scope, options
    pinned = not scope.history and link.version != current
    offered = {**options, "choices": replace(options["choices"], versions=(link.version, current))} if pinned \
        else options
    url = params if pinned or scope.history else _without(params, (VERSION,))
    if opened:
        _set_choices(page, link.choices)
    state = read(offered, url, last, link.link_params())
    shown = {k: v for k, v in state.url.items() if k not in LINK_KEYS}
    if shown == dict(link.params) and state.filters.as_of == (None if link.version == current else link.version) \
            and _choices_hold(page, link.choices):
        st.session_state[OPENED] = citations.normalised_id(link.id)
        st.info(t_md("citations.opened", lang, id=citations.spaced(citations.normalised_id(link.id)),
                     version=link.version), icon=":material/link:")  # on every run while the view is the cited one
        return state, (replace(scope, pinned=link.version) if pinned else scope), offered
    if opened:
        _refuse(page, link, state, lang)
    # the user changed a filter or a choice: the citation (and its version, for whom may not choose one) is left behind
    gone = LINK_KEYS if not scope.history else LINK_KEYS[:3]
    return read(options, _without(params, gone), _without(last, gone)), scope, options


def _refuse(page: str, link, state: FilterState, lang: str) -> None:
    """The link names a view outside the opener's scope: the reasons, a way to the page, the audit; the run stops."""
    reasons = " ".join(state.notices) or t("citations.refused_other", lang)
    st.title(t(next((key for _path, key, _icon, url in PAGES if url == page), "app.title"), lang))
    st.error(t_md("citations.refused", lang, id=citations.spaced(citations.normalised_id(link.id)),
                  reasons=reasons), icon=":material/block:")
    _session.record_view(page, {**dict(link.params), **link.link_params(), "esito": "rifiutato"})
    _session.page_link(st, f"views/{page}.py", label=t("citations.open_page", lang), icon=":material/arrow_forward:")
    st.stop()


# --- The figures of this run ----------------------------------------------------------------------------------------
def begin(url: dict, as_of: int | None) -> None:
    """The view of this run (page, URL parameters, data version), whose figures the page is about to draw."""
    st.session_state[COUNTS] = Counter()
    version = as_of if as_of is not None else run_cache_version(_session.engine())
    page = st.session_state.get("current_page", "")
    st.session_state[VIEW] = None if version is None else View.of(page, url, version)


def figure(kind: str, meta: dict | None = None) -> Citation | None:
    """The citation of the next figure of this run: ``kind`` "grafico" or "tabella"; ``meta``: a chart's
    ``usermeta`` (its registry name and choices), else the figure is named by its kind and place on the page. None
    on a page without a view (no filter bar)."""
    view = st.session_state.get(VIEW)
    if view is None or view.page != st.session_state.get("current_page"):
        return None
    meta = meta or {}
    if meta.get("figura"):
        name, choices = meta["figura"], meta.get("scelte") or {}
    else:
        name, choices = f"{kind}-{_place(kind)}", page_choices(view.page)
    return citations.cite(key(), settings.base_url(), view, name, choices)


def skip(kind: str) -> None:
    """A figure named by its place that this run does not draw (in a lazy tab not open, or a table without rows):
    the figures after it keep their names ("tabella-3" whichever tabs are open)."""
    view = st.session_state.get(VIEW)
    if view is not None and view.page == st.session_state.get("current_page"):
        _place(kind)


def places() -> Counter:
    """The places the figures of this run have taken so far: where the figures of a fragment drawn next start
    (:func:`resume`)."""
    return Counter(st.session_state.get(COUNTS, ()))


def resume(taken: Counter) -> None:
    """At the start of a fragment (``views.layout.fragment``): its figures take their places from ``taken``, the
    places of the figures before it in the page's run. A rerun of the fragment alone (a click on the map) so names
    its charts and tables as a whole run does, not after the figures of the run before."""
    st.session_state[COUNTS] = Counter(taken)  # a copy: the fragment's next rerun starts from the same places


def _place(kind: str) -> int:
    """The place of the next figure of ``kind`` on the page of this run (1, 2...)."""
    counts = st.session_state.setdefault(COUNTS, Counter())
    counts[kind] += 1
    return counts[kind]


def pack_citer():
    """For the meeting pack: ``cite(figure, choices)``, the citation of a slide's chart on its own page (Accoglienza,
    Emersione...) with the pack's filters and data version, the page's view; None on a page without a view."""
    view = st.session_state.get(VIEW)
    if view is None:
        return None

    def cite(name: str, choices) -> Citation:
        return citations.cite(key(), settings.base_url(), View(citations.page_of(name), view.params, view.version),
                              name, choices)
    return cite


def caption(container, citation: Citation | None, lang: str) -> None:
    """The figure's identifier, version and link, under it; "Figura citata" on the figure a link opened."""
    if citation is None:
        return
    # the link is built here from codes (URL-encoded) and the checked base URL: placed as it is, not escaped
    text = t("citations.caption", lang, text=md_literal(citation.text(lang)), link=citation.link)
    if st.session_state.get(OPENED) == citation.id:
        text = t("citations.caption_cited", lang, caption=text)
    container.caption(text)
