"""The public statistics on the pages (issue 18), through Streamlit's AppTest: Panoramica's national context, the
map's public measure, Accoglienza's context section, the meeting pack's optional slide and the Metodologia rule,
for several roles and in both languages; and the pages on a database without the public data."""

from __future__ import annotations

import io
import json

import pytest

from config.labels import t
from tests.conftest import APP, TEST_SECRET, log_in
from tests.views.test_pages_analytics import open_tab

SOURCE = "Fonte: Liberiamoli tutti! (https://datibenecomune.substack.com/), su dati del Ministero dell'Interno"
SOURCE_EN = "Source: Liberiamoli tutti! (https://datibenecomune.substack.com/), from data of the Italian Ministry"


def metrics(at) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def chart_titles(at) -> list[str]:
    titles = []
    for element in at.get("vega_lite_chart"):
        title = json.loads(element.proto.spec).get("title", {})
        titles.append(title.get("text") if isinstance(title, dict) else title)
    return titles


# --- Panoramica --------------------------------------------------------------------------------------------------
def test_panoramica_national_context_for_a_prefecture(open_page):
    at = open_page("panoramica", user="demo.prefettura")
    shown = metrics(at)
    assert shown["Lombardia"] == ("17.697", "-2,8% in 12 mesi")  # 15/09/2025 against 15/09/2024
    assert shown["Italia"] == ("142.740", "+3,4% in 12 mesi")
    assert {"Posti", "Presenze", "Contatti"} <= set(shown)  # the project figures stay
    assert "Contesto nazionale" in [s.value for s in at.subheader]
    assert any("**15/09/2025**" in m.value for m in at.markdown)
    text = captions(at)
    assert "Centri 14.359 · SAI 3.338" in text and "Centri 101.778 · SAI 39.182 · Hotspot 1.780" in text
    assert "Variazione rispetto al 15/09/2024 (dodici mesi prima)." in text
    assert SOURCE in text and "Dati modificati" in text and "Licenza CC BY 4.0. Dati al 15/09/2025." in text
    assert "Dati pubblici: statistiche ufficiali" in text
    assert "Persone sbarcate in Italia per mese, da ottobre 2023 a settembre 2025" in chart_titles(at)


def test_panoramica_for_the_guest_and_in_english(open_page):
    at = open_page("panoramica", user="demo.ospite")
    assert {"Italia"} <= set(metrics(at)) and "Lombardia" not in metrics(at)  # national totals
    at = open_page("panoramica", user="demo.ospite", regione="19")
    assert metrics(at)["Sicilia"][0] and metrics(at)["Italia"][0] == "142.740"  # and the region chosen
    at = open_page("panoramica", lang="en", user="demo.prefettura")
    shown = metrics(at)
    assert shown["Italy"] == ("142,740", "+3.4% in 12 months") and shown["Lombardia"][0] == "17,697"
    assert "National context" in [s.value for s in at.subheader]
    assert SOURCE_EN in captions(at) and "Data as of 15/09/2025." in captions(at)
    assert "People landed in Italy by month, October 2023 to September 2025" in chart_titles(at)


def test_panoramica_twelve_months_after_a_gap_says_so(open_page):
    at = open_page("panoramica", a="2025-03")  # 31/03/2025: the source has no 31/03/2024
    assert metrics(at)["Italia"][1] is None or metrics(at)["Italia"][1] == ""
    assert "Variazione in dodici mesi non calcolabile: la fonte non ha dati al 31/03/2024." in captions(at)


# --- Accoglienza --------------------------------------------------------------------------------------------------
def test_accoglienza_context_section(open_page):
    at = open_page("accoglienza", user="demo.prefettura", unita="mese", da="2024-01", a="2024-12")
    titles = chart_titles(at)
    assert "Persone accolte, Lombardia (regione di Milano, Monza e della Brianza), da gennaio 2024 a dicembre 2024" \
        in titles
    open_tab(at, "tabs_accoglienza_public", "Quota dei progetti")  # the section's tabs: only the open one is built
    assert any(title.startswith("Presenze dei progetti SAI e CAS sul totale dell'accoglienza in Lombardia, Milano")
               for title in chart_titles(at))
    text = captions(at)
    assert "Date senza dati nella fonte, lasciate vuote: 31/03/2024." in text and SOURCE in text
    assert "È un rapporto, mai una somma dei due dati." in text
    open_tab(at, "tabs_accoglienza_public", "Tabella")
    table = next(d.value for d in at.dataframe if "Dato pubblico al" in d.value.columns)
    assert table["Dato pubblico al"].tolist()[2] == "15/03/2024"  # March: its 31st is a gap of the source
    assert table["Accoglienza (dato pubblico)"].tolist()[7] == "18.063"  # August 2024, Lombardia


def test_accoglienza_notes_a_corrected_value_and_a_programme_without_public_figure(open_page):
    at = open_page("accoglienza", regione="02", unita="mese", da="2022-01", a="2022-03")
    assert "Valori corretti in questa vista: Valle d'Aosta/Vallée d'Aoste al 28/02/2022 (valore corretto: nella " \
           "fonte le colonne sono spostate" in captions(at)
    at = open_page("accoglienza", programma="ANTITRATTA", unita="anno", da="2024", a="2024")
    assert any("non c'è un dato pubblico confrontabile" in i.value for i in at.info)


# --- The map -----------------------------------------------------------------------------------------------------
def test_the_map_of_public_presences_is_by_region(open_page):
    at = open_page("mappa", misura="public_presences", livello="provincia", a="2024-08")
    level = next(r for r in at.radio if r.label == "Livello")
    assert level.value == "regione" and level.disabled
    titles = chart_titles(at)
    assert "Accolti (dato pubblico) per regione: Italia, 31/08/2024" in titles
    assert SOURCE in captions(at) and "Fonte: dati aggregati dei progetti" not in captions(at)
    values = next(d.value for d in at.dataframe if "Residenti" in d.value.columns)
    assert len(values) == 20 and values.set_index("Territorio").loc["Lombardia"].iloc[1] == "18.063"
    at = open_page("mappa", lang="en", misura="public_presences", modo="per_100k", a="2024-08")
    assert "In reception (public data) per 100,000 residents by region: Italy, 31/08/2024" in \
        chart_titles(at)


# --- The meeting pack ----------------------------------------------------------------------------------------------
def test_the_pack_offers_the_national_context_as_an_optional_slide(open_page):
    from pptx import Presentation

    from presentation import exports

    at = open_page("pacchetto", user="demo.prefettura", unita="trimestre", da="2024-T1", a="2024-T4")
    assert "contesto" not in at.multiselect[0].value
    assert not any("Ministero" in line for line in at.session_state["last_pack"].methodology)
    at = at.multiselect[0].set_value(["posti", "contesto"]).run()
    pack = at.session_state["last_pack"]
    slide = pack.charts[1]
    assert slide.title == "Persone accolte, Lombardia (regione di Milano, Monza e della Brianza), dal 1° " \
                          "trimestre 2024 al 4° trimestre 2024"
    assert slide.caption == ("Le persone nel sistema di accoglienza in Lombardia sono aumentate dell'1% in dodici "
                             "mesi: 18.234 al 31/12/2024, 18.003 al 31/12/2023")
    assert slide.note.startswith(SOURCE) and pack.charts[0].note != slide.note
    assert any("Liberiamoli tutti!" in line for line in pack.methodology)
    deck = Presentation(io.BytesIO(exports.pack_pptx(pack)))
    texts = [shape.text_frame.text for shape in list(deck.slides)[2].shapes if shape.has_text_frame]
    assert any(text.startswith(SOURCE) for text in texts), texts


# --- The versions on the import page -------------------------------------------------------------------------------
def test_the_import_page_lists_the_public_version(open_page):
    at = open_page("importa")
    versions = next(d.value for d in at.dataframe if "dati pubblici (Ministero dell'Interno)" in d.value.to_string())
    assert len(versions) == 2  # the demo data and the public data


# --- Metodologia ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "title", "words"), [
    ("it", "Dati pubblici del Ministero dell'Interno: mostrati come pubblicati",
     ["**Mostrati come pubblicati**", "Valle d'Aosta al 28/02/2022", "non si sommano mai", "CC BY 4.0"]),
    ("en", "Public data of the Ministry of the Interior: shown as published",
     ["**Shown as published**", "Valle d'Aosta on 28/02/2022", "never added together", "CC BY 4.0"]),
])
def test_metodologia_states_the_rule(open_page, lang, title, words):
    at = open_page("metodologia", lang=lang, user="demo.ospite")
    assert title in [s.value for s in at.subheader]
    body = next(m.value for m in at.markdown if "SIPROIMI" in m.value)
    assert all(w in body for w in words), body[:300]


# --- A database without the public data (an older one, before `init-db` loaded them) -----------------------------
@pytest.fixture(scope="module")
def without_public(tmp_path_factory, demo_data):
    from data_access import db, loading, reference

    url = f"sqlite:///{tmp_path_factory.mktemp('senza') / 'senza.db'}"
    engine = db.get_engine(url)
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    loading.load(engine, secret=TEST_SECRET, kind="demo", source="demo:seeds:seed=42", frames=demo_data.frames,
                 projects=demo_data.projects)
    return engine


@pytest.mark.parametrize("page", ["panoramica", "accoglienza", "mappa"])
def test_pages_without_the_public_data_say_how_to_load_them(without_public, monkeypatch, page):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DATABASE_URL", without_public.url.render_as_string(hide_password=False))
    at = AppTest.from_file(APP, default_timeout=60)
    log_in(at, without_public, "demo.amministratore")
    at.run()
    if page == "mappa":
        at.query_params["misura"] = "public_presences"
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, at.exception
    if page == "mappa":
        assert t("chart.no_data") in json.dumps([json.loads(e.proto.spec) for e in at.get("vega_lite_chart")],
                                                ensure_ascii=False)
    else:
        assert t("reference.not_loaded") in [i.value for i in at.info]
    assert "Posti" in [m.label for m in at.metric] or page == "mappa"  # the project figures as before
