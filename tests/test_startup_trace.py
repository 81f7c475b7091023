"""`kiosk --exit-after-startup --verbose` tells where the start-up time goes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHASES = ["command line parsed", "settings and logging", "Qt and kiosk.ui.app imported",
          "QApplication", "kiosk.ui.window imported", "content pack loaded",
          "main window built", "shown", "first paint"]


def test_exit_after_startup_reports_every_phase_in_order(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_SPEECH="none")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--exit-after-startup",
                             "--verbose"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    total = re.search(r"^startup: (\d+) ms$", result.stderr, re.MULTILINE)
    assert total, result.stderr[-500:]
    lines = re.findall(r"^\s*([\d.]+) ms\s+\(\+\s*([\d.]+)\)\s+(.+)$", result.stderr,
                       re.MULTILINE)
    assert [name for _, _, name in lines] == PHASES
    at = [float(t) for t, _, _ in lines]
    assert at == sorted(at) and abs(at[-1] - int(total.group(1))) <= 1
