"""Many users at once: 20 sessions work through the pages of one real server at the same time.

One `streamlit run app.py` on the seeds demo data (SQLite); 20 websocket sessions (benchmarks/stclient.py, the
protocol the browser speaks), logged in as the three demo roles, each opening the pages its role may see with
changing filters for a bounded time (``CRUSCOTTO_CONCURRENCY_SECONDS``, default 30), with a short pause between
runs like a person reading. Every run must finish without an exception; each session must only ever show its
own user (no session crosses another under load); and the same question asked by two sessions at once must get
the same published figures. The median and 90th percentile run time are printed and written to
test-artifacts/concurrency.txt. The national-scale figures come from benchmarks/national.py (docs/benchmarks.md).
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
from pathlib import Path

import pytest

from benchmarks.stclient import Server, Session, login_cookie
from config.navigation import PAGES
from data_access import auth
from tests.conftest import TEST_SECRET, demo_database

ROOT = Path(__file__).resolve().parents[2]
COOKIE_KEY = "test-cookie-key-not-for-production-0123456789"
SESSIONS = 20
SECONDS = float(os.environ.get("CRUSCOTTO_CONCURRENCY_SECONDS", "30"))
MIN_RUNS = 3  # every session works at least this many runs, however slow the machine (then stops at SECONDS)
USERS = ["demo.amministratore", "demo.prefettura", "demo.tavolo"]
URLS = {url: ("" if i == 0 else url) for i, (_path, _key, _icon, url) in enumerate(PAGES)}
QUERIES = ["", "unita=anno&da=2023&a=2024", "unita=trimestre&da=2024-T1&a=2025-T2", "unita=mese&da=2025-01&a=2025-06",
           "unita=mese&da=2021-01&a=2021-12", "unita=anno&da=2019&a=2025"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, demo_data):
    url = f"sqlite:///{tmp_path_factory.mktemp('concurrency') / 'app.db'}"
    engine = demo_database(url, demo_data)
    env = {"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode(), "CRUSCOTTO_COOKIE_KEY": COOKIE_KEY}
    with Server(ROOT / "app.py", env=env, log=tmp_path_factory.mktemp("log") / "streamlit.log") as running:
        running.engine = engine
        yield running


def _territory_caption(run) -> str | None:
    """The user line of the sidebar ("Utente: ... (role)"), present on every page once logged in."""
    return next((text for text in run.texts() if text.startswith("Utente:")), None)


def test_twenty_sessions_work_through_the_pages_at_once(server):
    cookies = {user: login_cookie(server.engine, user, auth.DEMO_PASSWORD, COOKIE_KEY.encode()) for user in USERS}
    accounts = {u["username"]: u for u in auth.list_users(server.engine)}
    pages = {user: [URLS[p] for p in URLS if p in auth.pages_for(accounts[user]["role"])] for user in USERS}
    names = {user: accounts[user]["name"] for user in USERS}
    times: list[float] = []
    errors: list[str] = []
    per_session: list[int] = [0] * SESSIONS
    headlines: dict[tuple, set] = {}
    lock = threading.Lock()
    start = threading.Barrier(SESSIONS)

    def user(index: int) -> None:
        username = USERS[index % len(USERS)]
        rng = random.Random(index)
        try:
            with Session(server.base, cookies=cookies[username], timeout=180) as session:
                start.wait(timeout=180)
                stop = time.monotonic() + SECONDS
                done = 0
                while time.monotonic() < stop or done < MIN_RUNS:
                    done += 1
                    page, query = rng.choice(pages[username]), rng.choice(QUERIES)
                    run = session.run(page, query)
                    caption = _territory_caption(run)
                    with lock:
                        times.append(run.seconds)
                        per_session[index] += 1
                        if run.problem:
                            errors.append(f"{username} {page}?{query}: {run.problem}")
                        elif caption is None or names[username] not in caption:
                            errors.append(f"{username} {page}?{query}: user line {caption!r}")
                        # Panoramica's published headline figures for an address that names its filters (an
                        # address without any carries the filters of the user's previous page: issue 14)
                        if page == "" and query and not run.problem:
                            metrics = tuple(sorted(m.body for m in run.of_type("metric")))
                            headlines.setdefault((username, query), set()).add(metrics)
                    time.sleep(rng.uniform(0.1, 0.5))
        except Exception as exc:  # noqa: BLE001 - any failure of a session is a test failure, reported below
            with lock:
                errors.append(f"{username} session {index}: {exc!r}")

    threads = [threading.Thread(target=user, args=(i,)) for i in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 600)
    times.sort()
    summary = (f"{SESSIONS} sessions for {SECONDS:.0f} s against one server (seeds demo data, SQLite): "
               f"{len(times)} runs, {len(errors)} errors, median {statistics.median(times) * 1000:.0f} ms, "
               f"p90 {times[int(len(times) * 0.9)] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; "
               f"server peak memory {server.memory()['VmHWM'] / 2**20:.0f} MB")
    print("\n" + summary)
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "concurrency.txt").write_text(summary + "\n", encoding="utf-8")
    assert not errors, "\n".join(errors[:20])
    assert min(per_session) >= MIN_RUNS, per_session  # no session stopped early (a dead socket, a hang)
    differing = {key: seen for key, seen in headlines.items() if len(seen) != 1}
    assert not differing, differing  # one question, one published answer
    assert "Traceback" not in server.log_text()

