"""The shared cache of published results: one entry per question, for every session of the server process
(issue 20).

It replaced ``st.cache_data`` in front of the published queries. Streamlit's cache hashed every argument with its
own hasher and unpickled the stored result at every call: on a page asking some thirty questions, a fifth of the
time of a run that asked nothing new. Here the key is the arguments themselves (the query's name, the database,
the data version, the user's :class:`~data_access.scope.Scope`, the :class:`~data_access.scope.Filters`, the
arguments: all hashable values), and a hit is a dictionary lookup and a copy of the result (:func:`private_copy`:
a caller may change what it receives; the stored result stays as computed).

As before: entries live at most ``ttl`` seconds, at most ``max_entries`` are kept (least recently used out first),
and two sessions asking the same new question at once compute it once (the second waits for the first). A key that
cannot be hashed is computed without caching.
"""

from __future__ import annotations

import copy
import dataclasses
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd


class ResultCache:
    """``fn(*args)`` once per ``args`` (see the module's docstring); ``clear()`` forgets every entry."""

    def __init__(self, fn: Callable[..., Any], *, ttl: float, max_entries: int) -> None:
        self._fn, self._ttl, self._max = fn, ttl, max_entries
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.stats = {"hits": 0, "misses": 0}
        self.__wrapped__ = fn
        self.__doc__ = fn.__doc__

    def _fresh(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or time.monotonic() - entry[0] > self._ttl:
                return False, None
            self._entries.move_to_end(key)
            self.stats["hits"] += 1
            return True, entry[1]

    def __call__(self, *args: Any) -> Any:
        try:
            hash(args)
        except TypeError:  # an argument that cannot be a key: computed, not kept
            return self._fn(*args)
        found, value = self._fresh(args)
        if not found:
            with self._lock:
                computing = self._computing.setdefault(args, threading.Lock())
            try:
                with computing:  # one computation per question; the others wait for it
                    found, value = self._fresh(args)
                    if not found:
                        value = self._fn(*args)
                        self._store(args, value)
            finally:  # a query that fails leaves no lock behind
                with self._lock:
                    self._computing.pop(args, None)
        return private_copy(value)

    def _store(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self.stats["misses"] += 1
            self._entries[key] = (time.monotonic(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_SCALARS = frozenset({str, bytes, int, float, bool, type(None)})


def private_copy(value: Any) -> Any:
    """A copy of a stored result that its caller may change without changing the stored one.

    A frame or series is copied without its data (``copy(deep=False)``): pandas 3 copies on write, so a change to
    the copy (a column set, a cell through ``loc``) copies what it changes, and the arrays the copy hands out
    (``to_numpy``) are read-only. Its ``attrs`` are copied as pandas copies them, whole. A dict, a list, a tuple and
    a dataclass are copied around copies of what they hold; a string, a number or a frozenset of them is itself;
    anything else as :func:`copy.deepcopy` copies it (an object that knows it is immutable, such as the filter
    choices, returns itself). A deep copy of each frame took a tenth of a millisecond to a millisecond, some ten
    times a run. Each frame copy remembers the stored frame it was made of (:func:`origin`)."""
    if type(value) in _SCALARS or (type(value) is frozenset and all(type(item) in _SCALARS for item in value)):
        return value  # immutable: nothing a caller could change
    if isinstance(value, pd.DataFrame | pd.Series):
        copied = value.copy(deep=False)
        _origins.put(copied, value)
        return copied
    if type(value) is dict:
        return {key: private_copy(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(private_copy(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and not hasattr(value, "__deepcopy__"):
        return dataclasses.replace(value, **{field.name: private_copy(getattr(value, field.name))
                                             for field in dataclasses.fields(value) if field.init})
    return copy.deepcopy(value)


class ByIdentity:
    """A value for each live object, found by the object's identity: for objects that cannot be dictionary keys,
    such as frames. An entry goes when its object goes, so a new object at the same address never finds it."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref, Any]] = {}

    def get(self, obj: Any) -> Any:
        """The value put for ``obj``, or None."""
        entry = self._entries.get(id(obj))
        return entry[1] if entry is not None and entry[0]() is obj else None

    def put(self, obj: Any, value: Any) -> None:
        entries, key = self._entries, id(obj)

        def gone(ref: weakref.ref) -> None:  # called as the object goes, before its address can serve another
            if (entry := entries.get(key)) is not None and entry[0] is ref:
                entries.pop(key, None)

        entries[key] = (weakref.ref(obj, gone), value)

    def __len__(self) -> int:
        return len(self._entries)


_origins = ByIdentity()  # a frame handed out by private_copy -> the stored frame it was copied from


def origin(frame: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series | None:
    """The stored frame of the shared cache that ``frame``, a copy :func:`private_copy` handed out, was made of; None
    for any other frame. The copy holds the same values unless its caller changed it: pages never change a result
    (they lay out), and ``presentation.view_cache.frame_digest`` checks it where ``CRUSCOTTO_CHECK_COPIES`` is set,
    as in every test run."""
    return _origins.get(frame)
