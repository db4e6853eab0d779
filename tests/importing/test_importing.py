"""Recording revisions read from files: the demo negotiation rebuilt from its own revisions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import random
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consensus_text.align import AlignmentKind
from consensus_text.demo import build_poa_negotiation
from consensus_text.errors import (
    FormatError,
    InvalidEventError,
    ParagraphNotFoundError,
    ParseError,
    RevisionNotFoundError,
    UnknownParticipantError,
    ValidationError,
)
from consensus_text.history import Negotiation, open_store
from consensus_text.importing import (
    ImportReport,
    align_revisions,
    import_file,
    read_draft_file,
    record_revision,
)
from consensus_text.io.text import read_text_draft, write_text_draft
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind
from consensus_text.summary import summarize_revisions

UTC = dt.UTC
START = dt.datetime(2026, 2, 2, 9, tzinfo=UTC)

Shape = list[tuple[str, str, str, str | None]]


def shape(draft: Draft) -> Shape:
    """Texts, labels, kinds and chapeaux (by label) of the active paragraphs, in order."""
    return [
        (
            p.text,
            p.display_label,
            p.kind.value,
            None if p.parent is None else draft.paragraph(p.parent).display_label,
        )
        for p in draft.active()
    ]


@pytest.fixture(scope="module")
def source() -> Negotiation:
    return build_poa_negotiation()


def empty_like(source: Negotiation) -> Negotiation:
    return Negotiation.create(source.title, registry=source.registry, at=START)


def text_draft(text: str) -> Draft:
    return read_text_draft(text).draft


# ----------------------------------------------------------------------------------------------
# The demo negotiation, revision after revision


def test_demo_revisions_imported_as_text(source: Negotiation) -> None:
    neg = empty_like(source)
    previous_ids: set[str] = set()
    for number, label in enumerate(source.revisions):
        snapshot = source.snapshot(revision=label)
        draft = text_draft(write_text_draft(snapshot.draft))
        kind = snapshot.revisions[-1].kind
        report = record_revision(neg, draft, label=label, kind=kind, at=START)
        assert shape(neg.state.draft) == shape(snapshot.draft), label
        assert neg.revisions[-1] == label and neg.state.revisions[-1].kind is kind
        assert report.revision == label and type(report.events[-1]).__name__ == "RevisionIssued"
        assert report.events == neg.events[-len(report.events) :]
        assert set(report.ids.values()) == {p.id for p in neg.state.draft.active()}
        if number == 0:
            assert report.counts == {"new": len(report.ids)}
            assert report.operations == {"proposed": len(report.ids)}
        else:
            # Paragraphs that continue keep their ids: positions stay attached to them.
            unchanged = [p for p in report.alignment.pairs if p.kind is AlignmentKind.UNCHANGED]
            assert unchanged and all(report.ids[p.new_ids[0]] in previous_ids for p in unchanged)
        previous_ids = {p.id for p in neg.state.draft.paragraphs}
    assert report.ambiguities == ()
    # The same changes, seen by their ids, as the summary of the source reports them.
    again = summarize_revisions(
        neg.snapshot(revision="Rev.2").draft,
        neg.snapshot(revision="Rev.3").draft,
        alignment=align_revisions(neg, "Rev.2", "Rev.3"),
    )
    assert again.counts[AlignmentKind.EDITED] == 2 and again.changed == 2


def test_what_rev1_recorded(source: Negotiation) -> None:
    neg = empty_like(source)
    for label in source.revisions[:2]:
        draft = text_draft(write_text_draft(source.snapshot(revision=label).draft))
        report = record_revision(neg, draft, label=label, at=START)
    assert report.counts == {"unchanged": 39, "edited": 16, "new": 6, "split": 1, "moved": 1}
    assert report.operations == {
        "split": 1,
        "amended": 16,
        "moved": 1,
        "proposed": 6,
        "relabelled": 1,
        "option groups defined": 1,
    }
    assert len(report.events) == 27
    assert {e.at for e in report.events} == {START}


@pytest.mark.skipif(
    importlib.util.find_spec("consensus_text.io.docx_import") is None,
    reason="consensus_text.io.docx_import is not available yet",
)
def test_demo_revisions_imported_as_docx(source: Negotiation, tmp_path: Path) -> None:
    from consensus_text.io.docx import export_bracketed_docx

    neg = empty_like(source)
    for number, label in enumerate(source.revisions):
        snapshot = source.snapshot(revision=label)
        path = tmp_path / f"rev{number}.docx"
        export_bracketed_docx(snapshot, path)
        report = import_file(neg, path, label=label, kind=snapshot.revisions[-1].kind)
        assert shape(neg.state.draft) == shape(snapshot.draft), label
        assert report.source == str(path)
        assert report.diagnostics == ()  # the demo relabels its moved paragraph "27 bis"
    assert neg.revisions == source.revisions


# ----------------------------------------------------------------------------------------------
# Files


def test_import_file_reports_diagnostics_and_strict_refuses(tmp_path: Path) -> None:
    path = tmp_path / "zero.md"
    path.write_text("# PoA\n\n1. Decides to [act;\n\n2. Requests a report.\n", encoding="utf-8")
    neg = Negotiation.create("PoA", at=START)
    with pytest.raises(ParseError, match=r"zero\.md:3:15: '\[' at line 3, column 15"):
        import_file(neg, path, label="Zero draft", strict=True)
    assert neg.event_count == 1
    report = import_file(neg, path, label="Zero draft", kind="zero_draft", at=START)
    [diagnostic] = report.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (3, 15, "unclosed-open")
    assert str(diagnostic).startswith("3:15: '[' at line 3, column 15 is never closed")
    assert report.source == str(path)
    assert [p.text for p in neg.state.draft.active()] == ["Decides to [act;", "Requests a report."]


@pytest.mark.parametrize(
    ("name", "kwargs", "error", "fragment"),
    [
        ("rev.rtf", {}, FormatError, "cannot tell the format of"),
        ("rev.txt", {"tracked_changes": "reject"}, ValidationError, "applies to DOCX files"),
        ("rev.docx", {"extracted": True}, ValidationError, "not to the DOCX file"),
        ("rev.txt", {"format": "pdf"}, ValidationError, "unknown draft format 'pdf'"),
        ("missing.md", {}, FormatError, "cannot read"),
    ],
)
def test_reading_errors(
    tmp_path: Path, name: str, kwargs: dict[str, object], error: type[Exception], fragment: str
) -> None:
    path = tmp_path / name
    if name != "missing.md":
        path.write_text("1. Decides to act.\n", encoding="utf-8")
    with pytest.raises(error, match=fragment):
        read_draft_file(path, **kwargs)  # type: ignore[arg-type]


def test_the_format_may_be_given(tmp_path: Path) -> None:
    path = tmp_path / "rev.rtf"
    path.write_text("1. Decides to act.\n", encoding="utf-8")
    read = read_draft_file(path, format="text")
    assert (read.format, [p.text for p in read.draft]) == ("text", ["Decides to act."])


# ----------------------------------------------------------------------------------------------
# Ambiguities and overrides

ESTABLISH = (
    "Decides to establish a permanent, inclusive and action-oriented mechanism to advance "
    "responsible State behaviour in the use of ICTs;"
)
MEET = (
    "Decides also that the mechanism shall hold annual plenary meetings of one week in New York, "
    "and a review conference every four years;"
)


def _two_venues() -> Negotiation:
    neg = Negotiation.create("T", at=START)
    zero = f"1. {ESTABLISH}\n\n2. {MEET}\n\n3. {MEET.replace('New York', 'Geneva')}\n"
    record_revision(neg, text_draft(zero), label="Zero draft", at=START)
    return neg


def test_ambiguities_are_reported_and_overrides_decide() -> None:
    rev1 = text_draft(f"1. {ESTABLISH}\n\n2. {MEET.replace('New York', 'Vienna')}\n")
    neg = _two_venues()
    report = record_revision(neg, rev1, label="Rev.1", at=START)
    [ambiguity] = report.ambiguities
    assert (ambiguity.paragraph_id, ambiguity.side, ambiguity.chosen) == ("p2", "new", "p3")
    [text] = report.describe_ambiguities()
    assert text == (
        "imported paragraph 2 (p2) matches several current paragraphs: 3 (p3, kept 0.95), "
        "2 (p2, kept 0.93); paired with 3 (p3); to pair it otherwise pass "
        "overrides={'p2': 'p2'}"
    )
    assert report.ids["p2"] == "p3" and neg.state.draft.paragraph("p2").deleted

    neg = _two_venues()
    report = record_revision(neg, rev1, label="Rev.1", at=START, overrides={"p2": "p2"})
    assert report.ambiguities == ()
    assert report.ids["p2"] == "p2" and neg.state.draft.paragraph("p3").deleted
    assert report.alignment.of_new("p2").overridden

    neg = _two_venues()
    report = record_revision(neg, rev1, label="Rev.1", at=START, overrides={"p2": None})
    assert report.counts == {"unchanged": 1, "new": 1, "deleted": 2}
    with pytest.raises(ParagraphNotFoundError, match="'p9'"):
        record_revision(neg, rev1, label="Rev.2", overrides={"p2": "p9"})


# ----------------------------------------------------------------------------------------------
# Structure: chapeaux, kinds, labels, options

ZERO = """# T

Recalling its resolution 77/37,

Noting the report,

## I. Structure

1. Decides that the programme shall comprise:

(a) annual meetings of five working days;

(b) review conferences every four years;

2. Requests the Secretariat to support the programme and to report on its activities;

3. Invites States to submit views on the programme of action;

Option 1 {EU}:
4. Decides to hold meetings in New York;
Option 2: No text
End of options

5. Decides to remain seized of the matter.
"""

REV1 = """# T

PP1. Recalling its resolution 77/37,

Noting the report,

## I. Structure

1. Decides that the programme shall comprise:

(a) annual meetings of five working days;

(b) review conferences every four years;

(c) Requests the Secretariat to support the programme and to report on its activities;

2. Invites States to submit views on the programme of action;

2 bis. Decides to hold meetings in New York;

Option 1:
3. Decides to remain seized of the matter.
Option 2: No text
End of options
"""

REV2 = """# T

PP1. Recalling its resolution 77/37,

## I. Structure

1. Invites States to submit views on the programme of action;

2. Decides that the programme shall comprise:

(a) review conferences every four years;

(b) annual meetings of five working days;

(c) Requests the Secretariat to support the programme and to report on its activities;

Noting the report,
"""


def test_chapeaux_kinds_labels_and_options() -> None:
    neg = Negotiation.create("T", at=START)
    report = record_revision(neg, text_draft(ZERO), label="Zero draft", at=START)
    assert report.operations == {"proposed": 10, "option groups defined": 1}
    [group] = neg.state.draft.option_groups
    assert [(o.label, o.attribution) for o in group.options] == [
        ("Option 1", ("EU",)),
        ("Option 2", ()),
    ]
    assert neg.state.draft.paragraph(group.options[0].paragraph_ids[0]).text.endswith("New York;")

    draft = text_draft(REV1)
    report = record_revision(neg, draft, label="Rev.1", at=START)
    assert shape(neg.state.draft) == shape(draft)
    # Paragraph 2 became sub-paragraph (c): no event moves a paragraph under a chapeau.
    assert report.replaced == ("p7",)
    assert "changed kind or chapeau" in report.warnings[0]
    assert report.operations == {
        "options chosen": 1,  # "Option 1" kept without its group: chosen
        "deleted": 1,
        "proposed": 1,
        "relabelled": 4,
        "option groups defined": 1,
    }
    assert [g.id for g in neg.state.draft.option_groups] == ["g2"]

    draft = text_draft(REV2)
    report = record_revision(neg, draft, label="Rev.2", at=START)
    assert shape(neg.state.draft) == shape(draft)
    assert report.operations["options chosen"] == 1  # "Option 2: No text"
    assert report.operations["moved"] == 2
    assert neg.state.draft.option_groups == ()
    # Moved after the operative part, the unlabelled paragraph is operative: replaced.
    assert report.replaced == ("p8",)
    assert write_text_draft(neg.state.draft) == write_text_draft(draft)


def test_an_option_group_that_cannot_be_settled_is_left_with_a_warning() -> None:
    neg = Negotiation.create("T", at=START)
    zero = "1. Decides A;\n\nOption 1:\n2. Decides B;\nOption 2:\n3. Decides C;\nEnd of options\n"
    record_revision(neg, text_draft(zero), label="Zero draft", at=START)
    both = text_draft("1. Decides A;\n\n2. Decides B;\n\n3. Decides C;\n")
    report = record_revision(neg, both, label="Rev.1", at=START)
    assert "option group 'g1' of the negotiation is not in the imported draft" in report.warnings[0]
    assert [g.id for g in neg.state.draft.option_groups] == ["g1"]
    regroup = "1. Decides A;\n\nAlt 1:\n2. Decides B;\nAlt 2:\n3. Decides C;\nEnd of options\n"
    report = record_revision(neg, text_draft(regroup), label="Rev.2", at=START)
    assert "not defined; choose an option of the old group" in report.warnings[-1]


def test_split_merge_and_unlabelled_paragraphs() -> None:
    neg = Negotiation.create("T", at=START)
    zero = (
        "1. Decides to hold annual plenary meetings of one week in New York and to convene "
        "a review conference every four years;\n\n"
        "2. Requests the Secretary-General to seek the views of Member States;\n\n"
        "3. Also requests the Secretary-General to submit a report thereon;\n"
    )
    record_revision(neg, text_draft(zero), label="Zero draft", at=START)
    rev1 = text_draft(
        "Decides to hold annual plenary meetings of one week in New York;\n\n"
        "1 bis. Decides to convene a review conference every four years;\n\n"
        "2. Requests the Secretary-General to seek the views of Member States and to submit "
        "a report thereon;\n"
    )
    report = record_revision(neg, rev1, label="Rev.1", at=START)
    assert shape(neg.state.draft) == shape(rev1)
    assert report.operations == {"split": 1, "merged": 1, "relabelled": 1}
    assert next(neg.state.draft.active()).label is None  # the unlabelled part stays unlabelled
    kinds = [p.kind.value for p in align_revisions(neg, "Zero draft", "Rev.1").pairs]
    assert kinds == ["split", "merged"]


# ----------------------------------------------------------------------------------------------
# All or nothing


def test_a_failure_midway_records_nothing() -> None:
    neg = _two_venues()
    before, count = neg.state, neg.event_count
    bad = text_draft(f"1. {ESTABLISH}\n\n2. Decides to meet in Vienna; {{ZZZ}}\n")
    with pytest.raises(UnknownParticipantError, match="'ZZZ'") as info:
        record_revision(neg, bad, label="Rev.1")
    assert "imported paragraph 2 (p2)" in "\n".join(info.value.__notes__)
    assert (neg.state, neg.event_count, neg.revisions) == (before, count, ("Zero draft",))


def test_a_failure_midway_writes_nothing_to_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path / "s.db") as store:
        neg = store.create("neg", title="T", at=START)
        zero = f"1. {ESTABLISH}\n\n2. {MEET}\n"
        record_revision(neg, text_draft(zero), label="Zero draft", at=START)
        written = store.count("neg")
        assert written == neg.event_count == 4
        calls: list[str] = []

        def failing_relabel(self: Negotiation, pid: str, *args: object, **kwargs: object) -> None:
            calls.append(pid)
            raise InvalidEventError("the relabelling failed")

        monkeypatch.setattr(Negotiation, "relabel", failing_relabel)
        rev1 = text_draft(f"1. {ESTABLISH.replace('permanent', 'standing')}\n\n3. {MEET}\n")
        with pytest.raises(InvalidEventError, match="the relabelling failed"):
            record_revision(neg, rev1, label="Rev.1")
        assert calls == ["p2"]  # after the amendment of paragraph 1
        assert store.count("neg") == written and neg.event_count == written
        assert store.open("neg").state == neg.state


def test_a_revision_label_is_used_once() -> None:
    neg = _two_venues()
    with pytest.raises(InvalidEventError, match="'Zero draft' was already issued"):
        record_revision(neg, text_draft("1. Decides;\n"), label="Zero draft")


def test_report_fields() -> None:
    neg = _two_venues()
    report = record_revision(neg, text_draft(f"1. {ESTABLISH}\n"), label="Rev.1", at=START)
    assert isinstance(report, ImportReport)
    assert report.counts == {"unchanged": 1, "deleted": 2}
    assert report.operations == {"deleted": 2}
    assert report.ids == {"p1": "p1"} and report.diagnostics == () and report.source is None


# ----------------------------------------------------------------------------------------------
# Any sequence of revisions is reproduced

WORDS = [f"w{i}" for i in range(300)]


def _text(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, rng.randint(6, 12))) + ";"


def _label(rng: random.Random) -> Label | None:
    return rng.choice([None, Label(rng.randint(1, 9), rng.randint(0, 2))])


@dataclasses.dataclass
class Item:
    """A top-level paragraph of a generated draft, with its sub-paragraphs."""

    kind: str
    text: str
    label: Label | None
    children: list[tuple[str, Label | None]]


def _item(rng: random.Random) -> Item:
    kind = rng.choice(["preambular", "operative", "operative", "heading"])
    children = [(_text(rng), rng.choice([None, Label.parse("(a)"), Label.parse("(b)")]))]
    return Item(kind, _text(rng), _label(rng), children * rng.randint(0, 1))


def _mutate(items: list[Item], rng: random.Random) -> list[Item]:
    items = [dataclasses.replace(item, children=list(item.children)) for item in items]
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(
            ["edit", "delete", "insert", "move", "relabel", "kind", "split", "merge", "adopt"]
        )
        if not items:
            op = "insert"
        i = rng.randrange(len(items)) if items else 0
        if op == "edit":
            words = items[i].text[:-1].split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            items[i].text = " ".join(words) + ";"
        elif op == "delete":
            items.pop(i)
        elif op == "insert":
            items.insert(rng.randint(0, len(items)), _item(rng))
        elif op == "move":
            items.insert(rng.randint(0, len(items) - 1), items.pop(i))
        elif op == "relabel":
            items[i].label = _label(rng)
        elif op == "kind":
            items[i].kind = rng.choice(["preambular", "operative"])
        elif op == "split":
            words = items[i].text[:-1].split()
            half = len(words) // 2
            items[i].text = " ".join(words[:half]) + ";"
            items.insert(i + 1, Item(items[i].kind, " ".join(words[half:]) + ";", None, []))
        elif op == "merge" and i + 1 < len(items):
            items[i].text = items[i].text[:-1] + " " + items.pop(i + 1).text
        elif op == "adopt":  # a sub-paragraph moves under another chapeau
            parents = [item for item in items if item.children]
            if parents:
                child = rng.choice(parents).children.pop()
                items[i].children.insert(rng.randint(0, len(items[i].children)), child)
    return items


def _draft(items: list[Item], grouped: bool) -> Draft:
    paragraphs: list[Paragraph] = []
    for item in items:
        kind = ParagraphKind(item.kind)
        pid = f"x{len(paragraphs) + 1}"
        label = None if kind is ParagraphKind.HEADING else item.label
        paragraphs.append(Paragraph(pid, kind, item.text, label=label))
        if kind is ParagraphKind.OPERATIVE:  # headings and preambular ones lose their children
            for text, child_label in item.children:
                child = Paragraph(f"x{len(paragraphs) + 1}", kind, text, label=child_label)
                paragraphs.append(attrs.evolve(child, parent=pid))
    tops = [p.id for p in paragraphs if p.parent is None and p.kind is not ParagraphKind.HEADING]
    groups: tuple[OptionGroup, ...] = ()
    if grouped and len(tops) >= 2:
        options = (
            Option("Option 1", (tops[0],)),
            Option("Option 2", (tops[1],)),
            Option("Option 3"),
        )
        groups = (OptionGroup("gx", options),)
    return Draft(title="T", paragraphs=paragraphs, option_groups=groups)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), count=st.integers(1, 5))
def test_any_sequence_of_revisions_is_reproduced(seed: int, count: int) -> None:
    rng = random.Random(seed)
    neg = Negotiation.create("T", at=START)
    items = [_item(rng) for _ in range(rng.randint(0, 8))]
    for number in range(count):
        draft = _draft(items, rng.random() < 0.3)
        report = record_revision(neg, draft, label=f"R{number}", at=START)
        assert shape(neg.state.draft) == shape(draft)
        got = {
            tuple((o.label, o.paragraph_ids) for o in g.options)
            for g in neg.state.draft.option_groups
        }
        wanted = {
            tuple((o.label, tuple(report.ids[p] for p in o.paragraph_ids)) for o in g.options)
            for g in draft.option_groups
        }
        if not any("option group" in w for w in report.warnings):
            assert got == wanted
        items = _mutate(items, rng)


# ----------------------------------------------------------------------------------------------
# Pairing recorded revisions by id


def test_align_revisions_follows_the_history(source: Negotiation) -> None:
    alignment = align_revisions(source, "Zero draft", "Rev.1")
    kinds = alignment.counts()
    assert kinds[AlignmentKind.SPLIT] == 1 and alignment.ambiguities == ()
    for pair in alignment.pairs:
        if pair.kind is AlignmentKind.UNCHANGED:
            assert pair.old_ids == pair.new_ids
    same = align_revisions(source, "Rev.2", "Rev.2")
    assert {p.kind for p in same.pairs} == {AlignmentKind.UNCHANGED}
    merged = align_revisions(source, "Zero draft", "Rev.3").counts()
    assert merged[AlignmentKind.MERGED] == 1
    with pytest.raises(RevisionNotFoundError, match="comes before"):
        align_revisions(source, "Rev.3", "Rev.1")


def test_a_draft_with_ids_and_tombstones_may_be_recorded(source: Negotiation) -> None:
    neg = empty_like(source)
    for label in source.revisions:
        draft = source.snapshot(revision=label).draft
        tombstone = (
            next(p.id for p in draft.paragraphs if p.deleted) if label != "Zero draft" else None
        )
        groups = (
            ()
            if tombstone is None
            else (OptionGroup("gt", (Option("A", (tombstone,)), Option("B"))),)
        )
        draft = attrs.evolve(draft, option_groups=groups)
        report = record_revision(neg, draft, label=label, at=START)
        assert shape(neg.state.draft) == shape(draft)
        assert report.warnings == (
            ()
            if tombstone is None
            else ("imported option group 'gt' holds deleted paragraphs: not defined",)
        )
