"""Participatory-budgeting engine: pabulib files in, funded projects out. No Django.

Public API (stable; the web app and the command line use only this)::

    from voorop.engines.budgeting import (
        ENGINE_VERSION, Project, Ballot, Election, Outcome, Unfunded, PbWarning,
        WARNING_KINDS, read_pb, write_pb, compute, ballots_digest, rule_from_meta,
        PbFormatError, RuleError,
    )

    election = read_pb("Poland_Swiecie_2023.pb")          # path, or the file's text
    election.warnings         # what was odd but readable: PbWarning(kind, lines, args)
    outcome = compute(election, "mes", completion="add1", tie_breaking="cost-votes", seed=42)
    outcome.selected          # project ids, in the order of the election's projects
    outcome.total_cost        # Fraction
    outcome.unfunded          # one Unfunded(project_id, reason, data) per unfunded project
    outcome.votes             # votes (points, for cumulative ballots) per project id
    outcome.ballots_digest    # == ballots_digest(election): store it to verify the input later

Data (immutable value classes with slots, amounts as exact ``Fraction``; ``==``, ``hash``,
``repr``, pickling and pattern matching as frozen dataclasses had them, but they are not
dataclasses, whose import would slow the command line down: assigning to a field raises
``model.FrozenInstanceError``, an ``AttributeError``):

- ``Project(id, cost, name="", meta=())``
- ``Ballot(projects, points=None, voter_id="", meta=())``: ids in the voter's order; points
  parallel to them for cumulative/scoring ballots
- ``Election(projects, ballots, budget, ballot_type="approval", min_length=None,
  max_length=None, min_points=None, max_points=None, min_sum_points=None,
  max_sum_points=None, meta=(), source="", warnings=())``; ``meta`` holds the file's META
  verbatim; ``warnings`` (not compared) is what the reader found odd
- ``PbWarning(kind, lines=(), args={})``: one kind of oddity in a file that was still read
  in one way only (the way pabutools reads it), with every line where it occurs and the
  values its message names (JSON types); ``message()`` in English, ``to_json_dict()``.
  ``WARNING_KINDS`` maps each kind to its English message (the web app words them in Dutch,
  ``voorop.budgeting.pb_errors.describe_warning``)
- ``Outcome(selected, selection_order, total_cost, budget, rule, completion, tie_breaking,
  seed, engine_version, votes, unfunded, ballots_digest, details)``; ``to_json_dict()``

Functions:

- ``read_pb(path_or_text, *, name=None, voter_data=True) -> Election`` (raises
  ``PbFormatError``, ``str(err) == "file.pb:123: message"``, for what can be read in more
  than one way; ``voter_data=False`` drops voter ids and columns and shares one Ballot
  between equal votes: fast for big files; ``election.warnings`` for what is odd)
- ``write_pb(election, selected=None) -> str``
- ``compute(election, rule="mes", *, completion=None, min_votes=None, tie_breaking="id",
  seed=0, utilities=None, digest=True) -> Outcome`` (raises ``RuleError``; ``digest=False``
  skips ``Outcome.ballots_digest``, left empty); rules ``greedy``,
  ``greedy-no-skip``, ``mes``, ``phragmen``, ``from-file``; completions ``none``, ``add1``,
  ``add1-greedy``; tie-breaking ``id`` or ``cost-votes``
- ``ballots_digest(election) -> str`` (sha256 hex)
- ``rule_from_meta(election) -> RuleSpec`` (the rule the file's META names)

Unfunded reason codes (``Unfunded.reason``): ``below_min_votes``, ``no_votes``,
``over_budget``, ``stopped_no_skip``, ``not_enough_support``, ``cost_exceeds_budget``; see
:class:`Unfunded` for their data. See docs/decisions/0002-budgeting-engine.md.
"""

from .model import (
    ENGINE_VERSION,
    WARNING_KINDS,
    Ballot,
    Election,
    Outcome,
    PbWarning,
    Project,
    Unfunded,
    ballots_digest,
)
from .pabulib import PbFormatError, read_pb, write_pb
from .rules import FILE_RULES, RuleError, RuleSpec, compute, rule_from_meta

__all__ = [
    "ENGINE_VERSION",
    "FILE_RULES",
    "WARNING_KINDS",
    "Ballot",
    "Election",
    "Outcome",
    "PbFormatError",
    "PbWarning",
    "Project",
    "RuleError",
    "RuleSpec",
    "Unfunded",
    "ballots_digest",
    "compute",
    "read_pb",
    "rule_from_meta",
    "write_pb",
]
