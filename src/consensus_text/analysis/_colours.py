"""The colours shared by the plots and the HTML views: one per status, one per position.

Greens for agreement (darker as it firms up), orange for pending, red for blocked, blue for
adopted; the palette is ColorBrewer's RdYlGn with a blue for adoption.
"""

from __future__ import annotations

from typing import Final

from consensus_text.consensus import Status

__all__ = ["BRACKET_COLOURS", "POSITION_COLOURS", "STATUS_COLOURS", "text_colour"]

#: The colour of each status.
STATUS_COLOURS: Final = {
    Status.CONSENSUS_READY: "#a6d96a",
    Status.PENDING: "#fdae61",
    Status.BLOCKED: "#d7191c",
    Status.AGREED_IN_INFORMALS: "#66bd63",
    Status.AGREED_AD_REFERENDUM: "#d9ef8b",
    Status.CONFIRMED: "#1a9850",
    Status.REOPENED: "#f46d43",
    Status.ADOPTED: "#2166ac",
}

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

#: Background colours of brackets by depth (1, 2, 3, 4 and deeper).
BRACKET_COLOURS: Final = ("#fff3bf", "#ffe066", "#fcc419", "#fab005")

_DARK: Final = frozenset(
    {Status.BLOCKED.value, Status.CONFIRMED.value, Status.ADOPTED.value, Status.REOPENED.value}
)


def text_colour(status: Status) -> str:
    """Black or white, whichever reads better on the status's colour."""
    return "#ffffff" if status.value in _DARK else "#000000"
