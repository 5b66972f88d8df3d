"""Layout pieces every page uses: the filter bar, the demo banner, captions. No data work happens here: the
choices come from data_access, the URL is parsed and validated by data_access.scope, and what the filter bar shows
is decided by data_access.filter_state (its widgets are in views/filter_bar.py)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

import streamlit as st

from config import theme
from config.labels import fmt_period, t
from data_access import queries
from data_access.filter_state import link_opened
from data_access.scope import Filters, Scope
from presentation import charts, exports
from views import filter_bar as filter_widgets
from views import session as _session


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
    (views/filter_bar.py), then the audit record and the source line of this run."""
    language = _language()
    options = queries.filter_choices(scope, None)
    state = filter_widgets.read_state(options, period_range=period_range, page_params=page_params, lang=language)
    filter_widgets.draw(state, options, language)
    record_view_and_source_line(state.url, state.filters.as_of)
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
    language = _language()
    options = queries.filter_choices(scope, None)
    provinces = options["provinces"]
    if filters.province:
        name = provinces.loc[provinces["code"] == filters.province, "name"].iloc[0]
    elif filters.region:
        name = provinces.loc[provinces["region_code"] == filters.region, "region_name"].iloc[0]
    else:
        name = scope.label if scope.provinces is not None else t("territory.italy", language)
    if filters.project:
        projects = options["projects"]
        project = projects.loc[projects["project_code"] == filters.project, "short_name"]
        return t("territory.with_project", language, territory=name,
                 project=project.iloc[0] if len(project) else filters.project)
    return name


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
    """What every analytic page starts from: language, scope, filters and their wording for titles."""

    language: str
    scope: Scope
    filters: Filters
    territory: str  # "Italia", "Lombardia", "Sondrio"
    period: str  # "dicembre 2025" or "da gennaio 2025 a dicembre 2025"
    unit_title: str  # "Mese", "Trimestre"... for axis titles
    last_period: str  # "dicembre 2025": the period of the totals (funnels, breakdowns: Filters.total_months)

    def section_title(self, key: str, *, totals: bool = False) -> str:
        """A section's title with territory and period, for its exported table ("Per tipo: Sondrio, 2025")."""
        return f"{t(key, self.language)}: {self.territory}, {self.last_period if totals else self.period}"

    def totals_note(self) -> None:
        """Under a section of totals over time, when a range is chosen: they are those of its last period."""
        if self.filters.start and self.filters.start != self.filters.end:
            st.caption(t("analytics.totals_last_period", self.language, period=self.last_period))


def page_context(*, period_range: bool = True) -> PageContext:
    """The filter bar, then the words a page's titles need."""
    language = lang()
    scope = current_scope()
    filters = filter_bar(scope, period_range=period_range)
    start, end = (fmt_period(filters.unit, key, language) for key in (filters.start or filters.end, filters.end))
    period = end if start == end else t(f"analytics.range.{filters.unit}", language, start=start, end=end,
                                        first=filters.start, last=filters.end)
    return PageContext(language, scope, filters, territory_name(filters, scope), period,
                       t(f"unit.{filters.unit}", language).capitalize(), end)


def show_chart(container, chart, *, source: str | None = None, **kwargs):
    """Draw a chart built by charts.py in a container (st, a tab, a column), with its PNG and SVG downloads.
    ``source``: the source line of its downloads, where not the project data's (public statistics).

    The Altair chart is converted to its spec once (``charts.to_spec``: no schema validation, tables as named
    datasets sent as Arrow), and that one spec serves the screen and the download buttons. Streamlit's own
    conversion re-validated each spec against the Vega-Lite schema, and the downloads converted it a second time
    with the data inlined: together about half of an analytic page's time. The builders' specs are validated
    once, by tests/presentation/test_charts.py.
    """
    spec, frames = charts.to_spec(chart)
    if _language() != "it":  # the theme's locale is Italian: numbers and months of the user's language
        spec = {**spec, "config": {**spec.get("config", {}), "locale": theme.locale(_language())}}
    text = json.dumps(spec, ensure_ascii=False, default=str)  # without the data: titles, URLs, labels
    drawn = container.vega_lite_chart({**spec, "datasets": {**spec.get("datasets", {}), **frames}}, **kwargs)
    _chart_downloads(container, chart, text, frames, source)
    return drawn


def show_table(container, table, *, title: str, source: str | None = None, **kwargs):
    """Draw a table as shown to the user (e.g. ``charts.table_view``), with its CSV and XLSX downloads: the same
    cells, so the same protection, with the title, the source line (``source``, where not the project data's) and
    the disclosure note."""
    drawn = container.dataframe(table, hide_index=True, **kwargs)
    text = table.to_json(force_ascii=False)
    note = _small_note_in(text)
    source = source or _source_line()
    files = {
        "csv": ("text/csv", lambda: exports.table_csv(table, title=title, source=source, note=note)),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 lambda: exports.table_xlsx(table, title=title, source=source, note=note)),
    }
    _download_row(container, files, title=title, kind="tabella", salt=text)
    return drawn


_SMALL = re.compile(r"<(\d+)")


def _small_note_in(text: str) -> str | None:
    found = _SMALL.search(text)
    return exports.small_value_note(int(found.group(1)), _language()) if found else None


def _source_line() -> str:
    """The source line of this run's exports (set by the filter bar; computed here on pages without one)."""
    return st.session_state.get("source_line") or _source_line_now()


def _source_line_now(as_of: int | None = None) -> str:
    info = queries.version_info(version=as_of)
    if info is None:
        return ""
    return exports.source_line(data_version=info["id"], data_date=info["created_at"].date(), lang=_language())


def _chart_downloads(container, chart, text: str, frames: dict, source: str | None = None) -> None:
    title = charts.title_of(chart)
    labels = "\n".join(str(v) for frame in frames.values() for column in frame.columns
                       if frame[column].dtype == object or str(frame[column].dtype) == "string"
                       for v in frame[column].dropna().unique())
    note, source = _small_note_in(text) or _small_note_in(labels), source or _source_line()
    topojson = exports.project_topojson if exports.uses_project_topojson(text) else (lambda: None)
    language = _language()

    def image(fmt: str):
        return lambda: exports.chart_image(chart, fmt=fmt, source=source, note=note, topojson=topojson(),
                                           lang=language)

    files = {"png": ("image/png", image("png")), "svg": ("image/svg+xml", image("svg"))}
    _download_row(container, files, title=title, kind="grafico", salt=text + "".join(frames))


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "cruscotto"


def _download_row(container, files: dict, *, title: str, kind: str, salt: str) -> None:
    """One small download button per format. The file is built only when clicked (deferred data), and the
    download is recorded in the audit trail with the page and its filters."""
    username = st.session_state.get("username")
    page = st.session_state.get("current_page", "")
    params = st.query_params.to_dict()
    digest = hashlib.md5(salt.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    row = container.container(horizontal=True, gap="small")  # one element, where columns were six
    for fmt, (mime, build) in files.items():

        def data(build=build, fmt=fmt):
            content = build()
            _session.record_export(username, page, {"formato": fmt, "oggetto": kind, "titolo": title, **params})
            return content

        row.download_button(fmt.upper(), data=data, file_name=f"{_slug(title)}.{fmt}", mime=mime,
                            key=f"dl-{kind}-{fmt}-{digest}", on_click="ignore", icon=":material/download:",
                            help=t("export.help", _language(), fmt=fmt.upper()))
