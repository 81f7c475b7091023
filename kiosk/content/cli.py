"""``kiosk content check|render|status|approve|proof``: for the people who edit and sign pages.

Only argparse at import time: this module is imported for every ``kiosk`` command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any


def register(subparsers: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the ``content`` command and its sub-commands to the kiosk CLI."""
    parser = subparsers.add_parser("content", help="check or preview the content pack")
    common(parser)
    parser.set_defaults(func=lambda args: _usage(parser))
    sub = parser.add_subparsers(dest="content_command", metavar="ACTION")

    p = sub.add_parser("check", help="validate every page; exit 1 if there are errors",
                       description="Check front matter, links, images, raw HTML, reading "
                                   "level and that every language has the same pages. "
                                   "Prints FILE:LINE: message lines; warnings do not fail.")
    common(p)
    p.add_argument("dir", nargs="?", metavar="DIR",
                   help="content pack folder (default: content.dir from the settings, "
                        "else the built-in pack)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("render", help="print the HTML the reader shows for one page")
    common(p)
    p.add_argument("file", metavar="FILE", help="a page file, e.g. resources/content/en/risks.md")
    p.add_argument("--pack", metavar="DIR",
                   help="the pack folder images must be inside (default: the folder above "
                        "the page's language folder)")
    p.add_argument("--text", action="store_true", help="print the read-aloud plain text instead")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("status", help="each page's review: never, reviewed, or changed since",
                       description="One line per page: LANG/ID: never reviewed | reviewed by "
                                   "NAME on DATE | changed since review (...).")
    common(p)
    p.add_argument("dir", nargs="?", metavar="DIR",
                   help="content pack folder (default: the configured pack)")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("approve", help="record a clinician's review in pages' front matter",
                       description="Writes reviewed_by, reviewed_on and reviewed_fingerprint "
                                   "into each page file in place (atomically; every other "
                                   "byte kept). Only for a review that really happened.")
    common(p)
    p.add_argument("ids", nargs="+", metavar="ID", help="page ids, e.g. risks what-to-expect")
    p.add_argument("--by", metavar="\"NAME, CREDENTIALS\"", help="who reviewed, e.g. "
                   "\"Ana Ruiz, MD\" (required)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the review (default today)")
    p.add_argument("--lang", metavar="CODE", help="only this language (default: every "
                   "language that has the page)")
    p.add_argument("--pack", metavar="DIR", help="content pack folder (default: the "
                   "configured pack)")
    p.set_defaults(func=cmd_approve)

    p = sub.add_parser("proof", help="a PDF of every page for a clinician's review",
                       description="Each page as the kiosk shows it, with its sources, "
                                   "glossary terms, review status and fingerprint.")
    common(p)
    p.add_argument("out", metavar="OUT.pdf", help="the PDF file to write")
    p.add_argument("dir", nargs="?", metavar="DIR",
                   help="content pack folder (default: the configured pack)")
    p.add_argument("--lang", metavar="CODE", help="only this language (default: all)")
    p.set_defaults(func=cmd_proof)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _configured_dir(args: argparse.Namespace) -> tuple[Any, int]:
    """The pack folder the kiosk would use, and how many settings errors concern it."""
    from kiosk import paths
    from kiosk.settings import find_settings_path, load_settings

    settings = load_settings(find_settings_path(getattr(args, "config", None)))
    errors = 0
    for problem in settings.problems:
        if problem.key.startswith("content") or not problem.key:
            # e.g. content.dir names a missing folder: the kiosk would quietly show the
            # built-in pack, so say so and fail the check.
            print(f"settings: {problem}", file=sys.stderr)
            errors += 1
    if settings.content.dir is not None:
        return settings.content.dir, errors
    return paths.builtin_content_dir(), errors


def cmd_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.content.check import check_pack
    from kiosk.content.pack import language_dirs, page_files

    settings_errors = 0
    if args.dir:
        directory = Path(args.dir)
    else:
        try:
            directory, settings_errors = _configured_dir(args)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    if not directory.is_dir():
        what = "is not a folder" if directory.exists() else "no such folder"
        print(f"error: {directory}: {what}", file=sys.stderr)
        return 1
    problems = check_pack(directory)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.is_error) + settings_errors
    warnings = sum(1 for p in problems if not p.is_error)
    pages = sum(len(page_files(lang)) for lang in language_dirs(directory))
    verdict = "FAILED" if errors else "OK"
    print(f"{directory}: {verdict}: {pages} page(s), {errors} error(s), {warnings} warning(s)",
          file=sys.stderr)
    return 1 if errors else 0


def cmd_render(args: argparse.Namespace) -> int:
    import html
    from pathlib import Path

    from kiosk.content.pack import display_path, load_page
    from kiosk.content.render import RENDER_BUDGET_S

    path = Path(args.file)
    if not path.is_file():
        print(f"error: {display_path(path)}: no such file", file=sys.stderr)
        return 1
    pack_dir = Path(args.pack) if args.pack else path.resolve().parent.parent
    lang = path.resolve().parent.name
    page, problems = load_page(path, lang, pack_dir, budget_s=RENDER_BUDGET_S)
    if page is None:
        # One line: why the kiosk would not show it (the checker lists everything).
        first = next((p for p in problems if p.is_error), None)
        reason = f": {first.message}" if first else ""
        print(f"error: {display_path(path)}: the kiosk would skip this page{reason}",
              file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.text:
        print(page.plain_text)
        return 0
    if page.kind != "list":
        print(page.html)
        return 0
    parts = [page.intro_html] if page.intro_html else []
    for group in page.groups:
        parts.append('<div class="card-group">')
        parts.append(f"<h2>{html.escape(group.heading)}</h2>")
        for card in group.cards:
            parts.append(f'<p class="card"><strong>{html.escape(card.name)}</strong>'
                         f"<br>{html.escape(card.text)}</p>")
        parts.append("</div>")
    print("\n".join(parts))
    return 0


def _pack_dir(args: argparse.Namespace, given: str | None) -> Any:
    """The pack folder to work on (given, else the configured one), or None after a message."""
    from pathlib import Path

    if given:
        directory = Path(given)
    else:
        try:
            directory, _ = _configured_dir(args)
        except (FileNotFoundError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return None
    if not directory.is_dir():
        what = "is not a folder" if directory.exists() else "no such folder"
        print(f"error: {directory}: {what}", file=sys.stderr)
        return None
    return directory


def _load_exact(directory: Any) -> Any:
    """The pack in ``directory`` itself: no rendered cache, no fall-back to the built-in one."""
    from kiosk.content.pack import _load_dir_with
    from kiosk.content.render import RENDER_BUDGET_S, Renderer

    return _load_dir_with(directory, Renderer(), is_builtin=False, budget_s=RENDER_BUDGET_S)


def _is_builtin(directory: Any) -> bool:
    from kiosk import paths

    try:
        return bool(directory.resolve() == paths.builtin_content_dir().resolve())
    except OSError:
        return False


def cmd_status(args: argparse.Namespace) -> int:
    from kiosk.content.review import review_state

    directory = _pack_dir(args, args.dir)
    if directory is None:
        return 1
    pack = _load_exact(directory)
    if not pack.languages:
        print(f"error: {directory}: no usable page (see kiosk content check)", file=sys.stderr)
        return 1
    for page in pack.all_pages():
        state = review_state(page, pack.glossary(page.lang))
        print(f"{page.lang}/{page.id}: {state.describe()}")
    skipped = sum(1 for p in pack.problems if p.is_error)
    if skipped:
        print(f"{directory}: {skipped} error(s) kept some files out; see kiosk content check",
              file=sys.stderr)
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    import os
    from datetime import date

    from kiosk import atomic
    from kiosk.content.check import check_pack
    from kiosk.content.pack import MAX_PAGE_BYTES, display_path
    from kiosk.content.review import (
        ReviewEditError,
        check_review_date,
        check_reviewer,
        fingerprint,
        set_review_fields,
    )
    from kiosk.textfile import StaffFileError, read_bytes

    def fail(message: str) -> int:
        print(f"error: {message}; nothing was changed", file=sys.stderr)
        return 1

    if args.by is None:
        return fail('--by "NAME, CREDENTIALS" is required: who reviewed these pages')
    if refusal := check_reviewer(args.by):
        return fail(refusal)
    when = args.date or date.today().isoformat()
    if refusal := check_review_date(when):
        return fail(refusal)
    directory = _pack_dir(args, args.pack)
    if directory is None:
        return 1
    if args.pack is None and _is_builtin(directory):
        return fail("no content pack is configured, and the built-in pack is not edited: "
                    "set [content] dir to a copy of it, or name one with --pack DIR")
    pack = _load_exact(directory)
    langs = [args.lang] if args.lang else pack.languages
    if args.lang and args.lang not in pack.languages:
        return fail(f"{directory}: no pages in language {args.lang!r}")
    errors_by_file: dict[str, str] = {}
    for found_problem in check_pack(directory):
        if found_problem.is_error:
            errors_by_file.setdefault(found_problem.file, str(found_problem))
    by = args.by.strip()
    edits: list[tuple[Any, bytes, str]] = []
    for page_id in dict.fromkeys(args.ids):
        found = [p for lang in langs if (p := pack.page(lang, page_id)) and p.lang == lang]
        if not found:
            where = f"{args.lang}/" if args.lang else "any language of "
            return fail(f"no page {page_id!r} in {where}{directory}")
        for page in found:
            shown = display_path(page.path)
            if shown in errors_by_file:
                return fail(f"{page.lang}/{page.id} has errors ({errors_by_file[shown]})")
            if os.path.islink(page.path):
                return fail(f"{shown} is a symbolic link; approve the file it points to")
            # The mode bits too: root may write any file, but a file marked read-only
            # was marked so on purpose.
            if not os.access(page.path, os.W_OK) or not page.path.stat().st_mode & 0o222:
                return fail(f"{shown} is read-only")
            value = fingerprint(page, pack.glossary(page.lang))
            try:
                data = read_bytes(page.path, MAX_PAGE_BYTES, "page")
                new = set_review_fields(data, {"reviewed_by": by, "reviewed_on": when,
                                               "reviewed_fingerprint": value})
            except StaffFileError as exc:
                return fail(f"{shown}: {exc.message}")
            except ReviewEditError as exc:
                return fail(f"{shown}: {exc}")
            edits.append((page, new, value))
    for page, new, value in edits:
        try:
            atomic.write_bytes(page.path, new, keep_mode=True)
        except OSError as exc:
            print(f"error: {display_path(page.path)}: cannot write ({exc.strerror or exc}); "
                  "this file is unchanged", file=sys.stderr)
            return 1
        print(f"{page.lang}/{page.id}: reviewed by {by} on {when} (fingerprint {value})")
    return 0


def cmd_proof(args: argparse.Namespace) -> int:
    from pathlib import Path

    directory = _pack_dir(args, args.dir)
    if directory is None:
        return 1
    pack = _load_exact(directory)
    if args.lang and args.lang not in pack.languages:
        print(f"error: {directory}: no pages in language {args.lang!r}", file=sys.stderr)
        return 1
    if not pack.languages:
        print(f"error: {directory}: no usable page (see kiosk content check)", file=sys.stderr)
        return 1
    from kiosk.content.proof import write_proof  # imports Qt: only this command needs it

    out = Path(args.out)
    try:
        count = write_proof(pack, out, langs=[args.lang] if args.lang else None)
    except OSError as exc:
        print(f"error: {out}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"{out}: proof of {count} page(s)", file=sys.stderr)
    return 0
