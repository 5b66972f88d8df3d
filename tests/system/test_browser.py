"""Browser test: a real `streamlit run` on a free local port, driven by Playwright in Debian's chromium.

It logs in through the form as each demo role and checks what that user sees (exactly the role's menu,
territories, a page outside the role, logout); it follows a deep link through the login on a fresh server and a
page refresh (the login cookie); then, logged in as the administrator, it opens every page and checks what it
shows: on the analytic pages the Vega charts drawn, before and after switching the period unit to years in the
sidebar, and the new period named on the page; on the map, the TopoJSON fetched and every province drawn, and a
click on a province focusing the other charts. No Streamlit exception may show and no error reach the browser
console (known noise is listed with its reason). A screenshot of each page goes to test-artifacts/screenshots/.
Skipped (with the reason) where /usr/bin/chromium is missing, except in CI, where it must run.
"""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest

from benchmarks.stclient import Server
from config.labels import t
from config.navigation import PAGES as NAVIGATION
from data_access import auth, db
from tests.conftest import TEST_SECRET, demo_database, require

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
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
    require("browser tests are", missing, "CRUSCOTTO_REQUIRE_BROWSER")


@pytest.fixture(scope="module")
def server(tmp_path_factory, demo_data):
    _require_browser()
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.db'}"
    SERVER_URL[:] = [url]
    demo_database(url, demo_data)
    yield from serving({"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode()},
                       tmp_path_factory.mktemp("log") / "streamlit.log")


def serving(env: dict, log: Path):
    """A real `streamlit run app.py` with ``env``, for a module's server fixture: yields its base URL, then stops it
    (screenshots go to SHOTS)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    running = Server(ROOT / "app.py", env=env, log=log)
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
    # a title, or an exception shown before it (reported by _assert_no_exception rather than as a time-out)
    page.wait_for_selector('[data-testid="stAppViewContainer"] h1, [data-testid="stException"]', timeout=60_000)
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


def _menu_labels(page) -> list[str]:
    """The page titles in the sidebar menu, in order."""
    # each link holds its icon's ligature name ("dashboard") and then the title; Segnalazioni carries its count
    return [re.sub(r" \(\d+\)$", "", link.inner_text().strip().splitlines()[-1].strip())
            for link in page.locator('[data-testid="stSidebarNav"] a').all()]


def _menu(page) -> set[str]:
    return set(_menu_labels(page))


def _expected_menu(username: str) -> list[str]:
    """The Italian titles, in menu order (config/navigation.py), of the pages the account's role may open."""
    role = next(a["role"] for a in auth.DEMO_ACCOUNTS if a["username"] == username)
    allowed = auth.pages_for(role)
    return [t(key, "it") for _path, key, _icon, url in NAVIGATION if url in allowed]


def test_pages_are_listed(server, browser):
    """The administrator's sidebar lists exactly the pages of the role, in the order of config/navigation.py, with
    their Italian titles; the home page (Panoramica) comes first, at the root URL. (Its own login: a later logout
    of the same account ends the sessions of a shared context.)"""
    expected = _expected_menu("demo.amministratore")
    assert expected == [t(key, "it") for _path, key, _icon, _url in NAVIGATION]  # an administrator sees them all
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(server, wait_until="domcontentloaded")
    _log_in(page, "demo.amministratore")
    assert _heading(page) == "Panoramica"
    assert _menu_labels(page) == expected
    home = page.locator('[data-testid="stSidebarNav"] a').first
    assert home.get_attribute("href").rstrip("/") == server.rstrip("/"), home.get_attribute("href")
    context.close()


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
    for _ in range(50):  # the cookie is set by a component after the run: give it a moment under load
        if any(c["name"] == "cruscotto_sessione" for c in context.cookies()):
            break
        page.wait_for_timeout(200)
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
    assert sorted(shown) == sorted(_expected_menu(username)), shown  # exactly the pages of the role
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


# Console errors that are not the app's nor Vega's, each with its reason. Anything else logged as an error (or thrown)
# while a page is open fails the test.
KNOWN_CONSOLE_NOISE = [
    # Streamlit's frontend fetches Material Symbols icons from Google's font CDN; the test browser is offline.
    (re.compile(r"^Failed to load resource: net::ERR_NAME_NOT_RESOLVED$"), re.compile(r"^https://fonts\.gstatic\.com/")),
    # Opened at a page's path (/mappa), Streamlit's frontend first probes its endpoints under that path as a possible
    # base URL, gets 404, then uses the root: its own start-up, before any page runs.
    (re.compile(r"^Failed to load resource: the server responded with a status of 404"),
     re.compile(r"^http://127\.0\.0\.1:\d+/[^/?]+/_stcore/(health|host-config)$")),
]


def _watch_errors(page) -> list[str]:
    """Collect the console errors and uncaught exceptions of a page (known noise left out), as they happen."""
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if not any(text.search(message.text) and where.search(url) for text, where in KNOWN_CONSOLE_NOISE):
            errors.append(f"console: {message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    return errors


# For each Vega view: its title (aria-label), the texts drawn in it, and how much it draws: data-mark items in an
# SVG, or non-blank pixels on a canvas.
CHARTS_JS = """() => [...document.querySelectorAll('.vega-embed')].map(e => {
  const svg = e.querySelector('svg.marks');
  let drawn = 0;
  if (svg) {
    drawn = svg.querySelectorAll('.role-mark > *').length;
  } else {
    const c = e.querySelector('canvas');
    if (c && c.width && c.height) {
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < px.length; i += 4)
        if (px[i + 3] && (px[i] < 250 || px[i + 1] < 250 || px[i + 2] < 250)) drawn++;
    }
  }
  const texts = svg ? [...svg.querySelectorAll('text')].map(t => t.textContent) : [];
  return {title: e.getAttribute('aria-label') || '', text: texts.join(' | '), drawn: drawn,
          map: !!e.querySelector('path[aria-roledescription="geoshape"]')};
})"""


def _charts(page) -> list[dict]:
    return page.evaluate(CHARTS_JS)


def _wait_for_charts(page, where: str, phrase: str | None = None, at_least: int = 1) -> list[dict]:
    """Wait until the page shows at least ``at_least`` Vega views, every one has drawn its marks (and, with
    ``phrase``, one of them shows it), and their number has held for half a second (Streamlit delivers the
    elements one by one); fail with what is there otherwise."""
    deadline, previous = time.monotonic() + 60, None
    while True:
        charts = _charts(page)
        ready = (len(charts) >= at_least and all(c["drawn"] for c in charts)
                 and (not phrase or any(phrase in c["title"] + " " + c["text"] for c in charts)))
        if (ready and previous == len(charts)) or time.monotonic() > deadline:
            break
        previous = len(charts) if ready else None
        page.wait_for_timeout(500)
    assert len(charts) >= at_least, f"{where}: {len(charts)} charts, expected at least {at_least}"
    undrawn = [c["title"] for c in charts if not c["drawn"]]
    assert not undrawn, f"{where}: charts not drawn: {undrawn}"
    if phrase:
        assert any(phrase in c["title"] + " " + c["text"] for c in charts), \
            f"{where}: no chart shows «{phrase}»: {[c['title'] for c in charts]}"
    return charts


def _main_text(page) -> str:
    """The text of the page's paragraphs (intro, notes), without the sidebar."""
    return " | ".join(page.locator('[data-testid="stMain"] [data-testid="stMarkdown"]').all_inner_texts())


def _table(page, index: int = 0) -> tuple[str, int]:
    """(header text, number of data rows) of a table drawn by st.dataframe, from its accessible table."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(index).locator("table")
    grid.wait_for(state="attached", timeout=30_000)
    return grid.locator("thead").inner_text(), int(grid.get_attribute("aria-rowcount")) - 1


def _period_phrase(url: str) -> str:
    """How an Italian reader sees the yearly period of ``url`` (da/a parameters): "dal 2021 al 2025", "anno 2025"."""
    params = dict(re.findall(r"[?&](da|a)=([^&]+)", url))
    start = params.get("da", params["a"])  # a page of one period writes no start of its own
    return f"anno {params['a']}" if start == params["a"] else f"dal {start} al {params['a']}"


MAP_PROVINCES = 107  # Italy's provinces (ISTAT): the national map draws every one, with data or "n.d."
MAP_SHAPES_JS = """() => [...document.querySelectorAll('.vega-embed path[aria-roledescription="geoshape"]')]
  .filter(p => (p.getAttribute('d') || '').length > 20).map(p => p.getAttribute('aria-label') || '')"""


def _check_map(page, topojson: list) -> None:
    """The geometry came from the static TopoJSON (answered 200) and every province is drawn."""
    assert topojson, "the map never requested its TopoJSON"
    assert all(status == 200 for _url, status in topojson), topojson
    assert all("/app/static/" in url for url, _status in topojson), topojson
    shapes = page.evaluate(MAP_SHAPES_JS)
    assert len(shapes) == MAP_PROVINCES, f"{len(shapes)} province shapes drawn"
    assert any("Territorio: Milano;" in s for s in shapes) and any("Territorio: Palermo;" in s for s in shapes)


# What each page shows. "charts": how many Vega views it shows at least (in the first tab of each group), all drawn
# before and after the filter change (False: none); "period": the sidebar period unit switches to years, and the
# page must then name the new period; "dated": its charts name their own dates (public statistics: the landings of
# the last 24 months with data), not the period chosen.
PAGE_CHECKS = {
    "panoramica": {"heading": "Panoramica", "charts": 1, "period": True, "dated": True},
    "mappa": {"heading": "Mappa territoriale", "charts": 3, "period": True},
    "accoglienza": {"heading": "Accoglienza", "charts": 2, "period": True},
    "emersione": {"heading": "Emersione e contatti", "charts": 2, "period": True},
    "servizi": {"heading": "Servizi", "charts": 2, "period": True},
    "rete": {"heading": "Rete", "charts": 2, "period": True, "yearly": 1},
    "pacchetto": {"heading": "Pacchetto riunione", "charts": False, "period": True},
    "segnalazioni": {"heading": "Segnalazioni", "charts": False, "period": False},
    "note": {"heading": "Note sui grafici", "charts": False, "period": False},
    "metodologia": {"heading": "Metodologia", "charts": False, "period": False},
    "importa": {"heading": "Carica dati", "charts": False, "period": False},
    "utenti": {"heading": "Utenti", "charts": False, "period": False},
    "registro": {"heading": "Registro accessi", "charts": False, "period": False},
}


def test_every_page_has_its_checks():
    assert set(PAGE_CHECKS) == {url for _path, _key, _icon, url in NAVIGATION}


def _check_content(page, name: str) -> dict:
    """What a page without charts shows; returns what the filter change must alter (Panoramica's figures)."""
    if name == "panoramica":
        metrics = _metrics(page)
        assert len(metrics) >= 4 and all(metrics.values()), metrics
        assert {"Posti", "Presenze", "Contatti"} <= set(metrics), metrics
        header, rows = _table(page)  # the coverage: the last month received per project
        assert "Progetto" in header or "progetto" in header, header
        assert rows >= 1
        return metrics
    if name == "pacchetto":
        header, rows = _table(page)
        assert rows >= 5, (header, rows)  # the summary: one row per measure
        page.get_by_role("button", name="Slide (PPTX)").wait_for(timeout=30_000)
    elif name == "note":  # the administrator writes: the form, and the list of the notes of the scope
        assert page.get_by_role("heading", name="Nuova nota").count() == 1
        assert page.get_by_role("heading", name="Note dei territori del suo ambito").count() == 1
        page.get_by_role("button", name="Salva la nota").wait_for(timeout=30_000)
    elif name == "segnalazioni":
        text = _main_text(page)
        assert "Non ha inviato Accoglienza" in text and "Azione PIL-" in text, text[:500]  # two rules' alerts
        assert page.get_by_role("heading", name=re.compile("Azioni del piano scadute o in scadenza")).count() == 1
        assert page.get_by_text("Apri la vista").count() >= 2
        page.get_by_role("button", name="Ignora").first.wait_for(timeout=30_000)
    elif name == "metodologia":
        assert "Cell Key Method" in _main_text(page)
        header, rows = _table(page)  # the p-table
        assert "Valore pubblicato" in header and rows >= 10, (header, rows)
    elif name == "importa":
        page.get_by_role("button", name="Modello CSV").wait_for(timeout=30_000)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(state="attached", timeout=30_000)
        _header, rows = _table(page, -1)  # the data versions
        assert rows >= 1
    elif name == "utenti":
        header, rows = _table(page)
        text = page.locator('[data-testid="stDataFrame"]').first.locator("table").inner_text()
        assert "Ruolo" in header and rows >= len(auth.DEMO_ACCOUNTS), (header, rows)
        assert all(a["username"] in text for a in auth.DEMO_ACCOUNTS), text
    elif name == "registro":
        assert re.search(r"\d+ eventi nel periodo scelto", _main_text(page)), _main_text(page)
        header, rows = _table(page)
        assert "Evento" in header and rows >= 1, (header, rows)  # at least the logins of this test run
    return {}


@pytest.mark.parametrize(("url_path", "title"), PAGES, ids=[p[0] or "home" for p in PAGES])
def test_page_renders_and_reacts_to_a_filter(server, admin_context, url_path, title):
    name = url_path or NAVIGATION[0][3]
    check = PAGE_CHECKS[name]
    page = admin_context.new_page()
    errors = _watch_errors(page)
    topojson: list[tuple[str, int]] = []
    page.on("response", lambda r: topojson.append((r.url, r.status)) if ".topojson" in r.url else None)
    page.goto(f"{server}/{url_path}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
    _settle(page)
    _assert_no_exception(page, name)
    assert page.get_by_text("Page not found").count() == 0, f"{name}: Streamlit says the page does not exist"
    assert _heading(page).startswith(check["heading"]), _heading(page)
    assert page.get_by_text("DATI DIMOSTRATIVI SINTETICI").count() >= 1
    before = _check_content(page, name)
    if check["charts"]:
        charts_before = _wait_for_charts(page, name, at_least=check["charts"])
    else:
        assert page.locator(".vega-embed").count() == 0, f"{name}: a chart where none is expected"
    if name == "mappa":
        _check_map(page, topojson)

    if check["period"]:  # change a filter the way a user does: the period unit in the sidebar, to years
        old_text = _main_text(page)
        choice = page.locator('[data-testid="stSidebar"]').get_by_text("anno", exact=True)
        assert choice.count() == 1, f"{name}: no «anno» period unit in the sidebar"
        choice.click()
        page.wait_for_url(re.compile(r"unita=anno"), timeout=30_000)
        _settle(page)
        _assert_no_exception(page, f"{name} after the filter change")
        phrase = _period_phrase(page.url)  # e.g. "dal 2021 al 2025"
        if check["charts"] and check.get("dated"):
            _wait_for_charts(page, f"{name} after the filter change", None, check["charts"])
        elif check["charts"]:
            # every chart but those always drawn by year (Rete's training by audience: whole years, issue 19)
            yearly = [c for c in charts_before if phrase in c["title"] + c["text"]]
            assert len(yearly) <= check.get("yearly", 0), (phrase, [c["title"] for c in yearly])
            charts_after = _wait_for_charts(page, f"{name} after the filter change", phrase, check["charts"])
            assert [c["text"] for c in charts_after] != [c["text"] for c in charts_before]
        new_text = _main_text(page)
        if name != "mappa":  # the map's intro names no period: its charts do (above)
            assert phrase in new_text and phrase not in old_text, (phrase, new_text[:300])
        if name == "panoramica":
            after = _check_content(page, name)
            assert after != before, "the headline figures must change from a month to a year"
        if name == "mappa":
            _check_map(page, topojson)
    else:
        assert page.locator('[data-testid="stSidebar"]').get_by_text("anno", exact=True).count() == 0
    page.screenshot(path=str(SHOTS / f"{url_path or 'panoramica'}.png"), full_page=True)
    assert not errors, f"{name}: errors in the browser console:\n" + "\n".join(errors)
    page.close()


def _server_messages(page) -> list:
    """What the server sends the page over its websocket, as it comes: Streamlit's ForwardMsg (protobuf)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    received: list = []

    def on_socket(socket) -> None:
        socket.on("framereceived", lambda payload: received.append(ForwardMsg.FromString(payload))
                  if isinstance(payload, bytes) else None)

    page.on("websocket", on_socket)
    return received


def test_clicking_a_province_on_the_map_focuses_the_other_charts(server, admin_context):
    """Clicking Padova on the map (a point selection) turns the ranking to the provinces of its region and the trend
    to Padova: Milano, first in the national ranking, disappears from both. The click reruns only the part of the
    page that holds the map and what it focuses (issue 20): the server's answer is that part's elements, and none of
    the sidebar's (the filter bar), nor the title or the controls."""
    page = admin_context.new_page()
    errors = _watch_errors(page)
    messages = _server_messages(page)
    page.goto(f"{server}/mappa?unita=mese", wait_until="domcontentloaded")
    _settle(page)
    charts = _wait_for_charts(page, "mappa", at_least=3)  # the map, the ranking, the trend
    others = [c for c in charts if not c["map"]]
    assert len(others) >= 2 and any("Milano" in c["text"] for c in others), [c["title"] for c in charts]
    assert not any("Padova" in c["title"] for c in others)
    padova = page.locator('.vega-embed path[aria-roledescription="geoshape"][aria-label*="Territorio: Padova;"]')
    assert padova.count() == 1
    padova.scroll_into_view_if_needed()
    point = padova.evaluate("""(p) => { const b = p.getBoundingClientRect();  // a point inside the shape
      for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
        const x = b.left + b.width * i / 10, y = b.top + b.height * j / 10;
        if (document.elementFromPoint(x, y) === p) return [x, y]; }
      return null; }""")
    assert point, "no visible point of Padova on the map"
    before = len(messages)
    page.mouse.click(*point)
    page.get_by_text("Selezionato sulla mappa: Padova").wait_for(timeout=30_000)
    _settle(page)
    answer = messages[before:]
    runs = [m.metadata.run for m in answer if m.WhichOneof("type") == "new_session"]
    assert len(runs) == 1 and list(runs[0].fragment_ids), runs  # one run, of a fragment: not the page
    elements = [m for m in answer if m.WhichOneof("type") in ("delta", "ref_hash")]
    assert len(elements) >= 3, len(elements)  # at least the map, the ranking and the trend
    outside = [list(m.metadata.delta_path) for m in elements if m.metadata.delta_path[0] != 0
               or (m.WhichOneof("type") == "delta" and m.delta.fragment_id not in runs[0].fragment_ids)]
    assert not outside, f"elements sent outside the map's part: {outside}"
    _assert_no_exception(page, "mappa after the click")
    page.wait_for_function(f"() => ({CHARTS_JS})().some(c => !c.map && c.title.includes('Padova'))", timeout=30_000)
    others = [c for c in _wait_for_charts(page, "mappa after the click", at_least=3) if not c["map"]]
    assert any("Padova" in c["title"] for c in others), [c["title"] for c in others]  # the trend
    assert any("Veneto" in c["text"] for c in others), [c["text"][:200] for c in others]  # the ranking's region
    assert not any("Milano" in c["title"] + c["text"] for c in others), [c["text"][:200] for c in others]
    page.screenshot(path=str(SHOTS / "mappa-selezione.png"), full_page=True)
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)
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
    # the table by territory and project, the last one shown on the page (the others sit in tabs not shown)
    page.get_by_text("Il tasso di occupazione (e la saturazione", exact=False).first.wait_for(timeout=60_000)
    _settle(page)
    download = _download(page, page.locator('[data-testid="stDownloadButton"]:visible').filter(has_text="CSV").last)
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
    shown = int(re.search(r"(\d+) slide, tabella riassuntiva", _main_text(page)).group(1))  # as the page says
    assert shown >= 5 and len(slides) == 1 + shown + 1 + 1  # title, the slides, summary, methodology
    assert all("Sondrio" in s.shapes.title.text for s in slides[1:1 + shown])
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
    workbook = _download(page, page.get_by_role("button", name="Modello XLSX"))  # made at the click
    assert workbook.suggested_filename == "modello_capacity.xlsx"
    import openpyxl

    sheets = openpyxl.load_workbook(io.BytesIO(Path(workbook.path()).read_bytes()))
    assert [cell.value for cell in sheets.worksheets[0][1]] == lines[-1].split(";")  # the same headers
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
