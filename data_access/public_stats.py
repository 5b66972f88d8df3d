"""The public statistics as the pages ask them: presences in the reception system by area and report date, and
landings by month (the reference layer; its files are loaded by data_access/public_files.py).

These are official statistics the Ministry of the Interior already publishes by region: they are shown as
published, never perturbed, and never summed with a protected count. A result cites its own data version (the
public load in force, or the one in force at the version an administrator asks for) and the dates of its data.

The area of a question follows the user's territorial level (``sql.allowed_provinces``): the regions of the
provinces a question covers, or all of Italy when it covers every province. A region's figures are those of the
whole region (the Ministry publishes no province); Italy's are the sums of the 20 regions at the same report date,
never the Ministry's own total rows. A report date the source misses stays a gap (a row marked ``missing``, no
value): nothing is carried over or interpolated.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, func, select

from config import settings
from data_access.models import Capacity, Project, Province, PublicLanding, PublicPresence, Region
from data_access.public_files import LANDINGS, PRESENCES, in_force, month_days
from data_access.scope import Filters, Scope, months_of, period_of_month
from data_access.sql import (
    Published,
    Question,
    allowed_provinces,
    conditions,
    publish,
    published_query,
    ratio,
    read_frame,
    snapshot_months,
    sum_pairs,
)

ITALY = "IT"  # the area code of Italy as a whole
SYSTEMS = ("hotspot", "centres", "sai")  # the parts of the reception system, in the order the charts draw them
RECEPTION_PROGRAMMES = {"SAI": "sai", "CAS": "centres"}  # project programmes -> the public series they belong to
LANDING_MONTHS = 24  # the months of the landings trend
SOURCE_URL = "https://datibenecomune.substack.com/"


# --- Dates ------------------------------------------------------------------------------------------------------
def month_end(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), month_days(month))


def period_end(filters: Filters | None) -> dt.date | None:
    """The last day of the filters' end period (None: no period, the latest data)."""
    if filters is None or not filters.end:
        return None
    return month_end(months_of(filters.unit, filters.end)[-1])


def year_before(day: dt.date) -> dt.date:
    """The report date twelve months earlier: the 15th, or the month's last day (29/02/2024 -> 28/02/2023)."""
    month = f"{day.year - 1:04d}-{day.month:02d}"
    return month_end(month) if day.day == month_days(day.strftime("%Y-%m")) else \
        dt.date(day.year - 1, day.month, min(day.day, month_days(month)))


def expected_dates(first: dt.date, last: dt.date) -> list[dt.date]:
    """The report dates the source publishes between two dates: the 15th and the last day of each month."""
    out, month = [], first.strftime("%Y-%m")
    while month <= last.strftime("%Y-%m"):
        out += [day for day in (dt.date(int(month[:4]), int(month[5:]), 15), month_end(month)) if first <= day <= last]
        year, number = int(month[:4]), int(month[5:])
        month = f"{year + number // 12:04d}-{number % 12 + 1:02d}"
    return out


# --- The area of a question ---------------------------------------------------------------------------------------
def area_regions(conn, question: Question) -> tuple[str, ...] | None:
    """The regions of the provinces a question covers (sorted), or None for all of Italy."""
    allowed = allowed_provinces(conn, question)
    if allowed is None:
        return None
    return tuple(sorted(set(conn.execute(select(Province.region_code)
                                         .where(Province.code.in_(sorted(allowed)))).scalars())))


def region_names(conn, codes) -> dict[str, str]:
    return dict(conn.execute(select(Region.code, Region.name).where(Region.code.in_(list(codes)))).all())


def _presences(conn, version: int, regions: tuple[str, ...] | None, *, first: dt.date | None = None,
               last: dt.date | None = None, dates=None, by_region: bool = False) -> pd.DataFrame:
    """Presences summed per report date (and per region with ``by_region``) over the regions (None: all), between
    two dates or at the given dates. Columns: report_date, [region_code,] hotspot, centres, sai, total,
    correction (a correction code where a row of the sum was corrected on load)."""
    t = PublicPresence.__table__
    group = [t.c.report_date, *([t.c.region_code] if by_region else [])]
    where = [t.c.version_id == version]
    if regions is not None:
        where.append(t.c.region_code.in_(list(regions)))
    if first is not None:
        where.append(t.c.report_date >= first)
    if last is not None:
        where.append(t.c.report_date <= last)
    if dates is not None:
        where.append(t.c.report_date.in_(list(dates)))
    frame = read_frame(conn, select(*group, *[func.sum(t.c[s]).label(s) for s in SYSTEMS],
                                    func.max(t.c.correction).label("correction"))
                       .where(*where).group_by(*group).order_by(*group))
    for system in SYSTEMS:
        frame[system] = frame[system].astype("Int64")
    frame["total"] = frame[list(SYSTEMS)].sum(axis=1).astype("Int64")
    return frame


def _latest_date(conn, version: int, end: dt.date | None) -> dt.date | None:
    """The latest report date on or before ``end`` (None: the latest of all)."""
    t = PublicPresence.__table__
    where = [t.c.version_id == version, *([t.c.report_date <= end] if end is not None else [])]
    return conn.execute(select(func.max(t.c.report_date)).where(*where)).scalar_one_or_none()


def _span(conn, version: int) -> tuple[dt.date | None, dt.date | None]:
    t = PublicPresence.__table__
    return conn.execute(select(func.min(t.c.report_date), func.max(t.c.report_date))
                        .where(t.c.version_id == version)).one()


def _result(frame: pd.DataFrame, version: int | None) -> Published:
    return Published(frame, version, settings.ckm_params().k)


# --- Panoramica: the national context -------------------------------------------------------------------------------
CONTEXT_COLUMNS = ["area", "area_name", "report_date", *SYSTEMS, "total", "previous_date", "previous_total",
                   "change", "correction"]


@published_query
def reception_context(scope: Scope, filters: Filters | None, *, engine: Engine) -> Published:
    """People in the reception system at the latest report date on or before the end of the filters' period, in
    each region of the question's area and in Italy (the last row), with the figure twelve months earlier and the
    relative change (missing where that date is a gap of the source).

    Columns: area (region code, or ITALY), area_name (the region's name; None for Italy), report_date, hotspot,
    centres, sai, total, previous_date, previous_total, change, correction. ``attrs``: first_date and last_date of
    the series in force."""
    question = Question(scope, filters)
    with engine.connect() as conn:
        version = in_force(conn, PRESENCES, question.as_of)
        if version is None:
            return _result(pd.DataFrame(columns=CONTEXT_COLUMNS), None)
        regions = area_regions(conn, question) or ()
        date = _latest_date(conn, version, period_end(question.filters))
        first, last = _span(conn, version)
        rows = [] if date is None else _context_rows(conn, version, regions, date)
    frame = pd.DataFrame(rows, columns=CONTEXT_COLUMNS)
    frame.attrs.update(first_date=first, last_date=last)
    return _result(frame, version)


def _context_rows(conn, version: int, regions: tuple[str, ...], date: dt.date) -> list[dict]:
    before = year_before(date)
    by_region = _presences(conn, version, None, dates=[date, before], by_region=True)
    names = region_names(conn, regions)
    rows = []
    for area in (*regions, ITALY):
        part = by_region if area == ITALY else by_region[by_region["region_code"] == area]
        now, then = part[part["report_date"] == date], part[part["report_date"] == before]
        total = int(now["total"].sum()) if len(now) else None
        previous = int(then["total"].sum()) if len(then) else None
        rows.append({"area": area, "area_name": names.get(area), "report_date": date,
                     **{s: int(now[s].sum()) if len(now) else None for s in SYSTEMS}, "total": total,
                     "previous_date": before, "previous_total": previous,
                     "change": (total - previous) / previous if total is not None and previous else None,
                     "correction": now["correction"].dropna().iloc[0] if now["correction"].notna().any() else None})
    return rows


# --- Accoglienza and the meeting pack: the area over time -----------------------------------------------------------
SERIES_COLUMNS = ["report_date", *SYSTEMS, "total", "missing", "correction"]


@published_query
def reception_series(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """The area's presences (summed over its regions, or Italy) at every report date within the months of the
    filters, with the dates the source misses as rows marked ``missing`` and no values.

    Columns: report_date, hotspot, centres, sai, total, missing, correction. ``attrs``: regions (codes, or None
    for Italy), region_names, first_date and last_date of the series in force, and for the one-line caption of
    the pack: latest_date and latest_total (the last date drawn) with before_date and before_total (twelve months
    earlier; None where a gap)."""
    question = Question(scope, filters)
    months = question.filters.months
    with engine.connect() as conn:
        version = in_force(conn, PRESENCES, question.as_of)
        regions = area_regions(conn, question)
        names = region_names(conn, regions or ())
        if version is None or not months:
            frame = pd.DataFrame(columns=SERIES_COLUMNS)
            frame.attrs.update(regions=regions, region_names=[names[c] for c in regions or ()], first_date=None,
                               last_date=None, latest_date=None, latest_total=None, before_date=None,
                               before_total=None)
            return _result(frame, version)
        first, last = _span(conn, version)
        start, end = max(first, month_end(months[0]).replace(day=1)), min(last, month_end(months[-1]))
        drawn = _presences(conn, version, regions, first=start, last=end)
        latest = drawn["report_date"].max() if len(drawn) else None
        before = _presences(conn, version, regions, dates=[year_before(latest)]) if latest else drawn.iloc[0:0]
    frame = _with_gaps(drawn, expected_dates(start, end) if start <= end else [])
    frame.attrs.update(regions=regions, region_names=[names[c] for c in regions or ()], first_date=first,
                       last_date=last, latest_date=latest,
                       latest_total=int(drawn["total"].iloc[-1]) if latest else None,
                       before_date=year_before(latest) if latest else None,
                       before_total=int(before["total"].iloc[0]) if len(before) else None)
    return _result(frame, version)


def _with_gaps(frame: pd.DataFrame, expected: list[dt.date]) -> pd.DataFrame:
    """The rows, and a row without values (``missing``) for each expected report date the data do not have."""
    gaps = sorted(set(expected) - set(frame["report_date"]))
    missing = pd.DataFrame({"report_date": gaps, **{c: pd.array([pd.NA] * len(gaps), dtype="Int64")
                                                    for c in (*SYSTEMS, "total")}, "correction": [None] * len(gaps)})
    out = pd.concat([frame.assign(missing=False), missing.assign(missing=True)], ignore_index=True)
    out = out.sort_values("report_date", kind="stable").reset_index(drop=True)
    for column in (*SYSTEMS, "total"):
        out[column] = out[column].astype("Int64")
    out["missing"] = out["missing"].astype(bool)
    return out[SERIES_COLUMNS]


# --- Accoglienza: the projects' share of the area's reception ----------------------------------------------------
SHARE_COLUMNS = ["period_key", "snapshot_month", "report_date", "public", "places", "occupied", "occupied_small",
                 "share"]


@published_query
def reception_share(scope: Scope, filters: Filters, *, engine: Engine) -> Published:
    """For each period of the filters: the projects' places and published presences at the period's snapshot
    month (SAI and CAS projects, the programmes of the Ministry's reception system), the area's public figure at
    the last report date of that month (of the period, without project data), and the projects' share of it
    (published presences over the public figure: a ratio, never a sum of the two).

    The public figure is the area's total, or its SAI series when the programme filter is SAI, its centres when it
    is CAS; for another programme there is nothing to compare (``attrs['system']`` None, no share).

    Columns: period_key, snapshot_month, report_date, public, places, occupied, occupied_small, share. ``attrs``:
    system, regions, region_names, last_date (of the public series)."""
    question = Question(scope, filters)
    programme = question.filters.programme
    system = "total" if programme is None else RECEPTION_PROGRAMMES.get(programme)
    keys = question.filters.periods
    with engine.connect() as conn:
        version = in_force(conn, PRESENCES, question.as_of)
        regions = area_regions(conn, question)
        names = region_names(conn, regions or ())
        last_date = None if version is None else _span(conn, version)[1]
        snap = snapshot_months(conn, question, keys)
        projects = _reception_projects(conn, question, set(snap.values()))
        months = {key: [snap[key]] if key in snap else list(months_of(question.filters.unit, key)) for key in keys}
        public = _presences(conn, version, regions, first=month_end(min(m for ms in months.values() for m in ms))
                            .replace(day=1), last=month_end(max(m for ms in months.values() for m in ms))) \
            if version is not None and keys else None
    rows = []
    for key in keys:
        dated = public[public["report_date"].map(lambda d: d.strftime("%Y-%m")).isin(months[key])] \
            if public is not None and len(public) else None
        last = dated.iloc[-1] if dated is not None and len(dated) else None
        cells = projects[projects["period"] == snap[key]] if key in snap else projects.iloc[0:0]
        rows.append({"period_key": key, "snapshot_month": snap.get(key),
                     "report_date": None if last is None else last["report_date"],
                     "public": None if last is None or system is None else int(last[system]),
                     "places": int(cells["places"].iloc[0]) if len(cells) else None,
                     "occupied": cells["occupied"].iloc[0] if len(cells) else pd.NA,
                     "occupied_small": bool(cells["occupied_small"].iloc[0]) if len(cells) else False})
    frame = pd.DataFrame(rows, columns=SHARE_COLUMNS[:-1])
    for column in ("public", "places", "occupied"):
        frame[column] = frame[column].astype("Int64")
    frame["occupied_small"] = frame["occupied_small"].astype(bool)
    frame["share"] = ratio(frame["occupied"], frame["public"])
    frame.attrs.update(system=system, regions=regions, region_names=[names[c] for c in regions or ()],
                       last_date=last_date)
    return _result(frame, version)


def _reception_projects(conn, question: Question, months: set[str]) -> pd.DataFrame:
    """Places and published presences of the SAI and CAS projects of the question, per month (each month its own
    published cell)."""
    t = Capacity.__table__
    projects = Project.__table__
    stmt = (select(t.c.period, func.sum(t.c.places).label("places"), *sum_pairs(t, ["occupied"]))
            .select_from(t.join(projects, projects.c.project_code == t.c.project_code))
            .where(*conditions(conn, t, question, months), projects.c.programme.in_(list(RECEPTION_PROGRAMMES)))
            .group_by(t.c.period))
    return publish(read_frame(conn, stmt), ["occupied"], settings.ckm_params())


# --- Landings by month (national) -------------------------------------------------------------------------------
LANDING_COLUMNS = ["period_key", "landed", "days", "month_days", "partial"]


@published_query
def landings_by_month(scope: Scope, filters: Filters | None, *, engine: Engine) -> Published:
    """People landed in Italy per month, over the LANDING_MONTHS months that end at the filters' end period (or
    at the last month of the data, when earlier). A month is the sum of its days; a month with days the data do
    not have is ``partial`` (the last one, counted to its last report), and a month without any is missing, not 0.

    Columns: period_key, landed, days, month_days, partial. ``attrs``: first_day and last_day of the data."""
    question = Question(scope, filters)
    t = PublicLanding.__table__
    with engine.connect() as conn:
        version = in_force(conn, LANDINGS, question.as_of)
        if version is None:
            return _result(pd.DataFrame(columns=LANDING_COLUMNS), None)
        first, last = conn.execute(select(func.min(t.c.day), func.max(t.c.day)).where(t.c.version_id == version)).one()
        end = min(last, period_end(question.filters) or last)
        months = _months_back(end.strftime("%Y-%m"), LANDING_MONTHS)
        days = read_frame(conn, select(t.c.day, t.c.landed).where(
            t.c.version_id == version, t.c.day >= dt.date(int(months[0][:4]), int(months[0][5:]), 1), t.c.day <= end))
    days["month"] = [d.strftime("%Y-%m") for d in days["day"]]
    sums = days.groupby("month").agg(landed=("landed", "sum"), days=("day", "count"))
    frame = pd.DataFrame({"period_key": months})
    frame["landed"] = pd.array([int(sums.at[m, "landed"]) if m in sums.index else pd.NA for m in months],
                               dtype="Int64")
    frame["days"] = [int(sums.at[m, "days"]) if m in sums.index else 0 for m in months]
    frame["month_days"] = [month_days(m) for m in months]
    frame["partial"] = (frame["days"] > 0) & (frame["days"] < frame["month_days"])
    frame = frame[frame["period_key"] >= first.strftime("%Y-%m")].reset_index(drop=True)
    frame.attrs.update(first_day=first, last_day=last)
    return _result(frame, version)


def _months_back(last: str, n: int) -> list[str]:
    index = int(last[:4]) * 12 + int(last[5:]) - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - n + 1, index + 1)]


# --- The map: presences per region ----------------------------------------------------------------------------------
def map_regions(conn, question: Question) -> tuple[pd.DataFrame, int | None]:
    """The map's values of the public presences: one row per region of the question's area (all regions for all
    of Italy) at the latest report date on or before the end of the period, with the region's residents.

    Returns (frame: code, name, region_code, region_name, population, value, correction, with ``attrs``
    report_date and last_date (of the series); the version)."""
    version = in_force(conn, PRESENCES, question.as_of)
    regions = area_regions(conn, question)
    r = Region.__table__
    territories = read_frame(conn, select(r.c.code, r.c.name, r.c.code.label("region_code"),
                                          r.c.name.label("region_name"), r.c.population)
                             .where(*([r.c.code.in_(list(regions))] if regions is not None else [])))
    date = None if version is None else _latest_date(conn, version, period_end(question.filters))
    values = _presences(conn, version, regions, dates=[date], by_region=True) if date else None
    frame = territories.assign(population=territories["population"].astype("int64"))
    totals = {} if values is None else dict(zip(values["region_code"], values["total"], strict=True))
    corrections = {} if values is None else dict(zip(values["region_code"], values["correction"], strict=True))
    frame["value"] = pd.array([totals.get(code, pd.NA) for code in frame["code"]], dtype="Int64")
    frame["correction"] = [corrections.get(code) if isinstance(corrections.get(code), str) else None
                           for code in frame["code"]]
    frame = frame[frame["value"].notna()].sort_values("code").reset_index(drop=True)
    frame.attrs.update(report_date=date, last_date=None if version is None else _span(conn, version)[1])
    return frame, version


def map_periods(conn, question: Question) -> tuple[pd.DataFrame, int | None]:
    """The public presences of the question's area (one region, when the map narrows the question to it), for
    each period of the filters: at the last report date within the period (missing where the period has none),
    with the residents of the area's regions.

    Returns (frame: period_key, value, report_date, population, with ``attrs`` last_date; the version)."""
    version = in_force(conn, PRESENCES, question.as_of)
    regions = area_regions(conn, question)
    population = int(conn.execute(select(func.coalesce(func.sum(Region.population), 0)).where(
        *([Region.code.in_(list(regions))] if regions is not None else []))).scalar_one())
    keys = question.filters.periods
    months = question.filters.months
    values = _presences(conn, version, regions, first=month_end(months[0]).replace(day=1),
                        last=month_end(months[-1])) if version is not None and months else None
    rows = []
    for key in keys:
        inside = values[[period_of_month(question.filters.unit, d.strftime("%Y-%m")) == key
                         for d in values["report_date"]]] if values is not None and len(values) else None
        last = inside.iloc[-1] if inside is not None and len(inside) else None
        rows.append({"period_key": key, "value": pd.NA if last is None else int(last["total"]),
                     "report_date": None if last is None else last["report_date"], "population": population})
    frame = pd.DataFrame(rows, columns=["period_key", "value", "report_date", "population"])
    frame["value"] = frame["value"].astype("Int64")
    frame.attrs["last_date"] = None if version is None else _span(conn, version)[1]
    return frame, version
