"""Citable figures and notes on charts, as pure functions (issue 21): identifiers stable for a view, changed by any part
of it, checked back from a link (tampering refused), links as the dashboard writes them; the base URL setting and its
bad values; the notes' layer on every kind of trend chart (valid Vega-Lite), left off charts without a period axis,
and the "Note" column of a table view."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

import altair as alt
import pandas as pd
import pytest

from config import settings
from data_access.annotations import Note
from presentation import charts, citations
from presentation.citations import Citation, View

KEY = b"k" * 32
VIEW = View.of("accoglienza", {"unita": "mese", "da": "2025-01", "a": "2025-06", "provincia": "015"}, 12)


def note(number: int, month: str, text: str, day: dt.date | None = None, name: str | None = "Sondrio") -> Note:
    return Note(id=number, number=number, level="provincia", code="014", name=name, month=month, day=day, text=text,
                author="anna", revision=1)


# --- Identifiers and links ----------------------------------------------------------------------------------------
def test_an_identifier_is_stable_and_changes_with_every_part_of_the_view():
    first = citations.figure_id(KEY, VIEW, "accoglienza.places")
    assert first == citations.figure_id(KEY, View.of("accoglienza", dict(reversed(VIEW.params)), 12),
                                        "accoglienza.places")  # the order of the parameters does not count
    assert len(first) == 8 and set(first) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    others = {
        citations.figure_id(KEY, View.of("emersione", dict(VIEW.params), 12), "accoglienza.places"),
        citations.figure_id(KEY, View.of("accoglienza", {**dict(VIEW.params), "a": "2025-05"}, 12),
                            "accoglienza.places"),
        citations.figure_id(KEY, View.of("accoglienza", dict(VIEW.params), 13), "accoglienza.places"),
        citations.figure_id(KEY, VIEW, "accoglienza.free_places"),
        citations.figure_id(KEY, VIEW, "accoglienza.places", {"breakdown": "line"}),
        citations.figure_id(b"j" * 32, VIEW, "accoglienza.places"),
    }
    assert first not in others and len(others) == 6


def test_a_link_names_the_view_and_is_checked_back():
    cited = citations.cite(KEY, "https://cruscotto.example.it/tavolo/", VIEW, "accoglienza.places_by",
                           {"breakdown": "target_group"})
    assert cited.text() == f"Rif. {cited.id[:4]}-{cited.id[4:]} · versione 12"
    assert cited.text("en") == f"Ref. {cited.id[:4]}-{cited.id[4:]} · version 12"
    assert cited.line("it", 3).startswith("Fig. 3 · Rif. ") and cited.line().endswith(cited.link)
    parts = urlsplit(cited.link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "cruscotto.example.it", "/tavolo/accoglienza")
    params = dict(parse_qsl(parts.query))
    assert params == {"unita": "mese", "da": "2025-01", "a": "2025-06", "provincia": "015", "versione": "12",
                      "figura": "accoglienza.places_by", "scelte": "breakdown:target_group", "cita": cited.id}
    link = citations.read_link(params)
    assert link.verified(KEY, "accoglienza") and not link.verified(KEY, "emersione")
    assert not link.verified(b"j" * 32, "accoglienza")
    typed = citations.read_link({**params, "cita": f"{cited.id[:4].lower()}-{cited.id[4:]}"})
    assert typed.verified(KEY, "accoglienza")  # as typed back from the minutes
    home = citations.cite(KEY, "http://localhost:8501", View.of("panoramica", {"unita": "mese"}, 3), "tabella-1")
    assert home.link.startswith("http://localhost:8501/?unita=mese&versione=3")


@pytest.mark.parametrize("change", [{"provincia": "108"}, {"versione": "11"}, {"versione": "dodici"},
                                    {"figura": "accoglienza.places"}, {"scelte": "breakdown:line"},
                                    {"scelte": "breakdown"}, {"cita": "AAAAAAAA"}, {"extra": "1"}])
def test_a_changed_link_is_not_the_servers(change):
    cited = citations.cite(KEY, "http://localhost:8501", VIEW, "accoglienza.places_by", {"breakdown": "target_group"})
    params = {**dict(parse_qsl(urlsplit(cited.link).query)), **change}
    assert not citations.read_link(params).verified(KEY, "accoglienza")


def test_no_link_without_cita():
    assert citations.read_link({"unita": "mese", "versione": "3"}) is None
    assert citations.page_of("contesto.presenze") == "accoglienza" and citations.page_of("rete.plan") == "rete"


# --- The base URL -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "expected"), [(None, "http://localhost:8501"),
                                                ("https://cruscotto.example.it/", "https://cruscotto.example.it"),
                                                ("http://10.0.0.5:8080/tavolo", "http://10.0.0.5:8080/tavolo")])
def test_the_base_url(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv(settings.BASE_URL_ENV, raising=False)
    else:
        monkeypatch.setenv(settings.BASE_URL_ENV, raw)
    assert settings.base_url() == expected


@pytest.mark.parametrize("raw", ["cruscotto.example.it", "ftp://example.it", "https://", "https://x.it/?a=1",
                                 "https://x.it/#top", "https://x .it", "https://x.it/a(b)", "javascript:alert(1)",
                                 "https://utente:pw@x.it"])
def test_a_bad_base_url_is_refused_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv(settings.BASE_URL_ENV, raw)
    with pytest.raises(settings.ConfigError, match="CRUSCOTTO_BASE_URL non è un indirizzo valido"):
        settings.base_url()


# --- Notes on charts ---------------------------------------------------------------------------------------------
TREND = pd.DataFrame({"period_key": ["2025-01", "2025-02", "2025-03", "2025-04"], "places": [40, 40, 13, 13],
                      "occupied": [38, 37, 12, 13], "occupied_small": [False] * 4, "free_places": [2, 3, 1, 0],
                      "line": ["sai_ord"] * 4})
NOTES = (note(1, "2025-03", "SAI Besozzo ridotto a 13 posti"), note(2, "2025-03", "seconda nota"),
         note(3, "2026-01", "fuori dal grafico"))


def builders():
    yield "time_series", charts.time_series(TREND, unit="mese", measures=["occupied"], labels={}, title="T",
                                            y_title="Y")
    yield "places", charts.places_vs_presences(TREND, unit="mese", title="T")
    yield "stacked", charts.stacked_bars_over_time(TREND, unit="mese", measure="places", series_col="line",
                                                   series_labels={"sai_ord": "SAI"}, title="T", y_title="Y")
    yield "by", charts.time_series_by(TREND, unit="mese", measure="free_places", series_col="line",
                                      series_labels={"sai_ord": "SAI"}, title="T", y_title="Y")


@pytest.mark.parametrize(("name", "chart"), list(builders()))
def test_every_trend_chart_carries_the_notes_as_valid_vega_lite(name, chart):
    noted = charts.with_notes(chart, NOTES, unit="mese")
    spec = noted.to_dict()  # validated against the Vega-Lite schema
    assert spec["title"] == {"text": "T"} or spec["title"] == "T"
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks[-3:] == ["rule", "point", "text"]
    rows = charts.note_rows(chart, NOTES, unit="mese", lang="it")
    assert rows.to_dict("records") == [{
        "x": "mar 2025", "numbers": "1, 2", "when": "marzo 2025 · marzo 2025", "place": "Sondrio · Sondrio",
        "text": "1. SAI Besozzo ridotto a 13 posti · 2. seconda nota", "legend": "Nota"}]
    assert [n.number for n in charts.notes_on(noted, NOTES, unit="mese")] == [1, 2]


def test_notes_by_quarter_and_on_a_time_axis():
    quarterly = TREND.assign(period_key=["2024-T2", "2024-T3", "2024-T4", "2025-T1"])
    chart = charts.time_series(quarterly, unit="trimestre", measures=["occupied"], labels={}, title="T", y_title="Y")
    assert list(charts.note_rows(chart, NOTES, unit="trimestre", lang="it")["x"]) == ["1° trimestre 2025"]
    dated = pd.DataFrame({"report_date": [dt.date(2025, 1, 31), dt.date(2025, 4, 30)], "total": [10, 12],
                          "missing": [False, False], "correction": [None, None]})
    lines = charts.dated_lines(dated, measures=["total"], labels={"total": "Totale"}, title="T", y_title="Y",
                               gap_note="gap")
    day = note(4, "2025-03", "avvio avviso", day=dt.date(2025, 3, 17), name=None)
    noted = charts.with_notes(lines, (day,), unit="mese")
    noted.to_dict()
    assert list(charts.note_rows(lines, (day,), unit="mese", lang="it")[["x", "when", "place"]].iloc[0]) == [
        "2025-03-17", "17/03/2025", "Italia"]


def test_charts_without_a_period_axis_or_a_note_of_theirs_are_left_as_they_are():
    bars = charts.bars(pd.DataFrame({"category": ["a"], "people": [7]}), category="category", measure="people",
                       category_labels={"a": "A"}, title="T", x_title="X")
    assert charts.with_notes(bars, NOTES, unit="mese") is bars
    empty = charts.no_data_chart("T")
    assert charts.with_notes(empty, NOTES, unit="mese") is empty
    chart = charts.time_series(TREND, unit="mese", measures=["occupied"], labels={}, title="T", y_title="Y")
    assert charts.with_notes(chart, NOTES[2:], unit="mese") is chart  # January 2026 is not on the axis
    assert charts.with_notes(chart, (), unit="mese") is chart


def test_the_table_view_gives_the_notes_a_column():
    table = charts.table_view(TREND, {"period_key": "Mese", "places": "Posti"}, unit="mese", notes=NOTES)
    assert list(table.columns) == ["Mese", "Posti", "Note"]
    assert list(table["Note"]) == ["", "", "1. marzo 2025, Sondrio: SAI Besozzo ridotto a 13 posti · 2. marzo 2025, "
                                   "Sondrio: seconda nota", ""]
    twice = pd.concat([TREND, TREND]).sort_values("period_key", kind="stable")  # rows per period and category
    assert list(charts.table_view(twice, {"period_key": "Mese"}, unit="mese", notes=NOTES)["Note"]).count("") == 7
    assert list(charts.table_view(TREND, {"period_key": "Mese"}, unit="mese", notes=NOTES[2:]).columns) == ["Mese"]
    assert list(charts.table_view(TREND, {"period_key": "Mese"}, unit="mese", notes=NOTES, lang="en").columns) == [
        "Mese", "Notes"]


def test_a_citation_in_the_files_of_a_figure():
    from presentation import exports

    link = "http://localhost:8501/accoglienza?versione=12&cita=K7Q2M4XD"
    cited = Citation("K7Q2M4XD", 12, link, "x")
    table = pd.DataFrame({"Mese": ["marzo 2025"], "Posti": ["13"]})
    csv = exports.table_csv(table, title="T", source="Fonte", citation=cited.line()).decode("utf-8-sig")
    assert csv.splitlines()[-1] == f"Rif. K7Q2-M4XD · versione 12 · {link}"
    spec = exports.chart_spec(alt.Chart(TREND).mark_bar().encode(x="period_key:O"), source="Fonte",
                              citation=cited.line())
    assert f"Rif. K7Q2-M4XD · versione 12 · {link}" in "".join(spec["title"]["subtitle"])
