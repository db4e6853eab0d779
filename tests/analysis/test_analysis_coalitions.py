"""The agreement graph, its communities and the GraphML export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from consensus_text.analysis import (
    PairAlignment,
    Timeline,
    compute_agreement_graph,
    compute_timeline,
    export_graphml,
    find_coalitions,
)
from consensus_text.demo import build_poa_negotiation
from consensus_text.errors import ValidationError

sys.path.insert(0, str(Path(__file__).parent))
from analysis_testkit import build_small_negotiation

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def small() -> Timeline:
    return compute_timeline(build_small_negotiation())


def test_small_graph(small: Timeline) -> None:
    graph = compute_agreement_graph(small)
    # Nodes: every participant with a side, with its number of questions (see the testkit).
    assert dict(graph.nodes(data="questions")) == {
        "BRA": 1,
        "CHN": 3,
        "FRA": 2,
        "RUS": 3,
        "USA": 3,
    }
    # Edges: pairs that agreed at least once; weight = agreed * agreed / shared.
    edges = {tuple(sorted((a, b))): d for a, b, d in graph.edges(data=True)}
    assert set(edges) == {("CHN", "RUS"), ("FRA", "USA"), ("RUS", "USA")}
    assert edges["CHN", "RUS"]["weight"] == 1.0
    assert edges["FRA", "USA"]["weight"] == 2.0
    assert edges["RUS", "USA"]["weight"] == pytest.approx(1 / 3)
    assert (edges["RUS", "USA"]["agreed"], edges["RUS", "USA"]["shared"]) == (1, 3)
    assert edges["RUS", "USA"]["alignment"] == pytest.approx(1 / 3)


def test_min_shared_drops_thin_links(small: Timeline) -> None:
    graph = compute_agreement_graph(small, min_shared=2)
    assert sorted(tuple(sorted(e)) for e in graph.edges) == [("FRA", "USA"), ("RUS", "USA")]
    assert graph.number_of_nodes() == 5
    with pytest.raises(ValidationError, match="min_shared=0 is below 1"):
        compute_agreement_graph(small, min_shared=0)


def test_graph_from_pairs() -> None:
    graph = compute_agreement_graph(
        [PairAlignment("A", "B", 4, 3, 1, 0.75), PairAlignment("A", "C", 2, 0, 2, 0.0)]
    )
    assert sorted(graph.nodes) == ["A", "B", "C"]
    assert list(graph.edges(data="weight")) == [("A", "B", 2.25)]


@pytest.mark.parametrize("method", ["louvain", "greedy"])
def test_small_coalitions(small: Timeline, method: str) -> None:
    # FRA-USA (weight 2) and CHN-RUS (1) are strong; the weak RUS-USA link (1/3) is cut;
    # Brazil shares no question with anyone and stands alone.
    coalitions = find_coalitions(compute_agreement_graph(small), method=method)  # type: ignore[arg-type]
    assert coalitions == (
        frozenset({"CHN", "RUS"}),
        frozenset({"FRA", "USA"}),
        frozenset({"BRA"}),
    )


def test_coalitions_edge_cases() -> None:
    assert find_coalitions(nx.Graph()) == ()
    with pytest.raises(ValidationError, match="unknown community method 'spectral'"):
        find_coalitions(nx.complete_graph(["A", "B"]), method="spectral")  # type: ignore[arg-type]


def test_demo_coalitions_are_blocs_and_deterministic() -> None:
    graph = compute_agreement_graph(compute_timeline(build_poa_negotiation()))
    coalitions = find_coalitions(graph)
    assert sorted(code for members in coalitions for code in members) == sorted(graph.nodes)
    bloc = {code: i for i, members in enumerate(coalitions) for code in members}
    assert bloc["RUS"] == bloc["CHN"] == bloc["IRN"]
    assert bloc["USA"] == bloc["EU"] == bloc["GBR"]
    assert bloc["RUS"] != bloc["USA"]
    assert find_coalitions(graph, seed=0) == coalitions


def test_coalitions_do_not_depend_on_hash_randomization() -> None:
    code = (
        "from consensus_text.analysis import compute_agreement_graph, compute_timeline, "
        "find_coalitions\n"
        "from consensus_text.demo import build_poa_negotiation\n"
        "g = compute_agreement_graph(compute_timeline(build_poa_negotiation()))\n"
        "print([sorted(c) for c in find_coalitions(g)])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_graphml_export(small: Timeline, tmp_path: Path) -> None:
    graph = compute_agreement_graph(small)
    coalitions = find_coalitions(graph)
    path = export_graphml(graph, tmp_path / "agreement.graphml", coalitions=coalitions)
    assert path.stat().st_size > 500
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{GRAPHML_NS}graphml"
    keys = {key.get("attr.name") for key in root.iter(f"{GRAPHML_NS}key")}
    assert keys == {"questions", "coalition", "weight", "alignment", "agreed", "shared"}
    back = nx.read_graphml(path)
    assert dict(back.nodes(data="coalition")) == {
        "CHN": 0,
        "RUS": 0,
        "FRA": 1,
        "USA": 1,
        "BRA": 2,
    }
    assert back.edges["FRA", "USA"]["weight"] == 2.0
    assert "coalition" not in graph.nodes["FRA"]  # the graph given is not changed
    plain = export_graphml(graph, tmp_path / "plain.graphml")
    assert "coalition" not in dict(nx.read_graphml(plain).nodes(data=True))["FRA"]
