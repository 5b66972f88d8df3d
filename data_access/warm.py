"""Warm after load: the filter choices and the default views of each scope in use are computed in the background
after a start, an import or a rollback, so the first user after a load does not wait seconds (issue 20).

One daemon thread per server process (:func:`start`, called by app.py at each run: only the first call starts it)
watches the cache's data version (``sql.cache_version``: project data or public statistics, whoever loaded them:
this server, the import worker, the command line, another replica) every :data:`POLL_SECONDS`, and
:func:`nudge` wakes it at once (after a load or a rollback in this process). When the version is new it warms,
for every scope of an active user (:func:`scopes_in_use`, at most :data:`MAX_SCOPES`, all of Italy first), every
published query that takes no argument of its own, for the default filters of the pages (the latest period, and
the range of recent periods the pages over time open with): through the shared cache of ``data_access.sql``, so
the entries are the very ones the pages ask for. A failure is logged and never reaches the load or a page; the
load never waits for the warming.
"""

from __future__ import annotations

import inspect
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable

from sqlalchemy import Engine, select

from config.labels import t
from data_access import sql
from data_access.scope import Filters, Scope, filters_from_params

LOG = logging.getLogger(__name__)
POLL_SECONDS = 5.0
MAX_SCOPES = 50

_lock = threading.Lock()
_thread: threading.Thread | None = None
_wake = threading.Event()
_state: dict = {"warmed": "unset", "runs": 0, "errors": 0, "last_seconds": None}


# --- What is warmed ---------------------------------------------------------------------------------------------
def default_queries() -> list[Callable]:
    """The published queries (cached form) that take no argument besides scope and filters (none optional either:
    the map's level depends on the scope, and the page chooses it): the data of every page."""
    found = []
    for name, uncached in sql.QUERIES.items():
        query = getattr(sys.modules[uncached.__module__], name, None)
        if query is None or not hasattr(query, "uncached"):
            continue
        extra = [p for p in inspect.signature(query).parameters.values()  # the map's level, a measure...: the
                 if p.name not in ("scope", "filters", "engine")]  # page chooses them, per scope: not guessed here
        if not extra:
            found.append(query)
    return found


def default_filters(choices) -> list[Filters]:
    """The filters a page opens with, as the filter bar reads an address without parameters: the latest period
    (Panoramica, the map) and the range of recent periods (the pages over time)."""
    filters = []
    for span in (False, True):
        default, _notices = filters_from_params({}, choices, span=span)
        if default not in filters:
            filters.append(default)
    return filters


def scopes_in_use(engine: Engine, limit: int = MAX_SCOPES) -> list[Scope]:
    """The distinct scopes of the active users (as app.py makes them, in Italian), all of Italy first."""
    from data_access import auth
    from data_access.models import User

    with engine.connect() as conn:
        names = list(conn.execute(select(User.username).where(User.active.is_(True)).order_by(User.username))
                     .scalars())
    scopes: list[Scope] = []
    for name in names:
        try:
            scope = auth.scope_for(engine, name)
        except Exception:  # noqa: BLE001 - a user whose scope cannot be made is skipped, not a reason to stop
            LOG.debug(t("speed.log.warm_no_scope", user=name), exc_info=True)
            continue
        if scope not in scopes:
            scopes.append(scope)
    scopes.sort(key=lambda s: (s.provinces is not None, s.level != "provincia"))
    return scopes[:limit]


def warm_scope(engine: Engine, scope: Scope, queries: Iterable[Callable] | None = None) -> int:
    """Compute the filter choices and the default views of one scope through the shared cache; the number of
    queries that failed (each logged)."""
    from data_access import queries as page_queries

    failed = 0
    choices = page_queries.filter_choices(scope, None, engine=engine)["choices"]
    for filters in default_filters(choices):
        for query in (queries if queries is not None else default_queries()):
            try:
                query(scope, filters, engine=engine)
            except Exception:  # noqa: BLE001 - logged; the next query is warmed all the same
                failed += 1
                name = getattr(query, "__name__", query)
                LOG.warning(t("speed.log.warm_query_failed", query=name, scope=scope.label), exc_info=True)
    return failed


def warm(engine: Engine, scopes: Iterable[Scope] | None = None) -> dict:
    """Warm every scope in use (or ``scopes``) now, in the calling thread: {"scopes", "errors", "seconds"}. Never
    raises: a failure is logged and counted."""
    started = time.perf_counter()
    done = errors = 0
    try:
        queries = default_queries()
        for scope in (scopes if scopes is not None else scopes_in_use(engine)):
            try:
                errors += warm_scope(engine, scope, queries)
            except Exception:  # noqa: BLE001 - one scope's failure does not stop the others
                errors += 1
                LOG.warning(t("speed.log.warm_scope_failed", scope=getattr(scope, "label", scope)), exc_info=True)
            done += 1
    except Exception:  # noqa: BLE001 - the warmer never fails a load or a page
        errors += 1
        LOG.warning(t("speed.log.warm_failed"), exc_info=True)
    seconds = time.perf_counter() - started
    LOG.info(t("speed.log.warm_done", scopes=done, seconds=seconds, errors=errors))
    return {"scopes": done, "errors": errors, "seconds": seconds}


# --- The background thread ----------------------------------------------------------------------------------------
def check_once(engine: Engine) -> dict | None:
    """Warm if the data version changed since the last warming (or none was done): the result, or None."""
    try:
        version = sql.cache_version(engine)
    except Exception:  # noqa: BLE001 - a database not answering now: tried again at the next poll
        LOG.debug(t("speed.log.warm_no_version"), exc_info=True)
        return None
    if version == _state["warmed"]:
        return None
    result = warm(engine)
    _state.update(warmed=version, runs=_state["runs"] + 1, errors=_state["errors"] + result["errors"],
                  last_seconds=result["seconds"])
    return result


def _loop(engine_url: str) -> None:
    from data_access.db import get_engine

    while True:
        try:
            check_once(get_engine(engine_url))
        except Exception:  # noqa: BLE001 - the thread lives on
            LOG.warning(t("speed.log.warm_check_failed"), exc_info=True)
        _wake.wait(POLL_SECONDS)
        _wake.clear()


def enabled() -> bool:
    """Whether this process warms: a server does, unless ``CRUSCOTTO_WARM=0``; a test run of the app (Streamlit's
    AppTest, in the test process) does not, so no background query runs under a test's feet."""
    return os.environ.get("CRUSCOTTO_WARM", "1") != "0" and "streamlit.testing.v1" not in sys.modules


def start(engine: Engine) -> bool:
    """Start this process's warming thread for the database of ``engine`` (once; later calls do nothing, as does
    a process that does not warm, :func:`enabled`): True when it was started now."""
    global _thread
    if not enabled():
        return False
    with _lock:
        if _thread is not None and _thread.is_alive():
            return False
        url = engine.url.render_as_string(hide_password=False)
        _thread = threading.Thread(target=_loop, args=(url,), name="cruscotto-warm", daemon=True)
        _thread.start()
        return True


def nudge() -> None:
    """Ask the warming thread to look at the data version now (after a load or a rollback in this process); does
    nothing where no thread runs (the import worker, the command line). Never raises."""
    try:
        _wake.set()
    except Exception:  # noqa: BLE001 - a nudge never fails the load that sends it
        LOG.debug(t("speed.log.warm_nudge_failed"), exc_info=True)


def status() -> dict:
    """The warming so far: the version last warmed, runs, errors, the last run's seconds, whether a thread runs."""
    return {**_state, "thread": _thread is not None and _thread.is_alive()}
