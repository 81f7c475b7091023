"""The key map's vocabulary: actions, key names and the default map. No Qt here.

Settings (``[keys]``) validate names with :func:`key_problem` without importing Qt;
:mod:`kiosk.ui.access.keys` turns names into Qt key codes (``docs/accessibility.md``).

Key names are Qt's own without the ``Key_`` prefix (``Up``, ``Return``, ``Backspace``,
``PageDown``, ``F1``, ``A``, ``5``), matched without regard to case. Keys on a numeric
keypad are ``KP_0`` ... ``KP_9``, ``KP_Enter``, ``KP_Plus``, ``KP_Minus``,
``KP_Multiply``, ``KP_Divide`` and ``KP_Decimal``: each matches the key with NumLock
on and with NumLock off (keypad 8 then arrives as Up, 5 as Clear, 0 as Insert).
A plain name never matches a keypad key, so ``5`` is the top-row digit only.
"""

from __future__ import annotations

from typing import Literal, get_args

from kiosk.textfile import closest

Action = Literal[
    "move_up", "move_down", "move_left", "move_right", "next", "previous", "select",
    "back", "home", "help", "repeat", "speech", "volume_up", "volume_down", "privacy",
    "more_time",
]
ACTIONS: tuple[Action, ...] = get_args(Action)

DEFAULT_KEYS: dict[Action, tuple[str, ...]] = {
    "move_up": ("Up", "Backtab", "KP_8"),
    "move_down": ("Down", "Tab", "KP_2"),
    "move_left": ("Left", "KP_4"),
    "move_right": ("Right", "KP_6"),
    "next": ("PageDown", "KP_3"),
    "previous": ("PageUp", "KP_9"),
    "select": ("Return", "Space", "KP_Enter", "KP_5"),
    "back": ("Backspace", "KP_Minus"),
    "home": ("Home", "KP_7"),
    # Not a digit: on the ZIP pad (NumLock on) digits type, and help must always work.
    "help": ("F1", "KP_Decimal"),
    "repeat": ("F3", "KP_0"),
    "speech": ("F2", "KP_Plus"),
    "volume_up": ("F8", "VolumeUp", "KP_Multiply"),
    "volume_down": ("F7", "VolumeDown", "KP_Divide"),
    "privacy": ("F6", "KP_1"),
    "more_time": ("F9",),
}

# Keypad keys: the Qt key names they send with NumLock on, then with NumLock off.
KEYPAD: dict[str, tuple[str, ...]] = {
    "KP_0": ("0", "Insert"), "KP_1": ("1", "End"), "KP_2": ("2", "Down"),
    "KP_3": ("3", "PageDown"), "KP_4": ("4", "Left"), "KP_5": ("5", "Clear"),
    "KP_6": ("6", "Right"), "KP_7": ("7", "Home"), "KP_8": ("8", "Up"),
    "KP_9": ("9", "PageUp"), "KP_Decimal": ("Period", "Comma", "Delete"),
    "KP_Enter": ("Enter", "Return"), "KP_Plus": ("Plus",), "KP_Minus": ("Minus",),
    "KP_Multiply": ("Asterisk",), "KP_Divide": ("Slash",),
}

_SPECIAL = (
    "Up", "Down", "Left", "Right", "Tab", "Backtab", "Return", "Enter", "Space",
    "Backspace", "Delete", "Insert", "Home", "End", "PageUp", "PageDown", "Clear",
    "Plus", "Minus", "Asterisk", "Slash", "Period", "Comma", "Equal", "Help", "Menu",
    "Select", "Execute", "Play", "Pause", "Stop", "MediaPlay", "MediaPause",
    "MediaTogglePlayPause", "MediaStop", "MediaNext", "MediaPrevious", "VolumeUp",
    "VolumeDown", "VolumeMute", "Escape", "Print", "ScrollLock",
)
PLAIN_KEYS: tuple[str, ...] = (
    *_SPECIAL,
    *(f"F{n}" for n in range(1, 25)),
    *(chr(c) for c in range(ord("A"), ord("Z") + 1)),
    *(str(d) for d in range(10)),
)
_CANONICAL = {name.lower(): name for name in (*PLAIN_KEYS, *KEYPAD)}
# Keys the map may not take: they are how the kiosk stays locked and how Qt moves
# between windows (Escape is allowed: the locked-down window ignores it anyway).
_FORBIDDEN = frozenset({"NumLock", "CapsLock", "Shift", "Control", "Alt", "Meta"})


def canonical(name: str) -> str | None:
    """The key's canonical spelling (``kp_enter`` -> ``KP_Enter``), or None if unknown."""
    return _CANONICAL.get(name.strip().lower())


def key_problem(name: str) -> str | None:
    """Why ``name`` is not a key name the map accepts, or None if it is."""
    if not isinstance(name, str) or not name.strip():
        return "a key name must be a non-empty string"
    if name.strip() in _FORBIDDEN:
        return f"{name!r} cannot be mapped (a modifier or lock key)"
    if canonical(name) is not None:
        return None
    close = closest(name.strip().lower(), _CANONICAL)
    hint = f"; did you mean {_CANONICAL[close]!r}?" if close is not None else ""
    return f"unknown key {name!r}{hint}"


def merged_map(overrides: dict[str, list[str] | tuple[str, ...]] | None
               ) -> list[tuple[Action, tuple[str, ...]]]:
    """The defaults with ``[keys]`` overrides applied, in priority order.

    An action listed in the overrides replaces its keys and comes first, so a key a
    staff member gives to one action is taken from the default action that had it.
    Unknown actions and names are left out (settings validation reports them).
    """
    overrides = overrides or {}
    chosen: list[tuple[Action, tuple[str, ...]]] = []
    for action, names in overrides.items():
        if action in ACTIONS:
            keys = tuple(c for c in (canonical(n) for n in names) if c)
            chosen.append((action, keys))  # type: ignore[arg-type]
    chosen += [(a, keys) for a, keys in DEFAULT_KEYS.items() if a not in overrides]
    return chosen
