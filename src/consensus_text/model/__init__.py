"""Pure domain values: participants, paragraphs, bracketed text, positions, revisions.

Only the standard library and attrs are imported here; no file format, no XML.
"""

from __future__ import annotations

import typing

from consensus_text import _lazy

if typing.TYPE_CHECKING:
    from consensus_text.model.brackets import (
        MAX_NESTING,
        Alternatives,
        Bracket,
        BracketedText,
        Diagnostic,
        Element,
        Mark,
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

#: Where each name lives; loaded on first use (see consensus_text._lazy).
_HOMES = {
    **dict.fromkeys(
        (
            "MAX_NESTING",
            "Alternatives",
            "Bracket",
            "BracketedText",
            "Diagnostic",
            "Element",
            "Mark",
            "Placeholder",
            "Text",
            "parse",
            "parse_lenient",
            "render",
        ),
        "consensus_text.model.brackets",
    ),
    **dict.fromkeys(("LATIN_SUFFIXES", "Label", "LabelStyle"), "consensus_text.model.labels"),
    **dict.fromkeys(
        ("Draft", "Option", "OptionGroup", "Paragraph", "ParagraphKind"),
        "consensus_text.model.paragraphs",
    ),
    **dict.fromkeys(
        ("Group", "GroupKind", "Membership", "Participant", "ParticipantKind", "Registry"),
        "consensus_text.model.participants",
    ),
    **dict.fromkeys(("Position", "PositionKind"), "consensus_text.model.positions"),
    **dict.fromkeys(
        ("Ballot", "Package", "Ruling", "RulingKind", "SilenceBreak", "SilenceProcedure", "Vote"),
        "consensus_text.model.procedure",
    ),
    **dict.fromkeys(("Revision", "RevisionKind"), "consensus_text.model.revisions"),
    **dict.fromkeys(("Snapshot",), "consensus_text.model.snapshot"),
}

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
    "Mark",
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

__getattr__, __dir__ = _lazy.lazy_names(__name__, _HOMES, globals())
