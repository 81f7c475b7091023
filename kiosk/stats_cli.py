"""`kiosk stats export`: write the anonymous usage counts to a CSV file.

Imports stay light: sqlite3 and csv load only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _positive_days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, got {text!r}") from None
    if not 1 <= value <= 36600:
        raise argparse.ArgumentTypeError(f"expected 1 to 36600 days, got {value}")
    return value


def register(subparsers: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the `stats` command and its `export` sub-command."""
    stats = subparsers.add_parser("stats", help="anonymous usage counts (export to CSV)")
    common(stats)
    stats.set_defaults(func=lambda args: _usage(stats))
    sub = stats.add_subparsers(dest="stats_command", metavar="SUBCOMMAND")
    p = sub.add_parser("export", help="write day,event,key,count rows to a CSV file")
    common(p)
    p.add_argument("out", metavar="OUT.csv", help="CSV file to write ('-' for standard output)")
    p.add_argument("--days", type=_positive_days, default=None, metavar="N",
                   help="only the last N days, today included (default: every day kept)")
    p.add_argument("--db", metavar="PATH", default=None,
                   help="counts database (default: stats.sqlite in the kiosk data folder, "
                        "$KIOSK_DATA_DIR if set)")
    p.set_defaults(func=cmd_export)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _read_rows(db: Path, days: int | None) -> list[tuple[str, str, str, int]]:
    """Read rows without changing the file; raise sqlite3.Error if it is not a counts database."""
    import datetime as dt
    import sqlite3

    # Read-only: exporting must never "repair" or create the kiosk's database.
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0)
    try:
        sql = "SELECT day, event, key, count FROM counts"
        params: tuple[str, ...] = ()
        if days is not None:
            sql += " WHERE day >= ?"
            params = ((dt.date.today() - dt.timedelta(days=days - 1)).isoformat(),)
        sql += " ORDER BY day, event, key"
        return [(str(d), str(e), str(k), int(c)) for d, e, k, c in conn.execute(sql, params)]
    finally:
        conn.close()


def cmd_export(args: argparse.Namespace) -> int:
    """Export counts as CSV; one-line errors and exit 1 on any problem."""
    import csv
    import io
    import sqlite3

    from kiosk.atomic import remove_stale_temps, write_text
    from kiosk.stats import default_path

    try:
        db = Path(args.db) if args.db else default_path()
    except OSError as exc:
        print(f"error: cannot find the kiosk data folder: {exc}", file=sys.stderr)
        return 1
    if not db.is_file():
        print(f"error: no usage counts at {db} (is [stats] enabled = true, and has the "
              "kiosk run since?)", file=sys.stderr)
        return 1
    try:
        rows = _read_rows(db, args.days)
    except sqlite3.Error as exc:
        print(f"error: {db} is not a readable usage counts database ({exc})", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot read {db}: {exc.strerror or exc}", file=sys.stderr)
        return 1

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["day", "event", "key", "count"])
    writer.writerows(rows)
    text = buffer.getvalue()

    if args.out == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.out)
    try:
        # A half-written CSV never replaces a good one, and a symlink planted at a
        # predictable temp name is never followed (kiosk.atomic makes a random one).
        remove_stale_temps(out.parent, out.name, older_than_seconds=3600)
        write_text(out, text)
    except OSError as exc:
        print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(rows)} row(s) to {out}", file=sys.stderr)
    return 0
