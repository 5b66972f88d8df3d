"""The charts and words of the public statistics (issue 18): report dates on a time axis with the source's gaps as
breaks, landings by month with a partial month marked, the attribution line, and the pack's caption over twelve
months. Assertions on the Vega-Lite spec (validated against the schema)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from config import theme
from data_access.sql import Published
from presentation import charts, registry
from presentation.registry import ChartWords

WORDS = ChartWords("it", "mese", "Sondrio", "da gennaio 2024 a giugno 2024", "giugno 2024")


@pytest.fixture(autouse=True)
def _theme():
    theme.enable()


def rows(spec: dict) -> list[dict]:
    return [row for values in spec.get("datasets", {}).values() for row in values]


def series(attrs: dict | None = None) -> pd.DataFrame:
    """Four report dates, the third missing in the source; the second corrected on load."""
    frame = pd.DataFrame({
        "report_date": [dt.date(2024, 3, 15), dt.date(2024, 3, 31), dt.date(2024, 4, 15), dt.date(2024, 4, 30)],
        "hotspot": pd.array([0, 0, None, 0], dtype="Int64"), "centres": pd.array([100, 110, None, 120], dtype="Int64"),
        "sai": pd.array([10, 11, None, 12], dtype="Int64"), "total": pd.array([110, 121, None, 132], dtype="Int64"),
        "missing": [False, False, True, False], "correction": [None, "colonne_spostate", None, None]})
    frame.attrs.update({"regions": ("03",), "region_names": ["Lombardia"], "last_date": dt.date(2025, 9, 15),
                        **(attrs or {})})
    return frame


def test_a_gap_breaks_the_lines_and_is_marked():
    chart = registry.PUBLIC_PRESENCES.draw(Published(series(), 2, 5), "Titolo", WORDS, {})
    spec = chart.to_dict()  # validates
    data = rows(spec)
    line, gap = spec["layer"]
    assert line["encoding"]["detail"]["field"] == "segment"
    segments = {(r["date"], r["series_label"]): r["segment"] for r in data}
    assert segments[("2024-03-31", "Totale")] != segments[("2024-04-30", "Totale")]  # never joined across the gap
    assert all(r["value"] is None for r in data if r["missing"])  # a gap holds no value, not 0
    assert "datum.missing" in str(gap["transform"]) and gap["mark"]["type"] == "rule"
    assert gap["encoding"]["stroke"]["scale"]["domain"] == ["Data senza dati nella fonte"]
    labels = {r["series_label"] for r in data}
    assert labels == {"Totale", "Centri di accoglienza (CAS e altri)", "SAI (SIPROIMI fino al 2020)"}  # no hotspots
    corrected = [r for r in data if r["date"] == "2024-03-31"]
    assert all(r["note"].startswith("valore corretto: nella fonte le colonne sono spostate") for r in corrected)
    assert spec["title"]["subtitle"] == "Dati pubblici del Ministero dell'Interno, come pubblicati; dati al 15/09/2025"


def test_no_gap_no_rule_and_hotspots_where_there_are_any():
    frame = series().iloc[[0, 1, 3]].reset_index(drop=True).assign(hotspot=pd.array([5, 0, 0], dtype="Int64"))
    frame.attrs.update(series().attrs)
    spec = registry.PUBLIC_PRESENCES.draw(Published(frame, 2, 5), "Titolo", WORDS, {}).to_dict()
    assert len(spec["layer"]) == 1  # the lines only: no gap to mark
    assert "Hotspot" in {r["series_label"] for r in rows(spec)}


def test_landings_by_month_mark_a_partial_month_and_leave_a_missing_one_out():
    frame = pd.DataFrame({"period_key": ["2025-07", "2025-08", "2025-09"],
                          "landed": pd.array([6485, None, 5536], dtype="Int64"), "days": [31, 0, 15],
                          "month_days": [31, 31, 30], "partial": [False, False, True]})
    frame.attrs.update(last_day=dt.date(2025, 9, 15))
    chart = registry.LANDINGS.chart(Published(frame, 2, 5), WORDS)
    spec = chart.to_dict()
    assert spec["title"]["text"] == "Persone sbarcate in Italia per mese, da luglio 2025 a settembre 2025"
    data = {r["period_key"]: r for r in rows(spec)}
    assert data["2025-09"]["kind"] == "Mese parziale (dati fino al 15/09/2025)" and data["2025-07"]["kind"] == \
        "Mese intero"
    assert data["2025-08"]["value"] is None and data["2025-08"]["label"] == "n.d."  # missing, not 0
    assert spec["encoding"]["color"]["legend"] is not None
    whole = frame.iloc[:1]
    whole.attrs.update(frame.attrs)
    assert registry.LANDINGS.chart(Published(whole, 2, 5), WORDS).to_dict()["encoding"]["color"]["legend"] is None


def test_titles_name_the_area_and_the_page_territory():
    result = Published(series(), 2, 5)
    assert registry.PUBLIC_PRESENCES.title_text(result, WORDS) == \
        "Persone accolte, Lombardia (regione di Sondrio), da gennaio 2024 a giugno 2024"
    regional = ChartWords("en", "mese", "Lombardia", "January 2024 to June 2024", "June 2024")
    assert registry.PUBLIC_PRESENCES.title_text(result, regional) == \
        "People in reception, Lombardia, January 2024 to June 2024"
    italy = series({"regions": None, "region_names": []})
    assert registry.PUBLIC_PRESENCES.title_text(Published(italy, 2, 5), WORDS).startswith(
        "Persone accolte, Italia (regione di Sondrio)")


def test_the_attribution_line():
    assert registry.public_source(Published(series(), 2, 5), "it") == (
        "Fonte: Liberiamoli tutti! (https://datibenecomune.substack.com/), su dati del Ministero dell'Interno "
        "(Cruscotto statistico giornaliero). Dati modificati: difetti della fonte corretti e totali nazionali "
        "calcolati dalle regioni (vedi Metodologia). Licenza CC BY 4.0. Dati al 15/09/2025.")


@pytest.mark.parametrize(("latest", "before", "region", "expected"), [
    (18_234, 18_003, ("03",), "Le persone nel sistema di accoglienza in Lombardia sono aumentate dell'1% in dodici "
                              "mesi: 18.234 al 31/12/2024, 18.003 al 31/12/2023"),
    (100, 125, ("12",), "Le persone nel sistema di accoglienza nel Lazio sono diminuite del 20% in dodici mesi: 100 "
                        "al 31/12/2024, 125 al 31/12/2023"),
    (1000, 1001, None, "Le persone nel sistema di accoglienza in Italia sono rimaste quasi invariate in dodici mesi: "
                       "1.000 al 31/12/2024, 1.001 al 31/12/2023"),
    (1000, None, None, "Le persone nel sistema di accoglienza in Italia: variazione in dodici mesi non calcolabile "
                       "(nessun dato al 31/12/2023)"),
])
def test_the_caption_over_twelve_months(latest, before, region, expected):
    names = {"03": "Lombardia", "12": "Lazio"}
    frame = series({"regions": region, "region_names": [names[c] for c in region or ()],
                    "latest_date": dt.date(2024, 12, 31), "latest_total": latest,
                    "before_date": dt.date(2023, 12, 31), "before_total": before})
    assert registry.PUBLIC_PRESENCES.caption.text(frame, WORDS) == expected
    assert charts.title_of(registry.PUBLIC_PRESENCES.chart(Published(frame, 2, 5), WORDS)).startswith(
        "Persone accolte, ")
