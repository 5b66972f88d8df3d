"""The SQLite database file and its -wal and -shm are readable and writable by their owner only (issue 17): made so
by `manage.py init-db`, and set again when the program opens a file someone made readable to others."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from data_access import db

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_db_makes_a_file_for_its_owner_only_and_its_wal_too(tmp_path):
    path = tmp_path / "dati" / "cruscotto.db"
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), "init-db"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT), "DATABASE_URL": f"sqlite:///{path}"},
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert _mode(path) == 0o600
    engine = db.get_engine(f"sqlite:///{path}")
    with engine.connect() as conn:  # WAL mode: a connection open keeps -wal and -shm beside the file
        conn.execute(text("SELECT count(*) FROM provinces")).scalar_one()
        for suffix in ("-wal", "-shm"):
            assert _mode(path.with_name(path.name + suffix)) == 0o600, suffix
    engine.dispose()


def test_a_file_readable_by_others_is_restricted_when_opened(tmp_path):
    url = f"sqlite:///{tmp_path / 'vecchio.db'}"
    engine = db.get_engine(url)
    db.upgrade(engine)
    engine.dispose()
    path = tmp_path / "vecchio.db"
    path.chmod(0o644)  # as a database made before this release, or copied with cp
    db.check_connection(engine)  # what the app and every command do first
    assert _mode(path) == 0o600
