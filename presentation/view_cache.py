"""Pay once per question: what a page draws for a question is built once per process and reused by every session
that asks the same question (issue 20).

A chart of the registry is a pure function of the published result it draws, the page's words (language, unit,
territory, periods) and choices (``presentation.registry.ChartDef.chart``). :func:`cached_chart` keeps the built
Altair chart, and :func:`spec_of` its Vega-Lite spec and tables ready to send (``charts.to_spec``), under a key of

- the user's scope (from the session, an explicit part of the key: two scopes never share an entry),
- the chart's name, the words (language included) and the page's choices,
- the published result itself: its data version, threshold k, sparsity guard and a digest of its frame and attrs.
  The result is what the filters asked (``data_access.sql.published_query`` caches it by scope, filters and data
  version), so a filter change or a new load (a new data version, new values) gives a new key: entries of older
  data are never served again and leave the bounded cache as new ones come in (:func:`clear` drops them all).

The cache is process-wide (shared by all sessions of the process), bounded (:data:`MAX_ENTRIES`, least recently
used out first) and thread-safe. Entries are shared: nothing may modify a chart or a spec taken from it (Altair
charts are changed by making new ones; ``views.layout.show_chart`` copies the spec before adding to it).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd

from config.labels import t
from data_access import result_cache

log = logging.getLogger(__name__)

MAX_ENTRIES = 512  # charts with their tables and specs: tens of KB each on national data, a few tens of MB in all
_lock = threading.Lock()
_charts: OrderedDict[Hashable, Any] = OrderedDict()  # key -> Altair chart
_members: dict[int, Any] = {}  # id(chart) -> chart, for the charts in _charts
_specs: dict[int, tuple[dict, dict[str, pd.DataFrame]]] = {}  # id(chart) -> (spec, frames), charts of _charts only
_derived: dict[int, dict[Hashable, Any]] = {}  # id(chart) -> {name: value}, charts of _charts only
_stats = {"hits": 0, "misses": 0}


def session_scope() -> Hashable:
    """The scope of the session running this script (None outside a Streamlit run: the meeting pack's renderer,
    a test, the warmer, which pass their scope explicitly)."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        if get_script_run_ctx(suppress_warning=True) is None:
            return None
        import streamlit as st

        return st.session_state.get("scope")
    except Exception:  # noqa: BLE001 - no session: no scope in the key
        return None


CHECK_COPIES = "CRUSCOTTO_CHECK_COPIES"  # set ("1"): each copy of a stored result is checked against it (tests)


class ChangedResult(AssertionError):
    """A page changed a result of the shared cache (``CRUSCOTTO_CHECK_COPIES``): a defect of the page."""


def frame_digest(frame: pd.DataFrame) -> str:
    """A digest of a frame's columns, dtypes, index, values and attrs: equal frames, equal digests.

    A result of the shared cache (a copy ``data_access.result_cache.private_copy`` handed out) has the digest of the
    stored frame it copies, computed once per stored frame: digesting every result at every run was a seventh of a
    national Rete run. Pages never change a result; with ``CRUSCOTTO_CHECK_COPIES=1`` (every test run) the copy is
    digested too, and a copy that differs raises :class:`ChangedResult`."""
    stored = result_cache.origin(frame)
    if stored is None:
        return _digest(frame)
    digest = _stored_digests.get(stored)
    if digest is None:
        digest = _digest(stored)
        _stored_digests.put(stored, digest)
    if os.environ.get(CHECK_COPIES) == "1" and _digest(frame) != digest:
        raise ChangedResult(t("speed.log.result_changed", columns=", ".join(map(str, frame.columns))))
    return digest


_stored_digests = result_cache.ByIdentity()  # stored frame of the shared cache -> its digest


def _digest(frame: pd.DataFrame) -> str:
    """The digest itself. The values are taken as Python objects, not pickled as the frame is: a frame's pickle
    depends on how pandas holds it inside (blocks consolidated or not, Arrow chunks), which changes between the frame
    a query has just computed and its copies, and even after a frame is read."""
    canonical = (list(frame.columns), [str(d) for d in frame.dtypes], frame.index.to_numpy(dtype=object),
                 frame.to_numpy(dtype=object), dict(frame.attrs))
    return hashlib.blake2b(pickle.dumps(canonical, protocol=5), digest_size=16).hexdigest()


def result_key(published) -> tuple:
    """The part of the key that names the published result a chart draws (``data_access.sql.Published``)."""
    return (getattr(published, "data_version", None), getattr(published, "k", None),
            tuple(getattr(published, "guard", ())), getattr(published, "sparsity_max", None),
            frame_digest(published.frame))


def cached_chart(name: str, published, words: Hashable, choices: dict, build: Callable[[], Any], *,
                 scope: Hashable = None) -> Any:
    """The chart ``build()`` makes for this question, built once per key (see the module's docstring). A key that
    cannot be made (a result that cannot be digested) builds the chart without caching it."""
    try:
        key = (name, scope if scope is not None else session_scope(), words, tuple(sorted(choices.items())),
               result_key(published))
        hash(key)
    except Exception:  # noqa: BLE001 - an unusual result: draw it, uncached
        log.debug(t("speed.log.chart_uncached", chart=name), exc_info=True)
        return build()
    with _lock:
        if key in _charts:
            _charts.move_to_end(key)
            _stats["hits"] += 1
            return _charts[key]
    chart = build()
    with _lock:
        _stats["misses"] += 1
        if key in _charts:  # another session built it meanwhile: keep one
            return _charts[key]
        _charts[key] = chart
        _members[id(chart)] = chart
        while len(_charts) > MAX_ENTRIES:
            _, old = _charts.popitem(last=False)
            _members.pop(id(old), None)
            _specs.pop(id(old), None)
            _derived.pop(id(old), None)
    return chart


def cached_frame_chart(name: str, frame: pd.DataFrame, words: Hashable, build: Callable[[], Any]) -> Any:
    """A chart a page draws from a frame of its own rather than from the registry (the map page's ranking and
    trend): built once per key of its name, the session's scope, ``words`` (every other argument of the builder:
    title, language, notes...) and the frame's digest, as :func:`cached_chart`."""
    return cached_chart(name, _Frame(frame), words, {}, build)


def cached_table(name: str, published, words: Hashable, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """A table a page shows (``charts.table_view`` of a published result, or of a frame of the page's own), built
    once per key of its name, the session's scope, ``words`` (every other argument of the builder: language,
    options) and the result or frame, as :func:`cached_chart`. ``views.layout.show_table`` derives its text, its
    download key and its tinted cells once per table of the cache (:func:`derived`). Shared: never modified."""
    return cached_chart(name, published if hasattr(published, "frame") else _Frame(published), words, {}, build)


class _Frame:
    """A frame where :func:`result_key` expects a published result (no data version, k or guard of its own: the
    caller puts them in the words)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame


def spec_of(chart, convert: Callable[[Any], tuple[dict, dict]]) -> tuple[dict, dict[str, pd.DataFrame]]:
    """The chart's spec and tables (``convert(chart)``, i.e. ``charts.to_spec``), converted once for a chart of
    the cache; other charts are converted at each call."""
    with _lock:
        known = _members.get(id(chart)) is chart
        cached = _specs.get(id(chart)) if known else None
    if cached is not None:
        return cached
    converted = convert(chart)
    if known:
        with _lock:
            if _members.get(id(chart)) is chart:  # still in the cache
                _specs[id(chart)] = converted
    return converted


def derived(chart, name: Hashable, compute: Callable[[], Any]) -> Any:
    """A value the page derives from a chart of the cache (its spec's text for the downloads, the labels of its
    tables), computed once per chart; for other charts, computed at each call."""
    with _lock:
        known = _members.get(id(chart)) is chart
        values = _derived.setdefault(id(chart), {}) if known else None
        if values is not None and name in values:
            return values[name]
    value = compute()
    if values is not None:
        with _lock:
            if _members.get(id(chart)) is chart:
                values[name] = value
    return value


def clear() -> None:
    """Drop every entry."""
    with _lock:
        _charts.clear()
        _members.clear()
        _specs.clear()
        _derived.clear()


def stats() -> dict[str, int]:
    """Hits, misses and entries, for the benchmark and the tests."""
    with _lock:
        return {**_stats, "entries": len(_charts), "specs": len(_specs)}
