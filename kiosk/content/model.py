"""Plain data for the content pack: pages, list-page cards and problems. No Qt, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

KINDS = ("article", "list", "help", "locator")
ICONS = (
    "welcome", "ketamine", "ptsd", "symptoms", "causes", "treatments", "research",
    "brain", "risks", "question", "help", "locator",
)
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Card:
    """One touch card on a list page: a short name and a one-line explanation."""

    name: str
    text: str


@dataclass(frozen=True)
class CardGroup:
    """Cards under one ``##`` heading of a list page."""

    heading: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Page:
    """One page of the content pack, parsed and rendered."""

    id: str
    title: str
    order: int
    kind: str
    summary: str
    icon: str
    sources: tuple[str, ...]
    reviewed_by: str
    reviewed_on: str
    content_warning: str
    lang: str
    path: Path
    body: str
    html: str
    groups: tuple[CardGroup, ...] = ()
    intro_html: str = ""
    plain_text: str = ""

    @property
    def needs_review(self) -> bool:
        """True until a clinician's name and review date are both filled in."""
        return not (self.reviewed_by.strip() and self.reviewed_on.strip())


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with a page or the pack, located by file and line."""

    file: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
