"""Phrases (config/phrases.py): a catalogue sentence kept with its values by the data layer and said in the
reader's language when shown. No database, no Streamlit."""

from __future__ import annotations

import pytest

from config.phrases import Figure, Phrase, PhraseError


def test_a_phrase_is_said_in_each_language_with_its_values():
    empty = Phrase("imports.file.empty", file="dati.csv")
    assert empty.text() == "Il file «dati.csv» è vuoto: compilare il modello e caricarlo di nuovo."
    assert empty.text("en") == "The file «dati.csv» is empty: fill in the template and upload it again."


def test_nested_phrases_and_figures_follow_the_language_of_the_sentence():
    too_many = Phrase("imports.file.too_many_rows", file="f.csv", limit=Figure(100_000))
    assert "più di 100.000 righe" in too_many.text()
    assert "more than 100,000 data rows" in too_many.text("en")
    size = Phrase("imports.file.too_big", file="f.csv", size=Figure(20.1, 1, " MB"), limit=Figure(20, 1, " MB"))
    assert "20,1 MB (limite 20,0 MB)" in size.text() and "20.1 MB (limit 20.0 MB)" in size.text("en")
    separator = Phrase("imports.file.separator", file="f.csv", separator=Phrase("imports.file.separator.tab"))
    assert "usa come separatore la tabulazione" in separator.text()
    assert "uses the tab as separator" in separator.text("en")


def test_equal_phrases_are_equal_and_hashable():
    assert Phrase("imports.more_rows", problem=Phrase("imports.cell.code"), n=3) == \
        Phrase("imports.more_rows", n=3, problem=Phrase("imports.cell.code"))
    assert len({Phrase("imports.cell.code"), Phrase("imports.cell.code"), Phrase("imports.cell.date")}) == 2


def test_an_unknown_key_fails_where_the_phrase_is_made():
    with pytest.raises(KeyError, match="imports.nessuna_chiave"):
        Phrase("imports.nessuna_chiave")


def test_a_phrase_error_is_italian_by_str_and_any_language_by_text():
    error = PhraseError(Phrase("auth.wrong"))
    assert str(error) == "Nome utente o password non corretti."
    assert error.text("en") == "Wrong username or password."
    plain = PhraseError("Le due password non coincidono.")  # a sentence without a catalogue entry yet
    assert str(plain) == plain.text("en") == "Le due password non coincidono."
