"""The finder's search rules, kept in one small module until they move to the Qt-free core.

Which radii a patient can pick, the query built from the chips, the wider-radius
offer for an empty search, the host clinic first, and the contact card behind
the QR code. The screen calls only these names, so switching to
``kiosk.locator``'s versions is one import edit here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kiosk.ui.models import CLINIC, HEADER_AT_HOME, HEADER_OUTPATIENT, ResultRow
from kiosk.ui.widgets.qr import contact_vcard

if TYPE_CHECKING:
    from kiosk.locator import Clinic, Directory, SearchQuery, SearchResult

RADII: tuple[int, ...] = (10, 25, 50, 100, 250)
RESULT_LIMIT = 50  # per section: outpatient clinics, at-home providers


def nearest_radius(miles: float) -> int:
    """The chip closest to a configured radius (ties go to the wider one)."""
    return min(RADII, key=lambda r: (abs(r - miles), -r))


@dataclass(frozen=True)
class Filters:
    """What the chips say: one radius, any conditions (none = all), and a kind."""

    radius: int
    conditions: tuple[str, ...] = ()
    kind: str = "both"  # "outpatient" | "at_home" | "both"

    def query_kind(self) -> str | None:
        return None if self.kind == "both" else self.kind

    def query(self, *, zip_code: str | None = None, state: str | None = None) -> SearchQuery:
        """The search these filters ask for, near a ZIP or in a state (a state has no radius)."""
        from kiosk.locator import SearchQuery

        if state is not None:
            return SearchQuery(state=state, conditions=self.conditions, kind=self.query_kind())
        return SearchQuery(zip=zip_code, radius_miles=self.radius, conditions=self.conditions,
                           kind=self.query_kind())


def limited(query: SearchQuery) -> SearchQuery:
    """A screen shows the nearest few dozen: rows for thousands would only slow the tap."""
    return query if query.limit is not None else replace(query, )


def wider_radius(directory: Directory, query: SearchQuery, result: SearchResult) -> int | None:
    """For an empty ZIP search: the smallest wider chip that finds a clinic, if any."""
    from kiosk.locator import DirectoryError, QueryError, SearchQuery

    if query.zip is None or result.outpatient or query.kind == "at_home":
        return None
    for miles in (r for r in RADII if r > query.radius_miles):
        try:
            probe = directory.search(SearchQuery(zip=query.zip, radius_miles=miles,
                                                 conditions=query.conditions,
                                                 kind="outpatient", limit=1))
        except (QueryError, DirectoryError):
            return None
        if probe.outpatient:
            return miles
    return None


def result_rows(result: SearchResult, host_id: str) -> list[ResultRow]:
    """Section headers and clinics, the host clinic first when the search found it.

    A clinic outside the radius is never added, or "No clinics within 10 miles"
    would sit above one.
    """
    outpatient = sorted(result.outpatient, key=lambda c: c.id != host_id)
    at_home = sorted(result.at_home, key=lambda c: c.id != host_id)
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
