"""Which kind of monkey action grows memory? Each kind alone, in blocks, read in the soak's
reference state.

    python tests/soak/by_action.py [--actions 500] [--blocks 2] [--kinds navigate,overlay]

After the soak's warm-up (every size, text step and look) and 1,000 mixed actions, it runs
``--actions`` actions of one kind at a time (the sizes still change every 250), ``--blocks``
times, and prints what anonymous memory and malloc gained in each block. A kind that gains
in every block grows; one that gains in the first only fills something bounded. Not
collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
os.environ.setdefault("KIOSK_SPEECH", "none")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from soak import heap_parts  # noqa: E402  (after the environment above)

from tests.monkey import (  # noqa: E402
    Monkey,
    drop_bounded_caches,
    isolate_dirs,
    monkey_window,
    settled_rss_mb,
)


def anon_and_malloc(monkey: Monkey) -> tuple[float, float]:
    """Anonymous memory and malloc's live bytes, read cold (the bounded caches emptied, as
    the soak's cold reading: what they happen to hold moves malloc by up to 12 MB)."""
    def cold() -> str:
        drop_bounded_caches(monkey.window)
        settled_rss_mb()  # a full collection and malloc_trim first, as the soak reads
        return heap_parts()

    parts = monkey.at_reference(cold)
    anon = re.search(r"anon\s+([\d.]+)", parts)
    malloc = re.search(r"malloc\s+([\d.]+)", parts)
    if anon is None or malloc is None:
        raise SystemExit("by_action.py: needs Linux (/proc/self/status and mallinfo2)")
    return float(anon.group(1)), float(malloc.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--blocks", type=int, default=2)
    parser.add_argument("--kinds", default="", help="comma-separated action kinds (all)")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k] or [name for _, name in Monkey.ACTIONS]
    isolate_dirs()
    with monkey_window(seed=args.seed) as monkey:
        monkey.warm_up(every_look=True)
        monkey.run(1000, measure=False)
        anon, malloc = anon_and_malloc(monkey)
        print(f"after warm-up and 1,000 mixed actions: anon {anon:.1f} MB, "
              f"malloc {malloc:.1f} MB", flush=True)
        for kind in kinds:
            monkey.only(kind)
            gains = []
            for _ in range(args.blocks):
                before = anon_and_malloc(monkey)
                monkey.run(args.actions, measure=False)
                after = anon_and_malloc(monkey)
                gains.append((after[0] - before[0], after[1] - before[1]))
            anon_gains = "  ".join(f"{a:+5.1f}" for a, _ in gains)
            malloc_gains = "  ".join(f"{m:+5.1f}" for _, m in gains)
            print(f"{kind:16s} anon {anon_gains} MB   malloc {malloc_gains} MB", flush=True)
        findings = monkey.report.findings
    errors = len(findings.errors) + len(findings.unhandled)
    print(f"errors {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
