"""The colours shared by the plots and the HTML views: one per status, one per position.

Greens for agreement (darker as it firms up), orange for pending, red for blocked, blue for
adopted; the palette is ColorBrewer's RdYlGn with a blue for adoption.
"""

from __future__ import annotations

from typing import Final

from consensus_text.consensus._html import STATUS_COLOURS, text_colour
from consensus_text.model._html import BRACKET_COLOURS

__all__ = ["BRACKET_COLOURS", "POSITION_COLOURS", "STATUS_COLOURS", "text_colour"]

#: The colour of each cell category of the positions heat map (``none``: no position).
POSITION_COLOURS: Final = {
    "none": "#ffffff",
    "support": "#1a9850",
    "can live with": "#a6d96a",
    "reservation": "#fdae61",
    "objection": "#d7191c",
    "record": "#74add1",
    "stale": "#bdbdbd",
}
