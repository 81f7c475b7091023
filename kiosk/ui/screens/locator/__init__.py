"""The clinic finder: one page per file (search, states, results, detail), its loader and rules."""

from kiosk.ui.screens.locator.rules_ui import Filters, contact_card
from kiosk.ui.screens.locator.screen import LocatorScreen

__all__ = ["Filters", "LocatorScreen", "contact_card"]
