"""The shared cache of published results: one entry per question, for every session of the server process
(issue 20).

It replaced ``st.cache_data`` in front of the published queries. Streamlit's cache hashed every argument with its
own hasher and unpickled the stored result at every call: on a page asking some thirty questions, a fifth of the
time of a run that asked nothing new. Here the key is the arguments themselves (the query's name, the database,
the data version, the user's :class:`~data_access.scope.Scope`, the :class:`~data_access.scope.Filters`, the
arguments: all hashable values), and a hit is a dictionary lookup and a copy of the result (``copy.deepcopy``: a
caller may change what it receives; the stored result stays as computed).

As before: entries live at most ``ttl`` seconds, at most ``max_entries`` are kept (least recently used out first),
and two sessions asking the same new question at once compute it once (the second waits for the first). A key that
cannot be hashed is computed without caching.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


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
        return copy.deepcopy(value)

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
