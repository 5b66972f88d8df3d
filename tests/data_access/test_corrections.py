"""Corrections held for approval (data_access/imports/corrections.py): a data steward's upload of months never
published loads at once; rows that would change months already published wait for an administrator, who approves
(a data version) or rejects them; a later upload replaces a pending one; everything is in the audit trail; the
keys of cells a load leaves unchanged are kept."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from sqlalchemy import select

from data_access import auth, imports, loading
from data_access.imports import corrections
from data_access.models import Capacity, HeldCorrection
from tests.data_access.test_imports import audit, cap, cap_row, check, current_rows

STEWARD = "mario.referente"
ADMIN = "anna.admin"
PASSWORD = "una-password-lunga-abbastanza"


@pytest.fixture
def engine(db_engine):
    auth.create_user(db_engine, STEWARD, "referente_dati", PASSWORD, projects=["SAI-SONDRIO"])
    auth.create_user(db_engine, ADMIN, "amministratore", PASSWORD)
    return db_engine


@pytest.fixture
def db_engine(migrated_engine, monkeypatch):
    from tests.data_access.test_imports import register_projects

    monkeypatch.setenv("CRUSCOTTO_CKM_SECRET", "test-secret-not-for-production-0123456789")
    register_projects(migrated_engine)
    return migrated_engine


def occupied(engine, period: str = "2024-03") -> list[int]:
    rows = current_rows(engine, "capacity")
    return rows.loc[rows["period"] == period, "occupied"].tolist()


def steward_upload(engine, *rows, name: str = "sondrio.csv") -> imports.LoadResult:
    report = check(engine, cap(*rows), file_name=name, projects=frozenset({"SAI-SONDRIO"}))
    assert report.ok, report.summary()
    return imports.apply(engine, report, actor=STEWARD)


def test_a_stewards_correction_of_a_published_month_waits_and_new_months_load(engine):
    first = steward_upload(engine, cap_row(presenze="10"))
    assert first.version is not None and first.held is None  # never published: loads at once
    assert occupied(engine) == [10]

    second = steward_upload(engine, cap_row(presenze="11"), cap_row(periodo="2024-04", presenze="7"),
                            name="marzo_corretto.csv")
    assert second.version is not None and second.held is not None and second.held_rows == 1
    assert occupied(engine) == [10]  # the correction is not published
    assert occupied(engine, "2024-04") == [7]  # the new month is
    listed = corrections.listing(engine, pending_only=True)
    assert listed[["id", "created_by", "table", "months", "rows", "measures", "revisions", "status"]].to_dict(
        "records") == [{"id": second.held, "created_by": STEWARD, "table": "capacity",
                        "months": "SAI-SONDRIO 2024-03", "rows": 1, "measures": ["occupied"], "revisions": 0,
                        "status": "in_attesa"}]
    held_event = audit(engine, "correction_held")
    assert held_event == [(STEWARD, {"correzione": second.held, "tabella": "capacity", "file": "marzo_corretto.csv",
                                     "mesi": "SAI-SONDRIO 2024-03", "righe": 1, "sostituisce": None})]
    assert "11" not in json.dumps(held_event) and "10" not in json.dumps(held_event)  # no figure in the trail

    version = corrections.approve_by(engine, second.held, ADMIN)
    assert version is not None and occupied(engine) == [11]
    assert audit(engine, "correction_approved") == [
        (ADMIN, {"correzione": second.held, "tabella": "capacity", "file": "marzo_corretto.csv", "di": STEWARD,
                 "versione": version})]
    decided = corrections.listing(engine).set_index("id").loc[second.held]
    assert (decided["status"], decided["decided_by"], decided["version"]) == ("approvata", ADMIN, version)
    # the next correction of the same month sees one revision already published
    third = steward_upload(engine, cap_row(presenze="12"))
    assert corrections.listing(engine, pending_only=True).set_index("id").loc[third.held, "revisions"] == 1


def test_a_later_upload_replaces_a_pending_correction_and_rejection_loads_nothing(engine):
    steward_upload(engine, cap_row(presenze="10"))
    first = steward_upload(engine, cap_row(presenze="11")).held
    second = steward_upload(engine, cap_row(presenze="12")).held
    statuses = corrections.listing(engine).set_index("id")["status"].to_dict()
    assert statuses == {first: "sostituita", second: "in_attesa"}
    assert audit(engine, "correction_held")[-1][1]["sostituisce"] == [first]
    with pytest.raises(corrections.CorrectionError, match=f"La correzione n. {first} non è più in attesa: è "
                                                          "sostituita da un invio successivo"):
        corrections.approve_by(engine, first, ADMIN)
    corrections.reject_by(engine, second, ADMIN)
    assert occupied(engine) == [10]
    assert corrections.listing(engine, pending_only=True).empty
    assert audit(engine, "correction_rejected") == [
        (ADMIN, {"correzione": second, "tabella": "capacity", "file": "sondrio.csv", "di": STEWARD})]
    with pytest.raises(corrections.CorrectionError, match="è respinta"):
        corrections.reject_by(engine, second, ADMIN)
    with pytest.raises(corrections.CorrectionError, match="La correzione n. 99 non esiste"):
        corrections.approve_by(engine, 99, ADMIN)


def test_only_an_administrator_decides(engine):
    steward_upload(engine, cap_row(presenze="10"))
    held = steward_upload(engine, cap_row(presenze="11")).held
    with pytest.raises(auth.AuthError, match="Solo un amministratore può approvare"):
        corrections.approve_by(engine, held, STEWARD)
    auth.create_user(engine, "piero.tavolo", "membro_tavolo", PASSWORD, provinces=["014"])
    with pytest.raises(auth.AuthError, match="non può caricare dati"):
        corrections.reject_by(engine, held, "piero.tavolo")
    assert corrections.listing(engine, pending_only=True)["id"].tolist() == [held]
    assert occupied(engine) == [10]


def test_a_month_rolled_back_is_still_a_published_month(engine):
    """Rolling a month back and sending it again would otherwise be a fresh first upload, one more reading."""
    version = steward_upload(engine, cap_row(presenze="10")).version
    imports.rollback(engine, version, actor=ADMIN)
    again = steward_upload(engine, cap_row(presenze="11"))
    assert again.version is None and again.held is not None
    assert occupied(engine) == []


def test_administrators_and_the_command_line_load_at_once(engine):
    steward_upload(engine, cap_row(presenze="10"))
    for actor, presences in ((ADMIN, "11"), ("manage.py", "12")):
        result = imports.apply(engine, check(engine, cap(cap_row(presenze=presences))), actor=actor)
        assert result.version is not None and result.held is None
    assert occupied(engine) == [12]


def test_approval_compares_with_the_data_as_they_are_then(engine):
    steward_upload(engine, cap_row(presenze="10"))
    held = steward_upload(engine, cap_row(presenze="11")).held
    imports.apply(engine, check(engine, cap(cap_row(presenze="11"))), actor=ADMIN)  # the admin loaded it meanwhile
    assert corrections.approve_by(engine, held, ADMIN) is None  # nothing left to change: no version
    assert corrections.listing(engine).set_index("id").loc[held, "status"] == "approvata"


def test_a_load_keeps_the_keys_of_unchanged_cells_and_redraws_changed_ones(engine):
    """Keys depend on identity and count; a load carries the key of a cell it leaves as it was, whatever scheme made
    it (the data loaded before migration 0007 keep their keys), and gives a changed cell its count's key."""
    steward_upload(engine, cap_row(presenze="10"), cap_row(target="donne", comune="", presenze="6"))
    legacy = 123_456_789  # a key of the old scheme (identity only), as data loaded before 0007 hold
    with engine.begin() as conn:
        conn.execute(Capacity.__table__.update().values(ck_occupied=legacy))
    imports.apply(engine, check(engine, cap(cap_row(presenze="10"), cap_row(target="donne", comune="",
                                                                             presenze="7"))), actor=ADMIN)
    with engine.connect() as conn:
        rows = conn.execute(select(Capacity.target_group, Capacity.occupied, Capacity.ck_occupied)
                            .where(Capacity.version_to.is_(None)).order_by(Capacity.target_group)).all()
    frame = pd.DataFrame([{"period": "2024-03", "province_code": "014", "municipality_code": None,
                           "project_code": "SAI-SONDRIO", "target_group": "donne", "structures": 3, "places": 12,
                           "occupied": 7}])
    fresh = loading.cell_keys(b"test-secret-not-for-production-0123456789", "capacity", frame)["ck_occupied"][0]
    assert [tuple(r) for r in rows] == [("donne", 7, fresh), ("uomini", 10, legacy)]


def test_the_payload_gives_back_the_rows_as_checked(engine):
    steward_upload(engine, cap_row(presenze="10"), cap_row(target="donne", comune="", presenze="6"))
    held = steward_upload(engine, cap_row(presenze="11"), cap_row(target="donne", comune="", presenze="6")).held
    with engine.connect() as conn:
        stored = conn.execute(select(HeldCorrection.__table__).where(HeldCorrection.id == held)).one()
    frame = corrections.frame_of(stored)
    assert frame[["province_code", "municipality_code", "target_group", "occupied"]].values.tolist() == [
        ["014", "014061", "uomini", 11], ["014", None, "donne", 6]]
    assert json.loads(stored.measures) == ["occupied"]
