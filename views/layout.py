"""Layout pieces every page uses: the filter bar, the demo banner, captions. No data work happens here: the
choices come from data_access, and the URL is parsed and validated by data_access.scope."""

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
from data_access.scope import (
    PERIOD_UNITS,
    Filters,
    Scope,
    filters_from_params,
    filters_to_params,
    month_range,
    periods_covering,
)
from presentation import charts, exports
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
    the page's own parameters (``page_params``: name -> value, kept in the URL as they are)."""
    language = _language()
    options = queries.filter_choices(scope, None)
    choices, provinces = options["choices"], options["provinces"]
    page_params = page_params or {}
    if url_changed():  # a link opened in this session: the URL, not the filters' last state, says what to show
        for key in FILTER_KEYS:
            st.session_state.pop(key, None)
    filters, notices = filters_from_params(st.query_params.to_dict(), choices, span=period_range, lang=language,
                                           page_keys=tuple(page_params))
    if not period_range and filters.start != filters.end:
        filters = filters.with_(start=filters.end)
    for notice in notices:
        st.warning(notice, icon=":material/warning:")

    bar = st.sidebar
    bar.header(t("filter.header", language))
    regions = provinces.drop_duplicates("region_code").sort_values("region_name")
    region_names = dict(zip(regions["region_code"], regions["region_name"], strict=True))
    region_options = [None, *region_names]
    _forget_if_gone("filtro_regione", region_options)
    region = bar.selectbox(t("filter.region", language), region_options, key="filtro_regione",
                           index=region_options.index(filters.region),
                           format_func=lambda c: t("filter.all_regions", language) if c is None else region_names[c])
    in_region = provinces if region is None else provinces[provinces["region_code"] == region]
    province_names = dict(zip(in_region["code"], in_region["name"], strict=True))
    province_options = [None, *province_names]
    province = filters.province if filters.province in province_names else None
    if choices.fine:  # a scope of national and regional totals has no province to choose
        _forget_if_gone("filtro_provincia", province_options)
        province = bar.selectbox(t("filter.province", language), province_options, key="filtro_provincia",
                                 index=province_options.index(province),
                                 format_func=lambda c: t("filter.all_provinces", language) if c is None
                                 else province_names[c])

    unit = bar.radio(t("filter.unit", language), PERIOD_UNITS, index=PERIOD_UNITS.index(filters.unit),
                     key="filtro_unita",
                     format_func=lambda u: t(f"unit.{u}", language), horizontal=True)
    months = list(month_range(choices.first_month, choices.last_month)) if choices.last_month else []
    keys = list(periods_covering(unit, months))
    if unit != filters.unit:  # a new unit: start from the latest period(s) of that unit
        filters = choices.default(unit, span=period_range) if keys else filters
    start, end = filters.start, filters.end
    if keys:
        end = end if end in keys else keys[-1]
        if period_range:
            start = start if start in keys and keys.index(start) <= keys.index(end) else end
            _forget_if_gone("filtro_da", keys)
            start = bar.selectbox(t("filter.from", language), keys, index=keys.index(start), key="filtro_da",
                                  format_func=lambda k: fmt_period(unit, k, language))
            end_keys = keys[keys.index(start):]
            _forget_if_gone("filtro_a", end_keys)
            end = bar.selectbox(t("filter.to", language), end_keys, key="filtro_a", index=end_keys.index(end)
                                if end in end_keys else len(end_keys) - 1,
                                format_func=lambda k: fmt_period(unit, k, language))
        else:
            _forget_if_gone("filtro_periodo", keys)
            end = bar.selectbox(t("filter.period", language), keys, index=keys.index(end), key="filtro_periodo",
                                format_func=lambda k: fmt_period(unit, k, language))
            start = end

    programme_options = [None, *choices.programmes]
    programme = bar.selectbox(t("filter.programme", language), programme_options, key="filtro_programma",
                              index=programme_options.index(filters.programme),
                              format_func=lambda p: t("filter.all_programmes", language) if p is None
                              else t(f"programme.{p}", language))
    project = None
    if choices.fine:  # a scope of national and regional totals has no project to choose
        project_names = dict(zip(options["projects"]["project_code"], options["projects"]["name"], strict=True))
        project_options = [None, *choices.projects_in(programme, region, province)]
        project = filters.project if filters.project in project_options else None
        _forget_if_gone("filtro_progetto", project_options)
        project = bar.selectbox(t("filter.project", language), project_options, key="filtro_progetto",
                                index=project_options.index(project),
                                format_func=lambda p: t("filter.all_projects", language) if p is None
                                else project_names[p])
    as_of = None
    if choices.versions:  # administrators: the data as they were at an earlier version (to rebuild a pack)
        version_options = [None, *reversed(choices.versions[:-1])]
        as_of = bar.selectbox(t("filter.as_of", language), version_options,
                              index=version_options.index(filters.as_of), key="filter_as_of",
                              format_func=lambda v: t("filter.as_of_current", language, version=choices.versions[-1])
                              if v is None else t("filter.as_of_version", language, version=v))
    chosen = Filters(unit=unit if keys else filters.unit, start=start, end=end, region=region, province=province,
                     programme=programme, project=project, as_of=as_of)
    if as_of is not None:
        info = queries.version_info(version=as_of)
        st.info(t("filter.as_of_notice", language, version=as_of, date=info["created_at"].strftime("%d/%m/%Y")),
                icon=":material/history:")
    params = {**filters_to_params(chosen), **{k: v for k, v in page_params.items() if v is not None}}
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)
    st.session_state["_filter_url"] = params
    _session.record_view(st.session_state.get("current_page", ""), params)
    st.session_state["source_line"] = _source_line_now(as_of)  # once per run, for the downloads of this run
    return chosen


FILTER_KEYS = ("filtro_regione", "filtro_provincia", "filtro_unita", "filtro_da", "filtro_a", "filtro_periodo",
               "filtro_programma", "filtro_progetto", "filter_as_of")


def url_changed() -> bool:
    """Whether the URL's parameters are not the ones the filter bar last wrote: a link opened within the session
    (or a page switch), so the URL, not the widgets' state, sets the filters."""
    last = st.session_state.get("_filter_url")
    return last is not None and st.query_params.to_dict() != last


def _forget_if_gone(key: str, options: list) -> None:
    """A filter keeps the user's choice from run to run (its key is its identity, so a second change is not lost
    when the URL moves its default); a choice that is no longer among its options (a province of another region, a
    month after a change of unit) is forgotten, and the filter shows its default."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


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


def show_chart(container, chart, **kwargs):
    """Draw a chart built by charts.py in a container (st, a tab, a column), with its PNG and SVG downloads.

    The Altair chart is converted to its spec once (``charts.to_spec``: no schema validation, tables as named
    datasets sent as Arrow), and that one spec serves the screen and the download buttons. Streamlit's own
    conversion re-validated each spec against the Vega-Lite schema, and the downloads converted it a second time
    with the data inlined: together about half of an analytic page's time. The builders' specs are validated
    once, by tests/test_charts.py.
    """
    spec, frames = charts.to_spec(chart)
    if _language() != "it":  # the theme's locale is Italian: numbers and months of the user's language
        spec = {**spec, "config": {**spec.get("config", {}), "locale": theme.locale(_language())}}
    text = json.dumps(spec, ensure_ascii=False, default=str)  # without the data: titles, URLs, labels
    drawn = container.vega_lite_chart({**spec, "datasets": {**spec.get("datasets", {}), **frames}}, **kwargs)
    _chart_downloads(container, chart, text, frames)
    return drawn


def show_table(container, table, *, title: str, **kwargs):
    """Draw a table as shown to the user (e.g. ``charts.table_view``), with its CSV and XLSX downloads: the same
    cells, so the same protection, with the title, the source line and the disclosure note."""
    drawn = container.dataframe(table, hide_index=True, **kwargs)
    text = table.to_json(force_ascii=False)
    note = _small_note_in(text)
    source = _source_line()
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


def _chart_downloads(container, chart, text: str, frames: dict) -> None:
    title = charts.title_of(chart)
    labels = "\n".join(str(v) for frame in frames.values() for column in frame.columns
                       if frame[column].dtype == object or str(frame[column].dtype) == "string"
                       for v in frame[column].dropna().unique())
    note, source = _small_note_in(text) or _small_note_in(labels), _source_line()
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
