"""Redlines: native Word tracked changes between revisions, round by round.

Paragraphs are matched across revisions by their stable id (the symbol, the title and the
option labels by keys of their own). In each round:

- a paragraph only in the newer draft is an inserted paragraph: its runs in ``w:ins`` and its
  paragraph mark inserted (``w:pPr/w:rPr/w:ins``);
- a paragraph only in the older draft is deleted: ``w:del`` with ``w:delText``, mark deleted;
- a paragraph whose place in reading order changed (it is not in the longest run of paragraphs
  that kept their relative order) is moved: its old text in ``w:moveFrom`` at the old place and
  its new text in ``w:moveTo`` at the new place, inside named ``moveFromRangeStart``/
  ``moveToRangeStart`` ranges; wording changed in the same round shows as ``w:ins`` inside the
  moved range;
- a paragraph whose wording changed gets word-level ``w:ins``/``w:del``
  (:func:`consensus_text.diff.diff_words`); its label is part of the compared line, so a
  renumbered label shows as a change too.

Every change carries the author and date of its round, or of the participant that proposed that
paragraph's change (:attr:`RedlineRound.paragraph_authors`), and a unique ``w:id``.

Several rounds (Rev.1 -> Rev.2 -> Rev.3) keep each round's changes with their own authors and
dates: round 2 applies on top of round 1's result. Text inserted in one round and deleted in a
later one is written as Word writes it, a ``w:del`` of the later author nested in the ``w:ins``
of the earlier one, so that accepting everything drops it and rejecting everything drops it too.

Choices made for LibreOffice (checked with LibreOffice 7.4 through Accept All / Reject All):

- paragraph marks of moved paragraphs are recorded as ``w:del`` (old place) and ``w:ins``
  (new place), not ``w:moveFrom``/``w:moveTo``: LibreOffice ignores a move on a paragraph mark
  and leaves an empty paragraph behind on Reject All. The text itself is a real move.
- a whole paragraph inserted in one round and deleted (or moved away) in a later one is left
  out by default (``transient="omit"``): it is in neither the oldest nor the newest text, and
  LibreOffice cannot hold two changes on one paragraph mark (Reject All would leave an empty
  paragraph). ``transient="nest"`` keeps it with the nested markup Word uses.
- a span changed in two rounds is written ``w:ins`` > ``w:del`` even when one of the rounds
  moved it; the move shows on the rest of the paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, NamedTuple

from lxml import etree

from consensus_text._files import write_output
from consensus_text.align import increasing_run
from consensus_text.errors import ExportError
from consensus_text.io.docx import _layout as lay
from consensus_text.io.docx import _oxml as ox
from consensus_text.io.docx._options import ExportOptions, RedlineRound
from consensus_text.io.docx._package import DocumentBuilder
from consensus_text.io.docx._writer import Output, emit_end, emit_text, new_builder

_INS, _MOVE_TO, _DEL, _MOVE_FROM = "ins", "moveTo", "del", "moveFrom"


class _Change(NamedTuple):
    kind: str
    round: int


class _Seg:
    __slots__ = ("added", "removed", "text")

    def __init__(
        self, text: str, added: _Change | None = None, removed: _Change | None = None
    ) -> None:
        self.text = text
        self.added = added
        self.removed = removed


class _Row:
    __slots__ = (
        "has_label",
        "italic_first",
        "key",
        "mark_added",
        "mark_removed",
        "move_name",
        "segs",
        "style",
    )

    def __init__(self, row: lay.Row, segs: list[_Seg]) -> None:
        self.key = row.key
        self.style = row.style
        self.italic_first = row.italic_first
        self.has_label = bool(row.label)
        self.segs = segs
        self.mark_added: _Change | None = None
        self.mark_removed: _Change | None = None
        self.move_name: str | None = None

    def live_text(self) -> str:
        return "".join(seg.text for seg in self.segs if seg.removed is None)


def _line(row: lay.Row) -> str:
    return row.prefix + lay.row_text(row)


def _edit_in_place(row: _Row, new_text: str, r: int) -> None:
    """Apply the word-level diff from the row's live text to ``new_text`` as round ``r``."""
    from consensus_text.diff import DiffKind, diff_words  # diff-match-patch loads on first use

    old_text = row.live_text()
    if old_text == new_text:
        return
    queue = list(reversed(row.segs))
    out: list[_Seg] = []

    def flush_dead() -> None:
        while queue and queue[-1].removed is not None:
            out.append(queue.pop())

    for op in diff_words(old_text, new_text):
        if op.kind is DiffKind.INSERT:
            flush_dead()
            out.append(_Seg(op.text, _Change(_INS, r)))
            continue
        remaining = len(op.text)
        while remaining:
            seg = queue.pop()
            if seg.removed is not None:
                out.append(seg)
                continue
            if len(seg.text) > remaining:
                queue.append(_Seg(seg.text[remaining:], seg.added))
                seg = _Seg(seg.text[:remaining], seg.added)
            remaining -= len(seg.text)
            if op.kind is DiffKind.DELETE:
                seg = _Seg(seg.text, seg.added, _Change(_DEL, r))
            out.append(seg)
    out.extend(reversed(queue))
    row.segs = out


def _remove(row: _Row, change: _Change) -> None:
    row.mark_removed = change
    for seg in row.segs:
        if seg.removed is None:
            seg.removed = change


def _apply_round(rows: list[_Row], after: list[lay.Row], r: int) -> list[_Row]:
    live = [row for row in rows if row.mark_removed is None]
    live_index = {row.key: i for i, row in enumerate(live)}
    live_text = {row.key: row.live_text() for row in live}
    new_keys = [row.key for row in after]
    common = [key for key in new_keys if key in live_index]
    stable_positions = increasing_run([live_index[key] for key in common])
    stable = {common[i] for i in stable_positions}
    moved = set(common) - stable
    anchors = [key for key in new_keys if key in stable]

    old_gaps: list[list[_Row]] = [[] for _ in range(len(anchors) + 1)]
    anchor_rows: list[_Row] = []
    for row in rows:
        if row.mark_removed is None and row.key in stable:
            anchor_rows.append(row)
        else:
            old_gaps[len(anchor_rows)].append(row)
    new_gaps: list[list[lay.Row]] = [[] for _ in range(len(anchors) + 1)]
    anchor_new: list[lay.Row] = []
    for new_row in after:
        if new_row.key in stable:
            anchor_new.append(new_row)
        else:
            new_gaps[len(anchor_new)].append(new_row)

    from consensus_text.diff import DiffKind, diff_words

    out: list[_Row] = []
    for g in range(len(anchors) + 1):
        for row in old_gaps[g]:
            if row.mark_removed is None:
                if row.key in moved:
                    _remove(row, _Change(_MOVE_FROM, r))
                    row.move_name = f"ct_move_{r + 1}_{len(out)}"
                else:
                    _remove(row, _Change(_DEL, r))
            out.append(row)
        for new_row in new_gaps[g]:
            text = _line(new_row)
            if new_row.key in moved:
                segs = [
                    _Seg(op.text, _Change(_MOVE_TO if op.kind is DiffKind.EQUAL else _INS, r))
                    for op in diff_words(live_text[new_row.key], text)
                    if op.kind is not DiffKind.DELETE
                ]
                created = _Row(new_row, segs)
                created.mark_added = _Change(_MOVE_TO, r)
            else:
                created = _Row(new_row, [_Seg(text, _Change(_INS, r))])
                created.mark_added = _Change(_INS, r)
            out.append(created)
        if g < len(anchors):
            row, new_row = anchor_rows[g], anchor_new[g]
            _edit_in_place(row, _line(new_row), r)
            row.style, row.italic_first, row.has_label = (
                new_row.style,
                new_row.italic_first,
                bool(new_row.label),
            )
            out.append(row)
    # Moved rows: name the pair after the ghost (created rows were appended without names).
    ghosts = {row.key: row.move_name for row in out if row.mark_removed == _Change(_MOVE_FROM, r)}
    for row in out:
        if row.mark_added == _Change(_MOVE_TO, r):
            row.move_name = ghosts.get(row.key)
    return out


def _check_start(rows: list[_Row], before: list[lay.Row], r: int) -> None:
    live = [(row.key, row.live_text()) for row in rows if row.mark_removed is None]
    expected = [(row.key, _line(row)) for row in before]
    if live == expected:
        return
    for (key, text), (other_key, other_text) in zip(live, expected, strict=False):
        if key != other_key or text != other_text:
            where = other_key.lstrip("\x00")
            break
    else:
        where = "the number of paragraphs"
    raise ExportError(
        f"round {r + 1} does not start from the draft round {r} ended with (first difference: "
        f"{where!r})",
        hint="pass consecutive rounds: rounds[i].before must be rounds[i - 1].after",
    )


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def export_redline_docx(
    rounds: Sequence[RedlineRound],
    out: Output,
    *,
    transient: Literal["omit", "nest"] = "omit",
    options: ExportOptions | None = None,
) -> None:
    """Write a redline between revisions as native Word tracked changes.

    Accepting every change gives the last round's ``after`` draft; rejecting every change gives
    the first round's ``before`` draft. The compared lines are those of the bracketed export
    (symbol, title, label and text of each paragraph, option labels), with attributions left
    out: they are data, not wording.

    Args:
        rounds: one :class:`RedlineRound` per step, consecutive (``rounds[i].before`` is
            ``rounds[i - 1].after``).
        out: a path, written atomically, or a writable binary stream.
        transient: what to do with a paragraph inserted in one round and removed in a later
            one: ``"omit"`` it (the default, right in Word and LibreOffice) or ``"nest"``
            its changes as Word does (LibreOffice then leaves an empty paragraph on Reject All).
        options: fonts and paper.

    Raises:
        ExportError: no rounds, rounds that are not consecutive, a character XML cannot hold,
            or an unwritable path.
    """
    if not rounds:
        raise ExportError(
            "a redline needs at least one round", hint="pass [RedlineRound(before, after, ...)]"
        )
    if transient not in ("omit", "nest"):
        raise ExportError(f"unknown transient policy {transient!r}", hint="use 'omit' or 'nest'")
    options = options or ExportOptions()
    layouts = [lay.layout(rounds[0].before, italic_first_word=options.italic_first_word)]
    for rnd in rounds:
        layouts.append(lay.layout(rnd.after, italic_first_word=options.italic_first_word))
    for draft, rows_of in zip([rounds[0].before, *(r.after for r in rounds)], layouts, strict=True):
        for layout_row in rows_of:
            lay.check_row(layout_row, draft)
    authors: list[dict[str, tuple[str, str]]] = []
    for index, rnd in enumerate(rounds):
        ox.check_xml_text(rnd.author, f"the author of round {index + 1}")
        table = {"": (rnd.author, _stamp(rnd.date))}
        for key, (who, when) in rnd.paragraph_authors.items():
            ox.check_xml_text(who, f"the author of paragraph {key!r} in round {index + 1}")
            table[key] = (who, _stamp(when))
        authors.append(table)

    rows = [_Row(row, [_Seg(_line(row))]) for row in layouts[0]]
    for r, rnd in enumerate(rounds):
        if r:
            _check_start(
                rows, lay.layout(rnd.before, italic_first_word=options.italic_first_word), r
            )
        rows = _apply_round(rows, layouts[r + 1], r)

    emitted = [
        row
        for row in rows
        if not (transient == "omit" and row.mark_added is not None and row.mark_removed is not None)
    ]
    from_names = {
        row.move_name
        for row in emitted
        if row.mark_removed is not None and row.mark_removed.kind == _MOVE_FROM
    }
    to_names = {
        row.move_name
        for row in emitted
        if row.mark_added is not None and row.mark_added.kind == _MOVE_TO
    }
    paired = (from_names & to_names) - {None}

    builder = new_builder(options, rounds[-1].after.title, None)
    for row in emitted:
        _emit(builder, row, authors, paired)
    emit_end(builder)
    write_output(builder.to_bytes(), out)


def _who(authors: list[dict[str, tuple[str, str]]], change: _Change, key: str) -> tuple[str, str]:
    table = authors[change.round]
    return table.get(key, table[""])


def _emit(
    builder: DocumentBuilder,
    row: _Row,
    authors: list[dict[str, tuple[str, str]]],
    paired: set[str | None],
) -> None:
    p = ox.add_paragraph(builder.body, row.style)
    ids = builder.ids
    moving = row.move_name in paired
    range_tag = None
    if (
        moving
        and row.mark_removed is not None
        and row.mark_removed.kind == _MOVE_FROM
        and row.mark_added is None
    ):
        range_tag = "moveFrom"
        change = row.mark_removed
    elif (
        moving
        and row.mark_added is not None
        and row.mark_added.kind == _MOVE_TO
        and row.mark_removed is None
    ):
        range_tag = "moveTo"
        change = row.mark_added
    range_id = None
    if range_tag is not None:
        author, date = _who(authors, change, row.key)
        range_id = ids()
        etree.SubElement(
            p,
            ox.qn(range_tag + "RangeStart"),
            {
                ox.ID: range_id,
                ox.wattr("name"): str(row.move_name),
                ox.AUTHOR: author,
                ox.DATE: date,
            },
        )
    segs = _coalesce(row.segs)
    full = "".join(seg.text for seg in segs)
    span = None
    if row.italic_first:
        start = full.find("\t") + 1 if row.has_label else 0
        found = lay.first_word_span(full[start:])
        span = None if found is None else (found[0] + start, found[1] + start)
    offset = 0
    for seg in segs:
        _emit_seg(p, seg, offset, span, row.key, authors, ids, moving=range_tag is not None)
        offset += len(seg.text)
    if range_tag is not None and range_id is not None:
        etree.SubElement(p, ox.qn(range_tag + "RangeEnd"), {ox.ID: range_id})
    marks = []
    if row.mark_added is not None:
        marks.append((ox.INS, *_who(authors, row.mark_added, row.key)))
    if row.mark_removed is not None:
        marks.append((ox.DEL, *_who(authors, row.mark_removed, row.key)))
    ox.mark_paragraph(p, marks, ids)


def _emit_seg(
    p: etree._Element,
    seg: _Seg,
    offset: int,
    span: tuple[int, int] | None,
    key: str,
    authors: list[dict[str, tuple[str, str]]],
    ids: ox.ChangeIds,
    *,
    moving: bool,
) -> None:
    if seg.added is None and seg.removed is None:
        emit_text(p, seg.text, offset, span)
        return
    if seg.added is not None and seg.removed is not None:
        outer = ox.revision(ox.INS, ids, *_who(authors, seg.added, key))
        inner = ox.revision(ox.DEL, ids, *_who(authors, seg.removed, key))
        outer.append(inner)
        p.append(outer)
        emit_text(inner, seg.text, offset, span, deleted=True)
        return
    if seg.added is not None:
        tag = ox.MOVE_TO if moving and seg.added.kind == _MOVE_TO else ox.INS
        wrapper = ox.revision(tag, ids, *_who(authors, seg.added, key))
        p.append(wrapper)
        emit_text(wrapper, seg.text, offset, span)
        return
    assert seg.removed is not None
    if moving and seg.removed.kind == _MOVE_FROM:
        wrapper = ox.revision(ox.MOVE_FROM, ids, *_who(authors, seg.removed, key))
        p.append(wrapper)
        emit_text(wrapper, seg.text, offset, span)
    else:
        wrapper = ox.revision(ox.DEL, ids, *_who(authors, seg.removed, key))
        p.append(wrapper)
        emit_text(wrapper, seg.text, offset, span, deleted=True)


def _emission_key(seg: _Seg) -> object:
    """Segments written alike: a nested span is ``w:ins > w:del`` whatever kinds it had."""
    if seg.added is not None and seg.removed is not None:
        return (seg.added.round, seg.removed.round)
    return (seg.added, seg.removed)


def _coalesce(segs: list[_Seg]) -> list[_Seg]:
    out: list[_Seg] = []
    for seg in segs:
        if not seg.text:
            continue
        if out and _emission_key(out[-1]) == _emission_key(seg):
            out[-1] = _Seg(out[-1].text + seg.text, seg.added, seg.removed)
        else:
            out.append(seg)
    return out
