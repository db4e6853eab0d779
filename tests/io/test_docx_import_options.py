"""Named options in a DOCX: many options in one group are read in linear work.

The DOCX importer writes the document as the lines of a text draft and simulates the option
group the text reader will have open (``_OptionState``): whether a paragraph still belongs to
the last option depends on the numbers used in the earlier options, which must not be scanned
again for every paragraph.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

import consensus_text.io._text_lines as text_lines
import consensus_text.io.docx_import as docx_import
import consensus_text.io.text as text_module
from consensus_text.io.docx_import import read_docx

CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_of(lines: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    document = f"<w:document {W}><w:body>{body}</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def options_of_one_group(n: int) -> list[str]:
    """A first option numbered high, then ``n`` options of two paragraphs each, one group."""
    lines = ["Option 0:", "999. Decides;"]
    for k in range(1, n + 1):
        lines += [f"Option {k}:", "1. Decides [x];", "2. Requests [y];"]
    return [*lines, "End of options"]


def lines_run(call: Callable[[], Any]) -> int:
    """Lines executed in the DOCX importer and the text reader: deterministic work, not time."""
    files = {docx_import.__file__, text_module.__file__, text_lines.__file__}
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def outer(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename in files else None

    previous = sys.gettrace()
    sys.settrace(outer)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def test_many_options_stay_one_group() -> None:
    draft = read_docx(docx_of(options_of_one_group(50))).draft
    assert len(draft.option_groups) == 1
    assert [o.label for o in draft.option_groups[0].options][:3] == [
        "Option 0",
        "Option 1",
        "Option 2",
    ]
    assert len(draft.option_groups[0].options) == 51
    assert all(len(o.paragraph_ids) == 2 for o in draft.option_groups[0].options[1:])


@pytest.mark.parametrize(
    ("lines", "groups"),
    [
        (["Option 1:", "1. a;", "Option 2:", "1. b;", "2. c;", "End of options"], 1),
        # a number past every number of the earlier options ends the group
        (["Option 1:", "1. a;", "Option 2:", "1. b;", "3. c;"], 1),
        (["Option 1:", "1. a;", "Option 2:", "1. b;", "Option 1:", "1. c;", "Option 2:"], 2),
        (["Option 1:", "1. a;", "Alt 2:", "1. b;", "Alt 3: No text"], 1),
    ],
    ids=["two-paragraphs", "past-the-numbers", "repeated-name", "other-family"],
)
def test_option_groups_as_before(lines: list[str], groups: int) -> None:
    result = read_docx(docx_of(lines))
    assert len(result.draft.option_groups) == groups


def test_options_of_one_group_take_linear_work() -> None:
    small = lines_run(lambda: read_docx(docx_of(options_of_one_group(150))))
    large = lines_run(lambda: read_docx(docx_of(options_of_one_group(300))))
    assert large < 2.5 * small, f"{small} lines for 150 options, {large} for 300"
