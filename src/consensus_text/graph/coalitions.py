"""Coalitions: participants linked by how often they took the same side (networkx).

Part of :mod:`consensus_text.graph`, the one home of networkx (a core dependency);
networkx is imported when a function is called, so importing :mod:`consensus_text.analysis`
stays light.

The *agreement graph* is undirected: a node per participant (or group) that took a side on
some question, with the attribute ``questions`` (how many); an edge between two participants
that took the same side at least once, among the questions both took a side on (see
:func:`~consensus_text.analysis.metrics.compute_alignment`), with the attributes ``agreed``
(how often they took the same side), ``shared`` (the questions both took a side on),
``alignment`` (``agreed / shared``) and ``weight`` (``agreed * alignment``: frequent *and*
consistent agreement weighs most; two participants that agreed once on their only common
question weigh 1, ten times out of ten weigh 10, ten times out of twenty weigh 5).
Participants that always disagreed are not linked. Communities are found by Louvain
modularity optimisation with a fixed seed (deterministic), or by greedy modularity
(deterministic without a seed).

>>> import datetime as dt
>>> from consensus_text.history import Negotiation
>>> at = dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)
>>> neg = Negotiation.create("Declaration", at=at)
>>> p1 = neg.propose("Decides to [establish][convene] a forum;", by="Chair", at=at)
>>> for code, option in {"FRA": 1, "DEU": 1, "RUS": 2, "CHN": 2}.items():
...     neg.state_position(code, p1, "support", element=1, preferred_option=option, at=at)
>>> graph = compute_agreement_graph(neg)
>>> sorted(graph.edges(data="weight"))
[('CHN', 'RUS', 1.0), ('DEU', 'FRA', 1.0)]
>>> [sorted(members) for members in find_coalitions(graph)]
[['CHN', 'RUS'], ['DEU', 'FRA']]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from consensus_text.analysis.metrics import (
    PairAlignment,
    Timeline,
    _timeline,
    compute_alignment,
    questions_by_participant,
)
from consensus_text.errors import ValidationError
from consensus_text.history import Negotiation

__all__ = ["compute_agreement_graph", "export_graphml", "find_coalitions"]


def compute_agreement_graph(
    source: Timeline | Negotiation | Iterable[PairAlignment], *, min_shared: int = 1
) -> Any:
    """The agreement graph, as a ``networkx.Graph`` (see the module's docstring).

    Args:
        source: a timeline or a negotiation; or the pair alignments themselves (the nodes are
            then only the participants of the pairs, without ``questions``).
        min_shared: link two participants only when they took a side on at least this many
            common questions (a single common question says little).

    Raises:
        ValidationError: ``min_shared`` below 1.
    """
    import networkx as nx

    if min_shared < 1:
        raise ValidationError(
            f"min_shared={min_shared} is below 1", hint="give 1 or more common questions"
        )
    graph = nx.Graph()
    if isinstance(source, Timeline | Negotiation):
        timeline = _timeline(source)
        for code, count in questions_by_participant(timeline).items():
            graph.add_node(code, questions=count)
        pairs: Iterable[PairAlignment] = compute_alignment(timeline)
    else:
        pairs = source
    for pair in pairs:
        graph.add_nodes_from((pair.participant, pair.other))
        if pair.agreed and pair.shared >= min_shared:
            graph.add_edge(
                pair.participant,
                pair.other,
                weight=pair.agreed * pair.alignment,
                alignment=pair.alignment,
                agreed=pair.agreed,
                shared=pair.shared,
            )
    return graph


def find_coalitions(
    graph: Any,
    *,
    method: Literal["louvain", "greedy"] = "louvain",
    seed: int = 0,
    resolution: float = 1.0,
) -> tuple[frozenset[str], ...]:
    """The communities of the agreement graph: the coalitions.

    Args:
        graph: an agreement graph (:func:`compute_agreement_graph`), or any weighted graph.
        method: ``"louvain"`` (:func:`networkx.algorithms.community.louvain_communities`, with
            ``seed``) or ``"greedy"``
            (:func:`networkx.algorithms.community.greedy_modularity_communities`).
        seed: the Louvain method's random seed: the same seed gives the same coalitions.
        resolution: above 1 favours smaller coalitions, below 1 larger ones.

    Returns:
        Every node in exactly one coalition (an isolated participant alone), largest first,
        then in the order of their smallest code.

    Raises:
        ValidationError: an unknown method.
    """
    from networkx.algorithms import community

    if graph.number_of_nodes() == 0:
        return ()
    if method == "louvain":
        found = community.louvain_communities(
            graph, weight="weight", resolution=resolution, seed=seed
        )
    elif method == "greedy":
        found = community.greedy_modularity_communities(
            graph, weight="weight", resolution=resolution
        )
    else:
        raise ValidationError(
            f"unknown community method {method!r}", hint="use 'louvain' or 'greedy'"
        )
    coalitions = [frozenset(str(node) for node in members) for members in found]
    coalitions.sort(key=lambda members: (-len(members), min(members)))
    return tuple(coalitions)


def export_graphml(
    graph: Any,
    path: str | os.PathLike[str],
    *,
    coalitions: Sequence[frozenset[str]] | None = None,
) -> Path:
    """Write the graph as GraphML (for Gephi, Cytoscape, yEd); return the path.

    Args:
        graph: the agreement graph.
        path: the file to write.
        coalitions: if given, each node gets the attribute ``coalition``: the index of its
            coalition in this sequence (-1 when in none).
    """
    import networkx as nx

    out = graph.copy()
    if coalitions is not None:
        index = {node: i for i, members in enumerate(coalitions) for node in members}
        for node in out.nodes:
            out.nodes[node]["coalition"] = index.get(node, -1)
    target = Path(path)
    nx.write_graphml(out, target)
    return target
