"""The line grammar of text drafts and the reader that applies it.

Shared by :mod:`consensus_text.io.text` (plain-text and Markdown drafts) and
:mod:`consensus_text.io.docx_import` (Word drafts, read as the same lines): labels, headings,
named options, attributions, footnote definitions, escapes. The format itself is described in
:mod:`consensus_text.io.text`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from consensus_text.errors import LabelError
from consensus_text.io._text_results import (
    CleanedText,
    DraftStats,
    Locate,
    TextDraftResult,
)
from consensus_text.model.brackets import BracketedText, Diagnostic, parse_lenient
from consensus_text.model.labels import LATIN_SUFFIXES, Label, LabelStyle
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind

__all__ = [
    "CODE_FULL_RE",
    "END_OPTIONS_RE",
    "FOOTNOTE_DEF_RE",
    "NEEDS_ESCAPE_RE",
    "NO_TEXT_RE",
    "OPTION_ATTRIBUTION_RE",
    "OPTION_RE",
    "Reader",
]


# ----------------------------------------------------------------------------------------------
# Line patterns

_SUFFIX = "|".join(LATIN_SUFFIXES)
_NUMBER_LABEL_RE = re.compile(rf"((?:PP|OP)?[ \t]*(-?\d+)(?:[ \t]+(?:{_SUFFIX}))?)\.(?=\s|$)")
_PAREN_LABEL_RE = re.compile(rf"(\(([a-z]+)\)(?:[ \t]+(?:{_SUFFIX}))?)(?=\s|$)")
_DOT_LABEL_RE = re.compile(rf"(([a-z]{{1,6}})\.(?:[ \t]+(?:{_SUFFIX}))?)(?=\s|$)")
_HEADING_RE = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)[ \t]*")
_CLOSING_HASHES_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SYMBOL_RE = re.compile(r"(?i:symbol)[ \t]*:(.*\S.*)$")
_CODE = r"[A-Z0-9][A-Za-z0-9.&-]*"
_CODES = rf"{_CODE}(?:[ \t]*[,;][ \t]*{_CODE})*"
_CODE_SPLIT_RE = re.compile(r"[ \t]*[,;][ \t]*")
CODE_FULL_RE = re.compile(_CODE)
OPTION_RE = re.compile(
    rf"(Option|OPTION|Alternative|ALTERNATIVE|Alt|ALT)\.?[ \t]+"
    rf"(\d+|\([A-Za-z0-9]+\)|[A-Za-z])[ \t]*(?:\{{({_CODES})\}})?[ \t]*:[ \t]*"
)
NO_TEXT_RE = re.compile(r"\[?(?i:no[ \t]+text)\]?\.?[ \t]*$")
END_OPTIONS_RE = re.compile(r"(?i:end[ \t]+of[ \t]+options?)\.?[ \t]*$")
_SURROGATES_RE = re.compile("[\ud800-\udfff]+")
OPTION_ATTRIBUTION_RE = re.compile(rf"\{{({_CODES})\}}[ \t]*$")
FOOTNOTE_DEF_RE = re.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
_ATTRIBUTION_RE = re.compile(rf"(?:^|[ \t]+)\{{(?!(?i:placeholder)\b)({_CODES})\}}[ \t]*$")

_PARTICIPLE_WORDS = frozenset(
    [
        "Alarmed",
        "Also",
        "Aware",
        "Bearing",
        "Cognizant",
        "Concerned",
        "Conscious",
        "Convinced",
        "Deeply",
        "Desirous",
        "Determined",
        "Encouraged",
        "Further",
        "Gravely",
        "Guided",
        "Having",
        "Mindful",
        "Noting",
        "Pleased",
        "Reaffirming",
        "Recalling",
        "Recognizing",
        "Recognising",
        "Satisfied",
        "Seized",
        "Taking",
        "Underlining",
        "Welcoming",
        "Affirming",
        "Acknowledging",
        "Emphasizing",
        "Emphasising",
        "Stressing",
        "Expressing",
        "Reiterating",
        "Considering",
        "Highlighting",
        "Underscoring",
        "Noting",
        "Regretting",
        "Appreciating",
        "Commending",
        "Believing",
        "Acting",
    ]
)
_NOT_PARTICIPLES = frozenset({"During", "Nothing", "Something", "Everything", "Bring", "Thing"})
_FIRST_WORD_RE = re.compile(r"[\s\[*_\"“']*([A-Za-z]+)")

_LEVELS = {style: style.level for style in LabelStyle}


def _is_preambular_text(text: str) -> bool:
    """Whether an unlabelled paragraph reads as preambular: a participle first or a final comma."""
    if text.rstrip().rstrip("]").rstrip().endswith(","):
        return True
    match = _FIRST_WORD_RE.match(text)
    if not match:
        return False
    word = match.group(1)
    if word in _PARTICIPLE_WORDS:
        return True
    return word[0].isupper() and word.endswith("ing") and word not in _NOT_PARTICIPLES


def _is_chapeau_text(text: str) -> bool:
    return text.rstrip().rstrip("]").rstrip().endswith(":")


# ----------------------------------------------------------------------------------------------
# The reader


@attrs.define
class _Segment:
    line: int  # 1-based
    column: int  # 1-based column of the segment's first character
    text: str


@attrs.define
class _Block:
    """A paragraph (or heading, or footnote definition) whose lines are being collected."""

    kind: str  # "paragraph", "heading", "footnote"
    segments: list[_Segment]
    label_text: str = ""
    label_line: int = 0
    label_column: int = 0
    footnote_id: str = ""


@attrs.define
class _Entry:
    """A paragraph in the chain from the current top-level paragraph down to the latest one."""

    pid: str
    level: int
    is_chapeau: bool
    kind: ParagraphKind
    label: Label | None


@attrs.define
class _OpenOption:
    label: str
    attribution: tuple[str, ...]
    line: int
    column: int
    no_text: bool
    pids: list[str] = attrs.Factory(list)


@attrs.define
class _OpenGroup:
    family: str
    options: list[_OpenOption]
    chain: list[_Entry]
    last_labels: dict[tuple[object, ...], Label]
    end_states: list[dict[tuple[object, ...], Label]] = attrs.Factory(list)
    index: int = 0
    names: set[str] = attrs.Factory(set)  # the options' names ("1" of "Option 1"), for repeats


def _segments_text(segments: Sequence[_Segment]) -> tuple[str, str, int, int] | None:
    """The joined text, the original slice, and where the text starts; None when empty."""
    start = 0
    while start < len(segments) and not segments[start].text.strip():
        start += 1
    if start == len(segments):
        return None
    first = segments[start]
    lead = len(first.text) - len(first.text.lstrip())
    parts = [first.text.strip()] + [s.text.strip() for s in segments[start + 1 :]]
    joined = " ".join(part for part in parts if part)
    if start == len(segments) - 1:
        original = joined
    else:
        original = "\n".join([first.text.lstrip()] + [s.text for s in segments[start + 1 :]])
        original = original.rstrip()
    return joined, original, first.line, first.column + lead


class Reader:
    """One pass over the lines of a draft."""

    def __init__(self, text: str, source: str | None, locate: Locate | None) -> None:
        self.lines = text.split("\n")
        self.source = source
        self.locate = locate
        self.title = ""
        self.symbol = ""
        self.in_header = True
        self.first_line = True
        self.paragraphs: list[Paragraph] = []
        self.groups: list[OptionGroup] = []
        self.footnotes: list[tuple[str, str]] = []
        self.diagnostics: list[Diagnostic] = []
        self.bracket_diagnostics: list[list[Diagnostic]] = []  # per paragraph, in order
        self.block: _Block | None = None
        self.chain: list[_Entry] = []
        self.last_labels: dict[tuple[object, ...], Label] = {}
        self.seen_labels: dict[tuple[object, ...], tuple[int, int, int, int]] = {}
        self.group: _OpenGroup | None = None
        self.group_count = 0
        self.seen_operative = False
        self.sub_keys = False  # whether last_labels holds keys of sub-paragraphs
        self.brackets = 0
        self.alternatives = 0
        self.max_depth = 0
        self.placeholders = 0

    # -- positions and diagnostics -------------------------------------------------------------

    def at(self, line: int, column: int) -> tuple[int, int]:
        return self.locate(line, column) if self.locate else (line, column)

    def warn(self, line: int, column: int, message: str, code: str, hint: str) -> None:
        line, column = self.at(line, column)
        self.diagnostics.append(Diagnostic(line, column, message, code, "warning", None, hint))

    # -- the main loop -------------------------------------------------------------------------

    def run(self) -> None:
        self.replace_surrogates()
        for number, raw in enumerate(self.lines, start=1):
            self.feed(number, raw)
        self.flush()
        self.close_group()

    def replace_surrogates(self) -> None:
        """Replace every run of lone surrogates by U+FFFD, with an error diagnostic for each.

        A surrogate code point is not a character: the model refuses it (UTF-8, and so the
        store and every export, cannot encode it), so the reader reports and replaces it.
        """
        for index, line in enumerate(self.lines):
            if line.isascii() or _SURROGATES_RE.search(line) is None:
                continue
            for match in _SURROGATES_RE.finditer(line):
                run = match.group()
                first = f"U+{ord(run[0]):04X}"
                what = (
                    f"unpaired surrogate {first}"
                    if len(run) == 1
                    else f"{len(run)} unpaired surrogates ({first} first)"
                )
                line_number, column = self.at(index + 1, match.start() + 1)
                self.diagnostics.append(
                    Diagnostic(
                        line_number,
                        column,
                        f"{what} replaced by U+FFFD: a surrogate is not a character and cannot "
                        "be encoded as UTF-8",
                        "unpaired-surrogate",
                        "error",
                        "a character",
                        f"remove or replace the unpaired surrogate at line {line_number}, column "
                        f"{column} (it usually comes from a broken UTF-16 conversion or from "
                        "bytes decoded with errors='surrogateescape')",
                    )
                )
            self.lines[index] = _SURROGATES_RE.sub(lambda m: "\ufffd" * len(m.group()), line)

    def feed(self, number: int, raw: str) -> None:
        stripped = raw.lstrip()
        if not stripped:
            self.flush()
            return
        indent = len(raw) - len(stripped)
        column = indent + 1
        first_line = self.first_line
        self.first_line = False
        if stripped.startswith("\\"):
            blanked = raw[:indent] + " " + raw[indent + 1 :]
            self.add_text(number, column + 1, stripped[1:], blanked, structural=False)
            return
        heading = _HEADING_RE.match(raw)
        if heading:
            self.flush()
            self.heading(number, raw, heading, first_line)
            return
        if self.in_header and self.block is None:
            symbol = _SYMBOL_RE.match(stripped)
            if symbol and not self.symbol:
                self.symbol = symbol.group(1).strip()
                return
        option = OPTION_RE.match(stripped)
        if option:
            self.flush()
            self.option(number, column, stripped, option)
            return
        if END_OPTIONS_RE.match(stripped):
            self.flush()
            if self.group is None:
                self.warn(
                    number,
                    column,
                    "'End of options' without an open option group",
                    "end-without-options",
                    "remove the line, or add the 'Option 1:' / 'Option 2:' lines it closes",
                )
            self.close_group()
            return
        footnote = FOOTNOTE_DEF_RE.match(stripped)
        if footnote:
            self.flush()
            self.in_header = False
            self.block = _Block(
                "footnote",
                [_Segment(number, column + footnote.end(), stripped[footnote.end() :])],
                footnote_id=footnote.group(1),
            )
            return
        self.add_text(number, column, stripped, raw, structural=True)

    def add_text(self, number: int, column: int, text: str, raw: str, *, structural: bool) -> None:
        """A line of paragraph text: it starts a paragraph or continues the current one.

        ``text`` starts at ``column`` of line ``number``; ``raw`` is the whole line, kept for a
        continuation line so that columns in the file stay exact.
        """
        label = self.match_label(text) if structural else None
        if label is not None and self.block is not None and self.block.kind == "paragraph":
            number_match = _NUMBER_LABEL_RE.match(text)
            if number_match and abs(int(number_match.group(2))) >= 1000:
                label = None  # "2025." in a wrapped paragraph is a year, not a label
        if label is not None:
            self.flush()
            self.in_header = False
            label_text, rest_start = label
            self.block = _Block(
                "paragraph",
                [_Segment(number, column + rest_start, text[rest_start:])],
                label_text=label_text,
                label_line=number,
                label_column=column,
            )
            return
        if self.block is not None:
            self.block.segments.append(_Segment(number, 1, raw))
            return
        self.in_header = False
        self.block = _Block("paragraph", [_Segment(number, column, text)])

    @staticmethod
    def match_label(text: str) -> tuple[str, int] | None:
        """The label at the start of ``text`` and the length it takes, dot included."""
        for pattern in (_NUMBER_LABEL_RE, _PAREN_LABEL_RE, _DOT_LABEL_RE):
            match = pattern.match(text)
            if match:
                candidate = match.group(1)
                try:
                    Label.parse(candidate)
                except LabelError:
                    continue
                return candidate, match.end()
        return None

    # -- headings, options ---------------------------------------------------------------------

    def heading(self, number: int, raw: str, match: re.Match[str], first_line: bool) -> None:
        content = _CLOSING_HASHES_RE.sub("", raw[match.end() :].rstrip())
        column = match.end() + 1
        if first_line and len(match.group(1)) == 1:
            self.title = content.strip()
            return
        self.in_header = False
        self.close_group()
        self.chain = []
        self.block = _Block("heading", [_Segment(number, column, content)])
        self.flush()

    def option(self, number: int, column: int, stripped: str, match: re.Match[str]) -> None:
        self.in_header = False
        keyword, name, codes = match.group(1), match.group(2), match.group(3)
        family = "option" if keyword.lower() == "option" else "alt"
        label = f"{keyword} {name}"
        rest = stripped[match.end() :]
        trailing = OPTION_ATTRIBUTION_RE.match(rest)
        if trailing and not codes:  # "Option 1: {EU}" as well as "Option 1 {EU}:"
            codes, rest = trailing.group(1), ""
        no_text = bool(NO_TEXT_RE.match(rest))
        attribution = tuple(_CODE_SPLIT_RE.split(codes)) if codes else ()
        group = self.group
        if group is not None and (group.family != family or name in group.names):
            self.close_group()
            group = None
        if group is None:
            group = _OpenGroup(
                family,
                [],
                list(self.chain),
                dict(self.last_labels),
                index=self.group_count + 1,
            )
            self.group_count += 1
            self.group = group
        else:
            group.end_states.append(self.last_labels)
            self.chain = list(group.chain)
            self.last_labels = dict(group.last_labels)
        group.options.append(_OpenOption(label, attribution, number, column, no_text))
        group.names.add(name)
        if rest.strip() and not no_text:
            self.add_text(number, column + match.end(), rest, rest, structural=True)

    def close_group(self) -> None:
        group = self.group
        if group is None:
            return
        self.group = None
        group.end_states.append(self.last_labels)
        merged: dict[tuple[object, ...], Label] = {}
        for state in group.end_states:
            for key, label in state.items():
                if key not in merged or merged[key].sort_key < label.sort_key:
                    merged[key] = label
        self.last_labels = merged
        self.sub_keys = True
        first = group.options[0]
        if len(group.options) < 2:
            self.warn(
                first.line,
                first.column,
                f"option group has a single option {first.label!r}",
                "single-option",
                "add the other option(s), or remove the option line if the text is not an option",
            )
            return
        for option in group.options:
            if not option.pids and not option.no_text:
                self.warn(
                    option.line,
                    option.column,
                    f"option {option.label!r} has no paragraphs",
                    "empty-option",
                    f"write '{option.label}: No text' if it deletes the provision, or add its "
                    "paragraphs after the option line",
                )
        self.groups.append(
            OptionGroup(
                f"g{len(self.groups) + 1}",
                tuple(Option(o.label, tuple(o.pids), o.attribution) for o in group.options),
            )
        )

    # -- paragraphs ----------------------------------------------------------------------------

    def flush(self) -> None:
        block = self.block
        if block is None:
            return
        self.block = None
        found = _segments_text(block.segments)
        if block.kind == "footnote":
            self.footnotes.append((block.footnote_id, found[0] if found else ""))
            return
        if found is None:
            joined, original = "", ""
            line, column = block.segments[0].line, block.segments[0].column
        else:
            joined, original, line, column = found
        attribution: tuple[str, ...] = ()
        match = _ATTRIBUTION_RE.search(joined)
        if match:
            attribution = tuple(_CODE_SPLIT_RE.split(match.group(1)))
            joined = joined[: match.start()]
            original_match = _ATTRIBUTION_RE.search(original)
            original = original[: original_match.start()] if original_match else original
        if block.kind == "heading":
            self.add_paragraph(ParagraphKind.HEADING, joined, None, None, attribution)
            self.check_brackets(joined, original, line, column)
            return
        if self.group is not None and self.group.options[-1].no_text:
            self.close_group()
        label, parent, kind, level = self.structure(block, joined)
        pid = self.add_paragraph(kind, joined, label, parent, attribution)
        if kind is ParagraphKind.OPERATIVE:
            self.seen_operative = True
        self.chain.append(_Entry(pid, level, _is_chapeau_text(joined), kind, label))
        if self.group is not None:
            self.group.options[-1].pids.append(pid)
        self.check_brackets(joined, original, line, column)

    def add_paragraph(
        self,
        kind: ParagraphKind,
        text: str,
        label: Label | None,
        parent: str | None,
        attribution: tuple[str, ...],
    ) -> str:
        pid = f"p{len(self.paragraphs) + 1}"
        self.paragraphs.append(Paragraph(pid, kind, text, label, parent, attribution=attribution))
        return pid

    def check_brackets(self, joined: str, original: str, line: int, column: int) -> None:
        tree, found = parse_lenient(joined, line=line, column=column)
        self.count(tree)
        if found and original != joined:
            found = parse_lenient(original, line=line, column=column)[1]
        if found:
            if self.locate is not None:
                found = tuple(_relocate(d, *self.at(d.line, d.column)) for d in found)
            self.bracket_diagnostics.append(list(found))

    def count(self, tree: BracketedText) -> None:
        if tree.is_clean:
            return
        self.brackets += tree.brackets
        self.alternatives += tree.alternative_groups
        self.placeholders += len(tree.placeholders)
        self.max_depth = max(self.max_depth, tree.max_depth)

    def structure(
        self, block: _Block, text: str
    ) -> tuple[Label | None, str | None, ParagraphKind, int]:
        """Label, parent, kind and level of a paragraph, with the diagnostics of its label."""
        if not block.label_text:
            self.reset_chain()
            kind = (
                ParagraphKind.PREAMBULAR
                if not self.seen_operative and _is_preambular_text(text)
                else ParagraphKind.OPERATIVE
            )
            return None, None, kind, 0
        where = (block.label_line, block.label_column)
        label = self.interpret(block.label_text)
        level = _LEVELS[label.style]
        parent: str | None = None
        if level == 0:
            self.reset_chain()
            kind = ParagraphKind.PREAMBULAR if label.prefix == "PP" else ParagraphKind.OPERATIVE
        else:
            position = self.parent_position(level)
            if position is None:
                self.chain = []
                kind = ParagraphKind.OPERATIVE if self.seen_operative else ParagraphKind.PREAMBULAR
                self.warn(
                    *where,
                    f"sub-paragraph {str(label)!r} has no chapeau above it",
                    "subparagraph-without-chapeau",
                    "put the sub-paragraph after the paragraph it belongs to, ending that "
                    "paragraph with ':'",
                )
            else:
                entry = self.chain[position]
                self.chain = self.chain[: position + 1]
                parent, kind = entry.pid, entry.kind
                if not entry.is_chapeau:
                    shown = str(entry.label) if entry.label is not None else entry.pid
                    self.warn(
                        *where,
                        f"sub-paragraph {str(label)!r} has no chapeau: the paragraph above it "
                        f"({shown!r}) does not end with ':'",
                        "subparagraph-without-chapeau",
                        "end the chapeau with ':' or give the sub-paragraph a label of its own",
                    )
        self.check_label(label, parent, kind, where)
        return label, parent, kind, level

    def reset_chain(self) -> None:
        """A new top-level paragraph: no earlier chapeau can take sub-paragraphs any more."""
        self.chain = []
        if self.sub_keys:
            self.last_labels = {k: v for k, v in self.last_labels.items() if k[0] is None}
            self.sub_keys = False

    def parent_position(self, level: int) -> int | None:
        for position in range(len(self.chain) - 1, -1, -1):
            if self.chain[position].level < level:
                return position
        return None

    def interpret(self, label_text: str) -> Label:
        """The label, deciding between a letter and a Roman numeral by context."""
        default = Label.parse(label_text)
        if default.style not in (LabelStyle.ROMAN, LabelStyle.ROMAN_DOT):
            return default
        letter_style = (
            LabelStyle.LETTER_DOT if default.style is LabelStyle.ROMAN_DOT else LabelStyle.LETTER
        )
        try:
            letter = Label.parse(label_text, style=letter_style)
        except LabelError:
            return default
        if self.continues(default):
            return default
        last = self.chain[-1] if self.chain else None
        if (
            default.number == 1
            and last is not None
            and last.is_chapeau
            and last.level < _LEVELS[default.style]
        ):
            return default  # "(h) ... :" followed by "(i)": the first of its sub-paragraphs
        if self.continues(letter):
            return letter
        return default

    def continues(self, label: Label) -> bool:
        position = self.parent_position(_LEVELS[label.style])
        parent = self.chain[position].pid if position is not None else None
        last = self.last_labels.get((parent, label.style, None))
        if last is None:
            return False
        return label.number == last.number + 1 or (
            label.number == last.number and label.suffix > last.suffix
        )

    def check_label(
        self, label: Label, parent: str | None, kind: ParagraphKind, where: tuple[int, int]
    ) -> None:
        order_key = (parent, label.style, kind if parent is None else None)
        previous = self.last_labels.get(order_key)
        if previous is not None and label.sort_key < previous.sort_key:
            self.warn(
                *where,
                f"label {str(label)!r} comes after {str(previous)!r}",
                "label-order",
                "check the numbering: a paragraph inserted later takes a Latin suffix "
                f"('{previous.after()}' rather than '{label}')"
                if previous.suffix < len(LATIN_SUFFIXES)
                else "check the numbering",
            )
        self.last_labels[order_key] = label
        self.sub_keys = self.sub_keys or parent is not None
        key = (parent, str(label), kind if parent is None else None)
        group = self.group
        context = (group.index, len(group.options)) if group is not None else (0, 0)
        seen = self.seen_labels.get(key)
        if seen is None:
            self.seen_labels[key] = (*self.at(*where), *context)
            return
        line, column, group_index, option_index = seen
        if group_index and group_index == context[0] and option_index != context[1]:
            return  # the same paragraph in another option of the same group
        self.warn(
            *where,
            f"duplicate label {str(label)!r}, already used at {line}:{column}",
            "duplicate-label",
            f"renumber one of them, or give the inserted one a Latin suffix ('{label.after()}')"
            if label.suffix < len(LATIN_SUFFIXES)
            else "renumber one of them",
        )

    # -- the result ----------------------------------------------------------------------------

    def cross_paragraph(self) -> list[Diagnostic]:
        """Merge a '[' left open in one paragraph with a stray ']' in a later one."""
        out: list[Diagnostic] = []
        open_stack: list[Diagnostic] = []
        for found in self.bracket_diagnostics:
            for diagnostic in sorted(found, key=lambda d: (d.line, d.column)):
                if diagnostic.code == "unmatched-close" and open_stack:
                    opening = open_stack.pop()
                    out.remove(opening)
                    out.append(
                        Diagnostic(
                            opening.line,
                            opening.column,
                            f"bracket opened at {opening.line}:{opening.column} is closed in a "
                            f"later paragraph at {diagnostic.line}:{diagnostic.column}",
                            "bracket-across-paragraphs",
                            "error",
                            "']' before the end of the paragraph",
                            "a bracket cannot span paragraphs: close it at the end of its "
                            "paragraph and bracket the next paragraph separately",
                        )
                    )
                    continue
                out.append(diagnostic)
            # Only a '[' still open at the end of its paragraph can be closed later.
            open_stack.extend(d for d in found if d.code == "unclosed-open")
        return out

    def result(self, cleanup: CleanedText | None) -> TextDraftResult:
        diagnostics = self.cross_paragraph() + self.diagnostics
        diagnostics.sort(key=lambda d: (d.line, d.column))
        draft = Draft(self.title, self.symbol, tuple(self.paragraphs), tuple(self.groups))
        stats = DraftStats(
            paragraphs=sum(1 for p in self.paragraphs if p.kind is not ParagraphKind.HEADING),
            brackets=self.brackets,
            alternative_groups=self.alternatives + len(self.groups),
            max_depth=self.max_depth,
            placeholders=self.placeholders,
        )
        return TextDraftResult(
            draft, tuple(diagnostics), stats, self.source, tuple(self.footnotes), cleanup
        )


def _relocate(diagnostic: Diagnostic, line: int, column: int) -> Diagnostic:
    """The diagnostic moved to another position, its message naming the new position."""
    if (line, column) == (diagnostic.line, diagnostic.column):
        return diagnostic
    pair = re.compile(rf"(?<!\d){diagnostic.line}:{diagnostic.column}(?!\d)")
    words = f"line {diagnostic.line}, column {diagnostic.column}"

    def fix(text: str) -> str:
        text = text.replace(words, f"line {line}, column {column}")
        return pair.sub(f"{line}:{column}", text)

    return attrs.evolve(
        diagnostic,
        line=line,
        column=column,
        message=fix(diagnostic.message),
        expected=None if diagnostic.expected is None else fix(diagnostic.expected),
        hint=None if diagnostic.hint is None else fix(diagnostic.hint),
    )


#: What makes an unlabelled line read as structure: the writer escapes such a paragraph with a
#: backslash.
NEEDS_ESCAPE_RE = re.compile(
    "|".join(
        (
            r"[\\#\ufeff]",  # U+FEFF: the reader takes it for a byte order mark on line 1
            r"(?i:symbol)[ \t]*:",
            OPTION_RE.pattern,
            END_OPTIONS_RE.pattern,
            FOOTNOTE_DEF_RE.pattern,
        )
    )
)
