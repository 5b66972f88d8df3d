"""``manage.py pack`` (the same slides as the Pacchetto riunione page: titles, chart specs, captions and summary
cells), its bad arguments refused with one Italian line and nothing written; ``manage.py alerts`` and ``notify``."""

from __future__ import annotations

import argparse
import io
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from cli import pack as pack_cli
from data_access import db
from presentation.registry import PACK
from tests.cli.test_manage import run_cli
from tests.conftest import TEST_SECRET, demo_database, one_line_error, open_app_page

SECRET = TEST_SECRET.decode()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory, demo_data):
    """A demo database with the demo accounts, shared by the module (the commands only read it)."""
    folder = tmp_path_factory.mktemp("pack")
    url = f"sqlite:///{folder / 'demo.db'}"
    demo_database(url, demo_data).dispose()
    yield url
    db.get_engine(url).dispose()


def args(**given) -> argparse.Namespace:
    values = {"province": None, "region": None, "programme": None, "project": None, "unit": "mese", "start": None,
              "to": None, "charts": None, "format": "pptx", "output": None, "tavolo": None, "user": "manage.py",
              "version": None}
    return argparse.Namespace(**(values | given))


def spec(chart) -> dict | None:
    return None if chart is None else chart.to_dict()  # a table slide has no chart


@pytest.mark.parametrize(("params", "options"), [
    ({"provincia": "014", "programma": "SAI", "unita": "trimestre", "da": "2025-T1", "a": "2025-T4"},
     {"province": "014", "programme": "SAI", "unit": "trimestre", "start": "2025-T1", "to": "2025-T4"}),
    ({"regione": "03", "unita": "mese", "da": "2025-01", "a": "2025-12"},
     {"region": "03", "unit": "mese", "start": "2025-01", "to": "2025-12"}),
])
def test_pack_command_makes_the_pages_slides(demo_url, monkeypatch, params, options):
    monkeypatch.setenv("DATABASE_URL", demo_url)
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", SECRET)
    engine = db.get_engine(demo_url)
    page = open_app_page(engine, "pacchetto", "demo.amministratore", **params)
    chosen = page.multiselect[0].value
    page_pack = page.session_state["last_pack"]
    built = pack_cli.build(args(**options, charts=",".join(chosen)))
    cli_pack = built.pack
    assert [c.title for c in cli_pack.charts] == [c.title for c in page_pack.charts]
    assert [c.caption for c in cli_pack.charts] == [c.caption for c in page_pack.charts]
    assert [spec(c.chart) for c in cli_pack.charts] == [spec(c.chart) for c in page_pack.charts]
    assert cli_pack.summary.equals(page_pack.summary)
    assert (cli_pack.territory, cli_pack.period, cli_pack.data_version, cli_pack.methodology) == \
        (page_pack.territory, page_pack.period, page_pack.data_version, page_pack.methodology)
    # the same citations: each slide names its chart on its own page, at the same data version
    assert [(c.citation.figure, c.citation.version) for c in cli_pack.charts] == \
        [(c.citation.figure, c.citation.version) for c in page_pack.charts]
    assert all(f"versione={c.citation.version}" in c.citation.link and "cita=" in c.citation.link
               for c in cli_pack.charts)
    assert cli_pack.citation is not None and "/pacchetto?" in cli_pack.citation.link
    # without --charts: the page's default choice
    assert pack_cli.build(args(**options)).chosen == tuple(chosen)


def test_pack_command_writes_the_file(demo_url, tmp_path):
    output = tmp_path / "sondrio.pptx"
    result = run_cli("pack", "--province", "014", "--unit", "trimestre", "--from", "2025-T1", "--to", "2025-T4",
                     "--charts", "posti,liberi", "--tavolo", "Tavolo di Sondrio", "--output", str(output),
                     env_url=demo_url, secret=SECRET)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Pacchetto scritto in {output}: Sondrio, dal 1° trimestre 2025 al 4° trimestre "
                                    "2025; 2 grafici; dati alla versione 1.")
    slides = Presentation(io.BytesIO(output.read_bytes())).slides
    titles = [slide.shapes.title.text for slide in slides if slide.shapes.title is not None]
    assert titles[0].endswith("Tavolo di Sondrio")
    assert titles[1].startswith("Posti e presenze") and "Sondrio" in titles[1]
    pdf = run_cli("pack", "--province", "014", "--format", "pdf", "--output", str(tmp_path / "p.pdf"),
                  env_url=demo_url, secret=SECRET)
    assert pdf.returncode == 0 and (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")


def test_pack_for_a_user_keeps_to_their_territory(demo_url, tmp_path):
    output = tmp_path / "avellino.pptx"
    result = run_cli("pack", "--user", "demo.tavolo", "--output", str(output), env_url=demo_url, secret=SECRET)
    assert result.returncode == 0, result.stderr
    assert ": Avellino, da settembre 2023 a dicembre 2025;" in result.stdout  # the whole period, as the page opens
    refused = run_cli("pack", "--user", "demo.tavolo", "--province", "014", "--output", str(tmp_path / "x.pptx"),
                      env_url=demo_url, secret=SECRET)
    assert one_line_error(refused) == "Errore: --province «014» rifiutato: non è una provincia tra quelle visibili."
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.parametrize(("options", "expected", "code"), [
    (["--province", "999"], "Errore: --province «999» rifiutato: non è una provincia tra quelle visibili.", 2),
    (["--region", "99"], "Errore: --region «99» rifiutato: non è una regione tra quelle visibili.", 2),
    (["--province", "014", "--region", "15"], "Errore: --region «15» rifiutato: non contiene la provincia 014.", 2),
    (["--programme", "XYZ"], "Errore: --programme «XYZ» rifiutato: non è un programma (ammessi: SAI, CAS, "
                             "ANTITRATTA, FAMI, ALTRO).", 2),
    (["--project", "NESSUNO"], "Errore: --project «NESSUNO» rifiutato: non è un progetto con dati visibili.", 2),
    (["--from", "2030-01"], "Errore: --from «2030-01» rifiutato: è fuori dai mesi con dati (gennaio 2019 - "
                            "dicembre 2025).", 2),
    (["--to", "2025-13"], "Errore: --to «2025-13» rifiutato: non è un periodo valido per l'unità «mese» (per "
                          "esempio 2025-03).", 2),
    (["--unit", "trimestre", "--to", "2025-03"], "Errore: --to «2025-03» rifiutato: non è un periodo valido per "
                                                 "l'unità «trimestre» (per esempio 2025-T1).", 2),
    (["--from", "2025-06", "--to", "2025-01"], "Errore: Il periodo iniziale 2025-06 è successivo a quello finale "
                                               "2025-01.", 1),
    (["--charts", "posti,torta"], "Errore: --charts «posti,torta» rifiutato: grafici ammessi, separati da virgole: "
                                  + ", ".join(PACK) + ".", 2),
    (["--charts", ","], "Errore: --charts «,» rifiutato", 2),
    (["--unit", "settimana"], "Errore: argomento --unit: valore non ammesso «settimana»", 2),
    (["--format", "docx"], "Errore: argomento --format: valore non ammesso «docx»", 2),
    (["--version", "0"], "Errore: argomento --version: valore non valido «0»", 2),
    (["--version", "9"], "Errore: --version «9» rifiutato: non è una versione dei dati (ammesse: da 1 a 2).", 2),
    (["--user", "nessuno.qui"], "Errore: Utente sconosciuto", 1),
    (["--output", "/nessuna/cartella/p.pptx"], "Errore: impossibile scrivere /nessuna/cartella/p.pptx: la cartella "
                                               "«/nessuna/cartella» non esiste.", 1),
])
def test_bad_pack_arguments_are_refused(demo_url, tmp_path, options, expected, code):
    before = sorted(Path.cwd().glob("pacchetto-riunione-*"))
    result = run_cli("pack", *options, env_url=demo_url, secret=SECRET)
    assert result.returncode == code, result.stderr
    assert one_line_error(result).startswith(expected)
    assert result.stdout == "" and sorted(Path.cwd().glob("pacchetto-riunione-*")) == before


def test_bad_pack_arguments_in_english(demo_url):
    result = run_cli("pack", "--province", "999", env_url=demo_url, secret=SECRET, lang="en")
    assert result.stderr.strip() == "Error: --province \"999\" refused: is not one of the provinces you see."


def test_pack_on_an_empty_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'vuoto.db'}"
    assert run_cli("init-db", env_url=url).returncode == 0
    result = run_cli("pack", "--output", str(tmp_path / "p.pptx"), env_url=url, secret=SECRET)
    assert one_line_error(result) == "Errore: nessun dato caricato: il pacchetto non ha figure da mostrare."
    assert not (tmp_path / "p.pptx").exists()


def test_alerts_commands(demo_url, tmp_path):
    copy = tmp_path / "copia.db"  # `alerts run` stores a run: on a copy, the module's database stays as it is
    shutil.copy(demo_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    result = run_cli("alerts", "run", "--today", "2026-02-16", env_url=url, secret=SECRET)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("Segnalazioni della versione 1 al 16/02/2026: Progetti pieni: 0, Mesi non "
                                     "inviati: 9, Azioni del piano scadute o in scadenza: 7, Variazioni nette degli "
                                     "andamenti: 0.")
    listing = run_cli("alerts", "list", "--user", "demo.tavolo", "--today", "2025-06-20", env_url=url, secret=SECRET)
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["Regola", "Da", "quando", "Dove", "Che", "cosa"]
    assert all("Avellino" in line for line in lines[1:]) and any("PIL-AV-07" in line for line in lines)
    runs = stored_runs(url)
    bad_day = run_cli("alerts", "run", "--today", "2026-02-30", env_url=url, secret=SECRET)
    assert one_line_error(bad_day).startswith("Errore: argomento --today: «2026-02-30» non è un giorno scritto "
                                              "AAAA-MM-GG")
    unknown = run_cli("alerts", "list", "--user", "nessuno.qui", env_url=url, secret=SECRET)
    assert unknown.returncode == 1 and one_line_error(unknown).startswith("Errore: Utente sconosciuto")
    english = run_cli("alerts", "run", "--today", "16/02/2026", env_url=url, secret=SECRET, lang="en")
    assert english.returncode == 2 and "16/02/2026" in english.stderr and "Errore" not in english.stderr
    assert stored_runs(url) == runs  # refused: nothing computed, nothing stored
    off = run_cli("notify", env_url=url, secret=SECRET)
    assert one_line_error(off) == ("Errore: l'invio di e-mail non è configurato: impostare CRUSCOTTO_SMTP_HOST "
                                   "(README, «E-mail»).")
    assert run_cli("notify", "--status", env_url=url, secret=SECRET).stdout.strip() == "La coda dei messaggi è vuota."


def stored_runs(url: str) -> int:
    from sqlalchemy import func, select

    from data_access.models import AlertRun

    engine = db.get_engine(url)
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(AlertRun)).scalar()
