"""Notes on the charts and citable figures as users meet them (issue 21), through Streamlit's AppTest on the seeds demo
data: a note on Sondrio drawn on its trend charts (spec, tooltip, table, sidebar, slides) and seen by nobody outside
Lombardy; the citation under every chart and table, whose link reopens the same view with the same published figures
for another allowed user (also after a newer data version, for a user who may not choose versions), and is refused for
a user without that scope; the Note page's forms and their bad input; the PDF's QR codes."""

from __future__ import annotations

import io
import re
import shutil
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest

from data_access import annotations, auth, db, loading
from data_access.annotations import Territory
from data_access.models import Annotation
from presentation import citations
from tests.conftest import TEST_SECRET, demo_database, open_app_page
from tests.views.test_pages_analytics import chart, charts, open_tab, table

SONDRIO, MILANO = "014", "015"
NOTE = "SAI Sondrio ridotto a 40 posti"
LINK = re.compile(r"\]\((http[^)]+)\)")
SONDRIO_VIEW = {"provincia": SONDRIO, "da": "2025-01", "a": "2025-06"}
MILANO_VIEW = {"provincia": MILANO, "da": "2025-01", "a": "2025-06"}


@pytest.fixture(scope="module")
def template(tmp_path_factory, demo_data):
    """A demo database file (seeds data, public statistics, demo accounts), copied for each test."""
    path = tmp_path_factory.mktemp("notes") / "template.db"
    demo_database(f"sqlite:///{path}", demo_data).dispose()
    return path


@pytest.fixture
def engine(template, tmp_path, monkeypatch):
    path = tmp_path / "notes.db"
    shutil.copy(template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return db.get_engine(url)


def open_as(engine, page: str, user: str, lang: str | None = None, **params):
    return open_app_page(engine, page, user, lang, **params)


def all_text(at) -> str:
    """Every text a user can read on the page: markdown, captions, notices, tables, and the charts' data."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success") for e in at.get(kind)]
    parts += [e.label for e in at.get("expander")]
    parts += [e.value.to_string() for e in at.dataframe]
    parts += [c.data.to_string() + str(c.spec) for c in charts(at).values()]
    return "\n".join(str(p) for p in parts)


def links(at) -> dict[str, str]:
    """The citation links under the figures of a page: figure (registry name or "tabella-N") -> link."""
    found = {}
    for caption in at.caption:
        for link in LINK.findall(caption.value):
            params = dict(parse_qsl(urlsplit(link).query))
            if citations.CITE in params:
                found[params[citations.FIGURE]] = link
    return found


def query(link: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(link).query))


# --- Notes on the charts --------------------------------------------------------------------------------------------
def test_a_note_is_drawn_on_every_trend_chart_of_its_territory(engine):
    annotations.add(engine, "demo.amministratore", Territory("provincia", SONDRIO), text=NOTE, month="2025-03")
    at = open_as(engine, "accoglienza", "demo.amministratore", **SONDRIO_VIEW)
    places = chart(at, "Posti e presenze, Sondrio")
    assert {"rule", "point", "text"} <= set(places.marks[-3:])  # the note's layer, over bars and line
    noted = places.data.dropna(subset=["text"])
    assert list(noted["text"]) == [NOTE] and list(noted["when"]) == ["marzo 2025"]
    assert list(noted["period_label"]) == ["mar 2025"] and list(noted["place"]) == ["Sondrio"]
    tooltip = next(layer["encoding"]["tooltip"] for layer in places.layers if layer["mark"]["type"] == "rule")
    assert [item["title"] for item in tooltip] == ["Nota n.", "Data", "Territorio", "Nota"]
    for key, label, title in (("tabs_accoglienza_time", "Posti liberi", "Posti liberi, Sondrio"),
                              ("tabs_accoglienza_breakdown", "Posti liberi", "Posti liberi per linea"),
                              ("tabs_accoglienza_time", "Strutture", "Strutture")):  # every trend chart of the page
        assert NOTE in chart(open_tab(at, key, label), title).data.to_string()
    shown = table(open_tab(at, "tabs_accoglienza_time", "Tabella"), "Note")
    assert list(shown["Note"]) == ["", "", f"1. marzo 2025, Sondrio: {NOTE}", "", "", ""]
    assert "Note sui grafici (1)" in [e.label for e in at.sidebar.expander]
    # a chart of Lombardy shows the notes of its provinces
    emersione = open_as(engine, "emersione", "demo.amministratore", regione="03", da="2025-01", a="2025-06")
    assert NOTE in chart(emersione, "Contatti e invii ai servizi, Lombardia").data.to_string()
    english = open_as(engine, "accoglienza", "demo.amministratore", lang="en", **SONDRIO_VIEW)
    assert list(chart(english, "Places and presences").data.dropna(subset=["text"])["when"]) == ["March 2025"]
    assert "Note" in [layer.get("encoding", {}).get("fill", {}).get("scale", {}).get("domain", [None])[0]
                      for layer in chart(english, "Places and presences").layers]


def test_a_chart_without_a_period_axis_is_left_as_it_is(engine):
    annotations.add(engine, "demo.amministratore", Territory("provincia", SONDRIO), text=NOTE, month="2025-06")
    at = open_as(engine, "emersione", "demo.amministratore", **SONDRIO_VIEW)
    funnel = chart(at, "Dal contatto alla presa in carico")
    assert NOTE not in funnel.data.to_string() and "rule" not in funnel.marks


@pytest.mark.parametrize(("user", "page"), [("demo.prefettura", "accoglienza"), ("demo.tavolo", "emersione"),
                                            ("demo.ospite", "accoglienza"), ("demo.referente", "note")])
def test_a_note_is_invisible_outside_its_scope(engine, user, page):
    annotations.add(engine, "demo.amministratore", Territory("provincia", SONDRIO), text=NOTE, month="2025-03")
    if user == "demo.referente":  # SAI-SONDRIO's steward sees Sondrio: the note is theirs to read
        assert NOTE in all_text(open_as(engine, page, user))
        return
    at = open_as(engine, page, user, da="2025-01", a="2025-06", provincia=SONDRIO, regione="03")
    assert NOTE not in all_text(at)
    assert NOTE not in all_text(open_as(engine, "note", user))


def test_the_slides_carry_the_notes_their_charts_draw(engine):
    from pptx import Presentation

    from presentation import exports

    annotations.add(engine, "demo.amministratore", Territory("provincia", SONDRIO), text=NOTE, month="2025-03")
    at = open_as(engine, "pacchetto", "demo.amministratore", **SONDRIO_VIEW)
    pack = at.session_state["last_pack"]
    places = pack.charts[0]
    assert places.annotations == [f"1. marzo 2025, Sondrio: {NOTE}"]
    from presentation.charts import to_spec

    spec, frames = to_spec(places.chart)  # the slide's picture is the screen's chart, with the note's mark
    assert [layer["mark"]["type"] for layer in spec["layer"]][-3:] == ["rule", "point", "text"]
    assert any(NOTE in frame.to_string() for frame in frames.values())
    deck = Presentation(io.BytesIO(exports.pack_pptx(pack)))
    slide = " ".join(s.text_frame.text for s in list(deck.slides)[1].shapes if s.has_text_frame)
    assert f"1. marzo 2025, Sondrio: {NOTE}" in slide
    assert f"Fig. 1 · Rif. {citations.spaced(places.citation.id)} · versione {places.citation.version}" in slide
    assert places.citation.link in slide


# --- The Note page ----------------------------------------------------------------------------------------------------
def note_form(at):
    text = next(w for w in at.text_area if w.label == "Testo della nota")
    save = next(b for b in at.button if b.label == "Salva la nota")
    return text, save


def stored(engine) -> list[str]:
    with engine.connect() as conn:
        return [row.text for row in conn.execute(Annotation.__table__.select())]


@pytest.mark.parametrize(("text", "message"), [
    ("", "Scrivere il testo della nota"),
    ("colloquio con RSSMRA85T10A562S", "sembra contenere un codice fiscale"),
    ("scrivere a operatrice@example.org", "sembra contenere un indirizzo email"),
    ("vedi **qui**", "un segno di formattazione"),
])
def test_the_note_form_refuses_bad_input_and_writes_nothing(engine, text, message):
    at = open_as(engine, "note", "demo.prefettura")
    area, save = note_form(at)
    area.input(text)
    save.click().run()
    assert message in " ".join(e.value for e in at.error)
    assert "RSSMRA" not in " ".join(e.value for e in at.error) and "@example" not in " ".join(e.value for e in at.error)
    assert stored(engine) == []


def test_a_prefecture_writes_edits_and_deletes_a_note_of_its_territory(engine):
    at = open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW)  # the filters the Note page starts from
    at.switch_page("views/note.py").run()
    territory = next(w for w in at.selectbox if w.label == "Territorio")
    assert territory.value == Territory("provincia", MILANO)
    assert territory.options == ["Milano", "Monza e della Brianza"]
    area, save = note_form(at)
    area.input("apertura nuovo CAS")
    save.click().run()
    assert not at.exception, at.exception
    assert "Nota salvata (Milano)" in " ".join(e.value for e in at.success)
    assert stored(engine) == ["apertura nuovo CAS"]
    edit = at.text_area(key="edit_text")
    assert edit.value == "apertura nuovo CAS"
    edit.input("apertura nuovo CAS a Rho")
    next(b for b in at.button if b.label == "Salva la modifica").click().run()
    assert stored(engine) == ["apertura nuovo CAS a Rho"]
    next(b for b in at.button if b.label == "Elimina").click().run()  # without the confirmation
    assert "spuntare prima la conferma" in " ".join(e.value for e in at.error)
    next(c for c in at.checkbox if c.label.startswith("Sì, eliminare")).check()
    next(b for b in at.button if b.label == "Elimina").click().run()
    assert "Nota eliminata" in " ".join(e.value for e in at.success)
    assert "Ancora nessuna nota" in " ".join(e.value for e in at.info)
    events = auth.audit_frame(engine, username="demo.prefettura")
    assert {"annotation_added", "annotation_edited", "annotation_deleted"} <= set(events["event"])


def test_the_note_form_speaks_english(engine):
    at = open_as(engine, "note", "demo.prefettura", lang="en")
    next(w for w in at.text_area if w.label == "Text of the note").input("write to operatrice@example.org")
    next(b for b in at.button if b.label == "Save the note").click().run()
    said = " ".join(e.value for e in at.error)
    assert "an email address" in said and "@example" not in said
    assert stored(engine) == []


@pytest.mark.parametrize(("text", "message"), [
    ("", "Scrivere il testo della nota"),
    ("rivedere con RSSMRA85T10A562S", "sembra contenere un codice fiscale"),
    ("chiamare il 333 1234567", "un numero di telefono"),
])
def test_the_edit_form_refuses_bad_input_and_keeps_the_note(engine, text, message):
    annotations.add(engine, "demo.prefettura", Territory("provincia", MILANO), text="apertura nuovo CAS",
                    month="2025-04")
    at = open_as(engine, "note", "demo.prefettura")
    at.text_area(key="edit_text").input(text)
    next(b for b in at.button if b.label == "Salva la modifica").click().run()
    said = " ".join(e.value for e in at.error)
    assert message in said and "RSSMRA" not in said and "1234567" not in said
    assert stored(engine) == ["apertura nuovo CAS"]
    note = annotations.notes_in_scope(auth.scope_for(engine, "demo.prefettura"), engine=engine)[0]
    assert note.revision == 1 and list(annotations.history(auth.scope_for(engine, "demo.prefettura"), note.id,
                                                           engine=engine)["revision"]) == [1]


@pytest.mark.parametrize("user", ["demo.tavolo", "demo.ospite", "demo.referente"])
def test_readers_get_no_form(engine, user):
    at = open_as(engine, "note", user)
    assert not [b for b in at.button if b.label == "Salva la nota"]
    assert "le scrivono gli amministratori e la prefettura" in " ".join(e.value for e in at.caption)
    with pytest.raises(annotations.AnnotationError, match="gli amministratori e la prefettura"):  # nor by hand
        annotations.add(engine, user, Territory("regione", "03"), text="nota", month="2025-04")
    assert stored(engine) == []


def test_the_note_page_in_english(engine):
    at = open_as(engine, "note", "demo.amministratore", lang="en")
    assert [x.value for x in at.title] == ["Notes on the charts"]
    assert "Save the note" in [b.label for b in at.button]


# --- Citable figures --------------------------------------------------------------------------------------------------
def published(at, title: str) -> pd.DataFrame:
    """The published values a chart draws (period, series, text shown), without the note layer."""
    data = chart(at, title).data
    return data[["period_key", "series", "label"]].dropna().reset_index(drop=True)


def test_every_chart_and_table_carries_its_citation(engine):
    at = open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW)
    first = links(at)  # the figures of the tabs open at first
    found = dict(first)
    for key, label in (("tabs_accoglienza_time", "Posti liberi"), ("tabs_accoglienza_time", "Tasso di occupazione"),
                       ("tabs_accoglienza_time", "Strutture"), ("tabs_saturation", "Territori"),
                       ("tabs_accoglienza_time", "Tabella"), ("tabs_accoglienza_time", "Posti e presenze")):
        found |= links(open_tab(at, key, label))  # a tab's figures are built when it is opened
        # a table is named by its place on the page, whichever tabs are open: the projects' table, always in sight,
        # is the fifth (after saturation's two tables and the tables of the two sections over time)
        assert "tabella-5" in links(at) and links(at)["tabella-5"] == first["tabella-5"]
    assert {"accoglienza.places", "accoglienza.free_places", "accoglienza.occupancy", "accoglienza.structures",
            "accoglienza.places_by", "tabella-1", "tabella-2", "tabella-3"} <= set(found)
    cited = query(found["accoglienza.places"])
    assert (cited["provincia"], cited["versione"], cited["figura"]) == (MILANO, "2", "accoglienza.places")
    assert "scelte" not in cited and query(found["accoglienza.places_by"])["scelte"] == "breakdown:line"
    assert re.fullmatch(r"[A-Z2-7]{8}", cited["cita"])
    caption = next(c.value for c in at.caption if found["accoglienza.places"] in c.value)
    assert caption.startswith(f"Rif. {citations.spaced(cited['cita'])} · versione 2 · [link permanente](")
    again = links(open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW))
    assert again == first  # the same view and version: the same identifiers
    other = links(open_as(engine, "accoglienza", "demo.prefettura", **{**MILANO_VIEW, "a": "2025-05"}))
    assert query(other["accoglienza.places"])["cita"] != cited["cita"]
    english = links(open_as(engine, "accoglienza", "demo.prefettura", lang="en", **MILANO_VIEW))
    assert english == first  # in any language


def test_a_citation_link_reopens_the_same_figures_for_another_allowed_user(engine):
    prefect = open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW)
    link = links(prefect)["accoglienza.places"]
    admin = open_as(engine, "accoglienza", "demo.amministratore", **query(link))
    assert not admin.error and not [w for w in admin.warning if w.icon != ":material/science:"]  # demo banner
    title = "Posti e presenze, Milano"
    pd.testing.assert_frame_equal(published(admin, title), published(prefect, title))
    marked = [c.value for c in admin.caption if c.value.startswith("**◆ Figura citata**")]
    assert len(marked) == 1 and query(LINK.findall(marked[0])[0])["cita"] == query(link)["cita"]
    assert links(admin) == links(prefect)  # the admin's page cites every figure as the prefect's did


def test_a_citation_link_keeps_its_figures_after_a_newer_version(engine, demo_data):
    prefect = open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW)
    link, title = links(prefect)["accoglienza.places"], "Posti e presenze, Milano"
    before = published(prefect, title)
    capacity = demo_data.frames["capacity"]
    changed = capacity[(capacity["project_code"] == "SAI-NOVATE") & (capacity["period"] == "2025-06")].copy()
    changed["places"] = changed["places"] * 3
    version = loading.load(engine, secret=TEST_SECRET, kind="demo", source="correzione di prova",
                           frames={"capacity": changed}, replace={"capacity": changed[["project_code", "period"]]})
    now = published(open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW), title)
    assert not now.equals(before)  # the current data changed
    reopened = open_as(engine, "accoglienza", "demo.prefettura", **query(link))  # not an administrator
    assert not reopened.error
    pd.testing.assert_frame_equal(published(reopened, title), before)
    assert "alla versione 2 del" in " ".join(e.value for e in reopened.info)
    assert version > 2


def test_a_citation_link_is_refused_without_that_scope(engine):
    link = links(open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW))["accoglienza.places"]
    for user in ("demo.tavolo", "demo.ospite"):
        at = open_as(engine, "accoglienza", user, **query(link))
        refused = " ".join(e.value for e in at.error)
        assert f"Il riferimento {citations.spaced(query(link)['cita'])} non si può aprire" in refused
        assert "«provincia» ignorato" in refused
        assert not charts(at) and not at.dataframe  # nothing of Milano, nothing else
    english = open_as(engine, "accoglienza", "demo.tavolo", lang="en", **query(link))
    assert "cannot be opened: it concerns data outside your scope" in " ".join(e.value for e in english.error)


@pytest.mark.parametrize("change", [{"cita": "AAAAAAAA"}, {"provincia": "108"}, {"versione": "1"},
                                    {"figura": "accoglienza.free_places"}, {"scelte": "breakdown"}])
def test_a_changed_link_is_said_so_and_opens_no_earlier_version(engine, change):
    link = links(open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW))["accoglienza.places"]
    at = open_as(engine, "accoglienza", "demo.prefettura", **{**query(link), **change})
    assert "non corrisponde a questa vista" in " ".join(e.value for e in at.warning)
    assert "alla versione" not in " ".join(e.value for e in at.info)


def test_a_cited_breakdown_reopens_with_its_choice(engine):
    at = open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW)
    at.radio(key="accoglienza_breakdown").set_value("target_group").run()
    link = links(at)["accoglienza.places_by"]
    assert query(link)["scelte"] == "breakdown:target_group"
    other = open_as(engine, "accoglienza", "demo.amministratore", **query(link))
    assert other.radio(key="accoglienza_breakdown").value == "target_group"
    title = "Posti per tipologia di ospiti"
    assert chart(other, title).data[["period_key", "label"]].equals(chart(at, title).data[["period_key", "label"]])


def test_a_filter_change_leaves_the_citation_behind(engine, demo_data):
    link = links(open_as(engine, "accoglienza", "demo.prefettura", **MILANO_VIEW))["accoglienza.places"]
    capacity = demo_data.frames["capacity"]
    changed = capacity[(capacity["project_code"] == "SAI-NOVATE") & (capacity["period"] == "2025-06")].copy()
    changed["places"] = changed["places"] * 3
    loading.load(engine, secret=TEST_SECRET, kind="demo", source="correzione di prova", frames={"capacity": changed},
                 replace={"capacity": changed[["project_code", "period"]]})
    at = open_as(engine, "accoglienza", "demo.prefettura", **query(link))
    assert at.query_params["cita"] == query(link)["cita"]  # a refresh reopens it
    at.selectbox(key="filtro_da").set_value("2025-02").run()
    assert not at.exception
    assert "cita" not in at.query_params and "versione" not in at.query_params
    assert not [w for w in at.warning if "versione" in w.value]  # no notice about a version the user never chose
    assert "alla versione" not in " ".join(e.value for e in at.info)


def test_the_pdf_carries_a_qr_code_of_each_slides_link(engine):
    import pypdf
    import zxingcpp

    from presentation import exports

    at = open_as(engine, "pacchetto", "demo.prefettura", **MILANO_VIEW)
    pack = at.session_state["last_pack"]
    reader = pypdf.PdfReader(io.BytesIO(exports.pack_pdf(pack)))

    def qr_codes(page) -> list[str]:  # QR codes only: a reader of every format once saw a bar code ("8516") in one
        return [code.text for image in page.images
                for code in zxingcpp.read_barcodes(image.image, formats=zxingcpp.BarcodeFormat.QRCode)]
    for number, item in enumerate(pack.charts, 1):
        page = reader.pages[number]
        assert f"Fig. {number} · Rif. {citations.spaced(item.citation.id)}" in " ".join(page.extract_text().split())
        decoded = qr_codes(page)
        assert decoded == [item.citation.link]
        assert query(item.citation.link)["figura"] == item.citation.figure
    summary = reader.pages[len(pack.charts) + 1]
    assert qr_codes(summary) == [pack.citation.link]
    # the slide's link reopens its chart on its own page with the pack's figures
    places = pack.charts[0].citation
    assert urlsplit(places.link).path == "/accoglienza"
    reopened = open_as(engine, "accoglienza", "demo.amministratore", **query(places.link))
    assert query(links(reopened)["accoglienza.places"])["cita"] == places.id


def test_a_bad_base_url_stops_the_app_naming_the_variable(engine, monkeypatch):
    monkeypatch.setenv("CRUSCOTTO_BASE_URL", "cruscotto.example.it")
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP, log_in

    at = AppTest.from_file(APP, default_timeout=60)
    log_in(at, engine, "demo.amministratore")
    at.run()
    said = " ".join(e.value for e in at.error)
    assert "CRUSCOTTO_BASE_URL non è un indirizzo valido («cruscotto.example.it»)" in said
    assert not at.title


@pytest.mark.parametrize(("unit", "end", "month"), [("trimestre", "2025-T2", "2025-06"), ("anno", "2024", "2024-12"),
                                                    ("mese", "2025-03", "2025-03"), ("mese", "2025-T2", None)])
def test_the_note_form_starts_at_the_last_month_of_the_period_chosen(engine, unit, end, month):
    """A quarter or a year chosen on a page (the address carried to the Note page) opens the form on its last month;
    an address with a period that is not one opens it on the last month with data, never an error."""
    at = open_as(engine, "accoglienza", "demo.prefettura", unita=unit, a=end)
    at.query_params.clear()
    at.switch_page("views/note.py").run()
    assert not at.exception, [e.message for e in at.exception]
    shown = at.date_input(key="new_date").value
    if month is not None:
        assert f"{shown.year}-{shown.month:02d}" == month
