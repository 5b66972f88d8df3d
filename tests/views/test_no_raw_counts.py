"""No page ever receives a raw person count, and no export holds one.

1. Every query a page can call is registered (``published_query``); this test walks all of them, for every kind
   of scope a login gives (all of Italy, a region's provinces at regional level, a few provinces, the guest's
   national and regional totals) and for the data as of a data version (administrators). For each, the
   perturbation is swapped for a sentinel that adds 1,000,000 to every non-zero count. Any person-count value that
   comes back outside [1,000,000, 2,000,000) (other than 0 or a missing "<k" value) did not pass through
   ``publish`` as one published cell: below, a raw count; above, published cells added up. Derived figures (free
   places, occupancy, changes, rates, shares, rates per 100,000 residents, map labels) must be those of the
   published values, so under the sentinel they reflect it.
2. The tables a page offers for download (CSV, XLSX) and the meeting pack, built from published frames under the
   sentinel, show the published values and no raw count.
3. Pages import only the query layer, the shared layout helpers, the chart builders and the catalogue: no
   SQLAlchemy, no models, no loading, no direct disclosure calls.
"""

from __future__ import annotations

import ast
import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from config import settings
from data_access import analytics, geo, queries, reference, sql  # importing analytics and geo registers their queries
from data_access.models import TABLES
from data_access.scope import Filters, Scope

ROOT = Path(__file__).resolve().parents[2]
SENTINEL = 1_000_000
PERSON_COLUMNS = {m for spec in TABLES.values() for m in spec.person_measures}
PREVIOUS_COLUMNS = {f"previous_{m}" for m in PERSON_COLUMNS}
RAW_PREFIXES = ("n_", "k_", "ck_")

FILTER_SETS = [
    Filters(unit="mese", start="2023-06", end="2023-06"),
    Filters(unit="trimestre", start="2022-T4", end="2024-T1", region="03"),
    Filters(unit="anno", start="2021", end="2025", province="015", programme="ANTITRATTA"),
    Filters(unit="avviso", start="avviso-5", end="avviso-5"),
]
PROVINCES = reference.reference_frames()["provinces"]
LOMBARDIA = frozenset(PROVINCES.loc[PROVINCES["region_code"] == "03", "code"])

# The scopes a login gives (data_access/auth.py scope_for), plus a coarse regional one; "storico" asks every filter
# set as of the database's data version (administrators only: Scope.history).
SCOPES = {
    "italia": Scope.everything(),
    "storico": Scope(provinces=None, level="provincia", label="Italia", history=True),
    "regionale": Scope(provinces=LOMBARDIA, level="regione", label="Lombardia"),
    "province": Scope(provinces=frozenset({"014", "064"}), level="provincia", label="Sondrio, Avellino"),
    "ospite": Scope(provinces=None, level="regione", label="Italia (totali nazionali e regionali)"),
}

# Extra arguments of queries that take more than (scope, filters); every registered query must appear here or in
# the default set, so a new query cannot escape this test. Map arguments at a level finer than the scope allows
# are left out for that scope (the query refuses them).
EXTRA_ARGS: dict[str, list[tuple]] = {
    "map_values": [(m, level) for m in geo.MAP_MEASURES for level in geo.MAP_LEVELS],
    "map_series": [(m, "provincia", code) for m in ("occupied", "contacts", "take_ins") for code in (None, "015")]
    + [("potential_victims", "regione", "03")]
    + [(m, "regione", None) for m in ("places", "occupied", "occupancy_rate", "free_places")],
}
NO_FILTERS = {"filter_choices", "coverage", "data_available"}
# Registered queries that hold no count of people (organisations, meetings, actions, outings, choices, dates, which
# tables were sent).
NO_PERSON_COUNTS = {"coverage", "filter_choices", "emersione_outings", "rete_actions", "rete_meetings",
                    "rete_members", "data_available"}
# Registered queries of public statistics only (data_access/public_stats.py): counts the Ministry of the Interior
# already publishes by region, shown as published; tests/data_access/test_public_stats.py checks that they are.
PUBLIC_STATISTICS = {"reception_context", "reception_series", "landings_by_month"}


def sentinel_perturb(n, key_sum, params=None):
    n = np.asarray(n, dtype="int64")
    return np.where(n > 0, n + SENTINEL, 0)


@pytest.fixture
def sentinel(monkeypatch):
    """Every published count is n + SENTINEL (0 stays 0); nothing computed before or after leaks through the
    Streamlit cache (emptied on both sides)."""
    import streamlit as st

    st.cache_data.clear()
    sql.cached_result.clear()
    monkeypatch.setattr(sql, "perturb", sentinel_perturb)
    yield
    st.cache_data.clear()
    sql.cached_result.clear()


def frames_in(result, part: str = "") -> list[tuple[str, pd.DataFrame]]:
    """(part, frame) for every frame of a result; the part names a dict entry or a map's measure."""
    if isinstance(result, queries.Published):
        return frames_in(result.frame, part)
    if isinstance(result, pd.DataFrame):
        return [(part or str(result.attrs.get("measure", "")), result)]
    if isinstance(result, dict):
        return [f for key, value in result.items() for f in frames_in(value, str(key))]
    if isinstance(result, (list, tuple)):
        return [f for value in result for f in frames_in(value, part)]
    return []


def person_series(frame: pd.DataFrame) -> list[tuple[str, pd.Series]]:
    """(label, values) of every person count a frame holds: wide columns, long frames (one row per measure, as
    the headline and the funnel) and map frames (one measure, named in attrs)."""
    out = [(c, frame[c]) for c in frame.columns if c in PERSON_COLUMNS | PREVIOUS_COLUMNS]
    if {"measure", "value"} <= set(frame.columns):
        rows = frame["measure"].isin(PERSON_COLUMNS)
        out += [(f"{c} of {m}", frame.loc[rows & (frame["measure"] == m), c])
                for m in sorted(set(frame.loc[rows, "measure"])) for c in ("value", "previous") if c in frame]
    elif "value" in frame.columns and frame.attrs.get("measure") in PERSON_COLUMNS:
        out.append((f"value of {frame.attrs['measure']}", frame["value"]))
    return out


def _floats(values) -> np.ndarray:
    return pd.array(list(values), dtype="Float64").to_numpy(dtype=float, na_value=np.nan)


def assert_same(actual, expected, what: str) -> None:
    """Equal where both are known, and missing at the same places (floats compared to 1e-9)."""
    a, e = _floats(actual), _floats(expected)
    assert np.array_equal(np.isnan(a), np.isnan(e)), f"{what}: missing at other places: {a} vs {e}"
    known = ~np.isnan(a)
    assert np.allclose(a[known], e[known], rtol=1e-9, atol=1e-12), f"{what}: {a[known]} != {e[known]}"


def _share(numerator, denominator) -> np.ndarray:
    """numerator / denominator where the denominator is known and positive (as ``queries.ratio``), else NaN."""
    num, den = _floats(numerator), _floats(denominator)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _occupancy(occupied, places) -> np.ndarray:
    """Published presences over places, full (1.0) where they exceed the places by no more than the largest noise
    (data_access.plausible: the excess may be all noise)."""
    num, den = _floats(occupied), _floats(places)
    with np.errstate(invalid="ignore"):
        within_noise = (num - den > 0) & (num - den <= settings.ckm_params().D)
    return np.where(within_noise, 1.0, _share(num, den))


def _known(frame: pd.DataFrame, column: str = "occupied") -> pd.Series:
    return frame[column].notna() & ~frame[f"{column}_small"].astype("boolean").fillna(False).astype(bool)


def check_derived(where: str, frame: pd.DataFrame) -> None:
    """Derived figures of a frame are computed from its published values."""
    cols = set(frame.columns)
    if {"places", "occupied", "occupied_small"} <= cols:  # capacity: accoglienza
        places, occupied = _floats(frame["places"]), _floats(frame["occupied"].where(_known(frame)))
        if "free_places" in cols:
            assert_same(frame["free_places"], np.clip(places - occupied, 0, None), f"{where}: free_places")
        rate = _occupancy(occupied, places)
        if "occupancy_rate" in cols:
            assert_same(frame["occupancy_rate"], rate, f"{where}: occupancy_rate")
        if "full" in cols:
            assert_same(frame["full"].astype("Float64"), np.where(np.isnan(rate), np.nan, rate >= 0.95),
                        f"{where}: full")
        if {"previous_occupied", "change_occupied"} <= cols:
            before = _floats(frame["previous_occupied"].where(_known(frame, "previous_occupied")))
            previous_places = _floats(frame["previous_places"])
            assert_same(frame["change_occupied"], occupied - before, f"{where}: change_occupied")
            assert_same(frame["change_places"], places - previous_places, f"{where}: change_places")
            assert_same(frame["change_occupancy"], rate - _occupancy(before, previous_places),
                        f"{where}: change_occupancy")
    if {"measure", "value", "previous", "change"} <= cols:  # the headline
        rows = frame.set_index("measure")
        for column in ("value", "previous"):
            v = {m: np.nan if rows.at[m, column] is None or pd.isna(rows.at[m, column]) else float(rows.at[m, column])
                 for m in rows.index}
            assert_same(_occupancy([v["occupied"]], [v["places"]]), [v["occupancy_rate"]],
                        f"{where}: headline occupancy_rate ({column})")
            assert_same([v["free_places"]], np.maximum([v["places"] - v["occupied"]], 0),
                        f"{where}: headline free_places ({column})")
        value, previous = _floats(frame["value"]), _floats(frame["previous"])
        rate = (frame["measure"] == "occupancy_rate").to_numpy()
        relative = np.where(previous != 0, (value - previous) / np.where(previous != 0, previous, 1), np.nan)
        assert_same(frame["change"], np.where(rate, value - previous, relative), f"{where}: headline change")
    if {"stage", "value", "rate", "share_of_contacts"} <= cols:  # the funnel
        value = _floats(frame["value"])
        contacts = value[frame["stage"].tolist().index("contacts")]
        assert_same(frame["rate"], np.concatenate([[np.nan], _share(value[1:], value[:-1])]), f"{where}: funnel rate")
        assert_same(frame["share_of_contacts"], _share(value, [contacts] * len(value)),
                    f"{where}: funnel share_of_contacts")
    if {"value", "rate_100k", "population"} <= cols and frame.attrs.get("measure") != "occupancy_rate":  # maps
        value = _floats(frame["value"])
        assert_same(frame["rate_100k"], _share(value, frame["population"]) * 100_000, f"{where}: rate_100k")
        if frame.attrs.get("measure") in PERSON_COLUMNS:
            from config.labels import fmt_count, t

            marks = frame.get("occupancy_mark", [None] * len(frame))
            sent = frame.get("sent", [True] * len(frame))
            labels = [fmt_count(v, bool(s), mark=m) if was_sent else t("realpath.not_sent")
                      for v, s, m, was_sent in zip(frame["value"], frame["value_small"], marks, sent, strict=True)]
            assert frame["label"].tolist() == labels, f"{where}: map labels"


def check_map_measures(where: str, by_measure: dict[str, pd.DataFrame], key: str) -> None:
    """A map's occupancy and free places are those of its published presences and its places (same territory or
    period); its referral share of the funnel likewise uses the published contacts."""
    if not {"places", "occupied", "occupancy_rate", "free_places"} <= set(by_measure):
        return
    places = by_measure["places"].set_index(key)["value"]
    occupied = by_measure["occupied"].set_index(key)
    occupied = occupied["value"].where(~occupied["value_small"].astype(bool))
    places, occupied = _floats(places), _floats(occupied.reindex(places.index))
    rate = by_measure["occupancy_rate"].set_index(key)["value"]
    free = by_measure["free_places"].set_index(key)["value"]
    assert_same(rate, _occupancy(occupied, places), f"{where}: map occupancy_rate")
    assert_same(free, np.clip(places - occupied, 0, None), f"{where}: map free_places")


def _filter_sets(name: str, engine) -> list[Filters]:
    if name == "storico":
        version = sql.current_version(engine)
        assert version is not None
        return [f.with_(as_of=version) for f in FILTER_SETS]
    return FILTER_SETS


@pytest.mark.parametrize("scope_name", list(SCOPES))
def test_every_registered_query_publishes_person_counts_only(seeded_engine, sentinel, scope_name):
    """Every registered query, for this scope and every filter set: person counts are single published cells,
    derived figures come from them, and every result that holds person counts met a non-zero one."""
    scope = SCOPES[scope_name]
    carrying: set[tuple[str, str]] = set()  # (query, part) that hold person counts
    met: set[tuple[str, str]] = set()  # ... and met a non-zero published value
    for name, fn in sorted(sql.QUERIES.items()):
        arg_sets = [a for a in EXTRA_ARGS.get(name, [()])
                    if name not in EXTRA_ARGS or a[1] in geo.map_levels(scope, a[0])]
        for filters in [None] if name in NO_FILTERS else _filter_sets(scope_name, seeded_engine):
            maps: dict[tuple, dict[str, pd.DataFrame]] = defaultdict(dict)
            for args in arg_sets:
                where = f"{name}{args} for {scope.label} with {filters}"
                result = fn(seeded_engine, scope, filters, *args)
                for part, frame in frames_in(result):
                    raw = [c for c in frame.columns if str(c).startswith(RAW_PREFIXES)]
                    assert not raw, f"{where} returns raw columns {raw}"
                    for label, values in person_series(frame):
                        carrying.add((name, part))
                        for value in values:
                            if value is None or pd.isna(value) or value == 0:
                                continue
                            assert SENTINEL <= value < 2 * SENTINEL, f"{where}: {label} is {value}: not one " \
                                "published cell (below: a raw count; above: published cells added up)"
                            met.add((name, part))
                    check_derived(where, frame)
                if name in ("map_values", "map_series"):
                    maps[args[1:]][args[0]] = result.frame
            for args, by_measure in maps.items():
                check_map_measures(f"{name}{args} for {scope.label} with {filters}", by_measure,
                                   "code" if name == "map_values" else "period_key")
            if name == "emersione_funnel":
                contacts = result["funnel"].frame.set_index("stage").at["contacts", "value"]
                referrals = result["referrals"].frame
                assert_same(referrals["share_of_contacts"], _share(referrals["value"], [contacts]),
                            f"{name} with {filters}: referral share")
    assert {name for name, _part in carrying} == set(sql.QUERIES) - NO_PERSON_COUNTS - PUBLIC_STATISTICS
    assert sorted(carrying - met) == [], "these results never met a non-zero published count: the walk is vacuous"


# --- Exports -----------------------------------------------------------------------------------------------------
PEOPLE_IN_CAPTIONS = ("presenze", "contatti", "invii ad altri servizi", "prese in carico", "valutazioni",
                      "persone raggiunte dai servizi")


def _cited_people(caption: str) -> list[int]:
    """The figures a pack caption cites for counts of people: "presenze da 1.004.338 a 1.004.104", "prese in
    carico sempre 0", with the largest change beside them (places, structures and meetings are left out)."""
    cited = []
    for clause in re.split(r"[;:] ", caption):
        if clause.startswith(PEOPLE_IN_CAPTIONS):
            figures = re.findall(r"\b(?:da|a|sempre) (\d{1,3}(?:\.\d{3})*)(?![°\d]|[.,]\d)", clause)
            cited += [int(n.replace(".", "")) for n in figures]
    return cited


def _count_cell(text: str, k: int) -> int | None:
    """A shown count as a number (None for "<k" or "n.d."); fails on anything else."""
    if text in (f"<{k}", "n.d."):
        return None
    assert text.replace(".", "").isdigit(), f"not a count: {text!r}"
    return int(text.replace(".", ""))


def _published_tables(engine):
    """Tables as the pages show them (charts.table_view), with the columns that hold person counts."""
    from presentation import charts

    scope, filters = Scope.everything(), Filters(unit="trimestre", start="2023-T1", end="2023-T4", region="03")
    trend = analytics.emersione_trend.uncached(engine, scope, filters)
    gender = analytics.emersione_breakdowns.uncached(engine, scope, filters)["gender"]
    capacity = analytics.accoglienza_trend.uncached(engine, scope, filters)["total"]
    services = analytics.servizi_by_type.uncached(engine, scope, filters)
    contacts = geo.map_values.uncached(engine, scope, filters, "contacts", "provincia")
    k = trend.k
    measures = list(analytics.TREND_MEASURES)
    return k, [
        (trend.frame, charts.table_view(trend.frame, {"period_key": "Periodo", **{m: m for m in measures}}, k=k,
                                        unit=filters.unit), measures),
        (gender.frame, charts.table_view(gender.frame, {"category": "Genere", "contacts": "contacts"}, k=k),
         ["contacts"]),
        (capacity.frame, charts.table_view(capacity.frame, {"period_key": "Periodo", "places": "places",
                                                            "occupied": "occupied", "free_places": "free_places",
                                                            "occupancy_rate": "occupancy_rate"},
                                           k=k, unit=filters.unit, percent=["occupancy_rate"]), ["occupied"]),
        (services.frame, charts.table_view(services.frame, {"category": "Servizio", "people": "people"}, k=k),
         ["people"]),
        (contacts.frame, charts.table_view(contacts.frame, {"name": "Provincia", "label": "contacts"}, k=k), []),
    ]


def test_table_exports_show_the_published_values_only(seeded_engine, sentinel):
    """CSV and XLSX of a page's tables hold the published counts as shown ("1.000.123", "<5", "0"), never a raw
    one; free places are places minus published presences (0 under the sentinel), occupancy over them."""
    from openpyxl import load_workbook

    from presentation import exports

    k, tables = _published_tables(seeded_engine)
    met = 0
    for frame, view, measures in tables:
        csv_rows = list(csv.reader(io.StringIO(exports.table_csv(view, title="Tabella", source="Fonte").decode(
            "utf-8-sig")), delimiter=";"))
        assert csv_rows[1] == list(view.columns)
        sheet = load_workbook(io.BytesIO(exports.table_xlsx(view, title="Tabella", source="Fonte"))).active
        xlsx_rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=3 + len(view))]
        for exported in (csv_rows[2:2 + len(view)], xlsx_rows):
            exported = pd.DataFrame(exported, columns=list(view.columns))
            assert exported.astype(str).values.tolist() == view.astype(str).values.tolist()  # as on screen
            counts = measures + (["contacts"] if "label" in frame else [])
            for m in counts:
                shown = frame["value"] if m not in frame else frame[m]
                small = frame["value_small"] if m not in frame else frame[f"{m}_small"]
                for text, value, is_small in zip(exported[m], shown, small, strict=True):
                    if text == f"<{k}":
                        assert is_small, f"{m}: {text}"
                    elif text == "n.d.":
                        assert pd.isna(value) and not is_small, f"{m}: {text}"
                    else:
                        number = _count_cell(text, k)
                        assert number == value, f"{m}: {text} shown for the published {value}"
                        assert number == 0 or SENTINEL <= number < 2 * SENTINEL, f"{m}: {text} is a raw count"
                        met += number > 0
            if "free_places" in exported:
                assert set(exported["free_places"]) <= {"0", "n.d."}  # places - (n + 1,000,000), never below 0
                rates = exported["occupancy_rate"].str.removesuffix(" (sovraffollato)")  # beyond any noise
                assert (rates.str.rstrip("%").str.replace(".", "").str.replace(",", ".")
                        .astype(float) > 1000).all()  # published presences over places
    assert met > 40


def test_meeting_pack_shows_the_published_values_only(seeded_engine, monkeypatch, sentinel):
    """The meeting pack (its summary table, as on screen and in the PPTX, and its captions) is built from the
    published figures: no raw count, and no change computed from raw counts."""
    from pptx import Presentation
    from streamlit.testing.v1 import AppTest

    from config.labels import t
    from presentation import exports
    from tests.conftest import APP, log_in

    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))
    at = AppTest.from_file(APP, default_timeout=120)
    log_in(at, seeded_engine, "demo.amministratore")
    for key, value in {"unita": "trimestre", "da": "2024-T1", "a": "2024-T4", "provincia": "015"}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/pacchetto.py").run()
    assert not at.exception, at.exception
    pack = at.session_state["last_pack"]
    summary = pack.summary.set_index(pack.summary.columns[0])
    assert pack.territory == "Milano"
    people = [t(key) for key in ("measure.occupied", "measure.contacts", "measure.take_ins", "pack.col.people_served")]
    assert set(people) | {t("measure.places"), t("measure.free_places"), t("measure.structures"),
                          t("measure.occupancy_rate")} == set(summary.index)
    rates = summary.loc[t("measure.occupancy_rate")]  # published presences (the sentinel) over places
    assert all(float(r.split("%")[0].replace(".", "").replace(",", ".")) > 1000 for r in rates if r != "n.d."), rates
    for label in people:
        for text in summary.loc[label]:
            number = _count_cell(text, 5)
            assert number is None or number == 0 or SENTINEL <= number < 2 * SENTINEL, f"{label}: {text}"
    assert int(summary.loc[t("measure.contacts")].iloc[0].replace(".", "")) > SENTINEL
    assert set(summary.loc[t("measure.free_places")]) <= {"0", "n.d."}  # places - published presences
    # the captions cite the figures of the whole range (issue 19): every count of people is a published one, every
    # occupancy rate published presences over places
    cited = [_cited_people(chart.caption) for chart in pack.charts]
    assert sum(map(len, cited)) >= 10, [chart.caption for chart in pack.charts]
    for chart, numbers in zip(pack.charts, cited, strict=True):
        assert all(n == 0 or SENTINEL <= n < 2 * SENTINEL for n in numbers), chart.caption
        rates = re.findall(r"(\d{1,3}(?:\.\d{3})*,\d)%", chart.caption)
        assert all(float(r.replace(".", "").replace(",", ".")) > 1000 for r in rates), chart.caption
    deck = Presentation(io.BytesIO(exports.pack_pptx(pack)))
    [table] = [s.table for s in list(deck.slides)[-2].shapes if s.has_table]
    cells = [[table.cell(r, c).text for c in range(len(pack.summary.columns))]
             for r in range(1, len(pack.summary) + 1)]
    assert cells == pack.summary.astype(str).values.tolist()


# --- Pages --------------------------------------------------------------------------------------------------------
def test_walk_covers_the_page_queries():
    """Every query function a page calls is a registered (published) query or a documented non-count helper."""
    allowed_helpers = {"version_info", "methodology",
                       "map_levels",  # the map levels a scope may see: read from the scope, no query, no count
                       "default_measure"}  # the map's first measure, chosen from data_available: no count
    registered = set(sql.QUERIES)
    for page in (ROOT / "views").glob("*.py"):
        tree = ast.parse(page.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in ("queries", "analytics", "geo", "public_stats")):
                assert node.attr in registered | allowed_helpers | {"Published"}, (
                    f"{page.name} calls {node.value.id}.{node.attr}, which is not a published query")


FORBIDDEN_IMPORTS = ("sqlalchemy", "data_access.models", "data_access.db", "data_access.loading",
                     "data_access.disclosure", "demo", "psycopg", "sqlite3")


# views/session.py is the Streamlit side of login (session state, cookie): it hands the engine to
# data_access.auth, which takes every decision; it runs no SQL itself.
@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "views").glob("*.py")
                                        if p.name not in ("session.py", "__init__.py")))
def test_pages_do_not_touch_data(page):
    tree = ast.parse((ROOT / "views" / page).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            assert not name.startswith(FORBIDDEN_IMPORTS), f"views/{page} imports {name}"
