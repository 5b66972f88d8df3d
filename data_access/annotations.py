"""Notes on the charts: a short note on a territory and a month, or a day of it ("gennaio 2021: SAI Besozzo ridotto a
13 posti"; "01/10/2022: avvio avviso 5"), which every trend chart and slide of that territory shows.

The rules, each checked here (pages only show what these functions return or refuse):

- **Who writes**: administrators and prefecture officials (:data:`WRITER_ROLES`). The prefecture convenes the tavolo
  and keeps its minutes; a note shows on every chart of its territory for every member, so it belongs to the
  tavolo's shared record and to the body accountable for it. Tavolo members, data stewards and guests read them.
- **Where one writes**: a province of one's scope; a region whose provinces are all in one's scope; Italy only with
  the whole country in scope (administrators). An edit or a deletion needs the same of the note's territory, before
  and after: whoever may write on a territory may correct its notes (the author may have left the office); every
  version is kept, with who and when.
- **Who reads**: a note whose territory overlaps the reader's scope: Italy for everyone; a region where the reader
  sees at least one of its provinces (guests: every region); a province of the reader's scope (guests see no
  province, and no province note).
- **Which notes a chart shows** (:func:`notes_for_view`): those the reader may see whose territory overlaps the
  chart's (its province, the provinces of its region, or the whole scope): the territory itself, those that contain
  it (its region, Italy) and those inside it (the provinces of a region's chart), in the months of the chart's
  periods; numbered 1, 2... in date order, the number the chart, its table and its slide show.
- **What a note holds**: at most :data:`TEXT_MAX_CHARS` characters of plain text, checked as the import checks free
  text (``imports.text``: control characters, markdown and HTML signs, web addresses refused) and by the import's
  personal-data guard (``imports.personal``: a fiscal code, an e-mail address, a telephone number, a street address
  or a person's title refused, never repeated); a month between :data:`FIRST_MONTH` and the end of next year.
- **Versioned and audited**: a note is never deleted (a deletion is a mark); each version is a row of
  ``annotation_revisions``; each change is an audit event (``annotation_added``, ``_edited``, ``_deleted``) with the
  note's number, territory and month, never its text. An edit carries the version it was made on: saved over a
  newer one (someone else edited meanwhile) it is refused.

Notes are not data: they have no data version, and a chart of an earlier version shows the notes as they are now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, and_, false, or_, select, true

from config.labels import fmt_month, t
from config.phrases import Phrase, PhraseError
from data_access.auth import AMMINISTRATORE, PREFETTURA, get_user, scope_for
from data_access.auth.audit import add_event
from data_access.auth.common import AuthError, normalise_username, utc, utc_now
from data_access.db import get_engine, session_scope
from data_access.imports import personal, text
from data_access.models import Annotation, AnnotationRevision, Province, Region
from data_access.scope import Filters, Scope
from data_access.sql import Question, allowed_provinces

TEXT_MAX_CHARS = 200
FIRST_MONTH = "2010-01"  # the earliest month a note may name (the oldest seed data begin in 2014)
LEVELS = ("italia", "regione", "provincia")
WRITER_ROLES = (AMMINISTRATORE, PREFETTURA)
ADDED, EDITED, DELETED = "scritta", "modificata", "eliminata"  # the actions of a version


class AnnotationError(PhraseError):
    """A note that cannot be saved, or a change that is not allowed: one sentence for the user (Italian by
    ``str()``, another language by ``text(lang)``); nothing is written."""


@dataclass(frozen=True)
class Territory:
    """Where a note is: Italy (``code`` None), a region (its ISTAT code, "03") or a province ("014")."""

    level: str
    code: str | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVELS or (self.level == "italia") != (self.code is None):
            raise AnnotationError(Phrase("annotations.error.territory"))


ITALY = Territory("italia")


@dataclass(frozen=True)
class Note:
    """A note as a chart, a table or a slide shows it. ``number``: its place in the view (1, 2...) in date order;
    ``name``: the territory's name (None for Italy: :meth:`place` says it in the reader's language)."""

    id: int
    number: int
    level: str
    code: str | None
    name: str | None
    month: str
    day: dt.date | None
    text: str
    author: str
    revision: int
    edited: bool = False

    @property
    def territory(self) -> Territory:
        return Territory(self.level, self.code)

    def place(self, lang: str = "it") -> str:
        """The territory in words: "Varese", "Lombardia", "Italia"."""
        return self.name or t("territory.italy", lang)

    def when(self, lang: str = "it") -> str:
        """The date in words: "01/10/2022", or "gennaio 2021" for a note on a month."""
        return self.day.strftime("%d/%m/%Y") if self.day is not None else fmt_month(self.month, lang)

    def line(self, lang: str = "it") -> str:
        """The note in one line, as a slide lists it: "1. gennaio 2021, Varese: SAI Besozzo ridotto a 13 posti"."""
        return t("annotations.line", lang, number=self.number, when=self.when(lang), place=self.place(lang),
                 text=self.text)


# --- Rules --------------------------------------------------------------------------------------------------------
def may_write(role: str | None) -> bool:
    """Whether a role writes notes (administrators and prefecture officials)."""
    return role in WRITER_ROLES


def checked_text(raw: str) -> str:
    """The note's text as it is stored (runs of spaces and line breaks as one space), or AnnotationError saying what
    is wrong and how to fix it: empty, too long, a character or a sign no renderer may read as markup, or something
    that looks like personal data (never repeated)."""
    value = text.normalised(str(raw or ""))
    if not value:
        raise AnnotationError(Phrase("annotations.error.empty"))
    if len(value) > TEXT_MAX_CHARS:
        raise AnnotationError(Phrase("annotations.error.long", n=len(value), limit=TEXT_MAX_CHARS))
    found = text.problem(value)
    if found is not None:
        problem, fix = found
        if problem.key == "imports.text.address":
            fix = Phrase("annotations.fix.address")
        raise AnnotationError(Phrase("annotations.error.text", problem=problem, fix=fix))
    kind = personal.personal(value)
    if kind is not None:
        raise AnnotationError(Phrase("annotations.error.personal", what=kind))
    return value


def last_month(today: dt.date | None = None) -> str:
    """The latest month a note may name: December of next year (a call or a change already decided)."""
    return f"{(today or dt.date.today()).year + 1}-12"


def checked_date(month: str | None, day: dt.date | None) -> tuple[str, dt.date | None]:
    """The note's month ("YYYY-MM") and day: a day gives its month; a month alone must be written "YYYY-MM";
    both between FIRST_MONTH and :func:`last_month`."""
    if day is not None:
        month = f"{day.year}-{day.month:02d}"
    if not month or len(month) != 7 or month[4] != "-" or not (month[:4] + month[5:]).isdigit() \
            or not 1 <= int(month[5:]) <= 12:
        raise AnnotationError(Phrase("annotations.error.month", month=str(month or "")))
    if not FIRST_MONTH <= month <= last_month():
        raise AnnotationError(Phrase("annotations.error.month_range", first=fmt_month(FIRST_MONTH),
                                     last=fmt_month(last_month())))
    return month, day


def _writer_scope(engine: Engine, username: str) -> Scope:
    """The scope of a user who may write notes (AnnotationError for any other role, a disabled user...)."""
    try:
        user = get_user(engine, username)
        scope = scope_for(engine, username)
    except AuthError as exc:
        raise AnnotationError(exc.phrase or str(exc)) from None
    if not user["active"] or not may_write(user["role"]):
        raise AnnotationError(Phrase("annotations.error.role"))
    return scope


def _region_provinces(conn, region: str) -> frozenset[str]:
    return frozenset(conn.execute(select(Province.code).where(Province.region_code == region)).scalars())


def writable(conn, scope: Scope, territory: Territory) -> bool:
    """Whether a scope may write on a territory: a province of it, a region all of whose provinces are in it, Italy
    with the whole country."""
    if not scope.fine:
        return False
    if territory.level == "italia":
        return scope.provinces is None
    if territory.level == "regione":
        provinces = _region_provinces(conn, territory.code)
        return bool(provinces) and (scope.provinces is None or provinces <= scope.provinces)
    known = conn.execute(select(Province.code).where(Province.code == territory.code)).first() is not None
    return known and scope.allows(territory.code)


def writable_territories(engine: Engine, scope: Scope, lang: str = "it") -> list[tuple[Territory, str]]:
    """The territories a scope may write on, with their names, for a form: Italy, the regions, then the provinces."""
    with engine.connect() as conn:
        provinces = conn.execute(select(Province.code, Province.name, Province.region_code,
                                        Region.name.label("region_name"))
                                 .join(Region, Region.code == Province.region_code).order_by(Province.name)).all()
    if not scope.fine:
        return []
    mine = [p for p in provinces if scope.allows(p.code)]
    by_region: dict[str, list] = {}
    for p in provinces:
        by_region.setdefault(p.region_code, []).append(p.code)
    regions = sorted({(p.region_code, p.region_name) for p in mine
                      if all(scope.allows(code) for code in by_region[p.region_code])}, key=lambda r: r[1])
    out = [(ITALY, t("territory.italy", lang))] if scope.provinces is None else []
    out += [(Territory("regione", code), name) for code, name in regions]
    return out + [(Territory("provincia", p.code), p.name) for p in mine]


# --- Reading ------------------------------------------------------------------------------------------------------
def _names(conn, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The names of the territories ``wanted``, by (level, code)."""
    regions = sorted(code for level, code in wanted if level == "regione")
    provinces = sorted(code for level, code in wanted if level == "provincia")
    return {("regione", code): name for code, name in
            conn.execute(select(Region.code, Region.name).where(Region.code.in_(regions)))} | \
        {("provincia", code): name for code, name in
         conn.execute(select(Province.code, Province.name).where(Province.code.in_(provinces)))}


def _overlapping(scope: Scope, area: frozenset[str] | None):
    """The SQL condition of the notes (deleted ones too) whose territory overlaps ``area`` (provinces; None: all of
    Italy), for a reader with ``scope`` (``area`` lies within it)."""
    table = Annotation.__table__
    if area is None:
        regions = true()
        provinces = true() if scope.fine else false()
    else:
        codes = sorted(area)
        region_codes = select(Province.region_code).where(Province.code.in_(codes)).distinct()
        regions = table.c.territory_code.in_(region_codes)
        provinces = table.c.territory_code.in_(codes) if scope.fine else false()
    return or_(table.c.level == "italia", and_(table.c.level == "regione", regions),
               and_(table.c.level == "provincia", provinces))


def _notes(conn, condition, months: tuple[str, str] | None = None) -> tuple[Note, ...]:
    table = Annotation.__table__
    statement = select(table).where(condition, table.c.deleted_at.is_(None))
    if months is not None:
        statement = statement.where(table.c.month >= months[0], table.c.month <= months[1])
    rows = conn.execute(statement).all()
    if not rows:  # most views: no note, no names to read
        return ()
    names = _names(conn, {(r.level, r.territory_code) for r in rows if r.territory_code})
    rows = sorted(rows, key=lambda r: (r.month, r.day or dt.date(int(r.month[:4]), int(r.month[5:]), 1), r.id))
    return tuple(Note(id=r.id, number=i, level=r.level, code=r.territory_code,
                      name=names.get((r.level, r.territory_code)), month=r.month, day=r.day, text=r.text,
                      author=r.author, revision=r.revision, edited=r.edited_at is not None)
                 for i, r in enumerate(rows, 1))


def notes_for_view(scope: Scope, filters: Filters | None, *, engine: Engine | None = None) -> tuple[Note, ...]:
    """The notes a chart of these filters shows to a reader with ``scope``: territories overlapping the chart's, in
    the months of its periods, numbered in date order. Not cached: a note is seen at the next run.
    ``engine``: the database (default DATABASE_URL's, as on the pages)."""
    engine = engine or get_engine()
    question = Question(scope, filters)
    months = question.filters.months if question.filters is not None and question.filters.end else ()
    if not months:
        return ()
    with engine.connect() as conn:
        area = allowed_provinces(conn, question)
        return _notes(conn, _overlapping(scope, area), (min(months), max(months)))


def notes_in_scope(scope: Scope, *, engine: Engine) -> tuple[Note, ...]:
    """Every note a reader with ``scope`` may see, in date order (the Note page)."""
    with engine.connect() as conn:
        area = allowed_provinces(conn, Question(scope, None))
        return _notes(conn, _overlapping(scope, area))


def history(scope: Scope, note_id: int, *, engine: Engine) -> pd.DataFrame:
    """The versions of a note the reader may see (revision, action, at, by, territory, month, day, text), oldest
    first; empty for a note outside the scope."""
    with engine.connect() as conn:
        area = allowed_provinces(conn, Question(scope, None))
        table = Annotation.__table__
        seen = conn.execute(select(table.c.id).where(table.c.id == note_id, _overlapping(scope, area))).first()
        if seen is None:
            return pd.DataFrame(columns=["revision", "action", "at", "by", "level", "territory_code", "month", "day",
                                         "text"])
        rev = AnnotationRevision.__table__
        rows = conn.execute(select(rev.c.revision, rev.c.action, rev.c.at, rev.c.by, rev.c.level,
                                   rev.c.territory_code, rev.c.month, rev.c.day, rev.c.text)
                            .where(rev.c.annotation_id == note_id).order_by(rev.c.revision)).all()
    frame = pd.DataFrame([r._asdict() for r in rows])
    frame["at"] = [utc(v) for v in frame["at"]]
    return frame


# --- Writing ------------------------------------------------------------------------------------------------------
def _revision(note: Annotation, action: str, username: str, at: dt.datetime) -> AnnotationRevision:
    return AnnotationRevision(annotation_id=note.id, revision=note.revision, action=action, level=note.level,
                              territory_code=note.territory_code, month=note.month, day=note.day, text=note.text,
                              by=username, at=at)


def _audit(session, username: str, event: str, note: Annotation) -> None:
    add_event(session, username, event, page="note",
              details={"nota": note.id, "versione_nota": note.revision, "livello": note.level,
                       "territorio": note.territory_code or "IT", "mese": note.month})


def _check_place(session, scope: Scope, territory: Territory) -> None:
    if not writable(session.connection(), scope, territory):
        raise AnnotationError(Phrase("annotations.error.not_yours"))


def add(engine: Engine, username: str, territory: Territory, *, text: str, month: str | None = None,
        day: dt.date | None = None) -> int:
    """Write a new note (AnnotationError and nothing written on any problem); its id."""
    scope = _writer_scope(engine, username)
    body, (month, day) = checked_text(text), checked_date(month, day)
    name, now = normalise_username(username), utc_now()
    with session_scope(engine) as session:
        _check_place(session, scope, territory)
        note = Annotation(level=territory.level, territory_code=territory.code, month=month, day=day, text=body,
                          author=name, created_at=now, revision=1)
        session.add(note)
        session.flush()
        session.add(_revision(note, ADDED, name, now))
        _audit(session, name, "annotation_added", note)
        return note.id


def _current(session, note_id: int, revision: int) -> Annotation:
    """The note as it is now, locked; AnnotationError if it is gone, deleted, or newer than the version edited."""
    note = session.execute(select(Annotation).where(Annotation.id == note_id).with_for_update()).scalar_one_or_none()
    if note is None or note.deleted_at is not None:
        raise AnnotationError(Phrase("annotations.error.gone"))
    if note.revision != revision:
        raise AnnotationError(Phrase("annotations.error.stale", by=note.edited_by or note.author))
    return note


def edit(engine: Engine, username: str, note_id: int, revision: int, territory: Territory, *, text: str,
         month: str | None = None, day: dt.date | None = None) -> None:
    """Save a new version of a note (made on version ``revision``): the old one stays in its history."""
    scope = _writer_scope(engine, username)
    body, (month, day) = checked_text(text), checked_date(month, day)
    name, now = normalise_username(username), utc_now()
    with session_scope(engine, write_lock=True) as session:
        note = _current(session, note_id, revision)
        _check_place(session, scope, _place(note))
        _check_place(session, scope, territory)
        if (note.level, note.territory_code, note.month, note.day, note.text) == \
                (territory.level, territory.code, month, day, body):
            raise AnnotationError(Phrase("annotations.error.unchanged"))
        note.level, note.territory_code, note.month, note.day, note.text = \
            territory.level, territory.code, month, day, body
        note.revision, note.edited_by, note.edited_at = note.revision + 1, name, now
        session.add(_revision(note, EDITED, name, now))
        _audit(session, name, "annotation_edited", note)


def delete(engine: Engine, username: str, note_id: int, revision: int) -> None:
    """Delete a note (made on version ``revision``): it leaves every chart; it and its history stay in the
    database."""
    scope = _writer_scope(engine, username)
    name, now = normalise_username(username), utc_now()
    with session_scope(engine, write_lock=True) as session:
        note = _current(session, note_id, revision)
        _check_place(session, scope, _place(note))
        note.revision, note.deleted_by, note.deleted_at = note.revision + 1, name, now
        session.add(_revision(note, DELETED, name, now))
        _audit(session, name, "annotation_deleted", note)


def _place(note: Annotation) -> Territory:
    return Territory(note.level, note.territory_code)
