"""Paragraph alignment between revisions: kinds, flags, overrides, ambiguities, ids."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.align import AlignmentKind, align_drafts
from consensus_text.errors import ParagraphNotFoundError, ValidationError
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind

K = AlignmentKind
OP = ParagraphKind.OPERATIVE
PP = ParagraphKind.PREAMBULAR

CORPUS = (
    "Recalling its resolution 77/37 of 7 December 2022 on the programme of action to advance "
    "responsible State behaviour in the use of information and communications technologies,",
    "Reaffirming that international law, in particular the Charter of the United Nations, is "
    "applicable and essential to maintaining peace and stability in the ICT environment,",
    "Decides to establish a permanent, inclusive and action-oriented mechanism to advance "
    "responsible State behaviour in the use of ICTs;",
    "Decides also that the mechanism shall hold annual plenary meetings of one week in New York, "
    "and a review conference every four years;",
    "Requests the Secretary-General to seek the views of Member States on the scope, structure "
    "and content of the mechanism and to submit a report thereon;",
    "Encourages Member States to submit voluntary national implementation reports, including on "
    "capacity-building needs and priorities;",
    "Invites relevant stakeholders, including the private sector, academia and civil society, to "
    "contribute to the work of the technical working groups on a non-objection basis;",
    "Calls upon States to strengthen cooperation on confidence-building measures, including "
    "through the global intergovernmental points of contact directory;",
    "Emphasizes the importance of tailored, sustainable and needs-based capacity-building, taking "
    "into account the priorities of developing countries;",
    "Decides to convene an organizational session of the mechanism in 2026 to adopt its rules of "
    "procedure and programme of work.",
)


def make_draft(texts: Sequence[str], prefix: str, *, numbered: bool = True) -> Draft:
    paragraphs = []
    number = 0
    for k, text in enumerate(texts, start=1):
        kind = PP if text.endswith(",") else OP
        label = None
        if numbered and kind is OP:
            number += 1
            label = Label(number)
        paragraphs.append(Paragraph(f"{prefix}{k}", kind, text, label=label))
    return Draft(paragraphs=paragraphs)


def kinds(
    old_texts: Sequence[str], new_texts: Sequence[str]
) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    alignment = align_drafts(make_draft(old_texts, "o"), make_draft(new_texts, "n"))
    return [(p.kind.value, p.old_ids, p.new_ids) for p in alignment.pairs]


C = CORPUS
EDITED = C[3].replace("annual", "biennial").replace("four", "five")
SPLIT_A = (
    "Decides also that the mechanism shall hold annual plenary meetings of one week in New York;"
)
SPLIT_B = "Further decides that the mechanism shall hold a review conference every four years;"
MERGED = C[4][:-1] + ", and e" + C[5][1:]

SCENARIOS = [
    pytest.param(
        C[:5], C[:5], [("unchanged", (f"o{k}",), (f"n{k}",)) for k in range(1, 6)], id="same"
    ),
    pytest.param(
        C[:5],
        [*C[:3], EDITED, C[4]],
        [
            ("unchanged", ("o1",), ("n1",)),
            ("unchanged", ("o2",), ("n2",)),
            ("unchanged", ("o3",), ("n3",)),
            ("edited", ("o4",), ("n4",)),
            ("unchanged", ("o5",), ("n5",)),
        ],
        id="edited",
    ),
    pytest.param(
        C[:5],
        [*C[:3], C[7], *C[3:5]],
        [
            ("unchanged", ("o1",), ("n1",)),
            ("unchanged", ("o2",), ("n2",)),
            ("unchanged", ("o3",), ("n3",)),
            ("new", (), ("n4",)),
            ("renumbered", ("o4",), ("n5",)),
            ("renumbered", ("o5",), ("n6",)),
        ],
        id="inserted-renumbers",
    ),
    pytest.param(
        C[:6],
        [*C[:3], *C[4:6]],
        [
            ("unchanged", ("o1",), ("n1",)),
            ("unchanged", ("o2",), ("n2",)),
            ("unchanged", ("o3",), ("n3",)),
            ("deleted", ("o4",), ()),
            ("renumbered", ("o5",), ("n4",)),
            ("renumbered", ("o6",), ("n5",)),
        ],
        id="deleted",
    ),
    pytest.param(
        C[2:8],
        [C[2], C[4], C[5], C[6], C[3], C[7]],
        [
            ("unchanged", ("o1",), ("n1",)),
            ("renumbered", ("o3",), ("n2",)),
            ("renumbered", ("o4",), ("n3",)),
            ("renumbered", ("o5",), ("n4",)),
            ("moved", ("o2",), ("n5",)),
            ("unchanged", ("o6",), ("n6",)),
        ],
        id="moved",
    ),
    pytest.param(
        C[2:6],
        [C[2], SPLIT_A, SPLIT_B, C[4], C[5]],
        [
            ("unchanged", ("o1",), ("n1",)),
            ("split", ("o2",), ("n2", "n3")),
            ("renumbered", ("o3",), ("n4",)),
            ("renumbered", ("o4",), ("n5",)),
        ],
        id="split",
    ),
    pytest.param(
        C[2:7],
        [C[2], C[3], MERGED, C[6]],
        [
            ("unchanged", ("o1",), ("n1",)),
            ("unchanged", ("o2",), ("n2",)),
            ("merged", ("o3", "o4"), ("n3",)),
            ("renumbered", ("o5",), ("n4",)),
        ],
        id="merged",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), SCENARIOS)
def test_kinds(old: Sequence[str], new: Sequence[str], expected: list[object]) -> None:
    assert kinds(old, new) == expected


def test_flags_combine() -> None:
    old = make_draft(C[2:8], "o")
    new = make_draft([C[2], C[4], C[5], C[6], EDITED, C[7]], "n")
    alignment = align_drafts(old, new)
    moved = alignment.of_old("o2")
    assert moved.kind is K.MOVED and moved.edited and moved.moved and moved.renumbered
    assert 0.5 < moved.score < 1.0
    assert "".join(op.text for op in moved.ops if op.kind.value != "insert") == C[3]
    stayed = alignment.of_new("n2")
    assert stayed.kind is K.RENUMBERED and not stayed.edited and not stayed.moved
    assert stayed.score == 1.0 and stayed.ops == ()
    assert alignment.counts() == {K.UNCHANGED: 2, K.RENUMBERED: 3, K.MOVED: 1}
    assert [p.kind for p in alignment.changes()] == [K.RENUMBERED] * 3 + [K.MOVED]


def test_brackets_do_not_count_as_changed_words() -> None:
    bracketed = C[3].replace("annual plenary meetings", "[annual][biennial] plenary meetings{EU}")
    bracketed = bracketed.replace("every four years", "[every four years]")
    pairing = align_drafts(make_draft([C[3]], "o"), make_draft([bracketed], "n")).of_old("o1")
    assert pairing.kind is K.EDITED and pairing.score > 0.95


def test_headings_pair_only_with_headings_and_tombstones_are_ignored() -> None:
    old = Draft(
        paragraphs=[
            Paragraph("h", ParagraphKind.HEADING, "Capacity-building"),
            Paragraph("gone", OP, C[5], deleted=True),
            Paragraph("o1", OP, C[2]),
        ]
    )
    new = Draft(
        paragraphs=[
            Paragraph("n0", OP, "Capacity-building"),
            Paragraph("n1", OP, C[5]),
            Paragraph("n2", OP, C[2]),
        ]
    )
    alignment = align_drafts(old, new)
    assert alignment.of_new("n0").kind is K.NEW
    assert alignment.of_old("h").kind is K.DELETED
    assert alignment.of_new("n1").kind is K.NEW
    assert alignment.of_new("n2").old_ids == ("o1",)
    with pytest.raises(ParagraphNotFoundError, match="'gone'"):
        alignment.of_old("gone")
    with pytest.raises(ParagraphNotFoundError, match=r"'o1'.*of_old"):
        alignment.of_new("o1")


def test_overrides() -> None:
    old = make_draft(C[2:6], "o")
    new = make_draft([C[2], SPLIT_A, SPLIT_B, C[4], C[5]], "n")
    alignment = align_drafts(
        old, new, overrides={"n2": "o2", "n3": None, "n4": ["o3", "o4"], "n5": "o1"}
    )
    assert alignment.of_new("n2").kind is K.EDITED and alignment.of_new("n2").overridden
    assert alignment.of_new("n3").kind is K.NEW and alignment.of_new("n3").overridden
    assert alignment.of_new("n4").kind is K.MERGED and alignment.of_new("n4").old_ids == (
        "o3",
        "o4",
    )
    assert alignment.of_new("n5").old_ids == ("o1",)
    assert alignment.of_new("n1").kind is K.NEW  # its ancestor was given to n5
    split = align_drafts(old, new, overrides={"n2": "o2", "n3": "o2"}).of_old("o2")
    assert split.kind is K.SPLIT and split.new_ids == ("n2", "n3") and split.overridden


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"zz": "o1"}, ParagraphNotFoundError, "'zz'.*new draft"),
        ({"n1": "zz"}, ParagraphNotFoundError, "'zz'.*old draft"),
        ({"n1": ["o1", "o2"], "n2": ["o2", "o3"]}, ValidationError, "'o2'.*merge"),
        ({"n1": ["o1", "o2"], "n2": "o2"}, ValidationError, "'o2'.*merge"),
    ],
)
def test_bad_overrides(overrides: dict[str, object], error: type[Exception], message: str) -> None:
    old, new = make_draft(C[:4], "o"), make_draft(C[:4], "n")
    with pytest.raises(error, match=message):
        align_drafts(old, new, overrides=overrides)  # type: ignore[arg-type]


def test_thresholds_are_checked() -> None:
    with pytest.raises(ValidationError, match="min_similarity"):
        align_drafts(Draft(), Draft(), min_similarity=1.5)
    assert align_drafts(Draft(), Draft()).pairs == ()


def test_ambiguities_are_reported() -> None:
    geneva = C[3].replace("New York", "Geneva")
    vienna = C[3].replace("New York", "Vienna")
    alignment = align_drafts(make_draft([C[2], C[3], geneva], "o"), make_draft([C[2], vienna], "n"))
    [ambiguity] = alignment.ambiguities
    assert (ambiguity.paragraph_id, ambiguity.side) == ("n2", "new")
    assert {c.paragraph_id for c in ambiguity.candidates} == {"o2", "o3"}
    assert ambiguity.chosen == alignment.of_new("n2").old_ids[0]
    other = ({"o2", "o3"} - {ambiguity.chosen}).pop()
    assert f"overrides={{'n2': '{other}'}}" in str(ambiguity)
    # Repeated identical text: which copy is the old one is ambiguous; order decides.
    repeated = align_drafts(make_draft([C[2], C[5]], "o"), make_draft([C[5], C[2], C[5]], "n"))
    assert repeated.of_old("o2").new_ids == ("n3",)
    [copies] = repeated.ambiguities
    assert (copies.paragraph_id, copies.side, copies.chosen) == ("o2", "old", "n3")
    assert [c.paragraph_id for c in copies.candidates] == ["n1", "n3"]
    assert "overrides={'n1': 'o2'}" in str(copies)


def test_assign_ids() -> None:
    old = Draft(
        paragraphs=[
            Paragraph("tomb", OP, "Deleted long ago;", deleted=True),
            Paragraph(
                "chapeau", OP, "Decides that the mechanism shall:", label=Label(1), version=2
            ),
            Paragraph(
                "sub-a",
                OP,
                "hold annual meetings in New York;",
                label=Label.parse("(a)"),
                parent="chapeau",
            ),
            Paragraph(
                "sub-b",
                OP,
                "convene a review conference every four years.",
                label=Label.parse("(b)"),
                parent="chapeau",
                version=4,
            ),
        ]
    )
    new = Draft(
        paragraphs=[
            Paragraph("x1", OP, "Decides that the mechanism shall:", label=Label(1)),
            Paragraph(
                "x2", OP, "hold annual meetings in New York;", label=Label.parse("(a)"), parent="x1"
            ),
            Paragraph(
                "x3", OP, "report to the General Assembly;", label=Label.parse("(b)"), parent="x1"
            ),
            Paragraph(
                "x4",
                OP,
                "convene a review conference every five years.",
                label=Label.parse("(c)"),
                parent="x1",
            ),
        ],
        option_groups=[OptionGroup("g", [Option("Option 1", ["x3"]), Option("Option 2")])],
    )
    alignment = align_drafts(old, new)
    carried = alignment.assign_ids()
    ids = [p.id for p in carried]
    assert ids[:2] == ["chapeau", "sub-a"] and ids[3] == "sub-b"
    assert ids[2] not in {"tomb", "chapeau", "sub-a", "sub-b", "x3"} and ids[2].startswith("p")
    assert [p.version for p in carried] == [2, 1, 1, 5]
    assert [p.parent for p in carried] == [None, "chapeau", "chapeau", "chapeau"]
    assert carried.option_groups[0].options[0].paragraph_ids == (ids[2],)
    assert alignment.assign_ids(new) == carried  # deterministic
    assert align_drafts(old, new).assign_ids(prefix="q").paragraphs[2].id.startswith("q")
    with pytest.raises(ValidationError, match="not the one that was aligned"):
        alignment.assign_ids(old)


# ----------------------------------------------------------------------------------------------
# Generated revisions with known ground truth (a small copy of benchmarks/align.py's generator)

_WORD_TEXT = """
    advance annual assessment assistance binding capacity chair charter civil cooperation
    confidence consensus consultations contribution coordination cyber declaration dialogue
    disarmament domain duplication emerging engagement environment establishment expertise
    framework geographical guidance humanitarian implementation incident inclusive informal
    initiative institutional intersessional malicious mandate mechanism modalities multilingualism
    multistakeholder national normative norms objection observers openness organizational
    participation partnership periodicity permanent platform political portal practices
    preparatory prevention principles priorities procedure programme proposals reporting
    resilience resolution resources responsibility review roundtable secretariat security
    simulations stability stakeholders strengthening subregional sustainable technical templates
    tensions thematic threats transparency trust voluntary webinars workshops
"""
WORDS = _WORD_TEXT.split()
TEMPLATES = (
    "to {} the {} of {}",
    "in the {} of {} and {}",
    "including through {} {}",
    "taking into account the {} of {}",
    "with a view to {} {}",
    "on the basis of {} {}",
    "and {} {}",
    "as well as {} {} {}",
)
OPENINGS = (
    "Decides",
    "Requests the Secretary-General",
    "Encourages Member States",
    "Welcomes",
    "Calls upon all States",
    "Invites relevant stakeholders",
    "Stresses",
)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.weights = [1.0 / (rank + 3) for rank in range(len(WORDS))]

    def phrase(self) -> str:
        template = self.rng.choice(TEMPLATES)
        words = self.rng.choices(WORDS, self.weights, k=template.count("{}"))
        return template.format(*words)

    def text(self) -> str:
        body = ", ".join(self.phrase() for _ in range(self.rng.randint(3, 8)))
        return f"{self.rng.choice(OPENINGS)} {body};"

    def edit(self, text: str) -> str:
        tokens = re.findall(r"\S+", text[:-1])
        for _ in range(1 + len(tokens) // 20):
            k = self.rng.randrange(1, len(tokens))
            if self.rng.random() < 0.5:
                tokens[k] = self.rng.choice(WORDS)
            else:
                tokens[k:k] = self.phrase().split()
        return " ".join(tokens) + ";"

    def place(self, entries: list[tuple[str, tuple[int, ...]]]) -> int:
        """A random place to insert at, never between the pieces of a split."""
        at = self.rng.randrange(len(entries) + 1)
        while 0 < at < len(entries) and entries[at - 1][1] == entries[at][1]:
            at -= 1
        return at

    def pair(self, size: int) -> tuple[Draft, Draft, set[tuple[str, str]]]:
        """An old draft, a revision of it, and the (old id, new id) ancestry links."""
        old_texts = [self.text() for _ in range(size)]
        entries: list[tuple[str, tuple[int, ...]]] = []  # text and old indexes
        k = 0
        while k < size:
            roll, text = self.rng.random(), old_texts[k]
            if roll < 0.05:
                pass  # deleted
            elif roll < 0.10 and len(text.split(", ")) >= 4:
                pieces = text[:-1].split(", ")
                cut = len(pieces) // 2
                entries.append((", ".join(pieces[:cut]) + ";", (k,)))
                entries.append(("Also " + ", ".join(pieces[cut:]) + ";", (k,)))
            elif roll < 0.15 and k + 1 < size:
                following = old_texts[k + 1]
                entries.append(
                    (text[:-1] + ", and " + following[0].lower() + following[1:], (k, k + 1))
                )
                k += 1
            elif roll < 0.30:
                entries.append((self.edit(text), (k,)))
            else:
                entries.append((text, (k,)))
            k += 1
        for _ in range(size // 20):  # moves of paragraphs that were not split
            at = self.rng.randrange(len(entries))
            if sum(1 for e in entries if e[1] == entries[at][1]) == 1:
                entry = entries.pop(at)
                entries.insert(self.place(entries), entry)
        for _ in range(size // 20):  # insertions
            entries.insert(self.place(entries), (self.text(), ()))
        old = make_draft(old_texts, "o")
        new = make_draft([text for text, _ in entries], "n")
        links = {
            (f"o{o + 1}", f"n{n + 1}") for n, (_, origin) in enumerate(entries) for o in origin
        }
        return old, new, links


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_revisions_are_aligned(seed: int) -> None:
    old, new, truth = Generator(seed).pair(150)
    alignment = align_drafts(old, new)
    found = {(o, n) for p in alignment.pairs for o in p.old_ids for n in p.new_ids}
    right = len(found & truth)
    assert right / len(found) >= 0.99 and right / len(truth) >= 0.99, (found - truth, truth - found)
    carried = alignment.assign_ids()
    assert len({p.id for p in carried}) == len(carried)


@settings(deadline=None, max_examples=25)
@given(st.permutations(range(len(CORPUS))), st.sets(st.integers(0, len(CORPUS) - 1), max_size=4))
def test_reordered_subsets_pair_every_survivor(order: list[int], dropped: set[int]) -> None:
    kept = [k for k in order if k not in dropped]
    old = make_draft(CORPUS, "o", numbered=False)
    new = make_draft([CORPUS[k] for k in kept], "n", numbered=False)
    alignment = align_drafts(old, new)
    for n, k in enumerate(kept, start=1):
        assert alignment.of_new(f"n{n}").old_ids == (f"o{k + 1}",)
    for k in dropped:
        assert alignment.of_old(f"o{k + 1}").kind is K.DELETED
    in_place = [p for p in alignment.pairs if p.old_ids and p.new_ids and not p.moved]
    positions = [int(p.old_ids[0][1:]) for p in in_place]
    assert positions == sorted(positions)
