"""The finder's search rules as the screens use them.

The rules (radii, the query built from the chips, the wider-radius offer, the host
clinic first) live in the Qt-free core, :mod:`kiosk.locator.rules`; this module
re-exports them and adds what only a screen needs: the rows of the result list and
the contact card behind the QR code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The rules themselves live in the Qt-free core (kiosk/locator/rules.py).
from kiosk.locator.rules import (  # noqa: F401 (re-exported for the screens)
    RADII,
    RESULT_LIMIT,
    Filters,
    build_query,
    host_badge,
    host_first,
    nearest_radius,
    sections,
    wider_radius,
)
from kiosk.ui.i18n import tr
from kiosk.ui.models import CLINIC, SECTION_HEADERS, ResultRow, address_text
from kiosk.ui.widgets.qr import contact_vcard

if TYPE_CHECKING:
    from kiosk.locator import Clinic, SearchQuery, SearchResult

__all__ = ["RADII", "RESULT_LIMIT", "Filters", "build_query", "nearest_radius", "limited",
           "wider_radius", "result_rows", "contact_card", "take_home_text", "host_badge"]


def limited(query: SearchQuery) -> SearchQuery:
    """A screen shows the nearest few dozen: rows for thousands would only slow the tap."""
    return query if query.limit is not None else query._replace(limit=RESULT_LIMIT)


def result_rows(result: SearchResult, host_id: str, badge: bool = True) -> list[ResultRow]:
    """Section headers (with counts) and clinics, the host clinic first in its section.

    Sections in screen order: clinics to visit, care at home, other PTSD care. Located
    clinics get map pin numbers, one sequence across both located sections. The host
    keeps its place first even without the badge (``badge`` False: its distance from the
    home ZIP says host_clinic_id or home_zip is wrong). A clinic outside the radius is
    never added, or "No clinics within 10 miles" would sit above one.
    """
    rows: list[ResultRow] = []
    number = 0
    for section in sections(result, host_id):
        # Care at home is found by state; other PTSD care is "near you" for a ZIP search.
        state = result.state or "" if section.key == "at_home" or result.origin is None else ""
        rows.append(ResultRow(SECTION_HEADERS[section.key], state=state,
                              total=section.size, complete=section.complete))
        for clinic in section.clinics:
            pin = 0
            if clinic.located and clinic.lat == clinic.lat:
                number += 1
                pin = number
            rows.append(ResultRow(CLINIC, clinic, pin, badge and bool(host_id) and clinic.id == host_id))
    return rows


def contact_card(clinic: Clinic) -> str:
    """The vCard a patient's phone saves from the QR code (no address for at-home care)."""
    located = clinic.located
    return contact_vcard(clinic.name, phone=clinic.phone,
                         street=clinic.address if located else "",
                         city=clinic.city if located else "",
                         region=clinic.state if located else "",
                         zipcode=clinic.zip if located else "", website=clinic.website)


def take_home_text(clinics: list[Clinic]) -> str:
    """The take-home list as plain text (any phone camera shows it without an app).

    Each clinic's name, phone and address (none for care at home), then 988. Plain text,
    not a vCard: one code holds several places, and a camera shows text as it is.
    """
    lines = [tr("Clinics to call")]
    for i, clinic in enumerate(clinics, 1):
        lines += ["", f"{i}. {clinic.name}"]
        if clinic.phone:
            lines.append(clinic.phone)
        address = address_text(clinic)
        if address:
            lines.append(address)
        elif not clinic.located:
            lines.append(tr("Care at home"))
    lines += ["", tr("Call to confirm before you go."), "",
              tr("In crisis or thinking of suicide: call or text 988 (free, 24/7).")]
    return "\n".join(lines)
