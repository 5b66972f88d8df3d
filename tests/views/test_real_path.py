"""The real path (issue 14): every page for every role on every state a real installation goes through, the filters
that follow the user, and a walker over every page's text.

States of the database (each a SQLite copy of one migrated database with the territories, loaded with subsets of
the seeds demo data as real uploads): empty; the projects register only; each monthly table alone; everything; a
scope with no data (users of Torino, and a data steward of a registered project that sent nothing); and a data
version from before a table existed (the administrator asks for it with ``versione``). Roles: amministratore,
referente_dati, prefettura (Milano), membro_tavolo (Avellino), ospite. For each, every page of the role runs with
no exception and says its own message: its figures where its tables have data in the user's scope, else which
tables are missing and where they come from (a link to Carica dati for those who may load, otherwise that the
projects have not sent them yet), and never a hint at demo data. On every Italian page the walker finds no "None",
no ISO month and no English decimal.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from config.labels import t
from config.navigation import PAGES
from data_access import auth, db, loading, public_files, reference
from data_access.models import User
from tests.conftest import APP, TEST_SECRET

PASSWORD = "una-password-di-prova"
MONTHLY = ("capacity", "outreach", "outreach_activity", "services", "training")
NETWORK = ("network_members", "meetings", "actions")
PAGE_TABLES = {  # the tables each analytic page draws (views/layout.PageContext.require)
    "panoramica": ("capacity", "outreach"), "mappa": ("capacity", "outreach"), "accoglienza": ("capacity",),
    "emersione": ("outreach", "outreach_activity"), "servizi": ("services",), "rete": (*NETWORK, "training"),
    "pacchetto": ("capacity", "outreach", "services"),
}
ROLES = ("amministratore", "referente_dati", "prefettura", "membro_tavolo", "ospite")
STEWARD_TABLES = {"capacity", "outreach", "outreach_activity", "services"}  # a steward loads her projects' tables
ISO_MONTH = re.compile(r"(?<![\d-])\d{4}-(0[1-9]|1[0-2])(?![\d-])")
ENGLISH_DECIMAL = re.compile(r"(?<![\d.,])(?:0\.\d+|\d+\.\d{1,2}|\d+\.\d{4,})(?![\d.,])")
RAW = re.compile(r"\b(?:None|nan|NaN|NaT)\b|<NA>")
DEMO_HINT = ("seed-demo", "make run")
NOT_A_NUMBER = re.compile(r"CC BY \d\.\d")  # the licence of the boundaries, a version, not a figure
FILE_FORMAT = ("AAAA-MM", "YYYY-MM")  # the import page describes the files' months as they are written


@dataclass(frozen=True)
class State:
    """A state of the database: the tables loaded (in versions), the provinces and project of the scoped users, and
    the data version the administrator asks for (``as_of``)."""

    versions: tuple[tuple[str, ...], ...] = ()  # each version: the tables it loads ("projects" for the register)
    provinces: dict[str, str] = field(default_factory=lambda: {"prefettura": "015", "membro_tavolo": "064"})
    project: str | None = "SAI-SONDRIO"
    as_of: int | None = None
    public: bool = False  # the public statistics of the Ministry, as ``manage.py init-db`` loads them

    def tables_at(self, version: int | None) -> set[str]:
        chosen = self.versions if version is None else self.versions[:version]
        return {name for loaded in chosen for name in loaded}


STATES = {
    "vuoto": State(project=None),
    "solo_dati_pubblici": State(project=None, public=True),
    "solo_progetti": State(versions=(("projects",),)),
    **{f"solo_{name}": State(versions=(("projects", name),)) for name in MONTHLY},
    "tutto": State(versions=(("projects", *MONTHLY, *NETWORK),)),
    "ambito_senza_dati": State(versions=(("projects", *MONTHLY, *NETWORK),),
                               provinces={"prefettura": "001", "membro_tavolo": "001"}, project="NUOVO-PROGETTO"),
    "versione_precedente": State(versions=(("projects", "capacity"), ("outreach", "services")), as_of=1),
}


# --- The databases ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One database migrated, with the territories: each state starts from a copy of it."""
    path = tmp_path_factory.mktemp("realpath") / "template.db"
    engine = db.get_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def databases(template, demo_data, tmp_path_factory):
    """The database of a state, built when first asked: its URL."""
    built: dict[str, str] = {}

    def build(name: str) -> str:
        if name not in built:
            built[name] = _build(STATES[name], template, demo_data, tmp_path_factory.mktemp(name) / "state.db")
        return built[name]

    return build


def _build(state: State, template: Path, demo_data, path: Path) -> str:
    shutil.copy(template, path)
    url = f"sqlite:///{path}"
    engine = db.get_engine(url)
    projects = demo_data.projects
    if state.public:
        public_files.ensure_loaded(engine, actor="test")
    if state.project == "NUOVO-PROGETTO":  # registered, never sent anything
        projects = pd.concat([projects, projects.iloc[[0]].assign(project_code="NUOVO-PROGETTO",
                                                                   name="Nuovo progetto")], ignore_index=True)
    for number, tables in enumerate(state.versions, start=1):
        loading.load(engine, secret=TEST_SECRET, kind="import", source=f"stato {number}",
                     frames={n: demo_data.frames[n] for n in tables if n != "projects"},
                     projects=projects if "projects" in tables else None)
    for role in ROLES:
        if role == "referente_dati" and state.project is None:
            continue  # a data steward needs a registered project
        auth.create_user(engine, f"test.{role}", role, PASSWORD,
                         provinces=[state.provinces[role]] if role in state.provinces else (),
                         projects=[state.project] if role == "referente_dati" else ())
    return url


def scope_provinces(state: State, role: str, demo_data) -> set[str] | None:
    """The provinces a user of the role sees in the state (None: all of Italy), from the generator's frames: a data
    steward sees the provinces where the project's loaded tables have rows (none, where they have none)."""
    if role in state.provinces:
        return {state.provinces[role]}
    if role == "referente_dati":
        frames = [demo_data.frames[name] for name in state.tables_at(None) if name != "projects"]
        return {p for frame in frames if "project_code" in frame
                for p in frame.loc[frame["project_code"] == state.project, "province_code"]}
    return None


def has_rows(table: str, provinces: set[str] | None, demo_data) -> bool:
    frame = demo_data.frames[table]
    return bool(len(frame) if provinces is None else frame["province_code"].isin(provinces).any())


# --- Running the app --------------------------------------------------------------------------------------------
@pytest.fixture
def app(databases, monkeypatch):
    """Open the app on a state's database, logged in as the test user of a role."""
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", TEST_SECRET.decode())
    monkeypatch.setenv("CRUSCOTTO_COOKIE_KEY", "k" * 40)

    def start(state: str, role: str, lang: str = "it") -> AppTest:
        url = databases(state)
        monkeypatch.setenv("DATABASE_URL", url)
        at = AppTest.from_file(APP, default_timeout=90)
        at.session_state["lang"] = lang
        engine = db.get_engine(url)
        with engine.connect() as conn:
            user = conn.execute(select(User.username, User.session_epoch, User.display_name, User.role)
                                .where(User.username == f"test.{role}")).one()
        at.session_state["authentication_status"] = True
        at.session_state["username"] = user.username
        at.session_state["name"] = user.display_name or user.username
        at.session_state["roles"] = [user.role]
        at.session_state["session_epoch"] = user.session_epoch
        at.run()
        assert not at.exception, at.exception
        return at

    return start


def open_page(at: AppTest, page: str, **params) -> AppTest:
    at.query_params.clear()  # a click in the menu: the address loses its parameters
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PATHS[page]).run()
    assert not at.exception, (page, [e.message for e in at.exception])
    return at


PATHS = {url: path for path, _key, _icon, url in PAGES}


# --- What a page shows, as text -----------------------------------------------------------------------------------
def _spec_texts(value) -> list[str]:
    """The words of a chart spec: titles, subtitles, axis and legend titles (not its data)."""
    if isinstance(value, dict):
        out = [str(v) for k, v in value.items() if k in ("title", "subtitle", "text", "description")
               and isinstance(v, str)]
        out += [s for k, v in value.items() if k in ("subtitle", "text") and isinstance(v, list) for s in v]
        return out + [s for k, v in value.items() if k not in ("datasets", "data", "config") for s in _spec_texts(v)]
    if isinstance(value, list):
        return [s for v in value for s in _spec_texts(v)]
    return []


def visible_texts(at: AppTest) -> list[str]:
    """Every text the page shows: titles, paragraphs, notices, metrics, table cells and headings, the options and
    labels of widgets, tabs, expanders and buttons, and the words of the charts."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        out += [str(e.value) for e in at.get(kind)]
    for metric in at.metric:
        out += [metric.label, str(metric.value), str(metric.proto.delta or "")]
    for element in at.dataframe:
        frame = element.value
        out += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    for kind in ("selectbox", "radio", "multiselect"):
        for widget in at.get(kind):
            out += [widget.label, *(str(o) for o in widget.options)]
    for kind in ("tab", "expander", "button", "download_button", "page_link"):
        out += [str(getattr(e, "label", "") or e.proto.label) for e in at.get(kind)]
    for chart in at.get("vega_lite_chart"):
        out += _spec_texts(json.loads(chart.proto.spec))
    return [text for text in out if text]


def raw_text_problems(texts: list[str]) -> list[str]:
    """The texts with "None" (or nan, <NA>), an ISO month or an English decimal: none may show on an Italian page."""
    shown = [(text, LINK_TARGET.sub("]", text)) for text in texts]  # a link's address is not read (citations)
    return [text[:160] for text, seen in shown
            if RAW.search(seen) or ENGLISH_DECIMAL.search(NOT_A_NUMBER.sub("", seen))
            or (ISO_MONTH.search(seen) and not any(f in seen for f in FILE_FORMAT))]


LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def test_the_walker_finds_what_it_must():
    """The walker's patterns, tried once: they catch the raw texts of issue 14 and let Italian figures through."""
    assert raw_text_problems(["ultima versione: None", "2025-12", "0.7345", "12.5%", "nan"]) == \
        ["ultima versione: None", "2025-12", "0.7345", "12.5%", "nan"]
    assert raw_text_problems(["[link](http://x/a?da=2025-01)"]) == []
    assert raw_text_problems(["1.234", "20.660 righe", "1.234.567", "0,7345", "12,5%", "2024-T1", "31/12/2025",
                              "dicembre 2025", "avviso-5", "versione 3"]) == []


def texts_of(at: AppTest, *kinds: str) -> str:
    return " ".join(str(e.value) for kind in kinds for e in at.get(kind))


# --- The matrix ---------------------------------------------------------------------------------------------------
def expected_missing(state_name: str, role: str, page: str, demo_data) -> bool:
    """Whether every table of the page is missing for the role's scope in the state (so the page says so)."""
    state = STATES[state_name]
    version = state.as_of if role == "amministratore" else None
    loaded = state.tables_at(version)
    provinces = scope_provinces(state, role, demo_data)
    return not any(name in loaded and has_rows(name, provinces, demo_data) for name in PAGE_TABLES[page])


def check_page(at: AppTest, state_name: str, role: str, page: str, demo_data) -> None:
    texts = visible_texts(at)
    joined = " ".join(texts)
    assert not [hint for hint in DEMO_HINT if hint in joined], (page, "a hint at demo data")
    assert not raw_text_problems(texts), (state_name, role, page, raw_text_problems(texts))
    if page not in PAGE_TABLES:
        assert at.title, page
        return
    notices = texts_of(at, "info")
    if state_name == "vuoto":
        assert "**Nessun dato caricato.**" in notices, (role, page)
    elif expected_missing(state_name, role, page, demo_data):
        for name in PAGE_TABLES[page]:
            assert t(f"import.table.{name}") in notices, (state_name, role, page, name, notices)
        assert "**Nessun dato inviato**" in notices
    else:
        assert at.metric or at.get("vega_lite_chart") or at.dataframe, (state_name, role, page, notices)
    loader = role == "amministratore" or (role == "referente_dati" and bool(set(PAGE_TABLES.get(page, ()))
                                                                          & STEWARD_TABLES))
    links = [link.proto.page for link in at.get("page_link")]
    if "Nessun dato" in notices:
        assert (any("importa" in link for link in links)) == loader, (role, page, links)
        assert (t("realpath.missing.wait") in texts_of(at, "caption")) == (not loader), (role, page)


@pytest.mark.parametrize("state_name", list(STATES))
@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role_in_every_state(app, demo_data, state_name, role):
    state = STATES[state_name]
    if role == "referente_dati" and state.project is None:
        pytest.skip("no data steward before the projects register: a steward is given registered projects")
    at = app(state_name, role)
    params = {"versione": str(state.as_of)} if state.as_of and role == "amministratore" else {}
    for page in auth.pages_for(role):
        check_page(open_page(at, page, **params), state_name, role, page, demo_data)


def test_an_as_of_version_before_a_table_existed(app):
    """Version 1 holds the register and the reception data; outreach and services came in version 2. Asked as of
    version 1, Panoramica shows reception and says outreach was not sent; Emersione says so for the whole page."""
    at = open_page(app("versione_precedente", "amministratore"), "panoramica", versione="1", a="2025-12")
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    assert shown["Posti"][0] != "\u2014" and shown["Contatti"] == ("\u2014", t("realpath.not_sent"))
    assert "Emersione: contatti, valutazioni, invii e prese in carico" in texts_of(at, "info")
    at = open_page(at, "emersione", versione="1")
    assert "**Nessun dato inviato**" in texts_of(at, "info") and not at.get("vega_lite_chart")
    at = open_page(at, "emersione", versione="2")  # the current data (the choice of version follows the user)
    assert at.get("vega_lite_chart")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_empty_pages_speak_the_users_language(app, lang):
    """Before any monthly file, each page says what is missing in the user's language, with the link to upload."""
    at = app("solo_progetti", "amministratore", lang=lang)
    at = open_page(at, "accoglienza")
    notices = texts_of(at, "info")
    assert t("realpath.missing.none", lang, territory=t("territory.italy", lang),
             tables=t("import.table.capacity", lang)) in notices
    assert t("realpath.missing.load", lang) in texts_of(at, "caption")
    # the main area's links (the sidebar also links the Note page)
    assert [link.proto.label for link in at.main.get("page_link")] == [t("page.importa", lang)]
    at = open_page(app("vuoto", "prefettura", lang=lang), "panoramica")
    assert t("realpath.nothing_loaded", lang) in texts_of(at, "info")
    assert t("realpath.missing.wait", lang) in texts_of(at, "caption")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_new_installation_shows_the_national_context_before_any_project_file(app, lang):
    """``manage.py init-db`` loads the public statistics: before any project file, Panoramica says what is missing
    and shows the national context (people in reception, landings) instead of stopping at "nothing loaded"."""
    at = open_page(app("solo_dati_pubblici", "prefettura", lang=lang), "panoramica")
    assert t("realpath.nothing_loaded", lang) not in texts_of(at, "info")
    assert t("reference.panoramica.title", lang) in texts_of(at, "subheader")
    assert t("reference.not_loaded", lang) not in texts_of(at, "info")
    assert at.get("vega_lite_chart"), "the landings chart"
    assert t("import.table.capacity", lang) in texts_of(at, "info")
