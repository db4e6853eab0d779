"""Why a paragraph, a silence procedure or a vote came out as it did.

>>> reason = Reason("formal_objection", "formal objection by RUS", participants=("RUS",))
>>> str(reason), reason.code
('formal objection by RUS', 'formal_objection')
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["Reason"]


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Reason:
    """One reason, with a stable slug and a sentence for people.

    Attributes:
        code: a slug that programs may test: ``open_brackets``, ``formal_objection``, ...
        message: the explanation, in English.
        participants: the participant or group codes the reason is about, sorted.
        paragraph_ids: the paragraphs the reason is about (a chapeau, package members).
    """

    code: str
    message: str
    participants: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    paragraph_ids: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __str__(self) -> str:
        return self.message
