"""Query functions: the only way figures leave the database.

Every public query takes the user's :class:`Scope` and the page's :class:`Filters` explicitly and returns a
:class:`Published` result. Counts of people are summed in SQL together with the sum of their cell keys, one
pair per published cell, and perturbed here (DISCLOSURE.md) before anything is returned: a page never sees a
raw person count. For each person measure ``m`` a published frame holds ``m`` (the published value, missing
where it is below the display threshold k) and ``m_small`` (True where the value shows as "<k").

Results are cached by Streamlit for all users; the cache key is (query, database, data version, scope,
filters, arguments), so a new load is seen at once and two scopes never share an entry.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st
from sqlalchemy import BigInteger, Engine, Integer, String, case, cast, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from config import settings
from data_access import loading
from data_access import scope as periods
from data_access.db import get_engine
from data_access.disclosure import CKMParams, build_ptable, is_small, perturb
from data_access.models import (
    CUBE_DIMENSIONS,
    CUBE_TOTAL,
    PROGRAMMES,
    TABLES,
    Capacity,
    DataVersion,
    Outreach,
    OutreachCube,
    Project,
    Province,
    Region,
    Service,
    Training,
)
from data_access.scope import Filters, Scope

CACHE_TTL_SECONDS = 3600


@dataclass(frozen=True)
class Published:
    """A published result: the frame a page may show, the data version it comes from, and the threshold k."""

    frame: pd.DataFrame
    data_version: int | None
    k: int

    @property
    def has_small(self) -> bool:
        return any(self.frame[c].any() for c in self.frame.columns if c.endswith("_small"))


# --- Disclosure on the way out --------------------------------------------------------------------------------
def _int64(column: pd.Series) -> np.ndarray:
    """Sums from either backend (int64 already, or Python ints/Decimals in an object column) as int64."""
    if column.dtype == "int64":
        return column.to_numpy()
    return np.array([int(x) if x is not None and not pd.isna(x) else 0 for x in column], dtype="int64")


def publish(frame: pd.DataFrame, measures, params: CKMParams) -> pd.DataFrame:
    """Replace each raw pair (``n_m``, ``k_m``) by the published ``m`` and ``m_small``; raw columns are dropped."""
    raw = {f"{prefix}{m}" for m in measures for prefix in ("n_", "k_")}
    columns = {c: frame[c] for c in frame.columns if c not in raw}
    for m in measures:
        published = perturb(_int64(frame[f"n_{m}"]), _int64(frame[f"k_{m}"]), params)
        small = is_small(published, params)
        columns[m] = pd.arrays.IntegerArray(np.where(small, 0, published).astype("int64"), mask=small)
        columns[f"{m}_small"] = small
    return pd.DataFrame(columns, index=frame.index)


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """A share of published values; missing where either side is missing (small) or the denominator is 0."""
    num = pd.to_numeric(numerator, errors="coerce").astype("Float64")
    den = pd.to_numeric(denominator, errors="coerce").astype("Float64")
    return (num / den.where(den > 0)).astype("Float64")


# --- Caching --------------------------------------------------------------------------------------------------
_QUERIES: dict[str, callable] = {}


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=1024)
def _cached(name: str, url: str, version: int | None, scope: Scope, filters: Filters | None, args: tuple):
    return _QUERIES[name](get_engine(url), scope, filters, *args)


def published_query(fn=None, *, period_free: bool = False):
    """Register a query and cache it by (name, database, data version, scope, filters, args).

    A `period_free` query does not depend on the period: its cache key drops the period, so changing the
    period on a page does not recompute it."""
    if fn is None:
        return functools.partial(published_query, period_free=period_free)
    _QUERIES[fn.__name__] = fn

    @functools.wraps(fn)
    def wrapper(scope: Scope, filters: Filters | None, *args, engine: Engine | None = None):
        if not isinstance(scope, Scope):
            raise TypeError("scope must be a Scope")
        filters = scope.clamp(filters)  # a coarse scope never reaches a province or a project, whatever is asked
        if period_free and filters is not None:
            filters = filters.with_(unit="mese", start="", end="")
        engine = engine or get_engine()
        url = engine.url.render_as_string(hide_password=False)
        return _cached(fn.__name__, url, current_version(engine), scope, filters, tuple(args))

    wrapper.uncached = fn
    return wrapper


def version_conditions(table, as_of: int | None) -> list[ColumnElement]:
    """The rows in force: the current ones, or those in force at data version ``as_of`` (added by it or earlier,
    and not yet replaced then)."""
    if as_of is None:
        return [table.c.version_to.is_(None)]
    return [table.c.version_from <= as_of, or_(table.c.version_to.is_(None), table.c.version_to > as_of)]


def data_version(engine: Engine, filters: Filters | None) -> int | None:
    """The data version a result cites: the one asked for, or the current one."""
    return filters.as_of if filters is not None and filters.as_of is not None else current_version(engine)


def current_version(engine: Engine) -> int | None:
    with engine.connect() as conn:
        return conn.execute(
            select(func.max(DataVersion.id)).where(DataVersion.status == "attiva")
        ).scalar_one_or_none()


# --- Territory, period and programme conditions ---------------------------------------------------------------
def _allowed_provinces(conn, scope: Scope, filters: Filters | None) -> frozenset[str] | None:
    """Provinces a question covers: the scope, narrowed by the territory filters (None: all of Italy)."""
    allowed = scope.provinces
    if filters is not None and filters.province:
        allowed = frozenset({filters.province}) & (allowed if allowed is not None else {filters.province})
    elif filters is not None and filters.region:
        in_region = _provinces_of_region(conn, filters.region)
        allowed = in_region if allowed is None else in_region & allowed
    return allowed


_REGIONS: dict[tuple[str, str], frozenset[str]] = {}


def _provinces_of_region(conn, region: str) -> frozenset[str]:
    """The provinces of a region (reference data, loaded once with the database: read once per process)."""
    key = (conn.engine.url.render_as_string(hide_password=True), region)
    if key in _REGIONS:
        return _REGIONS[key]
    found = frozenset(conn.execute(select(Province.code).where(Province.region_code == region)).scalars())
    if found:  # an unknown region (or territories not loaded yet) is asked again next time
        _REGIONS[key] = found
    return found


def _conditions(conn, table, scope: Scope, filters: Filters | None, months=None) -> list[ColumnElement]:
    filters = scope.clamp(filters)  # also here, for any caller that bypasses published_query
    conds: list[ColumnElement] = []
    if "version_to" in table.c:
        conds += version_conditions(table, filters.as_of if filters is not None else None)
    allowed = _allowed_provinces(conn, scope, filters)
    if allowed is not None:
        conds.append(table.c.province_code.in_(sorted(allowed)) if allowed else literal(False))
    if months is not None:
        conds.append(table.c.period.in_(sorted(months)) if months else literal(False))
    if filters is not None and "project_code" in table.c:
        if filters.project:
            conds.append(table.c.project_code == filters.project)
        if filters.programme:
            conds.append(table.c.project_code.in_(
                select(Project.project_code).where(Project.programme == filters.programme)))
    return conds


def period_expression(unit: str, column) -> ColumnElement:
    """SQL for the period key of a month column, in either backend."""
    if unit == "mese":
        return column
    if unit == "anno":
        return func.substr(column, 1, 4)
    if unit == "trimestre":
        quarter = (cast(func.substr(column, 6, 2), Integer) + 2) // 3  # floor division on both backends
        return func.substr(column, 1, 4) + literal("-T") + cast(quarter, String)
    whens = [(column.between(first, last), literal(key)) for key, (first, last) in periods.CALL_PERIODS.items()]
    return case(*whens, else_=None)


def _sum_pairs(table, measures) -> list:
    cols = []
    for m in measures:
        cols.append(cast(func.sum(table.c[m]), BigInteger).label(f"n_{m}"))
        cols.append(cast(func.sum(table.c[f"ck_{m}"]), BigInteger).label(f"k_{m}"))  # PostgreSQL: numeric -> int8
    return cols


def _frame(conn, statement) -> pd.DataFrame:
    result = conn.execute(statement)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _params() -> CKMParams:
    return settings.ckm_params()


# --- Capacity (snapshot measures) -----------------------------------------------------------------------------
def _snapshot_months(conn, scope, filters, keys: tuple[str, ...]) -> dict[str, str]:
    """For each period key, the last month inside it that has capacity data in the question's scope."""
    t = Capacity.__table__
    wanted = {m for key in keys for m in periods.months_of(filters.unit, key)}
    months = conn.execute(
        select(t.c.period).where(*_conditions(conn, t, scope, filters, wanted)).distinct()
    ).scalars().all()
    out: dict[str, str] = {}
    for month in sorted(months):
        key = periods.period_of_month(filters.unit, month)
        if key in keys:
            out[key] = month  # sorted ascending: the last one wins
    return out


def _group_columns(table, by: tuple[str, ...]) -> list:
    """Grouping columns from the fact table or, for project attributes (programme...), from projects."""
    projects = Project.__table__
    return [table.c[c] if c in table.c else projects.c[c] for c in by]


def _with_projects(table, by: tuple[str, ...]):
    projects = Project.__table__
    if any(c not in table.c for c in by):
        return table.join(projects, projects.c.project_code == table.c.project_code)
    return table


def capacity_cells(conn, scope: Scope, filters: Filters, keys: tuple[str, ...], by: tuple[str, ...] = ()
                   ) -> pd.DataFrame:
    """Places, structures and published presences at each period key's snapshot month (the last month of
    the period with data in scope), grouped by `by` (capacity columns or project columns such as programme).

    Columns: period_key, snapshot_month, *by, places, structures, occupied, occupied_small."""
    t = Capacity.__table__
    snap = _snapshot_months(conn, scope, filters, keys)
    group = [t.c.period, *_group_columns(t, by)]
    stmt = (
        select(*group, func.sum(t.c.places).label("places"), func.sum(t.c.structures).label("structures"),
               *_sum_pairs(t, ["occupied"]))
        .select_from(t.join(Project.__table__, Project.__table__.c.project_code == t.c.project_code))
        .where(*_conditions(conn, t, scope, filters, set(snap.values())))
        .group_by(*group)
    )
    if "municipality_code" in by:  # protected shelters never below province level (DISCLOSURE.md §7)
        stmt = stmt.where(Project.__table__.c.programme != "ANTITRATTA")
    frame = _frame(conn, stmt)
    month_to_key = {m: k for k, m in snap.items()}
    frame.insert(0, "period_key", frame.pop("period").map(month_to_key))
    frame.insert(1, "snapshot_month", frame["period_key"].map(snap))
    return publish(frame, ["occupied"], _params())


USE_CUBE = True  # tests switch it off to prove the cube publishes the same values as the inner cells


def _cube_dimension(model, by: tuple[str, ...]) -> str | None:
    """The outreach-cube dimension that answers a grouping, or None when the fact table is needed."""
    if not USE_CUBE or model is not Outreach:
        return None
    dims = [c for c in by if c in CUBE_DIMENSIONS]
    others = [c for c in by if c not in CUBE_DIMENSIONS]
    fits = all(c in ("province_code", "project_code") or c not in Outreach.__table__.c for c in others)
    if len(dims) > 1 or not fits:
        return None
    return dims[0] if dims else CUBE_TOTAL  # a total: the cube's rows of no breakdown


def flow_cells(conn, model, measures, scope: Scope, filters: Filters, keys: tuple[str, ...],
               by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Sums over each period key (and `by`) of flow measures of a fact table. Person measures come out
    published (``m``, ``m_small``); other measures (hours, outings...) as plain sums.

    Outreach questions with at most one breakdown (gender, exploitation, age group or channel) read the
    pre-aggregated outreach cube: the same sums of counts and keys, so the same published values, from fewer rows.

    Columns: period_key, *by, then the measures."""
    spec = TABLES[model.__table__.name]
    person = [m for m in measures if m in spec.person_measures]
    plain = [m for m in measures if m not in spec.person_measures]
    dimension = None if filters.as_of is not None else _cube_dimension(model, by)  # the cube holds current rows
    t = OutreachCube.__table__ if dimension else model.__table__
    key_expr = period_expression(filters.unit, t.c.period).label("period_key")
    months = {m for key in keys for m in periods.months_of(filters.unit, key)}
    by_columns = [t.c.category.label(c) if c == dimension else _group_columns(t, (c,))[0] for c in by]
    group = [key_expr, *by_columns]
    conds = _conditions(conn, t, scope, filters, months)
    if dimension:
        conds.append(t.c.dimension == dimension)
    stmt = (
        select(*group, *_sum_pairs(t, person), *[func.sum(t.c[m]).label(m) for m in plain])
        .select_from(_with_projects(t, by))
        .where(*conds)
        .group_by(*group)
    )
    return publish(_frame(conn, stmt), person, _params())


# --- Public queries -------------------------------------------------------------------------------------------
HEADLINE_MEASURES = ("places", "occupied", "occupancy_rate", "free_places", "contacts", "take_ins")


@published_query
def headline(engine: Engine, scope: Scope, filters: Filters) -> Published:
    """Panoramica figures for the filters' end period and the period before it.

    One row per measure: value, small flag, previous value, previous small flag, relative change. Places and
    free places are at the period's last month with data; presences are published at that month; contacts and
    take-ins are summed over the period. Occupancy = published presences / places.
    """
    current = filters.end
    before = periods.previous(filters.unit, current)
    keys = tuple(k for k in (before, current) if k)
    with engine.connect() as conn:
        cap = capacity_cells(conn, scope, filters, keys).set_index("period_key")
        flows = flow_cells(conn, Outreach, ["contacts", "take_ins"], scope, filters, keys).set_index("period_key")

    def figures(key) -> dict[str, tuple[object, bool]]:
        out: dict[str, tuple[object, bool]] = {}
        has_cap = key in cap.index
        places = int(cap.at[key, "places"]) if has_cap else None
        occupied = cap.at[key, "occupied"] if has_cap else None
        occupied_small = bool(cap.at[key, "occupied_small"]) if has_cap else False
        out["places"] = (places, False)
        out["occupied"] = (occupied, occupied_small)
        known = has_cap and not occupied_small and not pd.isna(occupied)
        out["occupancy_rate"] = (float(occupied) / places if known and places else None, False)
        out["free_places"] = (max(places - int(occupied), 0) if known else None, False)
        for m in ("contacts", "take_ins"):
            if key in flows.index:
                out[m] = (flows.at[key, m], bool(flows.at[key, f"{m}_small"]))
            else:
                out[m] = (0, False)  # no rows in the period: nobody was counted
        return out

    now = figures(current)
    prev = figures(before) if before else {m: (None, False) for m in HEADLINE_MEASURES}
    rows = []
    for m in HEADLINE_MEASURES:
        value, small = now[m]
        pvalue, psmall = prev[m]
        value = None if value is None or pd.isna(value) else value
        pvalue = None if pvalue is None or pd.isna(pvalue) else pvalue
        if m == "occupancy_rate":
            change = None if value is None or pvalue is None else value - pvalue  # percentage points
        else:
            change = (value - pvalue) / pvalue if value is not None and pvalue not in (None, 0) else None
        rows.append({"measure": m, "value": value, "small": small, "previous": pvalue,
                     "previous_small": psmall, "change": change})
    frame = pd.DataFrame(rows)
    frame.attrs.update(period=current, previous=before, snapshot_month=cap["snapshot_month"].get(current))
    return Published(frame, data_version(engine, filters), _params().k)


@published_query(period_free=True)
def coverage(engine: Engine, scope: Scope, filters: Filters | None) -> Published:
    """Last month received per project and table, for the projects with data in the scope."""
    tables = {"capacity": Capacity, "outreach": Outreach, "services": Service}
    frames = []
    with engine.connect() as conn:
        for name, model in tables.items():
            t = model.__table__
            no_period = filters.with_(unit="mese", start="", end="") if filters is not None else None
            stmt = (
                select(t.c.project_code, func.max(t.c.period).label(f"last_{name}"),
                       func.count(func.distinct(t.c.province_code)).label(f"provinces_{name}"))
                .where(*_conditions(conn, t, scope, no_period))
                .group_by(t.c.project_code)
            )
            frames.append(_frame(conn, stmt).set_index("project_code"))
        projects = _frame(conn, select(Project.project_code, Project.name, Project.programme,
                                       Project.managing_body, Project.end_date))
    merged = pd.concat(frames, axis=1, join="outer")
    merged["last_period"] = merged[[f"last_{n}" for n in tables]].max(axis=1)
    merged["provinces"] = merged[[f"provinces_{n}" for n in tables]].max(axis=1).astype("Int64")
    merged = merged.drop(columns=[f"provinces_{n}" for n in tables]).reset_index()
    out = projects.merge(merged, on="project_code", how="inner").sort_values(["programme", "name"])
    out["managing_body"] = out["managing_body"].fillna("")
    if not scope.fine:  # national and regional totals only: a project lies in one place
        out = out.iloc[0:0]
    return Published(out.reset_index(drop=True), data_version(engine, filters), _params().k)


def _short_name(name: str) -> str:
    """A project's name for chart titles: the part before " - " ("DIAGRAMMI Nord"), unless that is only an acronym
    ("CAS - Centri di accoglienza straordinaria della Prefettura di Milano" stays whole)."""
    head = name.split(" - ", 1)[0].strip()
    return head if len(head) >= 6 else name


@published_query
def filter_choices(engine: Engine, scope: Scope, filters: Filters | None) -> dict:
    """What a user may choose in the filter bar (no person counts): provinces of the scope with their region,
    programmes, projects with data in the scope, and the first and last month with data."""
    with engine.connect() as conn:
        provinces = _frame(conn, select(Province.code, Province.name, Province.region_code,
                                        Region.name.label("region_name"))
                           .join(Region, Region.code == Province.region_code).order_by(Province.name))
        if scope.provinces is not None:
            provinces = provinces[provinces["code"].isin(scope.provinces)].reset_index(drop=True)
        months: set[str] = set()
        areas: dict[str, set[str]] = {}  # project -> provinces with its data
        for model in (Capacity, Outreach, Service, Training):
            t = model.__table__
            conds = _conditions(conn, t, scope, None)
            row = conn.execute(select(func.min(t.c.period), func.max(t.c.period)).where(*conds)).one()
            months.update(m for m in row if m)
            if "project_code" in t.c:
                for code, province in conn.execute(select(t.c.project_code, t.c.province_code).where(*conds)
                                                   .distinct()):
                    areas.setdefault(code, set()).add(province)
        project_codes = set(areas)
        projects = _frame(conn, select(Project.project_code, Project.name, Project.programme)
                          .order_by(Project.name))
        versions = tuple(conn.execute(select(DataVersion.id).order_by(DataVersion.id)).scalars()) \
            if scope.history else ()
    if not scope.fine:  # national and regional totals only: no project to choose
        project_codes = set()
    projects = projects[projects["project_code"].isin(project_codes)].reset_index(drop=True)
    projects["short_name"] = [_short_name(name) for name in projects["name"]]
    choices = periods.FilterChoices(
        provinces=dict(zip(provinces["code"], provinces["region_code"], strict=True)),
        programmes=PROGRAMMES,
        projects=dict(zip(projects["project_code"], projects["programme"], strict=True)),
        first_month=min(months) if months else None,
        last_month=max(months) if months else None,
        fine=scope.fine,
        versions=versions,
        project_provinces={code: tuple(sorted(areas[code])) for code in projects["project_code"]},
    )
    return {"choices": choices, "provinces": provinces, "projects": projects}


def methodology() -> dict:
    """The disclosure-control parameters in force and the p-table, for the Metodologia page."""
    params = _params()
    table = build_ptable(params)
    rows = [{"i": i, "v": v, "j": i + v, "p": p, "ub": ub}
            for i in range(params.imax + 1) for v, p, ub in table.row(i)]
    # the largest true count that can publish as "<k" (values above imax use row imax)
    hidden_max = max((i for i in range(1, params.k + params.D + 1)
                      if any(0 < i + v < params.k for v, _p, _ub in table.row(min(i, params.imax)))), default=0)
    return {"params": params, "ptable": pd.DataFrame(rows), "hidden_max": hidden_max}


def version_info(engine: Engine | None = None, version: int | None = None) -> dict | None:
    """A data version for captions ("dati al ...; versione N"): the latest active one, or the one asked for; and
    whether the data are demo."""
    engine = engine or get_engine()
    with engine.connect() as conn:
        chosen = select(DataVersion.id, DataVersion.created_at, DataVersion.kind, DataVersion.source)
        chosen = chosen.where(DataVersion.id == version) if version is not None else \
            chosen.where(DataVersion.status == "attiva").order_by(DataVersion.id.desc()).limit(1)
        row = conn.execute(chosen).first()
        kinds = set(conn.execute(select(DataVersion.kind).where(DataVersion.status == "attiva")).scalars())
    if row is None:
        return None
    return {"id": row.id, "created_at": row.created_at, "kind": row.kind, "source": row.source,
            "demo": loading.demo_kinds(kinds)}
