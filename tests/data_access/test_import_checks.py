"""What issues 14 and 17 asked of the import's checks: one report listing every problem of a file; the table
guessed from the headers; the preview's figures next to the current ones (only the uploader's projects); free text
checked before it is stored (control characters, markup, length) in every text column; the personal-data guard on
omocodia fiscal codes and file names; UTF-16 without BOM and rows with the other separator named.

Read-only checks share test_imports' module database (``ref_engine``); what writes runs on both backends.
"""

from __future__ import annotations

import json
import re
from re import _constants as sre_constants  # the parsed form of a pattern (sre_parse is deprecated)
from re import _parser as sre_parse

import pandas as pd
import pytest

from data_access import imports
from data_access.contract import COLUMNS
from data_access.imports import cells, personal, text
from presentation import import_files
from tests.data_access import test_imports as base
from tests.data_access.test_imports import (
    CAP_H,
    SERVICES_H,
    STEWARD,
    Expect,
    assert_messages,
    audit,
    cap,
    cap_row,
    check,
    csv_bytes,
    everything_said,
    snapshot,
    template_row,
)

ref_engine, db_engine = base.ref_engine, base.db_engine  # the fixtures of test_imports: one database per module

PROJECTS_H = [c.header for c in COLUMNS["projects"]]


# --- One pass -------------------------------------------------------------------------------------------------------
def test_every_row_level_problem_is_in_one_report(ref_engine):
    """A formatting error no longer hides the checks across rows: future months, months outside the project's
    dates and presences above places (a warning) come in the same report."""
    report = check(ref_engine, cap(
        cap_row(posti="dodici"),  # a formatting error...
        cap_row(periodo="2026-12", target="donne"),  # ...and a future month,
        cap_row(periodo="2014-01", target="nuclei"),  # a month before the project,
        cap_row(target="msna", posti="5", presenze="7"),  # presences above places (warning),
        cap_row(target="msna", presenze="x"),  # a duplicate whose other cells are wrong is still a duplicate,
        cap_row(target="uomin", presenze="9"),  # an unknown key: not taken for a duplicate of anything
        cap_row(target="uomin", presenze="8")))
    assert_messages(report, [
        Expect("non è un numero", row=2, column="«posti» (G)", value="dodici"),
        Expect("il periodo è nel futuro", row=3, column="«periodo» (A)", value="2026-12"),
        Expect("il periodo è prima dell'inizio del progetto (2014-02)", row=4, column="«periodo» (A)",
               value="2014-01"),
        Expect("presenze superiori ai posti (5)", row=5, column="«presenze» (H)", value="7", level=imports.WARNING),
        Expect("non è un numero", row=6, column="«presenze» (H)", value="x"),
        Expect("riga duplicata: stessi valori di periodo, provincia, comune, progetto, target della riga 5", row=6),
        Expect("codice non ammesso", row=7, column="«target» (E)", value="uomin"),
        Expect("codice non ammesso", row=8, column="«target» (E)", value="uomin")])
    assert report.summary().endswith("7 errori, 1 avvisi: nulla è stato caricato.")


def test_an_unknown_column_does_not_hide_the_rows(ref_engine):
    report = check(ref_engine, cap(cap_row(periodo="2026-12") + ["1"], header=[*CAP_H, "presenza"]))
    assert_messages(report, [
        Expect("colonna non prevista per questa tabella", column="«presenza» (I)", fix="forse «presenze»?"),
        Expect("il periodo è nel futuro", row=2, column="«periodo» (A)", value="2026-12")])


def test_a_missing_required_column_does_not_hide_the_rows(ref_engine):
    report = check(ref_engine, csv_bytes(CAP_H[:-1], [cap_row(periodo="2026-12")[:-1]]))
    assert_messages(report, [
        Expect("mancano le colonne obbligatorie: presenze", fix="partire dal modello"),
        Expect("il periodo è nel futuro", row=2, column="«periodo» (A)", value="2026-12")])


# --- The table guessed from the headers ---------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "chosen", "guess", "title"), [
    (cap(cap_row()), "projects", "capacity", "Accoglienza: strutture, posti e presenze"),
    (csv_bytes(PROJECTS_H, [template_row("projects")]), "capacity", "projects", "Anagrafica dei progetti"),
    (csv_bytes([c.header for c in COLUMNS["outreach"]], [template_row("outreach")]), "outreach_activity",
     "outreach", "Emersione: contatti, valutazioni, invii e prese in carico"),
    (csv_bytes([c.name for c in COLUMNS["training"]], [template_row("training")]), "services", "training",
     "Formazione degli operatori"),  # English headers too
])
def test_the_table_is_guessed_from_the_headers(ref_engine, data, chosen, guess, title):
    report = check(ref_engine, data, chosen)
    chosen_title = import_files.t(f"import.table.{chosen}")
    assert report.guess == guess
    assert_messages(report, [Expect(f"il file sembra della tabella «{title}»: le sue intestazioni sono quelle di "
                                    f"quella tabella, non di «{chosen_title}»",
                                    fix=f"scegliere «{title}» come tabella da caricare")])
    assert "colonna non prevista" not in everything_said(report)


def test_a_data_steward_is_told_who_loads_the_guessed_table(ref_engine):
    data = csv_bytes([c.header for c in COLUMNS["training"]], [template_row("training")])
    report = check(ref_engine, data, "services", projects=STEWARD)
    assert report.guess == "training"
    assert report.messages[0].fix == "la tabella «Formazione degli operatori» la carica solo un amministratore: " \
                                     "inviargli il file"


@pytest.mark.parametrize(("data", "table"), [
    (cap(cap_row() + ["4"], header=[*CAP_H, "presenza"]), "capacity"),  # a typo: the chosen table still fits best
    (csv_bytes(SERVICES_H[:-1] + ["oree"], [["2024-03", "014", "SAI-SONDRIO", "altro", "3", "2"]]), "services"),
    (csv_bytes(["mese", "zona"], [["2024-03", "014"]]), "capacity"),  # fits nothing
])
def test_no_guess_when_no_other_table_fits_better(ref_engine, data, table):
    assert check(ref_engine, data, table).guess is None


# --- The preview: figures next to the current ones ---------------------------------------------------------------
def test_the_preview_puts_the_figures_next_to_the_current_ones(db_engine):
    first = check(db_engine, cap(cap_row(posti="12", presenze="10"), cap_row(target="donne", posti="4",
                                                                                presenze="4")))
    imports.apply(db_engine, first, actor="admin")
    report = check(db_engine, cap(cap_row(posti="2.000", presenze="1.500"), cap_row(target="donne", posti="4",
                                                                                     presenze="4"),
                                  cap_row(periodo="2024-04", posti="12", presenze="9")))
    assert report.ok
    figures = report.figures.astype(object).where(report.figures.notna(), None).to_dict("records")
    assert figures == [
        {"project_code": "SAI-SONDRIO", "period": "2024-03", "measure": "structures", "current": 6.0, "new": 6.0},
        {"project_code": "SAI-SONDRIO", "period": "2024-03", "measure": "places", "current": 16.0, "new": 2004.0},
        {"project_code": "SAI-SONDRIO", "period": "2024-03", "measure": "occupied", "current": 14.0, "new": 1504.0},
        {"project_code": "SAI-SONDRIO", "period": "2024-04", "measure": "structures", "current": None, "new": 3.0},
        {"project_code": "SAI-SONDRIO", "period": "2024-04", "measure": "places", "current": None, "new": 12.0},
        {"project_code": "SAI-SONDRIO", "period": "2024-04", "measure": "occupied", "current": None, "new": 9.0}]
    table = import_files.figures_table(report)
    assert list(table.columns) == ["progetto", "periodo", "misura", "dato attuale", "dato del file", "differenza"]
    assert table.values.tolist()[1:3] == [["SAI-SONDRIO", "marzo 2024", "posti", "16", "2.004", "+1.988"],
                                          ["SAI-SONDRIO", "marzo 2024", "presenze", "14", "1.504", "+1.490"]]
    assert table.values.tolist()[3] == ["SAI-SONDRIO", "aprile 2024", "strutture", "—", "3", "—"]
    english = import_files.figures_table(report, "en")
    assert english.columns[-3:].tolist() == ["current figure", "figure in the file", "change"]
    assert english.values.tolist()[1][3:] == ["16", "2,004", "+1,988"]


def test_the_preview_of_a_data_steward_shows_only_their_projects(db_engine):
    """The current figures of another project in the same month never reach a data steward's preview: the file
    can only hold their projects (the check refuses any other), and the current rows are read for those only."""
    both = [cap_row(), ["2023-05", "014", "", "NAVE-TEST", "donne", "1", "6", "5"]]
    imports.apply(db_engine, check(db_engine, cap(*both)), actor="admin")
    report = check(db_engine, cap(cap_row(posti="13"), cap_row(periodo="2023-05", posti="7")), projects=STEWARD)
    assert report.ok
    assert set(report.figures["project_code"]) == {"SAI-SONDRIO"}
    shown = import_files.figures_table(report).to_csv()
    assert "NAVE-TEST" not in shown and "6" not in report.figures["current"].dropna().astype(int).astype(str).tolist()
    refused = check(db_engine, cap(cap_row(), both[1]), projects=STEWARD)
    assert refused.figures is None and not refused.ok  # another project's row: refused, no figures at all


def test_tables_without_figures_count_rows(db_engine):
    data = csv_bytes([c.header for c in COLUMNS["actions"]], [template_row("actions")])
    report = check(db_engine, data, "actions")
    assert report.figures.to_dict("records") == [
        {"province_code": "014", "action_code": "PIL-01", "measure": "rows", "current": None, "new": 1.0}]
    assert import_files.figures_table(report).values.tolist() == [["014", "PIL-01", "righe", "—", "1", "—"]]


# --- Free text ---------------------------------------------------------------------------------------------------
TEXT_COLUMNS = [(table, c) for table, columns in COLUMNS.items() for c in columns
                if c.kind == "text" and c.name not in cells.CODE_TEXT]
CONTROL = "il testo contiene un carattere di controllo o invisibile"
REFUSED_TEXT = {
    "controllo U+0001": ("Progetto\x01Controllo", f"{CONTROL} (U+0001)"),
    "NUL": ("Progetto\x00", f"{CONTROL} (U+0000)"),
    "DEL": ("Progetto\x7f", f"{CONTROL} (U+007F)"),
    "C1": ("Progetto\x85", f"{CONTROL} (U+0085)"),
    "spazio di larghezza zero": ("Pro\u200bgetto", f"{CONTROL} (U+200B)"),
    "direzione invertita": ("Progetto \u202eotteS", f"{CONTROL} (U+202E)"),
    "uso privato": ("Progetto \ue000", f"{CONTROL} (U+E000)"),
    "link markdown": ("[Accedi di nuovo](https://example.org)", "il testo contiene «[», un segno di formattazione"),
    "immagine markdown": ("![x](https://example.org/x.png)", "il testo contiene «[», un segno di formattazione"),
    "HTML": ("<img src=x onerror=alert(1)>", "il testo contiene «<», un segno di formattazione"),
    "entità HTML": ("Casa &lt;b&gt;", "il testo contiene «&lt;», un segno di formattazione"),
    "enfasi": ("Progetto **grassetto**", "il testo contiene «*», un segno di formattazione"),
    "codice": ("Progetto `x`", "il testo contiene «`», un segno di formattazione"),
    "formula LaTeX": ("Progetto $x$", "il testo contiene «$», un segno di formattazione"),
    "colore Streamlit": ("Progetto :red[rosso]", "il testo contiene «[», un segno di formattazione"),
    "emoji Streamlit": ("Progetto :warning:", "il testo contiene «:warning:», un segno di formattazione"),
    "indirizzo web": ("Progetto www.example.org", "il testo contiene un indirizzo web"),
    "titolo markdown": ("# Progetto", "il testo inizia con «#»"),
    "formula": ("=HYPERLINK(\"x\")", "il testo inizia con «=»"),
}
NORMALISED_TEXT = {
    "tabulazione": ("Progetto\tSondrio", "Progetto Sondrio"),
    "a capo (Alt+Invio)": ("Progetto\nSondrio", "Progetto Sondrio"),
    "a capo Windows": ("Progetto\r\nSondrio", "Progetto Sondrio"),
    "tabulazione verticale (Maiusc+Invio di Word)": ("Progetto\x0bSondrio", "Progetto Sondrio"),
    "spazi unificatori e sottili": ("Progetto\u00a0\u2009Sondrio ", "Progetto Sondrio"),
    "separatore di riga": ("Progetto\u2028Sondrio", "Progetto Sondrio"),
    "segni ammessi": ("Coop. «Il Gabbiano» & partner (ATI) - Sondrio/Como, 2°", None),
}


def _text_file(table: str, column, value: str) -> bytes:
    row = template_row(table)
    row[[c.name for c in COLUMNS[table]].index(column.name)] = value
    return csv_bytes([c.header for c in COLUMNS[table]], [row])


@pytest.mark.parametrize(("table", "column"), [pytest.param(t, c, id=f"{t}.{c.name}") for t, c in TEXT_COLUMNS])
@pytest.mark.parametrize(("value", "problem"), [pytest.param(*v, id=k) for k, v in REFUSED_TEXT.items()])
def test_text_that_cannot_be_stored_is_refused_in_every_text_column(ref_engine, table, column, value, problem):
    report = check(ref_engine, _text_file(table, column, value), table)
    [message] = [m for m in report.messages if m.column and f"«{column.header}»" in m.column]
    assert message.row == 2 and message.problem.startswith(problem), message.line()
    assert not report.ok
    assert "\x01" not in everything_said(report) and "\x00" not in everything_said(report)


@pytest.mark.parametrize(("table", "column"), [pytest.param(t, c, id=f"{t}.{c.name}") for t, c in TEXT_COLUMNS])
@pytest.mark.parametrize(("value", "stored"), [pytest.param(*v, id=k) for k, v in NORMALISED_TEXT.items()])
def test_spaces_and_line_breaks_in_text_become_one_space(ref_engine, table, column, value, stored):
    report = check(ref_engine, _text_file(table, column, value), table)
    assert report.ok, [m.line() for m in report.messages]
    assert report.frame.at[0, column.name] == (stored or value)


def test_an_over_long_text_and_an_over_long_cell_are_refused(ref_engine):
    report = check(ref_engine, _text_file("projects", COLUMNS["projects"][1], "x" * 201), "projects")
    assert [m.problem for m in report.errors] == ["testo troppo lungo (201 caratteri; al massimo 200): sembra una "
                                                  "nota libera"]
    report = check(ref_engine, cap(cap_row(target="u" * 5000)))
    assert [(m.problem, m.value) for m in report.errors] == [
        ("valore troppo lungo (5.000 caratteri; al massimo 1.000)", "u" * 57 + "...")]


def test_a_control_character_is_shown_by_its_code_in_the_report(ref_engine):
    report = check(ref_engine, cap(cap_row(progetto="SAI-SONDRIO\x01")))
    assert [m.value for m in report.errors] == ["SAI-SONDRIO⟨U+0001⟩"]
    assert text.visible("a\x00b\u200b") == "a⟨U+0000⟩b⟨U+200B⟩"


def test_codes_written_as_text_keep_their_own_pattern(ref_engine):
    data = csv_bytes([c.header for c in COLUMNS["actions"]], [["014", "PIL 01", *template_row("actions")[2:]]])
    report = check(ref_engine, data, "actions")
    assert [m.problem for m in report.errors] == ["il codice contiene spazi o caratteri non ammessi"]


# --- The personal-data guard ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", [
    "RSSMRA85T10A562S",  # a plain code
    "RSSMRA85T10A56NH",  # omocodia: the last digit of the place as a letter, the check character recomputed
    "RSSMRA85T10A5SNW",  # omocodia on two places (check character not even right: still a person's code)
    "RSSMRAURTMLARSNL",  # omocodia on every digit, with its right check character
    "rssmra85t10a562s",  # lower case
])
def test_every_fiscal_code_is_caught(code):
    assert personal.personal(f"persona {code} presa in carico") == imports_phrase("imports.personal.fiscal_code")
    assert personal.fiscal_code(code)


def imports_phrase(key: str):
    from config.phrases import Phrase

    return Phrase(key)


@pytest.mark.parametrize("word", ["RSSMRAURTMLARSNA", "PRECISAZIONIMOLT", "SAI-SONDRIO-2024", "INTERPRETAZIONI1"])
def test_words_are_not_taken_for_fiscal_codes(word):
    assert not personal.fiscal_code(word)


def test_the_check_character_of_known_codes():
    assert [personal.check_character(c[:15]) for c in ("RSSMRA80A01H501U", "MRTMTT91D08F205J",
                                                       "RSSMRA85T10A562S")] == ["U", "J", "S"]


def test_an_omocodia_code_in_a_file_is_refused_and_never_repeated(ref_engine):
    report = check(ref_engine, cap(cap_row(target="RSSMRA85T10A56NH")))
    assert report.messages[0].problem == "il file sembra contenere dati personali: non viene caricato nulla"
    assert "RSSMRA85T10A56NH" not in everything_said(report)


@pytest.mark.parametrize("name", ["RSSMRA85T10A562S_mario.rossi@example.com.csv", "RSSMRA85T10A56NH.csv",
                                  "presenze mario.rossi@example.com.xlsx", "Sig. Rossi presenze.csv",
                                  "chiamare 333 1234567.csv"])
def test_a_file_named_with_personal_data_is_refused_without_repeating_the_name(ref_engine, name):
    with pytest.raises(imports.FileProblem) as info:
        check(ref_engine, cap(cap_row()), file_name=name)
    said = info.value.text() + info.value.text("en")
    assert "Il nome del file sembra contenere dati personali" in said
    assert not re.search(r"RSSMRA|rossi|Rossi|1234567", said)


def test_a_personal_file_name_is_never_recorded(db_engine):
    name = "RSSMRA85T10A562S_mario.rossi@example.com.csv"
    with pytest.raises(imports.FileProblem):
        check(db_engine, cap(cap_row()), file_name=name)
    imports.record_refusal(db_engine, "admin", name, "capacity", None, "nome")
    [(_, details)] = audit(db_engine, "upload_rejected")
    assert details["file"] == "(nome nascosto: possibile dato personale)"
    assert "RSSMRA" not in json.dumps(details) and "rossi" not in json.dumps(details)


def test_a_file_name_with_a_control_character_is_refused(ref_engine):
    with pytest.raises(imports.FileProblem, match="carattere di controllo"):
        check(ref_engine, cap(cap_row()), file_name="dati\x07.csv")


def test_ordinary_file_names_pass(ref_engine):
    for name in ("accoglienza_2024-03.csv", "SAI Sondrio marzo 2024 (v2).csv", "dati.csv", "emersione 03-2024.xlsx"):
        assert personal.personal_file_name(name) is None, name


# --- Linear checks -------------------------------------------------------------------------------------------------
def _unbounded_repeats(pattern: re.Pattern) -> list:
    """The repetitions of a pattern with no upper bound (+, *, {n,}), found in its parsed form."""
    found = []

    def walk(items):
        for op, arg in items:
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
                if arg[1] == sre_constants.MAXREPEAT:
                    found.append((op, arg[0]))
                walk(arg[2])
            elif op in (sre_constants.SUBPATTERN,):
                walk(arg[3])
            elif op == sre_constants.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(arg[1])

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return found


def test_the_guard_patterns_cannot_backtrack_over_a_long_cell():
    """Each repetition of the personal-data patterns has an upper bound, so a search costs at most a constant per
    character: the old e-mail pattern ([\\w.+-]+@...) took 45 s on one 120,000-character cell."""
    patterns = [personal.FISCAL_CODE, *(p for p, _ in personal.PATTERNS)]
    assert {p.pattern: _unbounded_repeats(p) for p in patterns} == {p.pattern: [] for p in patterns}
    assert _unbounded_repeats(re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"))  # the old pattern is caught by the test


def test_a_120000_character_cell_is_checked_with_bounded_work(ref_engine, monkeypatch):
    """The file of issue 17 (one cell of 120,000 characters): refused as too long, and the guard never reads
    more than CELL_MAX_CHARS of it (the time is measured in docs/benchmarks.md, not asserted here)."""
    seen: list[int] = []
    guard = personal.personal

    def counting(value):
        seen.append(len(value))
        return guard(value)

    monkeypatch.setattr(cells, "personal", counting)
    monkeypatch.setattr(personal, "personal", counting)
    long_cell = "a" * 120_000
    for data, table in ((cap(cap_row(target=long_cell)), "capacity"),
                        (cap(cap_row(posti=long_cell)), "capacity"),
                        (_text_file("projects", COLUMNS["projects"][1], long_cell), "projects")):
        report = check(ref_engine, data, table)
        assert [m.problem for m in report.errors] == ["valore troppo lungo (120.000 caratteri; al massimo 1.000)"]
    assert seen and max(seen) <= cells.CELL_MAX_CHARS


# --- Messages for files written in other ways -------------------------------------------------------------------
def test_utf16_without_bom_is_named(ref_engine):
    data = cap(cap_row()).decode().encode("utf-16-le")
    with pytest.raises(imports.FileProblem, match="è in codifica UTF-16"):
        check(ref_engine, data)


def test_a_row_with_the_other_separator_is_named(ref_engine):
    data = cap(cap_row()) + ",".join(cap_row(target="donne")).encode() + b"\r\n"
    report = check(ref_engine, data)
    assert_messages(report, [Expect("la riga è separata da virgola, le intestazioni da punto e virgola", row=3,
                                    fix="con un solo separatore")])


def test_figures_frame_is_empty_when_nothing_changes(db_engine):
    data = cap(cap_row())
    imports.apply(db_engine, check(db_engine, data), actor="admin")
    again = check(db_engine, data)
    assert again.ok and again.figures.empty and not again.diff.changes
    assert import_files.figures_table(again).empty


def test_refused_files_of_these_checks_leave_the_database_as_it_was(db_engine):
    imports.apply(db_engine, check(db_engine, cap(cap_row())), actor="admin")
    before = snapshot(db_engine)
    refused = [(cap(cap_row(posti="dodici"), cap_row(periodo="2026-12", target="donne")), "capacity", "a.csv"),
               (cap(cap_row()), "projects", "a.csv"),
               (_text_file("projects", COLUMNS["projects"][1], "Progetto\x01Controllo"), "projects", "a.csv"),
               (_text_file("actions", COLUMNS["actions"][2], "[Accedi](https://example.org)"), "actions", "a.csv"),
               (cap(cap_row(target="RSSMRA85T10A56NH")), "capacity", "a.csv"),
               (cap(cap_row(posti="1,500")), "capacity", "a.csv")]
    for data, table, name in refused:
        report = check(db_engine, data, table, name)
        assert not report.ok and report.errors
        with pytest.raises(ValueError):
            imports.apply(db_engine, report, actor="admin")
        assert snapshot(db_engine) == before
    with pytest.raises(imports.FileProblem):
        check(db_engine, cap(cap_row()), file_name="RSSMRA85T10A562S.csv")
    assert snapshot(db_engine) == before
    assert isinstance(before, dict) and pd.notna(before["capacity"])
