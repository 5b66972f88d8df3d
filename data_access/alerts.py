"""Segnalazioni: what a tavolo should look at between meetings, computed from published values and public data only.

Four rules (stated for readers on the Segnalazioni page and in the README; their parameters are in
``config/alerting.py``):

- ``full``: a project, in one province, at or above 95% occupancy in two months in a row: its last month sent (one of
  the last two months of the capacity table) and the month before, both sent. The occupancy is the published one
  (``data_access.plausible``): presences published above the places by at most D (shown "pieno*") count as full
  (100%); presences shown "<k" leave the occupancy unknown, which breaks the run. Since: the first month of the run.
- ``late``: a project, active in a month, that has not sent that month of a table it sends (capacity, outreach,
  services: the coverage table of Panoramica) by the deadline day of the following month. A project that sent
  nothing yet counts from its start. Since: the first month missing.
- ``action``: an action-plan item not completed whose due date is past (``overdue``, since the due date) or within
  30 days (``due``); the rule of Rete's overdue items, at today's date.
- ``trend``: a sharp change of a territory's monthly total (presences, contacts, take-ins) between the last month of
  the table and the month before, both sent: |change| > Z * sqrt(2V) (two independent noises of variance V differ by
  that much in fewer than 3 cases in 1,000 for Z = 3), the larger month at least MIN, |change| at least SHARE of the
  earlier month; neither month "<k". Provinces for the scopes that see provinces; regions for national and regional
  totals (a guest).

The rules run over every province and project (the same published cells any scope sees: a cell's noise depends on
the people in it, not on who asks), once per data version and day (:func:`refresh`), and are stored; each user then
sees the alerts of their scope (:func:`for_scope`), less those they dismissed (:func:`dismiss`, in the audit trail).
A guest sees only regional trends: no project, no province.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import math
from collections.abc import Iterable
from types import MappingProxyType

import pandas as pd
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError

from config import alerting, settings
from config.labels import fmt_count, fmt_month, fmt_occupancy, fmt_percent, t
from data_access import plausible, run_memo
from data_access import scope as periods
from data_access.auth.audit import add_event
from data_access.auth.common import utc, utc_now
from data_access.db import get_engine, session_scope
from data_access.models import (
    Action,
    Alert,
    AlertDismissal,
    AlertRun,
    Capacity,
    Outreach,
    Project,
    Province,
    Region,
    Service,
)
from data_access.result_cache import ResultCache
from data_access.scope import Scope
from data_access.sql import publish, read_frame, run_current_version, sum_pairs

RULES = ("full", "late", "action", "trend")
TREND_MEASURES = {"presenze": (Capacity, "occupied", "accoglienza"), "contatti": (Outreach, "contacts", "emersione"),
                  "prese_in_carico": (Outreach, "take_ins", "emersione")}
SENT_TABLES = {"capacity": Capacity, "outreach": Outreach, "services": Service}  # the coverage table's tables
CACHE_SECONDS = 3600


@dataclasses.dataclass(frozen=True)
class Found:
    """One alert: its rule, whom it concerns (level, provinces, region, project), since when, and the values of its
    sentence and its link (``details``: names, months, dates, published values; never a raw count)."""

    key: str
    rule: str
    since: str
    details: dict
    level: str = "provincia"
    provinces: tuple[str, ...] | None = ()
    region_code: str | None = None
    project_code: str | None = None

    def visible_to(self, scope: Scope) -> bool:
        """Whether a scope sees the alert: provinces for the scopes that see provinces (one of the alert's in the
        scope; a project with no data yet, of no province, only for a scope of all of Italy), regions for national and
        regional totals."""
        if scope.level != self.level:
            return False
        if scope.provinces is None:
            return True
        if self.level == "regione":
            return False  # a regional total is not a scope of provinces' to see
        return bool(self.provinces) and bool(set(self.provinces) & scope.provinces)

    # --- In words ---------------------------------------------------------------------------------------------
    def what(self, lang: str = "it") -> str:
        """What the alert says, in one sentence."""
        return SENTENCES[self.rule](self.details, lang)

    def where(self, lang: str = "it") -> str:
        """The territory (and project) it concerns."""
        d = self.details
        territory = d.get("territory") or t("territory.italy", lang)
        return f"{d['project_name']} – {territory}" if d.get("project_name") else territory

    def since_text(self, lang: str = "it") -> str:
        """Since when, as the rule counts it: a month ("da giugno 2025") or a day ("dal 30/06/2025")."""
        if len(self.since) == 7:
            return t("alerts.since.month", lang, month=fmt_month(self.since, lang))
        return t("alerts.since.day", lang, date=_day(self.since))

    @property
    def page(self) -> str:
        return self.details["page"]

    @property
    def params(self) -> dict[str, str]:
        """The URL parameters of the view that shows it (its filters)."""
        return dict(self.details.get("params", {}))


def _day(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


# --- Sentences ------------------------------------------------------------------------------------------------------
def _full_sentence(d: dict, lang: str) -> str:
    return t("alerts.what.full", lang, months=d["months"], month=fmt_month(d["month"], lang),
             rate=fmt_occupancy(d["rate"], d["mark"], lang), previous_month=fmt_month(d["previous_month"], lang),
             previous_rate=fmt_occupancy(d["previous_rate"], d["previous_mark"], lang))


def _late_sentence(d: dict, lang: str) -> str:
    tables = ", ".join(t(f"alerts.table.{name}", lang) for name in d["tables"])
    key = "alerts.what.late_never" if not d["tables"] else "alerts.what.late"
    return t(key, lang, tables=tables, month=fmt_month(d["month"], lang), deadline=_day(d["deadline"]),
             months=d["missing"])


def _action_sentence(d: dict, lang: str) -> str:
    return t(f"alerts.what.action_{d['kind']}", lang, code=d["code"], title=d["title"],
             status=t(f"status.{d['status']}", lang), due=_day(d["due"]), days=d["days"])


def _trend_sentence(d: dict, lang: str) -> str:
    k = settings.ckm_params().k
    return t("alerts.what.trend", lang, measure=t(f"alerts.measure.{d['measure']}", lang),
             before=fmt_count(d["before"], False, k, lang), previous_month=fmt_month(d["previous_month"], lang),
             now=fmt_count(d["now"], False, k, lang), month=fmt_month(d["month"], lang),
             change=fmt_percent(d["change"], 0, lang, signed=True) if d["change"] is not None else "",
             limit=fmt_count(d["limit"], False, k, lang))


SENTENCES = {"full": _full_sentence, "late": _late_sentence, "action": _action_sentence, "trend": _trend_sentence}


# --- The rules --------------------------------------------------------------------------------------------------
def _month_after(month: str, steps: int = 1) -> str:
    return periods.shift("mese", month, steps)


def _names(conn) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Province names, the region of each province, and region names."""
    rows = conn.execute(select(Province.code, Province.name, Province.region_code)).all()
    regions = dict(conn.execute(select(Region.code, Region.name)).all())
    return {r.code: r.name for r in rows}, {r.code: r.region_code for r in rows}, regions


def _range_params(end: str, since: str | None = None, span: int = 12) -> dict[str, str]:
    """A month range ending at ``end``: the last ``span`` months, or from ``since`` where that is earlier."""
    start = _month_after(end, -(span - 1))
    if since is not None and since < start:
        start = since
    return {"unita": "mese", "da": start, "a": end}


def _monthly_cells(conn, model, measures, by, months=None) -> pd.DataFrame:
    """Published person counts (and places, for capacity) of the current rows, per month and ``by`` (labelled
    columns), each group its own published cell (``sql.publish``); only ``months`` where given."""
    table = model.__table__
    plain = [func.sum(table.c.places).label("places")] if model is Capacity else []
    columns = [table.c.period, *by]
    where = [table.c.version_to.is_(None)] + ([table.c.period.in_(sorted(months))] if months is not None else [])
    frame = read_frame(conn, select(*columns, *plain, *sum_pairs(table, measures))
                       .select_from(_joined(model, by)).where(*where).group_by(*columns))
    return publish(frame, measures, settings.ckm_params())


def _joined(model, by):
    table = model.__table__
    names = {getattr(c, "name", None) for c in by}
    if "region_code" in names:
        return table.join(Province.__table__, Province.__table__.c.code == table.c.province_code)
    return table


def full_alerts(conn, rules: alerting.AlertRules, month: str | None = None) -> list[Found]:
    """Projects full (occupancy >= rules.full, published) in their last ``rules.full_months`` months in a row (see
    the module's doc). ``month``: the latest month considered (default: the capacity table's last month)."""
    c = Capacity.__table__
    frame = _monthly_cells(conn, Capacity, ["occupied"], [c.c.province_code, c.c.project_code])
    if month is not None:
        frame = frame[frame["period"] <= month]
    if frame.empty:
        return []
    latest = month or frame["period"].max()
    largest = settings.ckm_params().D
    frame["mark"] = plausible.marks(frame["occupied"], frame["occupied_small"], frame["places"], largest)
    frame["rate"] = plausible.occupancy(frame["occupied"], frame["places"], frame["mark"])
    provinces, _regions_of, _regions = _names(conn)
    projects = dict(conn.execute(select(Project.project_code, Project.name)).all())
    out = []
    for (province, project), rows in frame.sort_values("period").groupby(["province_code", "project_code"]):
        run = _full_run(rows, rules.full, latest)
        if len(run) < rules.full_months:
            continue
        last, before = run.iloc[-1], run.iloc[-2]
        since = run["period"].iloc[0]
        out.append(Found(
            key=f"full:{province}:{project}:{since}", rule="full", since=since, provinces=(province,),
            project_code=project, details={
                "project_name": projects.get(project, project), "territory": provinces.get(province, province),
                "months": len(run), "month": last["period"], "rate": _float(last["rate"]), "mark": last["mark"],
                "previous_month": before["period"], "previous_rate": _float(before["rate"]),
                "previous_mark": before["mark"], "page": "accoglienza",
                "params": {**_range_params(last["period"], since), "provincia": province, "progetto": project}}))
    return out


def _float(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _full_run(rows: pd.DataFrame, threshold: float, latest: str) -> pd.DataFrame:
    """The months of the run of full months that ends at the project's last month, consecutive months only; empty
    where that last month is older than the month before ``latest`` (the project no longer sends)."""
    rows = rows.reset_index(drop=True)
    if rows["period"].iloc[-1] < _month_after(latest, -1):
        return rows.iloc[0:0]
    end = len(rows) - 1
    start = end + 1
    while start > 0:
        i = start - 1
        full = rows.at[i, "rate"]
        if pd.isna(full) or float(full) < threshold:
            break
        if i < end and rows.at[i, "period"] != _month_after(rows.at[i + 1, "period"], -1):
            break
        start = i
    return rows.iloc[start:end + 1]


def due_month(today: dt.date, deadline_day: int) -> str:
    """The latest month that must have been sent by ``today``: last month after its deadline day, else the one
    before (on 16 February: January; on 15 February: December)."""
    this = today.strftime("%Y-%m")
    return _month_after(this, -1 if today.day > deadline_day else -2)


def late_alerts(conn, rules: alerting.AlertRules, today: dt.date) -> list[Found]:
    """Projects active in the month due by today that have not sent it (see the module's doc)."""
    due = due_month(today, rules.deadline_day)
    last: dict[str, dict[str, str]] = {}
    where: dict[str, set[str]] = {}
    for name, model in SENT_TABLES.items():
        table = model.__table__
        for project, month, province in conn.execute(
                select(table.c.project_code, func.max(table.c.period), table.c.province_code)
                .where(table.c.version_to.is_(None)).group_by(table.c.project_code, table.c.province_code)):
            last.setdefault(project, {})[name] = max(month, last.get(project, {}).get(name, month))
            where.setdefault(project, set()).add(province)
    provinces, _regions_of, _regions = _names(conn)
    out = []
    for project in conn.execute(select(Project.project_code, Project.name, Project.start_date, Project.end_date)):
        start = _as_date(project.start_date).strftime("%Y-%m")
        end = _as_date(project.end_date).strftime("%Y-%m") if project.end_date is not None else None
        if start > due or (end is not None and end < due):
            continue
        sent = last.get(project.project_code, {})
        late = sorted(name for name, month in sent.items() if month < due)
        if sent and not late:
            continue
        since = min((max(_month_after(sent[name]), start) for name in late), default=start)
        codes = tuple(sorted(where.get(project.project_code, ())))
        params = {"provincia": codes[0]} if len(codes) == 1 else {}
        after = _month_after(since)  # the first month missing was due by the deadline day of the month after it
        out.append(Found(
            key=f"late:{project.project_code}:{since}", rule="late", since=since, provinces=codes or None,
            project_code=project.project_code, details={
                "project_name": project.name, "territory": ", ".join(provinces.get(p, p) for p in codes),
                "tables": late, "month": since, "missing": len(list(periods.month_range(since, due))),
                "deadline": dt.date(int(after[:4]), int(after[5:]), rules.deadline_day).isoformat(),
                "page": "panoramica", "params": params}))
    return out


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def action_alerts(conn, rules: alerting.AlertRules, today: dt.date) -> list[Found]:
    """Action-plan items not completed by today, past their due date or due within ``rules.due_days`` days."""
    a = Action.__table__
    provinces, _regions_of, _regions = _names(conn)
    out = []
    for item in conn.execute(select(a.c.province_code, a.c.action_code, a.c.title, a.c.status, a.c.due_date,
                                    a.c.completed_date).where(a.c.version_to.is_(None), a.c.due_date.is_not(None))):
        due = _as_date(item.due_date)
        done = item.status == "completata" and (item.completed_date is None or _as_date(item.completed_date) <= today)
        if done or due > today + dt.timedelta(days=rules.due_days):
            continue
        kind = "overdue" if due < today else "due"
        since = due if kind == "overdue" else due - dt.timedelta(days=rules.due_days)
        out.append(Found(
            key=f"action:{item.province_code}:{item.action_code}:{kind}:{due.isoformat()}", rule="action",
            since=since.isoformat(), provinces=(item.province_code,), details={
                "territory": provinces.get(item.province_code, item.province_code), "kind": kind,
                "code": item.action_code, "title": item.title, "status": item.status, "due": due.isoformat(),
                "days": abs((today - due).days), "page": "rete", "params": {"provincia": item.province_code}}))
    return out


def noise_sd() -> float:
    """The standard deviation of the difference of two published values: √(2V), V the noise variance of the Cell
    Key Method; the trend rule flags a change beyond Z times it (the page states the rule with these figures)."""
    return math.sqrt(2 * settings.ckm_params().V)


def trend_alerts(conn, rules: alerting.AlertRules, month: str | None = None) -> list[Found]:
    """Sharp changes of provinces' and regions' monthly totals (see the module's doc)."""
    limit = rules.trend_z * noise_sd()
    provinces, regions_of, regions = _names(conn)
    out = []
    for measure, (model, column, page) in TREND_MEASURES.items():
        table = model.__table__
        now = month or conn.execute(select(func.max(table.c.period)).where(table.c.version_to.is_(None))).scalar()
        if now is None:
            continue
        before = _month_after(now, -1)
        for level, territory, names in (("provincia", table.c.province_code, provinces),
                                        ("regione", Province.__table__.c.region_code.label("region_code"), regions)):
            frame = _monthly_cells(conn, model, [column], [territory], (before, now))
            code = territory.name
            pair = frame.pivot(index=code, columns="period")
            for place in pair.index:
                found = _sharp(pair.loc[place], column, before, now, rules, limit)
                if found is None:
                    continue
                value, previous, change = found
                area = {"provincia": place} if level == "provincia" else {"regione": place}
                out.append(Found(
                    key=f"trend:{level}:{place}:{measure}:{now}", rule="trend", since=now, level=level,
                    provinces=(place,) if level == "provincia" else None,
                    region_code=regions_of.get(place) if level == "provincia" else place, details={
                        "territory": names.get(place, place), "measure": measure, "month": now,
                        "previous_month": before, "now": value, "before": previous, "change": change,
                        "limit": math.floor(limit) + 1, "page": page, "params": {**_range_params(now), **area}}))
    return out


def _sharp(cells: pd.Series, column: str, before: str, now: str, rules: alerting.AlertRules, limit: float):
    """(now, before, relative change) where the change between the two months is sharp, else None: both months
    sent and shown (not "<k"), |change| > limit, the larger month >= rules.trend_min, |change| >= rules.trend_share
    of the earlier month."""
    try:
        value, previous = cells[(column, now)], cells[(column, before)]
        small = bool(cells[(f"{column}_small", now)]) or bool(cells[(f"{column}_small", before)])
    except KeyError:
        return None
    if small or pd.isna(value) or pd.isna(previous):
        return None
    value, previous = int(value), int(previous)
    change = value - previous
    if abs(change) <= limit or max(value, previous) < rules.trend_min or abs(change) < rules.trend_share * previous:
        return None
    return value, previous, (change / previous if previous else None)


def compute(engine: Engine, today: dt.date, month: str | None = None,
            rules: alerting.AlertRules | None = None) -> list[Found]:
    """Every alert of the current data at ``today``, over every province and project. ``month``: the latest month
    the occupancy and trend rules consider (default: each table's last month), for tests on known months."""
    rules = rules or alerting.alert_rules()
    with engine.connect() as conn:
        return [*full_alerts(conn, rules, month), *late_alerts(conn, rules, today), *action_alerts(conn, rules, today),
                *trend_alerts(conn, rules, month)]


# --- Stored runs ------------------------------------------------------------------------------------------------
def _found(row) -> Found:
    """A stored alert, its details read-only (shared by every caller: :func:`run_alerts`)."""
    return Found(key=row.key, rule=row.rule, since=row.since, level=row.level,
                 details=MappingProxyType(json.loads(row.details)),
                 provinces=tuple(row.provinces.split(",")) if row.provinces else None, region_code=row.region_code,
                 project_code=row.project_code)


def refresh(engine: Engine, today: dt.date | None = None) -> int:
    """The run of the alerts for the current version of the project data and ``today``: the stored one, or computed
    and stored now (two processes at once: the second reads the first's). Returns the run's id."""
    today = today or dt.date.today()
    version = run_current_version(engine)  # as this run read it (the public statistics change no alert)
    existing = _run_id(engine, version, today)
    if existing is not None:
        return existing
    found = compute(engine, today)
    try:
        with session_scope(engine) as session:
            run = AlertRun(data_version=version, day=today, created_at=utc_now())
            session.add(run)
            session.flush()
            session.add_all(Alert(run_id=run.id, key=f.key, rule=f.rule, level=f.level,
                                  provinces=",".join(f.provinces) if f.provinces else None,
                                  region_code=f.region_code, project_code=f.project_code, since=f.since,
                                  details=json.dumps(f.details, ensure_ascii=False, default=str)) for f in found)
            run_id = run.id
    except IntegrityError:  # computed by another process meanwhile
        run_id = _run_id(engine, version, today)
    return run_id


def _run_id(engine: Engine, version: int | None, today: dt.date) -> int | None:
    with engine.connect() as conn:
        condition = AlertRun.data_version.is_(None) if version is None else AlertRun.data_version == version
        return conn.execute(select(func.max(AlertRun.id)).where(condition, AlertRun.day == today)).scalar()


def run_alerts(engine: Engine, run_id: int) -> list[Found]:
    """The alerts of a stored run, ordered by rule, then since.

    A stored run never changes (it is written whole, once, by :func:`refresh`), so its alerts are read and parsed
    once per process (:func:`_stored`): the whole country's run holds over a thousand, and Segnalazioni read them at
    every click of every user (issue 20). The :class:`Found` values are shared by every caller: frozen, their
    ``details`` read-only (a ``MappingProxyType``)."""
    return list(_stored(engine.url.render_as_string(hide_password=False), run_id))


@functools.lru_cache(maxsize=8)  # a run is one data version and one day: one or two are in use at any moment
def _stored(url: str, run_id: int) -> tuple[Found, ...]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(Alert.__table__).where(Alert.run_id == run_id).order_by(Alert.id)).all()
    order = {rule: i for i, rule in enumerate(RULES)}
    return tuple(sorted((_found(r) for r in rows), key=lambda f: (order[f.rule], f.since, f.key)))


def for_scope(engine: Engine, scope: Scope, today: dt.date | None = None) -> list[Found]:
    """The alerts in force that a scope sees (dismissals not applied)."""
    return [f for f in run_alerts(engine, refresh(engine, today)) if f.visible_to(scope)]


def _keys_of_scope(url: str, version: int | None, day: str, scope: Scope) -> frozenset[str]:
    """The keys a scope sees at a data version and day."""
    return frozenset(f.key for f in for_scope(get_engine(url), scope, dt.date.fromisoformat(day)))


# cached for everyone by (database, version, day, scope), in the process-wide cache of the published results (a
# lookup: Streamlit's cache hashed the scope and unpickled a national scope's 1,311 keys at every run)
_scope_keys = ResultCache(_keys_of_scope, ttl=CACHE_SECONDS, max_entries=512)


def visible_count(scope: Scope, username: str | None, engine: Engine | None = None,
                  today: dt.date | None = None) -> int:
    """How many alerts a user sees and has not dismissed: the sidebar's count. The scope's alerts are cached per
    scope, data version and day; the user's dismissals are one small query."""
    engine = engine or get_engine()
    keys = _scope_keys(engine.url.render_as_string(hide_password=False), run_current_version(engine),
                       (today or dt.date.today()).isoformat(), scope)
    return len(keys - dismissed_keys(engine, username)) if keys else 0


# --- Dismissals -------------------------------------------------------------------------------------------------
def dismissed_keys(engine: Engine, username: str | None) -> set[str]:
    """The keys of the alerts the user dismissed: read once per script run (the menu's count and the Segnalazioni
    page both ask; a click to dismiss or restore runs before the run reads them), at every call outside a run."""
    if not username:
        return set()
    url = engine.url.render_as_string(hide_password=False)
    return set(run_memo.per_run(("dismissed_keys", url, username), lambda: _dismissed(engine, username)))


def _dismissed(engine: Engine, username: str) -> frozenset[str]:
    with engine.connect() as conn:
        return frozenset(conn.execute(select(AlertDismissal.alert_key)
                                      .where(AlertDismissal.username == username)).scalars())


def dismiss(engine: Engine, username: str, found: Found) -> None:
    """Hide an alert for one user (and record it in the audit trail, with its rule and key)."""
    with session_scope(engine) as session:
        if session.get(AlertDismissal, (username, found.key)) is None:
            session.add(AlertDismissal(username=username, alert_key=found.key, dismissed_at=utc_now()))
            add_event(session, username, "alert_dismissed", "segnalazioni", _audited(found))


def _audited(found: Found) -> dict:
    return {"regola": found.rule, "segnalazione": found.key}


def restore(engine: Engine, username: str, found: Found) -> None:
    """Show a dismissed alert again (recorded in the audit trail)."""
    with session_scope(engine) as session:
        session.execute(delete(AlertDismissal).where(AlertDismissal.username == username,
                                                     AlertDismissal.alert_key == found.key))
        add_event(session, username, "alert_restored", "segnalazioni", _audited(found))


def split_dismissed(found: Iterable[Found], dismissed: set[str]) -> tuple[list[Found], list[Found]]:
    """The alerts shown and those the user dismissed."""
    found = list(found)
    return [f for f in found if f.key not in dismissed], [f for f in found if f.key in dismissed]


def last_run(engine: Engine) -> dict | None:
    """The latest stored run: its data version, day and time (for the page and ``manage.py alerts``)."""
    with engine.connect() as conn:
        row = conn.execute(select(AlertRun.__table__).order_by(AlertRun.id.desc()).limit(1)).first()
    if row is None:
        return None
    return {"id": row.id, "data_version": row.data_version, "day": _as_date(row.day), "at": utc(row.created_at)}
