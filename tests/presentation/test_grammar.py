"""The Italian grammar of the sentences written from data (presentation/grammar.py), on a table of territory names
as ISTAT writes them, of periods and of numbers."""

from __future__ import annotations

import pytest

from presentation import grammar

PLACES = [  # (territory as the dashboard names it, where)
    ("Sondrio", "a Sondrio"),
    ("Avellino", "ad Avellino"),
    ("Ancona", "ad Ancona"),
    ("Ascoli Piceno", "ad Ascoli Piceno"),
    ("Enna", "a Enna"),
    ("L'Aquila", "all'Aquila"),
    ("La Spezia", "alla Spezia"),
    ("Monza e della Brianza", "a Monza e della Brianza"),
    ("Reggio nell'Emilia", "a Reggio nell'Emilia"),
    ("Bolzano/Bozen", "a Bolzano/Bozen"),
    ("Sud Sardegna", "nel Sud Sardegna"),
    ("Verbano-Cusio-Ossola", "nel Verbano-Cusio-Ossola"),
    ("Valle d'Aosta/Vallée d'Aoste", "in Valle d'Aosta/Vallée d'Aoste"),
    ("Lombardia", "in Lombardia"),
    ("Campania", "in Campania"),
    ("Emilia-Romagna", "in Emilia-Romagna"),
    ("Trentino-Alto Adige/Südtirol", "in Trentino-Alto Adige/Südtirol"),
    ("Lazio", "nel Lazio"),
    ("Marche", "nelle Marche"),
    ("Italia", "in Italia"),
    ("Italia (totali nazionali e regionali)", "in Italia (totali nazionali e regionali)"),
    ("Milano, Monza e della Brianza", "a Milano, Monza e della Brianza"),
    ("12 province", "nelle 12 province"),
    ("Progetti SAI-SONDRIO (Sondrio)", "nei Progetti SAI-SONDRIO (Sondrio)"),
    ("Varese, progetto SAI Besozzo", "a Varese, progetto SAI Besozzo"),
]


@pytest.mark.parametrize(("place", "where"), PLACES)
def test_where_a_territory_is(place, where):
    assert grammar.in_place(place) == where


def test_every_istat_name_gets_a_preposition(seeded_engine):
    """Every province and region of the reference data: a preposition that reads, never "a A..." or "a L'"."""
    from sqlalchemy import select

    from data_access.models import Province, Region

    with seeded_engine.connect() as conn:
        provinces = list(conn.execute(select(Province.name)).scalars())
        regions = list(conn.execute(select(Region.name)).scalars())
    assert (len(provinces), len(regions)) == (107, 20)
    joined = {"L'Aquila": "all'Aquila", "La Spezia": "alla Spezia"}
    for name in provinces:
        where = grammar.in_place(name)
        assert where == joined.get(name) or where in {f"{p} {name}" for p in ("a", "ad", "in", "nel")}, where
        assert where.startswith("ad ") == name.startswith("A"), where
    for name in regions:
        assert grammar.in_place(name) in {f"{p} {name}" for p in ("in", "nel", "nelle")}


def test_english_places_take_in():
    assert grammar.in_place("Avellino", "en") == "in Avellino"
    assert grammar.in_place("Marche", "en") == "in Marche"


@pytest.mark.parametrize(("word", "where"), [("mese", "al mese"), ("anno", "all'anno"), ("trimestre", "al trimestre"),
                                            ("periodo di avviso", "al periodo di avviso"), ("zero", "allo zero"),
                                            ("studio", "allo studio")])
def test_rispetto_al_periodo(word, where):
    assert grammar.with_word("a", word) == where


def test_articles_and_articulated_prepositions():
    assert grammar.with_word("in", "regione", feminine=True) == "nella regione"
    assert grammar.with_word("di", "area", feminine=True) == "dell'area"
    assert grammar.with_word("di", "anni", plural=True) == "degli anni"
    assert grammar.with_word("da", "mesi", plural=True) == "dai mesi"
    assert grammar.with_word("su", "Marche", feminine=True, plural=True) == "sulle Marche"
    assert grammar.with_word("a", "hotspot") == "all'hotspot"


@pytest.mark.parametrize(("period", "since"), [("gennaio 2021", "da gennaio 2021"), ("anno 2021", "dall'anno 2021"),
                                              ("1° trimestre 2021", "dal 1° trimestre 2021"),
                                              ("avviso 5", "dall'avviso 5"), ("31/12/2025", "dal 31/12/2025")])
def test_since_a_period(period, since):
    assert grammar.with_period("da", period) == since


def test_periods_in_english_keep_the_preposition():
    assert grammar.with_period("from", "January 2021", "en") == "from January 2021"


@pytest.mark.parametrize(("n", "text"), [(6, "del "), (8, "dell'"), (11, "dell'"), (1, "dell'"), (18, "del "),
                                         (80, "dell'"), (110, "del "), (11000, "dell'"), (0, "dello ")])
def test_before_a_number(n, text):
    assert grammar.number_article(n) == text


def test_before_a_number_with_a():
    assert grammar.number_article(6, "a") == "al "
    assert grammar.number_article(80, "a") == "all'"


def test_the_change_caption_speaks_italian():
    """The slips of issue 19: "a Avellino", "rispetto al anno precedente"."""
    from presentation import exports

    text = exports.caption_change(measure_label="I contatti", territory="Avellino", current=53, previous=50,
                                  period_word="anno")
    assert text == "I contatti ad Avellino sono aumentati del 6% rispetto all'anno precedente"
    assert exports.caption_change(measure_label="I contatti", territory="Marche", current=50, previous=50,
                                  period_word="periodo di avviso") == (
        "I contatti nelle Marche sono rimasti invariati rispetto al periodo di avviso precedente")


@pytest.mark.parametrize(("unit", "start", "end", "words"), [
    ("mese", "2019-01", "2025-04", "da gennaio 2019 ad aprile 2025"),
    ("mese", "2019-08", "2025-12", "da agosto 2019 a dicembre 2025"),
    ("trimestre", "2019-T1", "2025-T4", "dal 1° trimestre 2019 al 4° trimestre 2025"),
    ("anno", "2019", "2025", "dal 2019 al 2025"),
    ("avviso", "avviso-5", "avviso-7", "dall'avviso 5 all'avviso 7"),
    ("mese", "2025-12", "2025-12", "dicembre 2025"),
])
def test_a_range_of_periods(unit, start, end, words):
    assert grammar.period_range(unit, start, end) == words


def test_a_range_of_periods_in_english():
    assert grammar.period_range("mese", "2019-01", "2025-04", "en") == "January 2019 to April 2025"
    assert grammar.period_range("anno", "2019", "2025", "en") == "2019 to 2025"
