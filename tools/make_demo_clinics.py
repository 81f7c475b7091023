"""Generate the fictional demo clinic directory and the ZIP resources, deterministically.

    python tools/make_demo_clinics.py            # rewrite resources/clinics/*
    python tools/make_demo_clinics.py --check    # exit 1 if the committed CSV is stale

Writes resources/clinics/demo_clinics.csv (the source of truth),
demo_clinics.sqlite (imported from it, meta is_demo=1) and zips.sqlite
(from the `zipcodes` package). Everything comes from a fixed
seed and the zipcodes data, so two runs give identical CSV text.

Fictional by construction: invented names and streets, phone numbers only in
the 555-0100..555-0199 range reserved for fiction, websites under example.org
and example.com.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kiosk.locator.geo import build_zip_resources, haversine_miles  # noqa: E402
from kiosk.locator.importer import ALL_COLUMNS, import_csv  # noqa: E402
from kiosk.locator.model import CONDITIONS, PAYMENTS, ROUTES, US_STATES  # noqa: E402

SEED = 20240611
OUTPATIENT_TARGET = 400
AT_HOME_COUNT = 25
NATIONWIDE_AT_HOME = 4
PLACELESS_AT_HOME = 3  # at-home providers listed without street, city or ZIP
THERAPY_METROS = 40    # one fictional trauma-therapy listing near each of the first 40 metros
DEMO_SOURCE = "Sample data (fictional)"
DEMO_SOURCE_DATE = "2025-01-01"
DEMO_IMPORTED_AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
OUT_DIR = ROOT / "resources" / "clinics"

# Downtown ZIPs of the largest metros; each gets clinics within 20 miles so a
# search from any big city finds some. (weight = clinics placed there)
METROS: list[tuple[str, str, int]] = [
    ("New York", "10001", 10), ("Los Angeles", "90012", 9), ("Chicago", "60601", 7),
    ("Dallas", "75201", 5), ("Houston", "77002", 5), ("Washington", "20001", 5),
    ("Philadelphia", "19103", 5), ("Miami", "33130", 5), ("Atlanta", "30303", 5),
    ("Boston", "02108", 5), ("Phoenix", "85004", 4), ("San Francisco", "94102", 4),
    ("Riverside", "92501", 3), ("Detroit", "48226", 4), ("Seattle", "98101", 4),
    ("Minneapolis", "55401", 3), ("San Diego", "92101", 3), ("Tampa", "33602", 3),
    ("Denver", "80202", 3), ("Baltimore", "21201", 3), ("St. Louis", "63101", 3),
    ("Orlando", "32801", 3), ("Charlotte", "28202", 3), ("San Antonio", "78205", 3),
    ("Portland", "97204", 3), ("Sacramento", "95814", 2), ("Pittsburgh", "15222", 2),
    ("Austin", "78701", 3), ("Las Vegas", "89101", 2), ("Cincinnati", "45202", 2),
    ("Kansas City", "64106", 2), ("Columbus", "43215", 2), ("Indianapolis", "46204", 2),
    ("Cleveland", "44113", 2), ("San Jose", "95113", 2), ("Nashville", "37203", 2),
    ("Virginia Beach", "23451", 2), ("Providence", "02903", 2), ("Jacksonville", "32202", 2),
    ("Milwaukee", "53202", 2), ("Raleigh", "27601", 2), ("Oklahoma City", "73102", 2),
    ("Memphis", "38103", 2), ("Richmond", "23219", 2), ("Louisville", "40202", 2),
    ("New Orleans", "70112", 2), ("Salt Lake City", "84101", 2), ("Hartford", "06103", 2),
    ("Buffalo", "14202", 2), ("Birmingham", "35203", 2), ("Rochester", "14604", 1),
    ("Grand Rapids", "49503", 1), ("Tucson", "85701", 2), ("Honolulu", "96813", 2),
    ("Tulsa", "74103", 1), ("Fresno", "93721", 1), ("Omaha", "68102", 1),
    ("Albuquerque", "87102", 2), ("Anchorage", "99501", 2), ("San Juan", "00901", 2),
    ("Boise", "83702", 1), ("Des Moines", "50309", 1), ("Little Rock", "72201", 1),
    ("Albany", "12207", 1), ("Spokane", "99201", 1), ("Charleston", "29401", 1),
    ("Knoxville", "37902", 1), ("El Paso", "79901", 1), ("Wichita", "67202", 1),
]
METRO_RADIUS_MILES = 20.0

# Invented words: the combinations are meant to match no real practice.
NAME_HEADS = ["Quill", "Fern", "Lark", "Tamar", "Brisk", "Hollow", "Amber", "Wren", "Thistle",
              "Corvid", "Sable", "Mirren", "Pell", "Oriel", "Vesper", "Calder", "Linden",
              "Halcy", "Marlow", "Tessel", "Brantle", "Orrin", "Cobalt", "Juniper", "Kestrel"]
NAME_TAILS = ["brook", "crest", "vale", "field", "light", "moor", "wick", "haven", "ridge",
              "stone", "mere", "glen", "ford", "hollow", "wood"]
PRACTICES = ["Ketamine Clinic", "Infusion Center", "Mind & Mood Clinic", "Wellness Center",
             "Mental Health Clinic", "Psychiatry", "Infusion & Wellness", "Behavioral Health",
             "Mood Clinic", "Recovery Center", "Neuropsychiatry", "Treatment Center"]
THERAPY_PRACTICES = ["Trauma Therapy Center", "Counseling Center", "PTSD Therapy Group",
                     "Trauma Recovery Clinic", "Psychotherapy Associates"]
PAYMENT_ODDS = {"medicaid": 0.5, "medicare": 0.45, "private": 0.85, "sliding_fee": 0.3,
                "military": 0.25}
HOME_PRACTICES = ["Home Ketamine Care", "At-Home Mood Care", "Mobile Infusion Team",
                  "Telehealth Ketamine Program", "House-Call Psychiatry"]
STREET_SUFFIXES = ["Street", "Avenue", "Road", "Boulevard", "Lane", "Way", "Parkway", "Drive",
                   "Court", "Place"]
CONDITION_ODDS = {"pain": 0.4, "depression": 0.85, "anxiety": 0.6, "ptsd": 0.7, "ocd": 0.25,
                  "addiction": 0.3}
ROUTE_ODDS = {"iv": 0.75, "im": 0.35, "nasal": 0.45, "oral": 0.3}
OTHER_LANGUAGES = ["zh", "vi", "ko", "fr", "ht", "ru", "ar", "tl", "pt"]
FIRST_DAY = dt.date(2024, 1, 2)
LAST_DAY = dt.date(2025, 6, 30)


def _load_zips() -> list[dict]:
    import zipcodes

    return sorted(
        (z for z in zipcodes.list_all()
         if z["zip_code_type"] == "STANDARD" and z["active"] and z["state"] in US_STATES
         and z["lat"] and z["long"]),
        key=lambda z: z["zip_code"])


class _Maker:
    def __init__(self, rng: random.Random, zips: list[dict], extra: random.Random) -> None:
        self.rng = rng
        # The columns added after the first demo come from their own generator, so the
        # older columns of every row keep the values UI tests and screenshots know.
        self.extra = extra
        self.zips = zips
        self.by_zip = {z["zip_code"]: z for z in zips}
        self.used_names: set[str] = set()
        self.rows: list[dict[str, str]] = []

    def name(self, practices: list[str]) -> str:
        while True:
            head = self.rng.choice(NAME_HEADS) + self.rng.choice(NAME_TAILS)
            name = f"{head} {self.rng.choice(practices)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def street(self) -> str:
        word = self.rng.choice(NAME_HEADS) + self.rng.choice(NAME_TAILS)
        text = f"{self.rng.randint(10, 9899)} {word} {self.rng.choice(STREET_SUFFIXES)}"
        if self.rng.random() < 0.4:
            floor, room, unit = (self.rng.randint(1, 9), self.rng.randint(0, 2),
                                 self.rng.randint(0, 9))
            text += f", Suite {floor}{room}{unit}"
        return text

    def phone(self, z: dict) -> str:
        area = z["area_codes"][0] if z["area_codes"] else "201"
        return f"({area}) 555-01{self.rng.randint(0, 99):02d}"

    def website(self, name: str) -> str:
        slug = "-".join(name.lower().replace("&", "and").replace("-", " ").split())
        host = self.rng.choice(["example.org", "example.com"])
        return f"https://{host}/{'clinics' if host == 'example.org' else 'demo'}/{slug}"

    def subset(self, odds: dict[str, float], order: tuple[str, ...]) -> list[str]:
        return [k for k in order if self.rng.random() < odds[k]]

    def common(self, z: dict, name: str) -> dict[str, str]:
        conditions = self.subset(CONDITION_ODDS, CONDITIONS) or ["depression"]
        routes = self.subset(ROUTE_ODDS, ROUTES)
        languages = ["en"]
        if self.rng.random() < 0.35:
            languages.append("es")
        if self.rng.random() < 0.1:
            languages.append(self.rng.choice(OTHER_LANGUAGES))
        if self.rng.random() < 0.9:
            span = (LAST_DAY - FIRST_DAY).days
            verified = (FIRST_DAY + dt.timedelta(days=self.rng.randint(0, span))).isoformat()
        else:
            verified = ""
        return {
            "name": name, "city": z["city"], "state": z["state"], "zip": z["zip_code"],
            "phone": self.phone(z), "website": self.website(name),
            "conditions": ";".join(conditions), "routes": ";".join(routes),
            "last_verified": verified, "languages": ";".join(languages),
            **self.new_columns(),
        }

    def new_columns(self) -> dict[str, str]:
        payment = [p for p in PAYMENTS if self.extra.random() < PAYMENT_ODDS[p]]
        return {"payment": ";".join(payment),
                "telehealth": "yes" if self.extra.random() < 0.4 else "no",
                "veterans": "yes" if self.extra.random() < 0.3 else "no",
                "source": DEMO_SOURCE, "source_date": DEMO_SOURCE_DATE}

    def outpatient(self, z: dict) -> None:
        row = self.common(z, self.name(PRACTICES))
        row.update(id=f"demo-{len(self.rows) + 1:04d}", kind="outpatient",
                   address=self.street(), states_served="", lat="", lon="")
        # Half the rows give coordinates a few blocks off the centroid; the rest
        # leave them empty so the importer fills in the ZIP centroid.
        if self.rng.random() < 0.5:
            row["lat"] = f"{float(z['lat']) + self.rng.uniform(-0.008, 0.008):.5f}"
            row["lon"] = f"{float(z['long']) + self.rng.uniform(-0.008, 0.008):.5f}"
        self.rows.append(row)

    def therapy(self, z: dict) -> None:
        """PTSD care that is not ketamine: trauma-focused therapy (no routes)."""
        row = self.common(z, self.name(THERAPY_PRACTICES))
        conditions = ["ptsd"] + [c for c in ("depression", "anxiety")
                                 if self.extra.random() < 0.5]
        row.update(id=f"demo-{len(self.rows) + 1:04d}", kind="therapy",
                   address=self.street(), states_served="", lat="", lon="", routes="",
                   conditions=";".join(c for c in CONDITIONS if c in conditions))
        self.rows.append(row)

    def placeless(self, row_index: int) -> None:
        """An at-home provider given only by the states it serves."""
        row = self.rows[row_index]
        row.update(address="", city="", zip="", state="")

    def at_home(self, z: dict, served: list[str]) -> None:
        row = self.common(z, self.name(HOME_PRACTICES))
        row.update(id=f"demo-{len(self.rows) + 1:04d}", kind="at_home",
                   address=self.street() if self.rng.random() < 0.5 else "",
                   states_served=";".join(served), lat="", lon="")
        self.rows.append(row)


def generate_rows(seed: int = SEED) -> list[dict[str, str]]:
    """The demo directory as CSV rows (dicts keyed by ALL_COLUMNS)."""
    rng = random.Random(seed)
    zips = _load_zips()
    maker = _Maker(rng, zips, random.Random(seed + 1))

    # 1. Metros: clinics on STANDARD ZIPs within 20 miles of downtown.
    for _metro, center, count in METROS:
        c = maker.by_zip[center]
        lat0, lon0 = float(c["lat"]), float(c["long"])
        near = [z for z in zips
                if abs(float(z["lat"]) - lat0) < 0.5
                and haversine_miles(lat0, lon0, float(z["lat"]), float(z["long"]))
                <= METRO_RADIUS_MILES]
        for z in rng.sample(near, min(count, len(near))):
            maker.outpatient(z)

    # 2. At least one clinic in every state, DC and PR (not the small territories).
    covered = {r["state"] for r in maker.rows}
    by_state: dict[str, list[dict]] = {}
    for z in zips:
        by_state.setdefault(z["state"], []).append(z)
    for state in sorted(US_STATES):
        if state in covered or state in ("GU", "VI", "AS", "MP"):
            continue
        maker.outpatient(rng.choice(by_state[state]))

    # 3. The rest weighted by ZIP density (ZIPs per 0.5-degree cell): populous
    #    areas have many small ZIPs, so this leans toward where people live.
    cells: dict[tuple[int, int], int] = {}
    def cell(z: dict) -> tuple[int, int]:
        return (math.floor(float(z["lat"]) * 2), math.floor(float(z["long"]) * 2))
    for z in zips:
        cells[cell(z)] = cells.get(cell(z), 0) + 1
    pool = [z for z in zips if z["state"] not in ("GU", "VI", "AS", "MP")]
    weights = [cells[cell(z)] for z in pool]
    while len(maker.rows) < OUTPATIENT_TARGET:
        maker.outpatient(rng.choices(pool, weights)[0])

    # 4. At-home providers: a home ZIP in a metro, serving nearby states or ALL.
    centroids = {
        s: (sum(float(z["lat"]) for z in zs) / len(zs), sum(float(z["long"]) for z in zs) / len(zs))
        for s, zs in by_state.items()
    }
    metros = rng.sample(METROS, AT_HOME_COUNT)
    for i, (_metro, center, _count) in enumerate(metros):
        home = maker.by_zip[center]
        if i < NATIONWIDE_AT_HOME:
            served = ["ALL"]
        else:
            hlat, hlon = centroids[home["state"]]
            nearest = sorted(centroids, key=lambda s: haversine_miles(hlat, hlon, *centroids[s]))
            served = sorted(nearest[: rng.randint(1, 6)])
            if home["state"] not in served:
                served = sorted({*served, home["state"]})
        maker.at_home(home, served)
    home_rows = [i for i, r in enumerate(maker.rows) if r["kind"] == "at_home"]
    for i in home_rows[-PLACELESS_AT_HOME:]:
        maker.placeless(i)

    # 5. Therapy: one listing within 20 miles of each of the first metros.
    for _metro, center, _count in METROS[:THERAPY_METROS]:
        c = maker.by_zip[center]
        lat0, lon0 = float(c["lat"]), float(c["long"])
        near = [z for z in zips
                if abs(float(z["lat"]) - lat0) < 0.5
                and haversine_miles(lat0, lon0, float(z["lat"]), float(z["long"]))
                <= METRO_RADIUS_MILES]
        maker.therapy(maker.extra.choice(near))
    return maker.rows


def rows_to_csv(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(ALL_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_demo(out_dir: Path, seed: int = SEED, with_zips: bool = True) -> Path:
    """Write demo_clinics.csv and .sqlite (and the ZIP resources) into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if with_zips:
        build_zip_resources(out_dir / "zips.sqlite")
    csv_path = out_dir / "demo_clinics.csv"
    csv_path.write_text(rows_to_csv(generate_rows(seed)), encoding="utf-8", newline="")
    report = import_csv(csv_path, out_dir / "demo_clinics.sqlite", is_demo=True,
                        imported_at=DEMO_IMPORTED_AT, source_label="demo_clinics.csv")
    if not report.written:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        raise SystemExit("demo CSV failed its own validation")
    return csv_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--check", action="store_true",
                        help="regenerate the CSV in memory and compare with the committed one")
    args = parser.parse_args(argv)
    if args.check:
        fresh = rows_to_csv(generate_rows())
        current = (args.out / "demo_clinics.csv").read_text(encoding="utf-8")
        if fresh != current:
            print("demo_clinics.csv is stale: run tools/make_demo_clinics.py", file=sys.stderr)
            return 1
        print("demo_clinics.csv is up to date")
        return 0
    path = write_demo(args.out)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    kinds = [r["kind"] for r in rows]
    print(f"wrote {path} ({kinds.count('outpatient')} outpatient, {kinds.count('at_home')} "
          f"at-home, {kinds.count('therapy')} therapy) and its .sqlite, zips.sqlite")
    return 0


if __name__ == "__main__":
    sys.exit(main())
