"""``kiosk content check|render``: for the people who edit pages.

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

    from kiosk.content.pack import load_page

    path = Path(args.file)
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 1
    pack_dir = Path(args.pack) if args.pack else path.resolve().parent.parent
    lang = path.resolve().parent.name
    page, problems = load_page(path, lang, pack_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if page is None:
        print(f"error: {path}: the kiosk would skip this page", file=sys.stderr)
        return 1
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
