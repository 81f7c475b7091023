"""sd_notify: real AF_UNIX datagram sockets stand in for systemd. No Qt needed."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import sdnotify


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sdnotify, "_warned", False)


@pytest.fixture
def listener(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    # AF_UNIX paths are limited to ~108 bytes; tmp_path can be longer.
    path = tmp_path / "notify"
    if len(str(path)) > 100:
        pytest.skip("tmp_path too long for an AF_UNIX socket")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield sock
    sock.close()


def test_unset_socket_is_a_no_op() -> None:
    assert sdnotify.notify("READY=1") is False
    assert sdnotify.ready() is False
    assert sdnotify.watchdog_ping() is False
    assert sdnotify.stopping() is False
    assert sdnotify.status("hello") is False


def test_ready_and_watchdog_reach_the_socket(listener: socket.socket) -> None:
    assert sdnotify.ready() is True
    assert listener.recv(4096) == b"READY=1"
    assert sdnotify.watchdog_ping() is True
    assert listener.recv(4096) == b"WATCHDOG=1"
    assert sdnotify.stopping() is True
    assert listener.recv(4096) == b"STOPPING=1"


def test_status_is_one_line(listener: socket.socket) -> None:
    assert sdnotify.ready("content pack\nloaded") is True
    assert listener.recv(4096) == b"READY=1\nSTATUS=content pack loaded"
    assert sdnotify.status("  idle \n") is True
    assert listener.recv(4096) == b"STATUS=idle"


def test_abstract_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"kiosk-test-{uuid.uuid4().hex}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        sock.bind("\0" + name)
    except OSError:
        sock.close()
        pytest.skip("abstract unix sockets not supported here")
    sock.settimeout(5)
    try:
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert sdnotify.watchdog_ping() is True
        assert sock.recv(4096) == b"WATCHDOG=1"
    finally:
        sock.close()


def test_missing_socket_returns_false_and_warns_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "gone"))
    assert sdnotify.watchdog_ping() is False
    assert sdnotify.watchdog_ping() is False
    assert caplog.text.count("cannot notify systemd") == 1


@pytest.mark.parametrize("value", ["vsock:2:1234", "relative/path", "/tmp/bad\0path"])
def test_odd_addresses_never_raise(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    if "\0" in value:
        # os.environ refuses NUL, so patch the lookup instead.
        monkeypatch.setattr(sdnotify.os, "environ", {"NOTIFY_SOCKET": value})
    else:
        monkeypatch.setenv("NOTIFY_SOCKET", value)
    assert sdnotify.notify("READY=1") is False


def test_blocked_socket_creation_never_raises(
        listener: socket.socket, monkeypatch: pytest.MonkeyPatch) -> None:
    # Like the kiosk's no-network guard, but blocking everything.
    def blocked(*args: object, **kwargs: object) -> socket.socket:
        raise OSError("sockets are blocked in this test")

    monkeypatch.setattr(socket, "socket", blocked)
    assert sdnotify.ready() is False


def test_full_receiver_queue_does_not_block(listener: socket.socket,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sdnotify, "SEND_TIMEOUT", 0.01)
    # Fill the receiver's queue: sends then fail (timeout/EAGAIN) instead of hanging.
    assert sdnotify.notify("X" * 8000) is True
    for _ in range(5000):
        if not sdnotify.notify("X" * 8000):
            break
    else:
        pytest.fail("a full queue never made notify() give up")


def test_watchdog_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sdnotify.watchdog_interval_seconds() is None
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert sdnotify.watchdog_interval_seconds() == 30.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert sdnotify.watchdog_interval_seconds() == 30.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid() + 1))
    assert sdnotify.watchdog_interval_seconds() is None  # meant for another process
    monkeypatch.setenv("WATCHDOG_PID", "not-a-pid")
    assert sdnotify.watchdog_interval_seconds() is None
    monkeypatch.delenv("WATCHDOG_PID")
    for bad in ("", "0", "-5", "abc", "1.5"):
        monkeypatch.setenv("WATCHDOG_USEC", bad)
        assert sdnotify.watchdog_interval_seconds() is None
