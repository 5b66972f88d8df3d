"""File imports (data_access/imports.py): a corpus of bad files, each refused with its Italian message and leaving
the database as it was; good files in every accepted form giving the same rows; templates; versions, idempotent
re-loads, replacement, rollback and the outreach cube; the data steward's scope.

Read-only checks share one module-scoped SQLite database; everything that writes uses ``migrated_engine`` and
runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import random
import re
import struct
import zlib
from dataclasses import dataclass, field

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from config import settings
from data_access import db, imports, loading, reference
from data_access.contract import COLUMNS, TITLES, contract_columns
from data_access.models import (
    CUBE_DIMENSIONS,
    CUBE_TOTAL,
    OUTREACH_MEASURES,
    PROJECT_COLUMNS,
    TABLES,
    AuditEvent,
    DataVersion,
    OutreachCube,
    Project,
)
from presentation import import_files
from tests.conftest import TEST_SECRET

TODAY = dt.date(2026, 11, 23)
SMALL = settings.ImportLimits(max_bytes=1000, max_rows=10)
NO_ROWS = "il file ha le intestazioni ma nessuna riga di dati"
PERSONAL_FILE = "il file sembra contenere dati personali: non viene caricato nulla"
FISCAL_CODE = "RSSMRA80A01H501U"

PROJECTS = pd.DataFrame([
    {"project_code": "SAI-SONDRIO", "name": "SAI Provincia di Sondrio", "programme": "SAI",
     "lead_body": "Provincia di Sondrio", "managing_body": None, "start_date": dt.date(2014, 2, 1),
     "end_date": None, "funding_call": None},
    {"project_code": "NAVE-TEST", "name": "Antitratta di prova", "programme": "ANTITRATTA", "lead_body": None,
     "managing_body": None, "start_date": dt.date(2022, 10, 1), "end_date": dt.date(2024, 2, 28),
     "funding_call": None},
], columns=list(PROJECT_COLUMNS))


# --- Building files ---------------------------------------------------------------------------------------------
def csv_bytes(header, rows, *, sep: str = ";", encoding: str = "utf-8", bom: bool = False,
              comments: tuple[str, ...] = ()) -> bytes:
    """A CSV as a spreadsheet saves it (CRLF; quotes only where needed); ``None`` cells are empty."""
    out = io.StringIO()
    for line in comments:
        out.write(f"# {line}\r\n")
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return (codecs.BOM_UTF8 if bom else b"") + out.getvalue().encode(encoding)


def lines_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    """A text file written line by line, exactly as given (for files a csv writer would not produce)."""
    return ("\n".join(lines) + "\n").encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list]], *, merge: str | None = None) -> bytes:
    """A workbook with the given sheets (rows of cell values, None = empty cell); ``merge`` merges cells of the
    first sheet (e.g. "B1:C1": the merged header keeps its value in B, C becomes an empty cell)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=i, column=j, value=value)
    if merge:
        workbook.worksheets[0].merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A real 1x1 grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


CAP_H = ["periodo", "provincia", "comune", "progetto", "target", "strutture", "posti", "presenze"]
SERVICES_H = ["periodo", "provincia", "progetto", "servizio", "persone", "ore"]
OUTREACH_H = [c.header for c in COLUMNS["outreach"]]


def cap_row(**cells) -> list[str]:
    """A valid capacity row of the file (Italian headers), with some cells changed."""
    row = {"periodo": "2024-03", "provincia": "014", "comune": "014061", "progetto": "SAI-SONDRIO",
           "target": "uomini", "strutture": "3", "posti": "12", "presenze": "10"}
    assert set(cells) <= set(row)
    row.update(cells)
    return [row[h] for h in CAP_H]


def cap(*rows, header=CAP_H) -> bytes:
    return csv_bytes(header, rows)


def out_row(period="2024-03", project="SAI-SONDRIO", gender="donna", age="18-25", contacts=25, new=12,
            assessments=4, victims=2, referrals=3, take_ins=1, channel="unita_mobile", exploitation="sessuale",
            province="014") -> list:
    return [period, province, project, channel, exploitation, gender, age, contacts, new, assessments, victims,
            referrals, take_ins]


def template_row(table: str) -> list[str]:
    return [c.example for c in COLUMNS[table]]


# --- Databases and reading them back ---------------------------------------------------------------------------
def register_projects(engine) -> None:
    """Demo mode with two projects: the import applies with the demo secret, no environment needed."""
    loading.load(engine, secret=TEST_SECRET, kind="demo", source="demo:test", frames={}, projects=PROJECTS)


@pytest.fixture(scope="module")
def ref_engine(tmp_path_factory):
    """One SQLite database for the checks that never write: territories and the two projects."""
    engine = db.get_engine(f"sqlite:///{tmp_path_factory.mktemp('imports') / 'reference.db'}")
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    register_projects(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db_engine(migrated_engine, monkeypatch):
    """A fresh database (both backends) in demo mode with the two projects; the demo secret is pinned so the test
    does not depend on (or create) the local secret file."""
    monkeypatch.setenv(settings.SECRET_ENV, TEST_SECRET.decode())
    register_projects(migrated_engine)
    return migrated_engine


def check(engine, data: bytes, table: str = "capacity", file_name: str = "dati.csv", **kwargs) -> imports.Report:
    return imports.check(engine, data, file_name, table, today=TODAY, **kwargs)


def sort_rows(frame: pd.DataFrame) -> pd.DataFrame:
    key = ["|".join(map(str, row)) for row in frame.itertuples(index=False, name=None)]
    return frame.assign(_key=key).sort_values("_key").drop(columns="_key").reset_index(drop=True)


def current_rows(engine, table: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The current rows of a fact table (contract columns, plus ``extra``), in a stable order."""
    t = TABLES[table].model.__table__
    columns = [*contract_columns(table), *extra]
    with engine.connect() as conn:
        rows = conn.execute(select(*[t.c[c] for c in columns]).where(t.c.version_to.is_(None))).all()
    return sort_rows(pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object))


def rows_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(contract_columns(table)), dtype=object)


def snapshot(engine) -> dict:
    """Everything a refused file must leave as it was: row counts (all and current) of every table, the versions
    and their status, the projects and the audit trail."""
    state: dict = {}
    with engine.connect() as conn:
        for name, spec in TABLES.items():
            t = spec.model.__table__
            state[name] = conn.execute(select(func.count()).select_from(t)).scalar_one()
            state[f"{name} (attuali)"] = conn.execute(
                select(func.count()).select_from(t).where(t.c.version_to.is_(None))).scalar_one()
        state["outreach_cube"] = conn.execute(select(func.count()).select_from(OutreachCube)).scalar_one()
        state["data_versions"] = conn.execute(select(DataVersion.id, DataVersion.status)
                                              .order_by(DataVersion.id)).all()
        state["projects"] = conn.execute(select(Project.project_code, Project.version_id)
                                         .order_by(Project.project_code)).all()
        state["audit_events"] = conn.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    return state


def audit(engine, event: str) -> list[tuple[str | None, dict]]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEvent.username, AuditEvent.details).where(AuditEvent.event == event)
                            .order_by(AuditEvent.id)).all()
    return [(username, json.loads(details)) for username, details in rows]


def version_row(engine, version_id: int):
    with engine.connect() as conn:
        return conn.execute(select(DataVersion.__table__).where(DataVersion.id == version_id)).one()


# --- Checking messages --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Expect:
    """One expected message: exact problem text, row, column (as the report writes it) and value; ``fix`` is a
    fragment of the suggested fix."""

    problem: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    fix: str = ""
    level: str = imports.ERROR


def assert_messages(report: imports.Report, expected: list[Expect]) -> None:
    """Every message of the report is one of ``expected`` and every expected message is there exactly once."""
    got = [(m.level, m.row, m.column, m.value, m.problem) for m in report.messages]
    want = [(e.level, e.row, e.column, e.value, e.problem) for e in expected]
    assert sorted(got, key=str) == sorted(want, key=str), "\n".join(m.line() for m in report.messages)
    for e in expected:
        message = next(m for m in report.messages if (m.row, m.column, m.problem) == (e.row, e.column, e.problem))
        assert e.fix in message.fix, (e.fix, message.fix)


def everything_said(report: imports.Report) -> str:
    """All the text a user can see or download about a report."""
    return "\n".join([report.summary(), *(m.line() for m in report.messages), report_csv_text(report),
                      imports.report_frame(report).to_csv()])


def report_csv_text(report: imports.Report) -> str:
    data = import_files.report_csv(report)
    assert data.startswith(codecs.BOM_UTF8)
    return data[len(codecs.BOM_UTF8):].decode("utf-8")


# --- The corpus of bad files ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bad:
    data: bytes
    table: str = "capacity"
    file_name: str = "dati.csv"
    kwargs: dict = field(default_factory=dict)


# Files that cannot be read as a table at all: FileProblem with these fragments.
UNREADABLE = {
    "separatore tabulazione": (Bad(csv_bytes(CAP_H, [cap_row()], sep="\t")),
                               ["usa come separatore la tabulazione", "punto e virgola"]),
    "separatore barra verticale": (Bad(csv_bytes(CAP_H, [cap_row()], sep="|")),
                                   ["usa come separatore la barra verticale «|»"]),
    "UTF-16 (testo Unicode di Excel)": (Bad(csv_bytes(CAP_H, [cap_row()], sep="\t", encoding="utf-16")),
                                        ["è in codifica UTF-16", "«CSV UTF-8»"]),
    "UTF-8 con BOM ma byte non validi": (Bad(codecs.BOM_UTF8 + cap(cap_row(comune="Forlì")).replace(
        "ì".encode(), b"\xec")), ["dichiara la codifica UTF-8 ma contiene un byte non valido"]),
    "codifica sconosciuta": (Bad(cap(cap_row()) + b"\x81\x8d"), ["Codifica del file «dati.csv» non riconosciuta",
                                                                 "byte 0x81"]),
    "file vuoto": (Bad(b""), ["Il file «dati.csv» è vuoto"]),
    "solo spazi e a capo": (Bad(b" \r\n\t\r\n"), ["è vuoto"]),
    "solo commenti": (Bad(b"# modello\r\n# altro commento\r\n\r\n"), ["non contiene intestazioni né dati"]),
    "PDF": (Bad(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", file_name="dati.pdf"),
            ["è un PDF, non un foglio di calcolo"]),
    "binario casuale": (Bad(random.Random(7).randbytes(4096), file_name="dati.bin"),
                        ["non è un foglio di calcolo (è un file binario)"]),
    "immagine PNG": (Bad(png_bytes(), file_name="grafico.png"), ["non è un foglio di calcolo (è un file binario)"]),
    "pagina HTML": (Bad(b"<!DOCTYPE html>\n<html><head><title>Accesso</title></head><body><table><tr><td>periodo"
                        b"</td></tr></table></body></html>\n", file_name="dati.html"),
                    ["è una pagina web o un file XML"]),
    "XML": (Bad(b'<?xml version="1.0"?>\n<righe><riga periodo="2024-03"/></righe>\n'), ["pagina web o un file XML"]),
    "vecchio Excel .xls (OLE)": (Bad(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, file_name="dati.xls"),
                                 ["vecchio formato Excel 97-2003 (.xls)", "(.xlsx)"]),
    "XLSX danneggiato": (Bad(b"PK\x03\x04" + b"non un archivio zip" * 10, file_name="dati.xlsx"),
                         ["non è un XLSX leggibile"]),
    "XLSX con foglio vuoto": (Bad(xlsx_bytes({"Foglio1": []}), file_name="dati.xlsx"),
                              ["Il foglio «Foglio1» del file «dati.xlsx» è vuoto"]),
    "foglio inesistente": (Bad(xlsx_bytes({"Foglio1": [CAP_H, cap_row()]}), file_name="dati.xlsx",
                               kwargs={"sheet": "Foglio9"}),
                           ["non ha un foglio «Foglio9»; fogli presenti: Foglio1"]),
    "foglio chiesto per un CSV": (Bad(cap(cap_row()), kwargs={"sheet": "Foglio1"}),
                                  ["è un CSV, che non ha fogli", "«Foglio1»"]),
    "file troppo grande": (Bad(cap(*[cap_row(periodo=f"2024-{m:02d}") for m in range(1, 13)] * 3),
                               kwargs={"limits": SMALL}),
                           ["è troppo grande", "Dividerlo per periodo o per progetto"]),
    "troppe righe (CSV)": (Bad(cap(*[cap_row(periodo=f"2024-{m:02d}") for m in range(1, 12)]),
                               kwargs={"limits": SMALL}),
                           ["ha più di 10 righe di dati (il limite)"]),
    "troppe righe (XLSX)": (Bad(xlsx_bytes({"Foglio1": [CAP_H, *[cap_row(periodo=f"2024-{m:02d}")
                                                                 for m in range(1, 12)]]}),
                                file_name="dati.xlsx", kwargs={"limits": settings.ImportLimits(100_000, 10)}),
                            ["ha più di 10 righe di dati (il limite)"]),
}

# Files read as a table but refused: the exact messages.
C = "«comune» (C)"
REFUSED = {
    "virgola con decimali non tra virgolette": (
        Bad(lines_bytes("periodo,provincia,progetto,servizio,persone,ore",
                        "2024-03,014,SAI-SONDRIO,altro,3,7,5"), table="services"),
        [Expect("la riga ha 7 campi, le intestazioni sono 6", row=2, fix="i decimali vanno scritti con il punto o "
                "tra virgolette")]),
    "punto e virgola con un campo in più": (
        Bad(cap(cap_row() + ["99"])),
        [Expect("la riga ha 9 campi, le intestazioni sono 8", row=2, fix="togliere i valori oltre l'ultima colonna")]),
    "XLSX con intestazioni unite": (
        Bad(xlsx_bytes({"Foglio1": [CAP_H[:2] + [None] + CAP_H[3:], cap_row()]}, merge="B1:C1"),
            file_name="dati.xlsx"),
        [Expect("la colonna ha dati ma nessuna intestazione (celle unite?)", column="C",
                fix="senza unire celle (vicino a: provincia, progetto)")]),
    "XLSX con un'intestazione vuota in mezzo": (
        Bad(xlsx_bytes({"Foglio1": [CAP_H[:4] + [None] + CAP_H[4:], cap_row()[:4] + ["x"] + cap_row()[4:]]}),
            file_name="dati.xlsx"),
        [Expect("la colonna ha dati ma nessuna intestazione (celle unite?)", column="E",
                fix="(vicino a: progetto, target)")]),
    "XLSX con un valore oltre l'ultima intestazione": (
        Bad(xlsx_bytes({"Foglio1": [CAP_H, cap_row(), cap_row(target="donne") + [None, "nota"]]}),
            file_name="dati.xlsx"),
        [Expect("c'è un valore in una colonna senza intestazione", row=3, column="J",
                fix="aggiungere l'intestazione")]),
    "XLSX con una formula (mai calcolata)": (
        Bad(xlsx_bytes({"Foglio1": [CAP_H, cap_row()[:6] + ["=10+2", "10"]]}), file_name="dati.xlsx"),
        [Expect("la cella contiene una formula di cui il file non ha salvato il valore", row=2, column="«posti» (G)",
                fix="salvarlo di nuovo (il valore viene calcolato)")]),
    "colonne obbligatorie mancanti": (
        Bad(csv_bytes(CAP_H[:4], [cap_row()[:4]])),
        [Expect("mancano le colonne obbligatorie: target, strutture, posti, presenze",
                fix="partire dal modello della tabella")]),
    "nessuna intestazione riconosciuta": (
        Bad(csv_bytes(["mese", "zona"], [["2024-03", "014"]])),
        [Expect("colonna non prevista per questa tabella", column="«mese» (A)", fix="Colonne ammesse: periodo"),
         Expect("colonna non prevista per questa tabella", column="«zona» (B)", fix="Colonne ammesse: periodo"),
         Expect("mancano le colonne obbligatorie: periodo, provincia, progetto, target, strutture, posti, presenze "
                "(nessuna intestazione riconosciuta nella prima riga)", fix="le intestazioni vanno nella prima riga")]),
    "colonna non prevista (quasi presenze)": (
        Bad(cap(cap_row() + ["4"], header=CAP_H + ["presenza"])),
        [Expect("colonna non prevista per questa tabella", column="«presenza» (I)", fix="forse «presenze»?")]),
    "colonna ripetuta": (
        Bad(cap(cap_row() + ["11"], header=CAP_H + ["Posti"])),
        [Expect("colonna ripetuta (già nella colonna G)", column="«Posti» (I)")]),
    "codice non ammesso": (
        Bad(cap(cap_row(target="uomin"))),
        [Expect("codice non ammesso", row=2, column="«target» (E)", value="uomin",
                fix="forse «uomini»? Valori ammessi: uomini, donne, nuclei")]),
    "provincia sconosciuta": (
        Bad(cap(cap_row(provincia="Sondrioo"))),
        [Expect("provincia non riconosciuta", row=2, column="«provincia» (B)", value="Sondrioo",
                fix="forse: Sondrio (014)?"),
         Expect("il comune non si può controllare senza una provincia valida", row=2, column=C, value="014061",
                fix="correggere la provincia")]),
    "codice di provincia inesistente": (
        Bad(cap(cap_row(provincia="999", comune=""))),
        [Expect("codice ISTAT di provincia inesistente", row=2, column="«provincia» (B)", value="999",
                fix="codice a tre cifre")]),
    "progetto sconosciuto": (
        Bad(cap(cap_row(progetto="SAI-SONDRI"))),
        [Expect("progetto non registrato", row=2, column="«progetto» (D)", value="SAI-SONDRI",
                fix="forse: SAI-SONDRIO?")]),
    "comune di un'altra provincia (codice e nome)": (
        Bad(cap(cap_row(comune="015146"), cap_row(comune="Milano", target="donne"),
                cap_row(comune="Sondrioo", target="nuclei"))),
        [Expect("il comune Milano è in provincia di Milano, non di Sondrio", row=2, column=C, value="015146",
                fix="controllare la provincia o il comune"),
         Expect("il comune non è nella provincia della riga (Sondrio), ma in: Milano", row=3, column=C,
                value="Milano"),
         Expect("comune non trovato nella provincia Sondrio", row=4, column=C, value="Sondrioo",
                fix="forse: Sondrio, Sondalo?")]),
    "numeri negativi, decimali, ambigui, non numeri, mancanti": (
        Bad(cap(cap_row(strutture="-3", posti="1,234", presenze="2,5"),
                cap_row(target="donne", strutture="tre", posti="", presenze="12.0"))),
        [Expect("il numero è negativo", row=2, column="«strutture» (F)", value="-3", fix="maggiore o uguale a 0"),
         Expect("numero ambiguo: con una virgola e tre cifre si legge come 1,234 (la virgola decimale) o come 1234 "
                "(la virgola inglese delle migliaia)", row=2, column="«posti» (G)", value="1,234",
                fix="scrivere 1234 (senza separatori) se sono migliaia, oppure 1,234 con la virgola decimale"),
         Expect("il numero ha decimali, ma qui si contano persone o unità", row=2, column="«presenze» (H)",
                value="2,5", fix="scrivere un numero intero"),
         Expect("non è un numero", row=3, column="«strutture» (F)", value="tre"),
         Expect("valore mancante", row=3, column="«posti» (G)", fix="scrivere 0 se non ci sono stati casi")]),
    "periodi in altri formati": (
        Bad(cap(cap_row(periodo="03/2024"), cap_row(periodo="marzo 2024", target="donne"),
                cap_row(periodo="2024-13", target="nuclei"), cap_row(periodo="mar-24", target="msna"),
                cap_row(periodo="2024-03-15", target="misto"))),
        [Expect("il periodo non è scritto come AAAA-MM", row=2, column="«periodo» (A)", value="03/2024",
                fix="scrivere 2024-03"),
         Expect("il periodo non è scritto come AAAA-MM", row=3, column="«periodo» (A)", value="marzo 2024",
                fix="scrivere 2024-03"),
         Expect("il mese non esiste", row=4, column="«periodo» (A)", value="2024-13", fix="da 01 a 12"),
         Expect("il periodo non è scritto come AAAA-MM", row=5, column="«periodo» (A)", value="mar-24",
                fix="scrivere 2024-03"),
         Expect("il periodo non è scritto come AAAA-MM", row=6, column="«periodo» (A)", value="2024-03-15",
                fix="scrivere 2024-03")]),
    "periodi fuori dalle date del progetto o nel futuro": (
        Bad(cap(cap_row(periodo="2014-01"), cap_row(periodo="2026-12", target="donne"),
                cap_row(periodo="2024-03", progetto="NAVE-TEST", comune=""),
                cap_row(periodo="2022-09", progetto="NAVE-TEST", comune="", target="donne"))),
        [Expect("il periodo è prima dell'inizio del progetto (2014-02)", row=2, column="«periodo» (A)",
                value="2014-01", fix="controllare periodo e progetto"),
         Expect("il periodo è nel futuro", row=3, column="«periodo» (A)", value="2026-12", fix="anno e mese"),
         Expect("il periodo è dopo la fine del progetto (2024-02)", row=4, column="«periodo» (A)",
                value="2024-03"),
         Expect("il periodo è prima dell'inizio del progetto (2022-10)", row=5, column="«periodo» (A)",
                value="2022-09")]),
    "righe duplicate": (
        Bad(cap(cap_row(), cap_row(target="donne"), cap_row(presenze="9"), cap_row(target="donne"))),
        [Expect("riga duplicata: stessi valori di periodo, provincia, comune, progetto, target della riga 2", row=4,
                fix="tenere una sola riga"),
         Expect("riga duplicata: stessi valori di periodo, provincia, comune, progetto, target della riga 3", row=5)]),
    "colonna Nome": (
        Bad(cap(cap_row() + ["Mario"], header=CAP_H + ["Nome"])),
        [Expect(PERSONAL_FILE, fix="togliere le colonne indicate"),
         Expect("la colonna sembra contenere dati personali (nomi, codici fiscali, date di nascita, contatti, "
                "indirizzi o note)", column="«Nome» (I)", fix="togliere la colonna")]),
    "colonne cognome e codice fiscale (vuote)": (
        Bad(cap(cap_row() + ["", ""], header=CAP_H + ["cognome", "Codice fiscale"])),
        [Expect(PERSONAL_FILE),
         Expect("la colonna sembra contenere dati personali (nomi, codici fiscali, date di nascita, contatti, "
                "indirizzi o note)", column="«cognome» (I)"),
         Expect("la colonna sembra contenere dati personali (nomi, codici fiscali, date di nascita, contatti, "
                "indirizzi o note)", column="«Codice fiscale» (J)")]),
    "codice fiscale in una colonna di codici": (
        Bad(cap(cap_row(target=FISCAL_CODE))),
        [Expect(PERSONAL_FILE, fix="togliere i dati indicati"),
         Expect("sembra un codice fiscale: il cruscotto accetta solo dati aggregati, mai dati di persone", row=2,
                column="«target» (E)", value=imports.HIDDEN, fix="il valore non viene ripetuto")]),
    "email e telefono in colonne di codici e di conteggi": (
        Bad(cap(cap_row(progetto="mario.rossi@example.org"), cap_row(target="donne", presenze="333 1234567"))),
        [Expect(PERSONAL_FILE),
         Expect("sembra un indirizzo email: il cruscotto accetta solo dati aggregati, mai dati di persone", row=2,
                column="«progetto» (D)", value=imports.HIDDEN),
         Expect("sembra un numero di telefono: il cruscotto accetta solo dati aggregati, mai dati di persone",
                row=3, column="«presenze» (H)", value=imports.HIDDEN)]),
    "ANTITRATTA con il comune": (
        Bad(cap(cap_row(periodo="2023-05", progetto="NAVE-TEST", target="donne"))),
        [Expect("per i progetti ANTITRATTA il comune non si indica (le case protette non si localizzano sotto la "
                "provincia)", row=2, column=C, value="014061", fix="lasciare vuota la colonna comune")]),
    "solo intestazioni": (Bad(cap()), [Expect(NO_ROWS, fix="aggiungere le righe")]),
    "commenti e righe vuote prima delle intestazioni": (
        Bad(csv_bytes(CAP_H, [cap_row(target="uomin")], comments=("modello", "nota")).replace(
            b"periodo;", b"\r\nperiodo;", 1)),
        [Expect("codice non ammesso", row=5, column="«target» (E)", value="uomin")]),
}


def _bad_param(cases: dict) -> list:
    return [pytest.param(bad, expected, id=name) for name, (bad, expected) in cases.items()]


# --- Bad files: the message each one gets -------------------------------------------------------------------------
@pytest.mark.parametrize(("bad", "fragments"), _bad_param(UNREADABLE))
def test_unreadable_file_is_refused_with_its_message(ref_engine, bad, fragments):
    with pytest.raises(imports.FileProblem) as info:
        check(ref_engine, bad.data, bad.table, bad.file_name, **bad.kwargs)
    message = str(info.value)
    for fragment in [f"«{bad.file_name}»", *fragments]:
        assert fragment in message, message


@pytest.mark.parametrize(("bad", "expected"), _bad_param(REFUSED))
def test_refused_file_gets_the_expected_messages(ref_engine, bad, expected):
    report = check(ref_engine, bad.data, bad.table, bad.file_name, **bad.kwargs)
    assert_messages(report, expected)
    assert report.errors and not report.ok
    assert report.frame is None and report.diff is None
    assert report.summary().endswith(f"{len(report.errors)} errori, {len(report.warnings)} avvisi: nulla è stato "
                                     "caricato.")
    with pytest.raises(ValueError, match="Il file ha errori: correggerli prima di caricare"):
        imports.apply(ref_engine, report, actor="prova")


def test_unknown_table_is_refused(ref_engine):
    with pytest.raises(imports.FileProblem, match="Tabella sconosciuta «persone»; ammesse: projects, capacity"):
        check(ref_engine, cap(cap_row()), "persone")


def test_empty_extra_column_is_only_a_warning(ref_engine):
    report = check(ref_engine, cap(cap_row() + [""], cap_row(target="donne") + [" "], header=CAP_H + ["altro"]))
    assert_messages(report, [Expect("colonna non prevista e vuota: ignorata", column="«altro» (I)",
                                    fix="si può togliere", level=imports.WARNING)])
    assert report.ok and len(report.frame) == 2
    assert list(report.frame.columns) == list(contract_columns("capacity"))


def test_period_of_the_current_month_is_accepted(ref_engine):
    report = check(ref_engine, cap(cap_row(periodo="2026-11")))
    assert report.ok and report.messages == [], [m.line() for m in report.messages]


def test_row_limit_is_inclusive(ref_engine):
    ten = cap(*[cap_row(periodo=f"2024-{m:02d}") for m in range(1, 11)])
    assert len(ten) <= SMALL.max_bytes
    report = check(ref_engine, ten, limits=SMALL)
    assert report.ok and report.rows == 10


@pytest.mark.parametrize(("limit", "size"), [
    pytest.param(SMALL.max_bytes, 1_500, id="limite di 1000 byte"),
    pytest.param(20 * 1024 * 1024, 20 * 1024 * 1024 + 20_000, id="limite di 20 MB"),
])
def test_too_big_message_shows_a_size_above_the_limit(ref_engine, limit, size):
    """BUG: the size and the limit are both rounded to 0.1 MB, so a file just over the limit is told
    "è troppo grande: 20,0 MB (limite 20,0 MB)" (and a small limit gives "0,0 MB (limite 0,0 MB)")."""
    data = cap(cap_row()) + b"#" * (size - len(cap(cap_row())))
    with pytest.raises(imports.FileProblem) as info:
        check(ref_engine, data, limits=settings.ImportLimits(limit, 10))
    found = re.search(r"è troppo grande: (.+?) \(limite (.+?)\)", str(info.value))
    assert found, str(info.value)
    assert found.group(1) != found.group(2), str(info.value)


def test_messages_for_one_problem_are_capped(ref_engine):
    report = check(ref_engine, cap(*[cap_row(periodo=f"{2000 + y}-{m:02d}", target="uomin")
                                     for y in range(15, 17) for m in range(1, 13)]))
    per_row = [m for m in report.messages if m.problem == "codice non ammesso"]
    assert len(per_row) == imports.MAX_MESSAGES_PER_PROBLEM
    assert [m.row for m in per_row] == list(range(2, 22))
    assert [m.problem for m in report.messages if m.row is None] == [
        "codice non ammesso: altre 4 righe con lo stesso problema"]


# --- Personal data are never echoed ---------------------------------------------------------------------------------
def test_fiscal_code_is_hidden_everywhere(ref_engine):
    report = check(ref_engine, cap(cap_row(target=FISCAL_CODE), cap_row(target="donne", progetto=FISCAL_CODE)))
    said = everything_said(report)
    assert FISCAL_CODE not in said and FISCAL_CODE.lower() not in said.lower()
    assert said.count(imports.HIDDEN) >= 3  # two messages, in the lines, the CSV and the frame
    assert report.errors[0].problem == PERSONAL_FILE


def test_name_column_values_are_never_echoed(ref_engine):
    report = check(ref_engine, cap(cap_row() + ["Giuseppina"], header=CAP_H + ["Nome e cognome"]))
    assert report.errors[0].problem == PERSONAL_FILE and not report.ok
    assert "Giuseppina" not in everything_said(report)


def test_personal_values_in_a_first_row_without_headers_are_not_echoed(ref_engine):
    """BUG: a file without a header row (a list of people) has its first row taken as headers, and each unknown
    header is repeated in the message's column («RSSMRA80A01H501U» (A)), in the report and its CSV."""
    data = lines_bytes(f"{FISCAL_CODE};mario.rossi@example.org;2024-03", "VRDLGU70B02F205X;l.verdi@example.org;2024-04")
    report = check(ref_engine, data)
    assert not report.ok
    said = everything_said(report)
    assert FISCAL_CODE not in said
    assert "mario.rossi@example.org" not in said
    assert report.errors[0].problem == PERSONAL_FILE


# --- The report -------------------------------------------------------------------------------------------------------
def test_report_frame_and_csv(ref_engine):
    report = check(ref_engine, cap(cap_row(target="=1+2"), cap_row(target="donne", presenze="14", posti="12")))
    frame = imports.report_frame(report)
    assert list(frame.columns) == list(imports.REPORT_COLUMNS)
    assert frame.to_dict("records") == [{
        "livello": "errore", "riga": 2, "colonna": "«target» (E)", "valore": "=1+2", "problema": "codice non ammesso",
        "come correggere": "Valori ammessi: uomini, donne, nuclei, monoparentali, msna, dm_ds, lgbtqia, misto"}, {
        "livello": "avviso", "riga": 3, "colonna": "«presenze» (H)", "valore": "14",
        "problema": "presenze superiori ai posti (12)",
        "come correggere": "controllare: è possibile solo con posti aggiuntivi temporanei"}]  # in the same pass
    rows = list(csv.reader(io.StringIO(report_csv_text(report)), delimiter=";"))
    assert rows[0] == ["# " + report.summary()]
    assert rows[0][0].startswith("# File «dati.csv» (CSV, separatore punto e virgola, UTF-8), tabella capacity: 2 "
                                 "righe lette; 1 errori, 1 avvisi: nulla è stato caricato.")
    assert rows[1] == list(imports.REPORT_COLUMNS)
    assert rows[2][:4] == ["errore", "2", "«target» (E)", "'=1+2"]  # a formula is neutralised


def test_report_lists_errors_before_warnings(ref_engine):
    report = check(ref_engine, cap(cap_row() + [""], cap_row(target="donne", strutture="x") + [""],
                                   header=CAP_H + ["altro"]))
    assert [(m.level, m.row) for m in report.messages] == [("avviso", None), ("errore", 3)]
    frame = imports.report_frame(report)
    assert frame["livello"].tolist() == ["errore", "avviso"]
    assert frame["riga"].iloc[0] == 3 and pd.isna(frame["riga"].iloc[1])
    assert [m.line() for m in report.messages] == [
        "Avviso - colonna «altro» (I): colonna non prevista e vuota: ignorata. Si può togliere.",
        "Errore - riga 3, colonna «strutture» (F): valore «x»: non è un numero. Scrivere un numero intero maggiore o "
        "uguale a 0 (0 se non ci sono casi)"]


# --- Good files in every accepted form give the same rows --------------------------------------------------------
CANON = [  # capacity rows as the database holds them (file order of the columns)
    ("2024-03", "014", "014061", "SAI-SONDRIO", "uomini", 3, 12, 10),
    ("2024-03", "014", None, "SAI-SONDRIO", "donne", 1, 6, 6),
    ("2024-03", "040", "040012", "SAI-SONDRIO", "nuclei", 2, 20, 17),
    ("2023-05", "014", None, "NAVE-TEST", "donne", 1, 5, 4),
]
CAP_FIELDS = ("period", "province_code", "municipality_code", "project_code", "target_group", "structures",
              "places", "occupied")
CANON_FRAME = rows_frame("capacity", [dict(zip(CAP_FIELDS, row, strict=True)) for row in CANON])
CODES = [[p, pr, m, code, t, str(s), str(pl), str(o)] for p, pr, m, code, t, s, pl, o in CANON]
NAMES = [  # province and comune by name, with accents
    ["2024-03", "Sondrio", "Sondrio", "SAI-SONDRIO", "uomini", "3", "12", "10"],
    ["2024-03", "sondrio", "", "SAI-SONDRIO", "donne", "1", "6", "6"],
    ["2024-03", "Forlì-Cesena", "Forlì", "SAI-SONDRIO", "nuclei", "2", "20", "17"],
    ["2023-05", "SONDRIO", "", "NAVE-TEST", "donne", "1", "5", "4"],
]
SHORT = [  # codes without leading zeros, sigle, odd case and spaces
    ["2024-03", "14", "14061", "sai-sondrio", "UOMINI", "3", "12", "10"],
    ["2024-03", "SO", "", "SAI-SONDRIO", " Donne ", "1", "6", "6"],
    ["2024-03", "fc", "40012", "Sai-Sondrio", "Nuclei", "2", "20", "17"],
    ["2023-05", " 014 ", "", "nave-test", "donne", " 1", "5 ", "4"],
]
ODD_HEADERS = ["Periodo ", "PROVINCIA", "Municipality_Code", "project_code", "Target Group", "STRUCTURES", "places",
               " Occupied"]
XLSX_TYPED = [  # numbers as numbers, the period as a real date cell
    [dt.datetime(2024, 3, 1), 14, 14061, "SAI-SONDRIO", "uomini", 3, 12, 10],
    [dt.datetime(2024, 3, 31), 14, None, "SAI-SONDRIO", "donne", 1.0, 6, 6],
    [dt.date(2024, 3, 15), 40, 40012, "SAI-SONDRIO", "nuclei", 2, 20, 17.0],
    ["2023-05", "014", None, "NAVE-TEST", "donne", 1, 5, 4],
]
GOOD_FORMS = {
    "punto e virgola, UTF-8, codici": (cap(*CODES), {}, "CSV, separatore punto e virgola, UTF-8"),
    "virgola, intestazioni inglesi e strane": (csv_bytes(ODD_HEADERS, CODES, sep=","), {},
                                               "CSV, separatore virgola, UTF-8"),
    "UTF-8 con BOM, nomi con accenti": (csv_bytes(CAP_H, NAMES, bom=True), {},
                                        "CSV, separatore punto e virgola, UTF-8 con BOM"),
    "Windows-1252, nomi con accenti": (csv_bytes(CAP_H, NAMES, encoding="cp1252"), {},
                                       "CSV, separatore punto e virgola, Windows-1252"),
    "virgola, sigle e codici senza zeri": (csv_bytes(CAP_H, SHORT, sep=","), {}, "CSV, separatore virgola, UTF-8"),
    "commenti, righe vuote e virgolette": (
        csv_bytes(CAP_H, CODES, comments=("Modello", "riga di commento; con separatore")).replace(
            b"\r\n2023-05", b"\r\n\r\n;;;;;;;\r\n2023-05").replace(b"SAI-SONDRIO", b'"SAI-SONDRIO"'), {},
        "CSV, separatore punto e virgola, UTF-8"),
    "XLSX, primo foglio, numeri e date": (xlsx_bytes({"Foglio1": [CAP_H, *XLSX_TYPED], "Altro": [["x"]]}), {},
                                          "XLSX, foglio «Foglio1», uno di 2; altri fogli: «Altro»"),
    "XLSX, foglio indicato, nomi": (
        xlsx_bytes({"Istruzioni": [["Leggere prima"], ["periodo", "provincia"]],
                    "Foglio2": [["# dati di marzo"], [], ODD_HEADERS, *NAMES]}),
        {"sheet": "Foglio2"}, "XLSX, foglio «Foglio2», uno di 2; altri fogli: «Istruzioni»"),
}


@pytest.mark.parametrize(("data", "kwargs", "details"),
                         [pytest.param(*v, id=k) for k, v in GOOD_FORMS.items()])
def test_every_accepted_form_gives_the_same_rows(ref_engine, data, kwargs, details):
    report = check(ref_engine, data, file_name="accoglienza.xlsx", **kwargs)
    assert report.messages == [], [m.line() for m in report.messages]
    assert report.ok and report.rows == 4 and report.details == details
    pd.testing.assert_frame_equal(report.frame.reset_index(drop=True), CANON_FRAME)
    assert report.diff == imports.Diff(added=4, replaced=0, replaced_current=0, unchanged=0)
    assert report.file_hash == hashlib.sha256(data).hexdigest()
    assert report.summary() == (f"File «accoglienza.xlsx» ({details}), tabella capacity: 4 righe lette; nessun "
                                "errore, 0 avvisi; da aggiungere 4, da sostituire 0 (al posto di 0 righe attuali), "
                                "invariate 0.")


SERVICE_ROWS = [["2024-03", "014", "SAI-SONDRIO", "orientamento_legale", "6", "14,5"],
                ["2024-03", "014", "SAI-SONDRIO", "supporto_psicologico", "2", "0,25"],
                ["2024-04", "014", "SAI-SONDRIO", "altro", "0", "3"]]
SERVICE_FORMS = {
    "punto e virgola, virgola decimale": csv_bytes(SERVICES_H, SERVICE_ROWS),
    "virgola, virgola decimale tra virgolette": csv_bytes(SERVICES_H, SERVICE_ROWS, sep=","),
    "virgola, punto decimale": csv_bytes(["period", "province_code", "project_code", "service", "people", "hours"],
                                         [r[:5] + [r[5].replace(",", ".")] for r in SERVICE_ROWS], sep=","),
    "XLSX, numeri": xlsx_bytes({"Foglio1": [SERVICES_H, *[r[:4] + [int(r[4]), float(r[5].replace(",", "."))]
                                                          for r in SERVICE_ROWS]]}),
    "codici con spazi e maiuscole": csv_bytes(SERVICES_H, [r[:3] + [r[3].replace("_", " ").title()] + r[4:]
                                                           for r in SERVICE_ROWS]),
}


@pytest.mark.parametrize("data", [pytest.param(v, id=k) for k, v in SERVICE_FORMS.items()])
def test_decimal_hours_in_every_form(ref_engine, data):
    report = check(ref_engine, data, "services")
    assert report.ok and report.messages == [], [m.line() for m in report.messages]
    expected = rows_frame("services", [
        {"period": "2024-03", "province_code": "014", "project_code": "SAI-SONDRIO", "service": "orientamento_legale",
         "people": 6, "hours": 14.5},
        {"period": "2024-03", "province_code": "014", "project_code": "SAI-SONDRIO",
         "service": "supporto_psicologico", "people": 2, "hours": 0.25},
        {"period": "2024-04", "province_code": "014", "project_code": "SAI-SONDRIO", "service": "altro",
         "people": 0, "hours": 3.0},
    ])
    pd.testing.assert_frame_equal(report.frame.reset_index(drop=True), expected)


# --- Templates ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("table", list(COLUMNS))
def test_templates_parse_back_empty_and_filled(ref_engine, table):
    headers = [c.header for c in COLUMNS[table]]
    template = import_files.template_csv(table)
    assert template.startswith(codecs.BOM_UTF8)
    raw = imports.read_file(template, f"modello_{table}.csv")
    assert raw.headers == headers and raw.rows == []
    workbook_bytes = import_files.template_xlsx(table)
    assert imports.sheet_names(workbook_bytes) == ["Dati", "Istruzioni"]
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    assert [c.value for c in workbook["Dati"][1]] == headers
    instructions = {c.value for row in workbook["Istruzioni"].iter_rows() for c in row}
    assert set(headers) <= instructions and TITLES[table] in " ".join(str(v) for v in instructions)
    for data, name in ((template, "modello.csv"), (workbook_bytes, "modello.xlsx")):
        report = check(ref_engine, data, table, name)
        assert_messages(report, [Expect(NO_ROWS)])
    # filled with the example row of each column
    filled_csv = template + (";".join(template_row(table)) + "\r\n").encode("utf-8")
    sheet = workbook["Dati"]
    for j, value in enumerate(template_row(table), start=1):
        sheet.cell(row=2, column=j, value=value or None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    for data, name in ((filled_csv, "modello.csv"), (buffer.getvalue(), "modello.xlsx")):
        report = check(ref_engine, data, table, name)
        assert report.ok and report.rows == 1, [m.line() for m in report.messages]
        assert report.messages == []
        assert report.diff.added + report.diff.replaced == 1


# --- Data steward scope ---------------------------------------------------------------------------------------------
STEWARD = frozenset({"SAI-SONDRIO"})


def test_steward_cannot_load_rows_of_another_project(ref_engine):
    report = check(ref_engine, cap(cap_row(), cap_row(periodo="2023-05", progetto="NAVE-TEST", comune="",
                                                      target="donne")), projects=STEWARD)
    assert_messages(report, [Expect("il progetto non è tra quelli assegnati al proprio profilo", row=3,
                                    column="«progetto» (D)", value="NAVE-TEST",
                                    fix="chiedere all'amministratore di assegnarlo")])
    own = check(ref_engine, cap(cap_row(), cap_row(target="donne")), projects=STEWARD)
    assert own.ok and own.diff.added == 2


@pytest.mark.parametrize("table", ["projects", "network_members", "meetings", "actions", "training"])
def test_steward_cannot_load_tables_without_a_project(ref_engine, table):
    data = import_files.template_csv(table) + (";".join(template_row(table)) + "\r\n").encode("utf-8")
    assert check(ref_engine, data, table).ok  # an administrator may
    report = check(ref_engine, data, table, projects=STEWARD)
    assert_messages(report, [Expect(f"la tabella «{TITLES[table]}» la carica solo un amministratore",
                                    fix="i referenti dati caricano i dati dei propri progetti")])
    assert table not in imports.tables_for(STEWARD)


def test_tables_for_roles():
    assert imports.tables_for(None) == list(COLUMNS)
    assert imports.tables_for(STEWARD) == ["capacity", "outreach", "outreach_activity", "services"]


# --- Writing: both backends -----------------------------------------------------------------------------------------
def test_bad_files_leave_the_database_unchanged(db_engine):
    """Every file of the corpus, checked against a database that already holds imported data: nothing written,
    nothing audited, and a refused report cannot be applied."""
    for data, table in ((cap(*CODES), "capacity"), (csv_bytes(OUTREACH_H, [out_row(), out_row(gender="uomo")]),
                                                    "outreach")):
        assert imports.apply(db_engine, check(db_engine, data, table), actor="admin").version is not None
    before = snapshot(db_engine)
    assert before["capacity (attuali)"] == 4 and before["outreach (attuali)"] == 2 and before["outreach_cube"] > 0
    for name, (bad, _) in UNREADABLE.items():
        with pytest.raises(imports.FileProblem):
            check(db_engine, bad.data, bad.table, bad.file_name, **bad.kwargs)
        assert snapshot(db_engine) == before, name
    for name, (bad, _) in REFUSED.items():
        report = check(db_engine, bad.data, bad.table, bad.file_name, **bad.kwargs)
        assert report.errors and not report.ok and report.diff is None, name
        with pytest.raises(ValueError, match="Il file ha errori"):
            imports.apply(db_engine, report, actor="admin")
        assert snapshot(db_engine) == before, name


def test_apply_makes_a_version_and_reapplying_changes_nothing(db_engine):
    data = cap(*CODES)
    report = check(db_engine, data, file_name="accoglienza.csv")
    before = snapshot(db_engine)
    shares: list[float] = []
    result = imports.apply(db_engine, report, actor="admin.prova", progress=shares.append)
    assert shares and shares[-1] == 1.0
    assert result.version is not None and result.diff == imports.Diff(4, 0, 0, 0)
    version = version_row(db_engine, result.version)
    assert (version.kind, version.created_by, version.rows, version.status) == ("demo_import", "admin.prova", 4,
                                                                                "attiva")
    assert version.file_hash == hashlib.sha256(data).hexdigest()
    assert version.source == "accoglienza.csv (capacity)"
    assert loading.data_state(db_engine)["demo"]  # an import in a demo database keeps it in demo mode
    pd.testing.assert_frame_equal(current_rows(db_engine, "capacity"), sort_rows(CANON_FRAME))
    keys = current_rows(db_engine, "capacity", extra=("ck_occupied",))["ck_occupied"]
    assert (keys != 0).all()  # every non-zero count got its cell key
    listed = imports.versions(db_engine)
    assert listed.iloc[0][["id", "kind", "created_by", "rows", "status"]].tolist() == [
        result.version, "demo_import", "admin.prova", 4, "attiva"]
    assert imports.rollback_candidates(db_engine) == [result.version]

    after_first = snapshot(db_engine)
    assert after_first["capacity"] == before["capacity"] + 4
    again = check(db_engine, data, file_name="accoglienza.csv")
    assert again.ok and again.diff == imports.Diff(added=0, replaced=0, replaced_current=0, unchanged=4)
    assert again.summary().endswith("da aggiungere 0, da sostituire 0 (al posto di 0 righe attuali), invariate 4.")
    repeat = imports.apply(db_engine, again, actor="admin.prova")
    assert repeat == imports.LoadResult(None, again.diff)
    after_second = snapshot(db_engine)
    assert {k: v for k, v in after_second.items() if k != "audit_events"} == \
        {k: v for k, v in after_first.items() if k != "audit_events"}
    pd.testing.assert_frame_equal(current_rows(db_engine, "capacity"), sort_rows(CANON_FRAME))

    uploads = audit(db_engine, "upload")
    digest = hashlib.sha256(data).hexdigest()[:16]
    common = {"tabella": "capacity", "file": "accoglienza.csv", "sha256": digest, "righe": 4, "sostituite": 0,
              "errori": 0, "avvisi": 0}
    assert uploads == [("admin.prova", {**common, "versione": result.version, "aggiunte": 4, "invariate": 0}),
                       ("admin.prova", {**common, "versione": None, "aggiunte": 0, "invariate": 4})]
    details = json.dumps([d for _, d in uploads])
    for raw_value in ("SAI-SONDRIO", "014061", "uomini", "2024-03", "17"):
        assert raw_value not in details


def test_every_table_loads_its_template_example_once(db_engine):
    """Each table's example row loads, and the same file checked again is unchanged: the preview compares the file
    with what the backend gives back (dates, decimals, empty values)."""
    for table in COLUMNS:
        data = import_files.template_csv(table) + (";".join(template_row(table)) + "\r\n").encode("utf-8")
        report = check(db_engine, data, table, f"{table}.csv")
        assert report.ok and report.diff.changes, table
        assert imports.apply(db_engine, report, actor="admin").version is not None, table
        again = check(db_engine, data, table, f"{table}.csv")
        assert again.diff == imports.Diff(added=0, replaced=0, replaced_current=0, unchanged=1), table
        assert imports.apply(db_engine, again, actor="admin").version is None
    stored = current_rows(db_engine, "services")
    assert stored[["service", "people", "hours"]].values.tolist() == [["orientamento_legale", 6, 14.5]]
    meetings = current_rows(db_engine, "meetings")
    assert meetings["date"].tolist() == [dt.date(2024, 3, 12)]


def test_applying_the_same_report_twice_does_not_duplicate_rows(db_engine):
    """BUG: apply trusts the preview computed by check; a report applied twice (a double click, two tabs, two
    data stewards of one project) inserts its "added" rows twice: the current data then count every person
    twice for those months."""
    report = check(db_engine, cap(*CODES))
    first = imports.apply(db_engine, report, actor="admin")
    assert first.version is not None
    second = imports.apply(db_engine, report, actor="admin")
    assert len(current_rows(db_engine, "capacity")) == 4
    assert second.version is None


def test_changed_file_replaces_and_rollback_restores(db_engine):
    v1_rows = [cap_row(), cap_row(target="donne", comune="", strutture="1", posti="6", presenze="6"),
               cap_row(target="nuclei", strutture="2", posti="20", presenze="17"),
               cap_row(periodo="2024-04", presenze="11")]
    v1 = imports.apply(db_engine, check(db_engine, cap(*v1_rows), file_name="marzo.csv"), actor="admin").version
    state_v1 = current_rows(db_engine, "capacity")
    assert len(state_v1) == 4

    changed = cap(cap_row(presenze="9"), cap_row(target="msna", strutture="1", posti="8", presenze="8"),
                  cap_row(periodo="2024-04", presenze="11"))
    report = check(db_engine, changed, file_name="marzo_corretto.csv")
    assert report.diff == imports.Diff(added=0, replaced=2, replaced_current=3, unchanged=1)
    v2 = imports.apply(db_engine, report, actor="referente").version
    assert version_row(db_engine, v2).rows == 2  # only the replacing rows go in
    now = current_rows(db_engine, "capacity")
    assert len(now) == 3
    assert now[["period", "target_group", "occupied"]].values.tolist() == [
        ["2024-03", "msna", 8], ["2024-03", "uomini", 9], ["2024-04", "uomini", 11]]
    t = TABLES["capacity"].model.__table__
    with db_engine.connect() as conn:
        closed = conn.execute(select(t.c.period, t.c.target_group, t.c.occupied)
                              .where(t.c.version_from == v1, t.c.version_to == v2)).all()
    assert sorted(closed) == [("2024-03", "donne", 6), ("2024-03", "nuclei", 17), ("2024-03", "uomini", 10)]

    with pytest.raises(loading.RollbackError) as info:
        imports.rollback(db_engine, v1, actor="admin")
    assert str(info.value) == (f"Una parte dei dati della versione {v1} è stata sostituita dalla versione {v2}: "
                               f"annullare prima la versione {v2}.")
    with pytest.raises(loading.RollbackError, match=r"La versione 1 non è un caricamento di file \(demo\)"):
        imports.rollback(db_engine, 1, actor="admin")
    with pytest.raises(loading.RollbackError, match="La versione 999 non esiste"):
        imports.rollback(db_engine, 999, actor="admin")

    undo = imports.rollback(db_engine, v2, actor="admin")
    pd.testing.assert_frame_equal(current_rows(db_engine, "capacity"), state_v1)
    assert version_row(db_engine, v2).status == "annullata"
    undo_row = version_row(db_engine, undo)
    assert (undo_row.kind, undo_row.created_by, undo_row.status) == ("demo_rollback", "admin", "attiva")
    listed = imports.versions(db_engine).set_index("id")["status"]
    assert listed[v2] == "annullata" and listed[v1] == "attiva"
    assert v2 not in imports.rollback_candidates(db_engine)
    with pytest.raises(loading.RollbackError, match=f"La versione {v2} è già stata annullata"):
        imports.rollback(db_engine, v2, actor="admin")
    assert audit(db_engine, "rollback") == [("admin", {"versione": v2, "nuova_versione": undo})]
    # after the rollback, the corrected file is a change again
    assert check(db_engine, changed).diff == imports.Diff(added=0, replaced=2, replaced_current=3, unchanged=1)


def test_earlier_import_can_be_rolled_back_once_the_later_one_is_undone(db_engine):
    """BUG: the rows of v1 replaced by v2 keep version_to = v2 after v2 is rolled back (the undo restores copies),
    so rolling back v1 is refused for ever with "annullare prima la versione v2", a version already undone."""
    v1 = imports.apply(db_engine, check(db_engine, cap(cap_row(), cap_row(periodo="2024-04"))), actor="a").version
    v2 = imports.apply(db_engine, check(db_engine, cap(cap_row(presenze="9"))), actor="a").version
    imports.rollback(db_engine, v2, actor="a")
    imports.rollback(db_engine, v1, actor="a")
    assert current_rows(db_engine, "capacity").empty
    assert version_row(db_engine, v1).status == "annullata"


def cube_and_current(engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The outreach cube, and the same sums computed from the current outreach rows, in one layout."""
    measures = [*OUTREACH_MEASURES, *[f"ck_{m}" for m in OUTREACH_MEASURES]]
    rows = current_rows(engine, "outreach", extra=tuple(f"ck_{m}" for m in OUTREACH_MEASURES))
    index = ["dimension", "category", "period", "province_code", "project_code"]
    expected = pd.concat([
        *[rows.groupby([d, "period", "province_code", "project_code"])[measures].sum().reset_index()
          .rename(columns={d: "category"}).assign(dimension=d) for d in CUBE_DIMENSIONS],
        rows.groupby(["period", "province_code", "project_code"])[measures].sum().reset_index()  # the totals' rows
        .assign(dimension=CUBE_TOTAL, category=CUBE_TOTAL)])
    with engine.connect() as conn:
        cube = pd.DataFrame(conn.execute(select(*[OutreachCube.__table__.c[c] for c in index + measures])).all(),
                            columns=index + measures)

    def tidy(frame: pd.DataFrame) -> pd.DataFrame:
        return (frame[index + measures].astype(dict.fromkeys(measures, "int64")).sort_values(index)
                .reset_index(drop=True))

    return tidy(cube), tidy(expected)


def test_outreach_cube_follows_imports_and_rollbacks(db_engine):
    v1_file = csv_bytes(OUTREACH_H, [out_row(), out_row(gender="uomo", contacts=7, new=7, take_ins=0),
                                     out_row(age="26-40", channel="drop_in", contacts=13, new=2, take_ins=3),
                                     out_row(period="2023-05", project="NAVE-TEST", contacts=40, new=9)])
    v1 = imports.apply(db_engine, check(db_engine, v1_file, "outreach"), actor="admin").version
    cube, expected = cube_and_current(db_engine)
    pd.testing.assert_frame_equal(cube, expected)
    totals_v1 = expected[expected["dimension"] == "gender"].groupby(["project_code", "period"])["contacts"].sum()
    assert totals_v1.to_dict() == {("NAVE-TEST", "2023-05"): 40, ("SAI-SONDRIO", "2024-03"): 45}

    v2_file = csv_bytes(OUTREACH_H, [out_row(contacts=30, new=10), out_row(gender="transgender", contacts=5, new=5,
                                                                          take_ins=0)])
    report = check(db_engine, v2_file, "outreach")
    assert report.diff == imports.Diff(added=0, replaced=2, replaced_current=3, unchanged=0)
    v2 = imports.apply(db_engine, report, actor="admin").version
    cube, expected = cube_and_current(db_engine)
    pd.testing.assert_frame_equal(cube, expected)
    sai = cube[(cube["project_code"] == "SAI-SONDRIO") & (cube["dimension"] == "gender")]
    assert dict(zip(sai["category"], sai["contacts"], strict=True)) == {"donna": 30, "transgender": 5}

    imports.rollback(db_engine, v2, actor="admin")
    cube, expected = cube_and_current(db_engine)
    pd.testing.assert_frame_equal(cube, expected)
    for dimension in (*CUBE_DIMENSIONS, CUBE_TOTAL):
        sums = cube[cube["dimension"] == dimension].groupby(["project_code", "period"])["contacts"].sum()
        assert sums.to_dict() == totals_v1.to_dict(), dimension
    sai = cube[(cube["project_code"] == "SAI-SONDRIO") & (cube["dimension"] == "age_group")]
    assert dict(zip(sai["category"], sai["contacts"], strict=True)) == {"18-25": 32, "26-40": 13}
    assert v1 in imports.rollback_candidates(db_engine)


def test_two_forms_of_one_file_store_identical_rows(db_engine):
    semicolon = GOOD_FORMS["punto e virgola, UTF-8, codici"][0]
    workbook = GOOD_FORMS["XLSX, primo foglio, numeri e date"][0]
    v1 = imports.apply(db_engine, check(db_engine, semicolon), actor="admin").version
    from_csv = current_rows(db_engine, "capacity", extra=("ck_occupied",))
    same = check(db_engine, workbook, file_name="dati.xlsx")
    assert same.diff == imports.Diff(added=0, replaced=0, replaced_current=0, unchanged=4)
    assert imports.apply(db_engine, same, actor="admin").version is None
    imports.rollback(db_engine, v1, actor="admin")
    assert current_rows(db_engine, "capacity").empty
    assert imports.apply(db_engine, check(db_engine, workbook, file_name="dati.xlsx"), actor="admin").version
    pd.testing.assert_frame_equal(current_rows(db_engine, "capacity", extra=("ck_occupied",)), from_csv)


def test_warnings_do_not_block_the_load(db_engine):
    capacity = check(db_engine, cap(cap_row(periodo="2023-05", progetto="NAVE-TEST", comune="", target="donne",
                                            posti="5", presenze="7")))
    assert_messages(capacity, [Expect("presenze superiori ai posti (5)", row=2, column="«presenze» (H)", value="7",
                                      fix="posti aggiuntivi temporanei", level=imports.WARNING)])
    outreach = check(db_engine, csv_bytes(OUTREACH_H, [out_row(contacts=3, new=4, take_ins=5)]), "outreach")
    assert_messages(outreach, [
        Expect("prese in carico superiori ai contatti (3)", row=2, column="«prese_in_carico» (M)", value="5",
               fix="invii da altri enti", level=imports.WARNING),
        Expect("nuovi contatti superiori ai contatti (3)", row=2, column="«nuovi_contatti» (I)", value="4",
               level=imports.WARNING)])
    for report, table in ((capacity, "capacity"), (outreach, "outreach")):
        assert report.ok and not report.errors
        assert report.summary().endswith(f"nessun errore, {len(report.warnings)} avvisi; da aggiungere 1, da "
                                         "sostituire 0 (al posto di 0 righe attuali), invariate 0.")
        assert imports.apply(db_engine, report, actor="admin").version is not None
        assert len(current_rows(db_engine, table)) == 1
    assert [d["avvisi"] for _, d in audit(db_engine, "upload")] == [1, 2]


def test_projects_register_and_filled_template(db_engine):
    projects = csv_bytes([c.header for c in COLUMNS["projects"]], [
        ["NUOVO-1", "Progetto nuovo", "sai", "Comune di Sondrio", "", "01/03/2024", "", "Avviso 2024"]])
    report = check(db_engine, projects, "projects", "progetti.csv")
    assert report.ok and report.diff == imports.Diff(1, 0, 0, 0)
    version = imports.apply(db_engine, report, actor="admin").version
    with db_engine.connect() as conn:
        row = conn.execute(select(Project.__table__).where(Project.project_code == "NUOVO-1")).one()
    assert (row.programme, row.start_date, row.end_date, row.version_id) == ("SAI", dt.date(2024, 3, 1), None,
                                                                            version)
    assert imports.apply(db_engine, check(db_engine, projects, "projects"), actor="admin").version is None
    with pytest.raises(loading.RollbackError, match="ha caricato l'anagrafica dei progetti, che non si annulla"):
        imports.rollback(db_engine, version, actor="admin")
    # the new project is known at once: its dates apply to the data files
    early = check(db_engine, cap(cap_row(progetto="nuovo-1", periodo="2024-02")))
    assert_messages(early, [Expect("il periodo è prima dell'inizio del progetto (2024-03)", row=2,
                                   column="«periodo» (A)", value="2024-02")])
    # the XLSX template of outreach, filled in by hand, loads
    workbook = openpyxl.load_workbook(io.BytesIO(import_files.template_xlsx("outreach")))
    for j, value in enumerate(out_row(project="NUOVO-1", contacts=6, new=6, take_ins=2), start=1):
        workbook["Dati"].cell(row=2, column=j, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    filled = check(db_engine, buffer.getvalue(), "outreach", "emersione.xlsx")
    assert filled.ok and filled.messages == []
    assert filled.details == "XLSX, foglio «Dati», uno di 2; altri fogli: «Istruzioni»"
    assert imports.apply(db_engine, filled, actor="admin").version is not None
    rows = current_rows(db_engine, "outreach")
    assert rows[["project_code", "period", "contacts", "take_ins"]].values.tolist() == [["NUOVO-1", "2024-03", 6, 2]]


# --- The messages in English --------------------------------------------------------------------------------------
def test_every_message_of_the_corpus_is_said_in_english(ref_engine):
    """The words come from the catalogue: every message of the bad-file corpus has its English version, with every
    placeholder filled (the import page says them in the user's language; the command line in Italian)."""
    for name, (bad, _) in UNREADABLE.items():
        with pytest.raises(imports.FileProblem) as info:
            check(ref_engine, bad.data, bad.table, bad.file_name, **bad.kwargs)
        english = info.value.text("en")
        assert english != str(info.value) and "{" not in english, (name, english)
    for name, (bad, _) in REFUSED.items():
        report = check(ref_engine, bad.data, bad.table, bad.file_name, **bad.kwargs)
        for message in report.messages:
            english = message.line("en")
            assert english != message.line() and "{" not in english, (name, english)
        assert report.summary("en").endswith("nothing was loaded."), name
    hidden = check(ref_engine, cap(cap_row(target=FISCAL_CODE)))
    assert imports.report_frame(hidden, "en")["value"].tolist() == ["", "(value hidden: possibly personal data)"]
    assert hidden.messages[1].line("en") == (
        "Error - row 2, column «target» (E): value «(value hidden: possibly personal data)»: it looks like a fiscal "
        "code: the dashboard accepts aggregate data only, never data about people. Remove the datum from the file "
        "(the value is not repeated here)")
