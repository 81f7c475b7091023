"""The SAMHSA FindTreatment.gov download, mapped to the kiosk's listing fields.

The download has fixed columns (``BASE_COLUMNS``) and then one lower-case
column per service code holding ``1``, ``1.0`` or nothing. Code names follow
SAMHSA's published service code list; docs/locator.md has the whole mapping.
"""

from __future__ import annotations

import hashlib

SOURCE = "SAMHSA FindTreatment.gov"

BASE_COLUMNS = ("name1", "name2", "street1", "street2", "city", "state", "zip", "zip4",
                "county", "phone", "intake_prompt", "intake1", "intake2", "website",
                "latitude", "longitude", "type_facility")
# Columns the mapping reads; a file without them is refused.
REQUIRED = ("name1", "name2", "street1", "street2", "city", "state", "zip", "phone",
            "intake1", "website", "latitude", "longitude", "kit", "ptsd", "trma")

KETAMINE = "kit"            # Ketamine Infusion Therapy
PTSD_CODES = ("ptsd", "trma")  # persons with PTSD; clients who have experienced trauma
# conditions: what a code supports. SAMHSA has no code for depression, anxiety, OCD or pain.
CONDITION_CODES: dict[str, tuple[str, ...]] = {
    "ptsd": ("ptsd", "trma"),
    "addiction": ("co",),   # clients with co-occurring mental and substance use disorders
}
PAYMENT_CODES: dict[str, str] = {
    "md": "medicaid",       # Medicaid
    "mc": "medicare",       # Medicare
    "pi": "private",        # Private health insurance
    "ss": "sliding_fee",    # Sliding fee scale (fee is based on income and other factors)
    "mi": "military",       # Federal military insurance (e.g., TRICARE)
}
TELEHEALTH = "tele"         # Telemedicine/telehealth therapy
VETERANS = "vet"            # Veterans
LANGUAGE_CODES: dict[str, str] = {
    "sp": "es", "ah": "ase", "f4": "ar", "f17": "zh", "f19": "ht", "f25": "fa", "f28": "fr",
    "f30": "de", "f31": "el", "f35": "he", "f36": "hi", "f37": "hmn", "f42": "it",
    "f43": "ja", "f47": "ko", "f66": "pl", "f67": "pt", "f70": "ru", "f81": "tl",
    "f92": "vi", "n24": "oj", "n40": "ypk",
}
CODE_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(
    (KETAMINE, *PTSD_CODES, *(c for cs in CONDITION_CODES.values() for c in cs),
     *PAYMENT_CODES, TELEHEALTH, VETERANS, *LANGUAGE_CODES)))
KNOWN_COLUMNS = frozenset(BASE_COLUMNS) | frozenset(CODE_COLUMNS)

# Where a problem found in a mapped field is reported: the download's own column.
FIELD_COLUMN = {"name": "name1", "address": "street1", "lat": "latitude", "lon": "longitude",
                "phone": "phone", "zip": "zip"}

MAX_NAME = 120
MAX_ADDRESS = 160
YES = ("1", "1.0")


def listing_id(name: str, street: str, city: str, state: str, zip5: str) -> str:
    """Stable across re-imports: a hash of what identifies the place, not the row number."""
    key = "|".join(" ".join(part.casefold().split()) for part in (name, street, city, state,
                                                                   zip5))
    return "samhsa-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def map_row(raw: dict[str, str], source_date: str
            ) -> tuple[dict[str, str] | None, list[tuple[str, str]]]:
    """One download row -> (kiosk fields, problems); fields None when the row is left out."""
    errors: list[tuple[str, str]] = []
    yes: set[str] = set()
    for code in CODE_COLUMNS:
        value = raw.get(code)
        if value is None:
            continue
        value = value.strip()
        if value in YES:
            yes.add(code)
        elif value:
            errors.append((code, f"{value!r}: a service code holds 1, 1.0 or nothing"))
    if errors:
        return None, errors
    if KETAMINE in yes:
        kind = "outpatient"
    elif yes.intersection(PTSD_CODES):
        kind = "therapy"
    else:
        return None, []

    def text(column: str) -> str:
        return " ".join(raw.get(column, "").split())

    name1, name2 = text("name1"), text("name2")
    name = f"{name1} - {name2}" if name2 else name1
    if len(name) > MAX_NAME and len(name1) <= MAX_NAME:
        name = name1
    street1, street2 = text("street1"), text("street2")
    address = f"{street1}, {street2}" if street2 else street1
    if len(address) > MAX_ADDRESS and len(street1) <= MAX_ADDRESS:
        address = street1
    zip_text = text("zip")
    zip4 = text("zip4")
    if zip4.isascii() and zip4.isdigit() and len(zip4) == 4 and len(zip_text) == 5:
        zip_text = f"{zip_text}-{zip4}"
    zip5 = zip_text[:5].zfill(5) if zip_text[:5].isdigit() else zip_text
    conditions = [c for c, codes in CONDITION_CODES.items() if yes.intersection(codes)]
    fields = {
        "id": listing_id(name, street1, text("city"), text("state"), zip5),
        "name": name, "kind": kind, "address": address, "city": text("city"),
        "state": text("state"), "zip": zip_text,
        "phone": text("phone") or text("intake1"), "website": text("website"),
        "conditions": ";".join(conditions), "states_served": "", "routes": "",
        "lat": text("latitude"), "lon": text("longitude"), "last_verified": "",
        "languages": ";".join(lang for code, lang in LANGUAGE_CODES.items() if code in yes),
        "payment": ";".join(p for code, p in PAYMENT_CODES.items() if code in yes),
        "telehealth": "1" if TELEHEALTH in yes else "0",
        "veterans": "1" if VETERANS in yes else "0",
        "source": SOURCE, "source_date": source_date,
    }
    return fields, []
