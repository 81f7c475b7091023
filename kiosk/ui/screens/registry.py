"""Which screens exist and how each is built: one entry per screen.

Adding a screen: a ``ScreenName``, a factory here (build it, connect its signals
to the host), and one ``SCREENS`` entry. The window builds a screen the first
time it is shown (Home before the first paint, see ``EAGER``), styles it, and
calls the hooks of ``Screen`` on it. Factories import their module lazily: a
screen nobody opens costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, Protocol

from kiosk.settings import Settings
from kiosk.ui.i18n import N_
from kiosk.ui.screens.base import Screen, ScreenName
from kiosk.ui.services import UsageCounts
from kiosk.ui.state import KioskState

if TYPE_CHECKING:
    from kiosk.ui.speech import Speaker


class Host(Protocol):
    """What screens are wired to (MainWindow provides it)."""

    settings: Settings
    state: KioskState
    stats: UsageCounts | None

    def voice(self) -> Speaker: ...
    def kiosk_name(self) -> str: ...
    def count(self, event: str, key: str = "") -> None: ...
    def announce(self, text: str) -> None: ...
    def open_page(self, page_id: str) -> None: ...
    def open_help(self) -> None: ...
    def open_locator(self) -> None: ...
    def open_staff(self) -> None: ...
    def step(self, delta: int) -> None: ...
    def go_back(self) -> None: ...
    def go_home(self) -> None: ...
    def recover_home(self) -> None: ...
    def reset_session(self) -> None: ...
    def reload_data(self) -> None: ...
    def exit_kiosk(self) -> None: ...


class ScreenSpec(NamedTuple):
    """How to build one screen and how the window treats it."""

    build: Callable[[Host], Screen]
    top_bar: bool = True  # Quick hide shows nothing that tells what was read
    warm: bool = False  # built just after start-up so its first tap is as fast as the rest


def _home(host: Host) -> Screen:
    from kiosk.ui.screens.home import HomeScreen

    home = HomeScreen(host.kiosk_name())
    home.page_requested.connect(host.open_page)
    home.locator_requested.connect(host.open_locator)
    home.help_requested.connect(host.open_help)
    return home


def _reader(host: Host) -> Screen:
    from kiosk.ui.screens.page import PageScreen

    reader = PageScreen(speaker=host.voice())
    reader.link_activated.connect(host.open_page)
    reader.step_requested.connect(host.step)
    reader.back_requested.connect(host.go_back)
    reader.listened.connect(lambda: host.count("read_aloud", host.state.language))
    reader.announce_requested.connect(host.announce)
    return reader


def _help(host: Host) -> Screen:
    from kiosk.ui.screens.simple import HelpScreen

    help_screen = HelpScreen(speaker=host.voice())
    help_screen.listened.connect(lambda: host.count("read_aloud", host.state.language))
    return help_screen


def _hidden(host: Host) -> Screen:
    from kiosk.ui.screens.simple import QuickHideScreen

    hidden = QuickHideScreen()
    hidden.return_requested.connect(host.go_back)
    hidden.start_over_requested.connect(host.reset_session)
    hidden.help_requested.connect(host.open_help)
    return hidden


def _staff(host: Host) -> Screen:
    from kiosk.ui.screens.staff import StaffScreen

    staff = StaffScreen()
    staff.back_requested.connect(host.go_home)
    staff.exit_requested.connect(host.exit_kiosk)
    staff.reload_requested.connect(host.reload_data)
    return staff


def _error(host: Host) -> Screen:
    from kiosk.ui.screens.simple import MessageScreen

    error = MessageScreen(ScreenName.ERROR, N_("Sorry, something went wrong."),
                          N_("The screen is working again. Tap Home to continue."),
                          screen_name=N_("Error screen"))
    error.home_requested.connect(host.recover_home)
    return error


def _locator(host: Host) -> Screen:
    from kiosk.ui.screens.locator import LocatorScreen

    return LocatorScreen(host.settings, host.state, stats=host.stats)


SCREENS: dict[ScreenName, ScreenSpec] = {
    ScreenName.HOME: ScreenSpec(_home),
    ScreenName.PAGE: ScreenSpec(_reader, warm=True),
    ScreenName.HELP: ScreenSpec(_help, warm=True),
    ScreenName.HIDDEN: ScreenSpec(_hidden, top_bar=False, warm=True),
    ScreenName.STAFF: ScreenSpec(_staff, top_bar=False),  # its own Back; not the patient's bar
    ScreenName.ERROR: ScreenSpec(_error),
    ScreenName.LOCATOR: ScreenSpec(_locator),
}
EAGER = ScreenName.HOME  # the only screen built before the first paint
