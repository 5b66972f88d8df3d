"""The SQL core of the published queries: what every query module (queries, analytics, geo) builds on.

- :class:`Question`: a user's scope and the filters it may ask. Making one clamps the filters to the scope, once;
  every SQL condition (:func:`conditions`), territory (:func:`allowed_provinces`) and cited data version
  (:func:`data_version`) is read from a Question, so no caller can reach rows the scope may not see.
- Key sums and the way out: :func:`sum_pairs` sums each person measure with its cell keys, one pair per published
  cell; :func:`publish` perturbs the pairs (DISCLOSURE.md) into published values; :func:`ratio` divides published
  values; :class:`Published` is what a page receives.
- :func:`published_query`: registers a query in :data:`QUERIES` and caches it for all users by (query, database,
  data version of any kind, scope, filters, arguments), so a new load is seen at once and two scopes never share
  an entry.
- The cells shared by several pages: :func:`capacity_cells` (places and presences at a period's snapshot month)
  and :func:`flow_cells` (flows per period, from the outreach cube where it answers).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, overload

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, Engine, Integer, String, case, cast, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from config import settings
from data_access import loading
from data_access import scope as periods
from data_access.db import get_engine
from data_access.disclosure import CKMParams, is_small, perturb, perturb_magnitude
from data_access.models import (
    CUBE_DIMENSIONS,
    CUBE_TOTAL,
    REFERENCE_KIND,
    TABLES,
    Capacity,
    DataVersion,
    Outreach,
    OutreachCube,
    Project,
    Province,
)
from data_access.result_cache import ResultCache
from data_access.scope import Filters, Scope

CACHE_TTL_SECONDS = 3600
USE_CUBE = True  # tests switch it off to prove the cube publishes the same values as the inner cells


# --- The question ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    """What a query asks for a user: their scope and the filters it may ask.

    Making a Question applies ``Scope.clamp`` to the filters (a coarse scope never reaches a province or a project;
    only a scope with history asks for an earlier data version): it is the one place the clamp runs, once per
    query call. The SQL helpers take a Question, never loose filters, so a caller cannot skip the clamp."""

    scope: Scope
    filters: Filters | None

    def __post_init__(self) -> None:
        if not isinstance(self.scope, Scope):
            raise TypeError("scope must be a Scope")
        object.__setattr__(self, "filters", self.scope.clamp(self.filters))

    def over(self, unit: str, start: str, end: str) -> Question:
        """The same question over another range of periods (a query that reads whole years beside the range asked).
        The period is no concern of the scope, so the filters already clamped are kept, not clamped again."""
        question = object.__new__(Question)
        object.__setattr__(question, "scope", self.scope)
        filters = self.filters.with_(unit=unit, start=start, end=end) if self.filters is not None else None
        object.__setattr__(question, "filters", filters)
        return question

    @property
    def as_of(self) -> int | None:
        """The data version asked for (None: the current data)."""
        return self.filters.as_of if self.filters is not None else None


# --- Published results ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sparsity:
    """How sparse a breakdown is for one measure: of its ``cells`` (the categories, not the total), how many show 0
    or "<k" (``sparse``), against the largest share allowed (``threshold``; 1: no guard). A table where most cells
    are 0 or "<k" says more about the noise than about the data, and sparse tables are where the structure of a
    table (which cells are empty) tells most: it is not drawn at that detail (ONS flexible tables, ABS
    TableBuilder; docs/metodologia.md)."""

    cells: int
    sparse: int
    threshold: float

    @property
    def too_sparse(self) -> bool:
        return self.threshold < 1 and self.cells > 0 and self.sparse > self.threshold * self.cells


@dataclass(frozen=True)
class Published:
    """A published result: the frame a page may show, the data version it comes from, the threshold k and, for a
    breakdown, the person measures whose sparsity is guarded (``guard``) with the largest sparse share allowed."""

    frame: pd.DataFrame
    data_version: int | None
    k: int
    guard: tuple[str, ...] = ()
    sparsity_max: float = 1.0

    @property
    def has_small(self) -> bool:
        return any(self.frame[c].any() for c in self.frame.columns if c.endswith("_small"))

    def sparsity(self, measure: str) -> Sparsity | None:
        """How sparse the breakdown of ``measure`` is (None where the result is not a guarded breakdown)."""
        return sparsity_of(self.frame, measure, self.sparsity_max) if measure in self.guard else None

    def too_sparse(self, measure: str) -> bool:
        """Whether the breakdown of ``measure`` is too sparse to be drawn at this detail."""
        found = self.sparsity(measure)
        return found is not None and found.too_sparse


def sparsity_of(frame: pd.DataFrame, measure: str, threshold: float) -> Sparsity:
    """The sparsity of a breakdown's published cells of one person measure (rows with ``is_total`` left out)."""
    keep = ~frame["is_total"].to_numpy(dtype=bool) if "is_total" in frame else np.ones(len(frame), dtype=bool)
    small = frame[f"{measure}_small"].to_numpy(dtype=bool)[keep]
    zero = pd.to_numeric(frame[measure]).to_numpy(dtype=float, na_value=0.0)[keep] == 0
    return Sparsity(int(keep.sum()), int((small | zero).sum()), threshold)


def published(frame: pd.DataFrame, engine: Engine, question: Question, guard=()) -> Published:
    """A frame of published values as a result citing the question's data version and the threshold in force;
    for a breakdown, ``guard`` names the person measures whose sparsity the pages check."""
    return Published(frame, data_version(engine, question), settings.ckm_params().k, tuple(guard),
                     settings.disclosure_rules().sparsity_max if guard else 1.0)


def sums_as_int64(column: pd.Series) -> np.ndarray:
    """Sums from either backend (int64 already, or Python ints/Decimals in an object column) as int64."""
    if column.dtype == "int64":
        return column.to_numpy()
    return np.array([int(x) if x is not None and not pd.isna(x) else 0 for x in column], dtype="int64")


MAGNITUDES: dict[str, tuple[str, ...]] = {}
"""For each person measure, the magnitudes tied to it (services.people: hours; training.participants: hours)."""
for _spec in TABLES.values():
    for _magnitude, _person in _spec.magnitudes.items():
        MAGNITUDES[_person] = (*MAGNITUDES.get(_person, ()), _magnitude)


def publish(frame: pd.DataFrame, measures, params: CKMParams, hours_noise: float | None = None) -> pd.DataFrame:
    """Replace each raw pair (``n_m``, ``k_m``) by the published ``m`` and ``m_small``; raw columns are dropped.

    A magnitude tied to a person measure (``MAGNITUDES``: hours beside people), summed in ``hours`` with its
    largest contribution in ``max_hours`` (:func:`magnitude_pairs`), is published beside it by
    :func:`~data_access.disclosure.perturb_magnitude` (NaN where it is not shown); ``max_hours`` is dropped.
    ``hours_noise``: the magnitude noise (None: the configured one)."""
    raw = {f"{prefix}{m}" for m in measures for prefix in ("n_", "k_")}
    raw |= {f"max_{x}" for m in measures for x in MAGNITUDES.get(m, ()) if f"max_{x}" in frame}
    columns = {c: frame[c] for c in frame.columns if c not in raw}
    for m in measures:
        n, keys = sums_as_int64(frame[f"n_{m}"]), sums_as_int64(frame[f"k_{m}"])
        values = perturb(n, keys, params)
        small = is_small(values, params)
        columns[m] = pd.arrays.IntegerArray(np.where(small, 0, values).astype("int64"), mask=small)
        columns[f"{m}_small"] = small
        for x in MAGNITUDES.get(m, ()):
            if f"max_{x}" in frame:
                noise = settings.disclosure_rules().hours_noise if hours_noise is None else hours_noise
                columns[x] = perturb_magnitude(pd.to_numeric(frame[x]).to_numpy(dtype=float, na_value=np.nan),
                                               pd.to_numeric(frame[f"max_{x}"]).to_numpy(dtype=float,
                                                                                         na_value=np.nan),
                                               n, values, keys, noise, params)
    return pd.DataFrame(columns, index=frame.index)


def magnitude_pairs(table, person, plain) -> list:
    """For each magnitude among ``plain`` tied to a measure of ``person``: its largest contribution (``max_x``),
    which :func:`publish` needs beside the sum."""
    tied = {x for m in person for x in MAGNITUDES.get(m, ())}
    return [func.max(table.c[x]).label(f"max_{x}") for x in plain if x in tied]


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """A share of published values; missing where either side is missing (small) or the denominator is 0."""
    num = pd.to_numeric(numerator, errors="coerce").astype("Float64")
    den = pd.to_numeric(denominator, errors="coerce").astype("Float64")
    return (num / den.where(den > 0)).astype("Float64")


def sum_pairs(table, measures) -> list:
    """For each person measure ``m``: the sum of the counts (``n_m``) and of their cell keys (``k_m``)."""
    cols = []
    for m in measures:
        cols.append(cast(func.sum(table.c[m]), BigInteger).label(f"n_{m}"))
        cols.append(cast(func.sum(table.c[f"ck_{m}"]), BigInteger).label(f"k_{m}"))  # PostgreSQL: numeric -> int8
    return cols


def read_frame(conn, statement) -> pd.DataFrame:
    """The rows of a statement as a frame, with the statement's column names. The rows are handed to pandas as
    tuples: a SQLAlchemy row is not one, and pandas then tried each row for a dtype (an exception inside SQLAlchemy
    per row) before making it a tuple itself: 21 -> 4 ms for 5,000 rows, the same frame."""
    result = conn.execute(statement)
    return pd.DataFrame([tuple(row) for row in result.fetchall()], columns=list(result.keys()))


# --- Published queries and their cache ------------------------------------------------------------------------
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class PublishedQuery(Protocol[R_co]):
    """A query as its callers use it: ``query(scope, filters, *args, engine=None)`` through the shared cache (the
    default database when no engine is given), and ``query.uncached(engine, scope, filters, *args)`` without it."""

    __name__: str

    def __call__(self, scope: Scope, filters: Filters | None, /, *args: Any, engine: Engine | None = None
                 ) -> R_co: ...

    def uncached(self, engine: Engine, scope: Scope, filters: Filters | None, /, *args: Any) -> R_co: ...


QUERIES: dict[str, Callable[..., Any]] = {}
"""Every published query by name, in its uncached form ``(engine, scope, filters, *args)``: what the cache runs."""


def _compute(name: str, url: str, version: int | None, scope: Scope, filters: Filters | None, args: tuple):
    """The shared cache's work: one entry per (query, database, data version, scope, filters, arguments)."""
    return QUERIES[name](get_engine(url), scope, filters, *args)


cached_result = ResultCache(_compute, ttl=CACHE_TTL_SECONDS, max_entries=1024)  # data_access/result_cache.py


def _call_signature(fn: Callable) -> inspect.Signature:
    """The definition's signature with the engine optional, as callers see it (the cache supplies one)."""
    signature = inspect.signature(fn)
    engine = signature.parameters["engine"].replace(default=None, annotation="Engine | None")
    return signature.replace(parameters=[engine if p.name == "engine" else p for p in signature.parameters.values()])


@overload
def published_query(fn: Callable[..., R], /) -> PublishedQuery[R]: ...


@overload
def published_query(*, period_free: bool) -> Callable[[Callable[..., R]], PublishedQuery[R]]: ...


def published_query(fn=None, *, period_free: bool = False):
    """Publish a query defined as ``def name(scope, filters, *args, engine)``: callers may leave the engine out
    (the default database), and the result is cached for all users by (name, database, data version, scope,
    filters, args). The key holds the filters as asked and the scope itself, so two scopes never share an entry;
    the query makes its :class:`Question` (the one clamp of the filters to the scope) only when it runs.

    A ``period_free`` query does not depend on the period: its filters lose the period before the cache key is
    made, so changing the period on a page does not recompute it."""
    if fn is None:
        return functools.partial(published_query, period_free=period_free)

    def uncached(engine: Engine, scope: Scope, filters: Filters | None, *args):
        return fn(scope, filters, *args, engine=engine)

    for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(uncached, attribute, getattr(fn, attribute))
    QUERIES[fn.__name__] = uncached

    @functools.wraps(fn)
    def query(scope: Scope, filters: Filters | None, *args, engine: Engine | None = None):
        if period_free and filters is not None:
            filters = filters.with_(unit="mese", start="", end="")
        engine = engine or get_engine()
        url = engine.url.render_as_string(hide_password=False)
        version = run_cache_version(engine)  # read once a run
        return cached_result(fn.__name__, url, version, scope, filters, tuple(args))

    query.__signature__ = _call_signature(fn)  # type: ignore[attr-defined]
    query.uncached = uncached  # type: ignore[attr-defined]
    return query


# --- Data versions --------------------------------------------------------------------------------------------
def version_conditions(table, as_of: int | None) -> list[ColumnElement]:
    """The rows in force: the current ones, or those in force at data version ``as_of`` (added by it or earlier,
    and not yet replaced then)."""
    if as_of is None:
        return [table.c.version_to.is_(None)]
    return [table.c.version_from <= as_of, or_(table.c.version_to.is_(None), table.c.version_to > as_of)]


def data_version(engine: Engine, question: Question) -> int | None:
    """The data version a result cites: the one asked for, or the current one (:func:`current_version`, as this
    script run read it: a page of a dozen new results read it a dozen times)."""
    return question.as_of if question.as_of is not None else run_current_version(engine)


def current_version(engine: Engine) -> int | None:
    """The latest active data version of the project data (None before any load): the one a result cites. The
    versions of the public statistics (REFERENCE_KIND) are not project data and are left out."""
    with engine.connect() as conn:
        return conn.execute(
            select(func.max(DataVersion.id)).where(DataVersion.status == "attiva",
                                                   DataVersion.kind != REFERENCE_KIND)
        ).scalar_one_or_none()


def run_current_version(engine: Engine) -> int | None:
    """:func:`current_version` as this script run read it (``loading.run_state``, once per run)."""
    return loading.run_state(engine)["latest_version"]


def run_cache_version(engine: Engine) -> int | None:
    """:func:`cache_version` as this script run read it (``loading.run_state``, once per run)."""
    state = loading.run_state(engine)
    return max((v for v in (state["latest_version"], state["reference_version"]) if v is not None), default=None)


def cache_version(engine: Engine) -> int | None:
    """The latest active data version of any kind, project data or public statistics: the cache's key, so that a
    load of either is seen at the next run."""
    with engine.connect() as conn:
        return conn.execute(
            select(func.max(DataVersion.id)).where(DataVersion.status == "attiva")
        ).scalar_one_or_none()


# --- Territory, period and programme conditions ---------------------------------------------------------------
def allowed_provinces(conn, question: Question) -> frozenset[str] | None:
    """Provinces a question covers: the scope, narrowed by the territory filters (None: all of Italy)."""
    allowed, filters = question.scope.provinces, question.filters
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


def conditions(conn, table, question: Question, months=None) -> list[ColumnElement]:
    """The WHERE conditions of a question on a table: the rows in force (now or at the version asked), the
    provinces covered, the months (when given) and the programme and project (where the table has projects)."""
    conds: list[ColumnElement] = []
    if "version_to" in table.c:
        conds += version_conditions(table, question.as_of)
    allowed = allowed_provinces(conn, question)
    if allowed is not None:
        conds.append(table.c.province_code.in_(sorted(allowed)) if allowed else literal(False))
    if months is not None:
        conds.append(table.c.period.in_(sorted(months)) if months else literal(False))
    if question.filters is not None and "project_code" in table.c:
        conds += _project_conditions(table, question.filters)
    return conds


def _project_conditions(table, filters: Filters) -> list[ColumnElement]:
    conds: list[ColumnElement] = []
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


# --- Capacity (snapshot measures) -----------------------------------------------------------------------------
def snapshot_months(conn, question: Question, keys: tuple[str, ...]) -> dict[str, str]:
    """For each period key, the last month inside it that has capacity data in the question's scope."""
    t = Capacity.__table__
    unit = question.filters.unit
    wanted = {m for key in keys for m in periods.months_of(unit, key)}
    months = conn.execute(
        select(t.c.period).where(*conditions(conn, t, question, wanted)).distinct()
    ).scalars().all()
    out: dict[str, str] = {}
    for month in sorted(months):
        key = periods.period_of_month(unit, month)
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


def capacity_cells(conn, question: Question, keys: tuple[str, ...], by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Places, structures and published presences at each period key's snapshot month (the last month of
    the period with data in scope), grouped by `by` (capacity columns or project columns such as programme).

    Columns: period_key, snapshot_month, *by, places, structures, occupied, occupied_small."""
    t = Capacity.__table__
    snap = snapshot_months(conn, question, keys)
    group = [t.c.period, *_group_columns(t, by)]
    stmt = (
        select(*group, func.sum(t.c.places).label("places"), func.sum(t.c.structures).label("structures"),
               *sum_pairs(t, ["occupied"]))
        .select_from(t.join(Project.__table__, Project.__table__.c.project_code == t.c.project_code))
        .where(*conditions(conn, t, question, set(snap.values())))
        .group_by(*group)
    )
    if "municipality_code" in by:  # protected shelters never below province level (DISCLOSURE.md §7)
        stmt = stmt.where(Project.__table__.c.programme != "ANTITRATTA")
    frame = read_frame(conn, stmt)
    month_to_key = {m: k for k, m in snap.items()}
    frame.insert(0, "period_key", frame.pop("period").map(month_to_key))
    frame.insert(1, "snapshot_month", frame["period_key"].map(snap))
    return publish(frame, ["occupied"], settings.ckm_params())


# --- Flows ----------------------------------------------------------------------------------------------------
def cube_dimension(model, by: tuple[str, ...]) -> str | None:
    """The outreach-cube dimension that answers a grouping, or None when the fact table is needed."""
    if not USE_CUBE or model is not Outreach:
        return None
    dims = [c for c in by if c in CUBE_DIMENSIONS]
    others = [c for c in by if c not in CUBE_DIMENSIONS]
    fits = all(c in ("province_code", "project_code") or c not in Outreach.__table__.c for c in others)
    if len(dims) > 1 or not fits:
        return None
    return dims[0] if dims else CUBE_TOTAL  # a total: the cube's rows of no breakdown


def flow_cells(conn, model, measures, question: Question, keys: tuple[str, ...], by: tuple[str, ...] = ()
               ) -> pd.DataFrame:
    """Sums over each period key (and `by`) of flow measures of a fact table. Person measures come out
    published (``m``, ``m_small``); other measures (hours, outings...) as plain sums.

    Outreach questions with at most one breakdown (gender, exploitation, age group or channel) read the
    pre-aggregated outreach cube: the same sums of counts and keys, so the same published values, from fewer rows.

    Columns: period_key, *by, then the measures."""
    spec = TABLES[model.__table__.name]
    person = [m for m in measures if m in spec.person_measures]
    plain = [m for m in measures if m not in spec.person_measures]
    dimension = None if question.as_of is not None else cube_dimension(model, by)  # the cube holds current rows
    t = OutreachCube.__table__ if dimension else model.__table__
    unit = question.filters.unit
    key_expr = period_expression(unit, t.c.period).label("period_key")
    months = {m for key in keys for m in periods.months_of(unit, key)}
    by_columns = [t.c.category.label(c) if c == dimension else _group_columns(t, (c,))[0] for c in by]
    group = [key_expr, *by_columns]
    conds = conditions(conn, t, question, months)
    if dimension:
        conds.append(t.c.dimension == dimension)
    stmt = (
        select(*group, *sum_pairs(t, person), *[func.sum(t.c[m]).label(m) for m in plain],
               *magnitude_pairs(t, person, plain))
        .select_from(_with_projects(t, by))
        .where(*conds)
        .group_by(*group)
    )
    return publish(read_frame(conn, stmt), person, settings.ckm_params())
