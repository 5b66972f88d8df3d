"""Shared fixtures: fresh databases on both backends, and a demo-seeded database per backend.

PostgreSQL: ``TEST_POSTGRES_URL`` names a server (a maintenance database such as ``postgres``); each test
database is created fresh and dropped afterwards. Without it, a server on 127.0.0.1:5432 is tried. Where none
answers, PostgreSQL tests skip with the reason, except when ``CRUSCOTTO_REQUIRE_POSTGRES=1`` (as in CI), where
they fail.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from data_access import db, public_files, reference

# Every copy of a stored result a page draws is checked against the stored one (presentation.view_cache.frame_digest):
# a page that changes a result fails its tests. Inherited by the servers the browser tests start.
os.environ.setdefault("CRUSCOTTO_CHECK_COPIES", "1")

TEST_SECRET = b"test-secret-not-for-production-0123456789"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _pg_admin_url() -> str:
    url = make_url(os.environ.get("TEST_POSTGRES_URL") or DEFAULT_PG)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


_pg_problem: list[str] = []


def _pg_available() -> str | None:
    """None if a server answers, else the reason."""
    if _pg_problem:
        return _pg_problem[0] or None
    try:
        engine = create_engine(_pg_admin_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        _pg_problem.append("")
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "no server"
        reason = f"no PostgreSQL server at {make_url(_pg_admin_url()).render_as_string()}: {str(exc).splitlines()[0]}"
        _pg_problem.append(reason)
        return reason


def require(what: str, missing: str | None, switch: str) -> None:
    """Go on when nothing is ``missing``; otherwise skip with the reason, or fail where the component is required
    (``switch``=1, as .ci/run sets, or in CI)."""
    if missing is None:
        return
    if os.environ.get(switch) == "1" or os.environ.get("CI"):
        pytest.fail(f"{what} required here (CI) but {missing}")
    pytest.skip(missing)


def _require_pg() -> None:
    require("PostgreSQL is", _pg_available(), "CRUSCOTTO_REQUIRE_POSTGRES")


def _create_pg_database() -> str:
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"cruscotto_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(url: str) -> None:
    name = make_url(url).database
    db.get_engine(url).dispose()
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _new_database(backend: str, directory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{directory / f'test-{uuid.uuid4().hex[:8]}.db'}"
    _require_pg()
    return _create_pg_database()


@pytest.fixture(params=BACKENDS)
def empty_db(request, tmp_path):
    """The URL of a brand-new, empty database (no schema)."""
    url = _new_database(request.param, tmp_path)
    yield url
    if request.param == "postgresql":
        _drop_pg_database(url)


@pytest.fixture
def migrated_engine(empty_db):
    """An engine on a fresh database migrated to head with the reference territories."""
    engine = db.get_engine(empty_db)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    return engine


@pytest.fixture(scope="session")
def demo_data():
    import demo

    return demo.generate("seeds", 42)


@pytest.fixture(scope="session", params=BACKENDS)
def seeded_engine(request, tmp_path_factory, demo_data):
    """A database per backend with the seeds-scale demo data (version 1) and the public statistics (version 2)
    loaded (shared by the read-only tests)."""
    from data_access import loading

    url = _new_database(request.param, tmp_path_factory.mktemp("seeded"))
    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    loading.load(engine, secret=TEST_SECRET, kind="demo", source="demo:seeds:seed=42",
                 frames=demo_data.frames, projects=demo_data.projects)
    public_files.ensure_loaded(engine)  # the public statistics, as `make run` has them (their own version)
    yield engine
    if request.param == "postgresql":
        _drop_pg_database(url)


APP = str(Path(__file__).resolve().parent.parent / "app.py")


def demo_database(url: str, demo_data):
    """A database at ``url`` migrated, with the territories, the seeds demo data, the public statistics and the
    demo accounts: what a test server (browser, concurrency, replicas) runs on. Returns its engine."""
    from data_access import auth, loading

    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    loading.load(engine, secret=TEST_SECRET, kind="demo", source="demo:seeds:seed=42", frames=demo_data.frames,
                 projects=demo_data.projects)
    public_files.ensure_loaded(engine)  # the public statistics, as `make run` has them (their own version)
    auth.ensure_demo_users(engine)
    return engine


@pytest.fixture
def fresh_demo_engine(tmp_path, demo_data, monkeypatch):
    """A demo database of the test's own (SQLite; DATABASE_URL and the secret set to it), for tests that write."""
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", TEST_SECRET.decode())
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = demo_database(url, demo_data)
    yield engine
    engine.dispose()


def log_in(at, engine, username: str) -> None:
    """Start an AppTest session as a logged-in user, as the login form leaves it (the form itself is driven by
    the browser test: AppTest loses form values in an app with a pages/ folder and st.navigation)."""
    from data_access import auth
    from data_access.models import User

    auth.ensure_demo_users(engine)
    with engine.connect() as conn:
        row = conn.execute(select(User.session_epoch, User.display_name, User.role)
                           .where(User.username == username)).one()
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = row.display_name
    at.session_state["roles"] = [row.role]
    at.session_state["session_epoch"] = row.session_epoch


def open_app_page(engine, page: str, user: str, lang: str | None = None, **params):
    """Open a page as a user does: app.py first (scope, navigation), then the page with the URL parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.session_state["lang"] = lang
    log_in(at, engine, user)
    at.run()
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def open_page(seeded_engine, monkeypatch):
    """Open a page of the seeded database as a user does (:func:`open_app_page`)."""
    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))

    def start(page: str, lang: str | None = None, user: str = "demo.amministratore", **params):
        return open_app_page(seeded_engine, page, user, lang, **params)

    return start


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The single Italian error line of a failed command (no traceback, nothing else on stderr)."""
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Errore:")
    return lines[0]


def manage_exit_code(argv: list[str]) -> int:
    """``manage.main(argv)``'s exit code, also when argparse exits (a bad argument)."""
    import manage

    try:
        return manage.main(argv)
    except SystemExit as exc:
        return exc.code
