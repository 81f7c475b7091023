"""systemd stops the kiosk with SIGTERM: it must exit cleanly, saving what it counted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def test_sigterm_stops_the_kiosk_cleanly(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    config = tmp_path / "kiosk.toml"
    config.write_text(f"[logging]\ndir = '{logs.as_posix()}'\n[stats]\nenabled = true\n",
                      encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_SPEECH="none")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--config", str(config),
                             "--windowed"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log_file = logs / "kiosk.log"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if log_file.is_file() and "kiosk ready" in log_file.read_text(encoding="utf-8"):
                break
            if proc.poll() is not None:
                pytest.fail(f"the kiosk exited early: {proc.communicate()[1][-500:]}")
            time.sleep(0.05)
        else:
            pytest.fail("the kiosk did not log 'kiosk ready' within 30 s")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err[-500:]
    assert "Traceback" not in err
    assert "kiosk stopped" in log_file.read_text(encoding="utf-8")
