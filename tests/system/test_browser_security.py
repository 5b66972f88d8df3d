"""Browser check of the hardening (issue 17), through nginx on loopback as deployed (deploy/nginx.conf.template):

- the response headers (Content-Security-Policy, frame-ancestors, X-Frame-Options, X-Content-Type-Options,
  Referrer-Policy; Strict-Transport-Security only over HTTPS) and the cookie flags (the login cookie SameSite=Strict,
  Secure over HTTPS, not HttpOnly because JavaScript writes it; the sticky cookie HttpOnly), with every page drawn
  under that policy (no violation in the console); /_stcore/metrics not served through nginx;
- a project stored with a control character and Markdown in its name (``Progetto\\x01Controllo [Accedi di
  nuovo](...) ![logo](...)``) and Markdown in a URL value: shown as text (no <a>, no <img>, no request to the
  outside address), its charts downloaded as PNG and SVG and its meeting pack as PPTX and PDF (with a vertical tab
  in the tavolo's name), and the server alive after;
- a user disabled while their tab is open: the next click downloads nothing and says why in Italian, and the
  address of the file downloaded before answers 404 once swept.

The app runs on SQLite with the seeds demo data, one replica (named twice in the template's upstream), behind an
nginx for HTTP and one for HTTPS (a self-signed certificate made with openssl). Skipped with the reason where
chromium, nginx or openssl is missing, except in CI. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from string import Template

import pandas as pd
import pytest

from benchmarks.stclient import Server, free_port, wait_healthy
from data_access import auth, loading
from data_access.models import PROJECT_COLUMNS
from tests.conftest import TEST_SECRET, demo_database, require
from tests.system.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOGIN_TITLE,
    SHOTS,
    _download,
    _heading,
    _require_browser,
    _settle,
)

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
OPENSSL = "/usr/bin/openssl"
OUTSIDE = "esterno.invalid"  # an address outside the site: nothing may ever be fetched from it
HOSTILE_NAME = (f"Progetto\x01Controllo [Accedi di nuovo](http://{OUTSIDE}/accedi) "
                f"![logo](http://{OUTSIDE}/logo.png)")
HOSTILE_VALUE = f"[Accedi di nuovo](http://{OUTSIDE}/accedi)"
STEWARD = "sicurezza.tavolo"
PASSWORD = "una-password-lunga"
COOKIE = "cruscotto_sessione"


def _hostile_project(engine) -> None:
    """A project of Sondrio named with a control character and Markdown, with six months of places (demo data,
    as the rest of the database, so the demo accounts keep working)."""
    project = pd.DataFrame([{"project_code": "SAI-OSTILE", "name": HOSTILE_NAME, "programme": "SAI",
                             "lead_body": None, "managing_body": None, "start_date": dt.date(2019, 1, 1),
                             "end_date": None, "funding_call": None}])[list(PROJECT_COLUMNS)]
    capacity = pd.DataFrame([{"period": f"2025-{m:02d}", "province_code": "014", "municipality_code": None,
                              "project_code": "SAI-OSTILE", "target_group": "uomini", "structures": 2,
                              "places": 30 + m, "occupied": 20 + m} for m in range(1, 7)])
    loading.load(engine, secret=TEST_SECRET, kind="demo", source="demo:ostile", projects=project,
                 frames={"capacity": capacity})


def _nginx_conf(prefix: Path, listen: str, replica: str, tls: tuple[Path, Path] | None) -> Path:
    text = Template((ROOT / "deploy" / "nginx.conf.template").read_text()).safe_substitute(
        LISTEN=listen, REPLICA_A=replica, REPLICA_B=replica, PREFIX=str(prefix))
    if tls:  # what an operator does for TLS in nginx itself: the listen line with ssl, and the certificate
        text = text.replace(f"listen {listen};", f"listen {listen} ssl;\n        ssl_certificate {tls[0]};\n"
                                                 f"        ssl_certificate_key {tls[1]};")
    conf = prefix / "nginx.conf"
    conf.write_text(text)
    return conf


def _start_nginx(prefix: Path, conf: Path) -> subprocess.Popen:
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(prefix)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    return subprocess.Popen([NGINX, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def site(tmp_path_factory, demo_data):
    _require_browser()
    missing = next((f"{path} not found (apt-get install {name})" for path, name in
                    ((NGINX, "nginx"), (OPENSSL, "openssl")) if not Path(path).exists()), None)
    require("the browser security test is", missing, "CRUSCOTTO_REQUIRE_NGINX")
    folder = tmp_path_factory.mktemp("security")
    url = f"sqlite:///{folder / 'site.db'}"
    engine = demo_database(url, demo_data)
    _hostile_project(engine)
    auth.create_user(engine, STEWARD, "membro_tavolo", PASSWORD, provinces=["014"])
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    app = Server(ROOT / "app.py", env={"DATABASE_URL": url, "CRUSCOTTO_CKM_SECRET": TEST_SECRET.decode()},
                 log=folder / "streamlit.log")
    proxies: list[subprocess.Popen] = []
    try:
        app.start(timeout=120)
        bases = {}
        for name, tls in (("http", None), ("https", (cert, key))):
            prefix = folder / f"nginx-{name}"
            prefix.mkdir()
            listen = f"127.0.0.1:{free_port()}"
            proxies.append(_start_nginx(prefix, _nginx_conf(prefix, listen, f"127.0.0.1:{app.port}", tls)))
            bases[name] = f"{name}://{listen}"
        assert wait_healthy(bases["http"], proxies[0], 30)
        yield {"http": bases["http"], "https": bases["https"], "direct": app.base, "engine": engine, "app": app}
    finally:
        for proxy in proxies:
            proxy.terminate()
            proxy.wait(timeout=10)
        app.stop()
        shutil.rmtree(folder / "nginx-http", ignore_errors=True)


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def _watch(page) -> dict[str, list[str]]:
    """What a page does that it must not: policy violations and errors in the console, requests leaving the
    site."""
    seen: dict[str, list[str]] = {"violations": [], "outside": []}

    def on_console(message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            seen["violations"].append(message.text)

    page.on("console", on_console)
    page.on("request", lambda request: urllib.parse.urlsplit(request.url).hostname == OUTSIDE
            and seen["outside"].append(request.url))
    return seen


def _log_in(page, username: str, password: str) -> None:
    page.wait_for_selector(f'h1:has-text("{LOGIN_TITLE}")', timeout=60_000)
    _settle(page)
    page.get_by_label("Nome utente").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Entra").click()
    page.wait_for_function(
        f"() => {{ const h = document.querySelector('[data-testid=\"stAppViewContainer\"] h1');"
        f" return h && !h.innerText.startsWith('{LOGIN_TITLE}'); }}", timeout=60_000)
    _settle(page)


def _cookie(context, name: str) -> dict:
    found = [c for c in context.cookies() if c["name"] == name]
    assert found, [c["name"] for c in context.cookies()]
    return found[0]


def _wait_for_cookie(context, name: str, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(c["name"] == name for c in context.cookies()):
            break
        time.sleep(0.5)
    return _cookie(context, name)


def _literally(text: str) -> re.Pattern:
    """The text as a reader sees it on the page (the invisible word joiners that part a link are allowed)."""
    return re.compile("\u2060?".join(re.escape(c) for c in text))


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


# --- Headers and cookies ----------------------------------------------------------------------------------------
def test_headers_and_cookie_flags_over_http_and_every_page_drawn_under_the_policy(site, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    seen = _watch(page)
    response = page.goto(site["http"], wait_until="domcontentloaded")
    headers = response.headers
    policy = headers["content-security-policy"]
    for directive in ("default-src 'self'", "frame-ancestors 'self'", "img-src 'self' data: blob:",
                      "connect-src 'self'", "object-src 'none'"):
        assert directive in policy, policy
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in headers  # plain HTTP: a browser would ignore it anyway
    _log_in(page, "demo.amministratore", auth.DEMO_PASSWORD)
    login = _wait_for_cookie(context, COOKIE)
    assert login["sameSite"] == "Strict" and not login["secure"]
    assert not login["httpOnly"]  # written by the login's JavaScript cookie manager: see README, "Security"
    sticky = _cookie(context, "cruscotto_replica")
    assert sticky["httpOnly"] and sticky["sameSite"] == "Strict" and not sticky["secure"]
    page.goto(f"{site['http']}/accoglienza?provincia=014&unita=anno", wait_until="domcontentloaded")
    _settle(page)
    page.wait_for_selector(".vega-embed", timeout=60_000)
    page.wait_for_selector(".vega-embed canvas, .vega-embed svg.marks", timeout=60_000)  # Vega draws under it
    page.screenshot(path=str(SHOTS / "sicurezza-accoglienza.png"), full_page=True)
    page.goto(f"{site['http']}/mappa?unita=anno", wait_until="domcontentloaded")  # the map's geometry: a fetch
    _settle(page)
    page.wait_for_selector(".vega-embed svg.marks path, .vega-embed canvas", timeout=60_000)
    assert not seen["violations"], "\n".join(seen["violations"])
    context.close()


def test_https_adds_hsts_and_secure_cookies(site, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, ignore_https_errors=True)
    page = context.new_page()
    seen = _watch(page)
    response = page.goto(site["https"], wait_until="domcontentloaded")
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
    _log_in(page, "demo.amministratore", auth.DEMO_PASSWORD)
    login = _wait_for_cookie(context, COOKIE)
    assert login["secure"] and login["sameSite"] == "Strict"
    assert _cookie(context, "cruscotto_replica")["secure"]
    assert not seen["violations"], "\n".join(seen["violations"])
    context.close()


def test_metrics_are_not_served_through_nginx(site):
    assert _status(f"{site['http']}/_stcore/metrics") == 404
    assert _status(f"{site['http']}/_stcore/health") == 200
    # A replica's own port answers (sessions, cache sizes; no user data): keep it on loopback or a private network.
    assert _status(f"{site['direct']}/_stcore/metrics") == 200


# --- Text, not markup; renderers that never die -----------------------------------------------------------------
@pytest.fixture(scope="module")
def admin(site, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(site["http"], wait_until="domcontentloaded")
    _log_in(page, "demo.amministratore", auth.DEMO_PASSWORD)
    page.close()
    yield context
    context.close()


def test_markdown_in_a_project_name_and_a_url_value_shows_as_text(site, admin):
    page = admin.new_page()
    seen = _watch(page)
    query = {"provincia": "014", "progetto": "SAI-OSTILE", "unita": "mese", "a": "2025-06"}
    address = f"{site['http']}/?" + "&".join(f"{k}={v}" for k, v in query.items())
    page.goto(address + "&programma=" + urllib.request.quote(HOSTILE_VALUE), wait_until="domcontentloaded")
    main = page.locator('[data-testid="stMain"]')
    notice = main.get_by_text(_literally(f"«{HOSTILE_VALUE}»"))  # the notice
    notice.wait_for(timeout=60_000)  # (shown by the first run; a later run, the URL rewritten, has none)
    assert page.locator(f'a[href*="{OUTSIDE}"]').count() == 0
    assert page.locator(f'img[src*="{OUTSIDE}"]').count() == 0
    page.screenshot(path=str(SHOTS / "sicurezza-testo-non-markup.png"), full_page=True)
    _settle(page)
    assert main.get_by_text(_literally("Controllo [Accedi di nuovo](http://esterno.invalid/accedi) ![logo]")).count()
    assert page.locator(f'a[href*="{OUTSIDE}"]').count() == 0
    assert page.locator(f'img[src*="{OUTSIDE}"]').count() == 0
    assert not seen["outside"], seen["outside"]
    assert not seen["violations"], "\n".join(seen["violations"])
    page.close()


def test_a_control_character_project_downloads_as_png_svg_pptx_pdf_and_the_server_lives(site, admin):
    from pptx import Presentation
    from pypdf import PdfReader

    page = admin.new_page()
    page.goto(f"{site['http']}/accoglienza?provincia=014&progetto=SAI-OSTILE&unita=mese&da=2025-01&a=2025-06",
              wait_until="domcontentloaded")
    _settle(page)
    buttons = page.locator('[data-testid="stDownloadButton"]')
    png = Path(_download(page, buttons.filter(has_text="PNG").first).path()).read_bytes()
    assert png.startswith(b"\x89PNG")
    svg = Path(_download(page, buttons.filter(has_text="SVG").first).path()).read_text(encoding="utf-8")
    assert "Progetto Controllo" in svg and "\x01" not in svg
    page.goto(f"{site['http']}/pacchetto?provincia=014&progetto=SAI-OSTILE&unita=mese&da=2025-01&a=2025-06",
              wait_until="domcontentloaded")
    _settle(page)
    page.get_by_label("Nome del tavolo").fill("Tavolo\x0bdi Sondrio")  # Word's Shift+Enter, pasted
    page.get_by_label("Nome del tavolo").press("Enter")
    _settle(page)
    deck = Path(_download(page, page.get_by_role("button", name="Slide (PPTX)"), timeout=180_000).path())
    slides = list(Presentation(io.BytesIO(deck.read_bytes())).slides)
    assert slides[0].shapes.title.text.endswith("Tavolo di Sondrio")
    assert any("Progetto Controllo" in s.shapes.title.text for s in slides[1:-2])
    pdf = Path(_download(page, page.get_by_role("button", name="PDF"), timeout=180_000).path()).read_bytes()
    assert "Tavolo di Sondrio" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert site["app"].process.poll() is None, site["app"].log_text()[-3000:]
    assert _status(f"{site['http']}/_stcore/health") == 200
    page.reload(wait_until="domcontentloaded")
    _settle(page)
    assert _heading(page).startswith("Pacchetto riunione")
    page.close()


# --- Authorisation at the moment of use -------------------------------------------------------------------------
def test_a_disabled_users_open_tab_downloads_nothing_and_its_old_file_address_expires(site, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(site["http"], wait_until="domcontentloaded")
    _log_in(page, STEWARD, PASSWORD)
    page.goto(f"{site['http']}/accoglienza?unita=anno", wait_until="domcontentloaded")
    _settle(page)
    button = page.locator('[data-testid="stDownloadButton"]:visible').filter(has_text="CSV").last  # not in a hidden tab
    first = _download(page, button)
    assert Path(first.path()).read_bytes().startswith(b"\xef\xbb\xbf")
    media = first.url
    assert "/media/" in media and _status(media) == 200  # no cookie needed: hence its short life

    auth.disable_user(site["engine"], STEWARD, actor="test")
    downloads: list = []
    page.on("download", lambda download: downloads.append(download))
    button.scroll_into_view_if_needed()
    button.click()
    refusal = page.locator('[data-testid="stDownloadButtonError"]')  # shown for five seconds under the button
    refusal.first.wait_for(timeout=30_000)
    assert refusal.first.inner_text().startswith("Download rifiutato")
    page.screenshot(path=str(SHOTS / "sicurezza-download-rifiutato.png"), full_page=True)
    page.wait_for_timeout(2_000)
    assert not downloads
    events = auth.audit_frame(site["engine"], username=STEWARD, events=["export", "export_refused"])
    assert list(events["event"]) == ["export", "export_refused"]
    deadline = time.monotonic() + 60
    while _status(media) == 200 and time.monotonic() < deadline:
        time.sleep(2)
    assert _status(media) == 404
    context.close()

