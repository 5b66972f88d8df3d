"""Browser test of the Segnalazioni page and Rete's indicators (issue 21), on the demo server of
tests/system/test_browser.py: the menu shows the count, each alert opens its view with its filters, dismissing one
lowers the count; Rete shows an action beside its indicator's trend. Screenshots go to test-artifacts/screenshots/
(segnalazioni-*.png, rete-indicatori.png)."""

from __future__ import annotations

import re

import pytest

from tests.system import test_browser as shared
from tests.system.test_browser import (
    SHOTS,
    _assert_no_exception,
    _heading,
    _log_in,
    _main_text,
    _settle,
    _wait_for_charts,
    _watch_errors,
)

pytestmark = pytest.mark.browser
server = shared.server
browser = shared.browser


def _menu_count(page) -> int:
    link = page.locator('[data-testid="stSidebarNav"] a', has_text="Segnalazioni")
    found = re.search(r"Segnalazioni \((\d+)\)", link.inner_text())
    return int(found.group(1)) if found else 0


def test_alerts_on_a_phone_keep_their_text_readable(server, browser):
    """On a phone the link and the button of an alert go under its text, which keeps the width of the screen;
    on a screen they stand beside it (one bordered row each)."""
    boxes = {}
    for width in (420, 1400):
        context = browser.new_context(viewport={"width": width, "height": 1000}, locale="it-IT")
        page = context.new_page()
        page.goto(f"{server}/segnalazioni", wait_until="domcontentloaded")
        _log_in(page, "demo.tavolo")
        row = page.locator('[data-testid="stMain"] [data-testid="stHorizontalBlock"]',
                           has=page.get_by_role("button", name="Ignora")).first
        text = row.locator('[data-testid="stMarkdownContainer"]').first.bounding_box()
        button = row.get_by_role("button", name="Ignora").bounding_box()
        boxes[width] = (text, button)
        if width == 420:
            page.screenshot(path=str(SHOTS / "segnalazioni-telefono.png"), full_page=False)
        context.close()
    text, button = boxes[420]
    assert text["width"] > 300 and button["y"] > text["y"] + text["height"] - 1, boxes[420]  # under the text
    text, button = boxes[1400]
    assert button["x"] > text["x"] + text["width"] and button["y"] < text["y"] + text["height"], boxes[1400]


def test_alerts_page_link_and_dismissal(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="it-IT")
    page = context.new_page()
    errors = _watch_errors(page)
    page.goto(f"{server}/segnalazioni", wait_until="domcontentloaded")
    _log_in(page, "demo.tavolo")
    _assert_no_exception(page, "segnalazioni")
    assert _heading(page) == "Segnalazioni"
    count = _menu_count(page)
    assert count >= 1
    assert page.get_by_role("heading", name=re.compile("Azioni del piano scadute o in scadenza")).count() == 1
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Avellino" in text and "Milano" not in text and "Sondrio" not in text
    page.screenshot(path=str(SHOTS / "segnalazioni-tavolo.png"), full_page=True)

    page.get_by_role("button", name="Ignora").first.click()
    page.wait_for_function(f"() => !document.querySelector('[data-testid=\"stSidebarNav\"]').innerText"
                           f".includes('Segnalazioni ({count})')", timeout=30_000)
    _settle(page)
    assert _menu_count(page) == count - 1
    assert "Segnalazioni ignorate (1)" in page.locator('[data-testid="stMain"]').inner_text()
    page.screenshot(path=str(SHOTS / "segnalazioni-ignorata.png"), full_page=True)

    page.get_by_role("link", name=re.compile("Apri la vista")).first.click()
    page.wait_for_url(re.compile(r"/rete\?.*provincia=064"), timeout=30_000)
    _settle(page)
    _assert_no_exception(page, "rete from an alert")
    assert _heading(page).startswith("Rete")
    assert "Avellino" in _main_text(page)
    assert not errors, errors
    context.close()


def test_rete_shows_actions_beside_their_indicators(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="it-IT")
    page = context.new_page()
    page.goto(f"{server}/rete?unita=mese&da=2025-01&a=2025-12", wait_until="domcontentloaded")
    _log_in(page, "demo.tavolo")
    _assert_no_exception(page, "rete")
    heading = page.get_by_text(re.compile(r"^Le azioni accanto ai loro indicatori \(\d+\)$"))
    heading.scroll_into_view_if_needed()
    closed = _wait_for_charts(page, "rete", None, 3)
    assert not [c for c in closed if c["title"].startswith("Contatti: Avellino")]  # a closed section builds nothing
    heading.click()  # opens the section: the page reruns with its charts
    opened = _wait_for_charts(page, "rete", "Contatti: Avellino", len(closed) + 1)
    assert len(opened) > len(closed)
    text = _main_text(page)
    assert "PIL-AV-07" in text and "Procedura condivisa di segnalazione al Numero Verde Antitratta" in text
    heading.screenshot(path=str(SHOTS / "rete-indicatori-titolo.png"))
    page.screenshot(path=str(SHOTS / "rete-indicatori.png"), full_page=True)
    context.close()
