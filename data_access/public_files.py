"""The files of the public statistics (the reference layer): read, checked, corrected and loaded as a data version.

Two extracts of the Ministry of the Interior's *Cruscotto statistico giornaliero*, made by the open-data project
*Liberiamoli tutti!* (CC BY 4.0) and shipped in ``public_data/ministero-interno/`` with their licence and
provenance:

- ``accoglienza.csv``: people present in the reception system by region and report date (hotspots, centres, SAI
  with SIPROIMI as its earlier name);
- ``sbarchi-per-giorno.csv``: people landed per day, national, as each report gives them.

:func:`check` reads a file with the imports' reader (CSV, encodings, size limits) and checks every cell with the
imports' cell parsers, so its messages are the imports' own (row, column, value, problem, fix). It recognises the
extract by its headers, and corrects the known defects of the source (PROVENANCE.md), counting each correction:

- presences: a blank hotspot cell means none (0); the SIPROIMI and SAI columns are one series (the system was
  renamed on 1 January 2021); Valle d'Aosta on 2022-02-28 is shifted one column (hotspot 28, centres 23 are
  centres 28, SAI 23); total rows are left out (national totals are computed from the regions);
- landings: a day given by several reports keeps the latest report's figure; rows with a date that does not exist
  (2024-04-31) or a value that is not a number are refused and counted, never read as 0; days after the date of
  their report are placeholders of days not yet reported, and are left out.

Anything else wrong (a column missing or unknown, an unknown region, a negative value, a malformed date, a date
in the future, a report date without every region) refuses the whole file. :func:`load` writes all or nothing:
one transaction, one data version of kind ``REFERENCE_KIND`` (never demo data nor project data), its audit entry
in the same transaction. :func:`ensure_loaded` is what ``manage.py init-db`` runs: the shipped files, when the
database does not yet hold them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, insert, select

from config.phrases import Figure, Phrase
from data_access.auth.audit import add_event
from data_access.contract import norm
from data_access.db import session_scope
from data_access.imports import cells
from data_access.imports.reading import RawTable, blank, file_hash, read_file, shown
from data_access.imports.report import ERROR, WARNING, FileProblem, Message, Report, capped
from data_access.models import REFERENCE_KIND, DataVersion, PublicLanding, PublicPresence, Region

FOLDER = Path(__file__).resolve().parent.parent / "public_data" / "ministero-interno"
PRESENCES, LANDINGS = "presenze", "sbarchi"  # the two datasets
SHIPPED = {PRESENCES: "accoglienza.csv", LANDINGS: "sbarchi-per-giorno.csv"}
MODELS = {PRESENCES: PublicPresence, LANDINGS: PublicLanding}
PAGE = "riferimento"  # the audit trail's "page" of a load of public data
TOTAL_ROWS = {"totale", "italia", "totale_italia", "totale_nazionale"}  # a region cell naming a total row
MAX_DROPPED_SHARE = 0.05  # landings: more rows refused than this share, and the file is not the extract it claims
SHIFTED = "colonne_spostate"  # PublicPresence.correction of a row shifted one column in the source


@dataclass(frozen=True)
class Header:
    """A column of an extract: its name here, its header in the file, whether the file must have it."""

    name: str
    header: str
    required: bool = True


HEADERS: dict[str, tuple[Header, ...]] = {
    PRESENCES: (Header("region", "Regione"), Header("report_date", "Data_Report"),
                Header("hotspot", "Migranti presenti negli hot spot"),
                Header("centres", "Migranti presenti nei centri di accoglienza"),
                Header("siproimi", "Migranti presenti nei centri SIPROIMI", required=False),
                Header("sai", "Migranti presenti nei centri SAI"), Header("region_code", "CodiceRegione"),
                Header("region_name", "DenominazioneRegione", required=False)),
    LANDINGS: (Header("day", "Data"), Header("landed", "Valore"), Header("note", "Note", required=False),
               Header("source", "Fonte", required=False), Header("report_date", "Data_Report")),
}


@dataclass(frozen=True)
class ShiftedRow:
    """A row the source publishes shifted one column to the left: (hotspot, centres) as published are the
    (centres, SAI) of the region; corrected only while the file still reads so."""

    region_code: str
    report_date: dt.date
    hotspot: int
    centres: int


KNOWN_SHIFTS = (ShiftedRow("02", dt.date(2022, 2, 28), 28, 23),)


@dataclass
class Checked(Report):
    """A public file read and checked, as an import's report (``table`` is the dataset, PRESENCES or LANDINGS): its
    messages, the rows to load (``frame``, None with errors), and what the check corrected or left out
    (``changes``: kind -> rows; the kinds are catalogue keys ``reference.change.<kind>``)."""

    changes: dict[str, int] = field(default_factory=dict)

    @property
    def dataset(self) -> str:
        return self.table

    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last date of the rows to load."""
        if self.frame is None or self.frame.empty:
            return None
        column = self.frame["report_date" if self.dataset == PRESENCES else "day"]
        return column.min(), column.max()

    def summary(self, lang: str = "it") -> str:
        """One sentence: the file, its dataset, the rows, and either the errors or the span and the changes."""
        head = {"file": self.file_name, "dataset": Phrase(f"reference.dataset.{self.dataset}"),
                "rows": Figure(self.rows)}
        if not self.ok:
            return Phrase("reference.summary.refused", **head, errors=len(self.errors)).text(lang)
        first, last = self.span() or (None, None)
        changes = [change_phrase(kind, n).text(lang) for kind, n in self.changes.items() if n]
        return Phrase("reference.summary.checked", **head, loaded=Figure(len(self.frame)), first=_day(first),
                      last=_day(last), changes="; ".join(changes) or Phrase("reference.change.none")).text(lang)


def change_phrase(kind: str, n: int) -> Phrase:
    """What a check corrected or left out, ``n`` times: "2.490 celle vuote ...", "1 riga ..."."""
    return Phrase(f"reference.change.{kind}.one") if n == 1 else Phrase(f"reference.change.{kind}", n=Figure(n))


def _day(value) -> str:
    return "—" if value is None else value.strftime("%d/%m/%Y")


# --- Reading ------------------------------------------------------------------------------------------------------
def _matched(raw: RawTable, dataset: str) -> dict[str, int]:
    """The columns of ``raw`` that are headers of the dataset: name -> column index."""
    names = {norm(h.header): h.name for h in HEADERS[dataset]}
    out: dict[str, int] = {}
    for index, header in enumerate(raw.headers):
        name = names.get(norm(header))
        if name is not None and name not in out:
            out[name] = index
    return out


def _where(raw: RawTable, index: int) -> str:
    header = raw.headers[index]
    return f"«{header}» ({raw.letters[index]})" if header else raw.letters[index]


def _header_messages(raw: RawTable, dataset: str, found: dict[str, int]) -> list[Message]:
    """Missing required columns, unknown or repeated columns: errors naming the column and the columns expected."""
    expected = ", ".join(h.header for h in HEADERS[dataset])
    allowed = Phrase("reference.header.expected", dataset=Phrase(f"reference.dataset.{dataset}"), columns=expected)
    messages = []
    missing = [h.header for h in HEADERS[dataset] if h.required and h.name not in found]
    if missing:
        messages.append(Message(ERROR, None, None, None, Phrase("imports.header.missing", columns=", ".join(missing)),
                                allowed))
    used = set(found.values())
    for index, header in enumerate(raw.headers):
        if index in used or (not header and all(blank(v) for v in raw.cells[index])):
            continue
        issue = Phrase("imports.header.unknown") if norm(header) not in {norm(h.header) for h in HEADERS[dataset]} \
            else Phrase("imports.header.repeated", letter=raw.letters[next(
                i for i in used if norm(raw.headers[i]) == norm(header))])
        messages.append(Message(ERROR, None, _where(raw, index), None, issue, allowed))
    return messages


def _dataset_of(raw: RawTable) -> str:
    """The extract a file's headers name: the dataset with more of its required headers found."""
    def score(dataset: str) -> int:
        found = _matched(raw, dataset)
        return sum(h.name in found for h in HEADERS[dataset] if h.required)
    return max((PRESENCES, LANDINGS), key=score)


def check(data: bytes, file_name: str, regions: dict[str, str], today: dt.date | None = None) -> Checked:
    """Read and check one public file (``regions``: ISTAT code -> name, from the database). Never writes.
    FileProblem when the file cannot be read as a table at all."""
    raw = read_file(data, file_name)
    dataset = _dataset_of(raw)
    found = _matched(raw, dataset)
    checked = Checked(dataset, file_name, file_hash(data), len(raw.rows), list(raw.messages), form=raw.form)
    if not any(h.name in found for h in HEADERS[dataset] if h.required):
        checked.messages.append(Message(ERROR, None, None, None, Phrase("reference.header.none", file=file_name),
                                        Phrase("reference.header.none.fix", presences=", ".join(
                                            h.header for h in HEADERS[PRESENCES] if h.required), landings=", ".join(
                                            h.header for h in HEADERS[LANDINGS] if h.required))))
        return checked
    checked.messages += _header_messages(raw, dataset, found)
    if not raw.rows and not checked.errors:
        checked.messages.append(Message(ERROR, None, None, None, Phrase("imports.no_rows"),
                                        Phrase("imports.no_rows.fix")))
    if checked.errors:
        return checked
    today = today or dt.date.today()
    reader = _PresenceRows(raw, found, regions, today) if dataset == PRESENCES else _LandingRows(raw, found, today)
    frame = reader.frame()
    checked.messages += reader.messages
    checked.changes = dict(reader.changes)
    if not any(m.level == ERROR for m in reader.messages):
        checked.frame = frame
    checked.messages = capped(checked.messages)
    return checked


class _Rows:
    """The data rows of a file, cell by cell: each problem a message naming row, column and value."""

    def __init__(self, raw: RawTable, found: dict[str, int], today: dt.date):
        self.raw, self.found, self.today = raw, found, today
        self.messages: list[Message] = []
        self.changes: Counter[str] = Counter()

    def cell(self, name: str, i: int):
        index = self.found.get(name)
        return None if index is None else self.raw.cells[index][i]

    def say(self, level: str, name: str, i: int, issue: Phrase, remedy: Phrase) -> None:
        value = self.cell(name, i)
        self.messages.append(Message(level, self.raw.rows[i], _where(self.raw, self.found[name]),
                                     None if blank(value) else shown(value), issue, remedy))

    def parse(self, name: str, i: int, parser, level: str = ERROR):
        """The cell read by an imports parser, or None after a message (``level``) with the parser's words."""
        value = self.cell(name, i)
        if blank(value):
            self.say(level, name, i, Phrase("imports.cell.missing"), Phrase("reference.cell.missing.fix"))
            return None
        try:
            return parser(value)
        except cells.CellProblem as problem:
            self.say(level, name, i, problem.issue, problem.remedy)
            return None

    def date(self, name: str, i: int) -> dt.date | None:
        """A date that exists and is not in the future."""
        day = self.parse(name, i, cells.date)
        if day is not None and day > self.today:
            self.say(ERROR, name, i, Phrase("reference.cell.future"), Phrase("imports.rows.future.fix"))
            return None
        return day


class _PresenceRows(_Rows):
    """People present by region and report date."""

    def __init__(self, raw: RawTable, found: dict[str, int], regions: dict[str, str], today: dt.date):
        super().__init__(raw, found, today)
        self.regions = regions

    def frame(self) -> pd.DataFrame:
        rows = [row for i in range(len(self.raw.rows)) if (row := self.row(i)) is not None]
        frame = pd.DataFrame(rows, columns=["_row", "region_code", "report_date", "hotspot", "centres", "sai",
                                            "correction"])
        frame = _shifts_corrected(frame, self.changes)
        if not any(m.level == ERROR for m in self.messages):  # a row refused would read as a region missing
            self.across_rows(frame)
        return frame.drop(columns="_row").sort_values(["report_date", "region_code"]).reset_index(drop=True)

    def row(self, i: int) -> dict | None:
        name = self.cell("region", i)
        if not blank(name) and norm(name) in TOTAL_ROWS:
            self.say(WARNING, "region", i, Phrase("reference.row.total"), Phrase("reference.row.total.fix"))
            self.changes["total_rows"] += 1
            return None
        values = {"_row": self.raw.rows[i], "region_code": self.region(i), "report_date": self.date("report_date", i),
                  "hotspot": self.hotspot(i), "centres": self.parse("centres", i, cells.count), "sai": self.sai(i),
                  "correction": None}
        return None if any(v is None for k, v in values.items() if k != "correction") else values

    def region(self, i: int) -> str | None:
        """The region's ISTAT code, checked against the name in the same row."""
        code = self.cell("region_code", i)
        text = "" if blank(code) else shown(code)
        if text.isdigit() and len(text) <= 2:
            text = text.zfill(2)
        if text not in self.regions:
            self.say(ERROR, "region_code", i, Phrase("reference.cell.region_code"),
                     Phrase("reference.cell.region_code.fix"))
            return None
        name = self.cell("region", i)
        spellings = {norm(self.regions[text]), *(norm(part) for part in self.regions[text].split("/"))}
        if blank(name) or norm(name) not in spellings:
            self.say(ERROR, "region", i, Phrase("reference.cell.region_name", code=text, name=self.regions[text]),
                     Phrase("reference.cell.region_name.fix"))
            return None
        return text

    def hotspot(self, i: int) -> int | None:
        """A blank hotspot cell means none: hotspots exist in a few southern regions only."""
        if blank(self.cell("hotspot", i)):
            self.changes["hotspot_blank"] += 1
            return 0
        return self.parse("hotspot", i, cells.count)

    def sai(self, i: int) -> int | None:
        """SAI and SIPROIMI are one system renamed (SIPROIMI to 2020-12-31, SAI from 2021-01-15): one series, from
        whichever of the two columns the row fills."""
        filled = [name for name in ("siproimi", "sai") if name in self.found and not blank(self.cell(name, i))]
        if len(filled) == 2:
            self.say(ERROR, "sai", i, Phrase("reference.cell.both_sai"), Phrase("reference.cell.both_sai.fix"))
            return None
        if not filled:
            self.say(ERROR, "sai", i, Phrase("imports.cell.missing"), Phrase("reference.cell.missing.fix"))
            return None
        if filled[0] == "siproimi":
            self.changes["siproimi"] += 1
        return self.parse(filled[0], i, cells.count)

    def across_rows(self, frame: pd.DataFrame) -> None:
        """A region twice at one report date, or a report date without every region: errors (the national totals
        are the sums of the regions)."""
        where = _where(self.raw, self.found["region_code"])
        twice = frame[frame.duplicated(["region_code", "report_date"], keep=False)]
        for (_code, _date), group in twice.groupby(["region_code", "report_date"]):
            for row in group["_row"].iloc[1:]:
                self.messages.append(Message(ERROR, int(row), where, None, Phrase(
                    "imports.rows.duplicate", columns="CodiceRegione, Data_Report", row=int(group["_row"].iloc[0])),
                    Phrase("imports.rows.duplicate.fix")))
        for date, group in frame.groupby("report_date"):
            missing = sorted(set(self.regions) - set(group["region_code"]))
            if missing:
                self.messages.append(Message(ERROR, int(group["_row"].iloc[0]), _where(
                    self.raw, self.found["report_date"]), _day(date), Phrase(
                    "reference.rows.regions_missing", regions=", ".join(self.regions[c] for c in missing)),
                    Phrase("reference.rows.regions_missing.fix")))


def _shifts_corrected(frame: pd.DataFrame, changes: Counter) -> pd.DataFrame:
    """The rows of KNOWN_SHIFTS put back in their columns, while the file still reads as the source published
    them."""
    for shift in KNOWN_SHIFTS:
        rows = ((frame["region_code"] == shift.region_code) & (frame["report_date"] == shift.report_date)
                & (frame["hotspot"] == shift.hotspot) & (frame["centres"] == shift.centres))
        if rows.any():
            frame.loc[rows, ["hotspot", "centres", "sai", "correction"]] = [0, shift.hotspot, shift.centres, SHIFTED]
            changes["shifted"] += int(rows.sum())
    return frame


class _LandingRows(_Rows):
    """People landed per day, each day from the latest report that gives it."""

    DROPPED = {"imports.cell.no_date": "impossible_date", "imports.cell.not_number": "not_a_number",
               "imports.cell.missing": "missing_value"}

    def frame(self) -> pd.DataFrame:
        rows = [row for i in range(len(self.raw.rows)) if (row := self.row(i)) is not None]
        dropped = sum(self.changes[kind] for kind in self.DROPPED.values())
        if dropped > MAX_DROPPED_SHARE * max(len(self.raw.rows), 1):
            issue = Phrase("reference.rows.too_many_dropped", n=Figure(dropped), rows=Figure(len(self.raw.rows)))
            self.messages.append(Message(ERROR, None, None, None, issue, Phrase("reference.rows.too_many_dropped.fix")))
        frame = pd.DataFrame(rows, columns=["_row", "day", "landed", "report_date"])
        return self.latest_reports(frame)

    def row(self, i: int) -> dict | None:
        """The row's day, value and report date; a day that does not exist or a value that is not a number is
        refused (a warning, counted); anything else wrong is an error."""
        day = self.lenient("day", i, cells.date)
        landed = None if day is None else self.lenient("landed", i, cells.count)  # a row refused is counted once
        report = self.date("report_date", i)
        if day is None or landed is None or report is None:
            return None
        return {"_row": self.raw.rows[i], "day": day, "landed": landed, "report_date": report}

    def lenient(self, name: str, i: int, parser):
        """A cell whose known defects (DROPPED) refuse the row with a warning; other problems are errors."""
        value = self.cell(name, i)
        try:
            if blank(value):
                raise cells.CellProblem(Phrase("imports.cell.missing"), Phrase("reference.cell.missing.fix"))
            return parser(value)
        except cells.CellProblem as problem:
            kind = self.DROPPED.get(problem.issue.key)
            if kind is None:
                self.say(ERROR, name, i, problem.issue, problem.remedy)
            else:
                self.changes[kind] += 1
                self.say(WARNING, name, i, problem.issue, Phrase("reference.row.dropped"))
            return None

    def latest_reports(self, frame: pd.DataFrame) -> pd.DataFrame:
        """One row per day, from its latest report; days after their report's date (not yet reported) left out.
        Two different figures for one day in the same report: an error."""
        frame = frame.sort_values(["report_date", "_row"], kind="stable")
        same = frame[frame.duplicated(["day", "report_date"], keep=False)]
        for _key, group in same.groupby(["day", "report_date"]):
            if group["landed"].nunique() > 1:
                self.say_row(int(group["_row"].iloc[-1]), Phrase("reference.rows.two_values",
                                                                 row=int(group["_row"].iloc[0])))
        latest = frame.drop_duplicates("day", keep="last")
        self.changes["superseded"] += len(frame) - len(latest)
        ahead = latest["day"] > latest["report_date"]
        self.changes["not_yet_reported"] += int(ahead.sum())
        return latest[~ahead].drop(columns="_row").sort_values("day").reset_index(drop=True)

    def say_row(self, row: int, issue: Phrase) -> None:
        self.messages.append(Message(ERROR, row, _where(self.raw, self.found["landed"]), None, issue,
                                     Phrase("reference.rows.two_values.fix")))


# --- Loading ------------------------------------------------------------------------------------------------------
def regions_of(engine: Engine) -> dict[str, str]:
    """The regions the rows are matched against: ISTAT code -> name."""
    with engine.connect() as conn:
        return dict(conn.execute(select(Region.code, Region.name)).all())


def in_force(conn, dataset: str, as_of: int | None = None) -> int | None:
    """The data version whose rows of a dataset are in force (now, or at version ``as_of``): the latest active
    public version that holds the dataset."""
    model = MODELS[dataset]
    active = select(DataVersion.id).where(DataVersion.kind == REFERENCE_KIND, DataVersion.status == "attiva")
    if as_of is not None:
        active = active.where(DataVersion.id <= as_of)
    return conn.execute(select(model.version_id).where(model.version_id.in_(active))
                        .order_by(model.version_id.desc()).limit(1)).scalar_one_or_none()


COLUMNS = {PRESENCES: ["region_code", "report_date", "hotspot", "centres", "sai", "correction"],
           LANDINGS: ["day", "landed", "report_date"]}


def rows_in_force(conn, dataset: str) -> pd.DataFrame:
    """The rows of a dataset in force, as a checked file gives them (same columns, same order)."""
    version = in_force(conn, dataset)
    model = MODELS[dataset].__table__
    columns = COLUMNS[dataset]
    rows = [] if version is None else conn.execute(
        select(*[model.c[c] for c in columns]).where(model.c.version_id == version)).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    return frame.sort_values(columns[:2]).reset_index(drop=True)


def changed(conn, checked: Checked) -> bool:
    """Whether a checked file's rows differ from the rows in force (loading it again changes nothing)."""
    current = rows_in_force(conn, checked.dataset)
    mine = checked.frame[COLUMNS[checked.dataset]].sort_values(COLUMNS[checked.dataset][:2]).reset_index(drop=True)
    if len(current) != len(mine):
        return True
    current = current.astype(object).where(current.notna(), None)
    mine = mine.astype(object).where(mine.notna(), None)
    return current.values.tolist() != mine.values.tolist()


def load(engine: Engine, checked: list[Checked], *, actor: str | None) -> int | None:
    """Load checked files as one new public data version, all or nothing, with its audit entry in the same
    transaction. Files whose rows are those in force are left out; None when nothing changes (no version)."""
    if any(not c.ok for c in checked):
        raise ValueError(Phrase("imports.apply.errors").text())
    with engine.connect() as conn:
        new = [c for c in checked if changed(conn, c)]
    if not new:
        return None
    with session_scope(engine) as session:
        source = Phrase("reference.version_source", files=", ".join(c.file_name for c in new)).text()
        version = DataVersion(created_at=dt.datetime.now(dt.UTC), kind=REFERENCE_KIND, status="attiva", source=source,
                              file_hash=hashlib.sha256("".join(c.file_hash for c in new).encode()).hexdigest(),
                              rows=sum(len(c.frame) for c in new), created_by=actor)
        session.add(version)
        session.flush()
        for c in new:
            records = c.frame[COLUMNS[c.dataset]].astype(object).where(c.frame[COLUMNS[c.dataset]].notna(), None)
            rows = [{**r, "version_id": version.id} for r in records.to_dict("records")]
            session.execute(insert(MODELS[c.dataset]), rows)
        add_event(session, actor, "upload", page=PAGE, details=audit_details(new, version.id))
        return version.id


def audit_details(checked: list[Checked], version: int | None) -> dict:
    """What the audit trail keeps of a load or a refusal: files, rows, corrections; never a value."""
    return {"dati": "pubblici", "versione": version,
            "file": [{"file": c.file_name, "dati": c.dataset, "sha256": c.file_hash[:16], "righe": c.rows,
                      "caricate": None if c.frame is None else len(c.frame), "errori": len(c.errors),
                      "correzioni": {k: n for k, n in c.changes.items() if n}} for c in checked]}


def record_refusal(engine: Engine, actor: str | None, checked: list[Checked], problem: str | None = None) -> None:
    """A refused load of public files in the audit trail."""
    from data_access.auth.audit import record

    details = audit_details(checked, None)
    if problem:
        details["problema"] = problem[:200]
    record(engine, actor, "upload_rejected", page=PAGE, details=details)


def shipped() -> list[tuple[str, bytes]]:
    """The public files that ship with the program: (name, bytes)."""
    return [(name, (FOLDER / name).read_bytes()) for name in SHIPPED.values()]


def ensure_loaded(engine: Engine, actor: str | None = None) -> int | None:
    """Load the shipped files (``manage.py init-db``) where the database does not hold them yet: a dataset never
    loaded, or one whose shipped rows differ and reach at least as far as the rows in force (a newer release); an
    extract loaded later with ``manage.py reference load`` that reaches further is kept. Returns the new version,
    or None when nothing changed. The shipped files must pass the checks (a test keeps them so)."""
    regions = regions_of(engine)
    files = [check(data, name, regions) for name, data in shipped()]
    problems = [m.line() for c in files for m in c.errors]
    if problems:
        raise FileProblem(Phrase("reference.shipped_invalid", problem=problems[0]))
    with engine.connect() as conn:
        newer = [c for c in files if _reaches_as_far(conn, c)]
    return load(engine, newer, actor=actor) if newer else None


def _reaches_as_far(conn, checked: Checked) -> bool:
    current = rows_in_force(conn, checked.dataset)
    if current.empty:
        return True
    last = current["report_date" if checked.dataset == PRESENCES else "day"].max()
    return checked.span()[1] >= last


def month_days(month: str) -> int:
    """The days of a month "YYYY-MM"."""
    return calendar.monthrange(int(month[:4]), int(month[5:]))[1]
