"""The territory map's queries.

:func:`map_values` gives one published cell per territory (province or region) for one measure, and
:func:`map_series` the same measure over the periods of the filters for one territory. Person counts are summed
with their cell keys in SQL per territory and perturbed by ``sql.publish``: a region's value is its own
published cell, never a sum of published provinces. The geometry the map draws is built by ``tools.topojson``.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, case, func, literal, select

from config import settings
from config.labels import fmt_count, fmt_number, fmt_percent, t
from data_access import public_stats
from data_access.models import Capacity, Outreach, Province, Region
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
    ratio,
    read_frame,
    snapshot_months,
    sum_pairs,
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
    """Places and published presences per territory over the given months (one snapshot month)."""
    table = Capacity.__table__
    code, source = _territory(table, level)
    stmt = (select(code, func.sum(table.c.places).label("places"), *sum_pairs(table, ["occupied"]))
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
def map_values(scope: Scope, filters: Filters, measure: str, level: str, lang: str = "it", *, engine: Engine
               ) -> Published:
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
    _check(scope, measure, level, lang)
    question = Question(scope, filters)
    if measure in PUBLIC_MEASURES:
        return _public_values(engine, question, measure, lang)
    with engine.connect() as conn:
        snapshot = None
        if measure in CAPACITY_MEASURES:
            snapshot = snapshot_months(conn, question, (filters.end,)).get(filters.end)
            cells = _capacity_by(conn, question, level, {snapshot} if snapshot else set())
        else:
            cells = _flows_by(conn, question, level, measure, set(filters.total_months))
        territories = _territories(conn, question, level)
    value, small = _measure_values(cells, measure)
    frame = pd.DataFrame({"code": cells["code"].astype(str), "value": value, "value_small": small})
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

    Columns: period_key, value, value_small, population, rate_100k, label, rate_label (and percent for
    occupancy_rate). Periods without reception data have no value; periods without outreach rows count 0.
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
    cells = cells.set_index("period_key").reindex(list(keys))
    if measure in FLOW_MEASURES:  # no rows in a period: nobody was counted
        cells[f"{measure}_small"] = cells[f"{measure}_small"].astype("boolean").fillna(False)
        cells[measure] = cells[measure].astype("Int64").fillna(0)
    else:
        cells["occupied_small"] = cells["occupied_small"].astype("boolean").fillna(False)
    value, small = _measure_values(cells, measure)
    frame = pd.DataFrame({"period_key": list(keys), "value": value.to_numpy(), "value_small": small.to_numpy(bool),
                          "population": population})
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
