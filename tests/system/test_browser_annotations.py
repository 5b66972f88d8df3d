"""Browser test of notes and citations (issue 21): a real `streamlit run` on the seeds demo data with a note on Milano;
the prefecture's Accoglienza draws the note's mark on its trend chart (the tooltip on hovering shows the text) and a
citation line under each figure; the link of a figure, opened in a new browser by the administrator, shows the same
figures with the figure marked as cited; opened by the Avellino tavolo member, it is refused. On the Note page, a note
holding an e-mail address is refused without repeating it, and a plain one is saved. Screenshots go to
test-artifacts/screenshots/ (notes-*.png)."""

from __future__ import annotations

import re

import pytest

from data_access import annotations, db
from data_access.annotations import Territory
from tests.conftest import TEST_SECRET, demo_database
from tests.system.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SHOTS,
    _assert_no_exception,
    _log_in,
    _require_browser,
    serving,
)
from tests.system.test_browser import _settle as settle

pytestmark = pytest.mark.browser
NOTE = "Apertura del nuovo CAS di Rho: 120 posti"
VIEW = "accoglienza?provincia=015&da=2025-01&a=2025-06"


@pytest.fixture(scope="module")
def server(tmp_path_factory, demo_data):
    _require_browser()
    url = f"sqlite:///{tmp_path_factory.mktemp('notes') / 'notes.db'}"
    engine = demo_database(url, demo_data)
    annotations.add(engine, "demo.prefettura", Territory("provincia", "015"), text=NOTE, month="2025-04")
    db.get_engine(url).dispose()
    yield from serving({"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode()},
                       tmp_path_factory.mktemp("log") / "streamlit.log")


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def _open(browser, base: str, user: str, address: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{base}/{address}")
    _log_in(page, user)
    page.wait_for_timeout(1500)  # the charts' second draw (vega-embed)
    settle(page)
    return page


def _citation_links(page) -> list[str]:
    return [a.get_attribute("href") for a in page.locator('a:has-text("link permanente")').all()]


def _hover_note(page, box) -> bool:
    """Move the mouse along the top of the plot, where the note's marker sits, until its tooltip shows the text."""
    for y in (34, 38, 42, 30, 46):
        for step in range(200):
            page.mouse.move(box["x"] + 60 + step * (box["width"] - 60) / 200, box["y"] + y)
            page.wait_for_timeout(15)
            tooltip = page.locator("#vg-tooltip-element")
            if tooltip.count() and NOTE in tooltip.inner_text():
                return True
    return False


def test_a_note_on_the_chart_and_a_citation_reopened(browser, server):
    page = _open(browser, server, "demo.prefettura", VIEW)
    _assert_no_exception(page, "accoglienza")
    # the places chart (the saturation view comes first on the page, in its tabs)
    chart = page.locator('[data-testid="stVegaLiteChart"]').filter(
        has=page.locator('text:has-text("Posti e presenze")')).first
    chart.scroll_into_view_if_needed()
    assert chart.locator('text:has-text("Nota")').count() >= 1  # the legend entry of the note
    box = chart.bounding_box()
    page.screenshot(path=str(SHOTS / "notes-accoglienza.png"), clip={"x": box["x"] - 10, "y": box["y"] - 10,
                                                                      "width": box["width"] + 20,
                                                                      "height": box["height"] + 120})
    figures = _metrics(page)
    links = _citation_links(page)
    assert links and all(re.search(r"[?&]cita=[A-Z2-7]{8}", link) for link in links)
    places = next(link for link in links if "figura=accoglienza.places&" in link)

    assert _hover_note(page, box), "no tooltip with the note's text on its marker"
    page.screenshot(path=str(SHOTS / "notes-tooltip.png"), clip={"x": box["x"] - 10, "y": box["y"] - 10,
                                                                 "width": box["width"] + 20,
                                                                 "height": box["height"] + 90})

    admin = _open(browser, server, "demo.amministratore", places.split("/", 3)[3])
    _assert_no_exception(admin, "citation")
    cited = admin.locator('strong:has-text("◆ Figura citata")')
    assert cited.count() == 1
    assert admin.locator('[data-testid="stAlert"]:has-text("Si apre la vista citata")').count() == 1
    assert _metrics(admin) == figures and len(figures) == 4  # the same published figures as the prefecture saw
    admin.screenshot(path=str(SHOTS / "notes-citation-opened.png"), full_page=False)
    cited.scroll_into_view_if_needed()
    admin.screenshot(path=str(SHOTS / "notes-citation-marked.png"), full_page=False)

    member = _open(browser, server, "demo.tavolo", places.split("/", 3)[3])
    assert member.locator('[data-testid="stAlert"]:has-text("non si può aprire")').count() == 1
    assert member.locator('[data-testid="stVegaLiteChart"]').count() == 0
    member.screenshot(path=str(SHOTS / "notes-citation-refused.png"), full_page=False)

    note_page = _open(browser, server, "demo.prefettura", "note")
    _assert_no_exception(note_page, "note")
    note_page.screenshot(path=str(SHOTS / "notes-page.png"), full_page=True)
    _write(note_page, "scrivere a operatrice@example.org")
    refused = note_page.locator('[data-testid="stAlert"]:has-text("sembra contenere un indirizzo email")')
    assert refused.count() == 1 and "@example" not in refused.inner_text()
    note_page.screenshot(path=str(SHOTS / "notes-page-refused.png"), full_page=False)
    _write(note_page, "Chiusura del CAS di Bollate")
    assert note_page.locator('[data-testid="stAlert"]:has-text("Nota salvata (Milano)")').count() == 1
    assert note_page.locator('[data-testid="stDataFrame"]').count() >= 1
    assert "operatrice" not in note_page.locator('[data-testid="stMain"]').inner_text()


def _metrics(page) -> list[str]:
    return [m.inner_text() for m in page.locator('[data-testid="stMetricValue"]').all()]


def _write(page, text: str) -> None:
    """Type a new note in the Note page's form and save it, as a user does."""
    area = page.locator('textarea[aria-label="Testo della nota"]').first  # the new note's, above the edit form
    area.fill(text)
    page.get_by_role("button", name="Salva la nota").click()
    page.wait_for_timeout(800)
    settle(page)
