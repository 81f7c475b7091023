"""Under systemd the kiosk reports READY, pings the watchdog and stops cleanly on SIGTERM.

The real `main.py` runs in a subprocess with ``$NOTIFY_SOCKET`` pointing at a socket
this test listens on, as systemd's would be.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX") or sys.platform == "win32",
                                reason="POSIX signals and unix sockets")


def _messages(sock: socket.socket, until: str, timeout: float) -> list[str]:
    """Datagrams received until one contains ``until`` (or the timeout)."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sock.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            seen.append(sock.recv(4096).decode())
        except TimeoutError:
            break
        if until in seen[-1]:
            break
    return seen


def test_ready_watchdog_and_sigterm(tmp_path: Path) -> None:
    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    logs = tmp_path / "logs"
    config = tmp_path / "kiosk.toml"
    config.write_text(f"[logging]\ndir = '{logs.as_posix()}'\n[stats]\nenabled = true\n",
                      encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_SPEECH="none",
               NOTIFY_SOCKET=address, WATCHDOG_USEC="2000000")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--config", str(config)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        ready = _messages(listener, "READY=1", timeout=30)
        assert ready and "READY=1" in ready[-1], f"no READY=1; got {ready}"
        # WatchdogSec=2 s: the event loop pings every second.
        pings = _messages(listener, "WATCHDOG=1", timeout=5)
        assert pings and pings[-1] == "WATCHDOG=1", f"no watchdog ping; got {pings}"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
        stopping = _messages(listener, "STOPPING=1", timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        listener.close()
    assert proc.returncode == 0, err[-500:]
    assert "Traceback" not in err
    assert any("STOPPING=1" in m for m in stopping), stopping
    log_text = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk ready" in log_text and "kiosk stopped" in log_text
