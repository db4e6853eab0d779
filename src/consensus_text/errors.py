"""The exceptions of consensus_text, in one module.

Every error the library raises derives from :class:`ConsensusTextError` and also from the
builtin exception that fits, so callers may catch either::

    ConsensusTextError
    ├── ParseError (ValueError)                 bad bracketed text: line, column, expected, fix
    ├── ValidationError (ValueError)            a value that the model does not accept
    │   ├── LabelError                          a paragraph label such as "5 bis" that does not parse
    │   └── UnknownParticipantError (KeyError)  a code not in the registry, with the closest match
    ├── InvalidEventError (ValueError)          an event that does not apply to the current state
    │   ├── ParagraphNotFoundError (KeyError)
    │   ├── BracketNotFoundError (KeyError)
    │   ├── AmendmentNotFoundError (KeyError)
    │   └── RevisionNotFoundError (KeyError)
    ├── ConflictError                           a writer whose view of the log is stale
    ├── StoreError (OSError)                    the store cannot be opened, read or written
    ├── FormatError (ValueError)                a file of ours or of others that cannot be read
    │   ├── UnsupportedVersionError             JSON of a schema version this release cannot read
    │   └── UnsafeInputError                    a hostile file: entities, DTD, zip bomb, traversal
    ├── ProcedureError (ValueError)             rules of procedure that are inconsistent
    │   └── CyclicPackageError                  packages of paragraphs that contain each other
    └── ExportError (ValueError)                a revision that cannot be exported as asked
        └── PendingParagraphsError              a clean text asked for while paragraphs are pending

Messages say what is wrong, where, and how to fix it:

>>> err = ParseError("unbalanced ']'", line=3, column=14, expected="text or '['",
...                  hint="remove the stray ']' or add the matching '['")
>>> print(err)
3:14: unbalanced ']' (expected text or '['); remove the stray ']' or add the matching '['
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmendmentNotFoundError",
    "BracketNotFoundError",
    "ConflictError",
    "ConsensusTextError",
    "CyclicPackageError",
    "ExportError",
    "FormatError",
    "InvalidEventError",
    "LabelError",
    "ParagraphNotFoundError",
    "ParseError",
    "PendingParagraphsError",
    "ProcedureError",
    "RevisionNotFoundError",
    "StoreError",
    "UnknownParticipantError",
    "UnsafeInputError",
    "UnsupportedVersionError",
    "ValidationError",
]


class ConsensusTextError(Exception):
    """Base of every error raised by consensus_text.

    Args:
        message: what is wrong.
        hint: how to fix it; appended to the message after a semicolon.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}; {self.hint}"
        return self.message


class ParseError(ConsensusTextError, ValueError):
    """Bracketed text that does not parse in strict mode.

    Attributes:
        line: 1-based line of the problem in the parsed text.
        column: 1-based column of the problem.
        expected: what the parser expected at that point, if it can say.
        source: the file name or other origin, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int,
        column: int,
        expected: str | None = None,
        hint: str | None = None,
        source: str | None = None,
    ) -> None:
        self.line = line
        self.column = column
        self.expected = expected
        self.source = source
        super().__init__(message, hint=hint)

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}"
        if self.source:
            where = f"{self.source}:{where}"
        text = f"{where}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        if self.hint:
            text += f"; {self.hint}"
        return text


class ValidationError(ConsensusTextError, ValueError):
    """A value that the domain model does not accept (an empty id, a naive datetime, ...)."""


class LabelError(ValidationError):
    """A paragraph label that does not parse, such as ``"5 bsi"``."""


class UnknownParticipantError(ValidationError, KeyError):
    """A participant or group code that is not in the registry.

    Attributes:
        code: the code that was looked up.
        suggestions: the closest known codes, best first.
    """

    def __init__(self, code: str, suggestions: Sequence[str] = ()) -> None:
        self.code = code
        self.suggestions = tuple(suggestions)
        if self.suggestions:
            hint = "did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        else:
            hint = "add it with Registry.with_participant() or check the code"
        super().__init__(f"unknown participant {code!r}", hint=hint)

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return ConsensusTextError.__str__(self)


class InvalidEventError(ConsensusTextError, ValueError):
    """An event or command that does not apply to the current state; the state is unchanged."""


class ParagraphNotFoundError(InvalidEventError, KeyError):
    """A paragraph id or label that the draft does not hold (or holds only as a tombstone)."""

    def __str__(self) -> str:
        return ConsensusTextError.__str__(self)


class BracketNotFoundError(InvalidEventError, KeyError):
    """A bracket index that the paragraph's current text does not have."""

    def __str__(self) -> str:
        return ConsensusTextError.__str__(self)


class AmendmentNotFoundError(InvalidEventError, KeyError):
    """An amendment id that the queue does not hold."""

    def __str__(self) -> str:
        return ConsensusTextError.__str__(self)


class RevisionNotFoundError(InvalidEventError, KeyError):
    """A revision label that the negotiation has not issued."""

    def __str__(self) -> str:
        return ConsensusTextError.__str__(self)


class ConflictError(ConsensusTextError):
    """Another writer appended events since this writer last read the log.

    Attributes:
        expected: the event count this writer believed the log had.
        actual: the event count found in the store.
        missed: short descriptions of the events this writer had not seen.
    """

    def __init__(self, expected: int, actual: int, missed: Sequence[str] = ()) -> None:
        self.expected = expected
        self.actual = actual
        self.missed = tuple(missed)
        listing = ", ".join(self.missed[:10])
        if len(self.missed) > 10:
            listing += f", ... ({len(self.missed) - 10} more)"
        message = f"the log has {actual} events, this writer expected {expected}"
        if listing:
            message += f"; missed: {listing}"
        super().__init__(message, hint="reload the negotiation and apply the change again")


class StoreError(ConsensusTextError, OSError):
    """The store cannot be opened, read or written (missing, read-only, disk full, corrupt)."""

    def __str__(self) -> str:
        return ConsensusTextError.__str__(self)


class FormatError(ConsensusTextError, ValueError):
    """A file (JSON, DOCX, XML, text) that cannot be read as what it claims to be."""


class UnsupportedVersionError(FormatError):
    """JSON written with a schema version that this release cannot read."""


class UnsafeInputError(FormatError):
    """A hostile or oversized file: XML entities or DTD, zip bomb, path traversal, size limit."""


class ProcedureError(ConsensusTextError, ValueError):
    """Rules of procedure, packages or votes that are inconsistent."""


class CyclicPackageError(ProcedureError):
    """Packages of paragraphs whose definitions form a cycle."""


class ExportError(ConsensusTextError, ValueError):
    """A revision that cannot be exported as asked (characters XML cannot hold, ...)."""


class PendingParagraphsError(ExportError):
    """A clean text was asked for while some paragraphs are not agreed.

    Attributes:
        labels: the displayed labels of the pending paragraphs.
    """

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = tuple(labels)
        shown = ", ".join(self.labels[:20])
        if len(self.labels) > 20:
            shown += f", ... ({len(self.labels) - 20} more)"
        super().__init__(
            f"{len(self.labels)} paragraph(s) still pending: {shown}",
            hint="choose a policy: pending='omit', 'keep' or 'draft'",
        )
