"""Session state shared by the screens: language, text size and theme, with change signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.settings import Settings
from kiosk.ui import i18n, theme


class KioskState(QObject):
    """What a patient can change during a session; ``reset`` restores the settings' defaults."""

    language_changed = Signal(str)
    appearance_changed = Signal()

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = settings.kiosk.default_language
        self.text_step = 0
        self.theme = settings.kiosk.theme
        i18n.set_language(self.language)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.settings.kiosk.languages

    @property
    def text_px(self) -> int:
        return theme.text_px(self.settings.kiosk.text_scale, self.text_step)

    @property
    def shape_px(self) -> int:
        """The body size at the first text step: the stylesheet's padding and corners."""
        return theme.text_px(self.settings.kiosk.text_scale, 0)

    def set_language(self, code: str) -> None:
        if code != self.language and code in self.languages:
            self.language = code
            i18n.set_language(code)
            self.language_changed.emit(code)

    def next_language(self) -> str:
        langs = self.languages
        return langs[(langs.index(self.language) + 1) % len(langs)]

    def cycle_text_step(self) -> None:
        self.text_step = (self.text_step + 1) % len(theme.TEXT_STEPS)
        self.appearance_changed.emit()

    def toggle_theme(self) -> None:
        self.theme = "high-contrast" if self.theme == "default" else "default"
        self.appearance_changed.emit()

    def reset(self) -> None:
        changed = self.text_step != 0 or self.theme != self.settings.kiosk.theme
        self.text_step = 0
        self.theme = self.settings.kiosk.theme
        self.set_language(self.settings.kiosk.default_language)
        if changed:
            self.appearance_changed.emit()
