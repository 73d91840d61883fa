"""The savings dialogue (begrotingsgesprek): plans checked against the council's frames,
plans added up per option (distribution, median, interquartile range) and a consensus plan
that respects every frame; no Django.

Typical use::

    dialogue = Dialogue(tables=(Table("cultuur", 4_000_000_00, minimum=3_500_000_00),),
                        options=(Option("bieb", "cultuur", 50_000_00, lowest=-3, highest=1),),
                        target_change=-100_000_00)
    check_plan(dialogue, {"bieb": -2}).ok          # True: saves 100,000 euros
    aggregate(dialogue, plans).consensus           # {"bieb": -2}

See docs/decisions/0019-savings-and-battles.md.
"""

from .groups import MIN_PLANS, GroupFigure, medians_by_group
from .model import (
    ENGINE_VERSION,
    Aggregate,
    Breach,
    Check,
    Dialogue,
    Option,
    OptionSummary,
    Plan,
    SavingsError,
    Table,
)
from .plans import aggregate, check_plan, quantile, summarise

__all__ = [
    "ENGINE_VERSION",
    "MIN_PLANS",
    "Aggregate",
    "Breach",
    "Check",
    "Dialogue",
    "GroupFigure",
    "Option",
    "OptionSummary",
    "Plan",
    "SavingsError",
    "Table",
    "aggregate",
    "check_plan",
    "medians_by_group",
    "quantile",
    "summarise",
]
