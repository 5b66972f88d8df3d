"""Chart builders: assertions on the Vega-Lite spec (marks, encodings, data), not just that a chart renders."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

from config import theme
from config.theme import PALETTE, SMALL_VALUE_COLOUR
from presentation import charts

HIDDEN = 3  # the number a small cell would hide: it must never reach a chart
K = 5
NOTE = "<5: valore protetto"


@pytest.fixture(autouse=True)
def _theme():
    theme.enable()


# --- helpers -------------------------------------------------------------------------------------------------------
def spec_of(chart) -> dict:
    return chart.to_dict()  # validates against the Vega-Lite schema


def rows(spec: dict) -> list[dict]:
    return [row for values in spec.get("datasets", {}).values() for row in values]


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def marks(spec: dict) -> list[str]:
    return [m["type"] if isinstance(m, dict) else m for m in (layer["mark"] for layer in layers(spec))]


def tooltip_fields(layer: dict) -> list[str]:
    return [t["field"] for t in layer["encoding"]["tooltip"]]


def assert_hidden_absent(spec: dict, hidden=HIDDEN):
    """No field of any chart row holds the hidden number (ranks/orders aside), nor a label spelling it."""
    for row in rows(spec):
        for key, value in row.items():
            if key.endswith("_order"):
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                assert value != hidden, (key, row)
            if isinstance(value, str):
                assert value != str(hidden), (key, row)


def title_text(spec: dict) -> str:
    title = spec["title"]
    return title["text"] if isinstance(title, dict) else title


def month_frame() -> pd.DataFrame:
    """Three months given out of order; February's take-ins are small (hidden 3 left in the column on purpose)."""
    return pd.DataFrame({
        "period_key": ["2025-03", "2025-01", "2025-02"],
        "contacts": pd.array([1234, 40, pd.NA], dtype="Int64"),
        "contacts_small": [False, False, False],  # February's contacts: missing, not small
        "take_ins": pd.array([7, 10, HIDDEN], dtype="Int64"),
        "take_ins_small": [False, False, True],
    })


# --- theme -------------------------------------------------------------------------------------------------------
def test_theme_is_valid_vega_lite():
    theme.enable()
    assert alt.theme.active == theme.THEME_NAME
    spec = alt.Chart(pd.DataFrame({"a": [1234]})).mark_bar().encode(x="a:Q").to_dict(validate=True)
    assert spec["config"]["locale"]["number"] == {"decimal": ",", "thousands": ".", "grouping": [3],
                                                  "currency": ["€", ""]}
    alt.Config.from_dict(theme.theme()["config"], validate=True)
    assert spec["config"]["range"]["category"] == PALETTE


# --- time series -------------------------------------------------------------------------------------------------
def test_time_series_spec():
    spec = spec_of(charts.time_series(
        month_frame(), unit="mese", measures=["contacts", "take_ins"],
        labels={"contacts": "Contatti", "take_ins": "Prese in carico"},
        title="Contatti e prese in carico, Italia, 2025", subtitle="Dati protetti", y_title="Persone"))
    assert spec["title"] == {"text": "Contatti e prese in carico, Italia, 2025", "subtitle": "Dati protetti"}
    assert marks(spec) == ["line", "point"]
    line, small = layers(spec)
    x = line["encoding"]["x"]
    assert (x["field"], x["type"], x["title"]) == ("period_label", "ordinal", "Mese")
    assert x["sort"] == ["gen 2025", "feb 2025", "mar 2025"]  # period order, whatever the frame order
    assert small["encoding"]["x"]["sort"] == x["sort"]  # same sort in every layer, else Vega-Lite drops it
    y = line["encoding"]["y"]
    assert (y["field"], y["type"], y["title"], y["axis"]["format"]) == ("value", "quantitative", "Persone", ",.0f")
    assert line["encoding"]["color"]["field"] == "series_label"
    assert line["encoding"]["color"]["scale"] == {"domain": ["Contatti", "Prese in carico"],
                                                  "range": PALETTE[:2]}
    assert line["encoding"]["order"]["field"] == "period_order"
    assert tooltip_fields(line) == ["period_name", "series_label", "label"]
    # small cells: hollow grey points at k/2, in their own legend entry
    assert small["mark"]["filled"] is False
    assert small["transform"] == [{"filter": "datum.small"}]
    assert small["encoding"]["y"]["field"] == "plot_value"
    assert small["encoding"]["stroke"]["scale"] == {"domain": [NOTE], "range": [SMALL_VALUE_COLOUR]}
    assert tooltip_fields(small) == ["period_name", "series_label", "label"]

    data = rows(spec)
    small_rows = [r for r in data if r["small"]]
    assert len(small_rows) == 1
    assert (small_rows[0]["series"], small_rows[0]["period_key"]) == ("take_ins", "2025-02")
    assert small_rows[0]["label"] == "<5"
    assert small_rows[0]["plot_value"] == K / 2
    assert small_rows[0]["value"] is None  # the line breaks there
    assert small_rows[0]["note"] == NOTE
    missing = next(r for r in data if r["series"] == "contacts" and r["period_key"] == "2025-02")
    assert (missing["value"], missing["plot_value"], missing["label"], missing["small"]) == (None, None, "n.d.",
                                                                                          False)
    big = next(r for r in data if r["series"] == "contacts" and r["period_key"] == "2025-03")
    assert (big["value"], big["label"], big["period_label"], big["period_name"]) == (1234, "1.234", "mar 2025",
                                                                                   "marzo 2025")
    assert_hidden_absent(spec)


def test_time_series_without_small_has_no_small_layer_and_k_is_respected():
    frame = month_frame().assign(take_ins_small=False, take_ins=pd.array([7, 10, 12], dtype="Int64"))
    spec = spec_of(charts.time_series(frame, unit="mese", measures=["contacts", "take_ins"], labels={},
                                      title="T", y_title="Persone"))
    assert marks(spec) == ["line"]
    assert NOTE not in json.dumps(spec, ensure_ascii=False)

    spec = spec_of(charts.time_series(month_frame(), unit="mese", measures=["take_ins"], labels={}, title="T",
                                      y_title="Persone", k=10))
    small = [r for r in rows(spec) if r["small"]]
    assert [(r["label"], r["plot_value"], r["note"]) for r in small] == [("<10", 5.0, "<10: valore protetto")]
    assert layers(spec)[0]["encoding"]["color"]["legend"] is None  # one series: no colour legend
    assert {r["series_label"] for r in rows(spec)} == {"Prese in carico"}  # catalogue label when none given


@pytest.mark.parametrize(("unit", "keys", "expected"), [
    ("trimestre", ["2025-T2", "2024-T4", "2025-T1"], ["4° trimestre 2024", "1° trimestre 2025", "2° trimestre 2025"]),
    ("anno", ["2025", "2023", "2024"], ["anno 2023", "anno 2024", "anno 2025"]),
    ("avviso", ["avviso-10", "avviso-5", "avviso-7"], ["avviso 5", "avviso 7", "avviso 10"]),
    ("mese", ["2025-01", "2024-12", "2024-11"], ["nov 2024", "dic 2024", "gen 2025"]),
])
def test_period_labels_and_order(unit, keys, expected):
    frame = pd.DataFrame({"period_key": keys, "people": pd.array([10, 20, 30], dtype="Int64"),
                          "people_small": [False] * 3})
    spec = spec_of(charts.time_series(frame, unit=unit, measures=["people"], labels={"people": "Persone"},
                                      title="T", y_title="Persone"))
    assert layers(spec)[0]["encoding"]["x"]["sort"] == expected
    assert [r["period_label"] for r in sorted(rows(spec), key=lambda r: r["period_order"])] == expected


def test_english_labels():
    spec = spec_of(charts.time_series(month_frame(), unit="mese", measures=["take_ins"],
                                      labels={}, title="T", y_title="People", lang="en"))
    assert layers(spec)[0]["encoding"]["x"]["sort"] == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert layers(spec)[1]["encoding"]["stroke"]["scale"]["domain"] == ["<5: protected value"]


def by_sex() -> pd.DataFrame:
    return pd.DataFrame({
        "period_key": ["2025-T2", "2025-T1"] * 3,
        "sex": ["F", "F", "M", "M", "T", "T"],
        "people": pd.array([40, 35, 20, HIDDEN, pd.NA, 6], dtype="Int64"),
        "people_small": [False, False, False, True, False, False],
    })


SEX = {"F": "Donne", "M": "Uomini", "T": "Persone transgender"}


def test_time_series_by_series():
    spec = spec_of(charts.time_series_by(by_sex(), unit="trimestre", measure="people", series_col="sex",
                                         series_labels=SEX, title="Persone per genere", y_title="Persone",
                                         series_title="Genere"))
    assert title_text(spec) == "Persone per genere"
    assert marks(spec) == ["line", "point"]
    line = layers(spec)[0]
    assert line["encoding"]["color"]["scale"]["domain"] == ["Donne", "Uomini", "Persone transgender"]
    assert line["encoding"]["x"]["sort"] == ["1° trimestre 2025", "2° trimestre 2025"]
    assert line["encoding"]["tooltip"][1] == {"field": "series_label", "title": "Genere", "type": "nominal"}
    small = [r for r in rows(spec) if r["small"]]
    assert [(r["series_label"], r["period_name"], r["label"], r["plot_value"]) for r in small] == [
        ("Uomini", "1° trimestre 2025", "<5", 2.5)]
    assert_hidden_absent(spec)


def test_stacked_bars_over_time():
    spec = spec_of(charts.stacked_bars_over_time(by_sex(), unit="trimestre", measure="people", series_col="sex",
                                                 series_labels=SEX, title="Persone per genere",
                                                 y_title="Persone"))
    assert marks(spec) == ["bar"]
    enc = spec["encoding"]
    assert (enc["y"]["field"], enc["y"]["stack"]) == ("plot_value", "zero")
    assert enc["x"]["sort"] == ["1° trimestre 2025", "2° trimestre 2025"]
    assert enc["color"]["field"] == "colour_key"
    assert enc["color"]["scale"] == {"domain": ["Donne", "Uomini", "Persone transgender", NOTE],
                                     "range": PALETTE[:3] + [SMALL_VALUE_COLOUR]}
    assert enc["order"]["field"] == "series_order"
    assert enc["opacity"]["condition"][0]["test"] == "datum.small"
    assert enc["strokeDash"]["condition"][0] == {"test": "datum.small", "value": charts.SMALL_DASH}
    assert tooltip_fields(spec) == ["period_name", "series_label", "label"]
    small = [r for r in rows(spec) if r["small"]]
    assert [(r["colour_key"], r["series_label"], r["label"], r["plot_value"]) for r in small] == [
        (NOTE, "Uomini", "<5", 2.5)]
    assert_hidden_absent(spec)


# --- bars ----------------------------------------------------------------------------------------------------------
PROVINCES = {"TO": "Torino", "MI": "Milano", "NA": "Napoli", "PA": "Palermo", "BA": "Bari"}


def province_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "province": ["MI", "TO", "NA", "PA", "BA"],
        "contacts": pd.array([HIDDEN, 1234, 56, pd.NA, 8], dtype="Int64"),
        "contacts_small": [True, False, False, False, False],
    })


def test_bars_horizontal():
    chart = charts.bars(province_frame(), category="province", measure="contacts", category_labels=PROVINCES,
                        title="Contatti per provincia, 2025", x_title="Contatti")
    spec = spec_of(chart)
    assert title_text(spec) == "Contatti per provincia, 2025"
    assert charts.title_of(chart) == "Contatti per provincia, 2025"  # a layered chart
    assert marks(spec) == ["bar", "bar", "text"]
    main, small, text = layers(spec)
    assert main["encoding"]["y"]["field"] == "category_label"
    assert main["encoding"]["y"]["sort"] == ["Torino", "Napoli", "Bari", "Milano", "Palermo"]  # missing last
    assert (main["encoding"]["x"]["field"], main["encoding"]["x"]["type"]) == ("plot_value", "quantitative")
    assert main["encoding"]["x"]["title"] == "Contatti"
    assert main["encoding"]["x"]["axis"]["format"] == ",.0f"
    assert main["transform"] == [{"filter": "!datum.small"}]
    assert small["transform"] == [{"filter": "datum.small"}]
    assert small["mark"]["stroke"] == SMALL_VALUE_COLOUR and small["mark"]["strokeDash"] == charts.SMALL_DASH
    assert small["mark"]["opacity"] < 1
    assert small["encoding"]["fill"]["scale"] == {"domain": [NOTE], "range": [SMALL_VALUE_COLOUR]}
    assert text["encoding"]["text"]["field"] == "label"
    assert text["encoding"]["x"]["field"] == "text_position"
    for layer in (main, small, text):
        assert tooltip_fields(layer) == ["category_label", "label"]
    data = {r["category"]: r for r in rows(spec)}
    assert (data["MI"]["label"], data["MI"]["plot_value"], data["MI"]["value"]) == ("<5", 2.5, None)
    assert (data["TO"]["label"], data["TO"]["plot_value"]) == ("1.234", 1234)
    assert (data["PA"]["label"], data["PA"]["plot_value"], data["PA"]["text_position"]) == ("n.d.", None, 0)
    assert_hidden_absent(spec)


def test_bars_vertical_and_label_order():
    spec = spec_of(charts.bars(province_frame(), category="province", measure="contacts",
                               category_labels=PROVINCES, title="T", x_title="Contatti", horizontal=False,
                               sort=None))
    main = layers(spec)[0]
    assert main["encoding"]["x"]["field"] == "category_label"
    assert main["encoding"]["y"]["field"] == "plot_value"
    assert main["encoding"]["x"]["sort"] == list(PROVINCES.values())
    assert_hidden_absent(spec)


def test_bars_without_small_values():
    frame = province_frame().assign(contacts_small=False, contacts=pd.array([9, 1234, 56, 12, 8], dtype="Int64"))
    spec = spec_of(charts.bars(frame, category="province", measure="contacts", category_labels=PROVINCES,
                               title="T", x_title="Contatti", sort="x"))
    assert marks(spec) == ["bar", "text"]
    assert layers(spec)[0]["encoding"]["y"]["sort"] == ["Bari", "Milano", "Palermo", "Napoli", "Torino"]


def test_places_vs_presences():
    frame = pd.DataFrame({
        "period_key": ["2025", "2023", "2024"],
        "places": [120, 100, 110],
        "occupied": pd.array([HIDDEN, 80, 95], dtype="Int64"),
        "occupied_small": [True, False, False],
    })
    spec = spec_of(charts.places_vs_presences(frame, unit="anno", title="Posti e presenze, Italia"))
    assert title_text(spec) == "Posti e presenze, Italia"
    assert marks(spec) == ["bar", "line", "point"]
    bars_layer, line, small = layers(spec)
    assert bars_layer["transform"] == [{"filter": {"field": "series", "equal": "places"}}]
    assert line["transform"] == [{"filter": {"field": "series", "equal": "occupied"}}]
    assert bars_layer["encoding"]["color"]["scale"]["domain"] == ["Posti", "Presenze"]
    for layer in layers(spec):
        assert layer["encoding"]["x"]["sort"] == ["anno 2023", "anno 2024", "anno 2025"]
        assert tooltip_fields(layer) == ["period_name", "label_places", "label_presences"]
    assert small["encoding"]["stroke"]["scale"]["range"] == [SMALL_VALUE_COLOUR]
    data = rows(spec)
    row_2025 = next(r for r in data if r["period_key"] == "2025" and r["series"] == "occupied")
    assert (row_2025["label"], row_2025["plot_value"], row_2025["value"]) == ("<5", 2.5, None)
    assert all(r["label_presences"] == "<5" for r in data if r["period_key"] == "2025")
    assert all(r["label_places"] == "120" for r in data if r["period_key"] == "2025")
    assert_hidden_absent(spec)


def test_funnel():
    frame = pd.DataFrame({
        "stage": ["contacts", "assessments", "potential_victims", "take_ins"],
        "value": pd.array([1234, 300, HIDDEN, 40], dtype="Int64"),
        "value_small": [False, False, True, False],
        # the rates next to the small stage would give it away (3/300, 40/3): the chart must not show them
        "rate": pd.array([pd.NA, 0.2431, 0.01, 13.3333], dtype="Float64"),
    })
    labels = {"contacts": "Contatti", "assessments": "Valutazioni", "potential_victims": "Potenziali vittime",
              "take_ins": "Prese in carico"}
    spec = spec_of(charts.funnel(frame, stage_labels=labels, title="Dal contatto alla presa in carico",
                                 x_title="Persone"))
    assert marks(spec) == ["bar", "bar", "text"]
    main, small, text = layers(spec)
    assert main["encoding"]["y"]["sort"] == list(labels.values())  # stage order, not by value
    assert text["encoding"]["text"]["field"] == "text"
    assert tooltip_fields(main) == ["category_label", "label", "rate_label"]
    data = {r["category"]: r for r in rows(spec)}
    assert data["contacts"]["text"] == "1.234"
    assert data["assessments"]["text"] == "300 · 24,3%"
    assert (data["potential_victims"]["text"], data["potential_victims"]["plot_value"]) == ("<5 · n.d.", 2.5)
    assert data["take_ins"]["text"] == "40 · n.d."
    dumped = json.dumps(spec, ensure_ascii=False)
    assert "1,0%" not in dumped and "1.333" not in dumped
    assert_hidden_absent(spec)


def test_status_bars():
    frame = pd.DataFrame({"status": ["done", "todo", "late"], "count": [12, 5, 2]})
    labels = {"todo": "Da avviare", "done": "Completate", "late": "In ritardo"}
    spec = spec_of(charts.status_bars(frame, status_labels=labels, title="Azioni del piano per stato",
                                      x_title="Azioni", colours={"late": "#D55E00"}))
    assert marks(spec) == ["bar", "text"]
    bar = layers(spec)[0]
    assert bar["encoding"]["y"]["sort"] == ["Da avviare", "Completate", "In ritardo"]
    assert bar["encoding"]["color"]["scale"] == {"domain": ["Da avviare", "Completate", "In ritardo"],
                                                 "range": [PALETTE[0], PALETTE[1], "#D55E00"]}
    assert tooltip_fields(bar) == ["category_label", "label"]
    assert {r["category"]: r["label"] for r in rows(spec)} == {"done": "12", "todo": "5", "late": "2"}


# --- map -----------------------------------------------------------------------------------------------------------
URL = "https://example.org/static/province.topo.json"


def map_values() -> pd.DataFrame:
    return pd.DataFrame({
        "code": ["001", "015", "063"],
        "name": ["Torino", "Milano", "Napoli"],
        "value": pd.array([1234, HIDDEN, pd.NA], dtype="Int64"),
        "value_small": [False, True, False],
    })


def test_choropleth_spec():
    spec = spec_of(charts.choropleth(map_values(), topojson_url=URL, feature="provinces", id_property="prov_istat",
                                     title="Contatti per provincia, 2025", legend_title="Contatti",
                                     credit="Confini: ISTAT, via openpolis (CC BY 4.0)", name_property="den"))
    dumped = json.dumps(spec, ensure_ascii=False)
    assert "coordinates" not in dumped and "arcs" not in dumped  # geometry stays behind the URL
    assert spec["data"] == {"url": URL, "format": {"type": "topojson", "feature": "provinces"}}
    assert spec["title"] == {"text": "Contatti per provincia, 2025",
                             "subtitle": ["Confini: ISTAT, via openpolis (CC BY 4.0)"]}
    assert spec["projection"] == {"type": "mercator"}
    assert marks(spec) == ["geoshape", "geoshape", "text", "text", "text", "text"]  # the leading area's label
    valued, unvalued = layers(spec)[:2]
    lookup = valued["transform"][0]
    assert lookup["lookup"] == "properties.prov_istat"
    assert lookup["from"]["key"] == "code"
    assert set(lookup["from"]["fields"]) >= {"code", "name", "value", "small", "label", "tooltip"}
    assert valued["encoding"]["color"]["field"] == "value"
    assert valued["encoding"]["color"]["scale"] == {"scheme": theme.SEQUENTIAL}  # one value shown: no classes
    assert valued["encoding"]["color"]["legend"]["title"] == "Contatti"
    assert valued["encoding"]["color"]["legend"]["orient"] == "right"
    assert unvalued["encoding"]["fill"]["scale"] == {
        "domain": [NOTE, "n.d.: dato non disponibile"], "range": [SMALL_VALUE_COLOUR, charts.MISSING_COLOUR]}
    assert unvalued["encoding"]["fill"]["legend"]["orient"] == "right"  # the "n.d." key beside the map
    for layer in (valued, unvalued):
        assert tooltip_fields(layer) == ["name", "tooltip"]
        assert layer["encoding"]["stroke"]["condition"][0]["param"] == "territorio"
    (param,) = spec["params"]
    assert param["name"] == charts.SELECTION_NAME == "territorio"
    assert param["select"] == {"type": "point", "fields": ["code"]}
    data = {r["code"]: r for r in rows(spec)}
    assert (data["015"]["label"], data["015"]["small"], data["015"]["value"]) == ("<5", True, None)
    assert data["001"]["label"] == "1.234"
    assert data["063"]["label"] == "n.d."
    assert_hidden_absent(spec)


def test_map_classes_separate_small_values():
    """Issue 19: places by province (Milano 4.168, Varese 1.210, Sondrio 47, Padova 4): four quantile classes with
    limits rounded to two digits, so Sondrio is not left almost white next to Milano; the legend says which."""
    values = pd.DataFrame({"code": ["015", "012", "014", "028"], "name": ["Milano", "Varese", "Sondrio", "Padova"],
                           "value": pd.array([4168, 1210, 47, 4], dtype="Int64"), "value_small": [False] * 4})
    assert charts.class_breaks(values["value"]) == [36.0, 630.0, 1900.0]
    spec = spec_of(charts.choropleth(values, topojson_url=URL, feature="provinces", id_property="code", title="T",
                                     legend_title="Posti", credit="ISTAT", classes_note="classi per quantili"))
    colour = layers(spec)[0]["encoding"]["color"]
    assert colour["scale"]["type"] == "threshold" and colour["scale"]["domain"] == [36.0, 630.0, 1900.0]
    assert len(set(colour["scale"]["range"])) == 4  # a class each
    assert colour["legend"]["title"] == ["Posti", "classi per quantili"]
    # the leading areas carry their name and value, highest first
    assert charts.leading_areas(charts._map_data(values, 5, "it", 0)) == ["015", "012", "014", "028"]
    labels = [layer for layer in layers(spec) if marks({"layer": [layer]}) == ["text"]]
    picked = [step["filter"]["oneOf"] for lbl in labels for step in lbl["transform"]
              if isinstance(step.get("filter"), dict) and "oneOf" in step["filter"]]
    assert len(picked) == 4 and {tuple(p) for p in picked} == {("015", "012", "014", "028")}
    # occupancy: fixed classes at 90% and 95% (the saturation view's levels)
    fixed = spec_of(charts.choropleth(values.assign(value=[0.97, 0.93, 0.88, 1.0]), topojson_url=URL,
                                      feature="provinces", id_property="code", title="T", legend_title="Tasso",
                                      credit="ISTAT", breaks=charts.OCCUPANCY_BREAKS, value_format=".0%"))
    assert layers(fixed)[0]["encoding"]["color"]["scale"]["domain"] == [0.9, 0.95]


@pytest.mark.parametrize(("values", "breaks"), [([5, 5, 5], []), ([0, 0, 0, 12], []),
                                                 ([1, 2, 3, 100], [2.0, 3.0, 27.0]), ([0.31, 0.347, 0.9], [0.33, 0.53]),
                                                 ([], []), ([None, 4, 9], [7.0])])
def test_class_breaks_edges(values, breaks):
    assert charts.class_breaks(values) == breaks


def test_choropleth_keeps_caller_labels_but_never_for_small():
    values = map_values().assign(label=["1.234,0", "3,0", "n.d."])
    spec = spec_of(charts.choropleth(values, topojson_url=URL, feature="regions", id_property="reg", title="T",
                                     legend_title="Tasso", credit="ISTAT", subtitle="per 100.000 residenti"))
    assert spec["title"]["subtitle"] == ["per 100.000 residenti", "ISTAT"]
    assert {r["code"]: r["label"] for r in rows(spec)} == {"001": "1.234,0", "015": "<5", "063": "n.d."}


# --- empty frames and table view -----------------------------------------------------------------------------------
EMPTY_BUILDERS = {
    "time_series": lambda f: charts.time_series(f, unit="mese", measures=["people"], labels={}, title="Vuoto",
                                                y_title="Persone"),
    "time_series_by": lambda f: charts.time_series_by(f, unit="mese", measure="people", series_col="sex",
                                                      series_labels=SEX, title="Vuoto", y_title="Persone"),
    "stacked": lambda f: charts.stacked_bars_over_time(f, unit="mese", measure="people", series_col="sex",
                                                       series_labels=SEX, title="Vuoto", y_title="Persone"),
    "bars": lambda f: charts.bars(f, category="sex", measure="people", category_labels=SEX, title="Vuoto",
                                  x_title="Persone"),
    "places": lambda f: charts.places_vs_presences(f, unit="mese", title="Vuoto"),
    "funnel": lambda f: charts.funnel(f, stage_labels={}, title="Vuoto", x_title="Persone"),
    "status": lambda f: charts.status_bars(f, status_labels={}, title="Vuoto", x_title="Azioni"),
    "map": lambda f: charts.choropleth(f, topojson_url=URL, feature="provinces", id_property="id", title="Vuoto",
                                       legend_title="Persone", credit="ISTAT"),
}


@pytest.mark.parametrize("name", list(EMPTY_BUILDERS))
def test_empty_frame_gives_titled_no_data_chart(name):
    empty = pd.DataFrame({c: [] for c in ("period_key", "sex", "people", "people_small", "places", "occupied",
                                          "occupied_small", "stage", "value", "value_small", "rate", "status",
                                          "count", "code", "name")})
    chart = EMPTY_BUILDERS[name](empty)
    spec = spec_of(chart)
    assert title_text(spec) == "Vuoto"
    assert charts.title_of(chart) == "Vuoto"  # the title of the chart's downloads
    assert marks(spec) == ["text"]
    assert [r["text"] for r in rows(spec)] == ["Nessun dato"]


def test_table_view_strings():
    frame = pd.DataFrame({
        "period_key": ["2025-01", "2025-02", "2025-03"],
        "contacts": pd.array([1234, HIDDEN, pd.NA], dtype="Int64"),
        "contacts_small": [False, True, False],
        "places": [1500, 0, 20],
        "occupancy_rate": pd.array([0.8226, pd.NA, 0.5], dtype="Float64"),
        "per_100k": pd.array([12.345, pd.NA, 1000.0], dtype="Float64"),
        "name": ["Torino", None, "Napoli"],
    })
    table = charts.table_view(frame, {"period_key": "Mese", "contacts": "Contatti", "places": "Posti",
                                      "occupancy_rate": "Occupazione", "per_100k": "Per 100.000 residenti",
                                      "name": "Territorio"},
                              k=K, unit="mese", percent=("occupancy_rate",))
    assert list(table.columns) == ["Mese", "Contatti", "Posti", "Occupazione", "Per 100.000 residenti",
                                   "Territorio"]
    assert table.to_dict("list") == {
        "Mese": ["gennaio 2025", "febbraio 2025", "marzo 2025"],
        "Contatti": ["1.234", "<5", "n.d."],
        "Posti": ["1.500", "0", "20"],
        "Occupazione": ["82,3%", "n.d.", "50,0%"],
        "Per 100.000 residenti": ["12,3", "n.d.", "1.000,0"],
        "Territorio": ["Torino", "\u2014", "Napoli"],  # an empty text cell: "—", never "None"
    }
    assert str(HIDDEN) not in table["Contatti"].tolist()
    en = charts.table_view(frame, {"contacts": "Contacts"}, k=10, lang="en")
    assert en["Contacts"].tolist() == ["1,234", "<10", "n/a"]


# --- rendering (vl-convert, the engine of the PNG/SVG exports) -----------------------------------------------------
def test_charts_compile_to_svg_with_italian_numbers(tmp_path):
    vlc = pytest.importorskip("vl_convert")
    frame = province_frame()
    svg = vlc.vegalite_to_svg(spec_of(charts.bars(frame, category="province", measure="contacts",
                                                  category_labels=PROVINCES, title="Contatti", x_title="Contatti")))
    assert "1.234" in svg and "1.000" in svg  # the bar label and an axis tick in the theme's Italian locale
    assert "<5" in svg or "&lt;5" in svg
    ts = charts.time_series(month_frame(), unit="mese", measures=["contacts", "take_ins"],
                            labels={"contacts": "Contatti", "take_ins": "Prese in carico"}, title="T", y_title="P")
    assert "gen 2025" in vlc.vegalite_to_svg(spec_of(ts))



# --- Made without Altair's copies (issue 20) ------------------------------------------------------------------------
def few_charts() -> dict:
    by_type = pd.DataFrame({"period_key": ["2025-T1", "2025-T2"] * 2, "programme": ["SAI", "SAI", "CAS", "CAS"],
                            "places": [120, 110, 300, 310], "occupied": pd.array([HIDDEN, 80, 250, 260], "Int64"),
                            "occupied_small": [True, False, False, False]})
    return {
        "time_series": charts.time_series(month_frame(), unit="mese", measures=["contacts"],
                                          labels={"contacts": "Contatti"}, title="Contatti", y_title="Persone",
                                          k=K, reference=charts.Reference(50, "Media")),
        "bars": charts.bars(province_frame(), category="province", measure="contacts", category_labels=PROVINCES,
                            title="Posti", x_title="Posti", k=K),
        "small_multiples": charts.small_multiples(
            by_type, series_col="programme", series_labels={"SAI": "SAI", "CAS": "CAS"}, unit="trimestre",
            title="Posti e presenze per programma",
            panel=lambda rows, **kw: charts.places_vs_presences(rows, unit="trimestre", **kw)),
    }


def test_charts_made_without_copies_are_the_charts_altair_makes(monkeypatch):
    """The builders make layers and panels without Altair's copies; made by Altair's own classes (which copy every
    layer and panel to lift selections, data and sizes to the top), the specs are the same."""
    ours = few_charts()
    assert type(ours["time_series"]).__name__ == "_Layers" and type(ours["small_multiples"]).__name__ == "_Panels"
    monkeypatch.setattr(charts, "_Layers", alt.LayerChart)
    monkeypatch.setattr(charts, "_Panels", alt.ConcatChart)
    altairs = few_charts()
    for name, chart in ours.items():
        assert type(altairs[name]) is not type(chart)
        assert chart.to_dict() == altairs[name].to_dict(), name  # validated, and equal
        assert charts.to_spec(chart)[0] == charts.to_spec(altairs[name])[0], name


def test_the_frames_of_a_chart_are_those_of_its_spec():
    """What a chart draws, read without converting it (the meeting pack looks for "<k" in it)."""
    for name, chart in {**few_charts(), "no_data": charts.no_data_chart("Nulla")}.items():
        from_spec = charts.to_spec(chart)[1].values()
        found = charts.frames_of(chart)
        assert {f.to_json() for f in found} == {f.to_json() for f in from_spec} != set(), name  # the same tables
