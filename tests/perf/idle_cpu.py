"""Idle CPU benchmark: the kiosk at rest must use under 1% of a core (no polling timers).

    python tests/perf/idle_cpu.py [--seconds 60]

Starts the kiosk offscreen in a child process, lets it settle, then measures the
child's CPU time (user + system, from /proc) over the idle period.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--settle", type=float, default=5.0)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--windowed"], cwd=ROOT,
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(args.settle)
        if child.poll() is not None:
            raise SystemExit("the kiosk exited early")
        before = cpu_seconds(child.pid)
        time.sleep(args.seconds)
        used = cpu_seconds(child.pid) - before
    finally:
        child.terminate()
        child.wait(timeout=10)
    share = used / args.seconds * 100
    print(f"idle CPU over {args.seconds:.0f} s: {used * 1000:.0f} ms = {share:.2f}% of one core "
          f"(target < 1%)")
    return 0 if share < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
