"""Survey weighting for the citizens' panel: raking to population margins; no Django.

Typical use::

    margins = [Margin("age", {"18-34": 0.24, "35-64": 0.5, "65+": 0.26}),
               Margin("gender", {"v": 0.51, "m": 0.49})]
    result = rake(members, margins)           # weights average 1, trimmed to [0.2, 5]
    single_choice(answers, ["ja", "nee"], result.weights)   # shares, weighted and not

The weighted shares come with the margin of error from Kish's effective sample size, and
the design effect is reported with every weighting. See docs/decisions/0013-opinion-map.md.
"""

from .model import (
    ENGINE_VERSION,
    ChoiceResult,
    EmptyCellError,
    Estimate,
    Margin,
    OptionResult,
    RakingResult,
    ScaleResult,
    ScoreResult,
    Trimming,
    WeightingError,
)
from .raking import design_effect, effective_sample_size, margin_of_error, rake
from .results import multiple_choice, points_allocation, ranking, scale, single_choice

__all__ = [
    "ENGINE_VERSION",
    "ChoiceResult",
    "EmptyCellError",
    "Estimate",
    "Margin",
    "OptionResult",
    "RakingResult",
    "ScaleResult",
    "ScoreResult",
    "Trimming",
    "WeightingError",
    "design_effect",
    "effective_sample_size",
    "margin_of_error",
    "multiple_choice",
    "points_allocation",
    "rake",
    "ranking",
    "scale",
    "single_choice",
]
