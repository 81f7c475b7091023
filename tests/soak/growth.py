"""Where does memory grow? The soak's monkey with tracemalloc snapshots and Qt object counts.

    python tests/soak/growth.py --minutes 20 [--report-every 4] [--seed 1]

After warm-up it takes a tracemalloc snapshot; at each report it prints RSS, the number of
live QObjects by class (the classes whose count grew), Python objects by type (those that
grew) and the ten allocation sites that grew most since the warm-up snapshot. Not collected
by pytest. Slower than soak.py (tracemalloc costs about 2x), so its RSS is not the soak's.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
os.environ.setdefault("KIOSK_SPEECH", "none")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.monkey import (  # noqa: E402  (after the environment above)
    SIZES,
    Findings,
    Monkey,
    build,
    dispose,
    install_error_recorder,
    isolate_dirs,
    rss_mb,
    watching,
)

CHUNK = 50


def qt_counts(window) -> collections.Counter[str]:
    """Live QObjects under the window and the application, by class name."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    counts: collections.Counter[str] = collections.Counter()
    roots = [window, QApplication.instance()]
    for root in roots:
        for child in root.findChildren(QObject):
            counts[child.metaObject().className()] += 1
    counts["(top-level widgets)"] = len(QApplication.topLevelWidgets())
    counts["(all widgets)"] = len(QApplication.allWidgets())
    return counts


def py_counts() -> collections.Counter[str]:
    gc.collect()
    return collections.Counter(type(o).__name__ for o in gc.get_objects())


def grown(before: collections.Counter[str], after: collections.Counter[str], top: int = 12
          ) -> str:
    diff = [(k, after[k] - before.get(k, 0)) for k in after]
    diff = [d for d in diff if d[1] > 0]
    diff.sort(key=lambda d: -d[1])
    return ", ".join(f"{k} +{n}" for k, n in diff[:top]) or "none"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, required=True)
    parser.add_argument("--report-every", type=float, default=4.0, metavar="MINUTES")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--frames", type=int, default=6, help="traceback depth kept")
    args = parser.parse_args(argv)
    isolate_dirs()
    from kiosk.ui.app import ensure_app

    ensure_app()
    findings = Findings()
    started = time.monotonic()
    with watching(findings):
        window = build(SIZES[0])
        uninstall = install_error_recorder(window, findings)
        try:
            monkey = Monkey(window, seed=args.seed, sizes=SIZES, findings=findings)
            monkey.warm_up()
            monkey.run(500)  # past the first-use builds of every screen
            tracemalloc.start(args.frames)
            base_snap = tracemalloc.take_snapshot()
            base_qt, base_py = qt_counts(window), py_counts()
            traced = tracemalloc.get_traced_memory()[0] / 1e6
            print(f"warm-up done: rss {rss_mb():.1f} MB, traced {traced:.1f} MB", flush=True)
            next_report = time.monotonic() + args.report_every * 60
            while time.monotonic() - started < args.minutes * 60:
                monkey.run(CHUNK)
                if time.monotonic() < next_report:
                    continue
                next_report += args.report_every * 60
                snap = tracemalloc.take_snapshot()
                current = tracemalloc.get_traced_memory()[0] / 1e6
                print(f"\n{(time.monotonic() - started) / 60:.1f} min, actions "
                      f"{monkey.report.actions}, rss {rss_mb():.1f} MB, traced {current:.1f} MB",
                      flush=True)
                print("  Qt objects grown:", grown(base_qt, qt_counts(window)))
                print("  Python objects grown:", grown(base_py, py_counts()))
                for stat in snap.compare_to(base_snap, "traceback")[:8]:
                    if stat.size_diff <= 0:
                        continue
                    print(f"  +{stat.size_diff / 1024:.0f} KiB in {stat.count_diff:+d} blocks:")
                    for frame in stat.traceback.format()[-2 * args.frames:]:
                        print("     ", frame.strip())
                sys.stdout.flush()
        finally:
            uninstall()
            dispose(window)
    print(monkey.report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
