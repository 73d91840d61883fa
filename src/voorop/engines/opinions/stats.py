"""What the groups say: Pol.is's representativeness, consensus and routing priorities.

All counts use the participants' own votes (a moderated statement keeps its votes here, as
in Pol.is's ``raw-rating-mat``); moderated and meta statements are then left out of the lists.
Pseudocounts as in Pol.is: a share is (count + 1) / (seen + 2), and its z-tests add one to
every count.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .model import FloatArray, MajorityStatement, RepfulFor, Representative

Z_90 = 1.2816
"""One-sided z for 90 % confidence (Pol.is's ``z-sig-90?``)."""
META_PRIORITY = 7.0


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts per (group, statement): arrays of shape (groups, statements)."""

    agree: FloatArray
    disagree: FloatArray
    seen: FloatArray


def tally(values: FloatArray, labels: np.ndarray, n_groups: int) -> Tally:
    """Votes per group; ``labels`` is -1 for participants outside every group."""
    onehot = (labels[:, None] == np.arange(n_groups)[None, :]).astype(np.float64)
    agree = onehot.T @ (values == 1.0).astype(np.float64)
    disagree = onehot.T @ (values == -1.0).astype(np.float64)
    seen = onehot.T @ (~np.isnan(values)).astype(np.float64)
    return Tally(agree, disagree, seen)


def prop_test(success: FloatArray, n: FloatArray) -> FloatArray:
    s, m = success + 1.0, n + 1.0
    return np.asarray(2.0 * np.sqrt(m) * (s / m - 0.5), dtype=np.float64)


def two_prop_test(s1: FloatArray, s2: FloatArray, n1: FloatArray, n2: FloatArray) -> FloatArray:
    s1, s2, n1, n2 = s1 + 1.0, s2 + 1.0, n1 + 1.0, n2 + 1.0
    pi1, pi2 = s1 / n1, s2 / n2
    pi_hat = (s1 + s2) / (n1 + n2)
    denom = np.sqrt(pi_hat * (1.0 - pi_hat) * (1.0 / n1 + 1.0 / n2))
    # Pol.is returns 0 when everyone (with pseudocounts) succeeded: pi_hat = 1.
    return np.asarray(
        np.divide(pi1 - pi2, denom, out=np.zeros_like(pi1), where=(pi_hat != 1.0) & (denom > 0)),
        dtype=np.float64,
    )


@dataclass(frozen=True, slots=True)
class _Stats:
    na: float
    nd: float
    ns: float
    pa: float
    pd: float
    pat: float
    pdt: float
    ra: float
    rd: float
    rat: float
    rdt: float


def _finalize(statement: str, s: _Stats, *, best_agree: bool = False) -> Representative:
    if s.rat > s.rdt:
        return Representative(
            statement, RepfulFor.AGREE, int(s.na), int(s.ns), s.pa, s.pat, s.ra, s.rat, best_agree
        )
    return Representative(
        statement, RepfulFor.DISAGREE, int(s.nd), int(s.ns), s.pd, s.pdt, s.rd, s.rdt, best_agree
    )


def _beats_best_agree(s: _Stats, best: _Stats | None) -> bool:
    if s.na == 0 and s.nd == 0:
        return False
    if best is not None and best.ra > 1.0:
        return s.ra * s.rat * s.pa * s.pat > best.ra * best.rat * best.pa * best.pat
    if best is not None:
        return s.pa * s.pat > best.pa * best.pat
    return s.pat > Z_90 or (s.ra > 1.0 and s.pa > 0.5)


def _metric(r: Representative) -> float:
    return r.repness * r.repness_test * r.p_success * r.p_test


def representative(
    t: Tally, statements: Sequence[str], left_out: np.ndarray, group_ids: Sequence[int]
) -> dict[int, tuple[Representative, ...]]:
    """Pol.is's select-rep-comments: per group up to five statements, agreement first."""
    if len(group_ids) == 0:
        return {}
    na, nd, ns = t.agree, t.disagree, t.seen
    rest_na, rest_nd, rest_ns = na.sum(0) - na, nd.sum(0) - nd, ns.sum(0) - ns
    pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
    pat, pdt = prop_test(na, ns), prop_test(nd, ns)
    ra = pa / ((rest_na + 1) / (rest_ns + 2))
    rd = pd / ((rest_nd + 1) / (rest_ns + 2))
    rat = two_prop_test(na, rest_na, ns, rest_ns)
    rdt = two_prop_test(nd, rest_nd, ns, rest_ns)
    out: dict[int, tuple[Representative, ...]] = {}
    for g, gid in enumerate(group_ids):
        sufficient: list[Representative] = []
        best: Representative | None = None
        best_agree: tuple[str, _Stats] | None = None
        for j, statement in enumerate(statements):
            if left_out[j]:
                continue
            s = _Stats(
                float(na[g, j]), float(nd[g, j]), float(ns[g, j]),
                float(pa[g, j]), float(pd[g, j]), float(pat[g, j]), float(pdt[g, j]),
                float(ra[g, j]), float(rd[g, j]), float(rat[g, j]), float(rdt[g, j]),
            )  # fmt: skip
            if (s.rat > Z_90 and s.pat > Z_90) or (s.rdt > Z_90 and s.pdt > Z_90):
                sufficient.append(_finalize(statement, s))
            if not sufficient and (best is None or max(s.rat, s.rdt) > best.repness_test):
                best = _finalize(statement, s)
            if _beats_best_agree(s, best_agree[1] if best_agree else None):
                best_agree = (statement, s)
        head = [_finalize(*best_agree, best_agree=True)] if best_agree else []
        if not sufficient:
            chosen = head or ([best] if best else [])
        else:
            rest = [r for r in sufficient if not head or r.statement != head[0].statement]
            rest.sort(key=lambda r: -_metric(r))
            chosen = (head + rest)[:5]
            chosen = [r for r in chosen if r.repful_for is RepfulFor.AGREE] + [
                r for r in chosen if r.repful_for is RepfulFor.DISAGREE
            ]
        out[gid] = tuple(chosen)
    return out


def majority(
    values: FloatArray, statements: Sequence[str], left_out: np.ndarray
) -> tuple[MajorityStatement, ...]:
    """Pol.is's select-consensus-comments over all participants: five agreed, five disagreed."""
    na = (values == 1.0).sum(axis=0).astype(np.float64)
    nd = (values == -1.0).sum(axis=0).astype(np.float64)
    ns = (~np.isnan(values)).sum(axis=0).astype(np.float64)
    out: list[MajorityStatement] = []
    for kind, n in ((RepfulFor.AGREE, na), (RepfulFor.DISAGREE, nd)):
        p = (n + 1) / (ns + 2)
        z = prop_test(n, ns)
        ok = [j for j in range(len(statements)) if not left_out[j] and p[j] > 0.5 and z[j] > Z_90]
        ok.sort(key=lambda j: -(p[j] * z[j]))
        out.extend(
            MajorityStatement(statements[j], kind, int(n[j]), int(ns[j]), float(p[j]), float(z[j]))
            for j in ok[:5]
        )
    return tuple(out)


def group_informed_consensus(t: Tally) -> FloatArray:
    """Product over the groups of (agree + 1) / (seen + 2); 1 per statement without groups."""
    if t.agree.shape[0] == 0:
        return np.ones(t.agree.shape[1])
    return np.asarray(np.prod((t.agree + 1) / (t.seen + 2), axis=0), dtype=np.float64)


def spread(t: Tally) -> FloatArray:
    if t.agree.shape[0] < 2:
        return np.zeros(t.agree.shape[1])
    share = (t.agree + 1) / (t.seen + 2)
    return np.asarray(share.max(axis=0) - share.min(axis=0), dtype=np.float64)


def priority(agree: float, passed: float, seen: float, extremity: float, *, meta: bool) -> float:
    """Pol.is's comment priority: routing weight of a statement (squared to deepen the bias)."""
    if meta:
        return META_PRIORITY**2
    p = (passed + 1) / (seen + 2)
    a = (agree + 1) / (seen + 2)
    importance = (1 - p) * (extremity + 1) * a
    novelty = 1 + 8 * math.pow(2, -seen / 5)
    return (importance * novelty) ** 2


def priorities(
    t: Tally, extremity: FloatArray, meta: Mapping[int, bool] | None = None
) -> FloatArray:
    agree = t.agree.sum(axis=0)
    seen = t.seen.sum(axis=0)
    passed = seen - agree - t.disagree.sum(axis=0)
    meta = meta or {}
    return np.array(
        [
            priority(
                float(agree[j]),
                float(passed[j]),
                float(seen[j]),
                float(extremity[j]),
                meta=meta.get(j, False),
            )
            for j in range(len(agree))
        ]
    )
