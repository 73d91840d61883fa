"""Raking (iterative proportional fitting) to population margins, with trimming.

Each pass scales the weights of the respondents in every category of a feature so that the
category's weighted share equals its population share, feature after feature, until every
margin is met within the tolerance. With trimming, every pass ends by clipping the weights to
``[lower, upper]`` times the mean weight, so the weights returned always lie within the
bounds; when the margins cannot be met within them the passes stop once they no longer get
closer, ``converged`` is False and ``max_margin_error`` says how far the margins are off.
See Battaglia, Izrael, Hoaglin and Frankel, *Practical considerations in raking survey data*
(2009).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .model import EmptyCellError, Margin, RakingResult, Trimming, WeightingError

FloatArray = npt.NDArray[np.float64]

DEFAULT_TRIMMING = Trimming()
"""Weights between a fifth and five times the mean: a common choice (Battaglia et al.)."""


def design_effect(weights: Sequence[float] | FloatArray) -> float:
    """Kish's design effect of unequal weights: n * sum(w^2) / sum(w)^2 (1 for equal weights)."""
    w = np.asarray(weights, dtype=np.float64)
    total = w.sum()
    if len(w) == 0 or total <= 0:
        raise WeightingError("design effect of no (or only zero) weights")
    return float(len(w) * (w**2).sum() / total**2)


def effective_sample_size(weights: Sequence[float] | FloatArray) -> float:
    """Kish's effective sample size: sum(w)^2 / sum(w^2)."""
    w = np.asarray(weights, dtype=np.float64)
    squares = (w**2).sum()
    if squares <= 0:
        raise WeightingError("effective sample size of no (or only zero) weights")
    return float(w.sum() ** 2 / squares)


def _codes(
    respondents: Sequence[Mapping[str, str]], margin: Margin
) -> tuple[np.ndarray, FloatArray]:
    values = list(margin.shares)
    index = {v: j for j, v in enumerate(values)}
    codes = np.empty(len(respondents), dtype=np.intp)
    for i, person in enumerate(respondents):
        value = person.get(margin.feature)
        if value is None or value == "":
            raise WeightingError(f"respondent {i + 1} has no value for {margin.feature!r}")
        j = index.get(value)
        if j is None:
            raise WeightingError(
                f"respondent {i + 1} has {margin.feature} = {value!r}, "
                "which the population margin does not have"
            )
        codes[i] = j
    counts = np.bincount(codes, minlength=len(values))
    for j, value in enumerate(values):
        if counts[j] == 0 and margin.shares[value] > 0:
            raise EmptyCellError(margin.feature, value)
    return codes, np.array([margin.shares[v] for v in values])


def _shares(weights: FloatArray, codes: np.ndarray, k: int) -> FloatArray:
    return np.asarray(np.bincount(codes, weights=weights, minlength=k) / weights.sum())


def rake(
    respondents: Sequence[Mapping[str, str]],
    margins: Sequence[Margin],
    *,
    trimming: Trimming | None = DEFAULT_TRIMMING,
    base_weights: Sequence[float] | None = None,
    tolerance: float = 1e-6,
    max_iterations: int = 1000,
) -> RakingResult:
    """Weights that make the respondents' weighted shares equal the population margins.

    ``respondents`` map feature names to values; every margin's feature must be given for
    everyone. ``base_weights`` (design weights) default to 1. The weights returned average
    to 1. Raises :class:`EmptyCellError` when a category with a population share has no
    respondent, :class:`WeightingError` on other bad input.
    """
    n = len(respondents)
    if n == 0:
        raise WeightingError("no respondents to weight")
    if len({m.feature for m in margins}) != len(margins):
        raise WeightingError("a feature has two margins")
    encoded = [_codes(respondents, m) for m in margins]
    w = np.ones(n) if base_weights is None else np.array(base_weights, dtype=np.float64)
    if w.shape != (n,) or not np.all(np.isfinite(w)) or (w <= 0).any():
        raise WeightingError("base weights must be one positive number per respondent")
    w = w / w.mean()

    def error(weights: FloatArray) -> float:
        worst = 0.0
        for codes, target in encoded:
            worst = max(worst, float(np.abs(_shares(weights, codes, len(target)) - target).max()))
        return worst

    iterations = 0
    off = error(w)
    while iterations < max_iterations and not (off <= tolerance and iterations > 0):
        iterations += 1
        for codes, target in encoded:
            current = np.bincount(codes, weights=w, minlength=len(target)) / w.sum()
            factor = np.divide(target, current, out=np.zeros_like(target), where=current > 0)
            w = w * factor[codes]
        if w.sum() <= 0:
            raise WeightingError("the margins leave every respondent a weight of 0")
        w = w / w.mean()
        if trimming is not None:
            w = _trim(w, trimming)
        previous, off = off, error(w)
        if iterations > 20 and abs(previous - off) <= tolerance * 1e-3:
            break  # no longer getting closer: the bounds do not allow the margins
    trimmed_count = 0
    if trimming is not None:
        at_bound = np.isclose(w, trimming.lower, rtol=1e-9) | np.isclose(
            w, trimming.upper, rtol=1e-9
        )
        trimmed_count = int(at_bound.sum())
    shares = {
        m.feature: dict(zip(m.shares, map(float, _shares(w, codes, len(target))), strict=True))
        for m, (codes, target) in zip(margins, encoded, strict=True)
    }
    return RakingResult(
        weights=tuple(float(v) for v in w),
        converged=off <= tolerance,
        iterations=iterations,
        max_margin_error=off,
        trimmed=trimmed_count,
        design_effect=design_effect(w),
        effective_sample_size=effective_sample_size(w),
        weighted_shares=shares,
    )


def _trim(w: FloatArray, trimming: Trimming) -> FloatArray:
    """Clip to the bounds relative to the mean weight: the scale ``s`` for which the clipped
    ``s * w`` averages exactly 1 (by bisection; the mean of the clipped weights grows with
    ``s``), so the weights are within the bounds and still average 1."""

    def mean(scale: float) -> float:
        return float(np.clip(scale * w, trimming.lower, trimming.upper).mean())

    low, high = 1e-12, 1.0
    while mean(high) < 1.0 and high < 1e12:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if mean(middle) < 1.0:
            low = middle
        else:
            high = middle
    return np.asarray(np.clip(high * w, trimming.lower, trimming.upper), dtype=np.float64)


def margin_of_error(
    proportion: float,
    effective_n: float,
    *,
    confidence: float = 0.95,
    population: int | None = None,
) -> float:
    """Half-width of the normal interval of a weighted proportion: z * sqrt(p(1-p) / n_eff),
    with the finite population correction when the population size is given."""
    if not 0 <= proportion <= 1:
        raise WeightingError("a proportion lies between 0 and 1")
    if effective_n <= 0:
        raise WeightingError("the effective sample size must be positive")
    z = _z(confidence)
    moe = z * math.sqrt(proportion * (1 - proportion) / effective_n)
    if population is not None:
        if population < effective_n:
            raise WeightingError("the population is smaller than the sample")
        moe *= math.sqrt((population - effective_n) / max(population - 1, 1))
    return moe


def _z(confidence: float) -> float:
    """Two-sided normal quantile, by bisection on erf (no scipy needed)."""
    if not 0 < confidence < 1:
        raise WeightingError("confidence must lie between 0 and 1")
    target = confidence
    lo, hi = 0.0, 10.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if math.erf(mid / math.sqrt(2)) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2
