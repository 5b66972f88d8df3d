"""Tests for data_access.disclosure: the Cell Key Method of DISCLOSURE.md."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from config.labels import fmt_count
from data_access import disclosure
from data_access.disclosure import (
    CKMParams,
    PTableError,
    build_ptable,
    canonical_id,
    cell_key,
    is_small,
    key_fraction,
    perturb,
)

DEFAULT = CKMParams()
M32 = 2**32

# Feasible non-default parameter sets (checked: every row has a solution).
FEASIBLE = [
    DEFAULT,
    CKMParams(D=3, V=1.0, js=0, pstay=0.5),
    CKMParams(D=4, V=2.0, js=1, pstay=0.6),
    CKMParams(D=6, V=4.0, js=3, pstay=0.4),
    CKMParams(D=5, V=3.0, js=0, pstay=0.0),
    CKMParams(D=1, V=0.5, js=0, pstay=0.5),
]

# Infeasible sets, with the row the error must name.
INFEASIBLE = [
    # js=4: row 1 can only move by -1, +4 or +5; mean 0 forces variance >= 4 > 3.
    (CKMParams(D=5, V=3.0, js=4), 1),
    # D=4, V=2, js=4 fails in row 1 for the same reason (the variance is exactly 4).
    (CKMParams(D=4, V=2.0, js=4), 1),
    # With p(0)=0.6 and p(1)>=p(2)>=p(3), row 1 reaches a variance of at most 0.89.
    (CKMParams(D=3, V=1.0, js=0, pstay=0.6), 1),
    # D=1 allows a variance of at most 1 - pstay.
    (CKMParams(D=1, V=3.0, js=0), 1),
    # Row 3 with D=2, js=2 can only move up (0 would need v=-3): mean 0 is impossible.
    (CKMParams(D=2, V=2.0, js=2), 3),
]


def key(frac: float) -> int:
    """Integer cell key for a key fraction, as in the worked cases."""
    return round(frac * M32)


def allowed_noises(i: int, p: CKMParams) -> list[int]:
    if i == 0:
        return [0]
    return [v for v in range(-p.D, p.D + 1) if i + v >= 0 and not 1 <= i + v <= p.js]


def reference_perturb(n: int, key_sum: int, p: CKMParams) -> int:
    """Scalar, literal reading of DISCLOSURE.md step 5."""
    if n == 0:
        return 0
    ck = (key_sum % M32) / M32
    for v, _p, ub in build_ptable(p).row(min(n, p.imax)):
        if ck < ub:
            return n + v
    raise AssertionError("no entry with ck < ub")


def entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def check_row_properties(p: CKMParams, i: int) -> None:
    row = build_ptable(p).row(i)
    vs = [v for v, _, _ in row]
    ps = np.array([x for _, x, _ in row])
    ubs = np.array([u for _, _, u in row])
    assert vs == allowed_noises(i, p)
    assert vs == sorted(vs)
    assert abs(ps.sum() - 1.0) < 1e-12
    assert np.all(ps >= 0)
    assert np.all(np.diff(ubs) >= 0)
    assert ubs[-1] == 1.0
    np.testing.assert_allclose(ubs, np.cumsum(ps), atol=1e-12)
    if i == 0:
        assert row == [(0, 1.0, 1.0)]
        return
    v = np.array(vs, dtype=float)
    assert abs(ps @ v) < 1e-9
    assert abs(ps @ (v * v) - p.V) < 1e-9
    probs = dict(zip(vs, ps, strict=True))
    if 0 in probs:
        assert abs(probs[0] - p.pstay) < 1e-12
    pos = [probs[x] for x in vs if x > 0]
    neg = [probs[x] for x in reversed(vs) if x < 0]
    for side in (pos, neg):
        assert all(a >= b - 1e-12 for a, b in itertools.pairwise(side))


# --------------------------------------------------------------------------------------
# Worked cases of DISCLOSURE.md
# --------------------------------------------------------------------------------------


def test_row8_worked_case():
    row = build_ptable().row(8)
    probs = {v: p for v, p, _ in row}
    ubs = {v: u for v, _, u in row}
    assert sorted(probs) == list(range(-5, 6))
    expected = {0: 0.5, 1: 0.0939, 2: 0.0723, 3: 0.0468, 4: 0.0254, 5: 0.0116}
    for v, p in expected.items():
        assert round(probs[v], 4) == p
        assert round(probs[-v], 4) == p
        assert abs(probs[v] - probs[-v]) < 1e-12
    assert abs(ubs[-1] - 0.25) < 1e-9
    assert abs(ubs[0] - 0.75) < 1e-9


def test_row1_allowed_noises():
    assert [v for v, _, _ in build_ptable().row(1)] == [-1, 2, 3, 4, 5]


def test_row6_monotonicity_binds():
    row = build_ptable().row(6)
    probs = {v: p for v, p, _ in row}
    assert sorted(probs) == list(range(-3, 6))
    assert round(probs[-1], 4) == 0.0922
    assert round(probs[-2], 4) == 0.0922
    assert round(probs[-3], 4) == 0.0906
    assert abs(probs[-1] - probs[-2]) < 1e-10


def test_rows_above_imax_reuse_last_row():
    table = build_ptable()
    assert table.row(DEFAULT.imax + 1) == table.row(DEFAULT.imax)
    assert table.row(10**9) == table.row(DEFAULT.imax)
    with pytest.raises(ValueError, match="row must be >= 0"):
        table.row(-1)


F_SEX, F_LAB, M_LAB = key(0.30), key(0.55), key(0.95)
AGGREGATE = {
    # name: (inner cells as (n, key); M-sexual is empty and carries no key)
    "F-sexual": ([(2, F_SEX)], 0),
    "F-labour": ([(1, F_LAB)], 0),
    "M-sexual": ([(0, 0)], 0),
    "M-labour": ([(4, M_LAB)], 7),
    "F total": ([(2, F_SEX), (1, F_LAB)], 5),
    "M total": ([(0, 0), (4, M_LAB)], 7),
    "sexual total": ([(2, F_SEX), (0, 0)], 0),
    "labour total": ([(1, F_LAB), (4, M_LAB)], 5),
    "grand total": ([(2, F_SEX), (1, F_LAB), (0, 0), (4, M_LAB)], 8),
}


@pytest.mark.parametrize("name", list(AGGREGATE))
def test_aggregate_table_worked_case(name):
    cells, expected = AGGREGATE[name]
    n = sum(c[0] for c in cells)
    key_sum = sum(c[1] for c in cells)
    assert int(perturb(n, key_sum)) == expected


def test_aggregate_table_key_fractions_and_vectorised():
    names = list(AGGREGATE)
    n = np.array([sum(c[0] for c in AGGREGATE[x][0]) for x in names])
    ks = np.array([sum(c[1] for c in AGGREGATE[x][0]) for x in names], dtype=np.int64)
    np.testing.assert_array_equal(perturb(n, ks), [AGGREGATE[x][1] for x in names])
    fractions = dict(zip(names, key_fraction(ks), strict=True))
    for name, frac in [
        ("F total", 0.85),
        ("M total", 0.95),
        ("sexual total", 0.30),
        ("labour total", 0.50),
        ("grand total", 0.80),
    ]:
        assert abs(fractions[name] - frac) < 1e-9


# --------------------------------------------------------------------------------------
# p-table
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", FEASIBLE, ids=str)
def test_ptable_rows_properties(params):
    for i in range(params.imax + 1):
        check_row_properties(params, i)


def _independent_max_entropy(params: CKMParams, i: int) -> float | None:
    """Entropy reached by a plain SLSQP run from a uniform start (independent)."""
    vs = allowed_noises(i, params)
    v = np.array(vs, dtype=float)
    a_eq = np.vstack([np.ones_like(v), v, v * v])
    b_eq = np.array([1.0, 0.0, params.V])
    cons = [{"type": "eq", "fun": lambda x: a_eq @ x - b_eq}]
    if 0 in vs:
        z = vs.index(0)
        cons.append({"type": "eq", "fun": lambda x: x[z] - params.pstay})
    for j in range(len(vs) - 1):
        if vs[j] > 0:
            cons.append({"type": "ineq", "fun": lambda x, j=j: x[j] - x[j + 1]})
        elif vs[j + 1] < 0:
            cons.append({"type": "ineq", "fun": lambda x, j=j: x[j + 1] - x[j]})
    res = optimize.minimize(
        lambda x: float(
            np.sum(np.clip(x, 1e-300, None) * np.log(np.clip(x, 1e-300, None)))
        ),
        np.full(len(v), 1.0 / len(v)),
        method="SLSQP",
        bounds=[(0, 1)] * len(v),
        constraints=cons,
        options={"ftol": 1e-14, "maxiter": 1000},
    )
    x = np.clip(res.x, 0, None)
    if not res.success or any(
        abs(c["fun"](x)).max() > 1e-7 for c in cons if c["type"] == "eq"
    ):
        return None
    return entropy(x)


@pytest.mark.parametrize("params", FEASIBLE[:4], ids=str)
def test_ptable_rows_are_entropy_maximal(params):
    table = build_ptable(params)
    for i in range(1, params.imax + 1):
        ours = entropy(np.array([p for _, p, _ in table.row(i)]))
        other = _independent_max_entropy(params, i)
        assert other is not None, f"the reference solver found no solution for row {i}"
        assert ours >= other - 1e-7, (i, ours, other)


def test_symmetric_rows_are_symmetric():
    table = build_ptable()
    for i in range(DEFAULT.D + DEFAULT.js + 1, DEFAULT.imax + 1):
        probs = {v: p for v, p, _ in table.row(i)}
        for v in range(1, DEFAULT.D + 1):
            assert abs(probs[v] - probs[-v]) < 1e-12


@settings(max_examples=100, deadline=None)
@given(
    d=st.integers(1, 7),
    var=st.floats(0.2, 6.0),
    js=st.integers(0, 4),
    pstay=st.floats(0.0, 0.9),
)
def test_ptable_any_params_valid_or_clear_error(d, var, js, pstay):
    params = CKMParams(D=d, V=var, js=js, pstay=pstay)
    try:
        build_ptable(params)
    except PTableError as exc:
        msg = str(exc)
        assert exc.parameter is None and 1 <= exc.row <= params.imax
        assert msg.startswith("Parametri della p-table non ammissibili insieme (D=")
        assert f"nella riga i={exc.row} i rumori ammessi sono " in msg
        assert f"js={js}, " in msg
        assert f"V={var:.10g}, " in msg
        return
    for i in range(params.imax + 1):
        check_row_properties(params, i)


@pytest.mark.parametrize(("params", "row"), INFEASIBLE, ids=str)
def test_infeasible_params_raise(params, row):
    with pytest.raises(PTableError) as info:
        build_ptable(params)
    assert info.value.row == row and info.value.parameter is None
    assert isinstance(info.value, ValueError)  # callers catching ValueError keep working
    assert f"non ammissibili insieme (D={params.D}, V={params.V:g}, js={params.js}, pstay={params.pstay:g}): " \
           f"nella riga i={row} i rumori ammessi sono " in str(info.value)


def test_infeasible_message_names_the_noises_of_the_row():
    with pytest.raises(PTableError) as info:
        build_ptable(CKMParams(D=5, V=3.0, js=4))
    assert str(info.value) == (
        "Parametri della p-table non ammissibili insieme (D=5, V=3, js=4, pstay=0.5): nella riga i=1 i rumori "
        "ammessi sono -1, +4, +5 e nessuna distribuzione ha media 0, varianza V = 3 e probabilità che non crescono "
        "allontanandosi da 0 (i vincoli non hanno soluzione). Provare un'altra varianza V, un D più grande, un js o "
        "un pstay più piccoli (predefiniti: D=5, V=3, js=2, pstay=0.5).")


@pytest.mark.parametrize(
    ("params", "name", "shown", "allowed"),
    [
        (CKMParams(D=0), "D", "0", "un numero intero da 1 in su (predefinito 5)"),
        (CKMParams(D=-3), "D", "-3", "un numero intero da 1 in su (predefinito 5)"),
        (CKMParams(D=2.5), "D", "2.5", "un numero intero da 1 in su (predefinito 5)"),
        (CKMParams(V=0.0), "V", "0", "un numero finito maggiore di 0 (predefinito 3)"),
        (CKMParams(V=-1.0), "V", "-1", "un numero finito maggiore di 0 (predefinito 3)"),
        (CKMParams(V=math.inf), "V", "inf", "un numero finito maggiore di 0 (predefinito 3)"),
        (CKMParams(js=-1), "js", "-1", "un numero intero da 0 in su (predefinito 2)"),
        (CKMParams(pstay=1.0), "pstay", "1", "un numero da 0 (compreso) a 1 (escluso) (predefinito 0.5)"),
        (CKMParams(pstay=-0.1), "pstay", "-0.1", "un numero da 0 (compreso) a 1 (escluso) (predefinito 0.5)"),
        (CKMParams(pstay=math.nan), "pstay", "nan", "un numero da 0 (compreso) a 1 (escluso) (predefinito 0.5)"),
        (CKMParams(k=0), "k", "0", "un numero intero da 1 in su (predefinito 5)"),
    ],
    ids=str,
)
def test_invalid_params_say_which_what_and_what_is_allowed(params, name, shown, allowed):
    with pytest.raises(PTableError) as info:
        build_ptable(params)
    meaning = disclosure.PARAMETERS[name][0]
    assert str(info.value) == f"Parametro {name} ({meaning}) non ammissibile: {shown}. Ammesso: {allowed}."
    assert info.value.parameter == name


def test_d_zero_message_is_italian():
    with pytest.raises(PTableError) as info:
        build_ptable(CKMParams(D=0))
    assert str(info.value) == ("Parametro D (rumore massimo) non ammissibile: 0. Ammesso: un numero intero da 1 in "
                               "su (predefinito 5).")


def test_build_ptable_builds_each_table_once(monkeypatch):
    """The p-table is solved once per parameter set; every later call (perturb included) reuses the object."""
    solved = []
    solve_row = disclosure._solve_row
    monkeypatch.setattr(disclosure, "_solve_row", lambda i, p: solved.append((i, p)) or solve_row(i, p))
    build_ptable.cache_clear()
    table = build_ptable(DEFAULT)
    assert solved == [(i, DEFAULT) for i in range(DEFAULT.imax + 1)]
    assert build_ptable(CKMParams()) is table
    assert build_ptable() is table
    rng = np.random.default_rng(0)
    perturb(rng.integers(0, 1000, 100_000), rng.integers(0, 2**40, 100_000))
    perturb(8, key(0.5))
    assert len(solved) == DEFAULT.imax + 1  # perturb built nothing new
    other = CKMParams(D=3, V=1.0, js=0, pstay=0.5)
    assert build_ptable(other) is not table
    assert len(solved) == DEFAULT.imax + 1 + other.imax + 1
    assert table.params == DEFAULT
    assert DEFAULT.imax == 8
    build_ptable.cache_clear()


# --------------------------------------------------------------------------------------
# to_text
# --------------------------------------------------------------------------------------


def test_to_text_format():
    text = build_ptable().to_text()
    lines = text.splitlines()
    assert lines[0] == "i;j;p;v;p_int_ub"
    assert lines[1] == "0;0;1.00000000;0;1.00000000"
    rows = [line.split(";") for line in lines[1:]]
    assert all(len(r) == 5 for r in rows)
    parsed = [(int(i), int(j), float(p), int(v), float(u)) for i, j, p, v, u in rows]
    assert all(j == i + v for i, j, _, v, _ in parsed)
    assert all(
        len(r[2].split(".")[1]) == 8 and len(r[4].split(".")[1]) == 8 for r in rows
    )
    keys = [(i, v) for i, _, _, v, _ in parsed]
    assert keys == sorted(keys)
    assert sorted({i for i, *_ in parsed}) == list(range(DEFAULT.imax + 1))
    expected = sum(len(allowed_noises(i, DEFAULT)) for i in range(DEFAULT.imax + 1))
    assert len(parsed) == expected
    for i in range(DEFAULT.imax + 1):
        last = [u for ii, _, _, _, u in parsed if ii == i][-1]
        assert last == 1.0


def test_to_text_row8_matches_worked_case():
    lines = [x for x in build_ptable().to_text().splitlines()[1:] if x.startswith("8;")]
    expected_p = {0: 0.5, 1: 0.0939, 2: 0.0723, 3: 0.0468, 4: 0.0254, 5: 0.0116}
    assert [int(x.split(";")[3]) for x in lines] == list(range(-5, 6))
    for line in lines:
        _i, j, p, v, ub = line.split(";")
        assert int(j) == 8 + int(v)
        assert round(float(p), 4) == expected_p[abs(int(v))]
        if int(v) == -1:
            assert ub == "0.25000000"
        if int(v) == 0:
            assert ub == "0.75000000"


# --------------------------------------------------------------------------------------
# Cell keys
# --------------------------------------------------------------------------------------


def test_cell_key_definition():
    secret, cid = b"s3cret", "outreach|contacts|month=2024-01|province=TO"
    digest = hmac.new(secret, cid.encode("utf-8"), hashlib.sha256).digest()
    assert cell_key(secret, cid) == int.from_bytes(digest[:4], "big")
    assert cell_key(secret, cid) == cell_key(secret, cid)
    assert cell_key(b"other", cid) != cell_key(secret, cid)


def test_cell_key_depends_on_the_secret_and_every_part_of_the_id():
    dims = {"period": "2024-01", "province_code": "014", "gender": "donna", "age_group": "18-25"}
    base = cell_key(b"s3cret-0123456789", canonical_id("outreach", "contacts", dims))
    variants = [
        cell_key(b"s3cret-0123456789x", canonical_id("outreach", "contacts", dims)),
        cell_key(b"s3cret-0123456789", canonical_id("services", "contacts", dims)),
        cell_key(b"s3cret-0123456789", canonical_id("outreach", "take_ins", dims)),
        *(cell_key(b"s3cret-0123456789", canonical_id("outreach", "contacts", {**dims, name: value + "0"}))
          for name, value in dims.items()),
        cell_key(b"s3cret-0123456789", canonical_id("outreach", "contacts", {**dims, "channel": ""})),
    ]
    assert base not in variants and len(set(variants)) == len(variants)


def test_cell_keys_spread_evenly():
    """Keys of many cells fill 0..2**32-1 evenly, so key fractions (and noise) are uniform: a chi-square test on
    64 bins (63 degrees of freedom; 140 is exceeded with probability below 1e-7), and the low bytes too."""
    keys = np.array([cell_key(b"a-fixed-test-secret", canonical_id("outreach", "contacts", {"row": i}))
                     for i in range(64_000)], dtype=np.int64)
    for values in (keys >> 26, keys & 63):  # top 6 bits, bottom 6 bits
        observed = np.bincount(values, minlength=64)
        assert ((observed - 1000) ** 2 / 1000).sum() < 140
    assert len(np.unique(keys)) > 63_990  # 4-byte keys: a few collisions at most


def test_canonical_id():
    dims_a = {"province": "TO", "month": "2024-01", "sex": None}
    dims_b = {"sex": None, "month": "2024-01", "province": "TO"}
    cid = canonical_id("outreach", "contacts", dims_a)
    assert cid == "outreach|contacts|month=2024-01|province=TO|sex="
    assert canonical_id("outreach", "contacts", dims_b) == cid
    assert canonical_id("t", "m", {}) == "t|m|"
    assert canonical_id("t", "m", {"year": 2024}) == "t|m|year=2024"


def test_key_fraction_types():
    assert key_fraction(0) == 0.0
    assert isinstance(key_fraction(5), float)
    assert key_fraction(M32 + M32 // 2) == 0.5
    assert key_fraction(np.int64(3 * M32 + M32 // 4)) == 0.25
    big = np.array([7 * M32**2 + M32 // 2, M32 - 1], dtype=object)
    np.testing.assert_array_equal(key_fraction(big), [0.5, (M32 - 1) / M32])
    arr = np.array([M32 // 4, 5 * M32 + M32 // 4], dtype=np.int64)
    out = key_fraction(arr)
    assert isinstance(out, np.ndarray)
    np.testing.assert_array_equal(out, [0.25, 0.25])
    assert key_fraction(np.array([Decimal(M32 + 1)], dtype=object))[0] == 1 / M32
    assert np.all(key_fraction(np.arange(0, 10 * M32, M32 // 3)) < 1.0)


# --------------------------------------------------------------------------------------
# perturb
# --------------------------------------------------------------------------------------

counts = st.integers(0, 10**6)
key_sums = st.integers(0, 2**62)
params_st = st.sampled_from(FEASIBLE)


@settings(max_examples=300)
@given(n=counts, k=key_sums, params=params_st)
def test_perturb_basic_properties(n, k, params):
    pub = int(perturb(n, k, params))
    assert pub >= 0
    assert not 1 <= pub <= params.js
    assert abs(pub - n) <= params.D
    if n == 0:
        assert pub == 0
    assert pub == reference_perturb(n, k, params)
    assert pub == int(perturb(n, k, params))  # deterministic
    assert pub == int(perturb(n, k + 3 * M32, params))  # key sums only matter mod 2**32
    assert pub == int(perturb(n, k % M32, params))


@given(
    n=st.lists(st.integers(0, 40), min_size=1, max_size=200),
    k=st.lists(st.integers(0, M32 - 1), min_size=200, max_size=200),
    params=params_st,
)
def test_perturb_vectorised_matches_reference(n, k, params):
    k = k[: len(n)]
    out = perturb(np.array(n), np.array(k, dtype=np.int64), params)
    assert out.dtype == np.int64
    assert list(out) == [
        reference_perturb(a, b, params) for a, b in zip(n, k, strict=True)
    ]


@pytest.mark.parametrize("params", FEASIBLE, ids=str)
def test_perturb_exact_at_ub_boundaries(params):
    """Keys at, below and above every ub follow 'first entry with ck < ub' exactly."""
    table = build_ptable(params)
    ns, ks = [], []
    for i in range(1, params.imax + 2):
        for _, _, ub in table.row(i):
            base = ub * M32
            lo, hi = math.floor(base), math.ceil(base)
            for cand in (lo - 1, lo, hi, hi + 1):
                if 0 <= cand < M32:
                    ns.append(i)
                    ks.append(cand)
    out = perturb(np.array(ns), np.array(ks), params)
    assert list(out) == [
        reference_perturb(a, b, params) for a, b in zip(ns, ks, strict=True)
    ]


@given(
    cells=st.lists(
        st.tuples(st.integers(1, 50), st.integers(0, M32 - 1)), min_size=1, max_size=8
    ),
    extra_empty=st.integers(0, 3),
    data=st.data(),
)
def test_same_people_same_value(cells, extra_empty, data):
    """Summation order and added empty cells (n=0, key 0) never change the result."""
    n = sum(c[0] for c in cells)
    ks = sum(c[1] for c in cells)
    pub = int(perturb(n, ks))
    shuffled = data.draw(st.permutations(cells))
    with_empty = shuffled + [(0, 0)] * extra_empty
    assert (
        int(perturb(sum(c[0] for c in with_empty), sum(c[1] for c in with_empty)))
        == pub
    )
    # modular partial sums (as a database might keep them) give the same value
    partial = 0
    for _, kc in with_empty:
        partial = (partial + kc) % M32
    assert int(perturb(n, partial)) == pub


def test_perturb_zero_publishes_zero():
    ks = np.arange(0, M32, 9973, dtype=np.int64)
    assert np.all(perturb(np.zeros_like(ks), ks) == 0)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 6, 8, 10, 57])
def test_noise_mean_and_variance_over_random_secrets(n):
    rng = np.random.default_rng(1234 + n)
    secrets = [rng.bytes(16) for _ in range(20000)]
    keys = np.array([cell_key(s, f"t|m|n={n}") for s in secrets], dtype=np.int64)
    noise = perturb(np.full(keys.shape, n), keys) - n
    assert abs(noise.mean()) < 0.1
    assert abs(noise.var() - DEFAULT.V) < 0.2


@pytest.mark.parametrize("params", FEASIBLE, ids=str)
def test_noise_distribution_matches_row_on_key_grid(params):
    """Over an even grid of keys, each noise occurs with its p-table probability."""
    grid = (np.arange(100_000, dtype=np.int64) * M32) // 100_000
    table = build_ptable(params)
    for i in range(1, params.imax + 1):
        noise = perturb(np.full(grid.shape, i), grid, params) - i
        for v, p, _ in table.row(i):
            assert abs(np.mean(noise == v) - p) <= 2e-5


def test_perturb_input_types():
    assert isinstance(perturb(8, key(0.5)), np.ndarray)
    assert perturb(8, key(0.5)).dtype == np.int64
    assert int(perturb(8, key(0.5))) == 8
    out = perturb([0, 3, 4], [0, key(0.85), key(0.95)])
    assert out.dtype == np.int64
    assert list(out) == [0, 5, 7]
    series = perturb(pd.Series([3, 4]), pd.Series([key(0.85), key(0.95)]))
    assert isinstance(series, np.ndarray)
    assert list(series) == [5, 7]
    floats = perturb(
        pd.Series([3.0, 4.0]), pd.Series([float(key(0.85)), float(key(0.95))])
    )
    assert list(floats) == [5, 7]
    decimals = np.array([Decimal(key(0.80)) + 5 * M32], dtype=object)
    assert list(perturb(np.array([7]), decimals)) == [8]
    assert list(perturb(pd.array([4], dtype="Int64"), [key(0.95)])) == [7]
    broadcast = perturb(np.array([4, 4]), key(0.95))
    assert list(broadcast) == [7, 7]


@pytest.mark.parametrize("bad", [-1, [1, -2], 2.5, [np.nan], [None]])
def test_perturb_rejects_bad_counts(bad):
    with pytest.raises(ValueError, match="counts must be"):
        perturb(bad, 0)


def test_perturb_large_arrays_match_the_scalar_rule():
    rng = np.random.default_rng(0)
    n = rng.integers(0, 1000, 1_000_000)
    ks = rng.integers(0, 2**40, 1_000_000)
    out = perturb(n, ks)
    assert out.shape == n.shape and out.dtype == np.int64
    for i in rng.integers(0, len(n), 500):
        assert out[i] == reference_perturb(int(n[i]), int(ks[i]), DEFAULT)


# --------------------------------------------------------------------------------------
# Display
# --------------------------------------------------------------------------------------


def test_is_small():
    np.testing.assert_array_equal(
        is_small(np.array([0, 1, 3, 4, 5, 12])), [False, True, True, True, False, False]
    )
    np.testing.assert_array_equal(
        is_small([0, 1, 2, 3], CKMParams(k=3)), [False, True, True, False]
    )


@settings(max_examples=50, deadline=None)
@given(
    cells=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 2**40)), min_size=1, max_size=300),
    params=st.sampled_from([DEFAULT, CKMParams(k=3), CKMParams(k=10), CKMParams(D=3, V=1.0, js=0, k=2)]),
    lang=st.sampled_from(["it", "en"]),
)
def test_no_shown_value_between_zero_and_k(cells, params, lang):
    """What a page shows for a published count (queries.publish, then labels.fmt_count): "<k" for every published
    value in (0, k), the number itself otherwise, and never a figure in (0, k)."""
    from data_access.sql import publish

    frame = pd.DataFrame({"n_contacts": [c[0] for c in cells], "k_contacts": [c[1] for c in cells]})
    out = publish(frame, ["contacts"], params)
    assert list(out.columns) == ["contacts", "contacts_small"]  # no raw count, no key
    published = perturb(frame["n_contacts"], frame["k_contacts"], params)
    shown = [fmt_count(v, bool(small), params.k, lang) for v, small in zip(out["contacts"], out["contacts_small"],
                                                                         strict=True)]
    for value, text in zip(published, shown, strict=True):
        if 0 < value < params.k:
            assert text == f"<{params.k}"
        else:
            assert text == str(value)  # below 1,000: no separator
    assert not any(text.isdigit() and 0 < int(text) < params.k for text in shown)
