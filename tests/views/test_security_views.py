"""What an attacker or a careless file can put on a page, and what a tab left open can still download (issue 17).

- Everything shown is text: a project named with Markdown links, images and HTML (stored from a file), and
  Markdown in a URL value or a URL parameter's name (reflected in the "Parametro ignorato" notice), show as the
  characters they hold: no link, no image, no colour.
- Authorisation at the moment of use: a download drawn before ``users disable`` builds nothing after it, says why
  in the user's language (in place of Streamlit's English sentence) and is recorded as refused.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from config.labels import WORD_JOINER, md_literal
from data_access import auth, loading
from data_access.auth import passwords
from data_access.models import PROJECT_COLUMNS
from tests.conftest import APP, TEST_SECRET, log_in, open_app_page

PASSWORD = "una-password-lunga"
HOSTILE_NAME = "[Accedi di nuovo](http://esempio.it/login) ![logo](http://esempio.it/x.png) <img src=x> **forte**"
HOSTILE_URL_VALUE = "[Accedi di nuovo](http://esempio.it/login)"


def _projects() -> pd.DataFrame:
    rows = [("SAI-OSTILE", HOSTILE_NAME, "SAI"), ("SAI-SONDRIO", "SAI Provincia di Sondrio", "SAI")]
    return pd.DataFrame([{"project_code": code, "name": name, "programme": programme, "lead_body": None,
                          "managing_body": None, "start_date": dt.date(2019, 1, 1), "end_date": None,
                          "funding_call": None} for code, name, programme in rows])[list(PROJECT_COLUMNS)]


def _capacity() -> pd.DataFrame:
    return pd.DataFrame([
        {"period": month, "province_code": "014", "municipality_code": None, "project_code": code,
         "target_group": "uomini", "structures": 1, "places": places, "occupied": places - 3}
        for month in ("2025-01", "2025-02") for code, places in (("SAI-OSTILE", 30), ("SAI-SONDRIO", 40))])


@pytest.fixture
def hostile_db(migrated_engine, monkeypatch):
    """A database with real (not demo) data: a project whose name is Markdown and HTML, in Sondrio; an
    administrator and a tavolo member of Sondrio."""
    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 4)
    monkeypatch.setenv("DATABASE_URL", migrated_engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", TEST_SECRET.decode())
    monkeypatch.setenv("CRUSCOTTO_COOKIE_KEY", "k" * 40)
    loading.load(migrated_engine, secret=TEST_SECRET, kind="import", source="test", projects=_projects(),
                 frames={"capacity": _capacity()})
    auth.create_user(migrated_engine, "anna", "amministratore", PASSWORD)
    auth.create_user(migrated_engine, "mario", "membro_tavolo", PASSWORD, provinces=["014"])
    return migrated_engine


def _open(engine, user: str, page: str, **params) -> AppTest:
    return open_app_page(engine, page, user, **params)


def _markdown_sources(at: AppTest) -> list[str]:
    """The Markdown source of every element Streamlit draws as Markdown."""
    elements = [*at.markdown, *at.caption, *at.warning, *at.info, *at.error, *at.success]
    return [e.value for e in elements]


def _shown(source: str) -> str:
    """What CommonMark shows of a source made of text and backslash escapes (and what a reader sees: the word
    joiners that part links and icon codes are invisible)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", source).replace(WORD_JOINER, "")


def _no_markup(source: str) -> None:
    """No link, image or HTML can start in ``source``: every "[" and "<" of a value is escaped."""
    assert not re.search(r"(?<!\\)[\[<]", source), source
    assert "**forte" not in source


# --- Everything shown is text -----------------------------------------------------------------------------------
def test_a_project_named_in_markdown_shows_its_name_as_text(hostile_db):
    at = _open(hostile_db, "anna", "panoramica", provincia="014", progetto="SAI-OSTILE", unita="mese", a="2025-02")
    named = [s for s in _markdown_sources(at) if "Accedi di nuovo" in s]  # the intro, and any caption naming it
    assert named
    for source in named:
        _no_markup(source)
        assert md_literal(HOSTILE_NAME) in source
        assert HOSTILE_NAME in _shown(source)  # the reader sees every character of the name
    assert any("**Sondrio, progetto" in source for source in named)  # the catalogue's own bold is kept


def test_markdown_in_a_url_value_and_a_url_name_is_shown_as_text(hostile_db):
    at = _open(hostile_db, "anna", "accoglienza", progetto=HOSTILE_URL_VALUE, **{"[x](http://esempio.it)": "1"})
    notices = [w.value for w in at.warning]
    value = next(n for n in notices if "Accedi di nuovo" in n)
    _no_markup(value)
    assert f"«{HOSTILE_URL_VALUE}»" in _shown(value) and "ignorato" in value
    name = next(n for n in notices if "esempio.it)" in n and "sconosciuto" in n)
    _no_markup(name)
    assert "«[x](http://esempio.it)»" in _shown(name)


def test_markdown_typed_in_a_form_is_shown_as_text(hostile_db):
    at = _open(hostile_db, "anna", "utenti")
    form = {w.label: w for w in at.text_input}
    form["Nome utente"].input("[x](http://esempio.it)")
    form["Password"].input(PASSWORD)
    form["Ripetere la password"].input(PASSWORD)
    next(b for b in at.button if b.label == "Crea utente").click().run()
    [error] = [e.value for e in at.error]
    assert "Nome utente non valido" in error or "non valido" in error
    _no_markup(error)


@pytest.mark.parametrize("value", [
    "[a](http://e.it)", "![i](http://e.it/i.png)", "<b>x</b>", "**x** _y_ ~~z~~ `c`", "# h", "- l", "1. l",
    "> q", "| a | b |", ":red[x] :material/lock: :smile:", "$x^2$", "https://e.it www.e.it a@e.it", "&amp; &lt;",
    "a\\b", "riga\nnuova", "SAI-SONDRIO (2025-13): «015», per_100k."])
def test_md_literal_shows_every_character(value):
    escaped = md_literal(value)
    assert _shown(escaped) == value.replace("\n", " ")
    unescaped = re.sub(r"\\.", "", escaped)  # what is left once every escaped character is taken out
    for syntax in ("[", "<", "*", "~", "`", "$", "&", "|", "://", "www.", "a@", ":material/", ":smile:", "_y_"):
        assert syntax not in unescaped, (syntax, escaped)
    assert not re.match(r"[#>\-+]|\d+\.", escaped)  # nothing starts a block


# --- Authorisation at the moment of use -------------------------------------------------------------------------
@pytest.fixture
def deferred(monkeypatch):
    """Every deferred download the runs draw: file name -> the callable Streamlit runs at the click."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    found: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return found


def _events(engine, username: str, event: str) -> pd.DataFrame:
    return auth.audit_frame(engine, username=username, events=[event])


def test_a_disabled_users_open_tab_downloads_nothing(hostile_db, deferred):
    from views.downloads import DownloadProblem

    engine = hostile_db
    _open(engine, "mario", "accoglienza", unita="mese", a="2025-02")  # after Panoramica, the page of the login
    tables = [name for name in deferred if name.endswith(".csv") and name.startswith("progetti-per-territorio")]
    assert tables and any(name.endswith(".png") for name in deferred)
    csv = deferred[tables[0]]()
    assert csv.startswith(b"\xef\xbb\xbf") and len(_events(engine, "mario", "export")) == 1
    _open(engine, "mario", "pacchetto", unita="mese", a="2025-02")
    pptx = next(call for name, call in deferred.items() if name.endswith(".pptx"))

    auth.disable_user(engine, "mario", actor="anna")
    for name, build in [(tables[0], deferred[tables[0]]), ("pptx", pptx)]:
        with pytest.raises(DownloadProblem) as refused:
            build()
        assert str(refused.value).startswith("Download rifiutato"), name
    assert len(_events(engine, "mario", "export")) == 1  # nothing more was exported
    refusals = _events(engine, "mario", "export_refused")
    assert len(refusals) == 2 and set(refusals["page"]) == {"accoglienza", "pacchetto"}


def test_a_download_after_a_logout_elsewhere_is_refused_and_an_enabled_one_works(hostile_db, deferred):
    from views.downloads import DownloadProblem

    engine = hostile_db
    _open(engine, "anna", "registro")
    [audit] = [call for name, call in deferred.items() if name.startswith("registro-accessi")]
    assert audit().startswith(b"\xef\xbb\xbf")  # the audit trail as CSV, built at the click
    auth.logout(engine, "anna")  # from another tab or browser
    with pytest.raises(DownloadProblem):
        audit()


def test_the_button_says_the_refusal_in_the_users_language(hostile_db, deferred):
    """Streamlit's handler of a deferred download answers the browser with our sentence (in the language of the
    page that drew the button), not its own English one."""
    from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from views import downloads

    assert downloads.install_message()
    engine = hostile_db
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "en"
    log_in(at, engine, "mario")
    at.run()
    at.switch_page("views/accoglienza.py").run()
    build = next(call for name, call in deferred.items() if name.endswith(".csv"))
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    handler = DeferredFileHandler(lambda: manager)

    def ask(file_id: str):
        request = BackendOperationRequest(request_id="r1")
        request.deferred_file.file_id = file_id
        return asyncio.run(handler.handle(request, "session"))

    answer = ask(manager.add_deferred(build, "text/csv", "coords", "tabella.csv"))
    assert not answer.error_msg and answer.deferred_file.url.startswith("/media/")
    auth.disable_user(engine, "mario", actor="anna")
    answer = ask(manager.add_deferred(build, "text/csv", "coords", "tabella.csv"))
    assert answer.error_msg.startswith("Download refused: the session is no longer valid")


# --- A guest sees no "None" -------------------------------------------------------------------------------------
def _all_texts(at: AppTest) -> list[str]:
    return [*(_markdown_sources(at)), *(m.label for m in at.metric), *(m.value for m in at.metric),
            *(str(frame.value.to_dict()) for frame in at.dataframe)]


def test_a_guest_is_told_of_full_programmes_by_region_never_of_none(open_page):
    at = open_page("accoglienza", user="demo.ospite", regione="05", unita="anno", a="2022")
    texts = _all_texts(at)
    assert not [text for text in texts if "None" in text or "nan" in text.split()], texts
    full = [m.value for m in at.markdown if "95%" in m.value]  # the saturation view, first on the page
    assert full and all("programm" in text.lower() for text in full), full  # programmes by region, full or not
