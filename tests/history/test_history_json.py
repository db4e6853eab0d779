"""The JSON interchange format: lossless round trips, clear errors, versions and migrations."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import consensus_text.io.json as json_io
from consensus_text.errors import (
    ConsensusTextError,
    FormatError,
    UnsafeInputError,
    UnsupportedVersionError,
)
from consensus_text.history import Negotiation, open_store
from consensus_text.io.json import dump_json, export_json, import_json, load_document, read_json
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.participants import Participant, ParticipantKind, Registry

sys.path.insert(0, str(Path(__file__).parent))
from history_fixtures import START, build_fixture, make_clock


@pytest.fixture(scope="module")
def fixture_neg() -> Negotiation:
    return build_fixture().neg


@pytest.mark.parametrize("indent", [None, 2])
def test_round_trip_of_the_fixture(fixture_neg: Negotiation, indent: int | None) -> None:
    text = fixture_neg.to_json(indent=indent)
    again = Negotiation.from_json(text)
    assert again.events == fixture_neg.events
    assert again.state == fixture_neg.state
    assert dump_json(again, indent=indent) == text


def test_one_event_a_line_by_default(fixture_neg: Negotiation) -> None:
    lines = dump_json(fixture_neg).splitlines()
    assert len(lines) == fixture_neg.event_count + 2
    document = json.loads("\n".join(lines))
    assert document["format"] == "consensus_text.negotiation"
    assert document["schema_version"] == json_io.SCHEMA_VERSION
    assert document["events"][0]["type"] == "negotiation_created"
    assert document["event_count"] == fixture_neg.event_count


def test_files_and_names(fixture_neg: Negotiation, tmp_path: Path) -> None:
    path = tmp_path / "poa.json"
    export_json(fixture_neg, path, name="poa")
    name, again = import_json(path)
    assert name == "poa" and again.events == fixture_neg.events
    with open_store(tmp_path / "s.db") as store:
        stored = store.import_events("poa", again.events)
        export_json(stored, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text())["name"] == "poa"


def test_custom_registry_and_ambiguous_labels_round_trip() -> None:
    registry = Registry([Participant("AAA", "State A", ParticipantKind.MEMBER_STATE)])
    neg = Negotiation.create("T", registry=registry, by="AAA", clock=make_clock())
    chapeau = neg.propose("Requests:", by="AAA")
    neg.propose(
        "ninth;", by="AAA", parent=chapeau, label=Label.parse("(i)", style=LabelStyle.LETTER)
    )
    neg.propose('Ünïcødé « quotes » "and" \\ backslashes\nand lines;', by="AAA")
    again = read_json(dump_json(neg))
    assert again.events == neg.events and again.registry == registry
    assert again.state.draft.paragraphs[1].label == Label(9, 0, LabelStyle.LETTER)


# ---------------------------------------------------------------------- generated logs

OPS = (
    "propose",
    "amend",
    "bracket",
    "resolve",
    "position",
    "withdraw",
    "rule",
    "move",
    "split",
    "merge",
    "delete",
    "restore",
    "revision",
    "package",
    "silence",
    "break",
    "vote",
    "adopt",
)
CODES = ("FRA", "USA", "CHN", "BRA", "G77", "EU", "KEN")


def _act(neg: Negotiation, op: str, rng: random.Random, text: str) -> None:
    active = list(neg.active_ids())
    every = [p.id for p in neg.state.draft] if op == "restore" else active
    pid = rng.choice(every) if every else "p1"
    if op == "propose":
        neg.propose(
            text + " [" + text[:3] + "];",
            by=rng.choice(("Chair", *CODES)),
            after=rng.choice([None, "", *active]),
        )
    elif op == "amend":
        neg.amend(pid, text or "x", by="Chair")
    elif op == "bracket":
        length = len(neg.paragraph(pid).text)
        start = rng.randrange(max(length, 1))
        neg.bracket(pid, start, rng.randint(start + 1, max(length, start + 1)), by="Chair")
    elif op == "resolve":
        elements = neg.paragraph(pid).tree.elements()
        if elements:
            element = rng.choice(elements)
            how = {"alternatives": "choose", "placeholder": "fill"}.get(
                element.kind, rng.choice(("accept", "delete"))
            )
            neg.resolve(
                pid,
                element.index,
                how=how,
                by="Chair",
                option=1 if how == "choose" else None,
                text=(text.strip() or "x") if how == "fill" else None,
            )
    elif op == "position":
        count = len(neg.paragraph(pid).tree.elements())
        neg.state_position(
            rng.choice(CODES),
            pid,
            rng.choice(("support", "objection", "reservation", "can live with")),
            element=rng.choice((None, count or None)),
            note=text,
        )
    elif op == "withdraw":
        positions = neg.state.positions
        if positions:
            p = rng.choice(positions)
            neg.withdraw_position(p.participant, p.paragraph_id, element=p.element)
    elif op == "rule":
        neg.rule(
            pid,
            rng.choice(("agreed_in_informals", "agreed_ad_referendum", "confirmed", "reopened")),
            note=text,
        )
    elif op == "move":
        neg.move(pid, after=rng.choice([None, "", *active]), by="Chair")
    elif op == "split":
        neg.split(pid, [text or "a;", "b;"], by="Chair")
    elif op == "merge":
        neg.merge(rng.sample(active, 2) if len(active) > 1 else active, text or "m;", by="Chair")
    elif op == "delete":
        neg.delete(pid, by="Chair")
    elif op == "restore":
        neg.restore(pid, by="Chair")
    elif op == "revision":
        neg.issue_revision(
            f"Rev.{len(neg.revisions) + 1}",
            rng.choice(("revision", "compilation", "crp", "non_paper")),
            meeting=text or None,
        )
    elif op == "package":
        neg.define_package(f"pkg{rng.randint(1, 3)}", rng.sample(active, min(len(active), 2)))
    elif op == "silence":
        neg.start_silence(f"s{rng.randint(1, 3)}", deadline=START + dt.timedelta(days=400))
    elif op == "break":
        neg.break_silence(f"s{rng.randint(1, 3)}", rng.choice(CODES), note=text)
    elif op == "vote":
        neg.record_vote(
            f"v{rng.randint(1, 5)}",
            {c: rng.choice(("yes", "no", "abstain")) for c in ("FRA", "USA", "KEN")},
            paragraph_id=rng.choice([None, pid]),
        )
    elif op == "adopt" and rng.random() < 0.05:
        neg.adopt()


def build_log(ops: list[tuple[str, int, str]]) -> Negotiation:
    neg = Negotiation.create("Generated", clock=make_clock())
    neg.propose("States [shall][should] act [promptly] by [X];", by="Chair")
    neg.propose("Requests:", by="Chair")
    neg.propose("reports [annually];", by="Chair", parent="p2")
    for op, seed, text in ops:
        with contextlib.suppress(ConsensusTextError):  # an invalid command records nothing
            _act(neg, op, random.Random(seed), text)
    return neg


LOGS = st.lists(
    st.tuples(
        st.sampled_from((*OPS, "propose", "position", "resolve", "amend")),
        st.integers(0, 2**32),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    ),
    min_size=3,
    max_size=30,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LOGS)
def test_generated_logs_round_trip(ops: list[tuple[str, int, str]]) -> None:
    neg = build_log(ops)
    again = read_json(dump_json(neg))
    assert again.events == neg.events
    assert again.state == neg.state
    for label in neg.revisions:
        assert again.snapshot(revision=label) == neg.snapshot(revision=label)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LOGS)
def test_generated_logs_round_trip_through_the_store(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, int, str]]
) -> None:
    neg = build_log(ops)
    path = tmp_path_factory.mktemp("store") / "s.db"
    with open_store(path) as store:
        store.import_events("neg", neg.events)
        again = store.open("neg")
    assert again.events == neg.events and again.state == neg.state


# ---------------------------------------------------------------------- errors


def _document() -> dict[str, Any]:
    neg = Negotiation.create("T", clock=make_clock())
    neg.propose("Decides to [act];", by="Chair")
    return json.loads(dump_json(neg))


Mutation = Callable[[dict[str, Any]], Any]


def _set(path: list[Any], value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> dict[str, Any]:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return document

    return mutate


def _delete(path: list[Any]) -> Mutation:
    def mutate(document: dict[str, Any]) -> dict[str, Any]:
        target = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
        return document

    return mutate


ERRORS: list[tuple[str, Mutation, type[Exception], str]] = [
    ("not an object", lambda d: [d], FormatError, "$: expected a JSON object, got list"),
    ("wrong format", _set(["format"], "something.else"), FormatError, "$.format: expected"),
    ("no version", _delete(["schema_version"]), FormatError, "$.schema_version: expected an int"),
    (
        "future version",
        _set(["schema_version"], 99),
        UnsupportedVersionError,
        "schema version 99; this release reads versions up to 1",
    ),
    ("version zero", _set(["schema_version"], 0), UnsupportedVersionError, "no migration reads"),
    ("unknown key", _set(["colour"], "red"), FormatError, "unknown key(s) colour"),
    ("events not a list", _set(["events"], {}), FormatError, "$.events: expected a list"),
    ("no events", _set(["events"], []), FormatError, "$.events: the log is empty"),
    ("event not an object", _set(["events", 1], 7), FormatError, "$.events[1]: expected an object"),
    (
        "unknown type",
        _set(["events", 1, "type"], "paragraph_exploded"),
        FormatError,
        "$.events[1]: unknown event type 'paragraph_exploded'",
    ),
    ("no type", _delete(["events", 1, "type"]), FormatError, "no 'type' key"),
    (
        "missing field",
        _delete(["events", 1, "text"]),
        FormatError,
        "required field missing @ $.events[1].text",
    ),
    (
        "wrong type",
        _set(["events", 1, "text"], 12),
        FormatError,
        "expected a string, got int @ $.events[1].text",
    ),
    (
        "extra field",
        _set(["events", 1, "colour"], "red"),
        FormatError,
        "extra fields found (colour) @ $.events[1]",
    ),
    (
        "naive time",
        _set(["events", 1, "at"], "2025-01-01T10:00:00"),
        FormatError,
        "has no time zone offset @ $.events[1].at",
    ),
    ("bad enum", _set(["events", 1, "kind"], "preamble"), FormatError, "@ $.events[1].kind"),
    (
        "bad label",
        _set(["events", 1, "label"], "5 bsi"),
        FormatError,
        "'5 bsi' is not a paragraph label",
    ),
    (
        "empty id",
        _set(["events", 1, "paragraph_id"], ""),
        FormatError,
        "paragraph_id '' must be a non-empty string without surrounding spaces @ $.events[1]",
    ),
    ("count mismatch", _set(["event_count"], 3), FormatError, "says 3 events but holds 2"),
    (
        "event that does not apply",
        _set(["events", 1, "after"], "p7"),
        FormatError,
        "$.events[1]: the event does not apply: no paragraph 'p7'",
    ),
    (
        "bool for int",
        _set(["events", 0, "title"], True),
        FormatError,
        "expected a string, got bool",
    ),
]


@pytest.mark.parametrize(
    ("name", "mutate", "error", "fragment"), ERRORS, ids=[e[0] for e in ERRORS]
)
def test_malformed_documents_get_clear_errors(
    name: str, mutate: Mutation, error: type[Exception], fragment: str
) -> None:
    document = mutate(copy.deepcopy(_document()))
    with pytest.raises(error) as info:
        read_json(json.dumps(document))
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "not JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
        ("[" * 100_000 + "]" * 100_000, "unreadable JSON"),
        ("", "not JSON"),
    ],
)
def test_text_that_is_not_json(text: str, fragment: str) -> None:
    with pytest.raises(FormatError, match=fragment.replace("(", r"\(")):
        read_json(text)


def test_size_limit(tmp_path: Path) -> None:
    text = dump_json(Negotiation.create("T", clock=make_clock()))
    with pytest.raises(UnsafeInputError, match="more than the limit of 100"):
        read_json(text, max_bytes=100)
    path = tmp_path / "big.json"
    path.write_text(text)
    with pytest.raises(UnsafeInputError):
        import_json(path, max_bytes=100)
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    with pytest.raises(FormatError, match="is not UTF-8"):
        import_json(path)


def test_a_migration_path(monkeypatch: pytest.MonkeyPatch) -> None:
    old = _document()  # written as version 1

    def to_v2(document: dict[str, Any]) -> dict[str, Any]:
        for event in document["events"]:
            if event["type"] == "paragraph_proposed":
                event["text"] = event["text"].upper()
        return {**document, "schema_version": 2}

    monkeypatch.setattr(json_io, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(json_io.MIGRATIONS, 1, to_v2)
    neg = read_json(json.dumps(old))
    assert neg.state.draft.paragraphs[0].text == "DECIDES TO [ACT];"
    monkeypatch.setitem(json_io.MIGRATIONS, 1, lambda d: d)  # forgets to raise the version
    with pytest.raises(FormatError, match="the migration from version 1 gave version 1"):
        read_json(json.dumps(old))


def test_load_document_gives_name_and_events() -> None:
    document = _document()
    document["name"] = "poa"
    name, events = load_document(document)
    assert name == "poa" and [e.event_type for e in events] == [
        "negotiation_created",
        "paragraph_proposed",
    ]
    document["name"] = 5
    with pytest.raises(FormatError, match=r"\$.name: expected a string"):
        load_document(document)


def test_a_string_where_a_list_is_expected_is_refused_not_split() -> None:
    """``"members": "p1"`` must not become ``("p", "1")``."""
    import json

    from consensus_text.demo import build_poa_negotiation
    from consensus_text.errors import FormatError
    from consensus_text.io.json import read_json

    data = json.loads(build_poa_negotiation().to_json())
    event = next(e for e in data["events"] if e["type"] == "package_defined")
    event["members"] = "p1"
    with pytest.raises(FormatError, match=r"expected a list of strings.*members"):
        read_json(json.dumps(data))
