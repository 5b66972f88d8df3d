"""Cell Key Method (CKM) for published person counts.

Implements DISCLOSURE.md: cell keys from an HMAC of a canonical cell id, the
maximum-entropy p-table, and the vectorised lookup that turns a raw count ``n`` and
an integer key sum into a published value.

Pure Python + numpy + scipy: no database, no Streamlit. The messages of refused parameters come from the
catalogue (``config/catalogue/system.py``), in Italian.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize

from config.labels import t

__all__ = [
    "PARAMETERS",
    "CKMParams",
    "PTable",
    "PTableError",
    "parameter_problem",
    "build_ptable",
    "canonical_id",
    "cell_key",
    "count_key",
    "row_id",
    "is_small",
    "key_fraction",
    "magnitude_fraction",
    "perturb",
    "perturb_magnitude",
]

KEY_MODULUS = 2**32
"""Cell keys live in 0..2**32-1; key sums are reduced modulo this value."""

_TOL = 1e-9  # verification tolerance for every p-table row
_MONO_TOL = 1e-12  # slack allowed in the monotonicity check
_TIE_TOL = 1e-6  # SLSQP probabilities closer than this are treated as tied (one block)


@dataclass(frozen=True)
class CKMParams:
    """Parameters of the CKM p-table and of the display rule."""

    D: int = 5  # largest noise
    V: float = 3.0  # variance
    js: int = 2  # published values 1..js never occur
    pstay: float = 0.5  # p(0) where v=0 allowed
    k: int = 5  # display threshold: published values in (0,k) show as "<k"

    @property
    def imax(self) -> int:
        """Largest original value with its own p-table row; larger values reuse it."""
        return self.D + self.js + 1


PARAMETERS: dict[str, tuple[str, str]] = {
    name: (t(f"system.ckm.{name}.meaning"), t(f"system.ckm.{name}.allowed")) for name in ("D", "V", "js", "pstay", "k")
}
"""Each parameter of :class:`CKMParams`: what it means and the values allowed (Italian, for error messages)."""


def _number(value: object) -> str:
    """A parameter value as a person wrote it (2.0 as 2, 0.5 as 0.5)."""
    if isinstance(value, float) and math.isfinite(value):
        return f"{value:.10g}"
    return str(value)


_DEFAULTS = CKMParams()


class PTableError(ValueError):
    """Parameters without a p-table, with a message in Italian (from the catalogue).

    ``parameter`` names the field at fault (a key of :data:`PARAMETERS`), or is None when each value is allowed
    but the combination has no p-table (``row`` then names the first row without a solution).
    """

    def __init__(self, message: str, *, parameter: str | None = None, row: int | None = None):
        super().__init__(message)
        self.parameter = parameter
        self.row = row


class PTable:
    """For each original value i in 0..imax: its noises, probabilities and bounds."""

    def __init__(
        self, params: CKMParams, rows: Sequence[Sequence[tuple[int, float, float]]]
    ):
        self.params = params
        self._rows = tuple(tuple(r) for r in rows)
        # Lookup arrays. An integer key K (0..2**32-1) has ck = K / 2**32 < ub exactly
        # when K < ceil(ub * 2**32) (scaling by 2**32 is exact in floating point). Rows
        # are laid end to end in one ascending int64 array, row i shifted by i * 2**33,
        # so one searchsorted finds "the first entry of row r with ck < ub" for every
        # cell at once.
        thresholds, noises = [], []
        for i, row in enumerate(self._rows):
            for v, _p, ub in row:
                thresholds.append(math.ceil(ub * KEY_MODULUS) + i * 2 * KEY_MODULUS)
                noises.append(v)
        self._flat_thresholds = np.asarray(thresholds, dtype=np.int64)
        self._flat_noises = np.asarray(noises, dtype=np.int64)

    def row(self, i: int) -> list[tuple[int, float, float]]:
        """``[(v, p, ub), ...]`` for original value ``i``; ``i > imax`` uses imax."""
        if i < 0:
            raise ValueError(f"p-table row must be >= 0, got {i}")
        return list(self._rows[min(int(i), self.params.imax)])

    def to_text(self) -> str:
        """Semicolon text ``i;j;p;v;p_int_ub``, one line per (i, published i + v)."""
        lines = ["i;j;p;v;p_int_ub"]
        for i, row in enumerate(self._rows):
            for v, p, ub in row:
                lines.append(f"{i};{i + v};{p:.8f};{v};{ub:.8f}")
        return "\n".join(lines)

    def lookup_noise(self, rows: np.ndarray, keys: np.ndarray) -> np.ndarray:
        """Noise per (row 0..imax, key 0..2**32-1) pair; int64 arrays of equal shape."""
        needles = keys + rows * (2 * KEY_MODULUS)
        idx = np.searchsorted(self._flat_thresholds, needles, side="right")
        return self._flat_noises[idx]

    def __repr__(self) -> str:
        return f"PTable({self.params!r})"


# --------------------------------------------------------------------------------------
# p-table construction
# --------------------------------------------------------------------------------------


def _allowed_noises(i: int, params: CKMParams) -> list[int]:
    """Noises v with |v| <= D, i + v >= 0, i + v not in 1..js (row 0: v = 0 only)."""
    if i == 0:
        return [0]
    return [
        v
        for v in range(-params.D, params.D + 1)
        if i + v >= 0 and not 1 <= i + v <= params.js
    ]


def _expfam_solve(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, m2: float
) -> np.ndarray | None:
    """Solve q_j ∝ w_j exp(a x_j + b y_j) with E_q[x] = 0 and E_q[y] = m2.

    Minimises the convex dual log Z(a, b) - b * m2 by Newton's method with a
    backtracking line search. Returns the normalised q, or None when there is no
    finite solution (the moments are not strictly inside the points' convex hull).
    """
    if len(x) < 3:
        return None
    scale = max(float(np.max(np.abs(x))), 1.0)
    xs, ys, t = x / scale, y / scale**2, m2 / scale**2  # rescale for conditioning
    logw = np.log(w)

    def dual(theta: np.ndarray) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
        s = logw + theta[0] * xs + theta[1] * ys
        smax = s.max()
        e = np.exp(s - smax)
        z = e.sum()
        q = e / z
        f = smax + math.log(z) - theta[1] * t
        mx, my = q @ xs, q @ ys
        g = np.array([mx, my - t])
        dx, dy = xs - mx, ys - my
        h = np.array([[q @ (dx * dx), q @ (dx * dy)], [q @ (dx * dy), q @ (dy * dy)]])
        return f, g, h, q

    theta = np.zeros(2)
    f, g, h, q = dual(theta)
    for _ in range(200):
        if np.max(np.abs(g)) < 1e-14:
            break
        try:
            step = -np.linalg.solve(h, g)
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(step)):
            return None
        alpha = 1.0
        while alpha > 1e-12:
            cand = theta + alpha * step
            fc, gc, hc, qc = dual(cand)
            if fc <= f + 1e-4 * alpha * (g @ step) or abs(fc - f) < 1e-15:
                break
            alpha *= 0.5
        else:
            break
        theta, f, g, h, q = cand, fc, gc, hc, qc
        if np.max(np.abs(theta)) > 1e6:
            return None
    if abs(q @ xs) > 1e-12 or abs(q @ ys - t) > 1e-12:
        return None
    return q


def _monotone_pairs(nz: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (inner, outer) of same-side neighbours, needing p[inner] >= p[outer]."""
    pairs = []
    for j in range(len(nz) - 1):
        if 0 < nz[j] < nz[j + 1]:
            pairs.append((j, j + 1))  # positive side, |v| grows to the right
        elif nz[j] < nz[j + 1] < 0:
            pairs.append((j + 1, j))  # negative side, |v| grows to the left
    return pairs


def _is_monotone(p: np.ndarray, pairs: Sequence[tuple[int, int]]) -> bool:
    return all(p[a] >= p[b] - _MONO_TOL for a, b in pairs)


def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def _feasible_point(
    v: np.ndarray, mass: float, var: float, pairs: Sequence[tuple[int, int]]
) -> np.ndarray | None:
    """A point of the constraint set (linear programme), or None if it is empty."""
    n = len(v)
    a_eq = np.vstack([np.ones(n), v, v * v])
    b_eq = np.array([mass, 0.0, var])
    a_ub = np.zeros((len(pairs), n))
    for r, (a, b) in enumerate(pairs):
        a_ub[r, b], a_ub[r, a] = 1.0, -1.0  # p[outer] - p[inner] <= 0
    res = optimize.linprog(
        np.zeros(n),
        A_ub=a_ub if len(pairs) else None,
        b_ub=np.zeros(len(pairs)) if len(pairs) else None,
        A_eq=a_eq,
        b_eq=b_eq,
        bounds=[(0.0, None)] * n,
        method="highs",
    )
    return np.clip(res.x, 0.0, None) if res.status == 0 else None


def _slsqp(
    v: np.ndarray,
    mass: float,
    var: float,
    pairs: Sequence[tuple[int, int]],
    x0: np.ndarray,
) -> np.ndarray | None:
    """Maximise entropy under the equality and monotonicity constraints with SLSQP."""
    eps = 1e-300

    def fun(x: np.ndarray) -> float:
        xc = np.clip(x, eps, None)
        return float((xc * np.log(xc)).sum())

    def jac(x: np.ndarray) -> np.ndarray:
        return np.log(np.clip(x, eps, None)) + 1.0

    a_eq = np.vstack([np.ones_like(v), v, v * v])
    b_eq = np.array([mass, 0.0, var])
    constraints = [
        {"type": "eq", "fun": lambda x: a_eq @ x - b_eq, "jac": lambda x: a_eq}
    ]
    if pairs:
        a_in = np.zeros((len(pairs), len(v)))
        for r, (a, b) in enumerate(pairs):
            a_in[r, a], a_in[r, b] = 1.0, -1.0
        constraints.append(
            {"type": "ineq", "fun": lambda x: a_in @ x, "jac": lambda x: a_in}
        )
    res = optimize.minimize(
        fun,
        x0,
        jac=jac,
        method="SLSQP",
        bounds=[(0.0, mass)] * len(v),
        constraints=constraints,
        options={"ftol": 1e-15, "maxiter": 1000},
    )
    x = np.clip(res.x, 0.0, None)
    return x if np.all(np.isfinite(x)) else None


def _polish(
    v: np.ndarray,
    mass: float,
    var: float,
    pairs: Sequence[tuple[int, int]],
    x: np.ndarray,
) -> np.ndarray | None:
    """Re-solve exactly on the tie structure of an approximate optimum ``x``.

    At the optimum, probabilities tied by active monotonicity constraints form blocks
    with one common value, and the block values follow the exponential family over the
    block means of v and v**2. Entries that are (numerically) zero stay zero.
    """
    n = len(v)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs:
        if abs(x[a] - x[b]) < _TIE_TOL and x[a] > _TIE_TOL:
            parent[find(b)] = find(a)
    blocks: dict[int, list[int]] = {}
    for j in range(n):
        if x[j] > _TIE_TOL:
            blocks.setdefault(find(j), []).append(j)
    members = list(blocks.values())
    w = np.array([len(m) for m in members], dtype=float)
    bx = np.array([v[m].mean() for m in members])
    by = np.array([(v[m] ** 2).mean() for m in members])
    q = _expfam_solve(bx, by, w, var / mass)
    if q is None:
        return None
    p = np.zeros(n)
    for m, qb, wb in zip(members, q, w, strict=True):
        p[m] = mass * qb / wb
    return p if _is_monotone(p, pairs) else None


def _constraints_ok(v: np.ndarray, p: np.ndarray, mass: float, var: float) -> bool:
    return (
        abs(p.sum() - mass) < _TOL
        and abs(p @ v) < _TOL
        and abs(p @ (v * v) - var) < _TOL
    )


def _infeasible(i: int, params: CKMParams, allowed: Sequence[int], reason: str) -> PTableError:
    """The refusal of parameters whose row ``i`` has no p-table row, saying why (a key of the catalogue's
    ``system.ckm.infeasible.*`` reasons) and what to try."""
    stay = t("system.ckm.infeasible.stay", pstay=_number(params.pstay)) if 0 in allowed else ""
    return PTableError(
        t("system.ckm.infeasible", D=params.D, V=_number(params.V), js=params.js, pstay=_number(params.pstay),
          row=i, noises=", ".join(f"{x:+d}" if x else "0" for x in allowed), stay=stay,
          reason=t(f"system.ckm.infeasible.{reason}"), default_D=_DEFAULTS.D, default_V=_number(_DEFAULTS.V),
          default_js=_DEFAULTS.js, default_pstay=_number(_DEFAULTS.pstay)),
        row=i,
    )


def _solve_row(i: int, params: CKMParams) -> list[tuple[int, float, float]]:
    """Maximum-entropy probabilities and cumulative bounds for row ``i``."""
    allowed = _allowed_noises(i, params)
    if allowed == [0]:
        return [(0, 1.0, 1.0)]
    nz = [v for v in allowed if v != 0]
    mass = 1.0 - params.pstay if 0 in allowed else 1.0
    var = float(params.V)
    v = np.asarray(nz, dtype=float)
    pairs = _monotone_pairs(nz)

    # Closed form first: p(v) ∝ exp(a v + b v^2) on the non-zero noises.
    q = _expfam_solve(v, v * v, np.ones_like(v), var / mass)
    p = mass * q if q is not None and _is_monotone(q, pairs) else None
    if p is None:
        # Monotonicity binds (or no closed form): constrained solver, then polish.
        start = _feasible_point(v, mass, var, pairs)
        if start is None:
            raise _infeasible(i, params, allowed, "no_solution")
        starts = [start, np.full(len(v), mass / len(v))] + ([mass * q] if q is not None else [])
        p = _best_solution(v, mass, var, pairs, starts)
        if p is None:
            raise _infeasible(i, params, allowed, "no_convergence")
    return _checked_row(i, params, allowed, p, pairs)


def _best_solution(v: np.ndarray, mass: float, var: float, pairs: Sequence[tuple[int, int]],
                   starts: Sequence[np.ndarray]) -> np.ndarray | None:
    """The solution of highest entropy that meets the constraints, from SLSQP runs at each start (each polished
    when it can be), or None when none does."""
    best: np.ndarray | None = None
    for x0 in starts:
        x = _slsqp(v, mass, var, pairs, x0)
        if x is None:
            continue
        polished = _polish(v, mass, var, pairs, x)
        for cand in (polished, x):
            if cand is None or not _constraints_ok(v, cand, mass, var):
                continue
            if not _is_monotone(cand, pairs):
                continue
            if best is None or _entropy(cand) > _entropy(best) + 1e-12:
                best = cand
            break
    return best


def _checked_row(i: int, params: CKMParams, allowed: list[int], p: np.ndarray, pairs: Sequence[tuple[int, int]]
                 ) -> list[tuple[int, float, float]]:
    """Row ``i`` from the probabilities ``p`` of the non-zero noises (and pstay for 0 where allowed), checked
    once more as a whole (mean 0, variance V, monotone), with its cumulative bounds."""
    has_zero = 0 in allowed
    nz = [v for v in allowed if v != 0]
    var = float(params.V)
    probs = dict(zip(nz, (float(x) for x in p), strict=True))
    if has_zero:
        probs[0] = float(params.pstay)
    pv = np.array([max(probs[x], 0.0) for x in allowed])
    pv /= pv.sum()
    va = np.asarray(allowed, dtype=float)
    mass_check = pv[va != 0].sum()
    if not (
        abs(pv @ va) < _TOL
        and abs(pv @ (va * va) - var) < _TOL
        and (not has_zero or abs(1.0 - mass_check - params.pstay) < _TOL)
        and _is_monotone(pv[va != 0], pairs)
    ):
        raise _infeasible(i, params, allowed, "check_failed")
    ub = np.minimum(np.cumsum(pv), 1.0)
    ub[-1] = 1.0
    return [
        (int(x), float(pp), float(u)) for x, pp, u in zip(allowed, pv, ub, strict=True)
    ]


def parameter_problem(name: str, value: object) -> str | None:
    """Why ``value`` is not allowed for parameter ``name`` (Italian, from the catalogue), or None if it is."""
    if name in ("D", "k"):
        ok = isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 1
    elif name == "js":
        ok = isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 0
    elif name == "V":
        ok = isinstance(value, numbers.Real) and math.isfinite(value) and value > 0
    elif name == "pstay":
        ok = isinstance(value, numbers.Real) and 0.0 <= value < 1.0
    else:
        raise KeyError(name)
    if ok:
        return None
    meaning, allowed = PARAMETERS[name]
    return t("system.ckm.parameter_refused", name=name, meaning=meaning, value=_number(value), allowed=allowed,
             default=_number(getattr(_DEFAULTS, name)))


def _validate_params(params: CKMParams) -> None:
    for name in PARAMETERS:
        problem = parameter_problem(name, getattr(params, name))
        if problem is not None:
            raise PTableError(problem, parameter=name)


def build_ptable(params: CKMParams = CKMParams()) -> PTable:
    """Build (and cache) the p-table; :class:`PTableError` (a ValueError, message in Italian) if a parameter is
    not allowed or a row has no solution. One table per parameter set, however it is asked for (no argument,
    positional or keyword): ``build_ptable.cache_clear()`` empties the cache."""
    return _cached_ptable(params)


@functools.lru_cache(maxsize=32)
def _cached_ptable(params: CKMParams) -> PTable:
    _validate_params(params)
    return PTable(params, [_solve_row(i, params) for i in range(params.imax + 1)])


build_ptable.cache_clear = _cached_ptable.cache_clear  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------
# Cell keys
# --------------------------------------------------------------------------------------


def cell_key(secret: bytes, canonical_id: str) -> int:
    """Cell key: first 4 bytes (big-endian) of HMAC-SHA256(secret, canonical_id)."""
    digest = hmac.new(secret, canonical_id.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big")


def count_key(secret: bytes, row_id: str, n: int) -> int:
    """The key of a cell of ``n`` people in the row ``row_id`` (:func:`row_id`): the cell key of the row's id with
    the count appended (``table||dims...|n=7``), the same for every measure of the row that counts ``n``.

    A key that depends on the count gives a corrected cell (a -> b) noise independent of the noise it had, so
    "after" minus "before" is no longer b - a exactly; a cell whose count does not change keeps its key, so its
    noise, and going back to an earlier count gives back that count's noise (no new reading). Leaving the measure
    out gives the measures of a row that count the same people (contacts, new contacts and assessments of the same
    two people) one noise instead of one each: one reading, not three, and never "0 contacts" beside "3
    assessments" for them. See docs/metodologia.md."""
    return cell_key(secret, f"{row_id}|n={int(n)}")


def row_id(table: str, dims: Mapping[str, object]) -> str:
    """The canonical id of a row of a table, for :func:`count_key`: its table and dimension values, no measure."""
    return canonical_id(table, "", dims)


def canonical_id(table: str, measure: str, dims: Mapping[str, object]) -> str:
    """Deterministic cell id ``table|measure|k1=v1|k2=v2``, dimension keys sorted.

    ``None`` values are written as the empty string.
    """
    parts = [f"{k}={'' if v is None else v}" for k, v in sorted(dims.items())]
    return f"{table}|{measure}|" + "|".join(parts)


def _as_int(x: object) -> int:
    """An integral value as a Python int; ValueError if missing or non-integral."""
    try:
        xi = int(x)
        ok = xi == x
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise ValueError(f"expected an integer, got {x!r}")
    return xi


def _as_int_array(values: ArrayLike, what: str) -> np.ndarray:
    """Integral values (ints, integral floats, int/Decimal objects) as an int array.

    Integer inputs keep their integer dtype; object inputs may hold ints beyond int64.
    """
    arr = np.asarray(values)
    if arr.dtype.kind in "iub":
        return arr
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or np.any(arr != np.floor(arr)):
            raise ValueError(f"{what} must be finite integers")
        return arr
    try:
        ints = [_as_int(x) for x in arr.ravel()]
    except ValueError as exc:
        raise ValueError(f"{what} must be integers: {exc}") from None
    return np.array(ints, dtype=object).reshape(arr.shape)


def _reduce_keys(key_sum: ArrayLike) -> np.ndarray:
    """Key sums mod 2**32 as int64 (any size; big ints and Decimals allowed)."""
    arr = _as_int_array(key_sum, "key sums")
    if arr.dtype.kind == "b":
        arr = arr.astype(np.int64)
    return np.mod(arr, KEY_MODULUS).astype(np.int64)


def key_fraction(key_sum: ArrayLike) -> float | np.ndarray:
    """``(key_sum mod 2**32) / 2**32``: a float for a scalar, else an ndarray."""
    frac = _reduce_keys(key_sum) / KEY_MODULUS
    return float(frac) if frac.ndim == 0 else frac


# --------------------------------------------------------------------------------------
# Perturbation and display
# --------------------------------------------------------------------------------------


def _counts(n: ArrayLike) -> np.ndarray:
    """Raw counts as int64; ValueError on negative, missing or non-integral values."""
    arr = _as_int_array(n, "counts")
    if arr.dtype.kind == "O":
        if any(x < 0 for x in arr.ravel()):
            raise ValueError("counts must be >= 0")
    elif np.any(arr < 0):
        raise ValueError("counts must be >= 0")
    return arr.astype(np.int64)


def perturb(
    n: ArrayLike, key_sum: ArrayLike, params: CKMParams = CKMParams()
) -> np.ndarray:
    """Published values for raw counts ``n`` with integer key sums ``key_sum``.

    Vectorised (scalars, lists, numpy arrays, pandas Series; inputs broadcast). Each
    value is ``n + v`` for the first entry of p-table row ``min(n, imax)`` whose ``ub``
    exceeds the key fraction; ``n == 0`` publishes 0. Returns an int64 ndarray.
    """
    table = build_ptable(params)
    counts = _counts(n)
    keys = _reduce_keys(key_sum)
    counts, keys = np.broadcast_arrays(counts, keys)
    rows = np.minimum(counts, params.imax)
    return np.asarray(counts + table.lookup_noise(rows, keys), dtype=np.int64)


def is_small(published: ArrayLike, params: CKMParams = CKMParams()) -> np.ndarray:
    """True where a published value lies in (0, k) and must be shown as "<k"."""
    arr = np.asarray(published)
    return (arr > 0) & (arr < params.k)


# --------------------------------------------------------------------------------------
# Magnitudes beside counts (hours of service, of training)
# --------------------------------------------------------------------------------------

_MIX_1, _MIX_2, _MIX_3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def magnitude_fraction(key_sum: ArrayLike) -> np.ndarray:
    """A second uniform number in [0, 1) from a cell's key sum, for the noise of the magnitude beside its count.

    The key sum goes through a fixed 64-bit mixer (splitmix64's finaliser), so the magnitude's noise is as
    deterministic as the count's (the same people, the same hours) but not tied to where the key fell in the
    count's p-table row: knowing that the hours were pushed up says nothing about the count's noise."""
    x = _reduce_keys(key_sum).astype(np.uint64) + _MIX_1
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * _MIX_2
        x = (x ^ (x >> np.uint64(27))) * _MIX_3
        x = x ^ (x >> np.uint64(31))
    return (x >> np.uint64(11)).astype(np.float64) / float(2**53)


def perturb_magnitude(total: ArrayLike, largest: ArrayLike, n: ArrayLike, published: ArrayLike,
                      key_sum: ArrayLike, noise: float, params: CKMParams = CKMParams()) -> np.ndarray:
    """Published magnitudes (hours) beside published counts of people: a float ndarray, NaN where not shown.

    - Where the people publish 0, the hours publish 0 (a true 0 and a count the noise took to 0 look alike).
    - Where the people show as "<k", the hours are not shown: hours beside "<k" would tell 3 from 4.
    - Elsewhere: the ESS magnitude noise, ``noise`` times the cell's largest contribution (its largest row) times
      u in [-1, 1) drawn from the key (:func:`magnitude_fraction`), and then the hours *follow the people*: the
      cell's hours per person times the people shown, ``(total + noise * largest * u) * published / n``. Hours
      divided by hours per person give back the published count, never the true one.

    Rounded to one decimal; never below 0."""
    total, largest = (np.asarray(x, dtype=float) for x in (total, largest))
    counts, shown = _counts(n), np.asarray(published, dtype=np.int64)
    u = 2.0 * magnitude_fraction(key_sum) - 1.0
    total, largest, counts, shown, u = np.broadcast_arrays(total, largest, counts, shown, u)
    noisy = np.nan_to_num(total) + noise * np.nan_to_num(largest) * u
    with np.errstate(divide="ignore", invalid="ignore"):
        follows = np.where(counts > 0, noisy * shown / np.maximum(counts, 1), 0.0)
    out = np.round(np.maximum(follows, 0.0), 1)
    out = np.where(shown == 0, 0.0, out)
    return np.where(is_small(shown, params), np.nan, out)
