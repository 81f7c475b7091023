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
    host_first,
    nearest_radius,
    wider_radius,
)
from kiosk.ui.models import CLINIC, HEADER_AT_HOME, HEADER_OUTPATIENT, ResultRow
from kiosk.ui.widgets.qr import contact_vcard

if TYPE_CHECKING:
    from kiosk.locator import Clinic, SearchQuery, SearchResult

__all__ = ["RADII", "RESULT_LIMIT", "Filters", "build_query", "nearest_radius", "limited",
           "wider_radius", "result_rows", "contact_card"]


def limited(query: SearchQuery) -> SearchQuery:
    """A screen shows the nearest few dozen: rows for thousands would only slow the tap."""
    return query if query.limit is not None else query._replace(limit=RESULT_LIMIT)


def result_rows(result: SearchResult, host_id: str) -> list[ResultRow]:
    """Section headers and clinics, the host clinic first when the search found it.

    A clinic outside the radius is never added, or "No clinics within 10 miles"
    would sit above one.
    """
    outpatient = host_first(list(result.outpatient), host_id)
    at_home = host_first(list(result.at_home), host_id)
    rows: list[ResultRow] = []
    if outpatient:
        rows.append(ResultRow(HEADER_OUTPATIENT))
        rows += [ResultRow(CLINIC, c, i + 1, bool(host_id) and c.id == host_id)
                 for i, c in enumerate(outpatient)]
    if at_home:
        rows.append(ResultRow(HEADER_AT_HOME, state=result.state or ""))
        rows += [ResultRow(CLINIC, c, 0, bool(host_id) and c.id == host_id) for c in at_home]
    return rows


def contact_card(clinic: Clinic) -> str:
    """The vCard a patient's phone saves from the QR code (no address for at-home care)."""
    outpatient = clinic.kind == "outpatient"
    return contact_vcard(clinic.name, phone=clinic.phone,
                         street=clinic.address if outpatient else "",
                         city=clinic.city if outpatient else "",
                         region=clinic.state if outpatient else "",
                         zipcode=clinic.zip if outpatient else "", website=clinic.website)
