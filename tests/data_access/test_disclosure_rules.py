"""The rules issue 16 added beside the p-table, as pure functions: keys of a row and a count, hours that follow the
people, the sparsity of a breakdown and its coarser views, and their configuration (bad values refused with the
variable named)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from config import settings
from data_access import analytics, loading
from data_access.disclosure import (
    KEY_MODULUS,
    CKMParams,
    build_ptable,
    canonical_id,
    cell_key,
    count_key,
    key_fraction,
    magnitude_fraction,
    perturb,
    perturb_magnitude,
    row_id,
)
from data_access.scope import Filters, Scope
from data_access.sql import Published, sparsity_of

PARAMS = CKMParams()
SECRET = b"rules-secret-0123456789"


# --- Keys of a row and a count -----------------------------------------------------------------------------------
def test_a_key_depends_on_the_row_and_the_count_not_the_measure():
    row = row_id("outreach", {"period": "2024-01", "province_code": "015"})
    assert row == "outreach||period=2024-01|province_code=015"
    assert count_key(SECRET, row, 3) == cell_key(SECRET, row + "|n=3")
    assert count_key(SECRET, row, 3) != count_key(SECRET, row, 4)
    assert count_key(SECRET, row, 3) != cell_key(SECRET, canonical_id("outreach", "contacts", {
        "period": "2024-01", "province_code": "015"}))  # not the scheme before issue 16
    frame = pd.DataFrame([{"period": "2024-01", "province_code": "015", "project_code": "P", "channel": "altro",
                           "exploitation": "altro", "gender": "donna", "age_group": "41+", "contacts": 2,
                           "new_contacts": 2, "assessments": 1, "potential_victims": 0, "referrals": 1,
                           "take_ins": 2}])
    keys = {m: k[0] for m, k in loading.cell_keys(SECRET, "outreach", frame).items()}
    assert keys["ck_contacts"] == keys["ck_new_contacts"] == keys["ck_take_ins"] != keys["ck_assessments"]
    assert keys["ck_assessments"] == keys["ck_referrals"] and keys["ck_potential_victims"] == 0


def test_the_p_table_is_unchanged():
    """Issue 16 changes keys, not the p-table: DISCLOSURE.md's worked rows."""
    row8 = {v: p for v, p, _ub in build_ptable(PARAMS).row(8)}
    assert [round(row8[v], 4) for v in range(6)] == [0.5, 0.0939, 0.0723, 0.0468, 0.0254, 0.0116]
    assert [v for v, _p, _ub in build_ptable(PARAMS).row(1)] == [-1, 2, 3, 4, 5]


# --- Hours that follow the people --------------------------------------------------------------------------------
def test_hours_beside_zero_small_and_shown_people():
    hours = perturb_magnitude(total=[76.5, 40.0, 0.0, 90.0, 120.0], largest=[76.5, 40.0, 0.0, 30.0, 60.0],
                              n=[1, 2, 0, 10, 10], published=[6, 3, 0, 0, 12], key_sum=[1, 2, 3, 4, 5], noise=0.1)
    assert np.isnan(hours[1])  # beside "<5": not shown
    assert hours[2] == 0 and hours[3] == 0  # beside 0 people: 0 (a true 0 and a count taken to 0 look alike)
    assert 6 * 76.5 * 0.9 <= hours[0] <= 6 * 76.5 * 1.1  # one person's hours for each of the 6 people shown
    assert 120 * 1.2 - 6 * 1.2 <= hours[4] <= 120 * 1.2 + 6 * 1.2


def test_hours_noise_is_centred_and_not_tied_to_the_count_noise():
    keys = np.random.default_rng(1).integers(0, KEY_MODULUS, 20_000)
    u = magnitude_fraction(keys)
    assert abs(u.mean() - 0.5) < 0.01 and u.min() >= 0 and u.max() < 1
    assert abs(np.corrcoef(u, key_fraction(keys))[0, 1]) < 0.03
    hours = perturb_magnitude(total=100.0, largest=50.0, n=20, published=20, key_sum=keys, noise=0.1)
    assert abs(hours.mean() - 100.0) < 0.1 and hours.min() >= 95.0 and hours.max() <= 105.0
    same = perturb_magnitude(total=100.0, largest=50.0, n=20, published=20, key_sum=keys[:5], noise=0.1)
    assert (same == hours[:5]).all()  # the same people, the same hours


def test_hours_divided_by_hours_per_person_give_the_published_count():
    """The point of following the people: the ratio gives back what is shown, not the true count."""
    n = np.arange(1, 40)
    keys = np.arange(100, 139) * 7919
    published = perturb(n, keys, PARAMS)
    hours = perturb_magnitude(total=n * 10.0, largest=10.0, n=n, published=published, key_sum=keys, noise=0.0)
    shown = ~np.isnan(hours)
    assert (np.round(hours[shown] / 10.0) == published[shown]).all()


# --- The sparsity guard ------------------------------------------------------------------------------------------
def breakdown(values: list[int | None]) -> pd.DataFrame:
    small = [v is None for v in values]
    return pd.DataFrame({"category": [f"c{i}" for i in range(len(values))] + ["totale"],
                         "is_total": [False] * len(values) + [True],
                         "contacts": pd.array([0 if v is None else v for v in values] + [40], dtype="Int64"),
                         "contacts_small": small + [False]})


def test_sparsity_counts_zeros_and_small_cells_of_the_categories():
    found = sparsity_of(breakdown([0, None, None, 12]), "contacts", 0.75)
    assert (found.cells, found.sparse, found.too_sparse) == (4, 3, False)  # 3 of 4 is not more than 75%
    assert sparsity_of(breakdown([0, None, None, 0, 12]), "contacts", 0.75).too_sparse  # 4 of 5
    assert not sparsity_of(breakdown([0, 0, 0, 0]), "contacts", 1.0).too_sparse  # 1: no guard
    guarded = Published(breakdown([0, None, None, 0, 12]), 1, 5, ("contacts",), 0.75)
    assert guarded.too_sparse("contacts") and not guarded.too_sparse("assessments")  # not guarded: never


def test_coarser_views():
    everything = Scope.everything()
    month = Filters(unit="mese", start="2024-02", end="2024-05", region="03", province="015", project="P")
    views = analytics.coarser_views(everything, month)
    assert views["period"] == month.with_(unit="trimestre", start="2024-T1", end="2024-T2")
    assert views["territory"] == month.with_(province=None)
    assert views["project"] == month.with_(project=None)
    regional = analytics.coarser_views(everything, Filters(unit="anno", start="2024", end="2024", region="03"))
    assert regional == {"territory": Filters(unit="anno", start="2024", end="2024")}
    assert analytics.coarser_views(everything, Filters(unit="avviso", start="avviso-5", end="avviso-5")) == {}
    milano = Scope(provinces=frozenset({"015"}))  # a prefecture of one province: no wider territory to offer
    assert "territory" not in analytics.coarser_views(milano, Filters(unit="anno", start="2024", end="2024",
                                                                      region="03"))


# --- Configuration -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("variable", "raw", "message"), [
    ("CRUSCOTTO_CKM_HOURS_NOISE", "molto", "La variabile CRUSCOTTO_CKM_HOURS_NOISE deve essere un numero"),
    ("CRUSCOTTO_CKM_HOURS_NOISE", "1,5", "deve essere un numero da 0 a 1: valore letto 1.5. Predefinito: 0.1."),
    ("CRUSCOTTO_CKM_HOURS_NOISE", "-0.1", "deve essere un numero da 0 a 1"),
    ("CRUSCOTTO_SPARSITY_MAX", "0", "CRUSCOTTO_SPARSITY_MAX (quota massima di celle a 0 o «<k» in una ripartizione) "
                                   "deve essere un numero maggiore di 0 e al massimo 1"),
    ("CRUSCOTTO_SPARSITY_MAX", "75%", "La variabile CRUSCOTTO_SPARSITY_MAX deve essere un numero"),
    ("CRUSCOTTO_SPARSITY_MAX", "nan", "deve essere un numero maggiore di 0 e al massimo 1"),
])
def test_bad_rules_are_refused_naming_the_variable(monkeypatch, variable, raw, message):
    monkeypatch.setenv(variable, raw)
    with pytest.raises(settings.ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        settings.disclosure_rules()


def test_rules_read_from_the_environment(monkeypatch):
    assert settings.disclosure_rules() == settings.DisclosureRules(0.1, 0.75)
    monkeypatch.setenv("CRUSCOTTO_CKM_HOURS_NOISE", "0,2")
    monkeypatch.setenv("CRUSCOTTO_SPARSITY_MAX", "1")
    assert settings.disclosure_rules() == settings.DisclosureRules(0.2, 1.0)


def test_the_app_refuses_to_start_on_a_bad_rule(seeded_engine, monkeypatch):
    monkeypatch.setenv("CRUSCOTTO_SPARSITY_MAX", "2")
    problem = loading.startup_problem(seeded_engine)
    assert problem is not None and "CRUSCOTTO_SPARSITY_MAX" in problem
