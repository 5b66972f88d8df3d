"""Browser test of issue 19 (ready for the meeting), at 1,400 x 1,000 px as a tavolo member's laptop shows it, on
the seeds demo data (the set-up and helpers of tests/system/test_browser.py): without scrolling, Accoglienza shows
the saturation view first (its heading, the count of full projects, the table whose first column says the level in
words, every column in sight), Panoramica shows the saturation view, and Rete shows the action plan's overdue
actions first. Screenshots of Accoglienza, Panoramica, Rete and the pack page go to test-artifacts/screenshots/
(riunione-*.png)."""

from __future__ import annotations

import pytest

from tests.system import test_browser as shared
from tests.system.test_browser import SHOTS, _assert_no_exception, _heading, _log_in, _settle

pytestmark = pytest.mark.browser
server = shared.server  # the seeds demo database behind a real `streamlit run`
browser = shared.browser
WIDTH, HEIGHT = 1400, 1000


def _open(browser, server: str, user: str, path: str):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="it-IT")
    page = context.new_page()
    page.goto(server, wait_until="domcontentloaded")
    _log_in(page, user)
    for _ in range(50):  # the login cookie is set by a component after the run: the next page needs it
        if any(c["name"] == "cruscotto_sessione" for c in context.cookies()):
            break
        page.wait_for_timeout(200)
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    _settle(page)
    _assert_no_exception(page, path)
    return context, page


def _in_sight(locator) -> dict:
    """The element's box; asserts it lies inside the first screen (no scrolling, no horizontal overflow)."""
    locator.wait_for(timeout=60_000)
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + min(box["height"], 40) <= HEIGHT, box  # its top rows at least
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
    return box


def _first_grid_fits(page) -> None:
    """The page's first data grid in the first screen, its columns all fitting its width (no horizontal scroll bar
    hiding the last columns)."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    _in_sight(grid)
    overflow = grid.evaluate("""g => { const s = g.querySelector('.dvn-scroller');
                                       return s ? s.scrollWidth - s.clientWidth : 0; }""")
    assert overflow <= 2, f"{overflow} px of columns off-screen"


def test_accoglienza_opens_on_the_saturation_view(server, browser):
    """March 2025, every territory: the heading "Saturazione dell'accoglienza a marzo 2025", "Progetti saturi (95% o
    più): 3" and the table of projects, fullest first, all in the first screen with every column in sight."""
    context, page = _open(browser, server, "demo.amministratore", "accoglienza?unita=mese&da=2025-03&a=2025-03")
    assert _heading(page).startswith("Accoglienza")
    _in_sight(page.get_by_role("heading", name="Saturazione dell'accoglienza a marzo 2025"))
    _in_sight(page.get_by_text("Progetti saturi (95% o più)", exact=False).first)
    _first_grid_fits(page)
    page.screenshot(path=str(SHOTS / "riunione-accoglienza.png"))
    context.close()


def test_panoramica_shows_the_saturation_view(server, browser):
    context, page = _open(browser, server, "demo.amministratore", "?unita=mese&da=2025-03&a=2025-03")
    assert _heading(page) == "Panoramica"
    _in_sight(page.get_by_role("heading", name="Saturazione dell'accoglienza a marzo 2025"))
    _in_sight(page.get_by_text("Progetti saturi (95% o più)", exact=False).first)
    page.screenshot(path=str(SHOTS / "riunione-panoramica.png"))
    context.close()


def test_rete_opens_on_the_overdue_actions(server, browser):
    """Avellino's tavolo member: the overdue actions of the local action plan, first on Rete, in sight with every
    column."""
    context, page = _open(browser, server, "demo.tavolo", "rete")
    assert _heading(page).startswith("Rete")
    heading = page.get_by_role("heading", name="in ritardo", exact=False).first
    _in_sight(heading)
    _first_grid_fits(page)
    page.screenshot(path=str(SHOTS / "riunione-rete.png"))
    context.close()


def test_the_pack_page(server, browser):
    """The pack page of SAI Besozzo over 2019-2025: no exception; a screenshot to look at."""
    context, page = _open(browser, server, "demo.amministratore",
                          "pacchetto?provincia=012&progetto=SAI-BESOZZO&unita=mese&da=2019-01&a=2025-12")
    assert _heading(page).startswith("Pacchetto riunione")
    page.get_by_text("posti da 36 a 13 da gennaio 2021", exact=False).first.wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "riunione-pacchetto.png"), full_page=True)
    context.close()
