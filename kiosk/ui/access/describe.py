"""What speech output says: a control's name, role and state, and where the patient is.

Everything here reads the screens' public widgets and texts; it changes nothing.
Every word spoken goes through ``tr`` (tests/test_i18n.py checks the Spanish).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QTextBrowser,
    QWidget,
)

from kiosk.ui.access.focus import CARD, label_links
from kiosk.ui.i18n import N_, language, tr
from kiosk.ui.speech import digit_words, speakable_text

if TYPE_CHECKING:
    from kiosk.ui.window import MainWindow

_STEP_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_MILES_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*mi\b")


def spoken(text: str) -> str:
    """Screen text made fit for the voice in the current language (miles, phone digits)."""
    miles = tr("miles")
    text = _MILES_RE.sub(lambda m: m.group(1) + " " + miles, text)
    return speakable_text(text, language()).replace("\n", " ")


def _join(*parts: str) -> str:
    return ", ".join(p.strip().rstrip(".") for p in parts if p and p.strip())


def describe(widget: QWidget | None) -> str:
    """Name, role and state of a control, e.g. "Text size, button, step 2 of 3"."""
    if widget is None:
        return ""
    if isinstance(widget, QAbstractItemView):
        return describe_row(widget) or _join(widget.accessibleName(), tr("list"))
    if widget.objectName() == CARD:
        name, text = widget.accessibleName(), widget.accessibleDescription()
        if text.startswith(name):  # a description that repeats the title says it once
            name = ""
        return spoken(_join(name, text) + ".")
    if isinstance(widget, QLabel):
        found = label_links(widget)
        index = widget.property("accessLink")
        index = index if isinstance(index, int) and 0 <= index < len(found) else 0
        return spoken(found[index][1]).rstrip(".") + ", " + tr("link") + "." if found else ""
    if isinstance(widget, QTextBrowser):
        # Named once when built ("Page text"): said in the language of now.
        return spoken(_join(tr(widget.accessibleName()), tr("text")) + ".")
    name = widget.accessibleName()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text()
    parts = [name]
    if isinstance(widget, QAbstractButton):
        parts.append(tr("button"))
        if widget.isCheckable():
            parts.append(tr("selected") if widget.isChecked() else tr("not selected"))
    if not widget.isEnabled():
        parts.append(tr("unavailable"))
    description = widget.accessibleDescription()
    if description and description != name:
        step = _STEP_RE.match(description)
        parts.append(tr("step {current} of {total}", current=step.group(1), total=step.group(2))
                     if step else description)
    return spoken(_join(*parts) + ".")


def describe_row(view: QAbstractItemView) -> str:
    """The current row of a list: its text and its place ("3 of 12")."""
    index = view.currentIndex()
    model = view.model()
    if model is None or not index.isValid():
        return ""
    selectable = [r for r in range(model.rowCount())
                  if model.flags(model.index(r, 0)) & Qt.ItemFlag.ItemIsSelectable]
    text = model.data(index, Qt.ItemDataRole.AccessibleTextRole) or \
        model.data(index, Qt.ItemDataRole.DisplayRole) or ""
    place = ""
    if index.row() in selectable:
        place = tr("{current} of {total}", current=selectable.index(index.row()) + 1,
                   total=len(selectable))
    return spoken(_join(str(text), place) + ".")


_KEY_WORDS = {
    "KP_Plus": N_("plus"), "KP_Minus": N_("minus"), "KP_Multiply": N_("star"),
    "KP_Divide": N_("slash"), "KP_Decimal": N_("point"), "KP_Enter": N_("Enter"),
    "Return": N_("Enter"), "Space": N_("Space"), "Backspace": N_("Backspace"),
    "PageDown": N_("Page Down"), "PageUp": N_("Page Up"), "Up": N_("Up arrow"),
    "Down": N_("Down arrow"), "Left": N_("Left arrow"), "Right": N_("Right arrow"),
}


def key_words(name: str) -> str:
    """A key as said aloud: "3" for keypad 3, "Page Down", "F2"."""
    if name in _KEY_WORDS:
        return tr(_KEY_WORDS[name])
    return name.removeprefix("KP_")


def key_hint(keypad: str, keyboard: str) -> str:
    """"3 or Page Down": the keypad's key first (speech users mostly have the keypad)."""
    names = [key_words(n) for n in (keypad, keyboard) if n]
    if len(names) == 2:
        return tr("{first} or {second}", first=names[0], second=names[1])
    return names[0] if names else ""


def zip_echo(digit: str, value: str, length: int) -> str:
    """What is said after a digit is typed: the digit, and once complete the whole number."""
    lang = language()
    if len(value) >= length:
        return _join(digit_words(value, lang), tr("Press Enter to search")) + "."
    return digit_words(digit, lang) + "."


def zip_deleted(value: str) -> str:
    lang = language()
    return _join(tr("Deleted"), digit_words(value, lang) if value else tr("empty")) + "."


def clinics_found(count: int) -> str:
    if count == 0:
        return tr("No clinics found.")
    return tr("%n clinics found.", None, count)


def label_unnamed(root: QWidget) -> None:
    """Give a name and a description to panels that have none (the QR code's panel).

    Controls name themselves; this fills what screen readers would otherwise meet
    as a silent frame. Hidden cards are named too: a card a page shows or moves after
    the screen is announced (the finder's "how this works") is not left silent.
    """
    from kiosk.ui.widgets.qr import QrWidget

    for frame in root.findChildren(QWidget, CARD):
        mine = bool(frame.property("accessNamed"))
        if frame.accessibleName() and not mine:
            continue
        frame.setProperty("accessNamed", True)  # renamed on each visit: the language may change
        texts = [label.text() for label in frame.findChildren(QLabel) if label.text()]
        if frame.findChildren(QrWidget):
            frame.setAccessibleName(tr("QR code"))
        elif texts:
            frame.setAccessibleName(texts[0])
            texts = texts[1:]
        frame.setAccessibleDescription(" ".join(texts))


def sections(model) -> list[str]:
    """ "Clinics you can visit: 45." for each section of a result list with more than one."""
    counts: list[list] = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.flags(index) & Qt.ItemFlag.ItemIsSelectable:
            if counts:
                counts[-1][1] += 1
        else:
            counts.append([str(model.data(index, Qt.ItemDataRole.AccessibleTextRole) or ""), 0])
    if len(counts) < 2:
        return []
    return [tr("{section}: {count}.", section=name, count=n) for name, n in counts if name]


# --- where the patient is ------------------------------------------------------------


class Place(NamedTuple):
    """A screen (or part of one) as speech output announces it."""

    key: tuple
    announcement: str
    parts: tuple[str, ...]
    prefer: str = ""  # accessible name of the control to start on, if not the first


def _visible_text(label: QLabel | None) -> str:
    if label is None or not label.isVisible():
        return ""
    return label.text()


def _page_parts(plain: str) -> tuple[str, ...]:
    """A page's parts in reading order: each heading, paragraph and card is one."""
    lang = language()
    return tuple(line for line in (speakable_text(raw, lang) for raw in plain.splitlines()) if line)


def where(window: MainWindow, next_key: str = "") -> Place:
    """The place on show and how to announce it (``next_key``: how to say the Next part key)."""
    screen = window.current_screen()
    name = getattr(screen, "name", "")
    if name == "page":
        return _reader_place(window, screen, next_key)
    if name == "help":
        page = getattr(screen, "page", None)
        parts = _page_parts(page.plain_text) if page is not None else (
            spoken(tr("Call or text 988. In danger now: call 911. Tell the front desk.")),)
        title = tr("Get help now")
        heading = [] if parts and parts[0].rstrip(".") == title else [title + "."]
        return Place(("help",), " ".join([*heading, *parts]), parts)
    if name == "locator":
        return _locator_place(screen)
    if name == "home":
        from kiosk.settings import kiosk_name

        title = kiosk_name(window.settings.kiosk, window.state.language)
        text = _join(tr("Home screen"), title) + ". " + tr(
            "Learn at your own pace. Tap a topic to begin.")
        return Place(("home",), spoken(text), (spoken(title),))
    if name == "hidden":
        text = tr("Take a moment.") + " " + tr("Breathe in slowly, and out slowly.")
        return Place(("hidden",), text, (text,))
    if name == "staff":
        return Place(("staff",), tr("Staff") + ".", ())
    return generic_place(screen)


def generic_place(screen: QWidget) -> Place:
    """Any screen, from the texts of its visible labels in layout order."""
    labels = [w.text() for w in screen.findChildren(QLabel) if w.isVisible() and w.text()]
    text = spoken(" ".join(labels))
    return Place((getattr(screen, "name", ""),), text, tuple(spoken(t) for t in labels))


def _reader_place(window: MainWindow, reader: QWidget, next_key: str) -> Place:
    page = getattr(reader, "page", None)
    if page is None:
        return Place(("page", ""), "", ())
    if reader.showing_warning():  # type: ignore[attr-defined]
        text = _join(tr("A note before you read"), page.content_warning) + ". " + tr(
            "Choose Continue to read the page, or Go back.")
        return Place(("page", page.id, "warning"), spoken(text), (spoken(page.content_warning),),
                     prefer=tr("Continue"))
    parts = _page_parts(page.plain_text)
    ids = [p.id for p in window.sequence()]
    position = ""
    if page.id in ids:
        position = tr("Page {current} of {total}.", current=ids.index(page.id) + 1, total=len(ids))
    hint = tr("Press {key} to hear the next part.", key=next_key) if next_key else ""
    text = " ".join(t for t in (spoken(page.title), position, hint) if t)
    return Place(("page", page.id), text, parts)


def _locator_place(locator: QWidget) -> Place:
    sub = locator.page()  # type: ignore[attr-defined]
    if sub == "search":
        page = locator.search_page  # type: ignore[attr-defined]
        message = _visible_text(page.message)
        text = _join(tr("Find a clinic"), message) + ". " + tr(
            "Type the 5 numbers of a ZIP code, then press Enter.")
        return Place(("locator", "search", message), spoken(text), (spoken(text),))
    if sub == "states":
        return Place(("locator", "states"), tr("Choose your state") + ".", ())
    if sub == "results":
        page = locator.results_page  # type: ignore[attr-defined]
        model = locator.model  # type: ignore[attr-defined]
        count = len(model.clinics())
        parts = tuple(spoken(t) for t in (page.summary.text(), clinics_found(count),
                                          _visible_text(page.empty_text), *sections(model)) if t)
        return Place(("locator", "results", page.summary.text()), " ".join(parts), parts)
    if sub == "detail":
        page = locator.detail_page  # type: ignore[attr-defined]
        fields = [spoken(t) for t in (_visible_text(page.here), page.name.text()) if t]
        for title, value in page.labels.values():
            if value.isVisible() and value.text():
                fields.append(spoken(f"{title.text()}: {value.text()}"))
        fields.append(spoken(_visible_text(page.verified)))
        fields.append(spoken(_join(tr("QR code"), page.caption.text())))
        said = [p for p in fields if p]
        return Place(("locator", "detail", page.name.text()), " ".join(said), tuple(said))
    labels = [w.text() for w in locator.findChildren(QLabel) if w.isVisible() and w.text()]
    return Place(("locator", sub), spoken(" ".join(labels)), ())
