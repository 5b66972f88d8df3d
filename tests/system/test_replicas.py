"""Beyond one machine: two app replicas on one PostgreSQL database behind nginx with sticky sessions.

The deployment of README.md ("More than one machine"), on loopback: a fresh PostgreSQL database with the seeds
demo data, two `streamlit run app.py` replicas with the same secrets (CKM secret and cookie key), and Debian's
nginx configured from deploy/nginx.conf.template. The test shows that:
- nginx keeps a browser on one replica (the `cruscotto_replica` cookie) and spreads browsers over both;
- a user's login is seen through either replica (the signed login cookie, checked against the shared users
  table), and a logout on one ends the session on the other;
- a data load is seen through either replica at their next run (the caches key on the shared data version).

Needs PostgreSQL (as the other PostgreSQL tests) and /usr/sbin/nginx (`apt-get install nginx`); skipped with the
reason where either is missing, except in CI, where both are required.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.request
from pathlib import Path
from string import Template

import pytest

from benchmarks.stclient import Server, Session, free_port, login_cookie, wait_healthy
from data_access import auth, imports
from tests.conftest import TEST_SECRET, _create_pg_database, _drop_pg_database, _require_pg, demo_database, require

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
COOKIE_KEY = "replica-test-cookie-key-not-for-production-0123"
ADMIN = "demo.amministratore"


def _require_nginx() -> None:
    require("the replica test is", None if Path(NGINX).exists() else f"{NGINX} not found (apt-get install nginx)",
            "CRUSCOTTO_REQUIRE_NGINX")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, demo_data):
    _require_pg()
    _require_nginx()
    url = _create_pg_database()
    engine = demo_database(url, demo_data)
    env = {"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode(), "CRUSCOTTO_COOKIE_KEY": COOKIE_KEY}
    logs = tmp_path_factory.mktemp("replicas")
    replicas = [Server(ROOT / "app.py", env=env, log=logs / f"replica-{name}.log") for name in "ab"]
    prefix = logs / "nginx"
    prefix.mkdir()
    listen = f"127.0.0.1:{free_port()}"
    conf = prefix / "nginx.conf"
    conf.write_text(Template((ROOT / "deploy" / "nginx.conf.template").read_text()).safe_substitute(
        LISTEN=listen, REPLICA_A=f"127.0.0.1:{replicas[0].port}", REPLICA_B=f"127.0.0.1:{replicas[1].port}",
        PREFIX=str(prefix)))
    nginx = None
    try:
        for replica in replicas:
            replica.start()
        check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(prefix)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://{listen}"
        assert wait_healthy(base, nginx, 30), nginx.stderr.read().decode() if nginx.poll() is not None else ""
        yield {"base": base, "engine": engine, "replicas": replicas, "url": url}
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        for replica in replicas:
            replica.stop()
        _drop_pg_database(url)
        shutil.rmtree(prefix, ignore_errors=True)


def _health(base: str, route: str | None = None) -> tuple[str, str | None]:
    """(the replica that answered, the sticky cookie nginx set) for one request, with or without the cookie."""
    request = urllib.request.Request(f"{base}/_stcore/health")
    if route:
        request.add_header("Cookie", f"cruscotto_replica={route}")
    with urllib.request.urlopen(request, timeout=5) as response:
        cookie = re.search(r"cruscotto_replica=([^;]+)", " ".join(response.headers.get_all("Set-Cookie") or []))
        return response.headers["X-Cruscotto-Replica"], cookie.group(1) if cookie else None


def _routes(deployment) -> dict[str, str]:
    """A sticky cookie value for each replica (by the replica's address)."""
    found: dict[str, str] = {}
    for _ in range(40):
        replica, cookie = _health(deployment["base"])
        found.setdefault(replica, cookie)
        if len(found) == 2:
            return found
    raise AssertionError(f"nginx sent 40 new browsers to the same replica: {found}")


def _session(deployment, route: str, login: dict) -> Session:
    return Session(deployment["base"], cookies={"cruscotto_replica": route, **login}, timeout=120)


def _version(run) -> int:
    """The data version in the page's source line ("... versione N")."""
    found = [int(m.group(1)) for text in run.texts() for m in [re.search(r"versione (\d+)", text)] if m]
    assert found, run.texts()
    return found[-1]


def test_nginx_keeps_a_browser_on_one_replica_and_spreads_browsers_over_both(deployment):
    routes = _routes(deployment)
    assert set(routes) == {f"127.0.0.1:{r.port}" for r in deployment["replicas"]}
    for replica, route in routes.items():
        for _ in range(5):  # the same browser (cookie) always reaches the same replica, and keeps its cookie
            assert _health(deployment["base"], route) == (replica, route)


def test_a_login_and_a_logout_are_seen_through_either_replica(deployment):
    routes = _routes(deployment)
    login = login_cookie(deployment["engine"], ADMIN, auth.DEMO_PASSWORD, COOKIE_KEY.encode())
    for route in routes.values():  # the same browser cookie, on each replica: logged in, on the page asked for
        with _session(deployment, route, login) as session:
            run = session.run("accoglienza", "unita=anno&da=2024&a=2024")
            assert run.ok, run.problem
            assert any(text.startswith("Utente: **Amministratore (demo)**") for text in run.texts()), run.texts()
            assert run.chart_specs()
    first, second = routes.values()
    with _session(deployment, first, login) as one, _session(deployment, second, login) as other:
        assert one.run("").ok and other.run("").ok
        auth.logout(deployment["engine"], ADMIN)  # what the logout button does, on the replica of `one`
        for session in (one, other):  # the next run on either replica shows the login form, no data
            run = session.run("")
            assert run.ok, run.problem
            assert any(el.label == "Nome utente" or el.label == "Username" for el in run.of_type("text_input"))
            assert not run.of_type("metric")
    with _session(deployment, second, login) as session:  # the old cookie no longer logs in anywhere
        assert session.run("").of_type("text_input")


def test_a_new_data_load_is_seen_through_either_replica(deployment):
    engine = deployment["engine"]
    routes = _routes(deployment)
    login = login_cookie(engine, ADMIN, auth.DEMO_PASSWORD, COOKIE_KEY.encode())
    query = "unita=mese&da=2025-12&a=2025-12&provincia=014"
    sessions = [_session(deployment, route, login) for route in routes.values()]
    try:
        before = [session.run("", query) for session in sessions]
        assert all(run.ok for run in before), [run.problem for run in before]
        version = {_version(run) for run in before}
        assert len(version) == 1  # both replicas show the same data version
        places_before = {_metric(run, "Posti") for run in before}
        assert len(places_before) == 1

        # a data steward's monthly upload for Sondrio, December 2025, loaded once into the shared database
        header = "periodo;provincia;comune;progetto;target;strutture;posti;presenze"
        report = imports.check(engine, f"{header}\n2025-12;014;;SAI-SONDRIO;uomini;25;400;380\n".encode(),
                               "sondrio-dicembre.csv", "capacity")
        assert report.ok, report.ordered()
        result = imports.apply(engine, report, actor=ADMIN)
        assert result.version is not None

        after = [session.run("", query) for session in sessions]  # the next run on each replica
        assert all(run.ok for run in after), [run.problem for run in after]
        assert {_version(run) for run in after} == {result.version}
        places_after = {_metric(run, "Posti") for run in after}
        assert len(places_after) == 1 and places_after != places_before
    finally:
        for session in sessions:
            session.close()


def _metric(run, label: str) -> str:
    values = [m.body for m in run.of_type("metric") if m.label.startswith(label)]
    assert values, [m.label for m in run.of_type("metric")]
    return values[0]


def test_a_cookie_signed_with_another_key_logs_in_on_neither_replica(deployment):
    """The replicas accept each other's cookies because they share the cookie key (test above); a cookie signed
    with any other key gets the login form on both."""
    token = login_cookie(deployment["engine"], ADMIN, auth.DEMO_PASSWORD, b"x" * 48)
    for route in _routes(deployment).values():
        with _session(deployment, route, token) as session:
            run = session.run("")
            assert run.of_type("text_input") and not run.of_type("metric")
