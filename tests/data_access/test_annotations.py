"""Notes on the charts (issue 21), in the data layer, on both backends: who writes where, who reads what, which notes a
chart of given filters shows, the text rules (the import's personal-data guard and free-text rules), versions and the
audit trail; every refusal leaves the database as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from data_access import annotations, auth
from data_access.annotations import ITALY, AnnotationError, Territory
from data_access.models import Annotation, AnnotationRevision, AuditEvent
from data_access.scope import Filters, Scope

PASSWORD = "una-password-lunga"
LOMBARDIA, CAMPANIA = "03", "15"
SONDRIO, VARESE, MILANO, AVELLINO = "014", "012", "015", "064"
RANGE = Filters(unit="mese", start="2020-01", end="2022-12")


@pytest.fixture
def engine(migrated_engine):
    for username, role, provinces in (("admin.uno", auth.AMMINISTRATORE, ()),
                                      ("pref.milano", auth.PREFETTURA, (MILANO,)),
                                      ("tavolo.avellino", auth.MEMBRO_TAVOLO, (AVELLINO,)),
                                      ("ospite.uno", auth.OSPITE, ())):
        auth.create_user(migrated_engine, username, role, PASSWORD, provinces=provinces)
    lombardia = annotations.writable_territories(migrated_engine, auth.scope_for(migrated_engine, "admin.uno"))
    codes = [t.code for t, _name in lombardia if t.level == "provincia"]
    assert SONDRIO in codes and VARESE in codes
    return migrated_engine


def lombardy_prefect(engine):
    """A prefecture user with every province of Lombardy (so the region too)."""
    with engine.connect() as conn:
        from data_access.models import Province

        provinces = list(conn.execute(select(Province.code).where(Province.region_code == LOMBARDIA)).scalars())
    auth.create_user(engine, "pref.regione", auth.PREFETTURA, PASSWORD, provinces=provinces)
    return "pref.regione"


def counts(engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(Annotation)).scalar_one(),
                conn.execute(select(func.count()).select_from(AnnotationRevision)).scalar_one(),
                conn.execute(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.event.like("annotation%"))).scalar_one())


def scope(engine, username) -> Scope:
    return auth.scope_for(engine, username)


def texts(notes) -> list[str]:
    return [n.text for n in notes]


# --- Writing: who and where ----------------------------------------------------------------------------------------
def test_an_administrator_writes_on_italy_a_region_and_a_province(engine):
    annotations.add(engine, "admin.uno", ITALY, text="avvio avviso 5", day=dt.date(2022, 10, 1))
    annotations.add(engine, "admin.uno", Territory("regione", LOMBARDIA), text="nuovo bando regionale",
                    month="2021-06")
    annotations.add(engine, "admin.uno", Territory("provincia", VARESE), text="SAI Besozzo ridotto a 13 posti",
                    month="2021-01")
    notes = annotations.notes_for_view(scope(engine, "admin.uno"), RANGE, engine=engine)
    assert [(n.number, n.place(), n.when(), n.text) for n in notes] == [
        (1, "Varese", "gennaio 2021", "SAI Besozzo ridotto a 13 posti"),
        (2, "Lombardia", "giugno 2021", "nuovo bando regionale"),
        (3, "Italia", "01/10/2022", "avvio avviso 5")]
    assert notes[0].line() == "1. gennaio 2021, Varese: SAI Besozzo ridotto a 13 posti"
    assert notes[2].place("en") == "Italy"
    assert counts(engine) == (3, 3, 3)


@pytest.mark.parametrize(("user", "territory"), [
    ("pref.milano", Territory("provincia", SONDRIO)),  # a province outside the scope
    ("pref.milano", Territory("regione", LOMBARDIA)),  # a region not all in the scope
    ("pref.milano", ITALY),  # Italy: administrators only
    ("pref.milano", Territory("provincia", "999")),  # no such province
])
def test_a_prefecture_writes_only_within_its_scope(engine, user, territory):
    before = counts(engine)
    with pytest.raises(AnnotationError, match="non è tra quelli su cui"):
        annotations.add(engine, user, territory, text="nota", month="2021-01")
    assert counts(engine) == before


def test_a_prefecture_writes_on_its_province_and_on_a_region_it_sees_whole(engine):
    annotations.add(engine, "pref.milano", Territory("provincia", MILANO), text="apertura nuovo CAS", month="2021-03")
    regional = lombardy_prefect(engine)
    annotations.add(engine, regional, Territory("regione", LOMBARDIA), text="piano regionale", month="2021-04")
    assert texts(annotations.notes_for_view(scope(engine, regional), RANGE, engine=engine)) == [
        "apertura nuovo CAS", "piano regionale"]
    names = [name for _t, name in annotations.writable_territories(engine, scope(engine, "pref.milano"))]
    assert names == ["Milano"]
    assert ("Lombardia" in [name for _t, name in annotations.writable_territories(engine, scope(engine, regional))])


@pytest.mark.parametrize("user", ["tavolo.avellino", "ospite.uno"])
def test_readers_do_not_write(engine, user):
    with pytest.raises(AnnotationError, match="gli amministratori e la prefettura") as refused:
        annotations.add(engine, user, Territory("provincia", AVELLINO), text="nota", month="2021-01")
    assert "administrators and the prefecture" in refused.value.text("en")
    assert counts(engine) == (0, 0, 0)


# --- What a note may hold ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "message"), [
    ("Colloquio con RSSMRA85T10A562S", "un codice fiscale"),
    ("omocodia RSSMRA85T10A56NH", "un codice fiscale"),
    ("scrivere a mario.rossi@example.com", "un indirizzo email"),
    ("chiamare il 333 1234567", "un numero di telefono"),
    ("ospite in via Roma 12", "un indirizzo"),
    ("la sig.ra Bianchi è uscita", "il nome o i dati di una persona"),
])
def test_personal_data_are_refused_and_never_repeated(engine, text, message):
    with pytest.raises(AnnotationError) as refused:
        annotations.add(engine, "admin.uno", ITALY, text=text, month="2021-01")
    said = str(refused.value)
    assert message in said and "dati personali" in said
    assert not any(word in said for word in text.split()[-1:])  # the value itself is not repeated
    assert counts(engine) == (0, 0, 0)


@pytest.mark.parametrize(("text", "message"), [
    ("", "Scrivere il testo"),
    ("   \n\t ", "Scrivere il testo"),
    ("x" * 201, "lunga 201 caratteri: al massimo 200"),
    ("nota **grassetto**", "«*», un segno di formattazione"),
    ("<b>nota</b>", "«<», un segno di formattazione"),
    ("vedi https://esempio.it/avviso", "indirizzo web"),
    ("nota\u0007con campanello", "U+0007"),
    ("= 1+1", "inizia con «=»"),
    ("nota :material/lock:", "«:material/lock:»"),
])
def test_text_rules_of_the_import_apply(engine, text, message):
    with pytest.raises(AnnotationError, match=None) as refused:
        annotations.add(engine, "admin.uno", ITALY, text=text, month="2021-01")
    assert message in str(refused.value)
    assert counts(engine) == (0, 0, 0)


def test_spaces_and_line_breaks_become_one_space(engine):
    annotations.add(engine, "admin.uno", ITALY, text="  avvio\navviso\t 5  ", month="2022-10")
    assert texts(annotations.notes_in_scope(scope(engine, "admin.uno"), engine=engine)) == ["avvio avviso 5"]


@pytest.mark.parametrize(("month", "message"), [("2021-13", "AAAA-MM"), ("21-01", "AAAA-MM"), ("", "AAAA-MM"),
                                                ("2009-12", "tra gennaio 2010"), ("2999-01", "tra gennaio 2010")])
def test_bad_months_are_refused(engine, month, message):
    with pytest.raises(AnnotationError, match=message):
        annotations.add(engine, "admin.uno", ITALY, text="nota", month=month)
    assert counts(engine) == (0, 0, 0)


# --- Reading: who sees what, and on which charts ---------------------------------------------------------------------
@pytest.fixture
def noted(engine):
    for territory, words, month in ((ITALY, "nazionale", "2021-02"),
                                    (Territory("regione", LOMBARDIA), "lombarda", "2021-03"),
                                    (Territory("regione", CAMPANIA), "campana", "2021-03"),
                                    (Territory("provincia", SONDRIO), "sondriese", "2021-04"),
                                    (Territory("provincia", MILANO), "milanese", "2021-05"),
                                    (Territory("provincia", AVELLINO), "irpina", "2021-06")):
        annotations.add(engine, "admin.uno", territory, text=f"nota {words}", month=month)
    return engine


@pytest.mark.parametrize(("user", "seen"), [
    ("admin.uno", ["nazionale", "lombarda", "campana", "sondriese", "milanese", "irpina"]),
    ("pref.milano", ["nazionale", "lombarda", "milanese"]),  # not Sondrio, not Campania
    ("tavolo.avellino", ["nazionale", "campana", "irpina"]),
    ("ospite.uno", ["nazionale", "lombarda", "campana"]),  # regions and Italy: no province
])
def test_each_user_sees_the_notes_of_their_scope_only(noted, user, seen):
    for notes in (annotations.notes_in_scope(scope(noted, user), engine=noted),
                  annotations.notes_for_view(scope(noted, user), RANGE, engine=noted)):
        assert [n.text.split()[-1] for n in notes] == seen


@pytest.mark.parametrize(("filters", "seen"), [
    (RANGE.with_(province=SONDRIO, region=LOMBARDIA), ["nazionale", "lombarda", "sondriese"]),
    (RANGE.with_(region=LOMBARDIA), ["nazionale", "lombarda", "sondriese", "milanese"]),
    (RANGE.with_(region=CAMPANIA), ["nazionale", "campana", "irpina"]),
    (RANGE.with_(start="2021-04", end="2021-05"), ["sondriese", "milanese"]),  # the months of the chart
    (Filters(unit="trimestre", start="2021-T2", end="2021-T2"), ["sondriese", "milanese", "irpina"]),
    (Filters(unit="anno", start="2022", end="2022"), []),
])
def test_a_chart_shows_the_notes_of_its_territory_and_periods(noted, filters, seen):
    notes = annotations.notes_for_view(scope(noted, "admin.uno"), filters, engine=noted)
    assert [n.text.split()[-1] for n in notes] == seen
    assert [n.number for n in notes] == list(range(1, len(seen) + 1))


def test_the_notes_name_their_territories_and_a_view_without_notes_reads_no_names(noted):
    """Each note names its territory (Italy has no name of its own: the reader's language says it); the names are
    read for the notes' territories only, and not at all for a view without notes (most views, at every run)."""
    from sqlalchemy import event

    notes = annotations.notes_for_view(scope(noted, "admin.uno"), RANGE, engine=noted)
    assert [(n.level, n.name) for n in notes] == [
        ("italia", None), ("regione", "Lombardia"), ("regione", "Campania"), ("provincia", "Sondrio"),
        ("provincia", "Milano"), ("provincia", "Avellino")]
    statements = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)
    event.listen(noted, "before_cursor_execute", seen)
    try:
        assert annotations.notes_for_view(scope(noted, "admin.uno"), Filters(unit="anno", start="2022", end="2022"),
                                          engine=noted) == ()
    finally:
        event.remove(noted, "before_cursor_execute", seen)
    assert statements and not any("FROM regions" in s or "FROM provinces" in s.split("WHERE")[0] for s in statements)


def test_a_url_cannot_widen_the_notes(noted):
    """A province outside the scope in the filters is clamped like every query (the scope's notes, no more)."""
    notes = annotations.notes_for_view(scope(noted, "pref.milano"), RANGE.with_(province=SONDRIO), engine=noted)
    assert "nota sondriese" not in texts(notes)
    guest = annotations.notes_for_view(scope(noted, "ospite.uno"), RANGE.with_(province=SONDRIO,
                                                                                region=LOMBARDIA), engine=noted)
    assert texts(guest) == ["nota nazionale", "nota lombarda"]


# --- Versions, deletion, audit ------------------------------------------------------------------------------------
def test_edits_keep_history_and_are_audited(noted):
    note = next(n for n in annotations.notes_in_scope(scope(noted, "admin.uno"), engine=noted)
                if n.text == "nota milanese")
    annotations.edit(noted, "pref.milano", note.id, note.revision, Territory("provincia", MILANO),
                     text="nota milanese corretta", day=dt.date(2021, 5, 17))
    edited = next(n for n in annotations.notes_in_scope(scope(noted, "pref.milano"), engine=noted) if n.id == note.id)
    assert (edited.text, edited.when(), edited.revision, edited.edited) == ("nota milanese corretta", "17/05/2021", 2,
                                                                            True)
    with pytest.raises(AnnotationError, match="Nel frattempo la nota è stata modificata"):  # made on version 1
        annotations.edit(noted, "admin.uno", note.id, 1, Territory("provincia", MILANO), text="altro",
                         month="2021-05")
    with pytest.raises(AnnotationError, match="Nessuna modifica"):
        annotations.edit(noted, "admin.uno", note.id, 2, Territory("provincia", MILANO),
                         text="nota milanese corretta", day=dt.date(2021, 5, 17))
    annotations.delete(noted, "admin.uno", note.id, 2)
    assert "nota milanese corretta" not in texts(annotations.notes_in_scope(scope(noted, "admin.uno"), engine=noted))
    with pytest.raises(AnnotationError, match="non c'è più"):
        annotations.delete(noted, "admin.uno", note.id, 3)
    versions = annotations.history(scope(noted, "pref.milano"), note.id, engine=noted)
    assert list(versions["action"]) == ["scritta", "modificata", "eliminata"]
    assert list(versions["by"]) == ["admin.uno", "pref.milano", "admin.uno"]
    assert list(versions["text"]) == ["nota milanese", "nota milanese corretta", "nota milanese corretta"]
    assert annotations.history(scope(noted, "tavolo.avellino"), note.id, engine=noted).empty  # outside the scope
    trail = auth.audit_frame(noted, events=["annotation_added", "annotation_edited", "annotation_deleted"])
    assert list(trail["event"])[-2:] == ["annotation_edited", "annotation_deleted"]
    assert all("milanese" not in str(d) for d in trail["details"])  # the text stays out of the audit trail


def test_a_prefecture_cannot_edit_or_move_notes_outside_its_scope(noted):
    notes = {n.text: n for n in annotations.notes_in_scope(scope(noted, "admin.uno"), engine=noted)}
    sondrio, milano = notes["nota sondriese"], notes["nota milanese"]
    before = counts(noted)
    with pytest.raises(AnnotationError, match="non è tra quelli"):
        annotations.edit(noted, "pref.milano", sondrio.id, 1, Territory("provincia", MILANO), text="presa",
                         month="2021-04")
    with pytest.raises(AnnotationError, match="non è tra quelli"):
        annotations.edit(noted, "pref.milano", milano.id, 1, Territory("provincia", SONDRIO), text="spostata",
                         month="2021-05")
    with pytest.raises(AnnotationError, match="non è tra quelli"):
        annotations.delete(noted, "pref.milano", sondrio.id, 1)
    assert counts(noted) == before
