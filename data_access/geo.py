"""The territory map's queries.

:func:`map_values` gives one published cell per territory (province or region) for one measure, and
:func:`map_series` the same measure over the periods of the filters for one territory. Person counts are summed
with their cell keys in SQL per territory and perturbed by ``sql.publish``: a region's value is its own
published cell, never a sum of published provinces. The geometry the map draws is built by ``tools.topojson``.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd
from sqlalchemy import Engine, case, func, literal, or_, select

from config import settings
from config.labels import fmt_count, fmt_number, fmt_occupancy, t
from data_access import plausible, public_stats, sql
from data_access.models import CUBE_TOTAL, Capacity, DataVersion, Outreach, OutreachCube, Project, Province, Region
from data_access.scope import LEVELS, Filters, Scope, months_of, url_value
from data_access.sql import (
    Published,
    Question,
    allowed_provinces,
    capacity_cells,
    conditions,
    publish,
    published,
    published_query,
    read_frame,
    snapshot_months,
    sum_pairs,
    version_conditions,
)

# --- Map queries -----------------------------------------------------------------------------------------------
MAP_LEVELS = ("provincia", "regione")
CAPACITY_MEASURES = ("places", "occupied", "occupancy_rate", "free_places")
FLOW_MEASURES = ("contacts", "potential_victims", "take_ins")
# Public statistics (data_access/public_stats.py): shown as published, by region only (the Ministry publishes no
# province), each region whole.
PUBLIC_MEASURES = ("public_presences",)
MAP_MEASURES = CAPACITY_MEASURES + FLOW_MEASURES + PUBLIC_MEASURES
PERSON_MEASURES = frozenset({"occupied", "contacts", "potential_victims", "take_ins"})
NO_RATE = frozenset({"occupancy_rate"})  # a share has no per-100,000 form
PER_RESIDENTS = 100_000


def map_levels(scope: Scope, measure: str | None = None) -> tuple[str, ...]:
    """The map levels a scope may see (its finest level and coarser ones); for a public measure, regions only."""
    return tuple(level for level in MAP_LEVELS if LEVELS.index(level) >= LEVELS.index(scope.level)
                 and (measure not in PUBLIC_MEASURES or level == "regione"))


MAP_MODES = ("absolute", "per_100k")
MAP_URL_KEYS = {"measure": "misura", "mode": "modo", "level": "livello"}  # the map's own URL parameters


MEASURE_TABLES = {**dict.fromkeys(CAPACITY_MEASURES, "capacity"), **dict.fromkeys(FLOW_MEASURES, "outreach")}


def default_measure(available) -> str:
    """The measure the map opens on: the first whose table has data in the user's territory
    (``delivery.Available``: places where reception data were sent, else contacts, else the public presences), so
    that nobody opens a blank map of a measure their territory has no data for."""
    for measure in MAP_MEASURES:
        table = MEASURE_TABLES.get(measure)
        if table is None or available is None or available.any(table):
            return measure
    return MAP_MEASURES[0]


def map_view_from_params(params, levels: tuple[str, ...], lang: str = "it",
                         measure: str | None = None) -> tuple[dict[str, str], list[str]]:
    """The map's measure, mode and level from URL query parameters (``misura``, ``modo``, ``livello``): the
    defaults (``measure``: the default measure, see :func:`default_measure`) where a parameter is missing; where it
    is invalid or not for this user (a level finer than their scope), the default and a notice in ``lang``."""
    allowed = {"measure": MAP_MEASURES, "mode": MAP_MODES, "level": levels}
    view = {name: values[0] for name, values in allowed.items() if values}
    if measure in MAP_MEASURES:
        view["measure"] = measure
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


def _check(scope: Scope, measure: str, level: str, lang: str) -> None:
    """Refuse a measure or level the map does not have (ValueError) or a level finer than the scope (PermissionError),
    with the reason in ``lang``."""
    if measure not in MAP_MEASURES:
        raise ValueError(t("system.map.bad_measure", lang, measure=measure, allowed=", ".join(MAP_MEASURES)))
    if level not in MAP_LEVELS:
        raise ValueError(t("system.map.bad_level", lang, level=level, allowed=", ".join(MAP_LEVELS)))
    if level not in map_levels(scope):
        raise PermissionError(t("system.map.level_too_fine", lang, level=level, allowed=scope.level))
    if level not in map_levels(scope, measure):
        raise ValueError(t("reference.map.regions_only", lang, level=level))


def _territory(table, level: str):
    """(the territory code column, the FROM clause): a fact table's province, or its region via provinces."""
    if level == "provincia":
        return table.c.province_code.label("code"), table
    provinces = Province.__table__
    return provinces.c.region_code.label("code"), table.join(provinces, provinces.c.code == table.c.province_code)


def _capacity_by(conn, question: Question, level: str, months: set[str]) -> pd.DataFrame:
    """Places, structures and published presences per territory over the given months (one snapshot month)."""
    table = Capacity.__table__
    code, source = _territory(table, level)
    stmt = (select(code, func.sum(table.c.places).label("places"), func.sum(table.c.structures).label("structures"),
                   *sum_pairs(table, ["occupied"]))
            .select_from(source).where(*conditions(conn, table, question, months)).group_by(code))
    return publish(read_frame(conn, stmt), ["occupied"], settings.ckm_params())


def _flows_by(conn, question: Question, level: str, measure: str, months: set[str]) -> pd.DataFrame:
    """One published cell per territory: the measure summed over all the months (not per period)."""
    table = Outreach.__table__
    code, source = _territory(table, level)
    stmt = (select(code, *sum_pairs(table, [measure]))
            .select_from(source).where(*conditions(conn, table, question, months)).group_by(code))
    return publish(read_frame(conn, stmt), [measure], settings.ckm_params())


def _flows_by_period(conn, question: Question, measure: str, keys: tuple[str, ...]) -> pd.DataFrame:
    """One published cell per period key: the measure summed over the months of each period. The months are
    mapped to their period in SQL by listing them (no arithmetic on month strings)."""
    table = Outreach.__table__
    months = {key: months_of(question.filters.unit, key) for key in keys}
    if not months:
        return pd.DataFrame({"period_key": [], measure: pd.array([], dtype="Int64"), f"{measure}_small": []})
    period = case(*[(table.c.period.in_(ms), literal(key)) for key, ms in months.items()], else_=None)
    stmt = (select(period.label("period_key"), *sum_pairs(table, [measure]))
            .where(*conditions(conn, table, question, {m for ms in months.values() for m in ms}))
            .group_by(period))
    return publish(read_frame(conn, stmt), [measure], settings.ckm_params())


_AREAS: dict[tuple[str, int | None], frozenset[tuple[str, str]]] = {}


def _project_areas(conn, question: Question) -> frozenset[tuple[str, str]]:
    """(project, province) pairs: where each project has sent outreach rows, in the data version asked. Public
    facts, the same for every user: for the current data read once per data version from a covering index of the
    outreach cube (ix_outreach_cube_areas) and kept; for an earlier version from the fact table."""
    cube = question.as_of is None and sql.USE_CUBE
    if cube:
        version = conn.execute(select(func.max(DataVersion.id)).where(DataVersion.status == "attiva")).scalar()
        key = (conn.engine.url.render_as_string(hide_password=True), version)
        if key in _AREAS:
            return _AREAS[key]
        cube_table = OutreachCube.__table__
        stmt = select(cube_table.c.project_code, cube_table.c.province_code).distinct().where(
            cube_table.c.dimension == CUBE_TOTAL)
    else:
        facts = Outreach.__table__
        stmt = select(facts.c.project_code, facts.c.province_code).distinct().where(
            *version_conditions(facts, question.as_of))
    areas = frozenset((str(project), str(province)) for project, province in conn.execute(stmt))
    if cube:
        _AREAS.clear()  # one data version at a time
        _AREAS[key] = areas
    return areas


def _active_territories(conn, question: Question, level: str, months) -> set[str]:
    """The territories where a project of the question (its programme and project filters) works in the period of
    ``months``: its dates cover some of those months and it has sent outreach rows for that territory at some time
    (``_project_areas``), within the provinces the question covers."""
    if not months:
        return set()
    first, last = min(months), max(months)
    start = dt.date(int(first[:4]), int(first[5:]), 1)
    end = dt.date(int(last[:4]), int(last[5:]), calendar.monthrange(int(last[:4]), int(last[5:]))[1])
    projects, filters = Project.__table__, question.filters
    wanted = [projects.c.start_date <= end, or_(projects.c.end_date.is_(None), projects.c.end_date >= start)]
    if filters.programme:
        wanted.append(projects.c.programme == filters.programme)
    if filters.project:
        wanted.append(projects.c.project_code == filters.project)
    active = set(conn.execute(select(projects.c.project_code).where(*wanted)).scalars())
    allowed = allowed_provinces(conn, question)
    provinces = {province for project, province in _project_areas(conn, question)
                 if project in active and (allowed is None or province in allowed)}
    if level == "provincia" or not provinces:
        return provinces
    p = Province.__table__
    return {str(r) for r in conn.execute(select(p.c.region_code).distinct().where(p.c.code.in_(sorted(provinces))))
            .scalars()}


def with_structural_zeros(cells: pd.DataFrame, measure: str, active: set[str]) -> pd.DataFrame:
    """Flow cells per territory, with a published 0 for every territory where a project works and nobody was
    counted (no rows). Without it the map would leave those territories empty ("n.d."), and an empty territory
    beside published zeros would say "truly nobody here" where a published 0 may hide a few people: the
    structure would tell what the noise hides. A territory where no project works stays empty (public)."""
    missing = sorted(active - set(cells["code"].astype(str)))
    if not missing:
        return cells
    zeros = pd.DataFrame({"code": missing, measure: pd.array([0] * len(missing), dtype="Int64"),
                          f"{measure}_small": False})
    return pd.concat([cells, zeros], ignore_index=True) if len(cells) else zeros


def _territories(conn, question: Question, level: str) -> pd.DataFrame:
    """Code, name, region code and resident population (public, ISTAT) of each territory of the question.
    A region's population counts only the provinces the question covers."""
    allowed = allowed_provinces(conn, question)
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
    frame = read_frame(conn, stmt)
    frame["population"] = frame["population"].astype("int64")
    return frame


def _measure_values(cells: pd.DataFrame, measure: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(value, small, mark) of the measure from published cells: capacity cells (places, occupied, occupied_small)
    or flow cells (measure, measure_small). Shares and free places use published presences; where presences
    show as "<k" they are not available. ``mark``: data_access.plausible's, for presences and occupancy."""
    no = pd.Series(False, index=cells.index)
    unmarked = pd.Series([None] * len(cells), index=cells.index, dtype=object)
    if measure in FLOW_MEASURES:
        return cells[measure].astype("Int64"), cells[f"{measure}_small"].astype(bool), unmarked
    mark = plausible.marks(cells["occupied"], cells["occupied_small"], cells["places"], settings.ckm_params().D)
    if measure == "places":
        return cells["places"].astype("Int64"), no, unmarked
    if measure == "occupied":
        return cells[measure].astype("Int64"), cells[f"{measure}_small"].astype(bool), mark
    occupied = cells["occupied"].astype("Float64")
    places = cells["places"].astype("Float64")
    if measure == "occupancy_rate":
        return plausible.occupancy(occupied, places, mark), no, mark
    free = (places - occupied).clip(lower=0)
    return free.round().astype("Int64"), no, unmarked


def _finish(frame: pd.DataFrame, measure: str, k: int, lang: str) -> pd.DataFrame:
    """Add rate_100k and the labels to a frame with value, value_small and population."""
    value = frame["value"].astype("Float64")
    population = frame["population"].astype("Float64")
    if measure in NO_RATE:
        frame["rate_100k"] = pd.array([pd.NA] * len(frame), dtype="Float64")
    else:
        frame["rate_100k"] = (value / population.where(population > 0) * PER_RESIDENTS).astype("Float64")
        frame.loc[frame["value_small"], "rate_100k"] = pd.NA
    marks = frame.get("occupancy_mark", pd.Series([None] * len(frame), index=frame.index))
    if measure == "occupancy_rate":
        frame["label"] = [fmt_occupancy(v, m, lang) for v, m in zip(frame["value"], marks, strict=True)]
    else:
        frame["label"] = [fmt_count(v, s, k, lang, mark=m)
                          for v, s, m in zip(frame["value"], frame["value_small"], marks, strict=True)]
    # a rate is not computed on a "<k" count: said so, not shown as missing data ("n.d.")
    frame["rate_label"] = [t("mappa.rate_small", lang, k=k) if small else fmt_number(v, 1, lang)
                           for v, small in zip(frame["rate_100k"], frame["value_small"], strict=True)]
    if "sent" in frame:  # a period nobody sent: said so, not "n.d."
        frame.loc[~frame["sent"].astype(bool), ["label", "rate_label"]] = t("realpath.not_sent", lang)
    if measure == "occupancy_rate":
        frame["percent"] = (frame["value"].astype("Float64") * 100).astype("Float64")
    return frame


@published_query
def map_values(scope: Scope, filters: Filters, measure: str, level: str, lang: str = "it", *, engine: Engine
               ) -> Published:
    """One published cell per territory (province or region) of the question that has data, for the map.

    Capacity measures (places, occupied, occupancy_rate, free_places) are at the snapshot month of the end
    period (its last month with data in the question); flows (contacts, potential_victims, take_ins) are
    summed over the months of the end period, one cell per territory (never over a free run of periods:
    ``Filters.total_months``).

    Columns: code, name, region_code, region_name, population (residents, public; a region's counts the
    provinces the question covers), structures (reception structures, for capacity measures; <NA> otherwise),
    value (published; <NA> where it shows as "<k" or cannot be computed),
    value_small, rate_100k (value per 100,000 residents; <NA> where the value is small, and always for
    occupancy_rate), label and rate_label (display text in ``lang``); for occupancy_rate also percent (the
    share x 100). ``attrs``: measure, level, unit, start, end, snapshot_month (capacity measures).
    """
    _check(scope, measure, level, lang)
    question = Question(scope, filters)
    if measure in PUBLIC_MEASURES:
        return _public_values(engine, question, measure, lang)
    with engine.connect() as conn:
        snapshot = None
        territories = _territories(conn, question, level)
        if measure in CAPACITY_MEASURES:
            snapshot = snapshot_months(conn, question, (filters.end,)).get(filters.end)
            cells = _capacity_by(conn, question, level, {snapshot} if snapshot else set())
        else:
            months = set(filters.total_months)
            cells = _flows_by(conn, question, level, measure, months)
            if set(territories["code"].astype(str)) - set(cells["code"].astype(str)):  # a territory without rows
                cells = with_structural_zeros(cells, measure, _active_territories(conn, question, level, months))
    value, small, mark = _measure_values(cells, measure)
    frame = pd.DataFrame({"code": cells["code"].astype(str), "value": value, "value_small": small,
                          "occupancy_mark": mark,
                          "structures": cells["structures"].astype("Int64") if "structures" in cells else
                          pd.array([pd.NA] * len(cells), dtype="Int64")})
    frame = territories.merge(frame, on="code", how="inner").sort_values("code").reset_index(drop=True)
    frame = _finish(frame, measure, settings.ckm_params().k, lang)
    frame.attrs.update(measure=measure, level=level, unit=filters.unit, start=filters.start or filters.end,
                       end=filters.end, snapshot_month=snapshot)
    return published(frame, engine, question)


@published_query
def map_series(scope: Scope, filters: Filters, measure: str = "contacts", level: str = "provincia",
               code: str | None = None, lang: str = "it", *, engine: Engine) -> Published:
    """The map's measure over each period of the filters, for one territory of the map (``code`` at
    ``level``) or, with ``code`` None, for the whole territory of the filters. Each period is its own
    published cell (capacity at the period's last month with data; flows summed over the period).

    Columns: period_key, value, value_small, occupancy_mark, sent, population, rate_100k, label, rate_label (and
    percent for occupancy_rate). Periods without data sent (no reception snapshot, no outreach row:
    data_access.delivery) have no value and ``sent`` False.
    """
    _check(scope, measure, level, lang)
    if code is not None:
        filters = _narrowed_to(engine, filters, level, code, lang)
    question = Question(scope, filters)
    if measure in PUBLIC_MEASURES:
        return _public_series(engine, question, measure, code, lang)
    keys = filters.periods
    with engine.connect() as conn:
        if measure in CAPACITY_MEASURES:
            cells = capacity_cells(conn, question, keys)
        else:
            cells = _flows_by_period(conn, question, measure, keys)
        population = _population(conn, question)
    sent = [key in set(cells["period_key"]) for key in keys]
    cells = cells.set_index("period_key").reindex(list(keys))
    small_column = f"{measure}_small" if measure in FLOW_MEASURES else "occupied_small"
    cells[small_column] = cells[small_column].astype("boolean").fillna(False)
    value, small, mark = _measure_values(cells, measure)
    frame = pd.DataFrame({"period_key": list(keys), "value": value.to_numpy(), "value_small": small.to_numpy(bool),
                          "occupancy_mark": mark.to_numpy(), "sent": sent, "population": population})
    frame["value"] = frame["value"].astype("Float64" if measure == "occupancy_rate" else "Int64")
    frame = _finish(frame, measure, settings.ckm_params().k, lang)
    frame.attrs.update(measure=measure, level=level, code=code, unit=filters.unit)
    return published(frame, engine, question)


def _narrowed_to(engine: Engine, filters: Filters, level: str, code: str, lang: str) -> Filters:
    """The filters narrowed to one territory of the map (a province or a region); ValueError for an unknown one."""
    if level == "provincia":
        with engine.connect() as conn:
            region = conn.execute(select(Province.region_code).where(Province.code == code)).scalar_one_or_none()
    else:
        region = code
    if region is None:
        raise ValueError(t("system.map.unknown_territory", lang, code=code))
    return filters.with_(region=region, province=code if level == "provincia" else None)


def _population(conn, question: Question) -> int:
    """The residents of the provinces a question covers (public, ISTAT)."""
    allowed = allowed_provinces(conn, question)
    p = Province.__table__
    return int(conn.execute(select(func.coalesce(func.sum(p.c.population), 0))
                            .where(*([p.c.code.in_(sorted(allowed))] if allowed is not None else [])))
               .scalar_one())


def _public_values(engine: Engine, question: Question, measure: str, lang: str) -> Published:
    """The map of a public measure: each region of the question's area at the latest report date on or before the
    end of the period, as published, with the rate on the region's residents; it cites the public data's version.
    ``attrs``: as :func:`map_values`, with report_date (of the values) and last_date (of the series)."""
    with engine.connect() as conn:
        frame, version = public_stats.map_regions(conn, question)
    report, last = frame.attrs.get("report_date"), frame.attrs.get("last_date")
    frame = _finish(frame.assign(value_small=False), measure, settings.ckm_params().k, lang)
    filters = question.filters
    frame.attrs.update(measure=measure, level="regione", unit=filters.unit, start=filters.start or filters.end,
                       end=filters.end, snapshot_month=None, report_date=report, last_date=last)
    return Published(frame, version, settings.ckm_params().k)


def _public_series(engine: Engine, question: Question, measure: str, code: str | None, lang: str) -> Published:
    """A public measure over the periods of the filters (the last report date within each period; missing where
    the period has none), for the region ``code`` or the question's area."""
    with engine.connect() as conn:
        frame, version = public_stats.map_periods(conn, question)
    last = frame.attrs.get("last_date")
    frame = _finish(frame.assign(value_small=False), measure, settings.ckm_params().k, lang)
    frame.attrs.update(measure=measure, level="regione", code=code, unit=question.filters.unit, last_date=last)
    return Published(frame, version, settings.ckm_params().k)
