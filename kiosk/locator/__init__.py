"""Qt-free clinic finder: the column declaration, ZIP geography, CSV and SAMHSA import,
the SQLite directory with its nearest-N index, and the search rules.

Nothing here imports PySide6 or (at run time) the slow `zipcodes` package; see
docs/locator.md for the file format, the CLI and the threading rules.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.locator.directory import (
        Directory,
        check_directory_source,
        default_cache_path,
        open_configured_directory,
    )
    from kiosk.locator.geo import (
        haversine_miles,
        lookup_zip,
        normalize_state,
        normalize_zip,
    )
    from kiosk.locator.importer import import_csv
    from kiosk.locator.model import (
        CONDITIONS,
        KINDS,
        PAYMENTS,
        ROUTES,
        US_STATES,
        DirectoryError,
        ImportProblem,
        ImportReport,
        Origin,
        QueryError,
        SearchQuery,
        SearchResult,
        Section,
    )
    from kiosk.locator.rules import Filters, build_query
    from kiosk.locator.schema import Clinic

# Names load on first use, so commands that only register `kiosk clinics`
# (and the kiosk's start-up) do not pay for sqlite, csv and the ZIP table.
_WHERE = {
    "Directory": "directory", "default_cache_path": "directory",
    "open_configured_directory": "directory",
    "haversine_miles": "geo", "lookup_zip": "geo",
    "normalize_state": "geo", "normalize_zip": "geo",
    "check_directory_source": "directory", "import_csv": "importer",
    "Clinic": "schema", "Filters": "rules", "build_query": "rules",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name, "model" if name in __all__ else None)
    if module is None:
        raise AttributeError(f"module 'kiosk.locator' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kiosk.locator.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CONDITIONS", "KINDS", "PAYMENTS", "ROUTES", "US_STATES",
    "Clinic", "Directory", "DirectoryError", "Filters", "ImportProblem", "ImportReport",
    "Origin", "QueryError", "SearchQuery", "SearchResult", "Section",
    "build_query", "check_directory_source", "default_cache_path", "haversine_miles",
    "import_csv", "lookup_zip", "normalize_state", "normalize_zip",
    "open_configured_directory",
]
