"""The kiosk is offline: no screen opens a network socket, and nothing a patient types is logged.

Python's socket entry points raise for IPv4 and IPv6 (AF_UNIX stays: it is local IPC, as a
speech engine uses) and count each attempt; Qt's own networking would bypass Python, so the
tests also check that QtNetwork is never imported, that no URL is handed to the desktop, and
that the process holds no inet socket after the tour.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from kiosk.pin import hash_pin
from kiosk.settings import parse_settings
from tests.monkey import (
    Input,
    build,
    dispose,
    settle,
    tap_first_clinic,
    tap_named,
    visit_every_screen,
    wait_for_locator,
    zip_search,
)

INET = (socket.AF_INET, socket.AF_INET6)
PATIENT_ZIP = "10001"
PATIENT_PIN = "13579"


class NetworkAttempt(OSError):
    pass


@pytest.fixture
def attempts(monkeypatch):
    """Every IPv4/IPv6 socket, connection or name lookup, refused and recorded."""
    made: list[str] = []
    real_init = socket.socket.__init__

    def guarded_init(self, family=-1, type=-1, proto=-1, fileno=None):
        resolved = socket.AF_INET if family == -1 and fileno is None else family
        if resolved in INET:
            made.append(f"socket({resolved!r})")
            raise NetworkAttempt("network disabled in this test")
        real_init(self, family, type, proto, fileno)

    def refuse(name: str):
        def refused(*args, **kwargs):
            made.append(f"{name}{args!r}")
            raise NetworkAttempt(f"{name} disabled in this test")
        return refused

    monkeypatch.setattr(socket.socket, "__init__", guarded_init)
    for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
                 "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, refuse(name))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(refuse("QDesktopServices.openUrl")))
    return made


def test_the_guard_catches_inet_and_allows_unix(attempts):
    with pytest.raises(NetworkAttempt):
        socket.socket()
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("example.org", 80))
    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()
    assert len(attempts) == 3
    attempts.clear()


def inet_socket_inodes() -> set[str]:
    """Inodes of IPv4/IPv6 sockets this process holds open (Linux /proc)."""
    inet: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        path = Path("/proc/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) > 9:
                    inet.add(fields[9])
    mine: set[str] = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        match = re.fullmatch(r"socket:\[(\d+)\]", target)
        if match and match.group(1) in inet:
            mine.add(match.group(1))
    return mine


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_every_screen_without_network(qapp, attempts):
    qt_network_before = "PySide6.QtNetwork" in sys.modules
    sockets_before = inet_socket_inodes()
    settings = parse_settings(f"[kiosk]\nfullscreen = true\n[staff]\npin_hash = '{hash_pin('2468')}'\n"
                              "[locator]\nhome_zip = '11021'\nhost_clinic_id = 'demo-0001'\n",
                              "<no-network>")
    window = build((1920, 1080), settings)
    try:
        visited = visit_every_screen(window)
        window.warm_up()
        assert window.locator is not None and window.locator.is_loaded(), window.locator.load_error
        sockets_after = inet_socket_inodes()
    finally:
        dispose(window)
    pages = [p.id for p in window.pack.pages("en")]
    for lang in ("en", "es"):
        for page_id in pages:
            assert f"{lang}/page/{page_id}" in visited
        assert f"{lang}/help" in visited
    for name in ("locator/results", "locator/detail", "locator/states", "hidden", "staff",
                 "idle-overlay", "attract", "pin-pad"):
        assert name in visited
    assert attempts == []
    assert sockets_after - sockets_before == set()
    if not qt_network_before:
        assert "PySide6.QtNetwork" not in sys.modules


@pytest.mark.qt_no_exception_capture
def test_what_a_patient_types_never_reaches_the_log(qapp, tmp_path, caplog):
    from kiosk.logsetup import setup_logging

    root = logging.getLogger()
    pytest_handlers, level = list(root.handlers), root.level
    log_path = setup_logging(tmp_path / "logs", level="DEBUG")
    for handler in pytest_handlers:  # keep caplog listening next to the kiosk's own file
        root.addHandler(handler)
    caplog.set_level(logging.DEBUG)
    assert log_path is not None
    settings = parse_settings(f"[kiosk]\nfullscreen = true\n[staff]\npin_hash = '{hash_pin('2468')}'\n",
                              "<privacy>")
    window = build((1280, 800), settings)
    try:
        window.open_locator()
        assert wait_for_locator(window) and window.locator.is_loaded()
        settle()
        assert zip_search(window, PATIENT_ZIP, touch=True)
        assert window.locator.page() == "results"
        assert tap_first_clinic(window, touch=True)
        # A ZIP the directory does not know is shown back to the patient, and must not be logged.
        window.locator.clear()
        settle()
        assert zip_search(window, "00012", touch=True)
        window.pin_pad.open()
        settle()
        for digit in PATIENT_PIN:
            assert tap_named(window, window.pin_pad, digit, touch=True)
        assert tap_named(window, window.pin_pad, "OK", touch=True)
        Input(window).tap(window.rect().center(), touch=True)
        window.reset_session()
        settle()
    finally:
        dispose(window)
        for handler in list(root.handlers):
            if handler not in pytest_handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
    logged = log_path.read_text(encoding="utf-8")
    assert "session reset" in logged  # the file was written to at all
    records = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    for secret in (PATIENT_ZIP, "00012", PATIENT_PIN):
        assert secret not in logged
        assert secret not in records
