"""Browser test of an upload (issues 14 and 17), on the server and browser of tests/system/test_browser.py: the
administrator picks a table, uploads a file with several problems and gets them all in one report; uploads a file
with a cell of 120,000 characters while the server keeps answering its health check (every request answered: the
check runs in the import's worker process); uploads the corrected file, with Italian thousands, and sees the
figures next to the current ones; loads it. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import threading
import time
import urllib.request

import pytest

from tests.system import test_browser as base

pytestmark = pytest.mark.browser
server, browser = base.server, base.browser  # the module's own server on the seeds demo data, and chromium
HEADER = "periodo;provincia;comune;progetto;target;strutture;posti;presenze"


def _upload(page, name: str, text: str) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])
    page.wait_for_selector(f'[data-testid="stCaptionContainer"]:has-text("File «{name}»")', timeout=120_000)
    base._settle(page)


def _report_text(page) -> str:
    """The page's text, the tables' cells included (the grid draws on a canvas and keeps its cells in an
    accessible table that inner_text does not read)."""
    return page.locator('[data-testid="stMain"]').text_content()


class Health(threading.Thread):
    """Asks the server's health check every 100 ms while a check runs; every request must be answered."""

    def __init__(self, server_base: str):
        super().__init__(daemon=True)
        self.url, self.answers, self.slowest, self.stop = f"{server_base}/_stcore/health", [], 0.0, False

    def run(self) -> None:
        while not self.stop:
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=60) as response:
                    self.answers.append(response.status)
            except OSError as exc:
                self.answers.append(repr(exc))
            self.slowest = max(self.slowest, time.monotonic() - started)
            time.sleep(0.1)


def test_an_upload_from_report_to_load(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="it-IT")
    page = context.new_page()
    page.goto(f"{server}/importa")
    base._log_in(page, "demo.amministratore")
    page.goto(f"{server}/importa")
    base._settle(page)
    page.get_by_label("Tabella da caricare").click()
    page.get_by_role("option", name="Accoglienza: strutture, posti e presenze").click()
    base._settle(page)
    page.get_by_text("Colonne e valori ammessi").click()
    page.wait_for_timeout(500)
    assert "o con il nome inglese della colonna" in _report_text(page)

    # one pass: a number written the English way and a month in the future, in one report
    _upload(page, "sondrio.csv", f"{HEADER}\n2024-03;014;;SAI-SONDRIO;uomini;2;2,000;9\n"
                                 "2030-01;014;;SAI-SONDRIO;donne;1;4;3\n")
    said = _report_text(page)
    assert "2 errori" in said and "numero ambiguo" in said and "il periodo è nel futuro" in said
    page.screenshot(path=str(base.SHOTS / "importa-rapporto.png"), full_page=True)

    # a 120,000-character cell: refused, and the server answers its health check all along
    health = Health(server)
    health.start()
    _upload(page, "lungo.csv", f"{HEADER}\n2024-03;014;;SAI-SONDRIO;{'u' * 120_000};2;12;9\n")
    health.stop = True
    health.join()
    assert "valore troppo lungo (120.000 caratteri; al massimo 1.000)" in _report_text(page)
    assert health.answers and set(health.answers) == {200}, health.answers
    print(f"health checks during the check: {len(health.answers)}, slowest {health.slowest * 1000:.0f} ms")

    # the corrected file: Italian thousands read as such, the figures next to the current ones
    _upload(page, "sondrio-corretto.csv", f"{HEADER}\n2024-03;014;;SAI-SONDRIO;uomini;2;2.000;1.500\n")
    said = _report_text(page)
    assert "Dati che cambiano, accanto a quelli attuali" in said
    grid = page.locator('[data-testid="stDataFrame"]').last
    assert grid.is_visible()
    page.screenshot(path=str(base.SHOTS / "importa-anteprima.png"), full_page=True)
    page.get_by_role("button", name="Carica").click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=120_000)
    base._settle(page)
    assert "Caricato «sondrio-corretto.csv»: versione dei dati" in _report_text(page)
    base._assert_no_exception(page, "importa")
    page.screenshot(path=str(base.SHOTS / "importa-caricato.png"), full_page=True)
    context.close()
