"""The check and the load of an upload, run in a process of their own so that the server keeps serving every other
session meanwhile.

A Streamlit server is one Python process: a long call that holds the interpreter (reading a large XLSX, converting
100,000 rows, a load of 10 s and 450 MB at its peak) would stall every page and the health check, and the memory it
took would stay with the server. Here the page starts a :class:`Job`: a fresh ``python -m
data_access.imports.worker`` reads its request (the file's bytes and the arguments, pickled) on its standard input,
checks the file (and, for a load, checks it again and loads it, reporting progress), and writes its result on its
standard output. Two threads of the server feed and read the pipes, so the page only waits on an event, and can
stop waiting (a click elsewhere, a closed tab) without losing the job: the session keeps it and shows its outcome
when the page is next drawn. The process ends with its job: its memory goes back to the system.

The child records a refused upload in the audit trail itself, so the record is made even when nobody waits for
the answer. The results are the report without its converted rows (``Report.without_rows``): messages, preview
and figures only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from config.phrases import Phrase, PhraseError

ROOT = Path(__file__).resolve().parents[2]
PROGRESS = b"\x1eprogress "  # a progress line on the child's standard error: marker, share, newline
JOB_SECONDS = 900  # a job still running after this is stopped (a load is one transaction: nothing stays half done)
STDERR_LINES = 20  # the last lines of the child's standard error kept for the log when it fails
LOG = logging.getLogger(__name__)


class WorkerFailed(PhraseError):
    """The process checking or loading a file ended without an answer (killed, out of memory, timed out)."""


@dataclass
class Job:
    """A check or a load running in its own process; ``result`` once ``done`` is set: a Report, a (Report,
    LoadResult) pair for a load, or the exception the work raised (FileProblem, ConfigError, WorkerFailed...)."""

    kind: str
    process: subprocess.Popen
    started: float = field(default_factory=time.monotonic)
    progress: float = 0.0
    result: object = None
    done: threading.Event = field(default_factory=threading.Event)
    errors: list[str] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def wait(self, timeout: float) -> bool:
        return self.done.wait(timeout)

    def stop(self) -> None:
        """End the job's process (a check no one waits for any more); its result is then a WorkerFailed."""
        if not self.done.is_set():
            self.process.kill()


def start(kind: str, database_url: str, **arguments) -> Job:
    """Start a job: ``kind`` "check" or "load"; ``arguments``: those of checking.check, plus ``actor`` (who is
    recorded in the audit trail)."""
    process = subprocess.Popen([sys.executable, "-m", "data_access.imports.worker"], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    job = Job(kind, process)
    request = pickle.dumps((kind, database_url, arguments), protocol=pickle.HIGHEST_PROTOCOL)
    threading.Thread(target=_progress, args=(job,), daemon=True, name="import-progress").start()
    threading.Thread(target=_exchange, args=(job, request), daemon=True, name="import-job").start()
    return job


def _progress(job: Job) -> None:
    for line in job.process.stderr:
        if line.startswith(PROGRESS):
            with contextlib.suppress(ValueError):
                job.progress = float(line[len(PROGRESS):])
        else:
            job.errors = [*job.errors[-STDERR_LINES + 1:], line.decode("utf-8", "replace").rstrip()]


def _exchange(job: Job, request: bytes) -> None:
    """Feed the request, read the answer, and set the result (a WorkerFailed when there is none)."""
    timer = threading.Timer(JOB_SECONDS, job.process.kill)
    timer.start()
    try:
        answer, _ = job.process.communicate(request)
    except (OSError, ValueError):
        answer = b""
    finally:
        timer.cancel()
    try:
        status, result = pickle.loads(answer)
    except Exception:  # noqa: BLE001 - no answer, or a truncated one: the process died
        status, result = "error", WorkerFailed(Phrase("imports.worker.failed", code=job.process.returncode))
        for line in job.errors:  # the child's last words, for the server's log
            LOG.warning("%s", line)
    job.result = result
    job.progress = 1.0 if status == "ok" else job.progress
    job.done.set()
    if status == "ok":  # a load may have made a new data version: warmed in the background (data_access/warm.py)
        from data_access import warm

        warm.nudge()


def preflight(engine) -> None:
    """What a load needs from the configuration, checked where the page runs before a load starts (ConfigError,
    e.g. no CKM secret outside demo mode): the page says it at once, and the worker is not started for nothing."""
    from config import settings
    from data_access import loading

    settings.ckm_secret(demo_mode=loading.data_state(engine)["demo"])


# --- The child ----------------------------------------------------------------------------------------------
def _check(engine, arguments: dict):
    from data_access.imports import applying, checking, corrections
    from data_access.imports.report import FileProblem

    actor = arguments.pop("actor", None)
    try:
        report = checking.check(engine, **arguments)
    except FileProblem as problem:
        applying.record_refusal(engine, actor, arguments["file_name"], arguments["table"], None, str(problem))
        raise
    if not report.ok:
        applying.record_refusal(engine, actor, arguments["file_name"], arguments["table"], report)
    else:  # told before the load, while the rows are at hand (the page keeps the report without them)
        report.held_rows = corrections.held_rows(engine, report, actor)
    return report


def _run(kind: str, database_url: str, arguments: dict, progress) -> object:
    from data_access import db
    from data_access.imports import applying

    engine = db.get_engine(database_url)
    actor = arguments.get("actor")
    report = _check(engine, arguments)  # a load checks the file again: the data may have changed since the preview
    if kind == "check" or not report.ok:
        return report.without_rows()
    loaded = applying.apply(engine, report, actor=actor, progress=progress)
    return report.without_rows(), loaded


def main() -> None:
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever else is printed goes to standard error, never into the answer
    kind, database_url, arguments = pickle.load(sys.stdin.buffer)

    def progress(share: float) -> None:
        sys.stderr.buffer.write(PROGRESS + f"{min(max(share, 0.0), 1.0):.3f}\n".encode())
        sys.stderr.flush()

    try:
        result = ("ok", _run(kind, database_url, arguments, progress))
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the page, which says it
        result = ("error", exc)
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled: say what it was
        data = pickle.dumps(("error", WorkerFailed(f"{type(exc).__name__}: {exc}")))
    answer.write(data)
    answer.flush()


if __name__ == "__main__":
    main()
