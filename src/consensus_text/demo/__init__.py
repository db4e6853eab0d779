"""Demonstration content: a scripted negotiation to explore, test and export.

>>> from consensus_text.demo import build_poa_negotiation
>>> build_poa_negotiation().revision
'Rev.3'
"""

from __future__ import annotations

from consensus_text.demo.scenario import (
    OBSERVERS,
    SCENARIO_NAME,
    SYMBOL,
    TITLE,
    NegotiationFactory,
    build_poa_negotiation,
)

__all__ = [
    "OBSERVERS",
    "SCENARIO_NAME",
    "SYMBOL",
    "TITLE",
    "NegotiationFactory",
    "build_poa_negotiation",
]
