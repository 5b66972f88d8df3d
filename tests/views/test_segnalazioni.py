"""The Segnalazioni page and the menu's count, for every role and in both languages; dismissing an alert from the
page; an empty database; Rete's action-plan items beside their indicators' trends.

The page computes the alerts at today's date: the tests assert what does not move with the date (the territory of
each alert, the sections, the months not sent since January 2026 by every project still running in the demo).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from sqlalchemy import select

from data_access import auth, db, reference
from data_access.models import AuditEvent
from tests.conftest import TEST_SECRET, open_app_page
from tests.views.test_pages_analytics import charts, texts
from views import plan_indicators

SECTIONS = ("Progetti pieni", "Mesi non inviati", "Azioni del piano scadute o in scadenza",
            "Variazioni nette degli andamenti")


@pytest.fixture
def own_engine(fresh_demo_engine):
    return fresh_demo_engine


def menu_title(at) -> str:
    return next(info["page_name"] for info in at._registered_pages.values()
                if info.get("url_pathname") == "segnalazioni")


def sections(at) -> dict[str, int]:
    out = {}
    for header in at.subheader:
        name, _, count = header.value.rpartition(" (")
        if count.endswith(")"):
            out[name] = int(count[:-1])
    return out


def alert_rows(at) -> list:
    """The alerts' rows: bordered horizontal containers on the page, each as the list of its elements' types."""
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            flex = child.proto.flex_container if type(child).__name__ == "Block" else None
            if flex is not None and flex.border and flex.direction == flex.Direction.HORIZONTAL:
                found.append(child)
            walk(child)
    walk(at.main)
    return found


def where_lines(at) -> list[str]:
    """The small grey line under each alert's title (where and since when), as the reader sees it."""
    lines = []
    for row in alert_rows(at):
        source = next(e.value for e in row.children.values() if type(e).__name__ == "Markdown")
        head, _, small = source.partition("  \n")
        assert head.startswith("**") and small.startswith(":gray[:small[") and small.endswith("]]"), source
        lines.append(re.sub(r"\\(.)", r"\1", small[len(":gray[:small["):-2]).replace("\u2060", ""))
    return lines


def links(at) -> list[tuple[str, str]]:
    return [(link.proto.page, link.proto.query_string) for link in at.get("page_link")]


def test_administrator_sees_every_rule(own_engine):
    at = open_app_page(own_engine, "segnalazioni", "demo.amministratore")
    found = sections(at)
    assert set(found) <= set(SECTIONS) and found["Mesi non inviati"] == 9  # every project still running
    assert all(n > 0 for n in found.values())  # a rule without alerts is named in one line
    empty = [name for name in SECTIONS if name not in found]
    assert f"Nessuna segnalazione per: {'; '.join(empty)}." in texts(at.caption)
    assert menu_title(at) == f"Segnalazioni ({sum(found.values())})"
    body = texts(at.markdown)
    assert "Non ha inviato Accoglienza da gennaio 2026: mesi mancanti" in body and "PIL-MI-03" in body
    assert ("", "provincia=014") in links(at)  # SAI Sondrio's months: Panoramica's coverage (the home page)
    assert ("rete", "provincia=064") in links(at)
    assert "Dati dimostrativi" not in body and "None" not in body


def test_a_long_list_shows_its_first_alerts_and_a_switch_for_all(own_engine, monkeypatch):
    """The whole country's list runs to a thousand alerts and more: each rule lists its first ones, says how many
    more there are, and a switch shows them all."""
    from config import alerting

    monkeypatch.setattr(alerting, "SHOWN_PER_RULE", 4)
    at = open_app_page(own_engine, "segnalazioni", "demo.amministratore")
    assert sections(at)["Mesi non inviati"] == 9  # the count is of all of them
    switch = next(s for s in at.toggle if s.label == "Mostra tutte le 9")
    assert ("Sono mostrate le prime 4 di 9: «Mostra tutte le 9», sopra, elenca anche le altre 5."
            in texts(at.caption))
    before = len([b for b in at.button if b.label == "Ignora"])  # one per alert listed
    switch.set_value(True).run()
    assert not at.exception
    assert len([b for b in at.button if b.label == "Ignora"]) == before + 5
    assert "Sono mostrate le prime 4 di 9" not in texts(at.caption)
    english = open_app_page(own_engine, "segnalazioni", "demo.amministratore", lang="en")
    assert "Show all 9" in [s.label for s in english.toggle]
    assert 'The first 4 of 9 are shown: "Show all 9", above, lists the other 5 too.' in texts(english.caption)


def test_member_of_avellino_sees_only_avellino(own_engine):
    at = open_app_page(own_engine, "segnalazioni", "demo.tavolo")
    lines = where_lines(at)
    assert lines and all(line.startswith("Avellino · dal ") for line in lines)
    assert {page for page, _query in links(at)} == {"rete"}
    assert all(query == "provincia=064" for _page, query in links(at))
    assert "Mesi non inviati" not in sections(at)  # RETI Avellino ended in December 2025
    assert "Mesi non inviati" in texts(at.caption)  # named among the rules without alerts
    body = texts(at.markdown)
    assert "Milano" not in body and "Sondrio" not in body and "Padova" not in body


def test_each_alert_is_one_row_with_its_text_link_and_button(own_engine):
    """One bordered row per alert, holding its text, its link and its button side by side (not columns of
    containers: a page of alerts sends fewer elements at every click). A project's name shows as written, Markdown
    characters and all, in the row's title and in its small grey line."""
    from sqlalchemy import delete, update

    from data_access.models import Alert, AlertRun, Project

    name = "SAI [Sondrio] *prova* ]x[ `y` :material/lock: a_b_"
    with own_engine.begin() as conn:  # the name as a steward could load it; today's alerts computed again
        conn.execute(update(Project).where(Project.project_code == "SAI-SONDRIO").values(name=name))
        conn.execute(delete(Alert))
        conn.execute(delete(AlertRun))
    at = open_app_page(own_engine, "segnalazioni", "demo.amministratore")
    rows = alert_rows(at)
    assert len(rows) == len([b for b in at.button if b.label == "Ignora"])  # one row per alert
    shapes = {tuple(type(e).__name__ for e in row.children.values()) for row in rows}
    assert shapes == {("Markdown", "PageLink", "Button")}
    assert any(line.startswith(f"{name} – Sondrio · da ") for line in where_lines(at)), where_lines(at)
    assert not at.columns


def test_each_alert_links_to_the_page_the_menu_registered(own_engine, monkeypatch):
    """Each alert's link opens its page (the menu's own page, its address and filters). The link is made from the
    page the navigation registered in this run: Streamlit looks a path up on disk at each link (a tenth of a
    national run of 32 alerts), so a link made from a path fails this test."""
    from streamlit.elements.widgets import button

    def looked_up(*_args):
        raise AssertionError("a page link made from a path")

    at = open_app_page(own_engine, "segnalazioni", "demo.amministratore")
    monkeypatch.setattr(button, "get_main_script_directory", looked_up)
    at.run()
    assert not at.exception, at.exception
    registered = {info["url_pathname"]: hash_ for hash_, info in at._registered_pages.items()}
    links = [row.children[1].proto for row in alert_rows(at)]
    assert links and {link.page for link in links} == {"", "rete"}  # Panoramica (the first page: no path), Rete
    assert all(link.page_script_hash == registered[link.page] for link in links)
    assert all(link.query_string for link in links)  # the alert's territory and period


def test_guest_sees_no_project_nor_province(own_engine):
    at = open_app_page(own_engine, "segnalazioni", "demo.ospite")
    assert "solo le variazioni nette dei totali regionali" in texts(at.caption)
    assert not any(name in sections(at) for name in SECTIONS[:3])
    assert links(at) == [] or all("provincia" not in query and "progetto" not in query for _p, query in links(at))
    assert "PIL-" not in texts(at.markdown) and "SAI" not in texts(at.markdown)


def test_english_page(own_engine):
    at = open_app_page(own_engine, "segnalazioni", "demo.prefettura", lang="en")
    assert at.title[0].value == "Alerts"
    assert {"Months not sent", "Action-plan items overdue or due"} <= set(sections(at))
    body = texts(at.markdown)
    assert "Has not sent Reception since January 2026: " in body and "Non ha inviato" not in body
    assert menu_title(at).startswith("Alerts (")
    assert [b.label for b in at.button if b.label == "Dismiss"]


def test_dismiss_from_the_page(own_engine):
    """A dismissal shows at once, on the page and in the menu's count; the user's dismissals are read once a run
    (the menu and the page both ask)."""
    from sqlalchemy import event

    at = open_app_page(own_engine, "segnalazioni", "demo.tavolo")
    before = sections(at)["Azioni del piano scadute o in scadenza"]
    title = menu_title(at)
    first = next(b for b in at.button if b.label == "Ignora")
    reads: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if "SELECT alert_dismissals.alert_key" in statement:  # the user's dismissals (the click's own read aside)
            reads.append(statement)
    event.listen(own_engine, "before_cursor_execute", count)
    try:
        first.click().run()
    finally:
        event.remove(own_engine, "before_cursor_execute", count)
    assert not at.exception
    assert len(reads) == 1, reads
    assert sections(at)["Azioni del piano scadute o in scadenza"] == before - 1
    assert menu_title(at) != title  # the menu counts one fewer
    assert "Segnalazioni ignorate (1)" in [e.label for e in at.expander]
    with own_engine.connect() as conn:
        events = conn.execute(select(AuditEvent.username, AuditEvent.event)
                              .where(AuditEvent.event == "alert_dismissed")).all()
    assert events == [("demo.tavolo", "alert_dismissed")]
    next(b for b in at.button if b.label == "Mostra di nuovo").click().run()
    assert sections(at)["Azioni del piano scadute o in scadenza"] == before
    # another user of the same territory still sees every alert
    other = open_app_page(own_engine, "segnalazioni", "demo.amministratore")
    assert not [e for e in other.expander if e.label.startswith("Segnalazioni ignorate")]


def test_empty_database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'vuoto.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", TEST_SECRET.decode())
    monkeypatch.setenv("CRUSCOTTO_COOKIE_KEY", "k" * 32)
    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    auth.create_user(engine, "anna.admin", role="amministratore", password="una-password-lunga", actor="test")
    at = open_app_page(engine, "segnalazioni", "anna.admin")
    assert "Nessun dato caricato" in texts(at.info)
    assert menu_title(at) == "Segnalazioni"
    assert "L'invio di e-mail non è attivo" in texts(at.caption)


def test_email_choices_on_the_page(own_engine, monkeypatch):
    monkeypatch.setenv("CRUSCOTTO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CRUSCOTTO_SMTP_TLS", "none")
    monkeypatch.setenv("CRUSCOTTO_SMTP_SENDER", "cruscotto@prefettura.example.it")
    at = open_app_page(own_engine, "segnalazioni", "demo.tavolo")
    at.text_input[0].set_value("mario rossi@esempio").run()
    at.checkbox[0].check().run()
    at.button(key="notify-save").click().run()
    assert "L'indirizzo e-mail non è valido" in texts(at.error)
    at.text_input[0].set_value("tavolo.avellino@prefettura.example.it").run()
    at.button(key="notify-save").click().run()
    assert "Preferenze salvate." in texts(at.success)
    guest = open_app_page(own_engine, "segnalazioni", "demo.ospite")
    assert len(guest.checkbox) == 1  # a digest only: the pack is for those who prepare the meetings


# --- Rete: the action plan beside its indicators --------------------------------------------------------------------
def test_rete_shows_each_item_beside_its_indicator(open_page):
    at = open_page("rete", user="demo.tavolo", unita="mese", da="2025-01", a="2025-12")
    section = next(e for e in at.expander if e.label.startswith("Le azioni accanto ai loro indicatori ("))
    assert not [title for title in charts(at) if title.startswith("Contatti: Avellino")]  # closed: nothing built
    open_indicators(at)
    assert section.label == "Le azioni accanto ai loro indicatori (3)"
    body = texts(at.markdown)
    assert "**PIL\\-AV\\-07** · Procedura condivisa" in body or "**PIL-AV-07** · Procedura condivisa" in body
    found = charts(at)
    contacts = found["Contatti: Avellino, da gennaio 2025 a dicembre 2025"]
    emersione = open_page("emersione", user="demo.tavolo", unita="mese", da="2025-01", a="2025-12")
    trend = next(c for title, c in charts(emersione).items() if title.startswith("Contatti e invii"))
    page_values = trend.data[trend.data["series"] == "contacts"][["period_key", "value"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(contacts.data[["period_key", "value"]].reset_index(drop=True), page_values)
    assert "Partecipanti alla formazione: Avellino, da gennaio 2025 a dicembre 2025" in found


def open_indicators(at):
    """Open Rete's section of actions beside their indicators, as a click does."""
    at.session_state[plan_indicators.SECTION_KEY] = True
    at.run()
    assert not at.exception
    return at


def test_rete_without_indicators_says_how_to_add_one(open_page):
    at = open_page("rete", user="demo.amministratore", provincia="028", unita="mese", da="2019-01", a="2019-12")
    assert "Percorsi di inserimento lavorativo" in texts(open_indicators(at).markdown)  # PIL-PD-03: persone_servizi
    at = open_page("rete", user="demo.amministratore", provincia="015", unita="anno", da="2019", a="2025")
    assert "Accoglienza in emergenza" in texts(open_indicators(at).markdown)
