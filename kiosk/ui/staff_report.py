"""The staff report: what is live, what is wrong, as headed lists of plain lines."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kiosk.content import Pack
from kiosk.settings import Settings
from kiosk.ui.screens.base import Screen
from kiosk.ui.services import UsageCounts

if TYPE_CHECKING:
    from kiosk.ui.updates import LiveUpdates

Section = tuple[str, list[str]]


class Voice(Protocol):
    def available(self) -> bool: ...

    def engine_name(self) -> str: ...


def build_report(settings: Settings, pack: Pack, *, screens: Iterable[Screen] = (),
                 stats: UsageCounts | None = None, updates: LiveUpdates | None = None,
                 voice: Voice | None = None, log_file: Path | None = None) -> list[Section]:
    """Every section of the staff screen, from the pieces that know each fact."""
    review = [f"{p.lang}/{p.id}: {p.title}" for lang in pack.languages
              for p in pack.pages(lang) if p.needs_review]
    content_lines = [
        f"{'Built-in pack' if pack.is_builtin else 'Pack'}: {pack.source_dir}",
        f"Version {pack.version}, loaded {pack.loaded_at:%Y-%m-%d %H:%M}",
    ] + [f"{lang}: {len(pack.pages(lang))} pages" for lang in pack.languages]
    if pack.fell_back:
        content_lines.append("The configured pack had no valid page; showing the built-in pack.")
    sections: list[Section] = [
        ("Settings problems", [str(p) for p in settings.problems]),
        ("Content", content_lines),
        ("Content problems", [str(p) for p in pack.problems]),
        ("Pages awaiting clinical review", review),
    ]
    sections += [(screen.staff_title, screen.staff_lines()) for screen in screens
                 if screen.staff_title]
    if stats is not None:
        summary = stats.summary(7)
        sections.append(("Usage, last 7 days", [f"{day}: {dict(counts)}"
                                                for day, counts in summary.items()]))
    if updates is not None:
        sections.append(("Live updates", updates.status_lines()))
    sections.append(("Read-aloud", [
        f"Voice: {voice.engine_name()}" if voice is not None and voice.available()
        else "No voice installed: the Listen button is hidden (see docs/read-aloud.md)."]))
    sections.append(("Log file", [str(log_file) if log_file else "stderr only"]))
    if os.environ.get("NOTIFY_SOCKET"):
        sections.append(("Maintenance", [
            "This kiosk runs under systemd and restarts a few seconds after Exit kiosk. "
            "For maintenance, stop it with: systemctl stop kiosk"]))
    return sections
