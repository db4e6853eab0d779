"""The consensus report: a status per paragraph with its reasons, and the document's status.

These are plain values; :func:`~consensus_text.consensus.engine.compute_report` builds them.

>>> status = ParagraphStatus("p1", "1", Status.PENDING, brackets=2,
...                          reasons=(Reason("open_brackets", "2 contested elements remain"),))
>>> status.reason_codes, status.has_reason("open_brackets"), Status.PENDING.title
(('open_brackets',), True, 'pending')
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from functools import cached_property

import attrs

from consensus_text.consensus.reasons import Reason
from consensus_text.consensus.silence import SilenceOutcome
from consensus_text.consensus.votes import VoteResult
from consensus_text.errors import ParagraphNotFoundError
from consensus_text.model.positions import Position
from consensus_text.model.procedure import Ruling

__all__ = [
    "ConsensusReport",
    "DocumentStatus",
    "Objection",
    "ParagraphStatus",
    "Reason",
    "Status",
]


class Status(enum.Enum):
    """Where a paragraph stands.

    Computed: ``consensus_ready``, ``pending``, ``blocked``. Recorded by the chair (and shown only
    when nothing blocks or keeps the paragraph pending): ``agreed_in_informals``,
    ``agreed_ad_referendum``, ``confirmed``, ``reopened``. ``adopted`` once the document is.
    """

    CONSENSUS_READY = "consensus_ready"
    PENDING = "pending"
    BLOCKED = "blocked"
    AGREED_IN_INFORMALS = "agreed_in_informals"
    AGREED_AD_REFERENDUM = "agreed_ad_referendum"
    CONFIRMED = "confirmed"
    REOPENED = "reopened"
    ADOPTED = "adopted"

    @property
    def title(self) -> str:
        """The value with spaces: ``"agreed ad referendum"``."""
        return self.value.replace("_", " ")


@attrs.frozen
class Objection:
    """A formal objection that counts: by a participant with decision rights, in its own name
    or through a group that speaks for it.

    Attributes:
        participant: the participant whose objection counts.
        via: the group whose position applies to the participant; None for a national position.
        position: the position as stated (by the participant, or by the group).
        conflicting: True when the participant's groups disagree (see
            :attr:`~consensus_text.consensus.rules.Rules.conflicting_groups_block`).
    """

    participant: str
    via: str | None
    position: Position
    conflicting: bool = False

    @property
    def element(self) -> int | None:
        """The contested element objected to; None for the whole paragraph."""
        return self.position.element


@attrs.frozen
class ParagraphStatus:
    """The status of one paragraph and the reasons for it.

    Attributes:
        paragraph_id: the paragraph's stable id.
        label: its displayed label (``""`` when it has none).
        status: the status.
        brackets: the number of open contested elements in the paragraph's own text.
        objectors: the codes whose current formal objection blocks: participants objecting in
            their own name and groups objecting for at least one member, sorted.
        reasons: why, most important first.
        stale: positions stated on an earlier wording, to be restated; never counted.
        reservations: current reservations that count (general, study, awaiting instructions).
        records: current dissociations and explanations of position or vote; never counted.
        objections: every objection that counts, member by member (who and through which group).
        version: the paragraph's current version.
        packages: the packages the paragraph belongs to, directly or through nested packages.
        ruling: the chair's latest ruling when it applies to the current version.
    """

    paragraph_id: str
    label: str
    status: Status
    brackets: int = 0
    objectors: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    stale: tuple[Position, ...] = ()
    reservations: tuple[Position, ...] = ()
    records: tuple[Position, ...] = ()
    objections: tuple[Objection, ...] = ()
    version: int = 1
    packages: tuple[str, ...] = ()
    ruling: Ruling | None = None

    @property
    def reason_codes(self) -> tuple[str, ...]:
        """The codes of the reasons, in order (with repetitions)."""
        return tuple(reason.code for reason in self.reasons)

    def has_reason(self, code: str) -> bool:
        """Whether a reason with this code is given."""
        return any(reason.code == code for reason in self.reasons)

    @property
    def blocking_members(self) -> tuple[str, ...]:
        """The participants whose objection counts, directly or through a group, sorted."""
        return tuple(sorted({objection.participant for objection in self.objections}))


@attrs.frozen
class DocumentStatus:
    """The status of the whole document: nothing is agreed until everything is agreed.

    Attributes:
        adoptable: True when every paragraph counts as agreed (or the document was adopted).
        counts: the number of paragraphs in each status, every status listed (zeros included).
        total: the number of paragraphs reported.
        not_agreed: the ids of the paragraphs that keep the document from being adoptable.
        adopted_at: when the document was adopted (by the chair or at the deadline of a silence
            procedure that held), if it was.
        reasons: why, in sentences.
    """

    adoptable: bool
    counts: Mapping[Status, int] = attrs.field(eq=True, hash=False)
    total: int = 0
    not_agreed: tuple[str, ...] = ()
    adopted_at: dt.datetime | None = None
    reasons: tuple[Reason, ...] = ()


@attrs.frozen
class ConsensusReport:
    """The report on a snapshot under a process's rules.

    Attributes:
        document: the document's status.
        paragraphs: one status per active, non-heading paragraph, in draft order.
        rules_name: the name of the rules applied.
        silences: the outcome of every silence procedure, in order.
        votes: the result of every recorded vote, in order (empty when the process does not
            vote; the document's reasons then say the votes were set aside).
    """

    document: DocumentStatus
    paragraphs: tuple[ParagraphStatus, ...]
    rules_name: str = ""
    silences: tuple[SilenceOutcome, ...] = ()
    votes: tuple[VoteResult, ...] = ()

    @cached_property
    def _index(self) -> dict[str, ParagraphStatus]:
        return {status.paragraph_id: status for status in self.paragraphs}

    def _repr_html_(self) -> str:
        """The report for Jupyter: a table of paragraphs coloured by status, with reasons."""
        from consensus_text.consensus._html import render_report_html

        return render_report_html(self)

    def paragraph(self, paragraph_id: str) -> ParagraphStatus:
        """The status of the paragraph with this id.

        Raises:
            ParagraphNotFoundError: the report has no such paragraph (headings and deleted
                paragraphs are not reported).
        """
        try:
            return self._index[paragraph_id]
        except KeyError:
            raise ParagraphNotFoundError(
                f"the report has no paragraph {paragraph_id!r}",
                hint="headings and deleted paragraphs are not reported; look up by id, "
                "or use ConsensusReport.by_label()",
            ) from None

    def by_label(self, label: str) -> tuple[ParagraphStatus, ...]:
        """The statuses of the paragraphs shown with this label (sub-paragraphs repeat labels)."""
        return tuple(status for status in self.paragraphs if status.label == label)

    def with_status(self, *statuses: Status) -> tuple[ParagraphStatus, ...]:
        """The paragraphs in any of these statuses, in draft order."""
        wanted = set(statuses)
        return tuple(status for status in self.paragraphs if status.status in wanted)

    def __iter__(self) -> Iterator[ParagraphStatus]:
        return iter(self.paragraphs)

    def __len__(self) -> int:
        return len(self.paragraphs)
