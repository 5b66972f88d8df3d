"""Queries of the analytic pages: Accoglienza, Emersione e contatti, Servizi, Rete e tavolo.

Every function here is a :func:`~data_access.sql.published_query`: it takes the user's ``Scope`` and the
page's ``Filters`` (with the period range ``filters.start``..``filters.end``), filters by both in SQL and returns
:class:`~data_access.sql.Published` results (or a small dict of them). Counts of people are summed in SQL with
their cell keys, one pair per published cell, and leave only through ``publish``. Every derived figure a page
shows (free places, occupancy, conversion rates, changes, flags, averages) is computed here from published
values, never in a page:

- a rate is a published numerator over a published denominator (``ratio``): missing where either is "<k";
- free places are places minus published presences: missing where presences are "<k";
- a total is its own published cell (its own SQL sum), never a sum of published rows; breakdowns carry their
  total as a last row with ``is_total`` True.

Decisions (also in the report to the lead):

- Capacity is a stock: each period shows its *snapshot* month (the last month of the period with data in the
  question's scope), as in Panoramica.
- Reception lines: SAI ordinari (SAI, target groups other than msna and dm_ds), SAI MSNA, SAI DM-DS, CAS,
  anti-tratta (ANTITRATTA) and others (FAMI, ALTRO). CAS for minors stay CAS.
- Territory tables group by the finest level the scope allows (province, region or the whole of Italy), and
  capacity is never grouped below province (so protected shelters never show by comune).
- Missing is not zero (data_access.delivery): a period in which the table has no row for the question (no project
  in scope sent it) has missing values and ``sent`` False, a gap in a chart and "nessun dato inviato" on screen;
  where the table was sent, a category without rows publishes 0 (nobody counted there). Totals over the last
  period (funnel, breakdowns) are missing as a whole when nothing was sent for it. Capacity periods without a
  snapshot month get a row of missing values too, so that charts leave a gap for them.
- Presences published above the places: data_access.plausible (occupancy full within the noise, overcrowding
  beyond it), and the occupancy's margin of protection (D over the places) beside a project's figures.
- Totals over time (the funnel, breakdowns, services by type, training by audience) are those of the range's last
  period, never a sum over a free run of periods (DISCLOSURE.md, rule 7: January-May minus January-April...).
- The funnel runs contacts -> assessments -> potential victims -> take-ins, each stage its own published cell,
  the rate against the previous stage. Referrals are not a funnel stage (people contacted and oriented to other
  services, not a step towards a take-in): they are published apart, as a share of contacts.
- Network members are those in office on the last day of the range: joined <= end and (left is null or
  left > end).
- Action plan: an action is overdue at the reference date R = min(today, last day of the range) when its due
  date is before R and it was not completed by R (status ``completata`` with a completion date <= R, or no
  date). Statuses are the current ones (the data hold no history).
- Network, meetings, action plans and training have no project: the programme and project filters do not apply.

Pages may not import data_access.models: they import the code lists they label (SERVICES, BODIES...) and the
constants below from this module by name.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd
from sqlalchemy import Engine, and_, case, extract, func, literal, or_, select

from config import settings
from data_access import delivery, plausible
from data_access import scope as periods
from data_access.models import (
    ACTION_STATUSES,
    AGE_GROUPS,
    AUDIENCES,
    BODIES,
    CHANNELS,
    EXPLOITATION,
    GENDERS,
    ORGANISATION_TYPES,
    OUTREACH_MEASURES,
    SERVICES,
    TABLES,
    TARGET_GROUPS,
    Action,
    Capacity,
    Meeting,
    NetworkMember,
    Outreach,
    OutreachActivity,
    OutreachCube,
    Project,
    Province,
    Region,
    Service,
    Training,
)
from data_access.scope import Filters, Scope
from data_access.sql import (
    MAGNITUDES,
    Published,
    Question,
    conditions,
    cube_dimension,
    magnitude_pairs,
    period_expression,
    publish,
    published,
    published_query,
    ratio,
    read_frame,
    snapshot_months,
    sum_pairs,
)

LINES = ("SAI_ORD", "SAI_MSNA", "SAI_DMDS", "CAS", "ANTITRATTA", "ALTRO")
CAPACITY_BREAKDOWNS = {"line": LINES, "target_group": TARGET_GROUPS}
FULL_THRESHOLD = 0.95  # a project at or above this occupancy is flagged
NEAR_THRESHOLD = 0.90  # the saturation view marks 90-95% too: nearly full
SATURATION_LEVELS = ("full", "near")  # >= 95%, 90-95% (None below 90% or where the occupancy is not known)
TREND_MEASURES = ("contacts", "assessments", "potential_victims", "referrals", "take_ins")
FUNNEL_STAGES = ("contacts", "assessments", "potential_victims", "take_ins")
OUTREACH_BREAKDOWNS = {"exploitation": EXPLOITATION, "gender": GENDERS, "age_group": AGE_GROUPS,
                       "channel": CHANNELS}
TOTAL = "totale"  # category code of a breakdown's total row


def _out(engine: Engine, frame: pd.DataFrame, question: Question, guard=()) -> Published:
    return published(frame.reset_index(drop=True), engine, question, guard)


def coarser_views(scope: Scope, filters: Filters) -> dict[str, Filters]:
    """The views one step less detailed than ``filters`` that a page offers when a breakdown is too sparse:
    ``period`` (months -> quarters -> years, the same range), ``territory`` (province -> its region -> the whole of
    the scope) and ``project`` (one project -> all), each only where it changes the question."""
    out: dict[str, Filters] = {}
    coarser_unit = {"mese": "trimestre", "trimestre": "anno"}.get(filters.unit)
    if coarser_unit and filters.end:
        def key(period: str) -> str:
            return periods.period_of_month(coarser_unit, periods.months_of(filters.unit, period)[0])

        out["period"] = filters.with_(unit=coarser_unit, start=key(filters.start or filters.end),
                                      end=key(filters.end))
    if filters.province and scope.fine:
        out["territory"] = filters.with_(province=None)
    elif filters.region and scope.level != "nazionale" and scope.provinces is None:
        out["territory"] = filters.with_(region=None)
    if filters.project and scope.fine:
        out["project"] = filters.with_(project=None)
    return out


def _published_columns(frame: pd.DataFrame, measures) -> list[str]:
    return [c for m in measures for c in (m, f"{m}_small")]


def _zero_cells(frame: pd.DataFrame, key: str, wanted, person, plain=()) -> pd.DataFrame:
    """Add a row for every wanted key absent from the frame (nobody, or nothing, counted there publishes 0) and
    sort the rows in the wanted order."""
    present = set(frame[key])
    missing = [k for k in wanted if k not in present]
    filled = frame
    if missing:
        zeros = {key: missing}
        for m in person:
            zeros[m] = pd.array([0] * len(missing), dtype="Int64")
            zeros[f"{m}_small"] = False
        for m in plain:
            zeros[m] = 0
        filled = pd.concat([frame, pd.DataFrame(zeros)], ignore_index=True) if len(frame) else pd.DataFrame(zeros)
    order = {k: i for i, k in enumerate(wanted)}
    return filled.sort_values(key, key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _range_end(filters: Filters) -> dt.date:
    """The last day of the range's last month."""
    last = periods.months_of(filters.unit, filters.end)[-1]
    year, month = int(last[:4]), int(last[5:])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _range_start(filters: Filters) -> dt.date:
    first = periods.months_of(filters.unit, filters.start or filters.end)[0]
    return dt.date(int(first[:4]), int(first[5:]), 1)


def _territory(scope: Scope, province_column) -> tuple[list, callable]:
    """Labelled territory columns at the finest level the scope allows, and the join that provides them."""
    provinces, regions = Province.__table__, Region.__table__

    def join(from_):
        return (from_.join(provinces, provinces.c.code == province_column)
                .join(regions, regions.c.code == provinces.c.region_code))

    if scope.level == "provincia":
        return [provinces.c.code.label("territory_code"), provinces.c.name.label("territory_name")], join
    if scope.level == "regione":
        return [regions.c.code.label("territory_code"), regions.c.name.label("territory_name")], join
    return [], join


def _national_territory(frame: pd.DataFrame, scope: Scope, columns) -> pd.DataFrame:
    if columns:
        return frame
    frame.insert(0, "territory_code", "IT")
    frame.insert(1, "territory_name", scope.label)
    return frame


# --- Accoglienza ---------------------------------------------------------------------------------------------
def _line_expression():
    c, p = Capacity.__table__.c, Project.__table__.c
    return case(
        (and_(p.programme == "SAI", c.target_group == "msna"), literal("SAI_MSNA")),
        (and_(p.programme == "SAI", c.target_group == "dm_ds"), literal("SAI_DMDS")),
        (p.programme == "SAI", literal("SAI_ORD")),
        (p.programme.in_(("CAS", "ANTITRATTA")), p.programme),
        else_=literal("ALTRO"),
    ).label("line")


def _capacity(conn, question: Question, snap: dict[str, str], group: list, *, projects: bool = False,
              territory: bool = False) -> pd.DataFrame:
    """Places, structures and published presences at each period's snapshot month (``snap``: period key ->
    month), grouped by labelled SQL expressions (never by comune), joining projects and territories only where
    the grouping needs them. Adds free places (missing where presences are "<k") and occupancy."""
    return _published_capacity(_capacity_sums(conn, question, snap, group, projects=projects, territory=territory),
                                snap)


def _capacity_sums(conn, question: Question, snap: dict[str, str], group: list, *, projects: bool = False,
                   territory: bool = False) -> pd.DataFrame:
    """The sums of :func:`_capacity` before publication: period (the snapshot month), the ``group`` columns,
    places, structures, and the presences' sums of counts and cell keys (``n_occupied``, ``k_occupied``)."""
    t, p = Capacity.__table__, Project.__table__
    from_ = t.join(p, p.c.project_code == t.c.project_code) if projects else t
    if territory:
        from_ = _territory(question.scope, t.c.province_code)[1](from_)
    stmt = (
        select(t.c.period, *group, func.sum(t.c.places).label("places"),
               func.sum(t.c.structures).label("structures"), *sum_pairs(t, ["occupied"]))
        .select_from(from_)
        .where(*conditions(conn, t, question, set(snap.values())))
        .group_by(t.c.period, *group)
    )
    return read_frame(conn, stmt)


def _published_capacity(frame: pd.DataFrame, snap: dict[str, str]) -> pd.DataFrame:
    """Capacity sums (:func:`_capacity_sums`) published: each row its own cell."""
    month_to_key = {m: k for k, m in snap.items()}
    frame.insert(0, "period_key", frame.pop("period").map(month_to_key))
    frame.insert(1, "snapshot_month", frame["period_key"].map(snap))
    frame = publish(frame, ["occupied"], settings.ckm_params())
    for col in ("places", "structures"):
        frame[col] = frame[col].astype("int64")
    known = ~frame["occupied_small"] & frame["occupied"].notna()
    free = (frame["places"] - frame["occupied"].astype("Float64")).clip(lower=0)
    frame["free_places"] = free.where(known).astype("Int64")
    frame["occupancy_mark"] = plausible.marks(frame["occupied"], frame["occupied_small"], frame["places"],
                                              settings.ckm_params().D)
    frame["occupancy_rate"] = plausible.occupancy(frame["occupied"], frame["places"], frame["occupancy_mark"])
    return frame


def _capacity_families(conn, question: Question, snap: dict[str, str]) -> dict[str | None, pd.DataFrame]:
    """:func:`_capacity` for the total (key None) and for each of ``CAPACITY_BREAKDOWNS``, from one reading: the
    sums by programme line and target group, added up in each family (sums of counts and of integer cell keys
    add up exactly: the same cells as one query per family), then published together."""
    sums = _capacity_sums(conn, question, snap, [_line_expression(), Capacity.__table__.c.target_group],
                          projects=True)
    measures = ["places", "structures", "n_occupied", "k_occupied"]
    parts = []
    for family in (None, *CAPACITY_BREAKDOWNS):
        keys = ["period"] + ([family] if family else [])
        part = sums.groupby(keys, sort=True, dropna=False)[measures].sum(min_count=1).reset_index()
        parts.append(part.assign(_family=family or ""))
    published = _published_capacity(pd.concat(parts, ignore_index=True)[["period", *CAPACITY_BREAKDOWNS, *measures,
                                                                          "_family"]], snap)
    out = {}
    for family in (None, *CAPACITY_BREAKDOWNS):
        rows = published[published["_family"] == (family or "")]
        drop = ["_family", *[other for other in CAPACITY_BREAKDOWNS if other != family]]
        out[family] = rows.drop(columns=drop).reset_index(drop=True)
    return out


def _with_gaps(frame: pd.DataFrame, wanted, by: str | None = None) -> pd.DataFrame:
    """Capacity rows with ``sent`` True, and a row of missing values for each period of the range without a
    snapshot month (nothing sent: a gap, never 0), for each category of ``by`` the frame holds."""
    frame = frame.assign(sent=True)
    missing = [key for key in wanted if key not in set(frame["period_key"])]
    categories = list(dict.fromkeys(frame[by])) if by else [None]
    if not missing or not categories:
        return frame
    gaps = pd.DataFrame([{"period_key": key, **({by: c} if by else {})} for key in missing for c in categories])
    gaps = gaps.assign(snapshot_month=None, occupied_small=False, occupancy_mark=None, sent=False)
    out = pd.concat([frame, gaps], ignore_index=True) if len(frame) else gaps.reindex(columns=frame.columns)
    types = {"places": "Int64", "structures": "Int64", "occupied": "Int64", "free_places": "Int64",
             "occupancy_rate": "Float64", "occupied_small": bool, "sent": bool}
    return out.astype({c: kind for c, kind in types.items() if c in out})


@published_query
def accoglienza_trend(scope: Scope, filters: Filters, *, engine: Engine) -> dict[str, Published]:
    """Reception capacity over the range at each period's snapshot month: ``total`` (one row per period), ``line``
    (per period and programme line) and ``target_group`` (per period and target group); each row its own
    published cell.

    Columns: period_key, snapshot_month, [line | target_group], places, structures, occupied, occupied_small,
    free_places, occupancy_mark (data_access.plausible), occupancy_rate, sent (False: a period without capacity
    data, its values missing)."""
    question = Question(scope, filters)
    order = {k: i for i, k in enumerate(filters.periods)}
    out = {}
    with engine.connect() as conn:
        families = _capacity_families(conn, question, snapshot_months(conn, question, filters.periods))
    for breakdown, frame in families.items():
        frame = _with_gaps(frame, filters.periods, breakdown)
        codes = {c: i for i, c in enumerate(CAPACITY_BREAKDOWNS.get(breakdown, ()))}
        frame = frame.sort_values(["period_key"] + ([breakdown] if breakdown else []), kind="stable",
                                  key=lambda s: s.map(order if s.name == "period_key" else codes))
        out[breakdown or "total"] = _out(engine, frame, question)
    return out


@published_query
def accoglienza_projects(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """Capacity by territory (the scope's finest level, never below province) and project at the snapshot of
    the range's last period, with the change against the period before it and the >= 95% occupancy flag.

    Columns: territory_code, territory_name, project_code, project_name, programme, places, structures, occupied,
    occupied_small, free_places, occupancy_rate, full (boolean, <NA> where presences are "<k"), previous_places,
    previous_occupied, previous_occupied_small, change_places, change_occupied, change_occupancy (points, as a
    fraction), occupancy_mark (data_access.plausible), occupancy_margin (D over the places: how far the published
    occupancy may be from the true one). attrs: period, previous, snapshot_month, previous_snapshot_month."""
    question = Question(scope, filters)
    current = filters.end
    before = periods.previous(filters.unit, current)
    keys = tuple(k for k in (before, current) if k)
    territory, _ = _territory(scope, Capacity.__table__.c.province_code)
    group, ids = _project_rows(scope, territory)
    with engine.connect() as conn:
        frame = _capacity(conn, question, snapshot_months(conn, question, keys), group, projects=True,
                          territory=True)
    frame = _national_territory(frame, scope, territory)
    if not scope.fine:
        frame.insert(frame.columns.get_loc("programme"), "project_code", None)
        frame.insert(frame.columns.get_loc("programme"), "project_name", None)
    out = _against_previous(frame[frame["period_key"] == current].drop(columns=["period_key"]),
                            frame[frame["period_key"] == before], ids)
    snapshot = out["snapshot_month"].dropna()
    previous_snapshot = out["previous_snapshot_month"].dropna()
    out = out.drop(columns=["snapshot_month", "previous_snapshot_month", "previous_occupancy_rate"])
    out = out.sort_values(["territory_name", "programme", "project_name"], kind="stable")
    result = _out(engine, out, question)
    result.frame.attrs.update(period=current, previous=before,
                              snapshot_month=snapshot.iloc[0] if len(snapshot) else None,
                              previous_snapshot_month=previous_snapshot.iloc[0] if len(previous_snapshot) else None)
    return result


def saturation_level(rate) -> str | None:
    """"full" at or above 95% occupancy (the published occupancy: data_access.plausible), "near" from 90% to 95%,
    None below 90% or where the occupancy is not known (presences "<k", no places)."""
    if rate is None or pd.isna(rate):
        return None
    return "full" if rate >= FULL_THRESHOLD else "near" if rate >= NEAR_THRESHOLD else None


def _by_occupancy(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Rows in the order of the saturation view: highest published occupancy first (an overcrowding above a full
    one, "pieno*" at 100%), unknown occupancy last, ties by name (never by an unpublished figure)."""
    ordered = frame.assign(_known=frame["occupancy_rate"].notna(), _rate=frame["occupancy_rate"].fillna(-1.0))
    ordered = ordered.sort_values(["_known", "_rate", *names], ascending=[False, False, *[True] * len(names)],
                                  kind="stable")
    return ordered.drop(columns=["_known", "_rate"]).reset_index(drop=True)


@published_query
def saturation(scope: Scope, filters: Filters, *, engine: Engine) -> dict[str, Published]:
    """The saturation view: occupancy at the snapshot of the range's last period, highest first, with free places
    and structures. ``projects``: per territory and project (for national and regional totals, per territory and
    programme: a project lies in one place); ``territories``: per territory at the finest level the scope allows
    (province, region, or the whole of Italy). Each row its own published cell of presences.

    Columns: territory_code, territory_name, [project_code, project_name,] programme (projects only), places,
    structures, occupied, occupied_small, free_places, occupancy_mark (data_access.plausible), occupancy_rate,
    level ("full" at or above 95%, "near" 90-95%, None). attrs: period, snapshot_month, full and near (how many
    rows at each level)."""
    question = Question(scope, filters)
    territory, _ = _territory(scope, Capacity.__table__.c.province_code)
    group, _ = _project_rows(scope, territory)
    out = {}
    with engine.connect() as conn:
        snap = snapshot_months(conn, question, (filters.end,))
        for name, columns in (("projects", group), ("territories", territory)):
            frame = _capacity(conn, question, snap, columns, projects=name == "projects", territory=True)
            frame = _national_territory(frame.drop(columns=["period_key", "snapshot_month"]), scope, territory)
            if name == "projects" and not scope.fine:
                frame.insert(frame.columns.get_loc("programme"), "project_code", None)
                frame.insert(frame.columns.get_loc("programme"), "project_name", None)
            frame["level"] = pd.Series([saturation_level(r) for r in frame["occupancy_rate"]], index=frame.index,
                                       dtype=object)
            frame = _by_occupancy(frame, ["territory_name", "project_name"] if name == "projects" and scope.fine
                                  else ["territory_name"] + (["programme"] if name == "projects" else []))
            result = _out(engine, frame, question)
            result.frame.attrs.update(period=filters.end, snapshot_month=snap.get(filters.end),
                                      **{level: int((frame["level"] == level).sum()) for level in SATURATION_LEVELS})
            out[name] = result
    return out


def _project_rows(scope: Scope, territory: list) -> tuple[list, list[str]]:
    """The grouping of the projects table and the columns that identify a row: per territory and project, or
    for national and regional totals only per territory and programme (a project lies in one place)."""
    p = Project.__table__
    if scope.fine:
        return [*territory, p.c.project_code, p.c.name.label("project_name"), p.c.programme], \
            ["territory_code", "project_code"]
    return [*territory, p.c.programme], ["territory_code", "programme"]


def _against_previous(now: pd.DataFrame, before: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The rows of the current period with the previous period's figures (``previous_*``), the changes and the
    >= 95% occupancy flag."""
    prev = before[[*ids, "snapshot_month", "places", "occupied", "occupied_small", "occupancy_rate"]]
    prev = prev.rename(columns={c: f"previous_{c}" for c in prev.columns if c not in ids})
    out = now.merge(prev, on=ids, how="left")
    out["previous_places"] = out["previous_places"].astype("Int64")
    out["previous_occupied"] = out["previous_occupied"].astype("Int64")
    out["previous_occupied_small"] = out["previous_occupied_small"].astype("boolean")
    out["full"] = (out["occupancy_rate"] >= FULL_THRESHOLD).astype("boolean")
    out["change_places"] = (out["places"] - out["previous_places"]).astype("Int64")
    out["change_occupied"] = (out["occupied"] - out["previous_occupied"]).astype("Int64")
    out["change_occupancy"] = (out["occupancy_rate"] - out["previous_occupancy_rate"]).astype("Float64")
    out["occupancy_margin"] = plausible.margin(out["places"], settings.ckm_params().D)
    return out


# --- Flows (outreach, services, training) ---------------------------------------------------------------------
def _flows(conn, model, measures, question: Question, *, by=(), per_period: bool = True,
           where=()) -> pd.DataFrame:
    """Sums of flow measures per period key of the range and ``by`` columns; without ``per_period``, over the last
    period of the range only (``Filters.total_months``: never a free run of periods). Person
    measures come out published, others as plain sums. Outreach with at most one breakdown reads the outreach
    cube, as ``sql.flow_cells`` does: the same sums of counts and keys, so the same published values."""
    person = [m for m in measures if m in TABLES[model.__tablename__].person_measures]
    plain = [m for m in measures if m not in person]
    filters = question.filters
    dimension = None if where or question.as_of is not None else cube_dimension(model, tuple(by))
    t = OutreachCube.__table__ if dimension else model.__table__
    group = [period_expression(filters.unit, t.c.period).label("period_key")] if per_period else []
    group += [t.c.category.label(c) if c == dimension else t.c[c] for c in by]
    conds = conditions(conn, t, question, set(filters.months if per_period else filters.total_months))
    conds += list(where)
    if dimension:
        conds.append(t.c.dimension == dimension)
    stmt = select(*group, *sum_pairs(t, person), *[func.sum(t.c[m]).label(m) for m in plain],
                  *magnitude_pairs(t, person, plain)).where(*conds)
    if group:
        stmt = stmt.group_by(*group)
    frame = publish(read_frame(conn, stmt), person, settings.ckm_params())
    tied = {x for m in person for x in MAGNITUDES.get(m, ())}
    for m in plain:  # a magnitude beside people stays missing where it is not shown
        frame[m] = pd.to_numeric(frame[m]) if m in tied else pd.to_numeric(frame[m]).fillna(0)
    return frame


def _breakdown(conn, model, measures, question: Question, column: str, codes,
               total: pd.DataFrame | None = None) -> pd.DataFrame:
    """Published cells per category of ``column`` over the range (every code, 0 where nobody was counted),
    then the total as its own published cell (``category`` "totale", ``is_total`` True)."""
    spec = TABLES[model.__tablename__]
    person = [m for m in measures if m in spec.person_measures]
    plain = [m for m in measures if m not in person]
    rows = _flows(conn, model, measures, question, by=(column,), per_period=False)
    rows = _zero_cells(rows.rename(columns={column: "category"}), "category", list(codes), person, plain)
    total = (_flows(conn, model, measures, question, per_period=False) if total is None else total).copy()
    total.insert(0, "category", TOTAL)
    frame = pd.concat([rows, total], ignore_index=True)
    frame["is_total"] = frame["category"] == TOTAL
    return frame[["category", "is_total", *_published_columns(frame, person), *plain]]


def _over_periods(frame: pd.DataFrame, filters: Filters, person, plain=()) -> pd.DataFrame:
    """Every period of the range: the sums of the periods in which the table has rows (``sent``), and missing
    values, not 0, in the others (data_access.delivery: no project in scope sent the table for them)."""
    sent = set(frame["period_key"])
    filled = _zero_cells(frame, "period_key", list(filters.periods), person, plain)
    return _unsent(filled, ~filled["period_key"].isin(sent), person, plain)


def _unsent(frame: pd.DataFrame, rows: pd.Series, person, plain=()) -> pd.DataFrame:
    """The frame with the measures of ``rows`` missing (nothing sent for them) and the column ``sent``."""
    frame = frame.copy()
    for m in person:
        frame[m] = frame[m].astype("Int64").mask(rows)
        frame[f"{m}_small"] = frame[f"{m}_small"].astype(bool) & ~rows
    for m in plain:
        frame[m] = pd.to_numeric(frame[m]).astype("Float64").mask(rows)
    frame["sent"] = ~rows.to_numpy()
    return frame


def _last_period(frame: pd.DataFrame, was_sent: bool, person, plain=()) -> pd.DataFrame:
    """A frame of totals over the range's last period, missing as a whole where the table has no row for the
    question in that period (``was_sent`` False, from delivery.sent: nothing sent, not 0)."""
    return _unsent(frame, pd.Series(not was_sent, index=frame.index), person, plain)


# --- Emersione e contatti -------------------------------------------------------------------------------------
@published_query
def emersione_trend(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """Outreach measures per period of the range (0 where nothing was counted).

    Columns: period_key, then for each of contacts, new_contacts, assessments, potential_victims, referrals,
    take_ins: the published value and its ``_small`` flag."""
    question = Question(scope, filters)
    with engine.connect() as conn:
        frame = _flows(conn, Outreach, OUTREACH_MEASURES, question)
    return _out(engine, _over_periods(frame, filters, OUTREACH_MEASURES), question)


@published_query
def emersione_funnel(scope: Scope, filters: Filters, *, engine: Engine) -> dict[str, Published]:
    """The path from contact to take-in in the last period of the range (``Filters.total_months``: never a sum
    over a free run of periods), each stage its own published cell.

    ``funnel``: stage (contacts, assessments, potential_victims, take_ins), measure (the same code), value,
    value_small, rate (published stage over the published previous stage; <NA> where either is "<k"),
    share_of_contacts, sent (False: no outreach sent for the period, every value missing).
    ``referrals``: one row (stage "referrals") with the same columns but rate: referrals are not a stage of the
    path but people oriented to other services, compared with contacts."""
    question = Question(scope, filters)
    with engine.connect() as conn:
        cells = _flows(conn, Outreach, (*FUNNEL_STAGES, "referrals"), question, per_period=False)
        was_sent = delivery.sent(conn, Outreach, question, filters.total_months)
    row = cells.iloc[0]

    def stage(m: str) -> dict:
        return {"stage": m, "measure": m, "value": row[m], "value_small": bool(row[f"{m}_small"])}

    funnel = pd.DataFrame([stage(m) for m in FUNNEL_STAGES])
    funnel["value"] = funnel["value"].astype("Int64")
    contacts = pd.Series([row["contacts"]] * len(funnel), dtype="Int64")
    funnel["rate"] = ratio(funnel["value"], funnel["value"].shift(1)).astype("Float64")
    funnel.loc[0, "rate"] = pd.NA
    funnel["share_of_contacts"] = ratio(funnel["value"], contacts)
    referrals = pd.DataFrame([stage("referrals")])
    referrals["value"] = referrals["value"].astype("Int64")
    referrals["share_of_contacts"] = ratio(referrals["value"], contacts.iloc[:1])
    funnel = _last_period(funnel, was_sent, ("value",), ("rate", "share_of_contacts"))
    referrals = _last_period(referrals, was_sent, ("value",), ("share_of_contacts",))
    return {"funnel": _out(engine, funnel, question), "referrals": _out(engine, referrals, question)}


@published_query
def emersione_breakdowns(scope: Scope, filters: Filters, *, engine: Engine) -> dict[str, Published]:
    """Outreach measures in the last period of the range by each dimension (exploitation, gender, age_group,
    channel: the keys of the dict): one published cell per category (every code of the contract, 0 where nobody
    was counted) and the total as its own published cell.

    Columns: category, is_total, then each outreach measure and its ``_small`` flag, sent (False: no outreach sent
    for the period, every value missing)."""
    question = Question(scope, filters)
    with engine.connect() as conn:
        was_sent = delivery.sent(conn, Outreach, question, filters.total_months)
        total = _flows(conn, Outreach, OUTREACH_MEASURES, question, per_period=False)  # one cell for all four
        return {dimension: _out(engine, _last_period(
                    _breakdown(conn, Outreach, OUTREACH_MEASURES, question, dimension, codes, total), was_sent,
                    OUTREACH_MEASURES), question, OUTREACH_MEASURES)
                for dimension, codes in OUTREACH_BREAKDOWNS.items()}


@published_query
def emersione_outings(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """Street-unit outings (channel unita_mobile; not a count of people) per period of the range.

    Columns: period_key, outings (missing in periods without outreach activity sent), sent."""
    question = Question(scope, filters)
    t = OutreachActivity.__table__
    with engine.connect() as conn:
        frame = _flows(conn, OutreachActivity, ("outings",), question, where=(t.c.channel == "unita_mobile",))
        sent = delivery.sent_periods(conn, OutreachActivity, question, filters.periods)
    frame = _zero_cells(frame, "period_key", list(filters.periods), (), ("outings",))
    frame = _unsent(frame, ~frame["period_key"].isin(sent), (), ("outings",))
    frame["outings"] = frame["outings"].round().astype("Int64")
    return _out(engine, frame, question)


# --- Servizi ----------------------------------------------------------------------------------------------------
@published_query
def servizi_trend(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """People (published) and hours (as they are) for every period of the range and every service type (0 where
    nothing was delivered), and per period for all types (``service`` "totale", ``is_total`` True: its own
    published cell).

    Columns: period_key, service, is_total, people, people_small, hours, sent (False: no services sent for the
    period, every value of it missing)."""
    question = Question(scope, filters)
    with engine.connect() as conn:
        by_type = _flows(conn, Service, ("people", "hours"), question, by=("service",))
        total = _over_periods(_flows(conn, Service, ("people", "hours"), question), filters, ("people",),
                              ("hours",))
    unsent = set(total.loc[~total["sent"], "period_key"])
    # every service type in every period: 0 where nothing was delivered, missing where nothing was sent
    cells = by_type.set_index(["service", "period_key"])
    grid = pd.MultiIndex.from_product([SERVICES, filters.periods], names=["service", "period_key"])
    absent = ~grid.isin(cells.index)
    types = cells.reindex(grid).reset_index()
    types["people"] = types["people"].astype("Int64").mask(absent, 0)
    types["people_small"] = types["people_small"].astype("boolean").fillna(False).astype(bool)
    types["hours"] = pd.to_numeric(types["hours"]).mask(absent, 0.0)
    types = _unsent(types, types["period_key"].isin(unsent), ("people",), ("hours",))
    total.insert(1, "service", TOTAL)
    frame = pd.concat([types, total], ignore_index=True)
    frame["is_total"] = frame["service"] == TOTAL
    order = {k: i for i, k in enumerate(filters.periods)}
    codes = {c: i for i, c in enumerate((*SERVICES, TOTAL))}
    frame = frame.sort_values(["period_key", "service"], kind="stable",
                              key=lambda s: s.map(order if s.name == "period_key" else codes))
    return _out(engine, frame[["period_key", "service", "is_total", "people", "people_small", "hours", "sent"]],
                question)


@published_query
def servizi_by_type(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """People (published) and hours by service type in the last period of the range, every type of the contract, and the
    total as its own published cell.

    Columns: category (service type or "totale"), is_total, people, people_small, hours, sent (False: no services
    sent for the period, every value missing)."""
    question = Question(scope, filters)
    with engine.connect() as conn:
        frame = _breakdown(conn, Service, ("people", "hours"), question, "service", SERVICES)
        frame = _last_period(frame, delivery.sent(conn, Service, question, filters.total_months), ("people",),
                             ("hours",))
    return _out(engine, frame, question, ("people",))


# --- Rete e tavolo -----------------------------------------------------------------------------------------------
def _network_question(scope: Scope, filters: Filters) -> Question:
    """The question of the network pages: networks, meetings, action plans and training have no project, so the
    programme and project filters do not apply."""
    return Question(scope, filters.with_(programme=None, project=None))


@published_query
def rete_members(scope: Scope, filters: Filters, *, engine: Engine) -> dict[str, Published]:
    """Members of the territorial networks in office on the last day of the range (joined <= end and left is
    null or after end); organisations, not people.

    ``by_type``: category (organisation type, every code), is_total, members.
    ``by_territory``: territory_code, territory_name, members (territories with members only).
    ``members``: territory_code, territory_name, organisation, organisation_type, joined.
    attrs of each frame: as_of (the date)."""
    question = _network_question(scope, filters)
    t = NetworkMember.__table__
    end = _range_end(filters)
    territory, join = _territory(scope, t.c.province_code)
    with engine.connect() as conn:
        conds = [*conditions(conn, t, question), t.c.joined <= end, or_(t.c.left.is_(None), t.c.left > end)]
        members = read_frame(conn, select(*territory, t.c.organisation, t.c.organisation_type, t.c.joined)
                             .select_from(join(t)).where(*conds))
        by_type = read_frame(conn, select(t.c.organisation_type.label("category"), func.count().label("members"))
                             .where(*conds).group_by(t.c.organisation_type))
        total = conn.execute(select(func.count()).select_from(t).where(*conds)).scalar_one()
        by_territory = read_frame(conn, select(*territory, func.count().label("members")).select_from(join(t))
                                  .where(*conds).group_by(*territory)) if territory else pd.DataFrame(
                                      {"members": [total]})
    types = {c: i for i, c in enumerate(ORGANISATION_TYPES)}
    members = _national_territory(members, scope, territory).sort_values(
        ["territory_name", "organisation_type", "organisation"], kind="stable",
        key=lambda s: s.map(types) if s.name == "organisation_type" else s)
    by_territory = _national_territory(by_territory, scope, territory)
    by_territory["members"] = by_territory["members"].astype("int64")
    out = {"by_type": _out(engine, _members_by_type(by_type, total), question),
           "by_territory": _out(engine, by_territory.sort_values("members", ascending=False, kind="stable"),
                                question),
           "members": _out(engine, members, question)}
    for result in out.values():
        result.frame.attrs["as_of"] = end
    return out


def _members_by_type(by_type: pd.DataFrame, total: int) -> pd.DataFrame:
    """Members per organisation type (every type of the contract, 0 where none) and the total as a last row."""
    by_type = _zero_cells(by_type, "category", list(ORGANISATION_TYPES), (), ("members",))
    by_type = pd.concat([by_type, pd.DataFrame({"category": [TOTAL], "members": [total]})], ignore_index=True)
    by_type["is_total"] = by_type["category"] == TOTAL
    by_type["members"] = by_type["members"].astype("int64")
    return by_type[["category", "is_total", "members"]]


@published_query
def rete_meetings(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """Meetings per period of the range and body (tavolo, rete, cabina_regia); not counts of people.

    Every period of the range has a row for each body that met in the range (each body, where none did): a month
    without a meeting is a 0, so that a chart shows the months the tavolo did not meet. The periods before the
    first meeting recorded in the territory (at any date) are not known: missing, ``sent`` False, a gap.

    Columns: period_key, body, meetings, organisations_present (sum over the meetings), mean_present (average
    organisations present per meeting; missing without a meeting), decisions, sent."""
    question = _network_question(scope, filters)
    t = Meeting.__table__
    year, month = extract("year", t.c.date).label("year"), extract("month", t.c.date).label("month")
    with engine.connect() as conn:
        first = conn.execute(select(func.min(t.c.date)).where(*conditions(conn, t, question))).scalar()
        frame = read_frame(conn, select(year, month, t.c.body, func.count().label("meetings"),
                                        func.sum(t.c.organisations_present).label("organisations_present"),
                                        func.sum(t.c.decisions).label("decisions"))
                           .where(*conditions(conn, t, question),
                                  t.c.date >= _range_start(filters), t.c.date <= _range_end(filters))
                           .group_by(year, month, t.c.body))
    columns = ["period_key", "body", "meetings", "organisations_present", "mean_present", "decisions", "sent"]
    if first is None:  # no meeting recorded in the territory: nothing to draw
        return _out(engine, pd.DataFrame(columns=columns), question)
    months = [f"{int(y)}-{int(m):02d}" for y, m in zip(frame["year"], frame["month"], strict=True)]
    frame["period_key"] = [periods.period_of_month(filters.unit, m) for m in months]
    frame = frame[frame["period_key"].isin(filters.periods)]
    frame = frame.groupby(["period_key", "body"], as_index=False)[["meetings", "organisations_present",
                                                                   "decisions"]].sum()
    bodies = [b for b in BODIES if b in set(frame["body"])] or list(BODIES)
    grid = pd.DataFrame([(key, body) for key in filters.periods for body in bodies], columns=["period_key", "body"])
    frame = grid.merge(frame, on=["period_key", "body"], how="left").fillna(
        {"meetings": 0, "organisations_present": 0, "decisions": 0})
    first_month = first.strftime("%Y-%m") if hasattr(first, "strftime") else str(first)[:7]
    frame["sent"] = [periods.months_of(filters.unit, key)[-1] >= first_month for key in frame["period_key"]]
    for column in ("meetings", "organisations_present", "decisions"):
        frame[column] = frame[column].astype("Int64").mask(~frame["sent"])
    frame["mean_present"] = (frame["organisations_present"].astype("Float64")
                             / frame["meetings"].astype("Float64").where(frame["meetings"] > 0)).astype("Float64")
    return _out(engine, frame[columns], question)


@published_query
def rete_actions(scope: Scope, filters: Filters, today: dt.date | None = None, *, engine: Engine
                 ) -> dict[str, Published]:
    """The local action plans of the territory, with overdue items flagged at R = min(today, last day of the
    range): due date before R and not completed by R (status completata with completion date <= R).

    ``items``: territory_code, territory_name, action_code, title, lead_organisation_type, status, due_date,
    completed_date, overdue, indicator (the measure the item targets in its province, or None), days_late (days
    past due at R for overdue items, else <NA>); the overdue items first, the latest first, then the others by
    territory and code.
    ``by_status``: status (every status, then "totale" with ``is_total`` True), is_total, count, overdue (how many
    of them are overdue).
    attrs of each frame: as_of (R). Pages pass ``today`` (part of the cache key); None means today."""
    question = _network_question(scope, filters)
    t = Action.__table__
    as_of = min(today or dt.date.today(), _range_end(filters))
    territory, join = _territory(scope, t.c.province_code)
    done = and_(t.c.status == "completata", or_(t.c.completed_date.is_(None), t.c.completed_date <= as_of))
    overdue = case((and_(t.c.due_date.is_not(None), t.c.due_date < as_of, ~done), True), else_=False)
    with engine.connect() as conn:
        items = read_frame(conn, select(*territory, t.c.action_code, t.c.title, t.c.lead_organisation_type,
                                        t.c.status, t.c.due_date, t.c.completed_date, overdue.label("overdue"),
                                        t.c.indicator)
                           .select_from(join(t)).where(*conditions(conn, t, question))
                           .order_by(t.c.province_code, t.c.action_code))
    items = _national_territory(items, scope, territory)
    items["overdue"] = items["overdue"].astype(bool)
    for col in ("due_date", "completed_date"):
        items[col] = [None if pd.isna(v) else (v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)))
                      for v in items[col]]
    items["days_late"] = pd.array([(as_of - d).days if late else pd.NA
                                   for d, late in zip(items["due_date"], items["overdue"], strict=True)],
                                  dtype="Int64")
    items = items.assign(_late=items["days_late"].fillna(-1)).sort_values(
        ["overdue", "_late"], ascending=[False, False], kind="stable").drop(columns="_late").reset_index(drop=True)
    out = {"items": _out(engine, items, question), "by_status": _out(engine, _actions_by_status(items), question)}
    for result in out.values():
        result.frame.attrs["as_of"] = as_of
    return out


def _actions_by_status(items: pd.DataFrame) -> pd.DataFrame:
    """Actions and overdue actions per status (every status), then the total as a last row."""
    return pd.DataFrame({
        "status": [*ACTION_STATUSES, TOTAL],
        "is_total": [False] * len(ACTION_STATUSES) + [True],
        "count": [int((items["status"] == s).sum()) for s in ACTION_STATUSES] + [len(items)],
        "overdue": [int((items["overdue"] & (items["status"] == s)).sum()) for s in ACTION_STATUSES]
        + [int(items["overdue"].sum())],
    })


def years_of(filters: Filters) -> tuple[str, ...]:
    """The calendar years the range touches, in order: the periods of training by audience (each a whole year)."""
    return tuple(dict.fromkeys(month[:4] for month in filters.months))


@published_query
def rete_training(scope: Scope, filters: Filters, *, engine: Engine) -> dict[str, Published]:
    """Training for operators: courses and hours (hours published beside the participants they follow) and
    participants (published).

    ``trend``: period_key, courses, hours, participants, participants_small, sent (every period of the range;
    missing values where no training was sent for the period).
    ``by_audience``: per calendar year the range touches (each a whole year, an allowed period of DISCLOSURE.md
    rule 7, never the free run of months of the range) and per audience (every code, then "totale" as its own
    published cell): period_key (the year), category, is_total, participants, participants_small, courses, hours,
    sent (False: no training sent in that year). attrs: partial (True where the range does not start in January
    or end in December: the first or last year covers months outside it)."""
    question = _network_question(scope, filters)
    measures = ("participants", "courses", "hours")
    years = years_of(filters)
    yearly = question.over("anno", years[0], years[-1]) if years else None
    with engine.connect() as conn:
        trend = _over_periods(_flows(conn, Training, measures, question), filters, ("participants",),
                              ("courses", "hours"))
        by_audience = _audience_years(conn, yearly, years, measures) if yearly else pd.DataFrame(
            columns=["period_key", "category", "is_total", "participants", "participants_small", "courses", "hours",
                     "sent"])
    trend["courses"] = trend["courses"].round().astype("Int64")
    trend = trend[["period_key", "courses", "hours", "participants", "participants_small", "sent"]]
    audience = _out(engine, by_audience, question, ("participants",))
    months = filters.months
    audience.frame.attrs["partial"] = bool(months) and (months[0][5:] != "01" or months[-1][5:] != "12")
    return {"trend": _out(engine, trend, question), "by_audience": audience}


def _audience_years(conn, question: Question, years: tuple[str, ...], measures) -> pd.DataFrame:
    """Training by audience per whole year (``question`` asks the years): every audience of every year (0 where
    nobody was trained), the year's total as its own published cell; a year without training sent missing."""
    person, plain = ("participants",), ("courses", "hours")
    rows = _flows(conn, Training, measures, question, by=("audience",)).rename(columns={"audience": "category"})
    totals = _flows(conn, Training, measures, question).assign(category=TOTAL)
    sent = delivery.sent_periods(conn, Training, question, years)
    parts = []
    for year in years:
        part = _zero_cells(rows[rows["period_key"] == year].drop(columns="period_key"), "category", list(AUDIENCES),
                           person, plain)
        total = totals[totals["period_key"] == year].drop(columns="period_key")
        if total.empty:
            total = _zero_cells(total, "category", [TOTAL], person, plain)
        part = pd.concat([part, total], ignore_index=True).assign(period_key=year)
        parts.append(_unsent(part, pd.Series(year not in sent, index=part.index), person, plain))
    frame = pd.concat(parts, ignore_index=True)
    frame["is_total"] = frame["category"] == TOTAL
    frame["courses"] = frame["courses"].round().astype("Int64")
    return frame[["period_key", "category", "is_total", "participants", "participants_small", "courses", "hours",
                  "sent"]]
