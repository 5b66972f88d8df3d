"""Layout pieces every page uses: the filter bar, the demo banner, captions. No data work happens here: the
choices come from data_access, the URL is parsed and validated by data_access.scope, and what the filter bar shows
is decided by data_access.filter_state (its widgets are in views/filter_bar.py)."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from config import settings, theme
from config.labels import (
    change_arrow,
    fmt_change,
    fmt_count,
    fmt_month,
    fmt_occupancy,
    md_literal,
    t,
    t_md,
)
from data_access import alerts, annotations, auth, imports, queries
from data_access.delivery import Available
from data_access.filter_state import link_opened
from data_access.plausible import NOISE, OVER
from data_access.scope import Filters, Scope
from presentation import charts, exports, page_words, view_cache
from presentation.registry import ChartWords
from views import citing, downloads
from views import filter_bar as filter_widgets
from views import session as _session

LOG = logging.getLogger("cruscotto.views")

def lang() -> str:
    """The interface language chosen in the sidebar (Italian by default)."""
    return st.session_state.get("lang", "it")


_language = lang


def current_scope() -> Scope:
    """The scope set by app.py at login; a page never builds one."""
    return st.session_state["scope"]


def filter_bar(scope: Scope, *, period_range: bool = True, page_params: dict[str, str] | None = None) -> Filters:
    """The shared sidebar: territory, period unit and period(s), programme, project. State lives in the URL, with
    the page's own parameters (``page_params``: name -> value, kept in the URL as they are). Three steps: what to
    show (data_access.filter_state.reconcile, from the URL and the widgets' last state), the widgets that show it
    (views/filter_bar.py), then the audit record and the source line of this run. A citation link's view is opened
    by views/citing.py, which may give this run a scope with the link's data version (``current_scope()`` after the
    bar)."""
    language = _language()
    options = queries.filter_choices(scope, None)
    state, st.session_state["scope"], options = citing.reconciled(scope, options, period_range=period_range,
                                                                  page_params=page_params, lang=language)
    filter_widgets.draw(state, options, language)
    record_view_and_source_line(state.url, state.filters.as_of)
    citing.begin(state.url, state.filters.as_of)
    return state.filters


def record_view_and_source_line(url: dict[str, str], as_of: int | None) -> None:
    """The page view in the audit trail, with the URL parameters of its filters, and the source line of this run's
    downloads (the data version shown: ``as_of`` or the current one), set once per run."""
    _session.record_view(st.session_state.get("current_page", ""), url)
    st.session_state["source_line"] = _source_line_now(as_of)


def url_changed() -> bool:
    """Whether the URL's parameters are not the ones the filter bar last wrote: a link opened within the session
    (or a page switch), so the URL, not the widgets' state, sets the filters."""
    return link_opened(st.query_params.to_dict(), st.session_state.get(filter_widgets.LAST_URL))


def territory_name(filters: Filters, scope: Scope) -> str:
    """The territory a page shows, in words ("Italia", "Lombardia", "Sondrio")."""
    return page_words.territory_name(filters, scope, _language())


def source_caption(data_version: int | None) -> None:
    info = queries.version_info(version=data_version)
    if info is None:
        return
    st.caption(t("app.source", _language(), date=info["created_at"].strftime("%d/%m/%Y"),
                 version=data_version if data_version is not None else info["id"]))


def small_values_note(k: int) -> None:
    st.caption(t("app.small_note", _language(), k=k))


@dataclass(frozen=True)
class PageContext:
    """What every analytic page starts from: language, scope, filters and their wording for titles, and which tables
    have data for them (queries.data_available)."""

    language: str
    scope: Scope
    filters: Filters
    territory: str  # "Italia", "Lombardia", "Sondrio"
    period: str  # "dicembre 2025" or "da gennaio 2025 a dicembre 2025"
    unit_title: str  # "Mese", "Trimestre"... for axis titles
    last_period: str  # "dicembre 2025": the period of the totals (funnels, breakdowns: Filters.total_months)
    available: Available | None = None
    notes: tuple = ()  # the notes on the charts of this view (data_access.annotations.notes_for_view)

    def words(self) -> ChartWords:
        """The words of the page's charts and captions, with the notes its trend charts draw."""
        return ChartWords(self.language, self.filters.unit, self.territory, self.period, self.last_period,
                          self.filters.end, self.notes)

    def require(self, *tables: str) -> None:
        """Stop the page, saying what is missing and where it is loaded, when none of its tables has data for the
        filters (whatever the period)."""
        if self.available is not None and not self.available.any(*tables):
            say_missing(tables, self.available, territory=self.territory)
            st.stop()

    def lacks(self, *tables: str) -> bool:
        """For a section of a page: True, after saying what is missing and where it is loaded, when none of its
        tables has data for the filters (the section is then left out)."""
        if self.available is None or self.available.any(*tables):
            return False
        say_missing(tables, self.available, territory=self.territory)
        return True

    def section_title(self, key: str, *, totals: bool = False) -> str:
        """A section's title with territory and period, for its exported table ("Per tipo: Sondrio, 2025")."""
        return f"{t(key, self.language)}: {self.territory}, {self.last_period if totals else self.period}"

    def totals_note(self) -> None:
        """Under a section of totals over time, when a range is chosen: they are those of its last period."""
        if self.filters.start and self.filters.start != self.filters.end:
            st.caption(t("analytics.totals_last_period", self.language, period=self.last_period))


def page_context(*, period_range: bool = True, page_params: dict[str, str] | None = None) -> PageContext:
    """The filter bar, then the words a page's titles need and the tables with data for its filters."""
    language = lang()
    filters = filter_bar(current_scope(), period_range=period_range, page_params=page_params)
    scope = current_scope()  # this run's: the user's, or with the data version of a citation link (views/citing.py)
    notes = annotations.notes_for_view(scope, filters)
    notes_sidebar(notes, language)
    period, end = page_words.period_words(filters, language)  # "da gennaio 2025 a giugno 2025", "ad aprile"
    return PageContext(language, scope, filters, territory_name(filters, scope), period,
                       t(f"unit.{filters.unit}", language).capitalize(), end,
                       queries.data_available(scope, filters), notes)


def notes_sidebar(notes, language: str) -> None:
    """The notes of this view in the sidebar, under the filters, with the way to the Note page."""
    with st.sidebar.expander(t("annotations.sidebar", language, n=len(notes)), icon=":material/sticky_note_2:"):
        for note in notes:
            st.caption(md_literal(note.line(language)))
        if not notes:
            st.caption(t("annotations.sidebar_none", language))
        _session.page_link(st, "views/note.py", label=t("page.note", language), icon=":material/edit_note:")


def alerts_title(engine, username: str, language: str) -> str:
    """The menu's title of Segnalazioni with the count of the user's alerts ("Segnalazioni (3)"); the plain title
    where there are none, or where they cannot be counted now (the page itself says why)."""
    try:
        count = alerts.visible_count(current_scope(), username, engine)
    except Exception:  # noqa: BLE001 - a count in the menu never takes a page down
        LOG.exception(t("alerts.log.count_failed"))
        count = 0
    return t("alerts.nav_count", language, n=count) if count else t("page.segnalazioni", language)


# --- What is missing, and where it is loaded ----------------------------------------------------------------------
def may_load() -> bool:
    """Whether the user's role may load data (the Carica dati page is theirs)."""
    roles = st.session_state.get("roles") or [None]
    return "importa" in auth.pages_for(roles[0])


def loadable(tables) -> bool:
    """Whether the user may load any of the tables: an administrator any table, a data steward the monthly tables
    of their projects (data_access.auth, data_access.imports)."""
    if not may_load():
        return False
    projects = auth.import_projects(_session.engine(), st.session_state.get("username"))
    return not tables or bool(set(tables) & set(imports.tables_for(projects)))


def say_missing(tables, available: Available | None, *, territory: str, period: str | None = None) -> None:
    """What a page or a section is missing, in the user's language: the tables (with the last month each was sent,
    when it was), then where they are loaded: a link to Carica dati for those who may load, otherwise that the
    projects have not sent them yet. Never a hint at demo data."""
    language = _language()
    names = []
    for name in tables:
        text = t(f"import.table.{name}", language)
        last = available.tables[name].last if available is not None else None
        names.append(f"{text} ({t('realpath.missing.last', language, month=fmt_month(last, language))})"
                     if last else text)
    sent_before = available is not None and all(available.tables[name].sent for name in tables)
    key = "realpath.missing.period" if period and sent_before else "realpath.missing.none"
    st.info(t_md(key, language, territory=territory, period=period, tables="; ".join(names)), icon=":material/inbox:")
    say_where_to_load(available, tables)


def say_where_to_load(available: Available | None, tables=()) -> None:
    """Where missing data come from: Carica dati (with its link) for those who may load them; otherwise the
    projects (or the administrator) that have not sent them yet."""
    language = _language()
    if not loadable(tables):
        st.caption(t("realpath.missing.wait", language))
        return
    registered = available is None or available.projects
    admin = (st.session_state.get("roles") or [None])[0] == auth.AMMINISTRATORE
    if not registered:
        st.caption(t("realpath.missing.load_projects_first" if admin else "realpath.missing.steward_projects",
                     language))
    else:
        st.caption(t("realpath.missing.load", language))
    _session.page_link(st, "views/importa.py", label=t("page.importa", language), icon=":material/upload_file:")


def show_headline(result, measures) -> None:
    """Headline figures (queries.headline) in a row of metrics: "nessun dato inviato" where the measure's table was
    not sent for the period, the plausibility marks (data_access.plausible), and the change only between two
    periods that were both sent."""
    language = _language()
    figures = result.frame.set_index("measure")
    for column, measure in zip(st.columns(len(measures)), measures, strict=True):
        row = figures.loc[measure]
        if not row["sent"]:  # the value "—", and in words under it (a long value would be cut)
            metric(column, t(f"measure.{measure}", language), charts.EMPTY_CELL, note=t("realpath.not_sent", language))
            continue
        if measure == "occupancy_rate":
            text = fmt_occupancy(row["value"], row["mark"], language)
        else:
            text = fmt_count(row["value"], bool(row["small"]), result.k, language,
                             mark=row["mark"] if measure == "occupied" else None)
        metric(column, t(f"measure.{measure}", language), text,
               row["change"] if row["sent"] and row["previous_sent"] else None, points=measure == "occupancy_rate")


def plausibility_notes(*frames) -> None:
    """The notes of presences published above the places (data_access.plausible), where a frame shows any."""
    language = _language()
    marks = {m for frame in frames for m in frame.get("mark", frame.get("occupancy_mark", [])) if isinstance(m, str)}
    largest = settings.ckm_params().D
    if NOISE in marks:
        st.caption(t("realpath.noise_note", language, D=largest))
    if OVER in marks:
        st.caption(t("realpath.over_note", language, D=largest))


def metric(container, label: str, value: str, change=None, *, points: bool = False, help: str | None = None,
           note: str | None = None) -> None:
    """A headline figure with its change against the previous period: the arrow follows the number (up, down, or
    none for no change), whatever sign the text writes. ``note``: words in the change's place, with no arrow."""
    delta = note if note is not None else fmt_change(change, _language(), points)
    container.metric(label, value, delta, delta_color="off", delta_arrow="off" if note else change_arrow(change),
                     border=True, help=help)


def is_open(container) -> bool:
    """False for a tab of ``lazy_tabs`` (or a section with ``on_change``) that is not open: what is in it need not be
    built (issue 20). True for an open one and for any other container (st, a column, an ordinary tab)."""
    return getattr(container, "open", None) is not False


def lazy_tabs(labels: list[str], *, key: str):
    """Tabs of which only the open one runs: a click on another reruns the page with that one open (Streamlit's
    ``on_change="rerun"``); ``st.session_state[key]`` holds the open tab's label. ``key``: stable and unique on
    the page (a label of another language or no longer shown falls back to the first tab)."""
    return st.tabs(labels, key=key, on_change="rerun")


def fragment(body):
    """A part of a page that a widget in it reruns alone (``st.fragment``, issue 20): a click on the map reruns the
    map and the charts it focuses, not the filter bar, the page's controls and its queries. ``body`` lays out from
    its arguments only: a rerun of the part gets those of the page's last run. Such a rerun first checks the session
    as every run of app.py does: a user logged out elsewhere, disabled or given a narrower scope gets the whole app
    run again (the login, or the page in the new scope). Its figures keep the citation names a whole run gives them
    (``citing.resume``)."""

    @st.fragment
    @functools.wraps(body)
    def part(taken, *args, **kwargs):
        if _alone() and not _session.still_valid():
            st.rerun()  # the whole app: app.py ends the session, or sets the new scope
        citing.resume(taken)
        return body(*args, **kwargs)

    @functools.wraps(body)
    def run(*args, **kwargs):
        return part(citing.places(), *args, **kwargs)

    return run


def _alone() -> bool:
    """Whether this run reruns fragments alone (app.py and the page not run before them)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx and ctx.fragment_ids_this_run)


def chart_and_table(chart, table, *, key: str) -> None:
    """A chart and its table in two lazy tabs (``key``: see ``lazy_tabs``). ``chart``: a registry chart (built once
    per question, presentation/view_cache.py; its title names the table); ``table``: a function building the
    table, called only when its tab is open."""
    language = _language()
    tab_chart, tab_table = lazy_tabs([t("analytics.tab_chart", language), t("analytics.tab_table", language)],
                                     key=key)
    show_chart(tab_chart, chart, theme=None)
    show_table(tab_table, table, title=charts.title_of(chart))


def show_chart(container, chart, *, source: str | None = None, **kwargs):
    """Draw a chart built by charts.py in a container (st, a tab, a column), with its PNG and SVG downloads.
    ``source``: the source line of its downloads, where not the project data's (public statistics).

    In a tab of ``st.tabs(..., on_change="rerun", key=...)`` (or an expander with ``on_change``) that is not
    open, nothing is drawn: only what is seen is built and sent (issue 20).

    The Altair chart is converted to its spec once (``charts.to_spec``: no schema validation, tables as named
    datasets sent as Arrow), and that one spec serves the screen and the download buttons. Streamlit's own
    conversion re-validated each spec against the Vega-Lite schema, and the downloads converted it a second time
    with the data inlined: together about half of an analytic page's time. The builders' specs are validated
    once, by tests/presentation/test_charts.py.
    """
    if not is_open(container):  # a lazy tab or section not open: nothing built or sent
        return None
    spec, frames = view_cache.spec_of(chart, charts.to_spec)  # once per question (presentation/view_cache.py)
    if _language() != "it":  # the theme's locale is Italian: numbers and months of the user's language
        spec = {**spec, "config": {**spec.get("config", {}), "locale": theme.locale(_language())}}
    text = view_cache.derived(chart, ("text", _language()),  # without the data: titles, URLs, labels
                              lambda: json.dumps(spec, ensure_ascii=False, default=str))
    arrow = view_cache.derived(chart, "arrow", lambda: {  # the tables as Streamlit sends them, converted once
        name: dataframe_util.convert_anything_to_arrow_bytes(frame) for name, frame in frames.items()})
    drawn = container.vega_lite_chart({**spec, "datasets": {**spec.get("datasets", {}), **arrow}}, **kwargs)
    _chart_downloads(container, chart, text, frames, source, citing.figure("grafico", spec.get("usermeta")))
    return drawn


def show_table(container, table, *, title: str, source: str | None = None, tint: list[str] | None = None,
               **kwargs):
    """Draw a table as shown to the user (e.g. ``charts.table_view``), with its CSV and XLSX downloads: the same
    cells, so the same protection, with the title, the source line (``source``, where not the project data's) and
    the disclosure note. A table without rows is said in words (Streamlit would draw "empty"). ``tint``: a background
    colour for the first cell of each row ("" for none), on screen only (the files hold the same cells). ``table``
    may be a function building it: called only where the container is open (a lazy tab, ``lazy_tabs``)."""
    if not is_open(container):  # a lazy tab or section not open: nothing built or sent
        citing.skip("tabella")  # its place on the page is kept: the tables after it keep their names
        return None
    if callable(table):
        table = table()
    if table.empty:
        citing.skip("tabella")
        return container.caption(t("realpath.empty_table", _language()))
    # a table of the cache (view_cache.cached_table): its text and tinted cells once per question
    text = view_cache.derived(table, "text", lambda: table.to_json(force_ascii=False))
    if tint is not None and any(tint):
        shown = view_cache.derived(table, ("tint", tuple(tint)), lambda: _tinted_cells(table, tint, uuid=hashlib.md5(
            (text + "".join(tint)).encode("utf-8"), usedforsecurity=False).hexdigest()[:10]))
    else:  # the cells as Streamlit converts a frame, once per table of the cache (the same bytes are sent)
        shown = view_cache.derived(table, "arrow", lambda: dataframe_util.convert_pandas_df_to_arrow_table(table))
    drawn = container.dataframe(shown, hide_index=True, **kwargs)
    note = _small_note_in(text)
    source = source or _source_line()
    citation = citing.figure("tabella")
    cited = citation.line(_language()) if citation else None
    files = {
        "csv": ("text/csv", lambda: exports.table_csv(table, title=title, source=source, note=note, citation=cited)),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 lambda: exports.table_xlsx(table, title=title, source=source, note=note, citation=cited)),
    }
    _download_row(container, files, title=title, kind="tabella", salt=text, citation=citation)
    return drawn


def _tinted_cells(table: pd.DataFrame, tint: list[str], *, uuid: str = "tinted"):
    """The table as a pandas Styler whose first column's cells have the background colours ``tint`` (one per row),
    rendered once: Streamlit may send it again and again, from any session (a table of the cache).

    Streamlit renders a Styler cell by cell: about 40 ms for the 990 projects of the national saturation table.
    Where every cell is text already (``charts.table_view``; none missing), only the tinted cells need the Styler:
    it renders the first column down to the last tinted row, and the other cells show their own text, as the Styler
    would show it (the same text and colours: tests/views/test_tinted_tables.py). The cut is this Styler's own, not
    a pandas option, which would reach the tables other sessions draw at the same moment.

    The Styler is rendered here, once, and what Streamlit asks of it later (``_compute``, ``_translate``: how
    ``marshall_styler`` reads a Styler) returns that rendering: nothing in it changes afterwards, so sessions may
    share it. ``uuid``: the id its CSS names the cells by, set here (Streamlit would set one at each sending)."""
    first = table.columns[0]
    styler = table.style.apply(lambda column: [f"background-color: {c}" if c else "" for c in tint]
                               if column.name == first else [""] * len(column), axis=0).set_uuid(uuid)
    cut = {}
    if all(table[column].dtype == object for column in table.columns) and table.notna().all().all():
        cut = {"max_rows": max(i for i, colour in enumerate(tint) if colour) + 1, "max_cols": 1}
    styler._compute()
    rendered = styler._translate(False, False, **cut)
    styler._compute = lambda: styler
    styler._translate = lambda *_args, **_kwargs: rendered  # how Streamlit asks the Styler for its cells
    sent = ArrowData()  # what Streamlit makes of the Styler's cells and CSS, made once (_send_styler_once)
    marshall_styler(sent, styler, uuid)
    styler.cruscotto_sent = sent.styler
    return styler


def _send_styler_once() -> bool:
    """Streamlit turns a Styler into the cells and CSS it sends (``marshall_styler``: every cell made text, then
    converted to Arrow) at each run: a fifth of a national Panoramica's run, for its saturation table. A Styler of
    :func:`_tinted_cells` carries what that gives (``cruscotto_sent``), made once, and is sent it; any other Styler
    goes through Streamlit's own. False (nothing changed) where this version of Streamlit is built otherwise."""
    from streamlit.elements import arrow

    original = getattr(arrow, "marshall_styler", None)
    if original is None:
        return False
    if getattr(original, "cruscotto", False):
        return True

    def marshall(proto, styler, default_uuid):
        sent = getattr(styler, "cruscotto_sent", None)
        if sent is None:
            return original(proto, styler, default_uuid)
        proto.styler.CopyFrom(sent)
        return None

    marshall.cruscotto = True
    arrow.marshall_styler = marshall
    return True


def _small_note_in(text: str) -> str | None:
    k = exports.small_value_in([text])
    return exports.small_value_note(k, _language()) if k is not None else None


def _source_line() -> str:
    """The source line of this run's exports (set by the filter bar; computed here on pages without one)."""
    return st.session_state.get("source_line") or _source_line_now()


def _source_line_now(as_of: int | None = None) -> str:
    info = queries.version_info(version=as_of)
    if info is None:
        return ""
    return exports.source_line(data_version=info["id"], data_date=info["created_at"].date(), lang=_language())


def _chart_downloads(container, chart, text: str, frames: dict, source: str | None = None, citation=None) -> None:
    title = view_cache.derived(chart, "title", lambda: charts.title_of(chart))
    labels = view_cache.derived(chart, "labels", lambda: "\n".join(
        str(v) for frame in frames.values() for column in frame.columns
        if frame[column].dtype == object or str(frame[column].dtype) == "string"
        for v in frame[column].dropna().unique()))
    note, source = _small_note_in(text) or _small_note_in(labels), source or _source_line()
    topojson = exports.project_topojson if exports.uses_project_topojson(text) else (lambda: None)
    language = _language()
    cited = citation.line(language) if citation else None

    def image(fmt: str):
        return lambda: exports.chart_image(chart, fmt=fmt, source=source, note=note, topojson=topojson(),
                                           lang=language, citation=cited)

    files = {"png": ("image/png", image("png")), "svg": ("image/svg+xml", image("svg"))}
    _download_row(container, files, title=title, kind="grafico", salt=text + "".join(frames), citation=citation)


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "cruscotto"


def _download_row(container, files: dict, *, title: str, kind: str, salt: str, citation=None) -> None:
    """One small download button per format, and the figure's citation beside them. The file is built only when
    clicked, if the user may still have it (views/downloads.py), and the download is recorded in the audit trail with
    the page and its filters."""
    page = st.session_state.get("current_page", "")
    params = st.query_params.to_dict()
    digest = hashlib.md5(salt.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    row = container.container(horizontal=True, gap="small")  # one element, where columns were six
    for fmt, (mime, build) in files.items():
        downloads.button(row, fmt.upper(), build, file_name=f"{_slug(title)}.{fmt}", mime=mime, page=page,
                         details={"formato": fmt, "oggetto": kind, "titolo": title, **params},
                         key=f"dl-{kind}-{fmt}-{digest}", icon=":material/download:",
                         help=t("export.help", _language(), fmt=fmt.upper()))
    citing.caption(row, citation, _language())


_send_styler_once()
