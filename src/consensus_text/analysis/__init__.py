"""Analysis for notebooks: how a negotiation moved, who sided with whom, plots and HTML views.

- :mod:`~consensus_text.analysis.metrics`: history analytics as plain records, measured at the
  revisions (and the current state) through the public API only;
- :mod:`~consensus_text.analysis.frames`: the same as pandas DataFrames in tidy form;
- :mod:`~consensus_text.graph.coalitions`: the agreement graph (networkx), its communities,
  GraphML export;
- :mod:`~consensus_text.analysis.plots`: consensus progress and a positions heat map
  (matplotlib);
- :mod:`~consensus_text.analysis.html`: HTML for Jupyter's ``_repr_html_``.

pandas and matplotlib come with the ``analysis`` extra (``pip install
'consensus_text[analysis]'``) and are imported only when a function needs them; without them
those functions raise :class:`ImportError` naming the extra. The records, the graph and the HTML
need nothing beyond the core dependencies.

>>> from consensus_text.analysis import compute_timeline, compute_revision_metrics
>>> from consensus_text.demo import build_poa_negotiation
>>> timeline = compute_timeline(build_poa_negotiation())
>>> [(m.checkpoint, m.agreed, m.brackets) for m in compute_revision_metrics(timeline)][-1]
('current', 46, 6)
"""

from __future__ import annotations

from consensus_text.analysis.frames import (
    records_to_frame,
    require_pandas,
    tabulate_alignment,
    tabulate_holdings,
    tabulate_observations,
    tabulate_paragraphs,
    tabulate_participants,
    tabulate_positions,
    tabulate_revisions,
    tabulate_statuses,
)
from consensus_text.analysis.html import (
    render_draft_html,
    render_paragraph_html,
    render_report_html,
    render_text_html,
)
from consensus_text.analysis.metrics import (
    CURRENT,
    BracketInsertion,
    Checkpoint,
    Holding,
    HoldingKind,
    PairAlignment,
    ParagraphMetrics,
    ParagraphObservation,
    ParticipantMetrics,
    PositionObservation,
    RevisionMetrics,
    StatusCount,
    Timeline,
    compute_alignment,
    compute_holdings,
    compute_paragraph_metrics,
    compute_paragraph_observations,
    compute_participant_metrics,
    compute_position_observations,
    compute_revision_metrics,
    compute_status_counts,
    compute_timeline,
    full_label,
    questions_by_participant,
    side_of,
)
from consensus_text.analysis.plots import (
    POSITION_CATEGORIES,
    plot_positions,
    plot_progress,
    save_figure,
)
from consensus_text.graph.coalitions import (
    compute_agreement_graph,
    export_graphml,
    find_coalitions,
)

__all__ = [
    "CURRENT",
    "POSITION_CATEGORIES",
    "BracketInsertion",
    "Checkpoint",
    "Holding",
    "HoldingKind",
    "PairAlignment",
    "ParagraphMetrics",
    "ParagraphObservation",
    "ParticipantMetrics",
    "PositionObservation",
    "RevisionMetrics",
    "StatusCount",
    "Timeline",
    "compute_agreement_graph",
    "compute_alignment",
    "compute_holdings",
    "compute_paragraph_metrics",
    "compute_paragraph_observations",
    "compute_participant_metrics",
    "compute_position_observations",
    "compute_revision_metrics",
    "compute_status_counts",
    "compute_timeline",
    "export_graphml",
    "find_coalitions",
    "full_label",
    "plot_positions",
    "plot_progress",
    "questions_by_participant",
    "records_to_frame",
    "render_draft_html",
    "render_paragraph_html",
    "render_report_html",
    "render_text_html",
    "require_pandas",
    "save_figure",
    "side_of",
    "tabulate_alignment",
    "tabulate_holdings",
    "tabulate_observations",
    "tabulate_paragraphs",
    "tabulate_participants",
    "tabulate_positions",
    "tabulate_revisions",
    "tabulate_statuses",
]
