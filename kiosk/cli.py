"""The `kiosk` command line. Imports stay light here: Qt loads only for commands that show a window.

Each feature package registers its own sub-commands through ``register(subparsers)``
(``kiosk.content.cli``, ``kiosk.locator.cli``, ``kiosk.stats_cli``) so this module stays
the single entry point without knowing every option.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
from collections.abc import Mapping, Sequence

from kiosk.startup_trace import START, mark

log = logging.getLogger("kiosk")

# Modules that add sub-commands; each has register(subparsers).
COMMAND_MODULES = ("kiosk.content.cli", "kiosk.locator.cli", "kiosk.stats_cli")


def _common(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    # Sub-commands must not reset what was given before the sub-command's name,
    # so their copies of these options default to "not given" (SUPPRESS).
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument("--config", metavar="PATH", default=default,
                        help="settings file (default: $KIOSK_CONFIG, then kiosk.toml in the "
                             "platform config folder)")
    parser.add_argument("--verbose", action="store_true",
                        default=False if top_level else argparse.SUPPRESS,
                        help="also log to stderr")


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False`` leaves out the sub-commands (see main)."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Offline patient-education kiosk (PTSD and ketamine care)."
    )
    _common(parser, top_level=True)
    parser.add_argument("--windowed", action="store_true",
                        help="run in a window (demo / development); Ctrl+Q quits")
    parser.add_argument("--size", metavar="WxH", help="window size in windowed mode, e.g. 1280x800")
    parser.add_argument("--exit-after-startup", action="store_true",
                        help="build the main window, wait for its first paint, print the "
                             "start-up time in ms to stderr and exit")
    parser.set_defaults(func=cmd_run)
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="start the kiosk (the default)")
    _common(p)
    p.add_argument("--windowed", action="store_true", default=argparse.SUPPRESS)
    p.add_argument("--size", metavar="WxH", default=argparse.SUPPRESS)
    p.add_argument("--exit-after-startup", action="store_true", default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("check-config", help="validate a settings file; exit 1 if it has problems")
    _common(p)
    p.add_argument("path", nargs="?", help="settings file (default: the one the kiosk would use)")
    p.set_defaults(func=cmd_check_config)

    p = sub.add_parser("hash-pin", help="read a staff PIN and print its pin_hash setting")
    p.set_defaults(func=cmd_hash_pin)

    p = sub.add_parser("screenshots", help="render every screen to PNG files offscreen")
    _common(p)
    p.add_argument("outdir")
    p.add_argument("--size", default="1920x1080", metavar="WxH")
    p.add_argument("--lang", default=None, metavar="CODE")
    p.set_defaults(func=cmd_screenshots)

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub, _common)
    return parser


def parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"kiosk: --size must look like 1280x800, got {text!r}") from None
    if not (320 <= w <= 10000 and 320 <= h <= 10000):
        raise SystemExit(f"kiosk: --size {text} is out of range (320..10000 per side)")
    return w, h


def load_for_run(args: argparse.Namespace):
    """Find and load settings, set up logging, log every settings problem."""
    from kiosk.logsetup import setup_logging
    from kiosk.settings import find_settings_path, last_good_path, load_settings

    path = find_settings_path(getattr(args, "config", None))
    settings = load_settings(path, last_good_path())
    log_file = setup_logging(settings.logging.dir, settings.logging.level,
                             getattr(args, "verbose", False))
    mark("settings and logging")
    log.info("settings: %s", path or "built-in defaults")
    if settings.fallback:
        log.error("settings: %s", settings.fallback)
    for problem in settings.problems:
        if problem.key:
            log.warning("settings problem (using the default): %s", problem)
        else:  # the whole file: the fallback line above says what the kiosk runs on
            log.warning("settings problem: %s", problem)
    return settings, log_file


def has_display(env: Mapping[str, str] = os.environ) -> bool:
    """Whether Qt has somewhere to draw: a chosen platform, an X or a Wayland display."""
    if not sys.platform.startswith("linux"):
        return True  # Windows and macOS always have their own platform
    return any(env.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))


def use_offscreen_without_display() -> None:
    """No display at all: draw offscreen (Qt would otherwise abort with a misleading
    message about xcb-cursor)."""
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def cmd_run(args: argparse.Namespace) -> int:
    # Ctrl+C before the window is up ends the process as SIGTERM would (nothing to lose
    # yet, and no traceback); from the first paint on, both quit cleanly (run_kiosk).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if not has_display() and not args.exit_after_startup:
        print("kiosk: no display (DISPLAY and WAYLAND_DISPLAY are not set), so the kiosk runs "
              "offscreen and shows nothing; Ctrl+C stops it. To see it, start it from the "
              "desktop, or run: xvfb-run kiosk --windowed", file=sys.stderr)
    use_offscreen_without_display()
    settings, log_file = load_for_run(args)
    from kiosk.ui.app import run_kiosk

    mark("Qt and kiosk.ui.app imported")
    code = run_kiosk(settings, windowed=args.windowed, size=parse_size(args.size),
                     exit_after_startup=args.exit_after_startup, log_file=log_file,
                     start_time=START)
    # Everything worth keeping is saved by now (usage counts flushed, log closed
    # below). Leaving without the interpreter's teardown skips destroying every Qt
    # object one by one, which is slow and, in PySide, a known source of crashes
    # at exit that would only litter the journal.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def cmd_check_config(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.config_check import check_all
    from kiosk.settings import find_settings_path, last_good_path, load_settings

    path = Path(args.path) if args.path else find_settings_path(args.config)
    if path is None:
        print("kiosk: no settings file found; the kiosk runs on built-in defaults")
        return 0
    try:
        last_good: Path | None = last_good_path()
    except OSError:
        last_good = None
    # Checking never writes: the copy is taken only when the kiosk itself starts.
    settings = load_settings(path, last_good, save_last_good=False)
    if settings.source is None and settings.problems and not settings.problems[0].key:
        # The file cannot be used and there is no last good copy to run on.
        print(f"error: {settings.problems[0]}", file=sys.stderr)
        print("the kiosk would run on built-in defaults (no PIN, the built-in pack and "
              "sample clinics)", file=sys.stderr)
        return 1
    for problem in settings.problems:
        print(problem)
    if settings.fallback:
        print(f"error: {settings.fallback}")
    findings = check_all(settings)
    for finding in findings:
        print(finding)
    errors = sum(1 for f in findings if f.level == "error")
    warnings = sum(1 for f in findings if f.level == "warning")
    if settings.problems or errors:
        print(f"{path}: {len(settings.problems)} settings problem(s) (the kiosk would use "
              f"defaults for these keys), {errors} error(s) and {warnings} warning(s) in what "
              "the settings point at", file=sys.stderr)
        return 1
    print(f"{path}: OK" + (f" ({warnings} warning(s))" if warnings else ""))
    return 0


def cmd_hash_pin(args: argparse.Namespace) -> int:
    import getpass

    from kiosk.pin import hash_pin, valid_pin

    if sys.stdin is not None and sys.stdin.isatty():
        pin = getpass.getpass("Staff PIN (4-12 digits): ")
        again = getpass.getpass("Same PIN again: ")
        if pin != again:
            print("error: the two PINs differ", file=sys.stderr)
            return 1
    else:
        pin = (sys.stdin.readline() if sys.stdin else "").strip()
    if not valid_pin(pin):
        print("error: a PIN is 4 to 12 digits (0-9), nothing else", file=sys.stderr)
        return 1
    print(f'pin_hash = "{hash_pin(pin)}"')
    return 0


def cmd_screenshots(args: argparse.Namespace) -> int:
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # pictures, not a window
    settings, _ = load_for_run(args)
    from pathlib import Path

    from kiosk.ui.screenshots import render_all

    size = parse_size(args.size) or (1920, 1080)
    written = render_all(settings, Path(args.outdir), size=size, lang=args.lang)
    print(f"wrote {len(written)} screenshots to {args.outdir}")
    return 0


_VALUE_OPTIONS = ("--config", "--size")


def _only_run_options(argv: Sequence[str]) -> bool:
    """True when ``argv`` names no sub-command and asks for no help: a plain start."""
    tokens = iter(argv)
    for token in tokens:
        if token in _VALUE_OPTIONS:
            next(tokens, None)
        elif token in ("-h", "--help") or not token.startswith("-"):
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Starting the kiosk is the common case and start-up has a budget: it skips
    # importing every sub-command's module just to build parsers it will not use.
    parser = build_parser(commands=not _only_run_options(argv))
    args = parser.parse_args(argv)
    mark("command line parsed")
    from kiosk.paths import NoHomeFolder

    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except NoHomeFolder as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # the last guard: one line for people, the traceback for the log
        if logging.getLogger().handlers:
            log.exception("unexpected error")
        # With no log set up yet, logging's last resort would print the traceback.
        print(f"kiosk: unexpected error: {exc.__class__.__name__}: {_one_line(str(exc))}",
              file=sys.stderr)
        return 1


def _one_line(text: str) -> str:
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1]
                                                   for c in text)
