"""The general published queries: Panoramica's headline figures, the coverage of the data, what the filter bar
offers, the disclosure parameters of the Metodologia page and the data version of captions.

Every published query takes the user's :class:`Scope` and the page's :class:`Filters` explicitly and returns a
:class:`~data_access.sql.Published` result (``filter_choices``: no person counts). Counts of people are summed in
SQL together with the sum of their cell keys and perturbed on the way out (``data_access.sql``, DISCLOSURE.md):
a page never sees a raw person count. For each person measure ``m`` a published frame holds ``m`` (the published
value, missing where it is below the display threshold k) and ``m_small`` (True where the value shows as "<k").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, select

from config import settings
from data_access import delivery, loading, plausible, run_memo
from data_access import scope as periods
from data_access.db import get_engine
from data_access.disclosure import build_ptable
from data_access.models import (
    PROGRAMMES,
    REFERENCE_KIND,
    TABLES,
    Capacity,
    DataVersion,
    Outreach,
    Project,
    Province,
    Region,
    Service,
    Training,
)
from data_access.result_cache import ResultCache
from data_access.scope import ChoiceNames, Filters, Scope
from data_access.sql import (
    CACHE_TTL_SECONDS,
    Published,
    Question,
    capacity_cells,
    conditions,
    flow_cells,
    published,
    published_query,
    read_frame,
)

# --- Public queries -------------------------------------------------------------------------------------------
HEADLINE_MEASURES = ("places", "occupied", "occupancy_rate", "free_places", "contacts", "take_ins")


@published_query
def headline(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """Panoramica figures for the filters' end period and the period before it.

    One row per measure: value, small flag, sent, mark, previous value, previous small flag, previous_sent and the
    relative change (in points for occupancy). Places and free places are at the period's last month with data;
    presences are published at that month; contacts and take-ins are summed over the period. Occupancy =
    published presences / places (data_access.plausible: full where presences exceed places within the noise).

    ``sent``: whether the measure's table was sent for the period in the question (data_access.delivery): where it
    was not, the value is missing (never 0) and no change is computed. ``mark``: for presences and occupancy,
    plausible.NOISE or plausible.OVER where presences are published above places.
    """
    question = Question(scope, filters)
    current = filters.end
    before = periods.previous(filters.unit, current)
    keys = tuple(k for k in (before, current) if k)
    with engine.connect() as conn:
        cap = capacity_cells(conn, question, keys).set_index("period_key")
        flows = flow_cells(conn, Outreach, ["contacts", "take_ins"], question, keys).set_index("period_key")
    noise = settings.ckm_params().D
    now = _capacity_figures(cap, current, noise) | _flow_figures(flows, current)
    prev = (_capacity_figures(cap, before, noise) | _flow_figures(flows, before)) if before else \
        dict.fromkeys(HEADLINE_MEASURES, Figure(None))
    frame = pd.DataFrame([_headline_row(m, now[m], prev[m]) for m in HEADLINE_MEASURES])
    frame.attrs.update(period=current, previous=before, snapshot_month=cap["snapshot_month"].get(current),
                       previous_snapshot_month=cap["snapshot_month"].get(before) if before else None)
    return published(frame, engine, question)


@dataclass(frozen=True)
class Figure:
    """One headline figure of one period: the published value (None where missing), whether it shows as "<k",
    whether its table was sent for the period, and its plausibility mark (presences and occupancy)."""

    value: object
    small: bool = False
    sent: bool = False
    mark: str | None = None


def _capacity_figures(cap: pd.DataFrame, key: str, noise: int) -> dict[str, Figure]:
    """Places, presences, occupancy and free places in one period (capacity cells by period); not sent where the
    period has no capacity month."""
    if key not in cap.index:
        return {m: Figure(None) for m in ("places", "occupied", "occupancy_rate", "free_places")}
    places, occupied, small = int(cap.at[key, "places"]), cap.at[key, "occupied"], bool(cap.at[key, "occupied_small"])
    known = not small and not pd.isna(occupied)
    row = cap.loc[[key]]
    mark = plausible.marks(row["occupied"], row["occupied_small"], row["places"], noise).iloc[0]
    rate = plausible.occupancy(row["occupied"], row["places"], pd.Series([mark], index=row.index)).iloc[0]
    return {"places": Figure(places, sent=True), "occupied": Figure(occupied, small, True, mark),
            "occupancy_rate": Figure(None if pd.isna(rate) else float(rate), sent=True, mark=mark),
            "free_places": Figure(max(places - int(occupied), 0) if known else None, sent=True)}


def _flow_figures(flows: pd.DataFrame, key: str) -> dict[str, Figure]:
    """Contacts and take-ins in one period; missing (not 0) where no outreach row was sent for the period."""
    return {m: Figure(flows.at[key, m], bool(flows.at[key, f"{m}_small"]), True) if key in flows.index
            else Figure(None) for m in ("contacts", "take_ins")}


def _headline_row(measure: str, now: Figure, previous: Figure) -> dict:
    """One headline row: the value and the previous one with their flags, and the change (relative; in points for
    occupancy), computed only between two published values."""
    value = None if now.value is None or pd.isna(now.value) else now.value
    pvalue = None if previous.value is None or pd.isna(previous.value) else previous.value
    if measure == "occupancy_rate":
        change = None if value is None or pvalue is None else value - pvalue  # percentage points
    else:
        change = (value - pvalue) / pvalue if value is not None and pvalue not in (None, 0) else None
    return {"measure": measure, "value": value, "small": now.small, "sent": now.sent, "mark": now.mark,
            "previous": pvalue, "previous_small": previous.small, "previous_sent": previous.sent,
            "change": change}


@published_query(period_free=True)
def coverage(scope: Scope, filters: Filters | None, *, engine: Engine) -> Published:
    """Last month received per project and table, for the projects with data in the scope; for a scope of all of
    Italy without a territory or project filter, every registered project (of the programme chosen), those that
    sent nothing yet with empty months."""
    question = Question(scope, filters.with_(unit="mese", start="", end="") if filters is not None else None)
    tables = {"capacity": Capacity, "outreach": Outreach, "services": Service}
    frames = []
    with engine.connect() as conn:
        for name, model in tables.items():
            t = model.__table__
            stmt = (
                select(t.c.project_code, func.max(t.c.period).label(f"last_{name}"),
                       func.count(func.distinct(t.c.province_code)).label(f"provinces_{name}"))
                .where(*conditions(conn, t, question))
                .group_by(t.c.project_code)
            )
            frames.append(read_frame(conn, stmt).set_index("project_code"))
        projects = read_frame(conn, select(Project.project_code, Project.name, Project.programme,
                                           Project.managing_body, Project.end_date))
    merged = pd.concat(frames, axis=1, join="outer")
    merged["last_period"] = merged[[f"last_{n}" for n in tables]].max(axis=1)
    merged["provinces"] = merged[[f"provinces_{n}" for n in tables]].max(axis=1).astype("Int64")
    merged = merged.drop(columns=[f"provinces_{n}" for n in tables]).reset_index()
    asked = question.filters
    everywhere = scope.provinces is None and not (asked and (asked.region or asked.province or asked.project))
    if everywhere and asked is not None and asked.programme:
        projects = projects[projects["programme"] == asked.programme]
    out = projects.merge(merged, on="project_code", how="left" if everywhere else "inner")
    out = out.sort_values(["programme", "name"])
    out["managing_body"] = out["managing_body"].fillna("")
    if not scope.fine:  # national and regional totals only: a project lies in one place
        out = out.iloc[0:0]
    return published(out.reset_index(drop=True), engine, question)


@published_query(period_free=True)
def data_available(scope: Scope, filters: Filters | None, *, engine: Engine) -> delivery.Available:
    """Which tables have rows in the scope, territory, programme and project of the filters (at the data version
    asked), whatever the period; the first and last month of each monthly table. No count of anything."""
    question = Question(scope, filters)
    tables = {}
    with engine.connect() as conn:
        for name, spec in TABLES.items():
            t = spec.model.__table__
            conds = conditions(conn, t, question)
            if name in delivery.MONTHLY:
                first, last = conn.execute(select(func.min(t.c.period), func.max(t.c.period)).where(*conds)).one()
                tables[name] = delivery.TableData(last is not None, first, last)
            else:
                tables[name] = delivery.TableData(delivery.sent(conn, spec.model, question))
        projects = conn.execute(select(Project.project_code).limit(1)).first() is not None
    return delivery.Available(projects, tables)



def _short_name(name: str) -> str:
    """A project's name for chart titles: the part before " - " ("DIAGRAMMI Nord"), unless that is only an acronym
    ("CAS - Centri di accoglienza straordinaria della Prefettura di Milano" stays whole)."""
    head = name.split(" - ", 1)[0].strip()
    return head if len(head) >= 6 else name


@published_query
def filter_choices(scope: Scope, filters: Filters | None, *, engine: Engine) -> dict:
    """What a user may choose in the filter bar (no person counts): provinces of the scope with their region,
    programmes, projects with data in the scope, and the first and last month with data; their names
    (:class:`~data_access.scope.ChoiceNames`)."""
    question = Question(scope, None)  # what the scope may see, whatever is filtered
    with engine.connect() as conn:
        provinces = read_frame(conn, select(Province.code, Province.name, Province.region_code,
                                            Region.name.label("region_name"))
                               .join(Region, Region.code == Province.region_code).order_by(Province.name))
        if scope.provinces is not None:
            provinces = provinces[provinces["code"].isin(scope.provinces)].reset_index(drop=True)
        months, areas = _months_and_areas(conn, question)
        projects = read_frame(conn, select(Project.project_code, Project.name, Project.programme)
                              .order_by(Project.name))
        versions = tuple(conn.execute(select(DataVersion.id).order_by(DataVersion.id)).scalars()) \
            if scope.history else ()
    project_codes = set(areas) if scope.fine else set()  # national and regional totals only: no project to choose
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
    regions = provinces.drop_duplicates("region_code").sort_values("region_name", kind="stable")
    names = ChoiceNames(regions=dict(zip(regions["region_code"], regions["region_name"], strict=True)),
                        provinces=dict(zip(provinces["code"], provinces["name"], strict=True)),
                        projects=dict(zip(projects["project_code"], projects["name"], strict=True)),
                        project_short=dict(zip(projects["project_code"], projects["short_name"], strict=True)))
    return {"choices": choices, "provinces": provinces, "projects": projects, "names": names}


def _months_and_areas(conn, question: Question) -> tuple[set[str], dict[str, set[str]]]:
    """The first and last month with data of each fact table, and the provinces with data of each project."""
    months: set[str] = set()
    areas: dict[str, set[str]] = {}  # project -> provinces with its data
    for model in (Capacity, Outreach, Service, Training):
        t = model.__table__
        conds = conditions(conn, t, question)
        row = conn.execute(select(func.min(t.c.period), func.max(t.c.period)).where(*conds)).one()
        months.update(m for m in row if m)
        if "project_code" in t.c:
            for code, province in conn.execute(select(t.c.project_code, t.c.province_code).where(*conds).distinct()):
                areas.setdefault(code, set()).add(province)
    return months, areas


def methodology() -> dict:
    """The disclosure-control parameters in force and the p-table, for the Metodologia page."""
    params = settings.ckm_params()
    table = build_ptable(params)
    rows = [{"i": i, "v": v, "j": i + v, "p": p, "ub": ub}
            for i in range(params.imax + 1) for v, p, ub in table.row(i)]
    # the largest true count that can publish as "<k" (values above imax use row imax)
    hidden_max = max((i for i in range(1, params.k + params.D + 1)
                      if any(0 < i + v < params.k for v, _p, _ub in table.row(min(i, params.imax)))), default=0)
    return {"params": params, "ptable": pd.DataFrame(rows), "hidden_max": hidden_max,
            "rules": settings.disclosure_rules()}


def public_data_loaded(engine: Engine | None = None) -> bool:
    """Whether the public statistics of the Ministry are in force (``manage.py init-db`` loads them): a new
    installation with them and no project data still has a national context to show."""
    engine = engine or get_engine()
    with engine.connect() as conn:
        return conn.execute(select(DataVersion.id).where(DataVersion.status == "attiva",
                                                         DataVersion.kind == REFERENCE_KIND).limit(1)).first() \
            is not None


def version_info(engine: Engine | None = None, version: int | None = None) -> dict | None:
    """A data version for captions ("dati al ...; versione N"): the latest active one of the project data (the
    public statistics have their own source line), or the one asked for; and whether the data are demo.

    The latest is the one the run's data state names (``loading.run_state``, read at every run): its row is read
    once per process (``_latest_rows``; a version's row never changes, and a new load is a new version). Another
    version is read once per script run."""
    engine = engine or get_engine()
    state = loading.run_state(engine)
    url = engine.url.render_as_string(hide_password=False)
    if version is None or version == state["latest_version"]:
        row = _latest_rows(url, state["latest_version"]) if state["latest_version"] is not None else None
    else:
        row = run_memo.per_run(("version_info", url, version), lambda: _version_row(engine, version))
    return {**row, "demo": bool(state["demo"])} if row is not None else None  # the kinds in force (data_state)


def _version_row(engine: Engine, version: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(DataVersion.id, DataVersion.created_at, DataVersion.kind, DataVersion.source)
                           .where(DataVersion.id == version)).first()
    return None if row is None else {"id": row.id, "created_at": row.created_at, "kind": row.kind,
                                     "source": row.source}


_latest_rows = ResultCache(lambda url, version: _version_row(get_engine(url), version), ttl=CACHE_TTL_SECONDS,
                           max_entries=64)
