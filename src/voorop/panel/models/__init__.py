"""The citizens' panel (burgerpanel): a standing group of residents, consulted several times
a year, kept representative, and told what was done with its answers.

Recruitment uses the one mechanism of every instrument that writes to residents: the address
file of voorop.core.addresses, the stratified draw of the sortition engine, letters with a
QR code (voorop.core.letters) and one-time codes stored as keyed hashes (voorop.core.codes),
wrong codes limited per client (voorop.core.throttle). See docs/decisions/0018-citizens-panel.md.

Answers are anonymous: a response never holds the member's id, only the features it is
weighted on; the invitation's link to the member is dropped when the consultation closes.
"""

from voorop.panel.models.consultations import (
    Answer,
    Consultation,
    Invite,
    Question,
    QuestionKind,
    Response,
)
from voorop.panel.models.opinions import (
    MapRun,
    Moderation,
    OpinionMap,
    OpinionVote,
    Participant,
    Statement,
    StatementStatus,
)
from voorop.panel.models.panels import (
    CODE_LENGTH,
    CODE_PURPOSE,
    DEFAULT_FEATURES,
    LINK_PURPOSE,
    MIN_CELL,
    RENEWAL_NOTICE,
    Address,
    Invitation,
    Member,
    MemberSource,
    Panel,
    PopulationFigure,
    Recruitment,
    code_hash,
    new_salt,
)

__all__ = [
    "CODE_LENGTH",
    "CODE_PURPOSE",
    "DEFAULT_FEATURES",
    "LINK_PURPOSE",
    "MIN_CELL",
    "RENEWAL_NOTICE",
    "Address",
    "Answer",
    "Consultation",
    "Invitation",
    "Invite",
    "MapRun",
    "Member",
    "MemberSource",
    "Moderation",
    "OpinionMap",
    "OpinionVote",
    "Panel",
    "Participant",
    "PopulationFigure",
    "Question",
    "QuestionKind",
    "Recruitment",
    "Response",
    "Statement",
    "StatementStatus",
    "code_hash",
    "new_salt",
]
