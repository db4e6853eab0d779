"""The negotiation history: an append-only log of events, replay to any point, storage.

>>> import datetime as dt
>>> neg = Negotiation.create("Declaration", at=dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc))
>>> pid = neg.propose("Decides to [act];", by="Chair", at=dt.datetime(2025, 7, 1, 1, tzinfo=dt.timezone.utc))
>>> [type(e).__name__ for e in neg.events]
['NegotiationCreated', 'ParagraphProposed']
"""

from __future__ import annotations

from consensus_text.history.events import (
    EVENT_TYPES,
    OFFICIALS,
    BracketInserted,
    BracketResolved,
    DocumentAdopted,
    Event,
    GroupRegistered,
    NegotiationCreated,
    OptionChosen,
    OptionGroupDefined,
    PackageDefined,
    ParagraphDeleted,
    ParagraphMoved,
    ParagraphProposed,
    ParagraphRelabelled,
    ParagraphRestored,
    ParagraphsMerged,
    ParagraphSplit,
    ParticipantRegistered,
    PositionStated,
    PositionWithdrawn,
    Resolution,
    RevisionIssued,
    RulingRecorded,
    SilenceBreakWithdrawn,
    SilenceBroken,
    SilenceStarted,
    TextAmended,
    VoteRecorded,
    describe,
    event_class,
)
from consensus_text.history.lineage import Lineage, LineageEdge, LineageNode, compute_lineage
from consensus_text.history.negotiation import Clock, Negotiation, utc_now
from consensus_text.history.replay import apply, replay
from consensus_text.history.store import STORE_SCHEMA_VERSION, Store, open_store

__all__ = [
    "EVENT_TYPES",
    "OFFICIALS",
    "STORE_SCHEMA_VERSION",
    "BracketInserted",
    "BracketResolved",
    "Clock",
    "DocumentAdopted",
    "Event",
    "GroupRegistered",
    "Lineage",
    "LineageEdge",
    "LineageNode",
    "Negotiation",
    "NegotiationCreated",
    "OptionChosen",
    "OptionGroupDefined",
    "PackageDefined",
    "ParagraphDeleted",
    "ParagraphMoved",
    "ParagraphProposed",
    "ParagraphRelabelled",
    "ParagraphRestored",
    "ParagraphSplit",
    "ParagraphsMerged",
    "ParticipantRegistered",
    "PositionStated",
    "PositionWithdrawn",
    "Resolution",
    "RevisionIssued",
    "RulingRecorded",
    "SilenceBreakWithdrawn",
    "SilenceBroken",
    "SilenceStarted",
    "Store",
    "TextAmended",
    "VoteRecorded",
    "apply",
    "compute_lineage",
    "describe",
    "event_class",
    "open_store",
    "replay",
    "utc_now",
]
