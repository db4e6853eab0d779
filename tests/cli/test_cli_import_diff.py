"""``consensus-text import`` and ``consensus-text diff``: output and exit status."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import consensus_text.cli.diff
import consensus_text.cli.importing  # noqa: F401  (registers the commands until the integrator does)
from consensus_text.cli import main
from consensus_text.demo import build_poa_negotiation
from consensus_text.history import open_store
from consensus_text.io.text import write_text_draft

HAS_DOCX_IMPORT = importlib.util.find_spec("consensus_text.io.docx_import") is not None


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's revisions as Markdown files (and Rev.2 as DOCX)."""
    folder = tmp_path_factory.mktemp("drafts")
    source = build_poa_negotiation()
    files = {}
    for number, label in enumerate(source.revisions):
        path = folder / f"rev{number}.md"
        path.write_text(write_text_draft(source.snapshot(revision=label).draft), encoding="utf-8")
        files[label] = path
    misordered = folder / "rev2-misordered.md"
    misordered.write_text(
        files["Rev.2"].read_text(encoding="utf-8") + "\n5. Decides to review it.\n",
        encoding="utf-8",
    )
    files["Rev.2 misordered"] = misordered
    if HAS_DOCX_IMPORT:
        from consensus_text.io.docx import export_bracketed_docx

        files["Rev.2 docx"] = folder / "rev2.docx"
        export_bracketed_docx(source.snapshot(revision="Rev.2"), files["Rev.2 docx"])
    return files


@pytest.fixture
def store(tmp_path: Path, drafts: dict[str, Path]) -> Path:
    """A store holding the zero draft and Rev.1, imported from text."""
    path = tmp_path / "poa.db"
    assert run("import", drafts["Zero draft"], "--store", path, "--revision", "Zero draft")[0] == 0
    assert run("import", drafts["Rev.1"], "--store", path, "--revision", "Rev.1")[0] == 0
    return path


def count(path: Path, name: str = "default") -> int:
    with open_store(path) as opened:
        return opened.count(name)


# ----------------------------------------------------------------------------------------------
# import


def test_import_creates_the_negotiation_then_records_revisions(
    tmp_path: Path, drafts: dict[str, Path]
) -> None:
    path = tmp_path / "poa.db"
    zero = drafts["Zero draft"]
    code, out, err = run(
        "import", zero, "--store", path, "--revision", "Zero draft", "--kind", "zero draft"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"recorded {zero} as 'Zero draft' of 'default' in {path} (new negotiation)",
        "paragraphs: 57 (57 new)",
        "events: 57 proposed; 58 in all, the revision included",
    ]
    with open_store(path) as opened:
        neg = opened.open()
        assert neg.title.startswith("Draft decision: establishment of a Programme of Action")
        assert neg.state.revisions[-1].kind.value == "zero_draft"
    rev1 = drafts["Rev.1"]
    code, out, _ = run("import", rev1, "--store", path, "--revision", "Rev.1", "--by", "Co-Chair")
    assert code == 0
    assert out.splitlines() == [
        f"recorded {rev1} as 'Rev.1' of 'default' in {path}",
        "paragraphs: 64 (39 unchanged, 16 edited, 6 new, 1 split, 1 moved)",
        "events: 1 split, 16 amended, 1 moved, 6 proposed, 1 relabelled, 1 option groups defined;"
        " 27 in all, the revision included",
    ]
    with open_store(path) as opened:
        assert {e.by for e in opened.read("default")[59:]} == {"Co-Chair"}


@pytest.mark.skipif(not HAS_DOCX_IMPORT, reason="consensus_text.io.docx_import is not available")
def test_import_docx(store: Path, drafts: dict[str, Path]) -> None:
    path = drafts["Rev.2 docx"]
    code, out, _ = run("import", path, "--store", store, "--revision", "Rev.2")
    assert code == 0
    assert (
        "events: 1 options chosen, 2 deleted, 1 merged, 16 amended, 4 proposed,"
        " 1 option groups defined; 26 in all, the revision included"
    ) in out
    assert "paragraphs: 64 (43 unchanged, 1 merged, 16 edited, 3 deleted, 4 new)" in out
    code, _, err = run(
        "import", path, "--store", store, "--revision", "Rev.2b", "--tracked-changes", "reject"
    )
    assert code == 0, err


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--revision", "Rev.1"], 1, "revision 'Rev.1' was already issued"),
        (["--revision", "Rev.2", "--strict"], 1, "label '5' comes after"),
        (["--revision", "Rev.2", "--kind", "memo"], 2, "Invalid value for '--kind'"),
        (["--revision", "Rev.2", "--pair", "p7"], 2, "'p7' is not NEW=OLD"),
        (["--revision", "Rev.2", "--pair", "p99=p1"], 1, "override names 'p99'"),
        (["--revision", "Rev.2", "--tracked-changes", "reject"], 2, "applies to DOCX files"),
        (["--revision", "Rev.2", "--format", "docx"], 2, "not a DOCX"),
        (["--store"], 2, "requires an argument"),
    ],
)
def test_import_refused(
    store: Path, drafts: dict[str, Path], args: list[str], status: int, message: str
) -> None:
    if "--format" in args and not HAS_DOCX_IMPORT:
        pytest.skip("consensus_text.io.docx_import is not available")
    before = count(store)
    draft = drafts["Rev.2 misordered"] if "--strict" in args else drafts["Rev.2"]
    code, out, err = run("import", draft, "--store", store, *args)
    assert code == status
    assert message in err and out == ""
    assert count(store) == before


def test_import_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run(
        "import", tmp_path / "nope.md", "--store", tmp_path / "s.db", "--revision", "R"
    )
    assert code == 2
    assert "consensus-text import: error: cannot read" in err
    assert not (tmp_path / "s.db").exists() or count(tmp_path / "s.db") == 0


def test_a_refused_first_import_creates_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "zero.md"
    draft.write_text("# T\n\n1. Decides to act; {ZZZ}\n", encoding="utf-8")
    path = tmp_path / "s.db"
    code, _, err = run("import", draft, "--store", path, "--revision", "Zero draft")
    assert code == 1 and "unknown participant 'ZZZ'" in err
    with open_store(path) as opened:
        assert opened.names() == ()


def test_ambiguities_and_pairs(tmp_path: Path) -> None:
    establish = "Decides to establish a permanent mechanism to advance responsible State behaviour;"
    meet = (
        "Decides also that the mechanism shall hold annual plenary meetings of one week in "
        "New York, and a review conference every four years;"
    )
    zero, rev1 = tmp_path / "zero.md", tmp_path / "rev1.md"
    zero.write_text(f"1. {establish}\n\n2. {meet}\n\n3. {meet.replace('New York', 'Geneva')}\n")
    rev1.write_text(f"1. {establish}\n\n2. {meet.replace('New York', 'Vienna')}\n")
    path = tmp_path / "s.db"
    assert run("import", zero, "--store", path, "--revision", "Zero draft")[0] == 0
    code, out, _ = run("import", rev1, "--store", path, "--revision", "Rev.1")
    assert code == 0
    lines = out.splitlines()
    assert "1 ambiguous pairing(s) to check:" in lines
    assert any("to pair it otherwise pass overrides={'p2': 'p2'}" in line for line in lines)
    with open_store(path) as opened:
        assert opened.open("default").state.draft.paragraph("p2").deleted
    # The same two revisions in another negotiation, paired as the user says.
    code, out, _ = run("import", zero, "--store", path, "--revision", "Zero draft", "--name", "b")
    assert code == 0 and "(new negotiation)" in out
    code, out, _ = run(
        "import", rev1, "--store", path, "--revision", "Rev.1", "--name", "b", "--pair", "p2=p2"
    )
    assert code == 0 and "ambiguous" not in out
    with open_store(path) as opened:
        draft = opened.open("b").state.draft
        assert not draft.paragraph("p2").deleted and "Vienna" in draft.paragraph("p2").text
        assert draft.paragraph("p3").deleted
    # The store now holds two negotiations: name one.
    code, _, err = run("import", rev1, "--store", path, "--revision", "Rev.3")
    assert code == 2 and "holds 2 negotiations; name one" in err


# ----------------------------------------------------------------------------------------------
# diff


def test_diff_text(store: Path) -> None:
    code, out, err = run("diff", store, "--from", "Zero draft", "--to", "Rev.1")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "default: Zero draft -> Rev.1",
        "Revision summary: 57 paragraphs -> 64 paragraphs",
        "  6 new, 16 edited, 1 moved, 1 split, 39 unchanged",
        "  words: +232 -9; contested elements: +8 -9; bracket pairs: 39 -> 34",
    ]
    assert "Word changes:" in lines
    assert "  13, 13 bis (was 13): split (kept 0.97); words +2 -1" in lines
    assert (
        "  (a) (edited): Annual meetings of <-[five][ten]-><+five+> working days, held in New York;"
        in lines
    )
    assert lines[-1].startswith("  29 (edited): Decides also that other relevant stakeholders")
    code, out, _ = run("diff", store, "--from", "Rev.1", "--to", "Rev.1")
    assert code == 0 and "  64 unchanged" in out.splitlines() and "Word changes" not in out


def test_diff_json(store: Path) -> None:
    code, out, _ = run("diff", store, "--from", "Zero draft", "--to", "Rev.1", "--json")
    assert code == 1
    document = json.loads(out)
    assert (document["from"], document["to"], document["negotiation"]) == (
        "Zero draft",
        "Rev.1",
        "default",
    )
    assert document["counts"] == {
        "new": 6,
        "deleted": 0,
        "edited": 16,
        "moved": 1,
        "split": 1,
        "merged": 0,
        "renumbered": 0,
        "unchanged": 39,
    }
    assert document["changed"] == len(document["changes"]) == 24
    by_kind = {c["kind"]: c for c in document["changes"]}
    new = by_kind["new"]
    assert new["ops"] == [{"op": "insert", "text": new["ops"][0]["text"]}] and new["old_ids"] == []
    edited = by_kind["edited"]
    assert {op["op"] for op in edited["ops"]} >= {"equal"}
    assert "".join(op["text"] for op in edited["ops"] if op["op"] != "insert")  # the old text
    moved = by_kind["moved"]
    assert moved["moved"] is True and moved["old_ids"] == moved["new_ids"]
    assert by_kind["split"]["label"] == "13, 13 bis" and len(by_kind["split"]["new_ids"]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "Rev.1", "--to", "Rev.9"], "no revision 'Rev.9' was issued"),
        (["--from", "Rev.1", "--to", "Zero draft"], "comes before"),
        (["--from", "Rev.1"], "Missing option '--to'"),
        (["--from", "Rev.1", "--to", "Rev.1", "--name", "other"], "no negotiation named 'other'"),
    ],
)
def test_diff_errors_exit_2(store: Path, args: list[str], message: str) -> None:
    code, out, err = run("diff", store, *args)
    assert code == 2
    assert message in err and out == ""


def test_diff_of_a_missing_store_exits_2(tmp_path: Path) -> None:
    code, _, err = run("diff", tmp_path / "none.db", "--from", "A", "--to", "B")
    assert code == 2 and "does not exist" in err
