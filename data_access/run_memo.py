"""One answer per script run: a value read once in a Streamlit script run and reused by the rest of that run
(issue 20). The shared cache's key holds the current data version (``sql.cache_version``), read from the database
at every published query: some thirty times in one page run. Within one run the page is drawn from one version;
the next run reads it again, so a load is still seen at the next run, as before.

Outside a script run (tests, the command line, the warmer's thread) nothing is kept: every call computes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

_ATTRIBUTE = "_cruscotto_run_memo"


def _run_token(ctx) -> Any:
    """An object made anew at each run of the session's script (Streamlit resets the context at each run)."""
    return getattr(ctx, "parallel_coordinator", None)


def _values() -> dict | None:
    """This run's memo (made anew at each run), or None outside a run."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
    except Exception:  # noqa: BLE001 - no Streamlit: no run
        ctx = None
    token = _run_token(ctx) if ctx is not None else None
    if token is None:
        return None
    memo = getattr(ctx, _ATTRIBUTE, None)
    if memo is None or memo[0] is not token:  # a new run: forget the last one's answers
        memo = (token, {})
        setattr(ctx, _ATTRIBUTE, memo)
    return memo[1]


def per_run(key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per script run for ``key``; outside a run, at every call."""
    values = _values()
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


def keep_for_run(key: Hashable, value: Any) -> None:
    """``value`` as this run's answer for ``key`` (what :func:`per_run` returns for it until the run ends); outside a
    run, nothing is kept."""
    values = _values()
    if values is not None:
        values[key] = value
