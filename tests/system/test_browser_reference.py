"""Browser test of the public statistics (issue 18) on what a fresh clone's `make run` builds: `manage.py init-db`
then `manage.py seed-demo --if-empty`, as subprocesses on a new SQLite file, then a real `streamlit run`, driven by
Playwright in Debian's chromium (the set-up of tests/system/test_browser.py, whose helpers this test reuses).

A prefecture user (Milano, Monza e della Brianza) sees on Panoramica the national context: people in reception in
Lombardia and in Italy at the last report date, the change over twelve months, the date of the data, the source
line the licence asks for, and the landings by month; on the map, the public presences by region (every region
drawn, absolute and per 100,000 residents); on Accoglienza, the region's presences over time with the gaps of the
source and the projects' share. The guest sees Italy. The same blocks in English. Screenshots of each block go to
test-artifacts/screenshots/ (riferimento-*.png).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET
from tests.system import test_browser as shared
from tests.system.test_browser import (
    ROOT,
    SHOTS,
    _assert_no_exception,
    _download,
    _heading,
    _log_in,
    _main_text,
    _metrics,
    _require_browser,
    _settle,
    _wait_for_charts,
    _watch_errors,
)

pytestmark = pytest.mark.browser
COOKIE_KEY = "browser-reference-test-cookie-key-0123456789"
REGIONS = 20
SOURCE = "Fonte: Liberiamoli tutti! (https://datibenecomune.substack.com/), su dati del Ministero dell'Interno"
browser = shared.browser  # the same Chromium fixture, started on this module's server


def _manage(*args: str, env: dict) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server on the database a fresh clone's `make run` makes (init-db, then seed-demo --if-empty)."""
    _require_browser()
    url = f"sqlite:///{tmp_path_factory.mktemp('fresh') / 'nuovo' / 'cruscotto.db'}"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(ROOT), "DATABASE_URL": url,
           "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode(), "CRUSCOTTO_COOKIE_KEY": COOKIE_KEY}
    created = _manage("init-db", env=env)
    assert "Dati pubblici del Ministero dell'Interno caricati" in created, created
    assert "Caricate" in _manage("seed-demo", "--if-empty", env=env)
    assert "modalità demo: sì" in _manage("status", env=env)  # the public data leave the demo mode as it is
    yield from shared.serving({k: v for k, v in env.items() if k not in ("PATH", "HOME")},
                              tmp_path_factory.mktemp("log") / "streamlit.log")


def _session(browser, server, username: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1300}, locale="it-IT")
    page = context.new_page()
    page.goto(server, wait_until="domcontentloaded")
    _log_in(page, username)
    return context, page


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
    _settle(page)


def _to_english(page) -> None:
    """Switch the interface language in the sidebar, as a user does."""
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Lingua").first.click()
    page.get_by_role("option", name="English").click()
    _settle(page)


def _shot(page, name: str, text: str) -> None:
    """A screenshot of the block that starts at the heading ``text``, scrolled to the top of the window."""
    page.get_by_role("heading", name=text).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"riferimento-{name}.png"))


def test_panoramica_shows_the_national_context(server, browser):
    """The prefecture of Milano sees Lombardia and Italy at the last report date (15/09/2025), with the change over
    twelve months and the source; the landings by month are drawn; nothing else on the page changed."""
    context, page = _session(browser, server, "demo.prefettura")
    errors = _watch_errors(page)
    _assert_no_exception(page, "panoramica")
    assert _heading(page).startswith("Panoramica")
    page.get_by_role("heading", name="Contesto nazionale").wait_for(timeout=60_000)
    metrics = _metrics(page)
    assert metrics["Lombardia"] == "17.697" and metrics["Italia"] == "142.740", metrics  # 15/09/2025, as published
    assert {"Posti", "Presenze", "Contatti"} <= set(metrics)  # the project figures are still there
    text = _main_text(page)
    assert "15/09/2025" in text and "in 12 mesi" in page.locator('[data-testid="stMain"]').inner_text()
    captions = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').all_inner_texts()
    assert any(c.startswith(SOURCE) and "Dati al 15/09/2025" in c and "Dati modificati" in c for c in captions), \
        captions
    assert any("Dati pubblici" in c and "Cell Key Method" in c for c in captions), captions
    charts = _wait_for_charts(page, "panoramica", "Persone sbarcate in Italia per mese")
    assert any("Mese parziale" in c["text"] for c in charts)  # September 2025: data to the 15th
    _shot(page, "panoramica-it", "Contesto nazionale")
    _to_english(page)
    page.get_by_role("heading", name="National context").wait_for(timeout=60_000)
    metrics = _metrics(page)
    assert metrics["Lombardia"] == "17,697" and metrics["Italy"] == "142,740", metrics
    _wait_for_charts(page, "panoramica (en)", "People landed in Italy by month")
    assert "Source: Liberiamoli tutti!" in page.locator('[data-testid="stMain"]').inner_text()
    _shot(page, "panoramica-en", "National context")
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)
    context.close()


def test_the_map_shows_the_public_presences_by_region(server, browser):
    """The guest (national and regional totals) opens the map on the public measure: every region drawn, Lombardia
    with its 15/09/2025 figure, per 100,000 residents too; the map level is regions."""
    context, page = _session(browser, server, "demo.ospite")
    errors = _watch_errors(page)
    topojson: list[tuple[str, int]] = []
    page.on("response", lambda r: topojson.append((r.url, r.status)) if ".topojson" in r.url else None)
    _open(page, f"{server}/mappa?misura=public_presences")
    _assert_no_exception(page, "mappa")
    charts = _wait_for_charts(page, "mappa", "Accolti (dato pubblico) per regione", 3)
    shapes = page.evaluate("""() => [...document.querySelectorAll(
        '.vega-embed path[aria-roledescription="geoshape"]')].map(p => p.getAttribute('aria-label') || '')""")
    assert len(shapes) == REGIONS and topojson and all(status == 200 for _u, status in topojson), len(shapes)
    assert any("Territorio: Lombardia;" in s and "17.697" in s for s in shapes), shapes[:3]
    assert any("Dato pubblico al 15/09/2025" in c["title"] + c["text"] for c in charts)
    assert SOURCE in page.locator('[data-testid="stMain"]').inner_text()
    _shot(page, "mappa-it", "Mappa territoriale")
    _open(page, f"{server}/mappa?misura=public_presences&modo=per_100k")
    charts = _wait_for_charts(page, "mappa per 100k", "ogni 100.000 residenti", 3)
    assert not any(c["text"] == "n.d." for c in charts)
    _to_english(page)
    _wait_for_charts(page, "mappa (en)", "In reception (public data) per 100,000 residents", 3)
    _shot(page, "mappa-en", "Territory map")
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)
    context.close()


def test_accoglienza_shows_the_region_over_time_with_its_gaps(server, browser):
    """The prefecture of Milano on Accoglienza, over 2024: Lombardia's presences at every report date (the gap of
    31/03/2024 left empty and named), the projects' share, and the source."""
    context, page = _session(browser, server, "demo.prefettura")
    errors = _watch_errors(page)
    _open(page, f"{server}/accoglienza?unita=mese&da=2024-01&a=2024-12")
    _assert_no_exception(page, "accoglienza")
    page.get_by_role("heading", name="Contesto: l'accoglienza nel territorio (dati pubblici)").wait_for(
        timeout=60_000)
    _wait_for_charts(page, "accoglienza", "Persone accolte, Lombardia (regione di Milano, Monza e della Brianza)")
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "31/03/2024" in main and "Date senza dati nella fonte" in main
    assert SOURCE in main
    _shot(page, "accoglienza-it", "Contesto: l'accoglienza nel territorio (dati pubblici)")
    page.get_by_role("tab", name="Quota dei progetti").click()
    _wait_for_charts(page, "accoglienza (quota)", "Presenze dei progetti SAI e CAS sul totale dell'accoglienza in "
                                                  "Lombardia, Milano, Monza e della Brianza")
    _shot(page, "accoglienza-quota-it", "Contesto: l'accoglienza nel territorio (dati pubblici)")
    page.get_by_role("tab", name="Tabella").last.click()
    page.wait_for_timeout(500)
    _shot(page, "accoglienza-tabella-it", "Contesto: l'accoglienza nel territorio (dati pubblici)")
    csv = Path(_download(page, page.locator('[data-testid="stDownloadButton"]:visible').filter(has_text="CSV").last)
               .path()).read_bytes().decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Contesto: l'accoglienza nel territorio (dati pubblici): Milano")
    assert "Dato pubblico al" in csv.splitlines()[1] and "31/12/2024" in csv
    assert "Fonte: dati aggregati dei progetti" in csv and SOURCE in csv  # both sources under the table
    _to_english(page)
    page.get_by_role("heading", name="Context: reception in the area (public data)").wait_for(timeout=60_000)
    _wait_for_charts(page, "accoglienza (en)", "People in reception, Lombardia (region of Milano, Monza e della "
                                               "Brianza)")
    _shot(page, "accoglienza-en", "Context: reception in the area (public data)")
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)
    context.close()


def test_methodology_states_the_rule(server, browser):
    context, page = _session(browser, server, "demo.ospite")
    _open(page, f"{server}/metodologia")
    page.get_by_role("heading", name="Dati pubblici del Ministero dell'Interno: mostrati come pubblicati").wait_for(
        timeout=60_000)
    text = _main_text(page)
    assert "Mostrati come pubblicati" in text and "Valle d'Aosta al 28/02/2022" in text
    _shot(page, "metodologia-it", "Dati pubblici del Ministero dell'Interno: mostrati come pubblicati")
    context.close()
