"""Plain data for the content pack: pages, list-page cards and problems. No Qt, no I/O.

Immutable records are NamedTuples, the one kind of record in ``kiosk/``
(tests/test_architecture.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NamedTuple

KINDS = ("article", "list", "help", "locator")
ICONS = (
    "welcome", "ketamine", "ptsd", "symptoms", "causes", "treatments", "research",
    "brain", "risks", "question", "help", "locator",
)
Severity = Literal["error", "warning"]

# Characters that hide or reorder text: bidi embeddings, overrides and isolates, and
# zero-width characters. In a title or summary they can make one text look like another.
INVISIBLE = {
    **{chr(c): "a direction-changing character" for c in (*range(0x202A, 0x202F),
                                                          *range(0x2066, 0x206A))},
    "\u200e": "a direction mark", "\u200f": "a direction mark", "\u061c": "a direction mark",
    "\u200b": "a zero-width space", "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner", "\u2060": "a word joiner", "\ufeff": "a zero-width no-break space",
    "\u00ad": "a soft hyphen", "\u180e": "an invisible separator",
}


def invisible_character(text: str) -> tuple[str, str] | None:
    """The first character of ``text`` that hides or reorders text, and what it is."""
    for ch in text:
        what = INVISIBLE.get(ch)
        if what:
            return ch, what
    return None


class Card(NamedTuple):
    """One touch card on a list page: a short name and a one-line explanation.

    ``html`` is the explanation as safe inline HTML (glossary terms as ``term:`` links);
    empty when the text has no markup worth keeping.
    """

    name: str
    text: str
    html: str = ""


class Term(NamedTuple):
    """One glossary entry: a hard word and its plain definition."""

    id: str
    term: str
    definition: str


class CardGroup(NamedTuple):
    """Cards under one ``##`` heading of a list page."""

    heading: str
    cards: tuple[Card, ...]


class Page(NamedTuple):
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
    terms: tuple[str, ...] = ()  # glossary ids the page links to, in order of first use
    reviewed_fingerprint: str = ""

    @property
    def needs_review(self) -> bool:
        """True until a clinician's name and review date are both filled in."""
        return not (self.reviewed_by.strip() and self.reviewed_on.strip())


class ContentProblem(NamedTuple):
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
