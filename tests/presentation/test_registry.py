"""The chart registry (presentation/registry.py): every entry builds a valid Vega-Lite chart from its own published
query on the seeds demo data, titled as its title key says; the pages and the meeting pack draw the same entries, so
a slide of the pack is the chart of its page for the same filters (same spec, same data); the caption rule and the
rows of an entry as pure functions."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import json
from pathlib import Path

import pandas as pd
import pytest

from config import theme
from data_access import geo, sql
from data_access.analytics import TOTAL
from data_access.scope import Filters, Scope
from data_access.sql import Published
from presentation import charts, registry
from presentation.registry import CHARTS, PACK, ChartWords
from tests.views.test_pages_analytics import open_tab

ROOT = Path(__file__).resolve().parents[2]
EVERYTHING = Scope.everything()
FILTERS = Filters(unit="trimestre", start="2024-T1", end="2024-T4")
WORDS = ChartWords("it", "trimestre", "Italia", "dal 1° trimestre 2024 al 4° trimestre 2024", "4° trimestre 2024")
TODAY = dt.date(2026, 1, 15)


def every_choice(entry: registry.ChartDef) -> list[dict[str, str]]:
    """Every combination of the entry's choices (one empty combination for an entry without choices)."""
    names = list(entry.options)
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*entry.options.values())]


def run_query(entry: registry.ChartDef, engine, filters: Filters = FILTERS, **choices):
    extra = (TODAY,) if entry is registry.PLAN else ()  # the plan's overdue actions are counted on a given day
    if entry.query_args:  # the map: its measure and level
        choices = entry._with_defaults(choices)
        extra = tuple(WORDS.lang if a == "lang" else choices[a] for a in entry.query_args)
    return entry.query(EVERYTHING, filters, *extra, engine=engine)


def asked(entry: registry.ChartDef, choices: dict) -> bool:
    """Whether the entry's query can be asked with these choices (the public presences: regions only)."""
    return entry is not registry.MAP or choices["level"] in geo.map_levels(EVERYTHING, choices["measure"])


def drawn_by(page: str) -> set[str]:
    """The registry entries a page's code names (``registry.PLACES`` ...)."""
    tree = ast.parse((ROOT / "views" / f"{page}.py").read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "registry"}


# --- Every entry on the seeds data -----------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(CHARTS))
def test_every_entry_builds_a_valid_spec_from_its_query(seeded_engine, name):
    theme.enable()
    entry = CHARTS[name]
    assert entry.query.__name__ in sql.QUERIES  # a published query: counts leave through disclosure only
    result = run_query(entry, seeded_engine)
    for choices in filter(lambda c: asked(entry, c), every_choice(entry)):
        if entry.query_args:
            result = run_query(entry, seeded_engine, **choices)
        chart = entry.chart(result, WORDS, **choices)
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
        assert title == entry.title_text(result, WORDS, **choices) == charts.title_of(chart)
        assert "Italia" in title and "{" not in title, title
        mark = spec.get("mark")
        published = entry.published(result, **choices)
        sparse = "measure" in choices and published.too_sparse(choices["measure"])  # the guard's notice (issue 16)
        assert sparse or not (isinstance(mark, dict) and mark.get("type") == "text"), (name, choices)  # data drawn
        assert published.frame is not None


def test_titles_name_the_range_the_last_period_or_the_date(seeded_engine):
    trend = run_query(registry.PLACES, seeded_engine)
    assert registry.PLACES.title_text(trend, WORDS).endswith(", dal 1° trimestre 2024 al 4° trimestre 2024")
    funnel = run_query(registry.FUNNEL, seeded_engine)
    assert registry.FUNNEL.title_text(funnel, WORDS) == "Dal contatto alla presa in carico, Italia, 4° trimestre 2024"
    members = run_query(registry.MEMBERS_BY_TYPE, seeded_engine)
    assert registry.MEMBERS_BY_TYPE.title_text(members, WORDS).endswith(", al 31/12/2024")
    plan = run_query(registry.PLAN, seeded_engine)
    assert registry.PLAN.title_text(plan, WORDS).endswith(", al 31/12/2024")
    breakdowns = run_query(registry.REACHED_BY, seeded_engine)
    assert registry.REACHED_BY.title_text(breakdowns, WORDS, measure="take_ins", dimension="gender") == (
        "Prese in carico per genere, Italia, 4° trimestre 2024")
    services = run_query(registry.PEOPLE_OVER_TIME, seeded_engine)
    assert registry.PEOPLE_OVER_TIME.title_text(services, WORDS).startswith("Persone nei servizi (tutti i servizi), ")


# --- The pages and the pack draw the same entries ----------------------------------------------------------------
def test_the_pack_offers_entries_the_pages_draw():
    pages = {page: drawn_by(page) for page in ("panoramica", "accoglienza", "emersione", "servizi", "rete", "mappa")}
    pages["saturation"] = drawn_by("saturation")  # the saturation view of Panoramica and Accoglienza
    drawn = set().union(*pages.values())
    names = {entry.name: attr for attr, entry in vars(registry).items() if isinstance(entry, registry.ChartDef)}
    assert {names[name] for name in CHARTS} <= drawn  # every entry is on a page
    for choice, slide in PACK.items():
        if isinstance(slide, registry.PackSlide):
            assert CHARTS[slide.entry.name] is slide.entry, choice  # the registry's own object, not a copy
            assert slide.entry.caption is not None
    assert "CHOICES" not in (ROOT / "views" / "pacchetto.py").read_text(encoding="utf-8")


PACK_PAGES = {"posti": "accoglienza", "saturazione": "accoglienza", "liberi": "accoglienza", "mappa": "mappa",
              "contatti": "emersione", "percorso": "emersione", "servizi": "servizi", "riunioni": "rete",
              "contesto": "accoglienza"}


# the lazy tabs (views.layout.lazy_tabs) holding a slide's chart, not open at first: page -> (key, label)
SLIDE_TABS = {"accoglienza": [("tabs_saturation", "Grafico"), ("tabs_accoglienza_time", "Posti liberi")],
              "emersione": [("tabs_emersione_trend", "Valutazioni, vittime, prese in carico")]}


def test_a_slide_is_the_chart_of_its_page(open_page):
    """For the same filters, each chart of the meeting pack has the spec and the data of the chart its page shows
    (the map: the measure the map page opens on); the pack proposes every slide with data but the optional ones
    (the national context), which the user may add; the overdue actions are a table."""
    params = {"provincia": "015", "unita": "trimestre", "da": "2024-T1", "a": "2024-T4"}
    at = open_page("pacchetto", **params)
    assert at.multiselect[0].value == registry.PACK_DEFAULT == [c for c in PACK if c != "contesto"]
    pack = at.multiselect[0].set_value(list(PACK)).run().session_state["last_pack"]
    screens = {}
    for page in sorted(set(PACK_PAGES.values())):
        at = open_page(page, **params)
        for key, label in [(None, None), *SLIDE_TABS.get(page, [])]:  # the open tabs, then those a slide draws
            if key:
                at = open_tab(at, key, label)
            for element in at.get("vega_lite_chart"):
                spec = json.loads(element.proto.spec)
                spec.pop("autosize", None)  # added by Streamlit
                screens[spec["title"]["text"]] = (spec, sorted(d.name for d in element.proto.datasets))
    assert [c.title.split(",")[0] for c in pack.charts] and pack.left_out == ["Azioni del Piano in ritardo"]
    assert len(pack.charts) == len(PACK) - 1  # Milano's plan had no overdue action at the end of 2024
    for choice, item in zip([c for c in PACK if c != "ritardi"], pack.charts, strict=True):
        spec, frames = charts.to_spec(item.chart)
        assert item.title in screens, (choice, item.title, list(screens))
        shown, datasets = screens[item.title]
        assert without_view_names(spec) == without_view_names(shown), choice
        assert sorted(frames) == datasets, choice  # named by a hash of their content: the same data


def without_view_names(spec: dict) -> dict:
    """A spec without the names of its views: Streamlit renames the view of a chart one can click (the map), and
    writes an empty legend title of a stacked chart as a space."""
    spec = json.loads(json.dumps(spec).replace('"title": " "', '"title": null'))
    for layer in spec.get("layer", []):
        layer.pop("name", None)
    for param in spec.get("params", []):
        param.pop("views", None)
    return spec


def test_a_slide_states_what_its_chart_shows(seeded_engine):
    """Every slide of the pack on the seeds data: a caption with the territory and the range's figures; public
    statistics carry their own source, the others the note they are given; the overdue actions are a table."""
    for choice, slide in PACK.items():
        item = slide.make(EVERYTHING, FILTERS, WORDS, note="nota", today=TODAY, engine=seeded_engine)
        assert item is not None, choice
        if choice == "ritardi":
            assert item.chart is None and list(item.table.columns)[:2] == ["Codice", "Azione"]
        public = getattr(slide, "source", None)
        expected = registry.public_source(slide.entry.query(EVERYTHING, FILTERS, engine=seeded_engine), "it") \
            if public else None if choice == "ritardi" else "nota"
        assert item.note == expected, choice
        assert item.caption.startswith(("In Italia", "Prime province per posti: Milano ", "Le persone nel sistema")), (
            choice, item.caption)
        assert "{" not in item.caption, (choice, item.caption)
    assert PACK["servizi"].choices == {"service": TOTAL}


# --- Pure pieces ---------------------------------------------------------------------------------------------------
def test_rows_of_a_choice_and_of_a_service():
    frame = pd.DataFrame({"period_key": ["2025-01"] * 2, "service": [TOTAL, "accompagnamento"], "people": [3, 2]})
    frame.attrs["as_of"] = dt.date(2025, 1, 31)
    result = Published(frame, 1, 5)
    rows = registry.PEOPLE_OVER_TIME.published(result, service="accompagnamento")
    assert rows.frame["people"].tolist() == [2] and (rows.data_version, rows.k) == (1, 5)
    assert registry.PEOPLE_OVER_TIME.published(result).frame["service"].tolist() == [TOTAL]  # the first option
    assert registry.PLACES_BY.published({"line": "by line", "target_group": "by group"}) == "by line"
    assert registry.PLACES_BY.published({"line": "x", "target_group": "y"}, breakdown="target_group") == "y"


def test_a_pack_slide_needs_a_caption_rule():
    with pytest.raises(ValueError, match="accoglienza.structures"):
        registry.PackSlide(registry.STRUCTURES)


# --- Periods named (issue 14) ----------------------------------------------------------------------------------------
def test_a_period_is_named_with_its_figure():
    """The summary's figures: the period asked by key, "nessun dato inviato" where not sent or without a row, "<k"
    where protected, an occupancy as the screen writes it; never the figure of another period."""
    frame = pd.DataFrame({"period_key": ["2024-T1", "2025-T3", "2025-T4"],
                          "occupied": pd.array([40, 50, 53], dtype="Int64"), "sent": [True, True, False],
                          "occupancy_rate": [0.8, 1.0, None], "occupancy_mark": [None, "noise", None]})
    words = ChartWords("it", "trimestre", "Como", "dal 1° trimestre 2024 al 4° trimestre 2025", "4° trimestre 2025",
                       "2025-T4")
    now, before = registry.last_periods(frame, "occupied", words, 5)
    assert (now.period, now.text, before.text) == ("4° trimestre 2025", "nessun dato inviato", "50*")  # "pieno*"
    assert registry.period_value(frame, "occupied", "2025-T2", words, 5).text == "nessun dato inviato"
    assert registry.period_value(frame, "occupancy_rate", "2025-T3", words, 5).text == "pieno*"
    assert registry.period_value(frame, "occupancy_rate", "2024-T1", words, 5).text == "80,0%"
    small = frame.assign(occupied=pd.array([40, 50, None], dtype="Int64"), occupied_small=[False, False, True],
                         sent=True)
    assert registry.last_periods(small, "occupied", words, 5)[0].text == "<5"


def test_the_pack_names_the_period_of_each_value(open_page):
    """Como (013), quarters 2024-T1..2025-T4: its reception data end in February 2024. The summary's columns are the
    last quarter and the one before, by name, with "nessun dato inviato", never 2024-T1's figure under Q4 2025."""
    at = open_page("pacchetto", provincia="013", unita="trimestre", da="2024-T1", a="2025-T4")
    pack = at.session_state["last_pack"]
    summary = pack.summary.set_index("Misura")
    assert list(summary.columns) == ["1° trimestre 2024", "3° trimestre 2025", "4° trimestre 2025"]
    for measure in ("Posti", "Presenze", "Posti liberi"):
        assert summary.loc[measure].tolist()[1:] == ["nessun dato inviato", "nessun dato inviato"], measure
    assert summary.loc["Posti", "1° trimestre 2024"] not in ("nessun dato inviato", "", "n.d.")
    assert "Tasso di occupazione" in summary.index and "Strutture" in summary.index
    places = next(c for c in pack.charts if c.title.startswith("Posti e presenze"))
    assert "posti" in places.caption and "(1° trimestre 2024)" in places.caption  # its one figure, named
    shown = at.dataframe[0].value.set_index("Misura")
    assert shown.loc["Posti"].tolist()[1:] == ["nessun dato inviato", "nessun dato inviato"]  # screen as file
    sondrio = open_page("pacchetto", provincia="014", programma="SAI", unita="trimestre", da="2025-T1", a="2025-T4")
    summary = sondrio.session_state["last_pack"].summary.set_index("Misura")
    assert summary.loc["Posti"].tolist() == ["47", "47", "47"]  # the figures of the periods named above them
    assert summary.loc["Strutture"].tolist() == ["11", "11", "11"]


def test_a_breakdown_too_sparse_draws_a_notice_not_bars():
    """The sparsity guard (issue 16) in the registry's bars, so that a slide of the meeting pack does not draw what
    its page does not: the chart says "Troppo dettagliato" and why, without a bar or a value."""
    frame = pd.DataFrame({"category": ["donna", "uomo", "transgender", "non_indicato", TOTAL],
                          "is_total": [False, False, False, False, True],
                          "contacts": pd.array([0, 0, 0, 0, 6], dtype="Int64"),
                          "contacts_small": [True, False, False, False, False]})
    sparse = Published(frame, 3, 5, ("contacts",), 0.75)
    spec = registry.REACHED_BY.chart({"gender": sparse}, WORDS, measure="contacts", dimension="gender").to_dict()
    text = json.dumps(spec, default=str, ensure_ascii=False)
    assert "layer" not in spec and spec["mark"]["type"] == "text"  # no bar, no value
    assert "Troppo dettagliato" in text and "0 o «<5»" in text
    drawn = Published(frame, 3, 5, ("contacts",), 1.0)  # 1: no guard
    layers = registry.REACHED_BY.chart({"gender": drawn}, WORDS, measure="contacts", dimension="gender").to_dict()
    assert "bar" in [layer["mark"]["type"] for layer in layers["layer"]]
