"""Plain data types of survey weighting: population margins in, weights and figures out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ENGINE_VERSION = "1.0.0"


class WeightingError(ValueError):
    """Input that cannot be weighted; the message names the feature and value, in English."""


class EmptyCellError(WeightingError):
    """A margin category with a population share but no respondent: raking cannot reach it."""

    def __init__(self, feature: str, value: str) -> None:
        super().__init__(
            f"no respondent has {feature} = {value!r}, but the population has a share of it: "
            "merge it with a neighbouring category or recruit for it"
        )
        self.feature = feature
        self.value = value


@dataclass(frozen=True, slots=True)
class Margin:
    """Population shares of one feature's values (normalised to sum to 1)."""

    feature: str
    shares: Mapping[str, float]

    def __post_init__(self) -> None:
        if not self.shares:
            raise WeightingError(f"margin {self.feature!r} has no categories")
        total = 0.0
        for value, share in self.shares.items():
            if not share >= 0 or share == float("inf"):
                raise WeightingError(
                    f"share of {self.feature} = {value!r} must be a number of at least 0"
                )
            total += share
        if total <= 0:
            raise WeightingError(f"the shares of {self.feature!r} add up to 0")
        object.__setattr__(self, "shares", {k: v / total for k, v in self.shares.items()})


@dataclass(frozen=True, slots=True)
class Trimming:
    """Bounds on a weight, relative to the mean weight (1.0): e.g. 0.2 to 5."""

    lower: float = 0.2
    upper: float = 5.0

    def __post_init__(self) -> None:
        if not 0 <= self.lower <= 1 <= self.upper:
            raise WeightingError("trimming bounds must satisfy 0 <= lower <= 1 <= upper")


@dataclass(frozen=True, slots=True)
class RakingResult:
    weights: tuple[float, ...]
    """One weight per respondent, in input order; they average to 1."""
    converged: bool
    """Every margin met within the tolerance with every weight within the trimming bounds."""
    iterations: int
    max_margin_error: float
    """Largest difference between a weighted share and its population share."""
    trimmed: int
    """Respondents whose weight ended at a trimming bound."""
    design_effect: float
    effective_sample_size: float
    weighted_shares: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    engine_version: str = ENGINE_VERSION


@dataclass(frozen=True, slots=True)
class Estimate:
    """A weighted estimate beside the unweighted one, with its uncertainty."""

    weighted: float
    unweighted: float
    margin_of_error: float
    """Half-width of the 95 % interval (or the confidence asked for), from the effective n."""


@dataclass(frozen=True, slots=True)
class OptionResult:
    option: str
    count: int
    """Respondents who chose it (unweighted)."""
    share: Estimate
    suppressed: bool = False
    """Fewer than ``min_cell`` respondents: show no figure for it."""


@dataclass(frozen=True, slots=True)
class ChoiceResult:
    """Single or multiple choice: per option the share of respondents who answered."""

    options: tuple[OptionResult, ...]
    answered: int
    effective_sample_size: float


@dataclass(frozen=True, slots=True)
class ScaleResult:
    mean: Estimate
    distribution: tuple[OptionResult, ...]
    """Per scale point, as a choice."""
    answered: int
    effective_sample_size: float


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """Ranking (Borda points: first of m gets m, unranked 0) or points allocation (points)."""

    scores: Mapping[str, Estimate]
    """Mean score per option."""
    answered: int
    effective_sample_size: float
