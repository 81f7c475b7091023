"""Qt-free clinic finder: ZIP geography, CSV import, SQLite + R*Tree directory, search.

Nothing here imports PySide6 or (at run time) the slow `zipcodes` package; see
docs/locator.md for the file format, the CLI and the threading rules.
"""

from kiosk.locator.directory import (
    Directory,
    default_cache_path,
    open_configured_directory,
)
from kiosk.locator.geo import (
    haversine_miles,
    lookup_zip,
    map_points,
    normalize_state,
    normalize_zip,
)
from kiosk.locator.importer import import_csv
from kiosk.locator.model import (
    CONDITIONS,
    KINDS,
    ROUTES,
    US_STATES,
    Clinic,
    DirectoryError,
    ImportProblem,
    ImportReport,
    Origin,
    QueryError,
    SearchQuery,
    SearchResult,
)

__all__ = [
    "CONDITIONS", "KINDS", "ROUTES", "US_STATES",
    "Clinic", "Directory", "DirectoryError", "ImportProblem", "ImportReport", "Origin",
    "QueryError", "SearchQuery", "SearchResult",
    "default_cache_path", "haversine_miles", "import_csv", "lookup_zip", "map_points",
    "normalize_state", "normalize_zip", "open_configured_directory",
]
