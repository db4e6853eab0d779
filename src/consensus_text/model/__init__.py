"""Pure domain values: participants, paragraphs, bracketed text, positions, revisions.

Only the standard library and attrs are imported here; no file format, no XML.
"""

from __future__ import annotations

from consensus_text.model.brackets import (
    MAX_NESTING,
    Alternatives,
    Bracket,
    BracketedText,
    Diagnostic,
    Element,
    Placeholder,
    Text,
    parse,
    parse_lenient,
    render,
)
from consensus_text.model.labels import LATIN_SUFFIXES, Label, LabelStyle
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind
from consensus_text.model.participants import (
    Group,
    GroupKind,
    Membership,
    Participant,
    ParticipantKind,
    Registry,
)
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.procedure import (
    Ballot,
    Package,
    Ruling,
    RulingKind,
    SilenceBreak,
    SilenceProcedure,
    Vote,
)
from consensus_text.model.revisions import Revision, RevisionKind
from consensus_text.model.snapshot import Snapshot

__all__ = [
    "LATIN_SUFFIXES",
    "MAX_NESTING",
    "Alternatives",
    "Ballot",
    "Bracket",
    "BracketedText",
    "Diagnostic",
    "Draft",
    "Element",
    "Group",
    "GroupKind",
    "Label",
    "LabelStyle",
    "Membership",
    "Option",
    "OptionGroup",
    "Package",
    "Paragraph",
    "ParagraphKind",
    "Participant",
    "ParticipantKind",
    "Placeholder",
    "Position",
    "PositionKind",
    "Registry",
    "Revision",
    "RevisionKind",
    "Ruling",
    "RulingKind",
    "SilenceBreak",
    "SilenceProcedure",
    "Snapshot",
    "Text",
    "Vote",
    "parse",
    "parse_lenient",
    "render",
]
