"""Memory budget: resident memory after a tour of every screen at 1920x1080 stays under 200 MB.

Measured in a fresh process (tests/perf/memory_tour.py), so what other tests left behind in
this one does not count. RSS is steady from run to run, so this is a plain assertion.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent / "perf" / "memory_tour.py"
BUDGET_MB = 200.0


def test_memory_after_a_tour_of_every_screen():
    # The autouse fixture already points KIOSK_DATA_DIR / KIOSK_CACHE_DIR into tmp_path.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_SPEECH="none")
    done = subprocess.run([sys.executable, str(SCRIPT), "--json"], env=env, capture_output=True,
                          text=True, timeout=120, cwd=SCRIPT.parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(result)
    assert result["after_tour_mb"] <= BUDGET_MB, result
    assert result["peak_mb"] <= BUDGET_MB, result
