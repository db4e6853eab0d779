"""Status / compilation table DOCX: participants by paragraph with their positions."""

from __future__ import annotations

import io

import attrs
import pytest
from docx_testkit import W, open_docx, part, snapshot_v1

from consensus_text.errors import ExportError
from consensus_text.io.docx import ExportOptions, ShadingColours, export_table_docx
from consensus_text.model.positions import Position, PositionKind


def export(snapshot: object = None, **kw: object) -> bytes:
    buffer = io.BytesIO()
    export_table_docx(snapshot or snapshot_v1(), buffer, **kw)  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.fixture(scope="module")
def table_rows() -> list[list[str]]:
    data = export(
        statuses={"op1": "blocked", "op2": "consensus_ready"},
        status_reasons={"op1": ["RUS objects"]},
        options=ExportOptions(shading=ShadingColours()),
    )
    table = open_docx(data).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_header_row(table_rows: list[list[str]]) -> None:
    assert table_rows[0] == [
        "Paragraph",
        "Text",
        "Status",
        "Support",
        "Can live with",
        "Reservations",
        "Objections",
        "Dissociations and explanations",
    ]


def test_one_row_per_non_heading_paragraph_in_order(table_rows: list[list[str]]) -> None:
    assert [row[0] for row in table_rows[1:]] == [
        "PP1",
        "PP2",
        "1",
        "2",
        "2 (a)",
        "2 (b)",
        "3",
        "3 bis",
        "4",
    ]


@pytest.mark.parametrize(
    ("label", "column", "expected"),
    [
        ("1", "Support", "FRA"),
        ("1", "Objections", "RUS"),
        ("1", "Status", "Blocked\nRUS objects"),
        ("2", "Can live with", "G77"),
        ("2", "Status", "Consensus ready"),
        ("3", "Reservations", "EU (study, el. 1)"),
        ("3", "Support", "USA (el. 1, opt. 2)"),
        ("3", "Status", "—"),
        ("1", "Text", "Decides to [establish][convene] a PoA [Placeholder for finance];"),
    ],
)
def test_cells(table_rows: list[list[str]], label: str, column: str, expected: str) -> None:
    header = table_rows[0]
    row = next(r for r in table_rows[1:] if r[0] == label)
    assert row[header.index(column)] == expected


def test_stale_positions_are_marked() -> None:
    snapshot = snapshot_v1()
    newer = attrs.evolve(snapshot.draft.paragraph("op2"), version=2)
    snapshot = attrs.evolve(snapshot, draft=snapshot.draft.replaced(newer))
    table = open_docx(export(snapshot)).tables[0]
    row = next(r for r in table.rows if r.cells[0].text == "2")
    assert row.cells[2].text == "CHN†"  # no Status column without statuses


def test_landscape_with_repeating_header() -> None:
    data = export()
    document = part(data, "word/document.xml")
    size = document.find(f"{W}body/{W}sectPr/{W}pgSz")
    assert size.get(W + "orient") == "landscape"
    assert int(size.get(W + "w")) > int(size.get(W + "h"))
    assert document.find(f".//{W}tr/{W}trPr/{W}tblHeader") is not None


def test_status_cell_is_shaded() -> None:
    data = export(statuses={"op1": "blocked"}, options=ExportOptions(shading=ShadingColours()))
    fills = [shd.get(W + "fill") for shd in part(data, "word/document.xml").iter(W + "shd")]
    assert "F4B6B6" in fills


def test_bad_participant_code_is_reported() -> None:
    snapshot = snapshot_v1()
    snapshot = attrs.evolve(snapshot, positions=(Position("FR\x02A", "op1", PositionKind.SUPPORT),))
    with pytest.raises(
        ExportError, match="a position on paragraph 1 \\(id 'op1'\\) contains U\\+0002"
    ):
        export(snapshot)
