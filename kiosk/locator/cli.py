"""`kiosk clinics import|search`. Module-level imports stay light (argparse only)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the `clinics` command with its `import` and `search` sub-commands."""
    clinics = subparsers.add_parser("clinics", help="import or search the clinic directory")
    common(clinics)
    clinics.set_defaults(func=lambda args: _usage(clinics))
    sub = clinics.add_subparsers(dest="clinics_command", metavar="SUBCOMMAND")

    p = sub.add_parser("import", help="validate a clinic CSV and write the directory "
                       "(nothing is written if a row is invalid, unless --skip-invalid)")
    common(p)
    p.add_argument("src", metavar="SRC.csv", help="clinic CSV (UTF-8 or Windows-1252)")
    p.add_argument("--into", metavar="PATH",
                   help="directory file to write (default: the cache file the kiosk uses)")
    p.add_argument("--skip-invalid", action="store_true",
                   help="import the valid rows and report the others")
    p.add_argument("--demo", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_import)

    # Values are parsed by the handler, not argparse, so a bad value is one line, exit 2.
    p = sub.add_parser("search", help="find clinics near a ZIP code or in a state")
    common(p)
    p.add_argument("--zip", metavar="ZIP", help="5-digit ZIP code (ZIP+4 accepted)")
    p.add_argument("--state", metavar="XX", help="two-letter state code: every clinic there")
    p.add_argument("--radius", metavar="MILES",
                   help="search radius (default: [locator] default_radius_miles, 50)")
    p.add_argument("--condition", metavar="C", action="append", default=[],
                   help="only clinics treating C (repeat: must treat all); one of "
                        "pain, depression, anxiety, ptsd, ocd, addiction")
    p.add_argument("--kind", metavar="KIND", help="outpatient or at_home")
    p.add_argument("--clinics", metavar="PATH",
                   help="clinic CSV or directory file (default: the one the kiosk uses)")
    p.add_argument("--limit", metavar="N", help="at most N of each kind")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_search)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _error(message: str, code: int = EXIT_USAGE) -> int:
    print(f"kiosk clinics: error: {message}", file=sys.stderr)
    return code


def _settings(args: argparse.Namespace):
    from kiosk.settings import find_settings_path, load_settings

    return load_settings(find_settings_path(getattr(args, "config", None)))


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk import paths
    from kiosk.locator import default_cache_path, import_csv

    into = Path(args.into) if args.into else default_cache_path(paths.cache_dir())
    report = import_csv(Path(args.src), into, skip_invalid=args.skip_invalid,
                        is_demo=args.demo)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.ignored_columns:
        print(f"note: ignored column(s): {', '.join(report.ignored_columns)}", file=sys.stderr)
    if not report.written:
        bad_rows = len({(p.line) for p in report.problems})
        print(f"{args.src}: nothing imported ({len(report.problems)} problem(s) in "
              f"{bad_rows} place(s)); {into} is unchanged", file=sys.stderr)
        return EXIT_FAILED
    skipped = len({p.line for p in report.problems})
    print(f"imported {report.imported} clinics ({report.count_outpatient} outpatient, "
          f"{report.count_at_home} at-home) into {into}"
          + (f"; skipped {skipped} invalid row(s)" if skipped else ""))
    return EXIT_OK


def _parse_number(text: str | None, name: str, kind: type) -> Any:
    if text is None:
        return None
    try:
        return kind(text.strip())
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name} must be {what}, got {text!r}") from None


def cmd_search(args: argparse.Namespace) -> int:
    import json
    import tempfile
    from pathlib import Path

    from kiosk import paths
    from kiosk.locator import (
        Directory,
        DirectoryError,
        QueryError,
        SearchQuery,
        import_csv,
        open_configured_directory,
    )
    from kiosk.locator.directory import is_sqlite_file

    if args.zip is None and args.state is None:
        return _error("give --zip ZIP or --state XX")
    if args.zip is not None and args.state is not None:
        return _error("give --zip or --state, not both")
    settings = None
    try:
        radius = _parse_number(args.radius, "--radius", float)
        limit = _parse_number(args.limit, "--limit", int)
    except ValueError as exc:
        return _error(str(exc))
    if radius is None:
        settings = _settings(args)
        radius = float(settings.locator.default_radius_miles)
    query = SearchQuery(zip=args.zip, state=args.state, radius_miles=radius,
                        conditions=tuple(args.condition), kind=args.kind, limit=limit)

    with tempfile.TemporaryDirectory(prefix="kiosk-clinics-") as tmp:
        if args.clinics:
            src = Path(args.clinics)
            if is_sqlite_file(src):
                try:
                    directory = Directory.open(src)
                except DirectoryError as exc:
                    return _error(str(exc), EXIT_FAILED)
            else:
                # A CSV given here is imported into a throwaway file, never the kiosk's cache.
                report = import_csv(src, Path(tmp) / "clinics.sqlite")
                for problem in report.problems:
                    print(problem, file=sys.stderr)
                if not report.written:
                    return _error(f"{src}: cannot search a CSV with problems", EXIT_FAILED)
                directory = Directory.open(Path(tmp) / "clinics.sqlite")
        else:
            settings = settings or _settings(args)
            directory, problems = open_configured_directory(settings.locator.clinics,
                                                            paths.cache_dir())
            for warning in problems:
                print(f"warning: {warning}", file=sys.stderr)
        try:
            result = directory.search(query)
        except QueryError as exc:
            return _error(str(exc))
        except DirectoryError as exc:
            return _error(str(exc), EXIT_FAILED)
        finally:
            directory.close()

    if args.json:
        origin = (result.origin.to_json() if result.origin else
                  {"zip": None, "lat": None, "lon": None, "state": result.state, "city": None})
        out = {
            "origin": origin,
            "query": {"radius_miles": query.radius_miles if result.origin else None,
                      "conditions": [c.strip().lower() for c in query.conditions],
                      "kind": query.kind, "limit": query.limit},
            "directory": {"source": directory.source, "version": directory.version,
                          "is_demo": directory.is_demo},
            "results": [c.to_json() for c in result.outpatient + result.at_home],
        }
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    print(_format_text(result, query, directory.is_demo))
    return EXIT_OK


def _format_text(result, query, is_demo: bool) -> str:
    from kiosk.locator import US_STATES

    lines: list[str] = []
    if is_demo:
        lines.append("(demo directory: fictional clinics, not real places)")
    if result.origin:
        o = result.origin
        lines.append(f"Outpatient clinics within {query.radius_miles:g} miles of {o.zip} "
                     f"({o.city}, {o.state}): {len(result.outpatient)}")
    else:
        lines.append(f"Outpatient clinics in {US_STATES[result.state]}: {len(result.outpatient)}")
    if query.kind != "at_home":
        lines += _table(result.outpatient, with_distance=result.origin is not None)
    if query.kind != "outpatient":
        lines.append("")
        lines.append(f"At-home providers serving {US_STATES[result.state]}: "
                     f"{len(result.at_home)}")
        lines += _table(result.at_home, with_distance=False)
    return "\n".join(lines)


def _table(clinics, with_distance: bool) -> list[str]:
    if not clinics:
        return ["  (none)"]

    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    rows = []
    for c in clinics:
        where = f"{c.city}, {c.state}"
        extra = ("ALL states" if c.serves_all_states else ";".join(c.states_served)) \
            if c.kind == "at_home" else ";".join(c.conditions)
        miles = f"{c.distance_miles:7.1f}" if with_distance and c.distance_miles is not None \
            else ""
        rows.append((miles, cut(c.name, 40), cut(where, 26), c.phone, cut(extra, 40)))
    head = ("  miles" if with_distance else "", "name", "city", "phone",
            "serves" if clinics[0].kind == "at_home" else "conditions")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    out = []
    for r in [head, *rows]:
        cells = [r[0].rjust(widths[0])] if with_distance else []
        cells += [r[i].ljust(widths[i]) for i in range(1, 5)]
        out.append("  " + "  ".join(cells).rstrip())
    return out
