"""Browser test: a real `streamlit run` on a free local port, driven by Playwright in Debian's chromium.

It logs in through the form as each demo role and checks what that user sees (menu, territories, a page outside
the role, logout); it follows a deep link through the login on a fresh server and a page refresh (the login
cookie); then, logged in as the administrator, it opens every page, changes a filter in the sidebar, waits for
the charts to be drawn (a Vega canvas or SVG), checks that no Streamlit exception shows, and saves a screenshot
of each page in test-artifacts/screenshots/. Skipped (with the reason) where /usr/bin/chromium is missing, except
in CI, where it must run.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from benchmarks.stclient import Server
from config.labels import t
from config.navigation import PAGES as NAVIGATION
from data_access import auth, db
from tests.conftest import TEST_SECRET, demo_database

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SERVER_URL: list[str] = []  # the database of the running server, for checking its audit trail
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def _require_browser() -> None:
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} not found (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed"
    if missing:
        if os.environ.get("CRUSCOTTO_REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
            pytest.fail(f"browser tests are required here but {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def server(tmp_path_factory, demo_data):
    _require_browser()
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.db'}"
    SERVER_URL[:] = [url]
    demo_database(url, demo_data)
    SHOTS.mkdir(parents=True, exist_ok=True)
    running = Server(ROOT / "app.py", env={"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode()},
                     log=tmp_path_factory.mktemp("log") / "streamlit.log")
    try:
        running.start(timeout=90)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield running.base
    running.stop()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


# the default page lives at the root URL ("/"): st.navigation ignores its url_path
PAGES = [("" if i == 0 else url, t(key)) for i, (_path, key, _icon, url) in enumerate(NAVIGATION)]


def _settle(page) -> None:
    """Wait until Streamlit has finished the run (no 'running' indicator) and the page is idle."""
    page.wait_for_load_state("networkidle", timeout=60_000)
    page.wait_for_selector('[data-testid="stAppViewContainer"] h1', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)


def _assert_no_exception(page, where: str) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, f"{where}: {errors.first.inner_text()[:500]}"


LOGIN_TITLE = "Accesso al Cruscotto territoriale"


def _heading(page) -> str:
    return page.locator('[data-testid="stAppViewContainer"] h1').first.inner_text()


def _log_in(page, username: str, password: str = auth.DEMO_PASSWORD) -> None:
    """Fill the login form as a user does and wait for the first page after it."""
    page.wait_for_selector(f'h1:has-text("{LOGIN_TITLE}")', timeout=60_000)
    _settle(page)  # a first run redirected to app.py leaves stale elements for a moment: wait for one form
    page.wait_for_function("() => document.querySelectorAll('input[aria-label=\"Nome utente\"]').length === 1",
                           timeout=60_000)
    page.get_by_label("Nome utente").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Entra").click()
    page.wait_for_function(
        f"() => {{ const h = document.querySelector('[data-testid=\"stAppViewContainer\"] h1');"
        f" return h && !h.innerText.startsWith('{LOGIN_TITLE}'); }}", timeout=60_000)
    _settle(page)


def _menu(page) -> set[str]:
    # each link holds its icon's ligature name ("dashboard") and then the title
    return {link.inner_text().strip().splitlines()[-1].strip()
            for link in page.locator('[data-testid="stSidebarNav"] a').all()}


def test_pages_are_listed():
    assert len(PAGES) >= 2
    assert PAGES[0][0] == ""  # Panoramica, the home page, at the root URL


def test_deep_link_on_a_fresh_server_goes_through_login_and_survives_a_refresh(server, browser):
    """The first request after a server start shows the login; after it the user lands on the linked view, and a
    page refresh (a new session) keeps user, page and filters thanks to the login cookie."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{server}/accoglienza?unita=anno&provincia=014", wait_until="domcontentloaded")
    _settle(page)
    assert _heading(page) == LOGIN_TITLE
    assert page.locator('[data-testid="stMetric"], .vega-embed').count() == 0  # nothing before the login
    _log_in(page, "demo.amministratore")
    _assert_no_exception(page, "deep link")
    page.wait_for_url(re.compile(r"/accoglienza\?.*provincia=014"), timeout=30_000)
    assert "unita=anno" in page.url
    assert _heading(page).startswith("Accoglienza")
    assert any(c["name"] == "cruscotto_sessione" for c in context.cookies())
    page.reload(wait_until="domcontentloaded")
    _settle(page)
    assert _heading(page).startswith("Accoglienza"), "a refresh must keep the user on the page"
    assert "provincia=014" in page.url
    context.close()


ROLE_VIEWS = {  # demo account -> (menu, provinces offered in the filter bar (None: no province filter))
    "demo.amministratore": ({"Panoramica", "Utenti", "Registro accessi", "Rete e tavolo"}, 107),
    "demo.prefettura": ({"Panoramica", "Rete e tavolo", "Metodologia"}, 2),
    "demo.tavolo": ({"Panoramica", "Rete e tavolo"}, 1),
    "demo.referente": ({"Panoramica", "Accoglienza"}, 1),
    "demo.ospite": ({"Panoramica", "Mappa territoriale", "Metodologia"}, None),
}
HIDDEN = {"demo.prefettura": {"Utenti", "Registro accessi"}, "demo.tavolo": {"Utenti"},
          "demo.referente": {"Registro accessi"}, "demo.ospite": {"Rete e tavolo", "Utenti", "Registro accessi"}}


@pytest.mark.parametrize("username", list(ROLE_VIEWS))
def test_each_demo_role_logs_in_and_sees_its_own(server, browser, username):
    menu, provinces = ROLE_VIEWS[username]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(server, wait_until="domcontentloaded")
    if username == "demo.tavolo":  # a wrong password first: the Italian message, and still the login page
        page.wait_for_selector(f'h1:has-text("{LOGIN_TITLE}")', timeout=60_000)
        _settle(page)
        page.get_by_label("Nome utente").fill(username)
        page.get_by_label("Password", exact=True).fill("password-sbagliata")
        page.get_by_role("button", name="Entra").click()
        page.get_by_text("Nome utente o password non corretti.").wait_for(timeout=30_000)
        assert _heading(page) == LOGIN_TITLE
    _log_in(page, username)
    _assert_no_exception(page, username)
    assert _heading(page).startswith("Panoramica")
    shown = _menu(page)
    assert menu <= shown, shown
    assert not (HIDDEN.get(username, set()) & shown), shown
    sidebar = page.locator('[data-testid="stSidebar"]')
    province_box = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Provincia")
    if provinces is None:
        assert province_box.count() == 0
    else:
        province_box.first.click()
        options = page.locator('[role="option"]')
        options.first.wait_for(timeout=30_000)
        if provinces > 10:  # a long list is virtualised: only its first options are in the page
            assert options.count() > 10, options.all_inner_texts()
        else:
            assert options.count() == provinces + 1, options.all_inner_texts()  # + "Tutte le province"
        page.keyboard.press("Escape")
    # the administrators' page: the administrator opens it; for any other role its address opens the home page
    page.goto(f"{server}/utenti", wait_until="domcontentloaded")
    _settle(page)
    if username == "demo.amministratore":
        assert _heading(page).startswith("Utenti")
    else:
        assert _heading(page).startswith("Panoramica"), _heading(page)
        dialog = page.get_by_role("dialog")  # Streamlit says the page does not exist (for this user)
        assert "Page not found" in dialog.inner_text()
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached", timeout=30_000)
    page.screenshot(path=str(SHOTS / f"ruolo-{username}.png"), full_page=True)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Esci").click()
    page.wait_for_selector(f'h1:has-text("{LOGIN_TITLE}")', timeout=60_000)
    page.reload(wait_until="domcontentloaded")  # the cookie no longer logs in
    _settle(page)
    assert _heading(page) == LOGIN_TITLE
    context.close()


@pytest.fixture(scope="module")
def admin_context(server, browser):
    """One logged-in browser context: its login cookie opens every page in a new session."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="it-IT")
    page = context.new_page()
    page.goto(server, wait_until="domcontentloaded")
    _log_in(page, "demo.amministratore")
    page.close()
    yield context
    context.close()


@pytest.mark.parametrize(("url_path", "title"), PAGES, ids=[p[0] or "home" for p in PAGES])
def test_page_renders_and_reacts_to_a_filter(server, admin_context, url_path, title):
    page = admin_context.new_page()
    page.goto(f"{server}/{url_path}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
    _settle(page)
    _assert_no_exception(page, url_path)
    assert page.get_by_text("Page not found").count() == 0, f"{url_path}: Streamlit says the page does not exist"
    assert page.get_by_text("DATI DIMOSTRATIVI SINTETICI").count() >= 1
    charts = page.locator(".vega-embed canvas, .vega-embed svg.marks")
    drawn = '.vega-embed canvas, .vega-embed svg.marks, [data-testid="stMetric"], [data-testid="stDataFrame"]'
    try:  # Vega draws after Streamlit has delivered the element: wait for it rather than count at once
        page.wait_for_selector(drawn, timeout=60_000)
    except Exception:  # noqa: BLE001 - reported as the assertion below
        pass
    assert page.locator(drawn).count() > 0, f"{url_path}: nothing drawn"

    # change a filter the way a user does: the period unit in the sidebar
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.get_by_text("anno", exact=True).count():
        sidebar.get_by_text("anno", exact=True).first.click()
        page.wait_for_url(re.compile(r"unita=anno"), timeout=30_000)
        _settle(page)
        _assert_no_exception(page, f"{url_path} after the filter change")
        if charts.count():
            page.wait_for_selector(".vega-embed canvas, .vega-embed svg.marks", timeout=30_000)
    page.screenshot(path=str(SHOTS / f"{url_path or 'panoramica'}.png"), full_page=True)
    page.close()


def _download(page, button, timeout: int = 60_000):
    """Click a download button and return the download. The file is built on the server at the click (deferred
    data); a click that lands while Streamlit redraws the button is tried once more."""
    for attempt in range(2):
        try:
            button.scroll_into_view_if_needed()
            with page.expect_download(timeout=timeout) as download:
                button.click()
            return download.value
        except Exception:  # noqa: BLE001 - retried once, then raised
            if attempt:
                raise
            _settle(page)


def test_downloads_a_table_as_csv_and_the_meeting_pack(server, admin_context):
    """What a coordinator does before a meeting: a table as CSV and the slide pack, both as files."""
    import io

    from pptx import Presentation

    page = admin_context.new_page()
    page.goto(f"{server}/accoglienza?unita=trimestre&provincia=014", wait_until="domcontentloaded")
    _settle(page)
    assert _heading(page).startswith("Accoglienza"), _heading(page)
    # the table by territory and project, the last on the page (the others sit in tabs not shown)
    page.get_by_text("La segnalazione", exact=False).first.wait_for(timeout=60_000)
    _settle(page)
    download = _download(page, page.locator('[data-testid="stDownloadButton"]').filter(has_text="CSV").last)
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    text = content.decode("utf-8-sig")
    lines = text.splitlines()
    assert "Sondrio" in lines[0] and "Progetto" in lines[1] and ";" in lines[1]
    assert re.search(r"versione \d+", text) and "SAI" in text
    assert download.suggested_filename.endswith(".csv")

    page.goto(f"{server}/pacchetto?unita=trimestre&provincia=014", wait_until="domcontentloaded")
    _settle(page)
    assert _heading(page).startswith("Pacchetto riunione")
    download = _download(page, page.get_by_role("button", name="Slide (PPTX)"), timeout=120_000)
    deck = Presentation(io.BytesIO(Path(download.path()).read_bytes()))
    slides = list(deck.slides)
    assert len(slides) == 1 + 5 + 1 + 1
    assert all("Sondrio" in s.shapes.title.text for s in slides[1:6])
    events = auth.audit_frame(db.get_engine(SERVER_URL[0]), username="demo.amministratore", events=["export"])
    formats = {json.loads(d)["formato"] for d in events["details"]}
    assert {"csv", "pptx"} <= formats
    page.close()


def _metrics(page) -> dict[str, str]:
    return {m.locator('[data-testid="stMetricLabel"]').inner_text().strip():
            m.locator('[data-testid="stMetricValue"]').inner_text().strip()
            for m in page.locator('[data-testid="stMetric"]').all()}


def test_data_steward_uploads_a_filled_template_and_sees_it_in_the_charts(server, browser, tmp_path):
    """What a project's data steward does each month: the CSV template from the import page, one month of figures
    written under its headers, the upload, the check and preview, the load; then the month is on the charts."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="it-IT")
    page = context.new_page()
    page.goto(f"{server}/importa", wait_until="domcontentloaded")
    _log_in(page, "demo.referente")  # the address survives the login
    page.wait_for_url(re.compile(r"/importa"), timeout=30_000)
    _settle(page)
    assert _heading(page).startswith("Carica dati"), _heading(page)
    template = Path(_download(page, page.get_by_role("button", name="Modello CSV")).path()).read_bytes()
    lines = template.decode("utf-8-sig").splitlines()
    assert lines[-1] == "periodo;provincia;comune;progetto;target;strutture;posti;presenze"
    assert all(line.startswith("#") for line in lines[:-1])  # the explanations are comments
    filled = tmp_path / "accoglienza-sondrio-2026-01.csv"
    filled.write_bytes(template + b"2026-01;Sondrio;Sondrio;SAI-SONDRIO;uomini;4;37;30\r\n")

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(filled))
    page.get_by_text("Anteprima rispetto ai dati attuali").wait_for(timeout=60_000)
    _settle(page)
    metrics = _metrics(page)
    assert metrics["Righe nuove"] == "1" and metrics["Righe invariate (già caricate)"] == "0", metrics
    page.get_by_role("button", name="Carica", exact=True).click()
    page.get_by_text("Caricato «accoglienza-sondrio-2026-01.csv»: versione dei dati").wait_for(timeout=60_000)
    _assert_no_exception(page, "upload")

    page.goto(f"{server}/accoglienza?unita=mese&provincia=014", wait_until="domcontentloaded")
    _settle(page)
    page.wait_for_selector(".vega-embed canvas, .vega-embed svg.marks", timeout=60_000)
    assert _metrics(page)["Posti"] == "37"  # places are not perturbed
    assert "a=2026-01" in page.url and page.get_by_text("Fotografia a gennaio 2026").count() >= 1  # the latest month
    svg = Path(_download(page, page.locator('[data-testid="stDownloadButton"]').filter(has_text="SVG").first)
               .path()).read_text(encoding="utf-8")
    assert "gen 2026" in svg or "gennaio 2026" in svg, "the chart must reach the uploaded month"
    events = auth.audit_frame(db.get_engine(SERVER_URL[0]), username="demo.referente", events=["upload"])
    assert json.loads(events["details"].iloc[-1])["file"] == "accoglienza-sondrio-2026-01.csv"
    page.screenshot(path=str(SHOTS / "caricamento.png"), full_page=True)
    context.close()
