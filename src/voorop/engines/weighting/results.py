"""Weighted results per question, so the web app only formats them.

Every function takes the answers in respondent order (None = not answered) and the weights
of the same respondents (from :func:`rake`; None = unweighted). Shares and means are over
those who answered, weighted and unweighted side by side; the margin of error of a share
uses the effective sample size of those who answered; an option chosen by fewer than
``min_cell`` respondents is marked ``suppressed`` (the panel shows no figure for it).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from .model import ChoiceResult, Estimate, OptionResult, ScaleResult, ScoreResult, WeightingError
from .raking import FloatArray, _z, effective_sample_size, margin_of_error


def _weights(weights: Sequence[float] | None, n: int) -> FloatArray:
    if weights is None:
        return np.ones(n)
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (n,) or not np.all(np.isfinite(w)) or (w < 0).any():
        raise WeightingError("weights must be one number of at least 0 per answer")
    return w


def _share(chosen: np.ndarray, w: FloatArray, n_eff: float, confidence: float) -> Estimate:
    weighted = float((w * chosen).sum() / w.sum())
    unweighted = float(chosen.mean())
    moe = margin_of_error(min(max(weighted, 0.0), 1.0), n_eff, confidence=confidence)
    return Estimate(weighted, unweighted, moe)


def _choices(
    selected: list[set[str]],
    w: FloatArray,
    options: Sequence[str],
    min_cell: int,
    confidence: float,
) -> ChoiceResult:
    if not selected or w.sum() <= 0:
        empty = Estimate(math.nan, math.nan, math.nan)
        return ChoiceResult(
            tuple(OptionResult(o, 0, empty, True) for o in options), len(selected), 0.0
        )
    n_eff = effective_sample_size(w)
    out = []
    for option in options:
        chosen = np.array([option in s for s in selected], dtype=np.float64)
        count = int(chosen.sum())
        out.append(
            OptionResult(option, count, _share(chosen, w, n_eff, confidence), count < min_cell)
        )
    return ChoiceResult(tuple(out), len(selected), n_eff)


def _answered(
    answers: Sequence[object], weights: Sequence[float] | None
) -> tuple[list[int], FloatArray]:
    w = _weights(weights, len(answers))
    keep = [i for i, a in enumerate(answers) if a is not None]
    return keep, w[keep]


def single_choice(
    answers: Sequence[str | None],
    options: Sequence[str],
    weights: Sequence[float] | None = None,
    *,
    min_cell: int = 5,
    confidence: float = 0.95,
) -> ChoiceResult:
    keep, w = _answered(answers, weights)
    selected = []
    for i in keep:
        answer = answers[i]
        if answer not in options:
            raise WeightingError(f"answer {i + 1}: {answer!r} is not one of the options")
        selected.append({str(answer)})
    return _choices(selected, w, options, min_cell, confidence)


def multiple_choice(
    answers: Sequence[Collection[str] | None],
    options: Sequence[str],
    weights: Sequence[float] | None = None,
    *,
    min_cell: int = 5,
    confidence: float = 0.95,
) -> ChoiceResult:
    """Per option the share of respondents who ticked it (shares may add up to over 1)."""
    keep, w = _answered(answers, weights)
    selected = []
    allowed = set(options)
    for i in keep:
        ticked = set(answers[i] or ())
        if not ticked <= allowed:
            raise WeightingError(
                f"answer {i + 1}: {sorted(ticked - allowed)!r} not among the options"
            )
        selected.append(ticked)
    return _choices(selected, w, options, min_cell, confidence)


def scale(
    answers: Sequence[int | None],
    points: Sequence[int],
    weights: Sequence[float] | None = None,
    *,
    min_cell: int = 5,
    confidence: float = 0.95,
) -> ScaleResult:
    """A scale question (e.g. 1 to 5): weighted mean with its margin of error, and the
    distribution over the scale points."""
    keep, w = _answered(answers, weights)
    values = []
    for i in keep:
        if answers[i] not in points:
            raise WeightingError(f"answer {i + 1}: {answers[i]!r} is not a point of the scale")
        values.append(float(answers[i]))  # type: ignore[arg-type]
    labels = [str(p) for p in points]
    distribution = _choices([{str(int(v))} for v in values], w, labels, min_cell, confidence)
    if not values or w.sum() <= 0:
        nan = Estimate(math.nan, math.nan, math.nan)
        return ScaleResult(nan, distribution.options, len(values), 0.0)
    x = np.array(values)
    mean = float((w * x).sum() / w.sum())
    n_eff = effective_sample_size(w)
    variance = float((w * (x - mean) ** 2).sum() / w.sum())
    moe = _z(confidence) * math.sqrt(variance / n_eff) if n_eff > 0 else math.nan
    return ScaleResult(
        Estimate(mean, float(x.mean()), moe), distribution.options, len(values), n_eff
    )


def _scores(
    table: FloatArray, w: FloatArray, options: Sequence[str], confidence: float, answered: int
) -> ScoreResult:
    if answered == 0 or w.sum() <= 0:
        nan = Estimate(math.nan, math.nan, math.nan)
        return ScoreResult(dict.fromkeys(options, nan), answered, 0.0)
    n_eff = effective_sample_size(w)
    z = _z(confidence)
    scores = {}
    for j, option in enumerate(options):
        x = table[:, j]
        mean = float((w * x).sum() / w.sum())
        variance = float((w * (x - mean) ** 2).sum() / w.sum())
        scores[option] = Estimate(mean, float(x.mean()), z * math.sqrt(variance / n_eff))
    return ScoreResult(scores, answered, n_eff)


def ranking(
    answers: Sequence[Sequence[str] | None],
    options: Sequence[str],
    weights: Sequence[float] | None = None,
    *,
    confidence: float = 0.95,
) -> ScoreResult:
    """Borda points: with m options the first ranked gets m points, the next m - 1, ...;
    options left unranked get 0. Mean points per option."""
    keep, w = _answered(answers, weights)
    index = {o: j for j, o in enumerate(options)}
    m = len(options)
    table = np.zeros((len(keep), m))
    for row, i in enumerate(keep):
        ranked = list(answers[i] or ())
        if len(set(ranked)) != len(ranked):
            raise WeightingError(f"answer {i + 1}: an option is ranked twice")
        for position, option in enumerate(ranked):
            if option not in index:
                raise WeightingError(f"answer {i + 1}: {option!r} is not one of the options")
            table[row, index[option]] = m - position
    return _scores(table, w, options, confidence, len(keep))


def points_allocation(
    answers: Sequence[Mapping[str, float] | None],
    options: Sequence[str],
    weights: Sequence[float] | None = None,
    *,
    budget: float | None = None,
    confidence: float = 0.95,
) -> ScoreResult:
    """Mean points per option (an option a respondent gave nothing counts 0)."""
    keep, w = _answered(answers, weights)
    index = {o: j for j, o in enumerate(options)}
    table = np.zeros((len(keep), len(options)))
    for row, i in enumerate(keep):
        given = answers[i] or {}
        for option, value in given.items():
            if option not in index:
                raise WeightingError(f"answer {i + 1}: {option!r} is not one of the options")
            if not math.isfinite(value) or value < 0:
                raise WeightingError(f"answer {i + 1}: points must be a number of at least 0")
            table[row, index[option]] = value
        if budget is not None and table[row].sum() > budget + 1e-9:
            raise WeightingError(f"answer {i + 1}: more than {budget:g} points given")
    return _scores(table, w, options, confidence, len(keep))
