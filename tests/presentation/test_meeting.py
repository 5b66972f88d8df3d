"""Issue 19, ready for the meeting: on the seeds demo data (known places, published presences), what a tavolo member
and a prefecture official preparing a meeting notice: the saturation view's order and levels, the programme chart's
panels each on their own scale, the months without a meeting as 0, the pack's captions over the whole range (SAI
Besozzo's cut from 36 to 13 places in January 2021), no empty slide and the slides left out named."""

from __future__ import annotations

import json

import pytest

from config import theme
from data_access import analytics
from data_access.scope import Filters, Scope
from presentation import charts, registry
from presentation.registry import PACK, ChartWords

EVERYTHING = Scope.everything()
MARCH_2025 = Filters(unit="mese", start="2025-03", end="2025-03")
WORDS = ChartWords("it", "mese", "Italia", "marzo 2025", "marzo 2025", "2025-03")


def texts_of(spec: dict) -> str:
    return json.dumps(spec, ensure_ascii=False, default=str)


# --- The saturation view ---------------------------------------------------------------------------------------------
def test_the_saturation_view_lists_the_full_projects_first(seeded_engine):
    """March 2025: SAI Novate Milanese (16 places) and SAI Sondrio (47 places in 11 structures) publish presences
    above their places within the noise ("pieno*", 100%: ties by territory), then the CAS of Varese at 96,5%; nearly
    full: the CAS of Milano and SAI Besozzo (13 places, 3 structures); the others below 90%, the unknown last."""
    result = registry.SATURATION.query(EVERYTHING, MARCH_2025, engine=seeded_engine)
    frame = result["projects"].frame
    full = frame[frame["level"] == "full"]
    assert [(row.territory_name, row.project_name[:12], row.places) for row in full.itertuples()] == [
        ("Milano", "SAI Novate M", 16), ("Sondrio", "SAI Provinci", 47), ("Varese", "CAS - Centri", 1234)]
    assert list(full["occupancy_mark"]) == ["noise", "noise", None]
    near = frame[frame["level"] == "near"]
    assert [(row.territory_name, row.project_name[:12]) for row in near.itertuples()] == [
        ("Milano", "CAS - Centri"), ("Varese", "SAI Besozzo ")]
    assert frame.attrs["full"] == 3 and frame.attrs["near"] == 2 and frame.attrs["snapshot_month"] == "2025-03"
    known = frame["occupancy_rate"].dropna()
    assert known.is_monotonic_decreasing and frame["occupancy_rate"].isna().iloc[-1]  # fullest first, n.d. last
    assert (known[frame["level"].isna()] < 0.90).all()
    sondrio = frame[frame["territory_name"] == "Sondrio"].iloc[0]
    assert (sondrio["structures"], sondrio["free_places"]) == (11, 0)
    # the chart: one bar per project in the frame's order, the level in words (not colour alone), "pieno*"
    theme.enable()
    spec = registry.SATURATION.chart(result, WORDS).to_dict()
    data = next(iter(spec["datasets"].values()))
    assert [d["category_label"] for d in data][:3] == [
        registry.saturation_labels(frame, "it")[i] for i in range(3)]
    assert [d["level_word"] for d in data][:5] == ["saturo (95% o più)"] * 3 + ["quasi saturo (90-95%)"] * 2
    assert [d["label"] for d in data][:3] == ["pieno*", "pieno*", "96,5%"]
    caption = registry.SATURATION.caption_text(result, WORDS)
    assert caption.startswith("In Italia, marzo 2025: al 95% o più: 3 (SAI Novate Milanese pieno*, SAI Provincia di "
                              "Sondrio (con accorpamento del SAI di Tirano) pieno*, CAS - Centri di accoglienza "
                              "straordinaria della Prefettura di Varese 96,5%); tra il 90% e il 95%: 2 ("), caption


# --- The programme chart: each line on its own scale -----------------------------------------------------------------
def test_the_programme_chart_draws_each_line_on_its_own_scale(seeded_engine):
    """Places by reception line, Lombardia 2024: CAS in thousands, SAI and the anti-trafficking shelters in tens.
    Small multiples: one panel per line with its own data and its own value axis (Vega-Lite's concat keeps each
    panel's y scale unless told to share it; nothing shares it, no fixed domain), so the SAI line is not flattened
    to the floor by the CAS one; the subtitle says each panel has its own scale."""
    filters = Filters(unit="mese", start="2024-01", end="2024-12", region="03")
    result = registry.PLACES_BY.query(EVERYTHING, filters, engine=seeded_engine)
    spec = registry.PLACES_BY.chart(result, WORDS, breakdown="line").to_dict()
    assert "y" not in spec["resolve"]["scale"] and "layer" not in spec
    assert "Ogni riquadro ha la sua scala" in texts_of(spec["title"])
    tops = {}
    for panel in spec["concat"]:
        for layer in panel["layer"]:
            y = layer["encoding"].get("y", {})
            assert "domain" not in y.get("scale", {}), panel["title"]
        rows = spec["datasets"][panel["data"]["name"]]
        tops[panel["title"]["text"]] = max(row["value"] for row in rows if isinstance(row.get("value"), int | float))
    assert list(tops) == ["SAI ordinari", "CAS", "Case protette anti-tratta"]
    # SAI: Sondrio 47 + Novate 16 + Cinisello 15 + Besozzo 13 = 91 places, against thousands of CAS places
    assert tops["SAI ordinari"] == 91 and tops["CAS"] > 4000 and tops["Case protette anti-tratta"] < 50, tops


# --- The meetings chart's zero months -----------------------------------------------------------------------------
def test_the_meetings_chart_shows_the_months_without_a_meeting(seeded_engine):
    """Avellino 2024: the tavolo met in February, April, June, September, October and December; every month of the
    year is a bar position, the others at 0 (not skipped), for each body."""
    filters = Filters(unit="mese", start="2024-01", end="2024-12", province="064")
    frame = analytics.rete_meetings(EVERYTHING, filters, engine=seeded_engine).frame
    tavolo = frame[frame["body"] == "tavolo"].set_index("period_key")["meetings"]
    assert list(tavolo.index) == [f"2024-{m:02d}" for m in range(1, 13)]
    assert [m for m, n in tavolo.items() if n > 0] == ["2024-02", "2024-04", "2024-06", "2024-09", "2024-10",
                                                       "2024-12"]
    assert tavolo["2024-01"] == 0 and tavolo["2024-08"] == 0
    words = ChartWords("it", "mese", "Avellino", "da gennaio 2024 a dicembre 2024", "dicembre 2024", "2024-12")
    spec = registry.MEETINGS.chart(registry.MEETINGS.query(EVERYTHING, filters, engine=seeded_engine), words).to_dict()
    rows = [row for data in spec["datasets"].values() for row in data if row.get("series") == "tavolo"
            or row.get("body") == "tavolo"]
    months = {row["period_key"]: row["value"] for row in rows if "period_key" in row}
    assert len(months) == 12 and months["2024-01"] == 0 and months["2024-02"] == 1, months


# --- The pack: captions over the whole range, no empty slide ---------------------------------------------------------
def test_the_pack_tells_besozzo_cut_with_its_figures(open_page):
    """SAI Besozzo, January 2019 to December 2025: the caption of places names the cut from 36 to 13 places in
    January 2021 (its one change, the whole story), the presences from first to last; the summary names its periods
    and has the occupancy and the structures; the file names the territory and the period."""
    at = open_page("pacchetto", provincia="012", progetto="SAI-BESOZZO", unita="mese", da="2019-01", a="2025-12")
    pack = at.session_state["last_pack"]
    places = next(c for c in pack.charts if c.title.startswith("Posti e presenze"))
    assert places.caption.startswith("A Varese, progetto SAI Besozzo (con il Comune di Comerio), da gennaio 2019 a "
                                     "dicembre 2025: posti da 36 a 13 da gennaio 2021; presenze da "), places.caption
    summary = pack.summary.set_index("Misura")
    assert list(summary.columns) == ["Gennaio 2019", "Novembre 2025", "Dicembre 2025"]
    assert summary.loc["Posti"].tolist() == ["36", "13", "13"] and summary.loc["Strutture"].tolist() == ["3"] * 3
    assert "Tasso di occupazione" in summary.index
    assert pack.file_name("pdf").startswith("pacchetto-riunione-varese-progetto-sai-besozzo-")
    assert pack.file_name("pdf").endswith("-2019-01_2025-12-v1.pdf")
    for chart in pack.charts:  # titles once: on the slide, not again in the chart's picture the files draw
        if chart.chart is not None:
            assert chart.title in texts_of(chart.chart.to_dict()["title"])  # the screen's chart, with its title
            assert chart.title not in texts_of(charts.without_title(chart.chart).to_dict()["title"]), chart.title


def test_the_captions_and_the_summary_are_written_once_per_question_for_every_session(open_page, monkeypatch):
    """Issue 20: the pack page's captions and summary are written once per question; a second session asking the same
    gets the same slides and summary without writing them again; another period writes them anew."""
    from presentation import meeting_pack, view_cache

    view_cache.clear()  # another test may have asked the same
    calls = {"caption": 0, "summary": 0}
    value = meeting_pack.period_value

    def counted_value(*args, **kwargs):
        calls["summary"] += 1
        return value(*args, **kwargs)
    monkeypatch.setattr(meeting_pack, "period_value", counted_value)
    for kind in {type(entry.entry.caption) for entry in PACK.values() if hasattr(entry, "entry")}:  # caption rules

        def counted_text(self, *args, _original=kind.text, **kwargs):
            calls["caption"] += 1
            return _original(self, *args, **kwargs)
        monkeypatch.setattr(kind, "text", counted_text)

    def shown(at):
        pack = at.session_state["last_pack"]
        return [(item.title, item.caption) for item in pack.charts], pack.summary.to_dict()

    params = {"provincia": "015", "unita": "trimestre", "da": "2024-T1", "a": "2024-T4"}
    first = shown(open_page("pacchetto", **params))
    written = dict(calls)
    assert written["caption"] >= 6 and written["summary"] >= 8, written
    assert shown(open_page("pacchetto", **params)) == first and calls == written
    shown(open_page("pacchetto", **{**params, "a": "2024-T3"}))
    assert calls["caption"] > written["caption"] and calls["summary"] > written["summary"]


def test_the_page_lists_the_slides_and_the_file_draws_them(open_page):
    """The pack page shows each slide's title and caption and draws no chart (a run of the page pays for no chart);
    the PowerPoint draws every chart slide, as a picture, and the "<k" note where a chart shows one."""
    import io

    from pptx import Presentation

    from presentation import exports

    at = open_page("pacchetto", provincia="015", unita="trimestre", da="2024-T1", a="2024-T4")
    pack = at.session_state["last_pack"]
    from config.labels import t

    def page_says_small(at) -> tuple[bool, bool]:
        """Whether the page shows a "<5" (captions, summary), and whether it explains it."""
        pack = at.session_state["last_pack"]
        shown = [item.caption for item in pack.charts] + [str(v) for v in pack.summary.to_numpy().ravel()]
        return any("<5" in text for text in shown), t("app.small_note", "it", k=5) in [c.value for c in at.caption]

    assert page_says_small(at) == (False, False)  # Milano: no "<5" on the page (its charts have some: below)
    padova = open_page("pacchetto", provincia="028", programma="ANTITRATTA", da="2025-01", a="2025-12")
    assert page_says_small(padova) == (True, True)
    waiting = [item for item in pack.charts if item.__dict__.get("draw") is not None]
    assert len(waiting) == len(pack.charts) >= 6  # Milano: every slide a chart, none drawn yet
    deck = Presentation(io.BytesIO(exports.pack_pptx(pack)))
    pictures = [shape for slide in list(deck.slides)[1:-2] for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == len(pack.charts)
    assert all(item.__dict__["draw"] is None and item.chart is not None for item in pack.charts)
    note = exports.small_value_note(5, "it")
    footers = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame].count(note)
               for slide in list(deck.slides)[1:-2]]
    assert any(exports.pack.shows_small(item) for item in pack.charts)  # Milano's 2024 has values "<5"
    assert footers == [1] * len(pack.charts)  # the note on every chart slide (none has a note of its own)


def test_no_empty_slide_for_avellino(open_page):
    """Avellino's tavolo member (no reception data): the pack proposes only slides with data (the map of contacts,
    not of places), none says "Nessun dato"; a slide chosen without data is left out and named on the page."""
    at = open_page("pacchetto", user="demo.tavolo")
    assert at.multiselect[0].value == ["mappa", "contatti", "percorso", "servizi", "riunioni", "ritardi"]
    pack = at.session_state["last_pack"]
    assert pack.charts[0].title.startswith("Contatti per provincia: Avellino")
    for chart in pack.charts:
        assert chart.chart is None or "Nessun dato" not in texts_of(chart.chart.to_dict()), chart.title
    at = at.multiselect[0].set_value(["posti", "contatti", "liberi"]).run()
    pack = at.session_state["last_pack"]
    assert [c.title.split(",")[0] for c in pack.charts] == ["Contatti e invii ai servizi"]
    assert pack.left_out == ["Posti e presenze nel tempo", "Posti liberi nel tempo"]
    assert any("Lasciate fuori dal pacchetto perché senza dati" in i.value and "Posti liberi" in i.value
               for i in at.info)


@pytest.mark.parametrize("choice", [c for c in PACK if c != "contesto"])
def test_a_slide_without_data_is_none(seeded_engine, choice):
    """Torino, 2025 (no project, no tavolo in the demo): a slide of nothing is None (left out), never drawn."""
    filters = Filters(unit="mese", start="2025-01", end="2025-03", province="001")
    words = ChartWords("it", "mese", "Torino", "da gennaio 2025 a marzo 2025", "marzo 2025", "2025-03")
    assert PACK[choice].make(EVERYTHING, filters, words, note="nota", engine=seeded_engine) is None, choice

