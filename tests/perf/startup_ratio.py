"""Start-up benchmark: `kiosk --exit-after-startup` against a bare PySide6 window, side by side.

Both run as whole processes with the same platform plugin, alternating, and the
script reports median wall times and their ratio (target: at most 1.6, issue 13).

    python tests/perf/startup_ratio.py [--runs 15] [--platform offscreen]

Bytecode caching is allowed (as in an installed kiosk) even where the shell sets
PYTHONDONTWRITEBYTECODE; the first, warming run of each is not counted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def wall_ms(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}): {result.stderr[-400:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["KIOSK_CACHE_DIR"] = env.get("KIOSK_CACHE_DIR", str(ROOT / ".benchmarks" / "cache"))
    bare = [sys.executable, str(ROOT / "tests" / "perf" / "bare_qt.py")]
    kiosk = [sys.executable, str(ROOT / "main.py"), "--exit-after-startup"]
    wall_ms(bare, env)
    wall_ms(kiosk, env)
    times: dict[str, list[float]] = {"bare": [], "kiosk": []}
    for _ in range(args.runs):
        times["bare"].append(wall_ms(bare, env))
        times["kiosk"].append(wall_ms(kiosk, env))
    bare_ms = statistics.median(times["bare"])
    kiosk_ms = statistics.median(times["kiosk"])
    # Each kiosk run against the bare run just before it: steadier than the ratio
    # of the medians when the machine's load drifts during the measurement.
    paired = statistics.median(k / b for k, b in zip(times["kiosk"], times["bare"], strict=True))
    print(f"bare PySide6 window : median {bare_ms:6.0f} ms over {args.runs} runs")
    print(f"kiosk start-up      : median {kiosk_ms:6.0f} ms over {args.runs} runs")
    print(f"ratio               : {kiosk_ms / bare_ms:.2f} of the medians, "
          f"{paired:.2f} median of paired runs (target <= 1.60)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
