"""The consensus engine: pure functions from a snapshot and a process's rules to a report.

>>> from consensus_text.consensus import compute_report, Rules, Status
>>> Rules.preset("oewg").voting is None
True

See :mod:`consensus_text.consensus.engine` for the status precedence and the group rules.
"""

from __future__ import annotations

from consensus_text.consensus.accreditation import AccreditationDecision, evaluate_accreditation
from consensus_text.consensus.engine import ConsensusEngine, compute_report
from consensus_text.consensus.reasons import Reason
from consensus_text.consensus.report import (
    ConsensusReport,
    DocumentStatus,
    Objection,
    ParagraphStatus,
    Status,
)
from consensus_text.consensus.rules import (
    AccreditationRule,
    Fallback,
    Majority,
    Rules,
    SpeakingRights,
)
from consensus_text.consensus.silence import IgnoredBreak, SilenceOutcome, evaluate_silence
from consensus_text.consensus.table import format_status_table, report_to_dict
from consensus_text.consensus.votes import VoteResult, evaluate_vote

__all__ = [
    "AccreditationDecision",
    "AccreditationRule",
    "ConsensusEngine",
    "ConsensusReport",
    "DocumentStatus",
    "Fallback",
    "IgnoredBreak",
    "Majority",
    "Objection",
    "ParagraphStatus",
    "Reason",
    "Rules",
    "SilenceOutcome",
    "SpeakingRights",
    "Status",
    "VoteResult",
    "compute_report",
    "evaluate_accreditation",
    "evaluate_silence",
    "evaluate_vote",
    "format_status_table",
    "report_to_dict",
]
