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
    p.add_argument("--format", metavar="FORMAT", default="kiosk",
                   help="kiosk (the staff CSV, default) or samhsa (a FindTreatment.gov "
                        "download)")
    p.add_argument("--source-date", metavar="YYYY-MM-DD",
                   help="samhsa: the day the file was downloaded (default: the file's date)")
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
    p.add_argument("--kind", metavar="KIND", help="outpatient, at_home or therapy (default: all)")
    p.add_argument("--payment", metavar="P", action="append", default=[],
                   help="only listings taking P (repeat: all of them); one of medicaid, "
                        "medicare, private, sliding_fee, military")
    p.add_argument("--language", metavar="CODE", action="append", default=[],
                   help="only listings speaking CODE, like es (repeat: all of them)")
    p.add_argument("--telehealth", action="store_true", help="only listings offering telehealth")
    p.add_argument("--veterans", action="store_true", help="only listings with veterans' care")
    p.add_argument("--clinics", metavar="PATH",
                   help="clinic CSV or directory file (default: the one the kiosk uses)")
    p.add_argument("--format", metavar="FORMAT", default="kiosk",
                   help="what a CSV given with --clinics is: kiosk (default) or samhsa")
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


def plural(count: int, one: str, many: str) -> str:
    """'1 at-home provider', '2 at-home providers'."""
    return f"{count:,} {one if count == 1 else many}"


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk import paths
    from kiosk.locator import default_cache_path, import_csv
    from kiosk.locator.importer import FORMATS

    if args.format not in FORMATS:
        return _error(f"--format must be kiosk or samhsa, got {args.format!r}")
    if args.source_date is not None and args.format != "samhsa":
        return _error("--source-date is for --format samhsa")
    into = Path(args.into) if args.into else default_cache_path(paths.cache_dir())
    report = import_csv(Path(args.src), into, skip_invalid=args.skip_invalid,
                        is_demo=args.demo, format=args.format, source_date=args.source_date)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.ignored_columns:
        if args.format == "samhsa":
            unused = plural(len(report.ignored_columns), "column", "columns")
            print(f"note: {unused} not used by the kiosk", file=sys.stderr)
        else:
            print(f"note: ignored column(s): {', '.join(report.ignored_columns)}",
                  file=sys.stderr)
    if not report.written:
        bad_rows = len({p.line for p in report.problems})
        target = (f"{into} is unchanged" if report.into_existed
                  else f"{into} was not created")
        print(f"{args.src}: nothing imported ({plural(len(report.problems), 'problem', 'problems')}"
              f" in {plural(bad_rows, 'place', 'places')}); {target}", file=sys.stderr)
        return EXIT_FAILED
    skipped = len({p.line for p in report.problems})
    parts = [plural(report.count_outpatient, "outpatient clinic", "outpatient clinics"),
             plural(report.count_at_home, "at-home provider", "at-home providers")]
    if report.count_therapy or args.format == "samhsa":
        parts.append(plural(report.count_therapy, "therapy listing", "therapy listings"))
    print(f"imported {plural(report.imported, 'listing', 'listings')} ({', '.join(parts)}) "
          f"into {into}"
          + (f"; skipped {plural(skipped, 'invalid row', 'invalid rows')}" if skipped else ""))
    if args.format == "samhsa":
        repeated = plural(report.duplicates, "repeated listing", "repeated listings")
        print(f"left out {plural(report.left_out, 'row', 'rows')} offering neither ketamine "
              f"nor PTSD care, and {repeated}")
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
                        conditions=tuple(args.condition), kind=args.kind, limit=limit,
                        payment=tuple(args.payment), languages=tuple(args.language),
                        telehealth=args.telehealth, veterans=args.veterans)
    from kiosk.locator.importer import FORMATS

    if args.format not in FORMATS:
        return _error(f"--format must be kiosk or samhsa, got {args.format!r}")

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
                report = import_csv(src, Path(tmp) / "clinics.sqlite", format=args.format)
                for problem in report.problems:
                    print(problem, file=sys.stderr)
                if not report.written:
                    return _error(f"{src}: cannot search a CSV with problems", EXIT_FAILED)
                directory = Directory.open(Path(tmp) / "clinics.sqlite")
        else:
            settings = settings or _settings(args)
            directory, problems = open_configured_directory(
                settings.locator.clinics, paths.cache_dir(),
                format=settings.locator.format)
            for warning in problems:
                print(f"warning: {warning}", file=sys.stderr)
        try:
            result = directory.search(query)
        except QueryError as exc:
            return _error(str(exc))
        except DirectoryError as exc:
            return _error(str(exc), EXIT_FAILED)
        finally:
            bad_rows = len(directory.bad_rows)
            directory.close()
    if bad_rows:
        print(f"warning: {directory.path}: {plural(bad_rows, 'row', 'rows')} with a bad stored "
              "value left out; import the CSV again", file=sys.stderr)

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
            "results": [c.to_json() for c in result.outpatient + result.at_home
                        + result.therapy],
            "sections": {s.key: {"count": s.size, "complete": s.complete}
                         for s in result.sections},
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
    state = US_STATES.get(result.state or "", result.state or "")
    if result.origin:
        o = result.origin
        where = f"within {query.radius_miles:g} miles of {o.zip} ({o.city}, {o.state})"
    else:
        where = f"in {state}"
    titles = {"visit": f"Clinics you can visit {where}",
              "at_home": f"Care at home serving {state}",
              "therapy": f"Other PTSD care {where}"}
    shown = {"visit": "outpatient", "at_home": "at_home", "therapy": "therapy"}
    for section in result.sections:
        if query.kind is not None and shown[section.key] != query.kind.replace("-", "_"):
            continue
        if lines and not lines[-1].startswith("("):
            lines.append("")
        more = "" if section.complete else " (more not shown: raise --limit)"
        lines.append(f"{titles[section.key]}: {section.size}{more}")
        lines += _table(section.clinics, with_distance=result.origin is not None
                        and section.key != "at_home")
    return "\n".join(lines)


def _table(clinics, with_distance: bool) -> list[str]:
    if not clinics:
        return ["  (none)"]

    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    rows = []
    for c in clinics:
        where = ", ".join(part for part in (c.city, c.state) if part) or "-"
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
