"""Graph helpers: the one home of networkx in consensus_text.

- :mod:`~consensus_text.graph.lineage`: the revision lineage of every paragraph as a directed
  graph (which paragraph of Rev.1 became which of Rev.2, through splits and merges);
- :mod:`~consensus_text.graph.coalitions`: participants linked by how often they took the same
  side, with communities found by a standard algorithm, exportable as GraphML.

networkx is imported when a function is called, so importing this package stays light.
"""

from __future__ import annotations

from consensus_text.graph.lineage import lineage_graph, origins_of, trace_paragraph

__all__ = ["lineage_graph", "origins_of", "trace_paragraph"]
