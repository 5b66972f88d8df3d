"""Access control as a user meets it (issue 5): pages by role, the provinces in every query a page can call, URL
parameters that try to widen the scope, the login cookie (forged, expired, after logout or disable), the admin
pages and the audit trail of page views and exports.

The password check, the lock-out and the users command line are tested in test_auth.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_access import analytics, auth, geo, public_stats, queries, sql
from data_access.scope import Scope
from tests.conftest import APP, log_in
from tests.views.test_no_raw_counts import EXTRA_ARGS, FILTER_SETS, NO_FILTERS, frames_in

ROOT = Path(__file__).resolve().parents[2]
KEY = b"k" * 32
PROVINCE_CODE = re.compile(r"^\d{3}$")
TERRITORY_COLUMNS = ("province_code", "territory_code", "code")
ROLE_PAGES = {  # what each demo account finds in the menu
    "demo.amministratore": {"panoramica", "mappa", "accoglienza", "emersione", "servizi", "rete", "pacchetto",
                            "segnalazioni", "note", "metodologia", "importa", "utenti", "registro"},
    "demo.prefettura": {"panoramica", "mappa", "accoglienza", "emersione", "servizi", "rete", "pacchetto",
                        "segnalazioni", "note", "metodologia"},
    "demo.tavolo": {"panoramica", "mappa", "accoglienza", "emersione", "servizi", "rete", "pacchetto", "segnalazioni",
                    "note", "metodologia"},
    "demo.referente": {"panoramica", "mappa", "accoglienza", "emersione", "servizi", "rete", "pacchetto",
                       "segnalazioni", "note", "metodologia", "importa"},
    "demo.ospite": {"panoramica", "mappa", "accoglienza", "emersione", "servizi", "pacchetto", "segnalazioni",
                    "note", "metodologia"},
}
PUBLISHED = {name: getattr(module, name) for module in (queries, analytics, geo, public_stats)
             for name in sql.QUERIES if hasattr(module, name)}


@pytest.fixture
def app_as(seeded_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))

    def start(user: str, **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        log_in(at, seeded_engine, user)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        return at

    return start


def registered_pages(at: AppTest) -> set[str]:
    return {info.get("url_pathname") or "panoramica" for info in at._registered_pages.values()}  # home at "/"


# --- Pages by role ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("user", sorted(ROLE_PAGES))
def test_each_role_gets_its_pages(app_as, user):
    at = app_as(user)
    assert registered_pages(at) == ROLE_PAGES[user]


@pytest.mark.parametrize(("user", "page"), [("demo.prefettura", "utenti"), ("demo.tavolo", "registro"),
                                            ("demo.ospite", "rete"), ("demo.referente", "utenti"),
                                            ("demo.prefettura", "importa"), ("demo.ospite", "importa")])
def test_a_page_outside_the_role_is_not_in_the_navigation(app_as, user, page):
    at = app_as(user)
    assert page not in registered_pages(at)  # so its address opens the home page (checked in the browser test)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"views/{page}.py")


@pytest.mark.parametrize(("page", "user"), [(p, u) for p in ("utenti", "registro")
                                            for u in ("demo.prefettura", "demo.ospite", "demo.referente")]
                         + [("importa", "demo.prefettura"), ("importa", "demo.tavolo"), ("importa", "demo.ospite")])
def test_admin_pages_lock_themselves_too(seeded_engine, monkeypatch, user, page):
    """Run the page file itself with a non-admin session (as Streamlit's old multipage mode could): it refuses."""
    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))
    at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=60)
    log_in(at, seeded_engine, user)
    at.session_state["scope"] = auth.scope_for(seeded_engine, user)
    at.run()
    assert [e.value for e in at.error] == ["Questa pagina non è disponibile per il proprio ruolo."]
    assert not at.dataframe and not at.title


def test_nobody_sees_anything_before_login(seeded_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["provincia"] = "015"
    at.run()
    assert not at.exception
    assert [x.value for x in at.title] == ["Accesso al Cruscotto territoriale"]
    assert not at.metric and not at.dataframe and not at.get("vega_lite_chart")
    assert "scope" not in at.session_state
    demo = at.table[0].value  # demo mode: one demo account per role, with its territory
    assert list(demo.iloc[:, 0]) == [a["username"] for a in auth.DEMO_ACCOUNTS]
    assert "Milano" in " ".join(demo.iloc[:, 2])


# --- Provinces in every query a page can call -------------------------------------------------------------------
def scope_projects(engine, scope: Scope) -> list[str]:
    """Projects with data in the scope's provinces (none for a scope of national and regional totals)."""
    if not scope.fine:
        return []
    return list(queries.coverage(scope, None, engine=engine).frame["project_code"])


def territory_values(frame: pd.DataFrame) -> set[str]:
    values: set[str] = set()
    for column in TERRITORY_COLUMNS:
        if column in frame.columns:
            values |= {str(v) for v in frame[column].dropna().unique()}
    return values


@pytest.mark.parametrize("user", ["demo.prefettura", "demo.tavolo", "demo.referente", "demo.ospite"])
def test_every_published_query_stays_in_the_scope(seeded_engine, user):
    auth.ensure_demo_users(seeded_engine)
    scope = auth.scope_for(seeded_engine, user)
    checked = 0
    for name, fn in sorted(PUBLISHED.items()):
        arg_sets = EXTRA_ARGS.get(name, [()])
        if name in ("map_values", "map_series"):
            arg_sets = [a for a in arg_sets if a[1] in geo.map_levels(scope, a[0])]
            if name == "map_series" and not scope.fine:
                arg_sets += [("contacts", "regione", "03")]
        for filters in [None] if name in NO_FILTERS else FILTER_SETS:
            for args in arg_sets:
                result = fn(scope, filters, *args, engine=seeded_engine)
                if name == "filter_choices":  # the reference list of provinces (public geography), not data
                    result = {"projects": result["projects"]}
                    assert set(result["projects"]["project_code"]) <= set(scope_projects(seeded_engine, scope))
                for _part, frame in frames_in(result):
                    values = territory_values(frame)
                    provinces = {v for v in values if PROVINCE_CODE.match(v)}
                    if scope.fine:
                        assert provinces <= scope.provinces, (name, args, filters, provinces - scope.provinces)
                    else:
                        assert not provinces, (name, args, filters, provinces)
                        if "project_code" in frame.columns:
                            assert frame["project_code"].isna().all(), (name, filters)
                    checked += 1
    assert checked > 100


def test_a_coarse_scope_cannot_ask_for_a_province_or_a_project(seeded_engine):
    ospite = Scope(provinces=None, level="regione", label="Italia (totali)")
    asked = FILTER_SETS[2].with_(project="SAI-SONDRIO")  # province 015 and a project
    regional = asked.with_(province=None, project=None)
    for name in ("headline", "accoglienza_trend", "emersione_funnel"):
        fn = PUBLISHED[name]
        got = [f.reset_index(drop=True) for _part, f in frames_in(fn(ospite, asked, engine=seeded_engine))]
        expected = [f.reset_index(drop=True) for _part, f in frames_in(fn(ospite, regional, engine=seeded_engine))]
        for a, b in zip(got, expected, strict=True):
            pd.testing.assert_frame_equal(a, b)
    with pytest.raises(PermissionError):
        geo.map_values(ospite, FILTER_SETS[0], "contacts", "provincia", engine=seeded_engine)


# --- URL parameters cannot widen the scope ----------------------------------------------------------------------
def test_url_cannot_widen_a_province_scope(app_as, seeded_engine):
    at = app_as("demo.tavolo", provincia="015", regione="03", progetto="SAI-SONDRIO")  # Avellino only
    notices = " ".join(w.value for w in at.warning)
    assert "«provincia» ignorato" in notices and "«regione» ignorato" in notices and "«progetto» ignorato" in notices
    assert at.query_params.get("provincia") in (None, [], "064", ["064"])
    coverage = at.dataframe[0].value
    scope = auth.scope_for(seeded_engine, "demo.tavolo")
    listed = queries.coverage(scope, None, engine=seeded_engine).frame["project_code"]
    assert list(coverage.iloc[:, 0]) == list(listed)


def test_url_cannot_give_a_guest_a_province(app_as):
    at = app_as("demo.ospite", provincia="015", progetto="SAI-SONDRIO")
    notices = " ".join(w.value for w in at.warning)
    assert "«provincia» ignorato: «015» non è disponibile per il proprio profilo" in notices
    assert "«progetto» ignorato" in notices
    assert not [s for s in at.sidebar.selectbox if s.label == "Provincia"]  # no province to choose
    # no per-project table for a guest: the saturation view lists programmes by region
    assert at.dataframe and not [f for f in at.dataframe if "Progetto" in f.value.columns]
    shown = " ".join(f.value.to_string() for f in at.dataframe)
    assert "Lombardia" in shown
    assert "Milano" not in shown and "Sondrio" not in shown
    assert "non mostrano i singoli progetti" in " ".join(c.value for c in at.caption)


# --- The login cookie -------------------------------------------------------------------------------------------
def test_cookie_round_trip_and_forgeries(migrated_engine):
    auth.create_user(migrated_engine, "mario.rossi", "prefettura", "una-password-lunga", provinces=["015"])
    result = auth.authenticate(migrated_engine, "mario.rossi", "una-password-lunga")
    token = auth.issue_token("mario.rossi", result.epoch, KEY, days=1)
    assert auth.read_token(token, KEY) == ("mario.rossi", result.epoch)
    assert auth.session_user(migrated_engine, *auth.read_token(token, KEY))["role"] == "prefettura"

    import jwt

    assert auth.read_token(token, b"x" * 32) is None  # signed with another key
    header, payload, signature = token.split(".")
    other = jwt.encode({"username": "admin", "epoch": 0, "exp_date": 4e9}, b"x" * 32, algorithm="HS256")
    assert auth.read_token(f"{header}.{other.split('.')[1]}.{signature}", KEY) is None  # payload swapped
    unsigned = jwt.encode({"username": "mario.rossi", "epoch": 0, "exp_date": 4e9}, None, algorithm="none")
    assert auth.read_token(unsigned, KEY) is None  # "alg: none"
    no_epoch = jwt.encode({"username": "mario.rossi", "exp_date": 4e9}, KEY, algorithm="HS256")
    assert auth.read_token(no_epoch, KEY) is None
    for junk in ("", "abc", "a.b.c", "x" * 5000, None):
        assert auth.read_token(junk, KEY) is None
    old = auth.issue_token("mario.rossi", result.epoch, KEY, days=1, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    assert auth.read_token(old, KEY) is None  # expired


def test_cookie_refused_after_logout_disable_or_reset(migrated_engine):
    auth.create_user(migrated_engine, "anna.bianchi", "membro_tavolo", "una-password-lunga", provinces=["064"])
    auth.create_user(migrated_engine, "capo.admin", "amministratore", "una-password-lunga")
    epoch = auth.authenticate(migrated_engine, "anna.bianchi", "una-password-lunga").epoch
    claims = auth.read_token(auth.issue_token("anna.bianchi", epoch, KEY, days=1), KEY)
    assert auth.session_user(migrated_engine, *claims) is not None
    auth.logout(migrated_engine, "anna.bianchi")
    assert auth.session_user(migrated_engine, *claims) is None  # the cookie is still well signed, but logged out
    epoch = auth.authenticate(migrated_engine, "anna.bianchi", "una-password-lunga").epoch
    claims = auth.read_token(auth.issue_token("anna.bianchi", epoch, KEY, days=1), KEY)
    auth.disable_user(migrated_engine, "anna.bianchi", actor="capo.admin")
    assert auth.session_user(migrated_engine, *claims) is None
    auth.enable_user(migrated_engine, "anna.bianchi", actor="capo.admin")
    assert auth.session_user(migrated_engine, *claims) is None  # re-enabled: a new login is needed
    epoch = auth.authenticate(migrated_engine, "anna.bianchi", "una-password-lunga").epoch
    claims = auth.read_token(auth.issue_token("anna.bianchi", epoch, KEY, days=1), KEY)
    auth.reset_password(migrated_engine, "anna.bianchi", "altra-password-lunga", actor="capo.admin")
    assert auth.session_user(migrated_engine, *claims) is None


def test_a_session_ends_at_the_next_rerun_when_the_user_is_disabled(app_as, seeded_engine):
    auth.ensure_demo_users(seeded_engine)
    auth.create_user(seeded_engine, "da.disattivare", "membro_tavolo", "una-password-lunga", provinces=["064"])
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        log_in(at, seeded_engine, "da.disattivare")
        at.run()
        assert at.metric, "the user sees the Panoramica"
        auth.disable_user(seeded_engine, "da.disattivare", actor="demo.amministratore")
        at.run()
        assert [x.value for x in at.title] == ["Accesso al Cruscotto territoriale"]
        assert "sessione è terminata" in " ".join(i.value for i in at.info)
        assert not at.metric
    finally:
        with seeded_engine.begin() as conn:
            from data_access.models import User, UserProvince

            user_id = conn.execute(User.__table__.select().where(User.username == "da.disattivare")).one().id
            conn.execute(UserProvince.__table__.delete().where(UserProvince.user_id == user_id))
            conn.execute(User.__table__.delete().where(User.id == user_id))


def test_logout_button_ends_the_session(app_as, seeded_engine):
    at = app_as("demo.prefettura")
    epoch = at.session_state["session_epoch"]
    [button] = [b for b in at.sidebar.button if b.label == "Esci"]
    button.click().run()
    assert [x.value for x in at.title] == ["Accesso al Cruscotto territoriale"]
    assert auth.session_user(seeded_engine, "demo.prefettura", epoch) is None  # every cookie of that login too
    events = auth.audit_frame(seeded_engine, username="demo.prefettura", events=["logout"])
    assert len(events) >= 1


# --- Admin pages and the audit trail ----------------------------------------------------------------------------
def test_admin_page_lists_users_and_refuses_bad_input(app_as, seeded_engine):
    at = app_as("demo.amministratore")
    at.switch_page("views/utenti.py").run()
    assert not at.exception
    users = at.dataframe[0].value
    assert {"demo.amministratore", "demo.ospite"} <= set(users.iloc[:, 0])
    before = len(auth.list_users(seeded_engine))
    form = {w.label: w for w in at.text_input}
    form["Nome utente"].input("Nome Con Spazi")
    form["Password"].input("una-password-lunga")
    form["Ripetere la password"].input("una-password-lunga")
    [create] = [b for b in at.button if b.label == "Crea utente"]
    create.click().run()
    assert "Nome utente non valido" in " ".join(e.value for e in at.error)
    assert len(auth.list_users(seeded_engine)) == before  # nothing written


def test_page_views_and_audit_export_are_recorded(app_as, seeded_engine):
    app_as("demo.tavolo", unita="anno")
    views = auth.audit_frame(seeded_engine, username="demo.tavolo", events=["page_view"])
    assert views["page"].iloc[-1] == "panoramica" and '"unita": "anno"' in views["details"].iloc[-1]
    admin = app_as("demo.amministratore")
    admin.switch_page("views/registro.py").run()
    assert not admin.exception
    shown = admin.dataframe[0].value
    assert "demo.tavolo" in set(shown.iloc[:, 1])
    [download] = admin.get("download_button")
    assert download.proto.label == "Scarica il registro (CSV)"


def test_the_audit_page_draws_the_most_recent_events_and_says_the_csv_has_all(app_as, seeded_engine, monkeypatch):
    monkeypatch.setattr(auth.audit, "SHOWN", 3)
    for i in range(4):
        auth.record(seeded_engine, "demo.tavolo", "page_view", page="mappa", details={"prova": f"evento {i}"})
    admin = app_as("demo.amministratore")
    admin.switch_page("views/registro.py").run()
    assert not admin.exception
    shown = admin.dataframe[0].value
    assert len(auth.audit_frame(seeded_engine)) > 3 and len(shown) == 3
    recorded = pd.to_datetime(shown.iloc[:, 0], format="%d/%m/%Y %H:%M:%S")
    assert recorded.is_monotonic_decreasing  # the most recent first
    everything = auth.audit_frame(seeded_engine)
    latest = everything["at"].dt.tz_convert("Europe/Rome").dt.strftime("%d/%m/%Y %H:%M:%S").tolist()[::-1][:3]
    assert shown.iloc[:, 0].tolist() == latest  # the three most recent of all
    today = dt.datetime.now(dt.UTC).date()
    total = len(auth.audit_frame(seeded_engine, since=today - dt.timedelta(days=30), until=today + dt.timedelta(1)))
    assert f"**{total}** eventi nel periodo scelto." in [m.value for m in admin.markdown]  # all, not those drawn
    assert "Sono mostrati i 3 eventi più recenti; il CSV li contiene tutti." in [c.value for c in admin.caption]


# --- Exports respect the scope ----------------------------------------------------------------------------------
def test_meeting_pack_matches_the_screen_and_the_scope(app_as, seeded_engine):
    import io

    from pptx import Presentation

    from config.labels import fmt_count
    from presentation import exports

    at = app_as("demo.tavolo", unita="trimestre", da="2025-T1", a="2025-T4")
    at.switch_page("views/pacchetto.py").run()
    assert not at.exception, at.exception
    pack = at.session_state["last_pack"]
    # Avellino sends no reception data: by default the pack offers the charts with data in Avellino (the map of
    # contacts, outreach, services, the meetings and the overdue actions), none of reception and no empty slide
    assert pack.territory == "Avellino" and not pack.left_out
    assert [c.title.split(",")[0].split(":")[0] for c in pack.charts] == [
        "Contatti per provincia", "Contatti e invii ai servizi",
        "Valutazioni", "Persone nei servizi (tutti i servizi)", "Riunioni per organismo",
        "Azioni del Piano di intervento locale in ritardo"]
    n = len(pack.charts)
    summary = at.dataframe[0].value  # the table on screen
    deck = Presentation(io.BytesIO(exports.pack_pptx(pack)))
    slides = list(deck.slides)
    assert len(slides) == 1 + n + 1 + 1
    first = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert "Avellino" in first and f"versione dei dati {pack.data_version}" in first
    titles = [s.shapes.title.text for s in slides[1:1 + n]]
    assert titles == [c.title for c in pack.charts] and all("Avellino" in x for x in titles)
    captions = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides[1:1 + n]]
    assert all(c.caption in text for c, text in zip(pack.charts, captions, strict=True))
    [table] = [s.table for s in slides[1 + n].shapes if s.has_table]
    cells = [[table.cell(r, c).text for c in range(len(summary.columns))] for r in range(1, len(summary) + 1)]
    assert cells == summary.astype(str).values.tolist()  # the numbers on the slide are those on screen
    scope = auth.scope_for(seeded_engine, "demo.tavolo")  # the figures are Avellino's, as published for it
    contacts_row = summary[summary.iloc[:, 0] == "Contatti"].iloc[0]
    shown = analytics.emersione_trend(scope, _filters("trimestre", "2025-T1", "2025-T4"), engine=seeded_engine)
    assert summary.columns[1] == "1° trimestre 2025" and summary.columns[-1] == "4° trimestre 2025"  # named
    for column, row in ((1, shown.frame.iloc[0]), (-1, shown.frame.iloc[-1])):  # the first and the last period
        assert contacts_row.iloc[column] == fmt_count(row["contacts"], bool(row["contacts_small"]), shown.k, "it")
    assert exports.pack_pdf(pack).startswith(b"%PDF")  # its pages are checked in test_exports.py


def _filters(unit, start, end):
    from data_access.scope import Filters

    return Filters(unit=unit, start=start, end=end)
