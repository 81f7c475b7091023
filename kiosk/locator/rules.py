"""The finder's search rules, Qt-free: the patient's filters, the query built from them,
the wider-radius offer, and the host clinic first.

Light to import (no sqlite, no csv): the screen module imports it at load time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from kiosk.locator.model import (
    LOCATED_KINDS,
    DirectoryError,
    QueryError,
    SearchQuery,
    SearchResult,
    Section,
)

if TYPE_CHECKING:
    from kiosk.locator.directory import Directory
    from kiosk.locator.model import Origin
    from kiosk.locator.schema import Clinic

RADII: tuple[int, ...] = (10, 25, 50, 100, 250)  # the radius chips, in miles
RESULT_LIMIT = 50  # per section: a screen shows the nearest few dozen
# The "This clinic" badge goes on the host clinic only when it is in the kiosk's home ZIP
# or lies this close to its centroid; farther, host_clinic_id or home_zip is probably
# wrong (host_problem, which check-config reports, says so).
HOST_NEAR_MILES = 2.0

FilterKind = Literal["outpatient", "at_home", "therapy", "both"]


def nearest_radius(miles: float) -> int:
    """The chip closest to a configured radius (ties go to the wider one)."""
    return min(RADII, key=lambda r: (abs(r - miles), -r))


class Filters(NamedTuple):
    """What the chips say. Every filter narrows; none set means everything.

    ``kind`` "both" (the name the chips have always used) means every section.
    """

    radius: int
    conditions: tuple[str, ...] = ()
    kind: str = "both"  # a FilterKind
    payment: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    telehealth: bool = False
    veterans: bool = False

    def query_kind(self) -> str | None:
        return None if self.kind == "both" else self.kind


def build_query(filters: Filters, *, zip: str | None = None, state: str | None = None,
                limit: int | None = RESULT_LIMIT) -> SearchQuery:
    """The search for a ZIP (radius from the filters) or a whole state."""
    return SearchQuery(zip=zip, state=state, radius_miles=filters.radius,
                       conditions=filters.conditions, kind=filters.query_kind(), limit=limit,
                       payment=filters.payment, languages=filters.languages,
                       telehealth=filters.telehealth, veterans=filters.veterans)


def wider_radius(directory: Directory, query: SearchQuery, result: SearchResult) -> int | None:
    """For a ZIP search whose located sections came back empty: the smallest wider chip
    that finds one of them (one nearest-1 probe per empty kind), else None.

    Located sections: clinics to visit and other PTSD care; with no kind chosen, only an
    empty "visit" section asks (therapy found nearby does not hide the offer).
    """
    if query.zip is None:
        return None
    asked = LOCATED_KINDS if query.kind is None else (query.kind,)
    found = {"outpatient": result.outpatient, "therapy": result.therapy}
    empty = [k for k in asked if k in found and not found[k]]
    if query.kind is None:
        empty = [k for k in empty if k == "outpatient"]
    if not empty:
        return None
    widest = max(RADII)
    if query.radius_miles >= widest:
        return None
    nearest: float | None = None
    for kind in empty:
        try:
            probe = directory.search(query._replace(radius_miles=widest, kind=kind, limit=1))
        except (QueryError, DirectoryError):
            return None
        clinics = probe.outpatient if kind == "outpatient" else probe.therapy
        if clinics and clinics[0].distance_miles is not None:
            d = clinics[0].distance_miles
            nearest = d if nearest is None else min(nearest, d)
    if nearest is None:
        return None
    return next((r for r in RADII if r > query.radius_miles and r >= nearest), None)


def host_first(clinics: list[Clinic], host_id: str) -> list[Clinic]:
    """The host clinic first when the search found it; never added from outside the
    radius (or "No clinics within 10 miles" would sit above it)."""
    if not host_id:
        return list(clinics)
    return sorted(clinics, key=lambda c: c.id != host_id)


def sections(result: SearchResult, host_id: str = "") -> list[Section]:
    """The non-empty sections in screen order (visit, at home, other PTSD care), each with
    the host clinic first if it is there."""
    return [s._replace(clinics=host_first(s.clinics, host_id))
            for s in result.sections if s.clinics]


def host_distance(host: Clinic | None, home: Origin | None) -> float | None:
    """Miles from the kiosk's home ZIP centroid to the host clinic (None if unknown)."""
    from kiosk.locator.geo import haversine_miles

    if host is None or home is None or not host.located:
        return None
    return haversine_miles(home.lat, home.lon, host.lat, host.lon)


def host_badge(host: Clinic | None, home: Origin | None) -> bool:
    """Whether the "This clinic" badge may show: the host is in or near the home ZIP."""
    miles = host_distance(host, home)
    if miles is None or host is None or home is None:
        return False
    return host.zip[:5] == home.zip or miles <= HOST_NEAR_MILES


def host_problem(directory: Directory, host_id: str, home_zip: str) -> str | None:
    """A one-line warning for check-config (the rule host_badge follows), or None when all
    is well."""
    from kiosk.locator.geo import lookup_zip

    if not host_id:
        return None
    host = directory.get(host_id)
    if host is None:
        return (f"locator.host_clinic_id: no clinic with id {host_id!r} in the directory; "
                "no clinic is pinned first")
    if not home_zip:
        return None
    try:
        home = lookup_zip(home_zip)
    except QueryError as exc:
        return f"locator.home_zip: {exc}"
    miles = host_distance(host, home)
    if miles is None:
        return (f"locator.host_clinic_id: clinic {host_id!r} is {host.kind.replace('_', '-')} "
                "care with no place to visit; the 'This clinic' badge is not shown")
    if not host_badge(host, home):
        return (f"locator.host_clinic_id: clinic {host_id!r} ({host.name}, ZIP {host.zip}) "
                f"lies {miles:.1f} miles from locator.home_zip {home.zip}; the 'This clinic' "
                f"badge is not shown (at most {HOST_NEAR_MILES:g} miles). Check both keys.")
    return None
