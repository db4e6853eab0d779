"""The revision lineage of a negotiation as a directed graph: nodes are ``(revision, paragraph
id)`` pairs with the paragraph's ``version``, ``label`` and ``text``; edges carry ``kind``
(``kept``, ``amended``, ``split``, ``merged``, ``restored``).

>>> import datetime as dt
>>> from consensus_text.history import Negotiation
>>> at = dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc)
>>> neg = Negotiation.create("T", at=at)
>>> a = neg.propose("Recalls A;", by="Chair", at=at)
>>> b = neg.propose("Recalls B;", by="Chair", at=at)
>>> neg.issue_revision("Rev.1", at=at)
>>> c = neg.merge([a, b], "Recalls A and B;", by="Chair", at=at)
>>> neg.issue_revision("Rev.2", at=at)
>>> graph = neg.lineage()
>>> sorted(graph.predecessors(("Rev.2", c)))
[('Rev.1', 'p1'), ('Rev.1', 'p2')]
>>> graph.edges[("Rev.1", "p1"), ("Rev.2", c)]["kind"]
'merged'
>>> trace_paragraph(graph, ("Rev.1", "p1"))
(('Rev.1', 'p1'), ('Rev.2', 'p3'))
"""

from __future__ import annotations

from typing import Any

from consensus_text.history.lineage import Lineage, NodeKey

__all__ = ["lineage_graph", "origins_of", "trace_paragraph"]


def lineage_graph(lineage: Lineage) -> Any:
    """The lineage as a ``networkx.DiGraph`` (acyclic: edges go from a revision to a later one).

    Node attributes: ``revision``, ``paragraph_id``, ``version``, ``label``, ``text``,
    ``order`` (the revision's position, from 0). Edge attribute: ``kind``.
    """
    import networkx as nx

    graph = nx.DiGraph()
    order = {label: i for i, label in enumerate(lineage.revisions)}
    for node in lineage.nodes:
        graph.add_node(
            node.key,
            revision=node.revision,
            paragraph_id=node.paragraph_id,
            version=node.version,
            label=node.label,
            text=node.text,
            order=order[node.revision],
        )
    for edge in lineage.edges:
        graph.add_edge(edge.source, edge.target, kind=edge.kind)
    return graph


def _sorted(graph: Any, keys: set[NodeKey]) -> tuple[NodeKey, ...]:
    return tuple(sorted(keys, key=lambda key: (graph.nodes[key]["order"], key[1])))


def trace_paragraph(graph: Any, node: NodeKey) -> tuple[NodeKey, ...]:
    """The node and everything it became in later revisions, in revision order.

    Precondition: ``node`` is in ``graph`` (a KeyError from networkx otherwise).
    """
    import networkx as nx

    return _sorted(graph, {node, *nx.descendants(graph, node)})


def origins_of(graph: Any, node: NodeKey) -> tuple[NodeKey, ...]:
    """The node and every paragraph of earlier revisions it came from, in revision order."""
    import networkx as nx

    return _sorted(graph, {node, *nx.ancestors(graph, node)})
