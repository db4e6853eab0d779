"""consensus_text: track consensus on negotiated texts.

The names most scripts need are here; everything else lives in the sub-packages
(:mod:`consensus_text.model`, :mod:`~consensus_text.history`, :mod:`~consensus_text.consensus`,
:mod:`~consensus_text.io`, :mod:`~consensus_text.analysis`).

>>> import consensus_text as ct
>>> neg = ct.Negotiation.create("Declaration", at=ct.utc_now())
>>> pid = neg.propose("Decides to [act];", by="Chair")
>>> ct.compute_report(neg.state, "oewg").paragraph(pid).status
<Status.PENDING: 'pending'>
"""

from __future__ import annotations

import typing

from consensus_text import _lazy

if typing.TYPE_CHECKING:
    from consensus_text.consensus import ConsensusReport, Rules, Status, compute_report
    from consensus_text.errors import ConsensusTextError
    from consensus_text.exports import export_revision
    from consensus_text.history import Negotiation, Store, open_store, utc_now
    from consensus_text.model import (
        Draft,
        Label,
        Paragraph,
        ParagraphKind,
        Position,
        PositionKind,
        Registry,
        Revision,
        RevisionKind,
        RulingKind,
        Snapshot,
        parse,
        parse_lenient,
    )

#: Where each top-level name lives; imported on first use, so that importing one layer (say
#: ``consensus_text.model``) does not load the others.
_HOMES = {
    "ConsensusReport": "consensus_text.consensus",
    "Rules": "consensus_text.consensus",
    "Status": "consensus_text.consensus",
    "compute_report": "consensus_text.consensus",
    "ConsensusTextError": "consensus_text.errors",
    "export_revision": "consensus_text.exports",
    "Negotiation": "consensus_text.history",
    "Store": "consensus_text.history",
    "open_store": "consensus_text.history",
    "utc_now": "consensus_text.history",
    **dict.fromkeys(
        (
            "Draft",
            "Label",
            "Paragraph",
            "ParagraphKind",
            "Position",
            "PositionKind",
            "Registry",
            "Revision",
            "RevisionKind",
            "RulingKind",
            "Snapshot",
            "parse",
            "parse_lenient",
        ),
        "consensus_text.model",
    ),
}


__getattr__, __dir__ = _lazy.lazy_names(__name__, _HOMES, globals())


__version__ = "0.1.0.dev0"

__all__ = [
    "ConsensusReport",
    "ConsensusTextError",
    "Draft",
    "Label",
    "Negotiation",
    "Paragraph",
    "ParagraphKind",
    "Position",
    "PositionKind",
    "Registry",
    "Revision",
    "RevisionKind",
    "Rules",
    "RulingKind",
    "Snapshot",
    "Status",
    "Store",
    "__version__",
    "compute_report",
    "export_revision",
    "open_store",
    "parse",
    "parse_lenient",
    "utc_now",
]
