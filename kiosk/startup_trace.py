"""Start-up phase marks: where the time goes before the first paint. Qt-free.

``kiosk --exit-after-startup --verbose`` prints them, so whoever works on the
start-up target sees each phase without a profiler (which would skew it).
"""

from __future__ import annotations

import time

START = time.perf_counter()
_marks: list[tuple[str, float]] = []


MAX_MARKS = 32  # start-up has a handful; a test process building many windows stops here


def mark(phase: str) -> None:
    """Record that ``phase`` has just ended."""
    if len(_marks) < MAX_MARKS:
        _marks.append((phase, time.perf_counter()))


def report() -> str:
    """One line per phase: milliseconds since start and the phase's own share."""
    lines = []
    previous = START
    for phase, at in _marks:
        lines.append(f"{(at - START) * 1000:7.1f} ms  (+{(at - previous) * 1000:5.1f})  {phase}")
        previous = at
    return "\n".join(lines)
