"""The public names of consensus_text.consensus: curated, sorted, complete."""

from __future__ import annotations

import inspect

import consensus_text.consensus as consensus

REQUIRED = {
    "AccreditationRule",
    "ConsensusEngine",
    "ConsensusReport",
    "DocumentStatus",
    "Majority",
    "ParagraphStatus",
    "Reason",
    "Rules",
    "SilenceOutcome",
    "Status",
    "VoteResult",
    "compute_report",
    "format_status_table",
    "report_to_dict",
}


def test_all_is_sorted_and_holds_the_required_names() -> None:
    assert consensus.__all__ == sorted(consensus.__all__)
    assert set(consensus.__all__) >= REQUIRED


def test_every_public_member_is_exported() -> None:
    public = {
        name
        for name, value in vars(consensus).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert public == set(consensus.__all__)


def test_exported_members_say_they_come_from_the_package_modules() -> None:
    for name in consensus.__all__:
        module = getattr(consensus, name).__module__
        assert module.startswith("consensus_text.consensus."), (name, module)


def test_consensus_does_not_load_networkx() -> None:
    import subprocess
    import sys

    code = "import sys, consensus_text.consensus; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
