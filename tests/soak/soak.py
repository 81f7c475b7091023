"""Soak test: the seeded monkey on one kiosk window for minutes or hours, offscreen.

    python tests/soak/soak.py --hours 2 [--report-every 5] [--settle-minutes 15] [--max-growth-mb 5]
    python tests/soak/soak.py --minutes 30 --settle-minutes 0 [--seed 1]

Warm-up: the tour of every screen at every size, text step and look, then the monkey for
``--settle-minutes`` (the allocator's heap fills in that time, see tests/soak/README.md); the
readings after the tour and after settling are both kept. Then ``--hours``/``--minutes`` of the
monkey, measured from the settled reading. Prints one line per report interval (elapsed,
actions, errors, warnings, RSS in one reference state: the first size, a fresh session,
settled) and a summary; exits 1 if any error or deleted-object warning was seen or the cold
reading (RSS with the bounded caches emptied) grew by more than the limit after warm-up,
else 0. Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
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
    drop_bounded_caches,
    install_error_recorder,
    isolate_dirs,
    parse_sizes,
    settled_rss_mb,
    watching,
)

CHUNK = 50  # actions between clock checks


def heap_parts() -> str:
    """Where resident memory is, on Linux: anonymous pages, what glibc's malloc has handed
    out (Qt, sqlite, fonts; Python's small objects live in its own arenas, not here),
    and Python's live small-object blocks. Empty elsewhere."""
    try:
        import ctypes

        fields = {}
        with open("/proc/self/status", encoding="ascii") as status:
            for row in status:
                key, _, value = row.partition(":")
                fields[key] = value.split()[0] if value.split() else "0"

        class MallInfo2(ctypes.Structure):
            _fields_ = [(name, ctypes.c_size_t) for name in (
                "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                "uordblks", "fordblks", "keepcost")]

        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = MallInfo2
        info = libc.mallinfo2()
        in_use = (info.uordblks + info.hblkhd) / 2**20
        return (f"  anon {int(fields['RssAnon']) / 1024:6.1f} MB  malloc {in_use:6.1f} MB  "
                f"py blocks {sys.getallocatedblocks():7d}")
    except (OSError, KeyError, AttributeError, ValueError):
        return ""


def readings(monkey: Monkey) -> tuple[float, str, float, str]:
    """RSS and heap parts in the reference state, then the same with the bounded caches
    emptied (the cold reading, see tests/monkey.py drop_bounded_caches)."""
    def measure() -> tuple[float, str, float, str]:
        rss, parts = settled_rss_mb(), heap_parts()
        drop_bounded_caches(monkey.window)
        return rss, parts, settled_rss_mb(), heap_parts()

    return monkey.at_reference(measure)


def line(monkey: Monkey, started: float, settling: bool = False) -> str:
    """One report, measured in the monkey's reference state (see Monkey.reference_rss_mb);
    ``settling``: a report during the settling minutes, printed but not kept for the verdict
    or the slopes (its minutes count from the tour)."""
    rss, parts, cold, cold_parts = readings(monkey)
    r, f = monkey.report, monkey.report.findings
    elapsed = time.monotonic() - started
    if not settling:
        r.rss_end_mb, r.cold_end_mb = rss, cold
        r.readings.append((elapsed / 60, rss, cold))
    since, base_rss, base_cold = (("tour", r.rss_tour_mb, r.cold_tour_mb) if settling
                                  else ("warm", r.rss_warm_mb, r.cold_warm_mb))
    return (("settle " if settling else "")
            + f"{elapsed / 60:8.1f} min  actions {r.actions:8d}  "
            f"errors {len(f.errors) + len(f.unhandled):3d}  "
            f"warnings {len(f.bad_qt):3d} (+{sum(f.other_qt.values())} other)  "
            f"rss {rss:7.1f} MB ({since} {base_rss:.1f})" + parts
            + f"\n{'':8s}      cold {cold:7.1f} MB ({since} {base_cold:.1f})" + cold_parts)


def run_for(monkey: Monkey, seconds: float, args: argparse.Namespace, settling: bool = False) -> None:
    """The monkey for ``seconds``, with a report line every ``--report-every`` minutes and
    at the end."""
    started = time.monotonic()
    next_report = started + args.report_every * 60
    while time.monotonic() - started < seconds:
        monkey.run(CHUNK, segment=args.segment, measure=False)
        if time.monotonic() >= next_report:
            print(line(monkey, started, settling), flush=True)
            next_report += args.report_every * 60
    if not settling:
        print(line(monkey, started), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    length = parser.add_mutually_exclusive_group(required=True)
    length.add_argument("--minutes", type=float)
    length.add_argument("--hours", type=float)
    parser.add_argument("--report-every", type=float, default=5.0, metavar="MINUTES")
    parser.add_argument("--settle-minutes", type=float, default=15.0,
                        help="the monkey's minutes after the tour, before the warm reading")
    parser.add_argument("--max-growth-mb", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sizes", type=parse_sizes, default=SIZES)
    parser.add_argument("--segment", type=int, default=500, help="actions per size before switching")
    args = parser.parse_args(argv)
    seconds = (args.minutes if args.minutes is not None else args.hours * 60) * 60
    isolate_dirs()

    from kiosk.ui.app import ensure_app

    ensure_app()
    findings = Findings()
    with watching(findings):
        window = build(args.sizes[0])
        uninstall = install_error_recorder(window, findings)
        try:
            monkey = Monkey(window, seed=args.seed, sizes=args.sizes, findings=findings)
            monkey.warm_up(every_look=True)
            report = monkey.report
            rss, parts, cold, cold_parts = readings(monkey)
            print(f"tour done: rss {rss:.1f} MB{parts}\n"
                  f"     cold {cold:.1f} MB{cold_parts}", flush=True)
            if args.settle_minutes > 0:
                report.rss_tour_mb, report.cold_tour_mb = rss, cold
                run_for(monkey, args.settle_minutes * 60, args, settling=True)
                rss, parts, cold, cold_parts = readings(monkey)
            report.rss_warm_mb, report.cold_warm_mb = rss, cold
            print(f"warm-up done ({report.actions} actions): rss {rss:.1f} MB{parts}\n"
                  f"         cold {cold:.1f} MB{cold_parts}", flush=True)
            run_for(monkey, seconds, args)
        finally:
            uninstall()
            dispose(window)
    print(report.summary())
    ok = report.clean(args.max_growth_mb)
    print("result:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
