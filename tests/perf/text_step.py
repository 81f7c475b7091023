"""Cost of a tap on Text size or Contrast, with every screen built, at 1920x1080.

    python tests/perf/text_step.py [--taps 9]

Prints the median and every figure (ms): the state change, the restyle it
triggers, and a synchronous repaint of the window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=9)
    args = parser.parse_args()
    from kiosk.settings import Settings
    from kiosk.ui.app import build_window, ensure_app

    app = ensure_app()
    window = build_window(Settings(), windowed=True, size=(1920, 1080))
    window.show()
    app.processEvents()
    window.warm_up()
    window.open_locator()
    deadline = time.monotonic() + 20
    while not window.locator.is_loaded() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    window.go_home()
    app.processEvents()
    times = []
    for i in range(args.taps):
        start = time.perf_counter()
        if i % 2 == 0:
            window.state.cycle_text_step()
        else:
            window.state.toggle_theme()
        app.processEvents()
        window.repaint()
        times.append((time.perf_counter() - start) * 1000)
    print(f"text size / contrast tap: median {statistics.median(times):.0f} ms "
          f"({', '.join(f'{t:.0f}' for t in times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
