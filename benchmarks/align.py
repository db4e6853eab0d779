"""Benchmark of paragraph alignment: precision, recall and time against a naive baseline.

Generates pairs of revisions with known ground truth: paragraphs edited, moved, split, merged,
deleted and inserted, the operative paragraphs renumbered. Aligns each pair with
:func:`consensus_text.align.align_drafts` and prints the precision and recall of the ancestry
links found (old id, new id), how often the kind of change was right, and the time taken,
next to a naive baseline that compares every pair of paragraphs with
:func:`consensus_text.diff.similarity` (timed on a sample of the new paragraphs and
extrapolated, since the full run takes minutes at 1,000 paragraphs).

Run it from the repository root::

    python benchmarks/align.py
    python benchmarks/align.py --sizes 100 1000 5000 --pairs 3
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Sequence

import attrs

from consensus_text.align import Alignment, AlignmentKind, align_drafts
from consensus_text.diff import similarity
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind

# Words of the submissions on the Programme of Action on ICT security (the seed documents).
_WORD_TEXT = """
    able academia accessible account achieve acknowledge acknowledges action actionable activities
    adaptation added addition additional additionally address addressing adopt adopted
    advance advanced advancement advancing affairs africa against agencies agenda agree agreed
    ahead allow allows already although american among analyse annex annual appetite application
    applies approach appropriate arab area areas arise asean asian asked aspects assembly
    assessment assessments assistance association attend auspices australia authorities available
    avoid avoiding based basis behavior behaviors behaviour believe benefit best between binding
    borders broad build building burdening bureau call capacities capacity case cbms certain chair
    challenges chance charge chile civil clear cmbs coherent collaboration collective commitment
    commitments committee committees communications community concept concerns concluded concrete
    conducted conference conferences confidence conflict conflicts consensus consequently consider
    consideration considered considering consolidate constitute consultations contained content
    context continue contribute contribution contributions convene convened cooperation cooperative
    coordinated coordination core create created creation criteria cross cumulative current cyber
    cybersecurity cyberspace cycles dated days deal dealing december decision decisions declaration
    dedicated deem defenses defined delegates deliver denmark develop developing development devote
    dialogue difference different diminish disadvantages disarmament discuss discussed discussion
    discussions document domain draw driven driving duplicate duplication during efficient efforts
    egypt elaborating elaboration elect element elements emerging emphasized emphasizing enable
    encourage encouraged endanger ended endorsed energy engage engagement enhance enhanced
    enhancing ensure ensured ensuring entities entitled environment equitable essential establish
    established establishing establishment europe european event every evolves evolving example
    exchange existing expansion expected experience experienced expertise experts expressed face
    facilitate favour favoured featured field final finance first five flexible focus focused
    follow following food fora formal format formats forty forum forward foster founding four
    fragmentation framework france free frequency function further furthermore future general
    geographical global governmental grant granted group groups guidance harmonized health held
    help highlight highlights hold hosted human humanitarian hybrid icts idea identified identify
    implement implementation implementing importance important improve incident include included
    including inclusive increasing individual informal information initial initiative initiatives
    input institutional intended interests international intersessional invaluable invited islands
    issues join joint landscape last league least level limit limited line links long main
    maintaining making malicious mandate manner material matrix matters measures mechanism
    mechanisms meet meeting meetings member mexico minimum missions misunderstandings modalities
    modifications moving multi multilingualism multistakeholder national nations necessary need
    ngos normative norms notably note noted number objection objective objectives observer
    observers occurrence october oewg offer office offline ongoing online open openness operation
    opportunity option order organised organization organizational organizations organized organs
    oriented osce other outcome outcomes overarching pacific pandemic papers paragraph part
    participants participate participating participation particular partner peace peaceful period
    periodicity permanent permit person pillars place platform platforms point political
    politically portal possibility possible potential practice practices predictable prejudice
    preparatory prepared prerogatives presented preserving prevent preventing prevention previous
    previously primarily primary principle principles priorities private procedure proceed process
    programme programs progress project projects promote promoting proposal proposals propose
    proposed prospective provide provided providing purposes pursuant question raised rapidly
    rather reaffirm recall received recommendations recommended reduce regarding regional regular
    regularly related relating relation relationship relevance relevant reliable remain remaining
    report reporting reports represent representation representatives representing requested
    required research resilience resolution resources respective response responsibility
    responsible results review rights role rotating roundtable rules scope secretarial secretariat
    sector sectors secure security seek sense sent september series serve services session sessions
    seven several shanghai share sharing side simulations since sixth society solution southeast
    speaking specialized specific specifically sponsored sponsors stability stable stakeholder
    stakeholders standalone state statements states status strengthen strengthening strict strong
    structure structured submission submit submitted subregional subsequent subsequently
    substantive successive sufficient suggest support supporting survey synthesize tailored taking
    targeted technical techniques technologies template tensions term terms thematic themselves
    therefore thought threat threats through time together toward transparent trust under
    understanding undertaken unga unidir union united unoda update uses valuable value various
    video view views vital voluntarily voluntary webinars website week weeks welcoming wish wishing
    within without work working workshops year yearly years zones
"""
WORDS = tuple(_WORD_TEXT.split())

PP_OPENINGS = (
    "Recalling",
    "Reaffirming",
    "Recognizing",
    "Noting with appreciation",
    "Welcoming",
    "Emphasizing",
    "Acknowledging",
    "Bearing in mind",
    "Expressing concern at",
    "Convinced of",
    "Stressing",
    "Mindful of",
)
OP_OPENINGS = (
    "Decides",
    "Requests the Secretary-General",
    "Encourages Member States",
    "Calls upon all States",
    "Invites relevant stakeholders",
    "Welcomes",
    "Urges Member States",
    "Affirms",
    "Underlines",
    "Stresses",
    "Recommends",
    "Further decides",
)
TEMPLATES = (
    "to {} the {} of {}",
    "the {} {} of {}",
    "in the {} of {} and {}",
    "including through {} {}",
    "taking into account the {} of {}",
    "with a view to {} {}",
    "on the basis of {} {}",
    "for the {} and {} of {}",
    "in accordance with {} {}",
    "and {} {}",
    "by {} the {}",
    "as well as {} {} {}",
)
HEADINGS = ("Scope", "Structure", "Capacity-building", "Modalities", "Review", "Participation")
OP = ParagraphKind.OPERATIVE
PP = ParagraphKind.PREAMBULAR
HEADING = ParagraphKind.HEADING


@attrs.frozen
class Truth:
    """The ground truth of a generated revision pair.

    Attributes:
        links: every (old id, new id) ancestry link.
        kinds: the generator's kind for each change: new ids of NEW, old ids of DELETED, and
            (old ids, new ids) of SPLIT, MERGED and MOVED.
    """

    links: frozenset[tuple[str, str]]
    kinds: dict[tuple[tuple[str, ...], tuple[str, ...]], AlignmentKind]


@attrs.define
class _Entry:
    text: str
    kind: ParagraphKind
    origin: tuple[str, ...]  # old ids
    change: AlignmentKind | None = None  # split, merged, moved, new; None for the others
    group: int = -1


class Generator:
    """Random UN-style drafts and revisions of them, with ground truth."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        words = list(WORDS)
        self.rng.shuffle(words)
        self.words = words
        # Zipf-like weights: a few words are everywhere, most are rare, as in real drafts.
        self.weights = [1.0 / (rank + 3) for rank in range(len(words))]

    def word(self) -> str:
        return self.rng.choices(self.words, self.weights)[0]

    def phrase(self) -> str:
        template = self.rng.choice(TEMPLATES)
        return template.format(*(self.word() for _ in range(template.count("{}"))))

    def text(self, kind: ParagraphKind) -> str:
        opening = self.rng.choice(PP_OPENINGS if kind is PP else OP_OPENINGS)
        phrases = [self.phrase() for _ in range(self.rng.randint(3, 9))]
        if self.rng.random() < 0.15:
            k = self.rng.randrange(len(phrases))
            phrases[k] = f"[{phrases[k]}]"
        if self.rng.random() < 0.1:
            phrases[0] = "[shall][should] " + phrases[0]
        body = ", ".join(phrases)
        return f"{opening} {body}{',' if kind is PP else ';'}"

    def draft(self, size: int, *, prefix: str = "p") -> Draft:
        """A draft of ``size`` paragraphs: a fifth preambular, headings every twenty or so."""
        entries = []
        preambular = size // 5
        section = 0
        for k in range(size):
            if k >= preambular and (k - preambular) % 20 == 0 and section < len(HEADINGS):
                entries.append(_Entry(f"{_roman(section + 1)}. {HEADINGS[section]}", HEADING, ()))
                section += 1
            kind = PP if k < preambular else OP
            same_kind = [e for e in entries[-30:] if e.kind is kind]
            if same_kind and self.rng.random() < 0.06:
                # Boilerplate: a near copy of a recent paragraph, as drafts are full of them.
                text = self.edit(self.rng.choice(same_kind).text)
            else:
                text = self.text(kind)
            entries.append(_Entry(text, kind, ()))
        return _build_draft(entries, prefix)

    def edit(self, text: str, *, heavy: bool = False) -> str:
        """A few word-level changes: words replaced, phrases inserted, deleted or bracketed.

        A light edit makes one change per 25 words, a heavy one a change per 8 words.
        """
        end = text[-1]
        tokens = re.findall(r"\S+", text[:-1])
        for _ in range(1 + len(tokens) // (8 if heavy else 25)):
            action = self.rng.random()
            k = self.rng.randrange(1, len(tokens)) if len(tokens) > 1 else 0
            if action < 0.4:
                tokens[k] = self.word() + ("," if tokens[k].endswith(",") else "")
            elif action < 0.65:
                tokens[k:k] = self.phrase().split()
            elif action < 0.85 and len(tokens) > 8:
                del tokens[k : k + self.rng.randint(1, 3)]
            else:
                j = min(len(tokens), k + self.rng.randint(1, 3))
                tokens[k] = "[" + tokens[k]
                tokens[j - 1] = tokens[j - 1] + "]"
        return " ".join(tokens) + end

    def revise(
        self,
        old: Draft,
        *,
        edit: float = 0.12,
        delete: float = 0.04,
        move: float = 0.03,
        split: float = 0.03,
        merge: float = 0.03,
        insert: float = 0.04,
        prefix: str = "n",
    ) -> tuple[Draft, Truth]:
        """A revision of ``old`` and its ground truth; the rates are per paragraph."""
        rng = self.rng
        paragraphs = list(old.active())
        entries: list[_Entry] = []
        groups = 0
        k = 0
        while k < len(paragraphs):
            paragraph = paragraphs[k]
            k += 1
            if paragraph.kind is HEADING:
                entries.append(_Entry(paragraph.text, HEADING, (paragraph.id,)))
                continue
            roll = rng.random()
            text = paragraph.text
            if roll < delete:
                continue
            roll -= delete
            if roll < split and len(text.split(", ")) >= 4:
                pieces = text[:-1].split(", ")
                cut = rng.randint(max(1, len(pieces) * 35 // 100), max(1, len(pieces) * 65 // 100))
                first = ", ".join(pieces[:cut]) + text[-1]
                second = rng.choice(("Also ", "Further ", "In addition, ")) + ", ".join(
                    pieces[cut:]
                )
                groups += 1
                for piece in (first, second + text[-1]):
                    entries.append(
                        _Entry(piece, paragraph.kind, (paragraph.id,), AlignmentKind.SPLIT, groups)
                    )
                continue
            roll -= split
            if (
                roll < merge
                and k < len(paragraphs)
                and paragraphs[k].kind is paragraph.kind
                and len(text) + len(paragraphs[k].text) < 700
            ):
                following = paragraphs[k]
                k += 1
                merged = text[:-1] + ", and " + following.text[0].lower() + following.text[1:]
                entries.append(
                    _Entry(
                        merged, paragraph.kind, (paragraph.id, following.id), AlignmentKind.MERGED
                    )
                )
                continue
            roll -= merge
            if roll < move:
                if rng.random() < 0.5:
                    text = self.edit(text)
                entries.append(_Entry(text, paragraph.kind, (paragraph.id,), AlignmentKind.MOVED))
                continue
            roll -= move
            if roll < edit:
                text = self.edit(text, heavy=rng.random() < 0.25)
            entries.append(_Entry(text, paragraph.kind, (paragraph.id,)))
        # Moves: take each moved paragraph out and put it back far away among its own kind.
        for entry in [e for e in entries if e.change is AlignmentKind.MOVED]:
            at = entries.index(entry)
            entries.pop(at)
            places = [
                i
                for i, other in enumerate(entries)
                if other.kind is entry.kind and abs(i - at) > 3 and other.group < 0
            ]
            if not places:
                entry.change = None
                entries.insert(at, entry)
                continue
            entries.insert(rng.choice(places), entry)
        # Insertions of new paragraphs, among paragraphs of their kind.
        for _ in range(round(insert * len(paragraphs))):
            kind = OP if rng.random() < 0.8 else PP
            places = [i for i, other in enumerate(entries) if other.kind is kind]
            at = rng.choice(places) if places else len(entries)
            while 0 < at < len(entries) and entries[at - 1].group == entries[at].group >= 0:
                at -= 1  # never between the pieces of a split
            entries.insert(at, _Entry(self.text(kind), kind, (), AlignmentKind.NEW))
        new = _build_draft(entries, prefix)
        links: set[tuple[str, str]] = set()
        kinds: dict[tuple[tuple[str, ...], tuple[str, ...]], AlignmentKind] = {}
        survivors: set[str] = set()
        split_groups: dict[int, list[str]] = {}
        for entry, paragraph in zip(entries, new.paragraphs, strict=True):
            links.update((old_id, paragraph.id) for old_id in entry.origin)
            survivors.update(entry.origin)
            if entry.change is AlignmentKind.SPLIT:
                split_groups.setdefault(entry.group, []).append(paragraph.id)
            elif entry.change is not None:
                kinds[entry.origin, (paragraph.id,)] = entry.change
        for entry in entries:
            if entry.change is AlignmentKind.SPLIT and entry.group in split_groups:
                kinds[entry.origin, tuple(split_groups.pop(entry.group))] = AlignmentKind.SPLIT
        for paragraph in paragraphs:
            if paragraph.id not in survivors:
                kinds[(paragraph.id,), ()] = AlignmentKind.DELETED
        return new, Truth(frozenset(links), kinds)


def _roman(number: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[number - 1]


def _build_draft(entries: Sequence[_Entry], prefix: str) -> Draft:
    paragraphs = []
    number = 0
    for k, entry in enumerate(entries, start=1):
        label = None
        if entry.kind is OP:
            number += 1
            label = Label(number)
        paragraphs.append(Paragraph(f"{prefix}{k}", entry.kind, entry.text, label=label))
    return Draft(title="Programme of Action", paragraphs=paragraphs)


# ----------------------------------------------------------------------------------------------
# Scoring


def links_of(alignment: Alignment) -> set[tuple[str, str]]:
    """The (old id, new id) ancestry links an alignment found."""
    return {(o, n) for pair in alignment.pairs for o in pair.old_ids for n in pair.new_ids}


def score(alignment: Alignment, truth: Truth) -> tuple[float, float, float]:
    """Precision and recall of the links, and the share of the generator's kinds found."""
    found = links_of(alignment)
    right = len(found & truth.links)
    precision = right / len(found) if found else 1.0
    recall = right / len(truth.links) if truth.links else 1.0
    pairs = {(p.old_ids, p.new_ids): p for p in alignment.pairs}
    kinds_right = sum(
        1
        for key, kind in truth.kinds.items()
        if key in pairs
        and (pairs[key].kind is kind or (kind is AlignmentKind.MOVED and pairs[key].moved))
    )
    kinds = kinds_right / len(truth.kinds) if truth.kinds else 1.0
    return precision, recall, kinds


def naive_links(
    old: Draft, new: Draft, sample: Sequence[Paragraph]
) -> tuple[set[tuple[str, str]], float]:
    """The baseline: each sampled new paragraph against every old one; the best at 0.5 or more."""
    olds = list(old.active())
    start = time.perf_counter()
    links = set()
    for paragraph in sample:
        best, best_id = 0.0, None
        for candidate in olds:
            if candidate.kind is not paragraph.kind:
                continue
            value = similarity(candidate.text, paragraph.text)
            if value > best:
                best, best_id = value, candidate.id
        if best_id is not None and best >= 0.5:
            links.add((best_id, paragraph.id))
    return links, time.perf_counter() - start


def run(size: int, pairs: int, seed: int, naive_sample: int) -> dict[str, float]:
    precisions, recalls, kinds, times = [], [], [], []
    naive_times = []
    naive_right = naive_total = 0
    for k in range(pairs):
        generator = Generator(seed * 1000 + size + k)
        old = generator.draft(size)
        new, truth = generator.revise(old)
        start = time.perf_counter()
        alignment = align_drafts(old, new)
        times.append(time.perf_counter() - start)
        p, r, kd = score(alignment, truth)
        precisions.append(p)
        recalls.append(r)
        kinds.append(kd)
        if k:
            continue  # the baseline is slow: time it on the first pair only
        actives = list(new.active())
        if naive_sample >= len(actives):
            sample = actives
        else:
            sample = generator.rng.sample(actives, naive_sample)
        links, elapsed = naive_links(old, new, sample)
        naive_times.append(elapsed * len(actives) / len(sample))
        sampled = {p.id for p in sample}
        naive_right += len(links & truth.links)
        naive_total += len({link for link in truth.links if link[1] in sampled})
    return {
        "precision": statistics.mean(precisions),
        "recall": statistics.mean(recalls),
        "min_precision": min(precisions),
        "min_recall": min(recalls),
        "kinds": statistics.mean(kinds),
        "time": statistics.mean(times),
        "max_time": max(times),
        "naive_time": statistics.mean(naive_times),
        "naive_recall": naive_right / naive_total if naive_total else 1.0,
        "naive_sample": min(naive_sample, size),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--pairs", type=int, default=5, help="revision pairs per size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--naive-sample", type=int, default=20, help="new paragraphs compared by the baseline"
    )
    args = parser.parse_args(argv)
    print(
        f"{'size':>6} {'precision':>10} {'recall':>8} {'kinds':>6} {'align (mean/max)':>18}"
        f" {'naive all-pairs':>16} {'speed-up':>9}  naive recall on sample"
    )
    for size in args.sizes:
        figures = run(size, args.pairs, args.seed, args.naive_sample)
        estimated = "measured" if figures["naive_sample"] >= size else "estimated"
        print(
            f"{size:>6} {figures['precision']:>10.4f} {figures['recall']:>8.4f}"
            f" {figures['kinds']:>6.3f} {figures['time']:>8.3f}s/{figures['max_time']:.3f}s"
            f" {figures['naive_time']:>15.1f}s {figures['naive_time'] / figures['time']:>8.0f}x"
            f"  {figures['naive_recall']:.3f} ({estimated} from {figures['naive_sample']:.0f}"
            f" new paragraphs x {size} old, first pair)"
        )
        print(
            f"{'':>6} worst pair: precision {figures['min_precision']:.4f},"
            f" recall {figures['min_recall']:.4f}"
        )


if __name__ == "__main__":
    main()
