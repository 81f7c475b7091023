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


def _min_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"expected 1 to 1000, got {value}")
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
    p.add_argument("--min-count", type=_min_count, default=None, metavar="N",
                   help='write counts below N as "fewer than N" (default: [stats] min_count '
                        "from the settings, else 5)")
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


def header_lines(min_count: int) -> list[str]:
    """The comment lines above the CSV's header row: what each count means."""
    from kiosk.stats import MEANINGS, ONCE_PER_SESSION

    lines = ["Anonymous usage counts from the waiting-room kiosk: one row per day, event "
             "and key.",
             f'A count from 1 to {min_count - 1} is written "fewer than {min_count}" so that '
             "a quiet day cannot show what one person did." if min_count > 1 else
             "Every count is written as its number ([stats] min_count = 1).",
             "Pages, languages, read-alouds and clinic details count once per patient "
             "session (a session ends at the idle reset)."]
    lines += [f"{event}: {MEANINGS[event]}" for event in sorted(MEANINGS)]
    assert set(MEANINGS) >= ONCE_PER_SESSION
    return lines


def _settings_min_count(args: argparse.Namespace) -> int:
    """[stats] min_count from the settings the kiosk would use; 5 if they cannot be read."""
    from kiosk.settings import find_settings_path, load_settings

    try:
        settings = load_settings(find_settings_path(getattr(args, "config", None)))
    except (OSError, RuntimeError):  # no home folder to look in
        return 5
    return settings.stats.min_count


def cmd_export(args: argparse.Namespace) -> int:
    """Export counts as CSV; one-line errors and exit 1 on any problem."""
    import csv
    import io
    import sqlite3

    from kiosk.atomic import remove_stale_temps, write_text
    from kiosk.stats import default_path, shown

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

    min_count = args.min_count if args.min_count is not None else _settings_min_count(args)
    buffer = io.StringIO(newline="")
    for line in header_lines(min_count):
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["day", "event", "key", "count"])
    writer.writerows((day, event, key, shown(count, min_count))
                     for day, event, key, count in rows)
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
