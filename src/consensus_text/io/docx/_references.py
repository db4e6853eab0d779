"""Internal cross-references ("paragraph 12 bis above") and their renumbering.

Only references that point inside the document are rewritten: a paragraph number followed by
"above", "below" or "of the present ..." ("paragraphs 3 and 5 above", "paragraph 12 (a)
below", "paragraph 4 of the present resolution"). "Paragraph 5 of resolution 77/37" names
another document and is left alone.

>>> rewrite_references("as set out in paragraphs 12 bis and 14 above, and paragraph 5 of "
...                    "resolution 77/37", {"12 bis": "13", "14": "15", "5": "6"})
'as set out in paragraphs 13 and 15 above, and paragraph 5 of resolution 77/37'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from consensus_text.model.labels import LATIN_SUFFIXES

_SUFFIX = "|".join(LATIN_SUFFIXES)
_LABEL = rf"-?\d+(?:\s+(?:{_SUFFIX}))?\b"
_SUB = rf"(?:\s*\([a-z]+\)(?:\s+(?:{_SUFFIX})\b)?)*"
_JOIN = r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|to)\s|[-–])\s*"
_REFERENCE = re.compile(
    rf"\b(?P<word>paragraphs?|paras?\.)\s+(?P<labels>{_LABEL}{_SUB}(?:{_JOIN}{_LABEL}{_SUB})*)"
    rf"(?P<tail>\s+(?:above|below|of\s+the\s+present)\b)",
    re.IGNORECASE,
)
_ONE_LABEL = re.compile(_LABEL, re.IGNORECASE)
_ONE_ITEM = re.compile(_LABEL + _SUB, re.IGNORECASE)


def rewrite_references(text: str, mapping: Mapping[str, str]) -> str:
    """Replace old paragraph labels by new ones in the internal references of ``text``.

    Args:
        text: the paragraph's text.
        mapping: old label -> new one, lower case (``{"12 bis": "13"}``); sub-paragraphs
            with their chapeau's label (``{"1 bis (a) bis": "2 (b)"}``). A sub-paragraph not in
            the mapping keeps its letter under its chapeau's new number.
    """
    if not mapping or "para" not in text.lower():
        return text

    def relabel(match: re.Match[str]) -> str:
        item = match.group()
        whole = " ".join(item.split()).lower()
        if whole in mapping:
            return mapping[whole]
        top = _ONE_LABEL.match(item)
        assert top is not None
        key = " ".join(top.group().split()).lower()
        return mapping.get(key, top.group()) + item[top.end() :]

    def replace(match: re.Match[str]) -> str:
        labels = _ONE_ITEM.sub(relabel, match.group("labels"))
        return f"{match.group('word')} {labels}{match.group('tail')}"

    return _REFERENCE.sub(replace, text)
