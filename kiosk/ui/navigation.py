"""Where the patient is and how they got there: the Back history."""

from __future__ import annotations

from typing import NamedTuple

from kiosk.ui.screens.base import ScreenName

HISTORY_LIMIT = 50
NOT_REMEMBERED = frozenset({ScreenName.ERROR})  # Back never returns to the error screen


class Entry(NamedTuple):
    """A place: a screen, and for the reader the page shown."""

    screen: ScreenName
    page_id: str = ""


HOME = Entry(ScreenName.HOME)


class History:
    """The current place and the places Back returns to (the newest last)."""

    def __init__(self) -> None:
        self.current = HOME
        self._back: list[Entry] = []

    def go(self, entry: Entry, *, remember: bool = True) -> None:
        """Move to ``entry``; with ``remember`` the place left is kept for Back."""
        if remember and entry != self.current and self.current.screen not in NOT_REMEMBERED:
            self._back.append(self.current)
            del self._back[:-HISTORY_LIMIT]
        self.current = entry

    def back(self) -> Entry | None:
        """The place Back returns to, removed from the history (None when there is none)."""
        return self._back.pop() if self._back else None

    def clear(self) -> None:
        self._back.clear()

    def entries(self) -> list[Entry]:
        return list(self._back)

    def __bool__(self) -> bool:
        return bool(self._back)

    def __len__(self) -> int:
        return len(self._back)
