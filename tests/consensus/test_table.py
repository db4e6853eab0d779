"""The plain-text table and the JSON shape of ``consensus-text status``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from consensus_text.consensus import (
    ConsensusReport,
    Status,
    compute_report,
    format_status_table,
    report_to_dict,
)
from consensus_text.model.procedure import Ruling, RulingKind

sys.path.insert(0, str(Path(__file__).parent))
from consensus_testkit import K, at, para, pos, snap


def sample() -> ConsensusReport:
    paragraphs = [
        para("p1"),
        para("p2", "Decides to [establish][convene] a programme;"),
        para("p3"),
        para("p4", "Requests:"),
        para("p4a", "a report;", label="(a)", parent="p4"),
        para("u1", "Unnumbered text.", label=""),
    ]
    positions = [
        pos("RUS", "p3", K.OBJECTION),
        pos("G77", "p3", K.OBJECTION),
        pos("USA", "p1", K.DISSOCIATION),
    ]
    rulings = [Ruling("p4", RulingKind.AGREED_AD_REFERENDUM)]
    return compute_report(snap(paragraphs, positions, rulings=rulings), "oewg")


def test_table_has_one_row_per_paragraph_and_a_document_line() -> None:
    text = format_status_table(sample())
    lines = text.splitlines()
    assert lines[0].split() == ["label", "status", "brackets", "objectors", "reasons"]
    assert len(lines) == 1 + 6 + 2
    assert lines[-1] == (
        "document: not adoptable (3 consensus_ready, 1 pending, 1 blocked, 1 agreed_ad_referendum)"
    )
    row = lines[3]
    assert row.split()[:4] == ["3", "blocked", "0", "G77,"]
    assert "G77, RUS" in row
    assert "formal objection by RUS; formal objection by G77 on behalf of 133 members" in row
    assert lines[6].startswith("u1 ")  # a paragraph without a label is shown by its id
    assert all(line == line.rstrip() for line in lines)


def test_table_columns_line_up() -> None:
    lines = format_status_table(sample()).splitlines()[:7]
    status_column = lines[0].index("status")
    for line in lines[1:]:
        assert line[status_column - 2 : status_column] == "  "
        assert line[status_column] != " "


def test_table_of_an_adopted_document() -> None:
    report = compute_report(snap([para("p1")], adopted_at=at(2025, 7, 11)), "oewg")
    assert format_status_table(report).splitlines()[-1] == (
        "document: adopted at 2025-07-11T12:00:00+00:00 (1 adopted)"
    )


def test_table_of_an_empty_draft() -> None:
    report = compute_report(snap([]), "oewg")
    assert format_status_table(report).splitlines()[-1] == (
        "document: not adoptable (no paragraphs)"
    )


def test_json_shape() -> None:
    data = report_to_dict(sample())
    assert json.loads(json.dumps(data)) == data  # JSON types only
    document = data["document"]
    assert document["adoptable"] is False
    assert document["counts"] == {status.value: n for status, n in sample().document.counts.items()}
    assert set(document["counts"]) == {status.value for status in Status}
    assert document["not_agreed"] == ["p2", "p3"]
    assert document["adopted_at"] is None
    paragraphs = data["paragraphs"]
    assert [p["label"] for p in paragraphs] == ["1", "2", "3", "4", "(a)", ""]
    third = paragraphs[2]
    assert set(third) >= {"label", "status", "brackets", "objectors", "reasons"}
    assert (third["status"], third["brackets"], third["objectors"]) == (
        "blocked",
        0,
        ["G77", "RUS"],
    )
    assert all(isinstance(r, str) for r in third["reasons"])
    assert third["reason_codes"][:2] == ["formal_objection", "group_objection"]
    assert paragraphs[0]["records"] == [{"participant": "USA", "kind": "dissociation"}]
    assert paragraphs[1]["brackets"] == 1
    assert data["rules"] == "oewg"
