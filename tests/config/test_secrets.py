"""Secrets and start-up configuration: the app refuses to start outside demo mode without a CKM secret (empty
database included), a bad CKM parameter is one Italian message naming the variable, the demo secret file is
created once (atomically, mode 0600), Streamlit secrets are honoured, a configuration problem on "Carica dati"
loads nothing, and `manage.py rekey` keeps the cube consistent with the rows."""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

import manage
from config import settings
from config.labels import t
from data_access import db, loading, reference, sql
from data_access.disclosure import CKMParams
from data_access.models import TABLES, Capacity, DataVersion, Outreach, OutreachCube
from data_access.scope import Filters, Scope
from tests.conftest import APP, TEST_SECRET, log_in

ROOT = Path(__file__).resolve().parents[2]
COOKIE_KEY = "c" * 40
MISSING_SECRET = ("Manca il segreto del Cell Key Method: impostare la variabile d'ambiente CRUSCOTTO_CKM_SECRET (o la "
                  "stessa chiave in .streamlit/secrets.toml). Senza segreto i dati reali non si caricano e il "
                  "cruscotto non si avvia.")
DEMO_HINT = ("Per provare il cruscotto con dati dimostrativi, senza configurazione: `make run` (oppure "
             "`python manage.py seed-demo`).")
PROJECTS = pd.DataFrame([{"project_code": "SAI-SONDRIO", "name": "SAI Provincia di Sondrio", "programme": "SAI",
                          "lead_body": None, "managing_body": None, "start_date": dt.date(2014, 2, 1),
                          "end_date": None, "funding_call": None}])


@pytest.fixture(autouse=True)
def no_configuration(monkeypatch, tmp_path):
    """No secret, no cookie key, no CKM parameter in the environment; the demo key files in tmp_path."""
    for name in [settings.SECRET_ENV, settings.COOKIE_KEY_ENV, settings.COOKIE_DAYS_ENV, *settings.CKM_ENV.values(),
                 settings.IMPORT_MAX_MB_ENV, settings.IMPORT_MAX_ROWS_ENV]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(settings, "LOCAL_SECRET_FILE", tmp_path / "demo" / ".ckm_secret")
    monkeypatch.setattr(settings, "LOCAL_COOKIE_KEY_FILE", tmp_path / "demo" / ".cookie_key")


def _open_app(engine, monkeypatch, secrets: dict | None = None) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    at = AppTest.from_file(APP, default_timeout=60)
    if secrets:
        at.secrets.update(secrets)
    return at.run()


def _versions(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(select(DataVersion.id, DataVersion.kind, DataVersion.status)
                            .order_by(DataVersion.id)).all()


def _load_demo(engine) -> None:
    capacity = pd.DataFrame([{"period": "2025-01", "province_code": "014", "municipality_code": None,
                              "project_code": "SAI-SONDRIO", "target_group": "uomini", "structures": 2,
                              "places": 10, "occupied": 8}])
    loading.load(engine, secret=TEST_SECRET, kind="demo", source="demo:test", frames={"capacity": capacity},
                 projects=PROJECTS)


# --- 1. No secret outside demo mode: the app does not start, whatever the database holds ------------------------
@pytest.mark.parametrize("data", ["empty", "real"])
def test_outside_demo_mode_no_secret_refuses_to_start(migrated_engine, monkeypatch, data):
    monkeypatch.setenv(settings.COOKIE_KEY_ENV, COOKIE_KEY)
    if data == "real":
        loading.load(migrated_engine, secret=TEST_SECRET, kind="import", source="vero.csv", frames={},
                     projects=PROJECTS)
    expected = MISSING_SECRET + (f"\n\n{DEMO_HINT}" if data == "empty" else "")
    assert loading.startup_problem(migrated_engine) == expected
    before = _versions(migrated_engine)

    at = _open_app(migrated_engine, monkeypatch)
    assert not at.exception
    assert [e.value for e in at.error] == [expected]
    assert not at.title  # no login form, no page
    assert _versions(migrated_engine) == before
    assert not settings.LOCAL_SECRET_FILE.exists()  # no demo secret made up for a real deployment

    monkeypatch.setenv(settings.SECRET_ENV, "s" * 32)
    assert loading.startup_problem(migrated_engine) is None
    at = _open_app(migrated_engine, monkeypatch)
    assert not at.exception and not at.error
    assert [x.value for x in at.title] == [t("login.title")]


def test_empty_database_lists_every_missing_secret_in_one_message(migrated_engine):
    problem = loading.startup_problem(migrated_engine)
    assert problem.split("\n\n") == [
        MISSING_SECRET,
        "Manca la chiave dei cookie di accesso: impostare la variabile d'ambiente CRUSCOTTO_COOKIE_KEY (almeno 32 "
        "caratteri casuali) o la stessa chiave in .streamlit/secrets.toml. Senza chiave il cruscotto non si avvia "
        "con dati reali.",
        DEMO_HINT]


def test_make_run_needs_no_configuration(tmp_path, monkeypatch, capsys):
    """What `make run` does on a new machine: init-db, seed-demo --if-empty, then the app, with nothing set."""
    url = f"sqlite:///{tmp_path / 'nuovo' / 'cruscotto.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert manage.main(["init-db"]) == 0
    engine = db.get_engine(url)
    assert loading.startup_problem(engine) is not None  # empty: not yet demo mode
    assert manage.main(["seed-demo", "--if-empty"]) == 0
    assert "Caricate" in capsys.readouterr().out
    assert loading.startup_problem(engine) is None
    at = _open_app(engine, monkeypatch)
    assert not at.exception and not at.error
    assert [x.value for x in at.title] == [t("login.title")]
    assert settings.LOCAL_SECRET_FILE.exists() and settings.LOCAL_COOKIE_KEY_FILE.exists()


def test_a_demo_database_with_a_short_secret_set_refuses_to_start(migrated_engine, monkeypatch):
    _load_demo(migrated_engine)
    monkeypatch.setenv(settings.SECRET_ENV, "corto")
    assert loading.startup_problem(migrated_engine) == \
        "CRUSCOTTO_CKM_SECRET è troppo corto: servono almeno 16 caratteri casuali."


# --- CKM parameters checked at start-up --------------------------------------------------------------------------
CKM_REFUSALS = [
    ("CRUSCOTTO_CKM_D", "0", "La variabile CRUSCOTTO_CKM_D (rumore massimo) non è ammissibile: valore letto «0». "
                             "Ammesso: un numero intero da 1 in su (predefinito 5)."),
    ("CRUSCOTTO_CKM_D", "2.5", "La variabile CRUSCOTTO_CKM_D (rumore massimo) non è ammissibile: valore letto "
                               "«2.5». Ammesso: un numero intero da 1 in su (predefinito 5)."),
    ("CRUSCOTTO_CKM_V", "tre", "La variabile CRUSCOTTO_CKM_V (varianza del rumore) non è ammissibile: valore letto "
                               "«tre». Ammesso: un numero finito maggiore di 0 (predefinito 3)."),
    ("CRUSCOTTO_CKM_V", "nan", "La variabile CRUSCOTTO_CKM_V (varianza del rumore) non è ammissibile: valore letto "
                               "«nan». Ammesso: un numero finito maggiore di 0 (predefinito 3)."),
    ("CRUSCOTTO_CKM_JS", "-1", "La variabile CRUSCOTTO_CKM_JS (i valori da 1 a js non si pubblicano) non è "
                               "ammissibile: valore letto «-1». Ammesso: un numero intero da 0 in su (predefinito 2)."),
    ("CRUSCOTTO_CKM_PSTAY", "1", "La variabile CRUSCOTTO_CKM_PSTAY (probabilità di nessun cambiamento) non è "
                                 "ammissibile: valore letto «1». Ammesso: un numero da 0 (compreso) a 1 (escluso) "
                                 "(predefinito 0.5)."),
    ("CRUSCOTTO_CKM_K", "0", "La variabile CRUSCOTTO_CKM_K (soglia di visualizzazione «<k») non è ammissibile: "
                             "valore letto «0». Ammesso: un numero intero da 1 in su (predefinito 5)."),
    ("CRUSCOTTO_CKM_JS", "4", "Le variabili CRUSCOTTO_CKM_D, CRUSCOTTO_CKM_V, CRUSCOTTO_CKM_JS, CRUSCOTTO_CKM_PSTAY "
                              "non sono ammissibili insieme. Parametri della p-table non ammissibili insieme (D=5, "
                              "V=3, js=4, pstay=0.5): nella riga i=1 i rumori ammessi sono -1, +4, +5 e nessuna "
                              "distribuzione ha media 0, varianza V = 3 e probabilità che non crescono "
                              "allontanandosi da 0 (i vincoli non hanno soluzione). Provare un'altra varianza V, un "
                              "D più grande, un js o un pstay più piccoli (predefiniti: D=5, V=3, js=2, "
                              "pstay=0.5)."),
]


@pytest.mark.parametrize(("variable", "value", "message"), CKM_REFUSALS, ids=lambda x: x[:30])
def test_bad_ckm_parameter_is_one_italian_message(variable, value, message, monkeypatch):
    monkeypatch.setenv(variable, value)
    with pytest.raises(settings.ConfigError) as info:
        settings.ckm_params()
    assert str(info.value) == message


def test_ckm_parameters_accept_allowed_values(monkeypatch):
    monkeypatch.setenv("CRUSCOTTO_CKM_PSTAY", "0,4")  # Italian decimal comma
    monkeypatch.setenv("CRUSCOTTO_CKM_K", "3")
    assert settings.ckm_params() == CKMParams(pstay=0.4, k=3)


@pytest.mark.parametrize(("variable", "value", "message"), [CKM_REFUSALS[0], CKM_REFUSALS[-1]], ids=["D", "js"])
def test_bad_ckm_parameter_stops_the_app_with_the_message(migrated_engine, monkeypatch, variable, value, message):
    _load_demo(migrated_engine)
    monkeypatch.setenv(variable, value)
    assert loading.startup_problem(migrated_engine) == message
    at = AppTest.from_file(APP, default_timeout=60)
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    log_in(at, migrated_engine, "demo.amministratore")  # a logged-in user too sees the message, not a page
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert not at.title and not at.metric


# --- 2. The demo secret file -----------------------------------------------------------------------------------
def test_demo_secret_created_once_reused_and_private():
    first = settings.ckm_secret(demo_mode=True)
    path = settings.LOCAL_SECRET_FILE
    assert first.origin == "file locale demo" and len(first.value) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="ascii").encode() == first.value
    assert settings.ckm_secret(demo_mode=True) == first
    assert sorted(p.name for p in path.parent.iterdir()) == [".ckm_secret"]  # no temporary file left behind
    with pytest.raises(settings.ConfigError, match="CRUSCOTTO_CKM_SECRET"):
        settings.ckm_secret(demo_mode=False)  # the demo file never serves real data


def test_demo_secret_created_at_once_by_many_is_the_same_for_all(tmp_path):
    for attempt in range(10):  # the old check-then-write disagreed in about 2 rounds out of 5
        path = tmp_path / f"round{attempt}" / ".ckm_secret"
        barrier = threading.Barrier(12)
        seen: list[bytes | Exception] = []

        def start(path=path, barrier=barrier, seen=seen):
            barrier.wait()
            try:
                seen.append(settings._local_random(path, settings.SECRET_ENV))
            except Exception as exc:  # noqa: BLE001 - a failure is what this test looks for
                seen.append(exc)

        threads = [threading.Thread(target=start) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(seen) == 12 and len(set(seen)) == 1, seen
        assert seen[0] == path.read_text(encoding="ascii").encode() and len(seen[0]) == 64
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert [p.name for p in path.parent.iterdir()] == [".ckm_secret"]


def test_damaged_or_unwritable_demo_secret_is_an_italian_message(tmp_path):
    damaged = tmp_path / ".ckm_secret"
    damaged.write_text("", encoding="ascii")
    with pytest.raises(settings.ConfigError) as info:
        settings._local_random(damaged, settings.SECRET_ENV)
    assert str(info.value).startswith(f"Il file {damaged} è vuoto o danneggiato: cancellarlo")
    blocked = tmp_path / "un-file"
    blocked.write_text("x", encoding="ascii")
    with pytest.raises(settings.ConfigError) as info:
        settings._local_random(blocked / ".ckm_secret", settings.SECRET_ENV)
    assert str(info.value).startswith(f"Non riesco a creare o leggere la chiave demo in {blocked / '.ckm_secret'}")
    assert str(info.value).endswith(f"rendere scrivibile la cartella {blocked} oppure impostare la variabile "
                                    "d'ambiente CRUSCOTTO_CKM_SECRET.")


# --- Streamlit secrets -------------------------------------------------------------------------------------------
def _settings_in(directory: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    code = ("from config import settings\n"
            "s = settings.configured_secret()\n"
            "print(s.origin if s else None, s.value.decode() if s else None, settings.cookie_key(False).origin)\n")
    return subprocess.run([sys.executable, "-c", code], cwd=directory, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(directory), "PYTHONPATH": str(ROOT),
                               **(env or {})})


def test_streamlit_secrets_toml_is_honoured(tmp_path):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        f'CRUSCOTTO_CKM_SECRET = "dal-file-secrets-0123456789"\nCRUSCOTTO_COOKIE_KEY = "{COOKIE_KEY}"\n',
        encoding="utf-8")
    result = _settings_in(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["secrets", "di", "Streamlit", "dal-file-secrets-0123456789", "secrets", "di",
                                     "Streamlit"]
    # secrets.toml wins over the environment, as in the app (a Streamlit server copies it over the environment)
    result = _settings_in(tmp_path, {"CRUSCOTTO_CKM_SECRET": "da-ambiente-0123456789"})
    assert result.stdout.split()[:4] == ["secrets", "di", "Streamlit", "dal-file-secrets-0123456789"]
    (tmp_path / ".streamlit" / "secrets.toml").unlink()
    result = _settings_in(tmp_path, {"CRUSCOTTO_CKM_SECRET": "da-ambiente-0123456789",
                                     "CRUSCOTTO_COOKIE_KEY": COOKIE_KEY})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ambiente", "da-ambiente-0123456789", "ambiente"]


def test_app_starts_on_an_empty_database_with_streamlit_secrets(migrated_engine, monkeypatch):
    at = _open_app(migrated_engine, monkeypatch, secrets={settings.SECRET_ENV: "dai-secrets-di-streamlit-0123",
                                                           settings.COOKIE_KEY_ENV: COOKIE_KEY})
    assert not at.exception and not at.error
    assert [x.value for x in at.title] == [t("login.title")]
    at = _open_app(migrated_engine, monkeypatch, secrets={settings.COOKIE_KEY_ENV: COOKIE_KEY})
    assert [e.value for e in at.error] == [f"{MISSING_SECRET}\n\n{DEMO_HINT}"]


# --- "Carica dati": a configuration problem loads nothing -------------------------------------------------------
def test_upload_with_a_configuration_problem_shows_it_and_loads_nothing(migrated_engine, monkeypatch, tmp_path):
    _load_demo(migrated_engine)
    blocked = tmp_path / "un-file"
    blocked.write_text("x", encoding="ascii")  # the demo secret cannot be created under a file
    monkeypatch.setattr(settings, "LOCAL_SECRET_FILE", blocked / ".ckm_secret")
    monkeypatch.setenv(settings.COOKIE_KEY_ENV, COOKIE_KEY)
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    with migrated_engine.connect() as conn:
        before = (_versions(migrated_engine), conn.execute(select(func.count()).select_from(Capacity)).scalar_one())

    at = AppTest.from_file(APP, default_timeout=60)
    log_in(at, migrated_engine, "demo.amministratore")
    at.run()
    at.switch_page("views/importa.py").run()
    at.selectbox(key="import_table").set_value("capacity").run()
    csv = "periodo;provincia;comune;progetto;target;strutture;posti;presenze\n2025-02;014;;SAI-SONDRIO;uomini;2;12;9\n"
    at.file_uploader[0].upload("sondrio.csv", csv.encode(), "text/csv")
    at.run()
    assert not at.exception and not at.error
    at.button(key="import_load_0").click().run()

    assert not at.exception
    assert [e.value for e in at.error] == [
        "Caricamento non eseguito, nessun dato è cambiato: la configurazione del server non lo permette. "
        f"Non riesco a creare o leggere la chiave demo in {blocked / '.ckm_secret'} (una parte del percorso non è "
        f"una cartella): rendere scrivibile la cartella {blocked} oppure impostare la variabile d'ambiente "
        "CRUSCOTTO_CKM_SECRET."]
    assert not at.success
    with migrated_engine.connect() as conn:
        after = (_versions(migrated_engine), conn.execute(select(func.count()).select_from(Capacity)).scalar_one())
    assert after == before


# --- manage.py rekey ---------------------------------------------------------------------------------------------
def _keys(engine) -> dict[str, pd.DataFrame]:
    out = {}
    with engine.connect() as conn:
        for table, spec in TABLES.items():
            if spec.person_measures:
                out[table] = pd.read_sql(select(spec.model.__table__).order_by(spec.model.__table__.c.id), conn)
    return out


def test_rekey_command_rekeys_every_cell_and_the_cube_stays_consistent(tmp_path, demo_data, monkeypatch):
    url = f"sqlite:///{tmp_path / 'rekey.db'}"
    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    loading.load(engine, secret=TEST_SECRET, kind="demo", source="demo:seeds:seed=42", frames=demo_data.frames,
                 projects=demo_data.projects)
    filters = Filters(unit="trimestre", start="2023-T1", end="2024-T4")
    measures = list(TABLES["outreach"].person_measures)
    with engine.connect() as conn:
        published_before = sql.flow_cells(conn, Outreach, measures, sql.Question(Scope.everything(), filters),
                                          filters.periods, ("gender",))
    before = _keys(engine)
    new_secret = "un-segreto-nuovo-per-il-rekey-0123456789"

    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), "rekey"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                                         "DATABASE_URL": url, settings.SECRET_ENV: new_secret})
    assert result.returncode == 0, result.stderr
    rows = sum(len(frame) for frame in before.values())
    shown = f"{rows:,}".replace(",", ".")  # Italian thousands
    assert result.stdout.strip() == f"Chiavi di cella ricalcolate per {shown} righe (segreto da: ambiente)."

    after = _keys(engine)
    for table, frame in after.items():
        measures_t = TABLES[table].person_measures
        expected = loading.cell_keys(new_secret.encode(), table, frame)
        for m in measures_t:
            assert frame[f"ck_{m}"].tolist() == expected[f"ck_{m}"], (table, m)
            assert frame[m].tolist() == before[table][m].tolist()  # the counts are untouched
            changed = (frame[f"ck_{m}"] != before[table][f"ck_{m}"])[frame[m] > 0]
            assert changed.all(), (table, m)  # every non-empty cell has a new key
            assert (frame[f"ck_{m}"][frame[m] == 0] == 0).all()  # empty cells still carry no key

    with engine.connect() as conn:
        current = pd.read_sql(select(Outreach.__table__).where(Outreach.version_to.is_(None)), conn)
        cube = pd.read_sql(select(OutreachCube.__table__).where(OutreachCube.dimension == "gender"), conn)
    summed = current.groupby(["gender", "period", "province_code", "project_code"], as_index=False)[
        [f"ck_{m}" for m in measures]].sum().rename(columns={"gender": "category"})
    merged = cube.merge(summed, on=["category", "period", "province_code", "project_code"], suffixes=("", "_rows"))
    assert len(merged) == len(cube) == len(summed)
    for m in measures:  # the cube holds the new key sums, not the old ones
        assert (merged[f"ck_{m}"] == merged[f"ck_{m}_rows"]).all(), m

    for by in [(), ("gender",), ("channel",), ("age_group",)]:
        assert sql.cube_dimension(Outreach, by) is not None  # the cube serves these...
        with engine.connect() as conn:
            from_cube = sql.flow_cells(conn, Outreach, measures, sql.Question(Scope.everything(), filters),
                                       filters.periods, by)
            with monkeypatch.context() as m:
                m.setattr(sql, "USE_CUBE", False)  # ...and the rows give the same published values
                from_rows = sql.flow_cells(conn, Outreach, measures, sql.Question(Scope.everything(), filters),
                                           filters.periods, by)
        order = ["period_key", *by]
        pd.testing.assert_frame_equal(from_cube.sort_values(order).reset_index(drop=True),
                                      from_rows.sort_values(order).reset_index(drop=True), check_dtype=False)
    with engine.connect() as conn:
        published_after = sql.flow_cells(conn, Outreach, measures, sql.Question(Scope.everything(), filters),
                                         filters.periods, ("gender",))
    assert len(published_after) == len(published_before)
    assert not published_after.equals(published_before)  # new keys, new noise: the published figures moved
