"""Resident memory of the kiosk after a tour of every screen, at 1920x1080, offscreen.

    python tests/perf/memory_tour.py [--size 1920x1080] [--json]

Prints RSS after start-up, after the tour and the peak, in MB. The tour is the one the monkey
warms up with (tests/monkey.py: every page in both languages, help, a ZIP search with a
clinic's detail and the state list, quick hide, staff, idle warning, attract and PIN pad).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
os.environ.setdefault("KIOSK_SPEECH", "none")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.monkey import (  # noqa: E402  (after the environment above)
    build,
    dispose,
    isolate_dirs,
    parse_sizes,
    rss_mb,
    settled_rss_mb,
    visit_every_screen,
)


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM).

    Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a tour
    started from a large pytest process would report the parent's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: tuple[int, int]) -> dict[str, float]:
    """Build the window, tour it, and return RSS figures in MB."""
    from kiosk.ui.app import ensure_app

    ensure_app()
    window = build(size)
    started = rss_mb()
    try:
        visit_every_screen(window)
        window.warm_up()
        toured = settled_rss_mb()
    finally:
        dispose(window)
    peak = _peak_mb()
    return {"startup_mb": round(started, 1), "after_tour_mb": round(toured, 1),
            "peak_mb": round(peak, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_sizes, default=((1920, 1080),))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if "KIOSK_DATA_DIR" not in os.environ:
        isolate_dirs()
    result = measure(args.size[0])
    if args.json:
        print(json.dumps(result))
    else:
        print(f"after start-up : {result['startup_mb']:6.1f} MB")
        print(f"after the tour : {result['after_tour_mb']:6.1f} MB")
        print(f"peak           : {result['peak_mb']:6.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
