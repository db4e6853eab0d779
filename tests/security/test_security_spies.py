"""The spies of the security tests catch what they claim to catch (else every test proves nothing)."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).parent))
from security_testkit import NetworkSpy, Secret, bounded, nothing_written


def test_a_connection_from_python_is_refused_and_recorded(network: NetworkSpy) -> None:
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", network.port), timeout=1)
    with pytest.raises(OSError, match="network access attempted"):
        urllib.request.urlopen(network.url(), timeout=1)
    assert len(network.attempts) >= 2
    with pytest.raises(AssertionError, match="connections attempted from Python"):
        network.assert_untouched()


def test_a_connection_that_bypasses_the_socket_module_reaches_the_server(
    network: NetworkSpy,
) -> None:
    # another process is not patched, like C code (libxml2) in this one
    code = f"import socket; socket.create_connection(('127.0.0.1', {network.port})).close()"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert network.attempts == []
    with pytest.raises(AssertionError, match="reached the local server"):
        network.assert_untouched()


def test_reading_the_secret_is_detected(secret: Secret) -> None:
    if not secret.can_tell:
        pytest.skip("this file system does not update access times (noatime)")
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=True)
    root = etree.fromstring(
        f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.uri}">]><x>&e;</x>'.encode(), parser
    )
    assert root.text == secret.content  # an unsafe parser reads it (from C code)
    with pytest.raises(AssertionError, match="the secret file was read"):
        secret.assert_unread()


def test_a_leaked_secret_is_detected(secret: Secret) -> None:
    with pytest.raises(AssertionError, match="leaked"):
        secret.assert_unread(ValueError(f"cannot parse {secret.content!r}"))


def test_writing_is_detected(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="a file was written"), nothing_written(tmp_path):
        (tmp_path / "new.txt").write_text("x")


def test_memory_is_measured() -> None:
    outcome = bounded(lambda: len(bytes(30 * 1024 * 1024)))
    assert outcome.result == 30 * 1024 * 1024
    assert outcome.peak_bytes >= 30 * 1024 * 1024
