"""Browser test of the real path (issue 14): a new installation, from an empty database to figures and a pack.

The walk a prefecture makes: ``manage.py init-db``, the first administrator with ``manage.py users add`` (password on
standard input), the login form, every page's message on the empty database, the projects register uploaded through
the Carica dati page, every page saying what is still missing (and where to load it), a capacity file, the figures on
Panoramica and Accoglienza, the filters kept through the menu and the language switch, and a meeting pack. No
Streamlit exception, no hint at demo data, no English on Italian pages where the app sets the words. Screenshots of
the empty and partial states in both languages go to test-artifacts/screenshots/ (realpath-*.png).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.stclient import Server
from config.labels import t
from config.navigation import PAGES as NAVIGATION
from tests.conftest import TEST_SECRET
from tests.system.test_browser import (  # browser: the shared chromium, on this module's server
    LOGIN_TITLE,
    _assert_no_exception,
    _log_in,
    _require_browser,
    _settle,
    browser,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
ADMIN, PASSWORD = "anna.bianchi", "una-password-lunga-2025"
COOKIE_KEY = "c" * 40
PROJECTS = ("codice_progetto;denominazione;programma;ente_titolare;ente_gestore;data_inizio;data_fine;avviso\n"
            "SAI-SONDRIO;SAI Provincia di Sondrio;SAI;Provincia di Sondrio;Cooperativa Lotta;2014-02-01;;\n"
            "SAI-BESOZZO;SAI Besozzo;SAI;Comune di Besozzo;Cooperativa Lotta;2016-01-01;;\n")
CAPACITY = ("periodo;provincia;comune;progetto;target;strutture;posti;presenze\n"
            "2025-05;014;;SAI-SONDRIO;uomini;11;47;44\n2025-06;014;;SAI-SONDRIO;uomini;11;47;45\n"
            "2025-05;012;;SAI-BESOZZO;uomini;3;13;13\n2025-06;012;;SAI-BESOZZO;uomini;3;13;10\n")
ANALYTIC = [url for _path, _key, _icon, url in NAVIGATION if url not in ("metodologia", "importa", "utenti",
                                                                        "registro", "segnalazioni", "note")]
TITLES = {url: t(key) for _path, key, _icon, url in NAVIGATION}


def _manage(*args: str, url: str, stdin: str = "") -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT), "DATABASE_URL": url,
           "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode(), "CRUSCOTTO_COOKIE_KEY": COOKIE_KEY}
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                            env=env, cwd=ROOT, input=stdin, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _require_browser()
    folder = tmp_path_factory.mktemp("empty-install")
    url = f"sqlite:///{folder / 'cruscotto.db'}"
    assert "Database creato" in _manage("init-db", url=url)
    assert "Nessun utente" in _manage("users", "list", url=url)
    _manage("users", "add", ADMIN, "--role", "amministratore", "--name", "Anna Bianchi", url=url,
            stdin=PASSWORD + "\n")
    status = _manage("status", url=url)
    assert "ultima versione: nessuna" in status and "None" not in status
    SHOTS.mkdir(parents=True, exist_ok=True)
    running = Server(ROOT / "app.py", env={"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode(),
                                           "CRUSCOTTO_COOKIE_KEY": COOKIE_KEY},
                     log=folder / "streamlit.log")
    try:
        running.start(timeout=90)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield running.base, folder
    running.stop()


def _text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def _open(page, base: str, url: str, query: str = "") -> str:
    """Open a page from the sidebar menu (the address loses its parameters there) or by its address."""
    if query:
        page.goto(f"{base}/{url}?{query}", wait_until="domcontentloaded")
    else:
        page.locator('[data-testid="stSidebarNav"] a', has_text=TITLES[url]).first.click()
    _settle(page)
    _assert_no_exception(page, url)
    text = _text(page)
    assert "seed-demo" not in text and "make run" not in text, url
    return text


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a selectbox (by its label) as a user does."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    _settle(page)


def _upload(page, folder: Path, table_label: str, name: str, content: str) -> str:
    """Upload a file on Carica dati for a table and load it; the page's message after the load."""
    path = folder / name
    path.write_text(content, encoding="utf-8")
    _choose(page, t("import.table"), table_label)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    load = page.get_by_role("button", name=t("import.load"), exact=True)
    load.wait_for(timeout=60_000)
    load.click()
    _settle(page)
    page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=60_000)
    return _text(page)


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"realpath-{name}.png"), full_page=True)


def _switch_language(page, name: str) -> None:
    _choose(page, "Lingua / Language", name)


def test_from_an_empty_install_to_figures_and_a_pack(server, browser):  # noqa: F811 - the fixture imported above
    base, folder = server
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(base, wait_until="domcontentloaded")
    page.wait_for_selector(f'h1:has-text("{LOGIN_TITLE}")', timeout=60_000)
    _log_in(page, ADMIN, PASSWORD)

    # --- An empty database: every page says so, with the way to Carica dati ----------------------------------------
    for url in ANALYTIC:
        text = _open(page, base, url)
        # init-db loaded the public statistics: the pages run, say what the projects have not sent, and that the
        # project register comes first; Panoramica shows the national context already
        assert "Nessun dato inviato" in text and "anagrafica dei progetti" in text, url
        assert page.locator('[data-testid="stPageLink"]').filter(has_text="Carica dati").count() == 1, url
    assert "Nessun dato caricato: le segnalazioni compaiono" in _open(page, base, "segnalazioni")
    _shot(page, "vuoto-it")
    assert "Contesto nazionale" in _open(page, base, "panoramica")
    _shot(page, "pubblici-panoramica-it")
    _switch_language(page, "English")
    assert "No data sent" in _text(page)
    _shot(page, "vuoto-en")
    _switch_language(page, "Italiano")

    # --- The projects register, through the page ------------------------------------------------------------------
    _open(page, base, "importa")
    done = _upload(page, folder, t("import.table.projects"), "progetti.csv", PROJECTS)
    assert "progetti.csv" in done
    for url in ANALYTIC:
        text = _open(page, base, url)
        assert "Nessun dato inviato" in text and "Carica dati" in text, (url, text[:300])
        assert "PeriodError" not in text and "n.d.." not in text, url
    _open(page, base, "panoramica")
    grid = page.locator('[data-testid="stDataFrame"]').first.locator("table")  # the register, months "—"
    grid.wait_for(state="attached", timeout=30_000)
    assert grid.get_attribute("aria-rowcount") == "3"  # a header and the two projects
    _shot(page, "solo-progetti-it")
    _open(page, base, "accoglienza")
    _switch_language(page, "English")
    assert "No data sent" in _text(page) and "Upload data" in _text(page)
    _shot(page, "solo-progetti-en")
    _switch_language(page, "Italiano")

    # --- A capacity file: figures on Panoramica and Accoglienza ---------------------------------------------------
    _open(page, base, "importa")
    _upload(page, folder, t("import.table.capacity"), "accoglienza.csv", CAPACITY)
    text = _open(page, base, "panoramica")
    assert "giugno 2025" in text and "Posti" in text and "60" in text  # 47 + 13 places in June
    assert "nessun dato inviato" in text  # contacts and take-ins: no outreach sent, never 0
    _shot(page, "accoglienza-caricata-it")
    text = _open(page, base, "accoglienza", "provincia=014&unita=mese&da=2025-05&a=2025-06")
    assert "47" in text and "Sondrio" in text
    page.wait_for_selector('[data-testid="stVegaLiteChart"]', timeout=60_000)
    # the filters follow through the menu and the language switch
    text = _open(page, base, "mappa")
    assert "provincia=014" in page.url and "Sondrio" in text, page.url
    _switch_language(page, "English")
    shown = {name: page.get_by_role("combobox", name=name).input_value()
             for name in ("Region", "Province", "From", "To", "Programme", "Project", "Data as of version")}
    assert (shown["Region"], shown["Province"], shown["Project"]) == ("Lombardia", "Sondrio", "All projects"), shown
    assert (shown["From"], shown["To"]) == ("May 2025", "June 2025") and all(shown.values()), shown
    assert page.get_by_role("radio", name="month").is_checked()  # "Period by" keeps its choice
    assert "provincia=014" in page.url
    _shot(page, "mappa-en")
    _switch_language(page, "Italiano")
    text = _open(page, base, "emersione")
    assert "provincia=014" in page.url and "Nessun dato inviato" in text

    # --- A pack -----------------------------------------------------------------------------------------------------
    _open(page, base, "pacchetto")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name=t("pack.pptx")).click()
    from pptx import Presentation

    deck = Presentation(io.BytesIO(Path(download.value.path()).read_bytes()))
    words = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "giugno 2025" in words and "maggio 2025" in words  # each figure names its period
    assert not re.search(r"\bNone\b", words)
    _shot(page, "pacchetto-it")
    context.close()
