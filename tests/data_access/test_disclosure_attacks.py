"""Disclosure control under attack (issue 16): four attacks, each run on many secrets, and the attacker's rate of
exact recovery compared with reading the cell once.

The bar is the same for all four: what the attacker learns by combining what the dashboard shows must be no better
than what one reading of the protected cell gives, within a stated statistical margin (MARGIN_SE standard errors
of the difference of two rates on the same targets; an attacker's rule learned on one half of the targets is scored
on the other half, so that a rule fitted to noise does not score). Secrets are HMAC keys drawn for each run: a
secret is what an attacker does not know, so many secrets are many possible worlds.

1. **Correction**: a steward corrects one inner cell (+1 potential victim). Anyone holding the earlier figure
   subtracts it from the new one: with keys of the cell's identity alone, every total of 8 or more moved by exactly
   +1. The attacker's rate of finding the exact size of the correction must be no better than one reading of a
   total finding its exact count (p(0) of the p-table: 0.5).
2. **Repeated uploads**: a steward re-sends their month ten times, each time with a different extra row of their
   own of known count; the mode of (shown - own) over the readings estimates the other projects' count. It must do
   no better than the first reading alone.
3. **Hours beside people**: hours per person learned from large cells turn the hours shown into a count. The
   attacker's best rule using (people shown, hours shown) must do no better than its best rule using the people
   shown alone, on cells of 1 to 4 people.
4. **Structural zeros**: on the map, a territory where a project works but nobody was counted was left empty
   ("n.d."), which told a true 0 apart from a published 0. The attacker's best rule using what the map shows must do
   no better than its best rule using the published number alone.

Only public functions that every version of the program has are used (load, cell keys, perturb, publish, import
check and apply, the published queries), so the file also runs against the code before issue 16, where every
attack beats the single reading (docs/metodologia.md lists the rates)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import math
import os
import random
import shutil
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from config import settings
from data_access import analytics, auth, db, geo, imports, loading, reference, sql  # noqa: F401 (queries)
from data_access.disclosure import CKMParams, build_ptable, cell_key, perturb
from data_access.models import OUTREACH_MEASURES, PROJECT_COLUMNS, Outreach
from data_access.scope import Filters, Scope

PARAMS = CKMParams()
MARGIN_SE = 3.0  # the allowed excess of the attacker over the single reading, in standard errors
EVERYTHING = Scope.everything()
LOMBARDY = ("012", "013", "015", "016", "097")  # Varese, Como, Milano, Sondrio, Lecco
logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True


def secrets(n: int, salt: str) -> list[bytes]:
    """``n`` server secrets, one per simulated world (deterministic, so a failure can be replayed)."""
    return [hashlib.sha256(f"{salt}-{i}".encode()).hexdigest().encode() for i in range(n)]


def margin(p: float, n: int) -> float:
    """MARGIN_SE standard errors of the difference of two rates of about ``p`` on the same ``n`` targets."""
    return MARGIN_SE * math.sqrt(2 * max(p * (1 - p), 0.01) / max(n, 1))


def best_rule_rate(features: list, truth: list, seed: int = 0) -> float:
    """The exact-recovery rate of the best guess of the truth given a feature (the most frequent truth seen with
    that feature), learned on one half of the targets and scored on the other half, then the other way round."""
    order = list(range(len(truth)))
    random.Random(seed).shuffle(order)
    halves = (order[::2], order[1::2])
    right = 0
    for learn, score in (halves, halves[::-1]):
        seen: dict = defaultdict(Counter)
        overall: Counter = Counter()
        for i in learn:
            seen[features[i]][truth[i]] += 1
            overall[truth[i]] += 1
        default = overall.most_common(1)[0][0]
        for i in score:
            guess = seen[features[i]].most_common(1)[0][0] if features[i] in seen else default
            right += guess == truth[i]
    return right / len(truth)


def say_rates(attack: str, rate: float, single: float, targets: int,
              words: tuple[str, str] = ("attacker", "single reading")) -> None:
    """The rates of an attack, printed (``pytest -s``) for docs/metodologia.md."""
    print(f"\n{attack}: {words[0]} {rate:.3f}, {words[1]} {single:.3f}, targets {targets}, "
          f"margin {margin(single, targets):.3f}")


# --- 1. Correction ---------------------------------------------------------------------------------------------
def _derive_approdi(rng: np.random.Generator) -> pd.DataFrame:
    """One month of an outreach project in five provinces: 40 inner cells, counts large enough for totals >= 8."""
    rows = []
    for province in LOMBARDY:
        for gender in ("donna", "uomo"):
            for age in ("18-25", "26-40"):
                for channel in ("unita_mobile", "drop_in"):
                    counts = {m: int(rng.integers(1, 6)) for m in OUTREACH_MEASURES}
                    rows.append({"period": "2023-11", "province_code": province, "project_code": "DERIVE-APPRODI",
                                 "channel": channel, "exploitation": "sessuale", "gender": gender, "age_group": age,
                                 **counts})
    return pd.DataFrame(rows)


def test_a_correction_does_not_disclose_its_size():
    """Totals of 8 or more containing the corrected cell, before and after (+1 potential victim in one inner cell):
    after - before == +1 no more often than one reading of the total gives its exact count."""
    exact_change = exact_count = targets = 0
    for secret in secrets(150, "correction"):
        rng = np.random.default_rng(int.from_bytes(secret[:4], "big"))
        before = _derive_approdi(rng)
        after = before.copy()
        row = int(rng.integers(len(after)))
        after.loc[row, "potential_victims"] += 1
        keys = {name: loading.cell_keys(secret, "outreach", frame)["ck_potential_victims"]
                for name, frame in (("before", before), ("after", after))}
        province = after.at[row, "province_code"]
        for cells in (after.index[after["province_code"] == province], after.index):  # the province, Italy
            n_before = int(before.loc[cells, "potential_victims"].sum())
            n_after = n_before + 1
            published = [int(perturb(n, sum(keys[name][i] for i in cells), PARAMS))
                         for name, n in (("before", n_before), ("after", n_after))]
            targets += 1
            exact_change += published[1] - published[0] == 1
            exact_count += published[1] == n_after
    rate, single = exact_change / targets, exact_count / targets
    say_rates("correction", rate, single, targets)
    assert single == pytest.approx(0.5, abs=margin(0.5, targets))  # one reading: p(0) of rows >= imax
    assert rate <= single + margin(single, targets), (rate, single, targets)


def test_as_of_shows_what_each_version_published(tmp_path, monkeypatch):
    """After a correction, the data as of the earlier version publish exactly what that version published."""
    engine = _sqlite(tmp_path)
    monkeypatch.setenv(settings.SECRET_ENV, "as-of-secret-0123456789")
    frame = _derive_approdi(np.random.default_rng(3))
    version = loading.load(engine, secret=b"as-of-secret-0123456789", kind="demo", source="t",
                           frames={"outreach": frame}, projects=_projects("DERIVE-APPRODI"))
    filters = Filters(unit="mese", start="2023-11", end="2023-11")
    before = sql.QUERIES["emersione_trend"](engine, EVERYTHING, filters).frame
    corrected = frame.copy()
    corrected.loc[0, "potential_victims"] += 1
    report = imports.check(engine, _outreach_csv(corrected), "corretto.csv", "outreach", today=dt.date(2026, 1, 1))
    assert imports.apply(engine, report, actor="manage.py").version == version + 1
    admin = Scope(history=True)  # the scope that may ask for an earlier version
    then = sql.QUERIES["emersione_trend"](engine, admin, filters.with_(as_of=version)).frame
    pd.testing.assert_frame_equal(then, before)


# --- 2. Repeated uploads ---------------------------------------------------------------------------------------
@pytest.fixture
def tmp_path(tmp_path_factory):
    """A folder in memory where the machine has one (/dev/shm): these tests write a few hundred small versions,
    and a disk's sync on every commit would be most of their time."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="cruscotto-attack-", dir=shm))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path_factory.mktemp("attack")


def _sqlite(tmp_path):
    engine = db.get_engine(f"sqlite:///{tmp_path / 'attack.db'}")
    db.upgrade(engine)
    reference.ensure_loaded(engine)
    return engine


def _projects(*codes: str) -> pd.DataFrame:
    return pd.DataFrame([{"project_code": code, "name": f"Progetto {code}", "programme": "ANTITRATTA",
                          "lead_body": None, "managing_body": None, "start_date": dt.date(2020, 1, 1),
                          "end_date": None, "funding_call": None} for code in codes])[list(PROJECT_COLUMNS)]


def _outreach_csv(frame: pd.DataFrame) -> bytes:
    from data_access.contract import COLUMNS

    header = [c.header for c in COLUMNS["outreach"]]
    out = io.StringIO()
    out.write(";".join(header) + "\n")
    for row in frame[[c.name for c in COLUMNS["outreach"]]].itertuples(index=False):
        out.write(";".join(str(v) for v in row) + "\n")
    return out.getvalue().encode()


def _cell(period: str, province: str, project: str, channel: str, age: str, count: int) -> dict:
    return {"period": period, "province_code": province, "project_code": project, "channel": channel,
            "exploitation": "sessuale", "gender": "donna", "age_group": age,
            **dict.fromkeys(OUTREACH_MEASURES, count)}


EXTRA_ROWS = [(channel, age) for channel in ("drop_in", "sportello", "numero_verde", "altro")
              for age in ("26-40", "41+", "0-17")][:10]  # the steward's ten variations: a different own row each


def _province_cells(engine, period: str) -> pd.DataFrame:
    question = sql.Question(EVERYTHING, Filters(unit="mese", start=period, end=period))
    with engine.connect() as conn:
        return sql.flow_cells(conn, Outreach, list(OUTREACH_MEASURES), question, (period,),
                              ("province_code",)).set_index("province_code")


def test_repeated_uploads_do_no_better_than_one_reading(tmp_path, monkeypatch):
    """A data steward of STEWARD-A shares each province-month with two other projects whose counts are 1-4. They
    upload their month once, then re-send it ten times, each time adding one more row of their own (1-3 people):
    the mode of (shown - own) over the readings must recover the others' count no more often than the first
    reading alone."""
    engine = _sqlite(tmp_path)
    loading.load(engine, secret=b"setup-secret-0123456789", kind="demo", source="t", frames={},
                 projects=_projects("STEWARD-A", "OTHER-B", "OTHER-C"))
    auth.create_user(engine, "steward.a", "referente_dati", "una-password-lunga-abbastanza",
                     projects=["STEWARD-A"])
    first_right = mode_right = targets = 0
    for world, secret in enumerate(secrets(8, "uploads")):
        rng = np.random.default_rng(world)
        period = f"2022-{world + 1:02d}"
        monkeypatch.setenv(settings.SECRET_ENV, secret.decode())
        others = pd.DataFrame([_cell(period, p, project, "unita_mobile", "18-25", int(rng.integers(1, 3)))
                               for p in LOMBARDY for project in ("OTHER-B", "OTHER-C")])
        loading.load(engine, secret=secret, kind="demo", source="others", frames={"outreach": others})
        truth = others.groupby("province_code")[list(OUTREACH_MEASURES)].sum()
        readings: dict[tuple[str, str], list[int]] = defaultdict(list)
        own_total = 0  # the steward's own count in each cell as published (the page says when an upload waits)
        for upload in range(len(EXTRA_ROWS) + 1):
            own = [_cell(period, p, "STEWARD-A", "unita_mobile", "18-25", 6) for p in LOMBARDY]
            extra = int(rng.integers(1, 4))
            if upload:
                channel, age = EXTRA_ROWS[upload - 1]
                own += [_cell(period, p, "STEWARD-A", channel, age, extra) for p in LOMBARDY]
            report = imports.check(engine, _outreach_csv(pd.DataFrame(own)), f"mese-{upload}.csv", "outreach",
                                   projects=frozenset({"STEWARD-A"}), today=dt.date(2026, 1, 1))
            assert report.ok, report.summary()
            result = imports.apply(engine, report, actor="steward.a")
            if getattr(result, "held", None) is None:  # published at once (before issue 16, always)
                own_total = 6 + (extra if upload else 0)
            cells = _province_cells(engine, period)
            for province in LOMBARDY:
                for m in OUTREACH_MEASURES:
                    if not cells.at[province, f"{m}_small"]:
                        readings[(province, m)].append(int(cells.at[province, m]) - own_total)
        for (province, m), values in readings.items():
            true = int(truth.at[province, m])
            targets += 1
            first_right += values[0] == true
            mode_right += Counter(values).most_common(1)[0][0] == true
    single, attack = first_right / targets, mode_right / targets
    say_rates("repeated uploads", attack, single, targets)
    assert attack <= single + margin(single, targets), (attack, single, targets)


# --- 3. Hours beside people ------------------------------------------------------------------------------------
def test_hours_beside_people_do_not_give_the_count_back():
    """Services cells as the SQL gives them to ``publish`` (sums of people and keys, hours and the largest row of
    hours), many small: the attacker learns hours per person from cells of 20 people or more, then guesses each
    count of 1-4 from (people shown, hours shown / hours per person)."""
    rng = np.random.default_rng(16)
    worlds = secrets(200, "hours")
    per_world = 120
    n = np.where(rng.random(len(worlds) * per_world) < 0.6, rng.integers(1, 5, len(worlds) * per_world),
                 rng.integers(5, 120, len(worlds) * per_world))
    rows = rng.integers(1, 4, len(n))
    hours, largest = np.zeros(len(n)), np.zeros(len(n))
    for r in range(3):  # each cell is 1-3 rows of the table; hours of a row: its people x 10 h x a row's factor
        part = np.where(r < rows, n / rows, 0) * 10.0 * rng.gamma(8.0, 1 / 8.0, len(n))
        hours, largest = hours + part, np.maximum(largest, part)
    keys = [sum(cell_key(secret, f"services|people|cell={c}|row={r}") for r in range(rows[w * per_world + c]))
            for w, secret in enumerate(worlds) for c in range(per_world)]
    frame = pd.DataFrame({"n_people": n, "k_people": keys, "hours": np.round(hours * 2) / 2,
                          "max_hours": np.round(largest * 2) / 2})
    out = sql.publish(frame, ["people"], PARAMS)
    people = [("<k" if small else int(v)) for v, small in zip(out["people"].fillna(0), out["people_small"],
                                                              strict=True)]
    shown_hours = pd.to_numeric(out["hours"], errors="coerce").to_numpy(dtype=float)
    large = np.array([isinstance(p, int) and p >= 20 for p in people]) & ~np.isnan(shown_hours)
    rate = np.median(shown_hours[large] / np.array([p for p, big in zip(people, large, strict=True) if big]))
    ratio = ["-" if np.isnan(h) else int(round(h / rate)) for h in shown_hours]
    small = [i for i in range(len(n)) if 1 <= n[i] <= 4]
    truth = [int(n[i]) for i in small]
    single = best_rule_rate([people[i] for i in small], truth)
    attack = best_rule_rate([(people[i], ratio[i]) for i in small], truth)
    say_rates("hours", attack, single, len(small))
    assert attack <= single + margin(single, len(small)), (attack, single, len(small))


# --- 4. Structural zeros ---------------------------------------------------------------------------------------
def test_the_map_does_not_tell_a_true_zero_from_a_published_zero(tmp_path, monkeypatch):
    """Twelve provinces, each with one project working there; in each month a project counts nobody (and sends no
    row) or 1-5 contacts. The map of contacts by province shows what it shows: the attacker's best guess of the
    true count from that must be no better than from the published number alone (an empty territory read as 0)."""
    provinces = ("012", "013", "015", "016", "097", "098", "108", "014", "017", "018", "019", "020")
    engine = _sqlite(tmp_path)
    codes = [f"P-{p}" for p in provinces]
    loading.load(engine, secret=b"setup-secret-0123456789", kind="demo", source="t", frames={},
                 projects=_projects(*codes))
    displays, published, truth = [], [], []
    for world, secret in enumerate(secrets(12, "zeros")):
        rng = np.random.default_rng(100 + world)
        monkeypatch.setenv(settings.SECRET_ENV, secret.decode())
        months = [f"{2020 + world}-{m:02d}" for m in range(1, 13)]
        counts = {(p, m): (0 if rng.random() < 0.5 else int(rng.integers(1, 6))) for p in provinces for m in months}
        rows = [_cell(m, p, f"P-{p}", "unita_mobile", "18-25", c) for (p, m), c in counts.items() if c]
        loading.load(engine, secret=secret, kind="demo", source="zeros", frames={"outreach": pd.DataFrame(rows)})
        for m in months:
            frame = sql.QUERIES["map_values"](engine, EVERYTHING, Filters(unit="mese", start=m, end=m), "contacts",
                                              "provincia").frame.set_index("code")
            for p in provinces:
                if p in frame.index:
                    value = "<k" if frame.at[p, "value_small"] else int(frame.at[p, "value"])
                else:
                    value = "n.d."
                displays.append(value)
                published.append(0 if value == "n.d." else value)
                truth.append(counts[(p, m)])
    single = best_rule_rate(published, truth)
    attack = best_rule_rate(displays, truth)
    say_rates("structural zeros", attack, single, len(truth))
    assert attack <= single + margin(single, len(truth)), (attack, single, len(truth))


# --- Measures of the same row ----------------------------------------------------------------------------------
def test_measures_counting_the_same_people_share_their_noise():
    """Rows of one cell each, contacts 1-5 and assessments nested in them (the same number half of the time), many
    secrets: where the two count the same number they publish the same value (one reading of those people, never
    "0 contacts" beside "3 assessments"); "0 contacts" beside assessments shown above 0 remains only where the
    counts differ, as often as independent noise gives it there. What remains on the seeds demo data is measured
    by benchmarks/disclosure_residuals.py (docs/metodologia.md)."""
    table = {i: {v: p for v, p, _ub in build_ptable(PARAMS).row(i)} for i in range(PARAMS.imax + 1)}
    p_zero = {i: table[i].get(-i, 0.0) for i in table}  # P(published 0 | n = i)
    rng = np.random.default_rng(7)
    leaks = expected = equal_rows = 0
    rows = 0
    for secret in secrets(60, "same-row"):
        c = rng.integers(1, 6, 50)
        a = np.where(rng.random(50) < 0.5, c, (rng.random(50) * c).astype(int))
        frame = pd.DataFrame([_cell("2024-01", "015", "P", channel, "18-25", 0) for channel in range(50)])
        frame["contacts"], frame["assessments"] = c, a
        keys = loading.cell_keys(secret, "outreach", frame)
        pub_c = perturb(c, keys["ck_contacts"], PARAMS)
        pub_a = perturb(a, keys["ck_assessments"], PARAMS)
        same = c == a
        assert (pub_c[same] == pub_a[same]).all()
        equal_rows += int(same.sum())
        leaks += int(((pub_c == 0) & (pub_a > 0)).sum())
        expected += sum(p_zero[ci] * (1 - p_zero[ai]) for ci, ai in zip(c[~same], a[~same], strict=True))
        rows += len(c)
    say_rates("0 contacts beside assessments > 0 (share of rows)", leaks / rows, expected / rows, rows,
              ("measured", "independent noise where the counts differ"))
    assert equal_rows > rows / 3
    assert abs(leaks - expected) / rows <= margin(expected / rows, rows)
