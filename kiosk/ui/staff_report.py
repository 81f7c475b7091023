"""The staff report: what is live and what is wrong, as status rows and a usage table.

:func:`build_dashboard` gathers the facts from the pieces that know them (settings,
the pack, each screen's ``staff_lines``, the usage counts, live updates, the
voice, the log) into a :class:`Report` of plain values in the staff's language
(``[staff] language``); :class:`kiosk.ui.screens.staff.StaffScreen` lays it out.
:func:`build_report` (``Report.sections()``) is the same report as headed lists of
plain lines, every line in full (the screen shortens long lists).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from kiosk import sdnotify
from kiosk.content import Pack
from kiosk.settings import Settings
from kiosk.ui.i18n import N_, tr_staff
from kiosk.ui.screens.base import Screen
from kiosk.ui.services import UsageCounts

if TYPE_CHECKING:
    from kiosk.content.review import ReviewState
    from kiosk.ui.updates import LiveUpdates

Section = tuple[str, list[str]]
Level = Literal["ok", "attention", "info"]
USAGE_DAYS = 7

# Column headings of the usage table, by event (kiosk/stats.py EVENTS).
EVENT_NAMES = {
    "page_view": N_("Pages read"),
    "search": N_("Clinic searches"),
    "locator_detail": N_("Clinic details"),
    "language": N_("Language changes"),
    "read_aloud": N_("Read aloud"),
    "idle_reset": N_("Idle resets"),
    "error": N_("Errors"),
}


class Voice(Protocol):
    def available(self) -> bool: ...

    def engine_name(self) -> str: ...


class Status(NamedTuple):
    """One row of the dashboard: a title, how it stands, a summary, details and paths."""

    key: str
    title: str
    level: Level
    summary: str
    lines: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()  # shown elided in the middle; the full path on a tap

    def text_lines(self) -> list[str]:
        return [self.summary, *self.paths, *self.lines]


class Usage(NamedTuple):
    """Days (newest first) by events; each cell as staff may see it."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (day, cells)
    note: str


class Report(NamedTuple):
    """The whole dashboard: its status rows, the usage table and that table's heading."""

    statuses: tuple[Status, ...]
    usage: Usage | None = None
    title_usage: str = ""

    def status(self, key: str) -> Status | None:
        return next((s for s in self.statuses if s.key == key), None)

    def sections(self) -> list[Section]:
        """The same report as headed lists of plain lines."""
        sections: list[Section] = [(s.title, s.text_lines()) for s in self.statuses]
        if self.usage is not None:
            lines = [f"{day}: " + ", ".join(f"{name} {cell}" for name, cell
                                            in zip(self.usage.columns, cells, strict=True))
                     for day, cells in self.usage.rows]
            sections.append((self.title_usage, [*lines, self.usage.note]))
        return sections


def _review_words(state: ReviewState) -> str:
    """A page's review state in the staff's language (ReviewState.describe() is English)."""
    if state.state == "never":
        return tr_staff("never reviewed")
    if state.state == "reviewed":
        return tr_staff("reviewed by {name} on {date}", name=state.by, date=state.on)
    return tr_staff("changed since review (reviewed by {name} on {date})", name=state.by,
                    date=state.on)


def review_lines(pack: Pack, show: str) -> tuple[list[str], list[str]]:
    """Pages awaiting review (never reviewed, or changed since), and those hidden under
    ``show`` with why: one line each, ``LANG/ID: title (never reviewed)``."""
    from kiosk.content.review import hidden_pages, review_state

    awaiting: list[str] = []
    hidden: list[str] = []
    for lang in pack.languages:
        glossary = pack.glossary(lang)
        for page in pack.pages(lang):
            state = review_state(page, glossary)
            if state.state != "reviewed":
                awaiting.append(f"{lang}/{page.id}: {page.title} ({_review_words(state)})")
        for page, state in hidden_pages(pack.pages(lang), glossary, show):
            hidden.append(f"{lang}/{page.id}: {page.title} ({_review_words(state)})")
    return awaiting, hidden


def _settings_status(settings: Settings) -> Status:
    problems = [str(p) for p in settings.problems]
    if problems:
        return Status("settings", tr_staff("Settings"), "attention",
                      tr_staff("%n problems in the settings file", None, len(problems)),
                      tuple(problems))
    return Status("settings", tr_staff("Settings"), "ok", tr_staff("No problems"))


def _content_status(pack: Pack, note: str = "") -> Status:
    counts = ", ".join(tr_staff("{lang}: %n pages", None, len(pack.pages(lang)), lang=lang)
                       for lang in pack.languages)
    lines = [tr_staff("Version {version}, loaded {when}", version=pack.version,
                      when=f"{pack.loaded_at:%Y-%m-%d %H:%M}"), counts]
    if note:
        lines.append(note)
    if pack.fell_back:
        lines.insert(0, tr_staff("The configured pack had no valid page; showing the built-in "
                                 "pack."))
    problems = [str(p) for p in pack.problems]
    if problems:
        summary = tr_staff("%n problems in the content pack", None, len(problems))
    elif pack.is_builtin:
        summary = tr_staff("Built-in pack")
    else:
        summary = tr_staff("Content pack in use")
    level: Level = "attention" if problems or pack.fell_back else "ok"
    return Status("content", tr_staff("Content"), level, summary,
                  (*lines, *problems), (str(pack.source_dir),))


def _review_statuses(pack: Pack, show: str) -> list[Status]:
    review, hidden = review_lines(pack, show)
    if review:
        statuses = [Status("review", tr_staff("Clinical review"), "attention",
                           tr_staff("%n pages await a clinician's review", None, len(review)),
                           tuple(review))]
    else:
        statuses = [Status("review", tr_staff("Clinical review"), "ok",
                           tr_staff("Every page's review is recorded"))]
    if show != "all":
        title = tr_staff('Hidden from patients ([content] show = "{show}")', show=show)
        if hidden:
            statuses.append(Status("hidden", title, "info", tr_staff(
                "%n pages are hidden until a clinician signs them off", None, len(hidden)),
                tuple(hidden)))
        else:
            statuses.append(Status("hidden", title, "ok",
                                   tr_staff("None: every page's review holds.")))
    return statuses


def _screen_status(screen: Screen) -> Status:
    lines = screen.staff_lines()
    title = tr_staff(screen.staff_title)
    return Status(str(screen.name), title, "attention" if screen.staff_attention() else "ok",
                  lines[0] if lines else "", tuple(lines[1:]))


def usage_table(stats: UsageCounts, min_count: int, days: int = USAGE_DAYS) -> Usage:
    """The usage counts as a table of days by events; small counts as "fewer than N"."""
    summary: Mapping[str, Mapping[str, object]] = stats.summary(days)
    events = [event for event in EVENT_NAMES if any(event in row for row in summary.values())]
    columns = tuple(tr_staff(EVENT_NAMES[event]) for event in events)

    def cell(value: object) -> str:
        if isinstance(value, str):  # already "fewer than N": say it in the staff's language
            return tr_staff("fewer than %n", None, min_count)
        return str(value)

    rows = tuple((day, tuple(cell(counts.get(event, 0)) for event in events))
                 for day, counts in summary.items())
    note = tr_staff("Counts above 0 and below %n are shown as \"fewer than %n\", so that no "
                    "one person's visit can be picked out.", None, min_count)
    return Usage(columns, rows, note)


def build_report(settings: Settings, pack: Pack, *, screens: Iterable[Screen] = (),
                 stats: UsageCounts | None = None, updates: LiveUpdates | None = None,
                 voice: Voice | None = None, log_file: Path | None = None,
                 content_note: str = "") -> list[Section]:
    """Every section of the staff screen as headed lists of plain lines (see build_dashboard)."""
    return build_dashboard(settings, pack, screens=screens, stats=stats, updates=updates,
                           voice=voice, log_file=log_file, content_note=content_note).sections()


def build_dashboard(settings: Settings, pack: Pack, *, screens: Iterable[Screen] = (),
                    stats: UsageCounts | None = None, updates: LiveUpdates | None = None,
                    voice: Voice | None = None, log_file: Path | None = None,
                    content_note: str = "") -> Report:
    """Every row of the staff screen, from the pieces that know each fact."""
    statuses = [_settings_status(settings), _content_status(pack, content_note),
                *_review_statuses(pack, settings.content.show)]
    statuses += [_screen_status(screen) for screen in screens if screen.staff_title]
    if updates is not None:
        lines = updates.status_lines()
        statuses.append(Status("updates", tr_staff("Live updates"),
                               "attention" if updates.refused() else "info",
                               lines[0] if lines else "",
                               tuple(lines[1:])))
    if voice is not None and voice.available():
        statuses.append(Status("voice", tr_staff("Read-aloud"), "ok",
                               tr_staff("Voice: {engine}", engine=voice.engine_name())))
    else:
        statuses.append(Status("voice", tr_staff("Read-aloud"), "info",
                               tr_staff("No voice installed: the Listen button is hidden "
                                        "(see docs/read-aloud.md).")))
    if log_file:
        statuses.append(Status("log", tr_staff("Log file"), "info",
                               tr_staff("Written to this file:"), (), (str(log_file),)))
    else:
        statuses.append(Status("log", tr_staff("Log file"), "info", tr_staff("stderr only")))
    if sdnotify.supervised():
        hours = settings.kiosk.fresh_start_hours
        fresh = (tr_staff("It starts afresh after %n hours of running, the next time a session "
                          "ends with nobody at the kiosk ([kiosk] fresh_start_hours).", None, hours)
                 if hours else tr_staff("It never starts afresh by itself ([kiosk] "
                                        "fresh_start_hours = 0)."))
        statuses.append(Status("maintenance", tr_staff("Maintenance"), "info", tr_staff(
            "This kiosk runs under systemd and restarts a few seconds after Exit kiosk. "
            "For maintenance, stop it with: systemctl stop kiosk"), (fresh,)))
    usage = None
    if stats is not None:
        usage = usage_table(stats, settings.stats.min_count)
    return Report(tuple(statuses), usage, tr_staff("Usage, last %n days", None, USAGE_DAYS))
