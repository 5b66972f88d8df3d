"""``streamlit run`` with every SQL statement the server sends logged to a file, for benchmarks/national.py.

    python benchmarks/serve.py app.py --server.port 8600 ...     (same arguments as ``streamlit run``)

With ``BENCH_SQL_LOG=/path`` set, and while the file ``/path.on`` exists, each statement and its parameters are
appended (pickled) to ``/path``, so the benchmark can replay exactly the SQL of one rerun, alone, as the floor of
that rerun's cost. With ``BENCH_RUN_LOG=/path`` set, the server-side time of each script run (from the start of
the run to its end, reruns asked by the script included) is appended to that file, one line per run in seconds.
With ``BENCH_PROFILE=/dir`` set, each script run is profiled (cProfile, in the script thread) and its statistics
written to ``/dir/run-N.prof`` (see benchmarks/profile_page.py). The warmer's lines (data_access/warm.py) go to
the server's log. Not for production.
"""

import logging
import os
import pickle
import sys
import threading

from sqlalchemy import event
from sqlalchemy.engine import Engine

# the warmer's lines ("preparazione: N ambiti in S s, E errori") in the server's log, for the harness to wait on
_warm_log = logging.getLogger("data_access.warm")
_warm_log.setLevel(logging.INFO)
_warm_log.addHandler(logging.StreamHandler(sys.stderr))

LOG = os.environ.get("BENCH_SQL_LOG")
_lock = threading.Lock()

if LOG:
    @event.listens_for(Engine, "before_cursor_execute")
    def _log(conn, cursor, statement, parameters, context, executemany):
        if not os.path.exists(LOG + ".on"):
            return
        with _lock, open(LOG, "ab") as out:
            pickle.dump((statement, parameters, executemany), out)


RUNS = os.environ.get("BENCH_RUN_LOG")
PROFILE = os.environ.get("BENCH_PROFILE")
if RUNS or PROFILE:
    import time

    from streamlit.runtime.scriptrunner import script_runner

    _run_script = script_runner.ScriptRunner._run_script

    import itertools

    _count = itertools.count()

    def _timed(self, rerun_data):
        profile = None
        if PROFILE:
            import cProfile

            profile = cProfile.Profile()
            profile.enable()
        started = time.perf_counter()
        try:
            return _run_script(self, rerun_data)
        finally:
            elapsed = time.perf_counter() - started
            if profile:
                profile.disable()
                with _lock:
                    profile.dump_stats(os.path.join(PROFILE, f"run-{next(_count):04d}.prof"))
            if RUNS:
                with _lock, open(RUNS, "a") as out:
                    out.write(f"{elapsed:.6f}\n")

    script_runner.ScriptRunner._run_script = _timed


if __name__ == "__main__":
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())
