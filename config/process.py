"""The server process: how often Python's garbage collector stops it (issue 20).

A server process holds every session's state and the shared caches of results, charts and tables: several hundred
thousand objects that live for minutes. With Python's default thresholds (700, 10, 10) the collector went through
all of them at every seventeenth full collection or so, and each full collection stopped every session for 0.26 s
on average, up to 0.58 s: during 60 s of twenty people working on the national data, 4.5 s of pauses
(docs/benchmarks.md, issue 20). Counting 20,000 allocations before a young collection, and collecting the older
generations after 50 and 100 of the younger ones, made the full collection rare (one in the same minute) and the
young ones no longer than 8 ms. Memory is still given back by reference counting as before; only cycles wait longer.

Applied once per server process, by app.py; not in a test of the app run inside the test process (Streamlit's
AppTest), whose collector is the test runner's.
"""

from __future__ import annotations

import gc
import sys

THRESHOLDS = (20_000, 50, 100)  # gc.set_threshold: allocations before a young collection, then the older ones
_settled = False


def settle() -> bool:
    """Set the collector's thresholds for this server process (once; later calls, and a test of the app, do
    nothing): True when they were set now."""
    global _settled
    if _settled or "streamlit.testing.v1" in sys.modules:
        return False
    gc.set_threshold(*THRESHOLDS)
    _settled = True
    return True
