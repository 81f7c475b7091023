"""What `kiosk check-config` checks beyond the settings file: what the settings point at.

The content pack (as `kiosk content check`), the clinic directory (an import dry
run), the PIN hash (format and safe scrypt costs) and cross-checks between keys
(a host clinic far from ``home_zip``: kiosk.locator.rules.host_problem). Qt-free;
heavy modules load only here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal, NamedTuple

from kiosk.settings import Settings

MAX_LISTED = 20  # problems listed per target; the rest are counted


class Finding(NamedTuple):
    """One line of the check: an error makes check-config fail, a warning does not."""

    level: Literal["error", "warning", "ok"]
    text: str

    def __str__(self) -> str:
        return self.text if self.level == "ok" else f"{self.level}: {self.text}"


def check_pin(settings: Settings) -> list[Finding]:
    if not settings.staff.pin_hash:
        return [Finding("warning", "staff.pin_hash is not set (or not usable): the staff "
                                   "screen opens only when the kiosk runs windowed")]
    from kiosk.pin import check_pin_hash

    error = check_pin_hash(settings.staff.pin_hash)
    if error:  # load_settings refuses these already; kept for a hand-made Settings
        return [Finding("error", f"staff.pin_hash: {error}")]
    return [Finding("ok", "PIN hash: OK")]


def check_content(settings: Settings) -> list[Finding]:
    directory = settings.content.dir
    if directory is None:
        return [Finding("ok", "content: the built-in pack")]
    from kiosk.content.check import check_pack

    problems = check_pack(directory)
    errors = [p for p in problems if p.is_error]
    warnings = len(problems) - len(errors)
    found = [Finding("error", str(p)) for p in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        found.append(Finding("error", f"... and {len(errors) - MAX_LISTED} more content errors"))
    summary = (f"content pack {directory}: {len(errors)} error(s), {warnings} warning(s)"
               " (details: kiosk content check)")
    found.append(Finding("ok" if not errors else "error", summary))
    return found


def check_clinics(settings: Settings) -> list[Finding]:
    """The clinic directory as an import dry run would see it, and the host clinic."""
    import tempfile

    import kiosk.locator as locator
    from kiosk.locator.rules import host_problem

    source = settings.locator.clinics
    found: list[Finding] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-check-") as tmp:
        if source is None:
            from kiosk import paths

            db: Path | None = paths.builtin_clinics_path()
            found.append(Finding("ok", "clinics: the built-in SAMPLE directory"))
        else:
            problems, db = _dry_run(locator, source, settings.locator.format, Path(tmp))
            found += [Finding("error", p) for p in problems[:MAX_LISTED]]
            if len(problems) > MAX_LISTED:
                found.append(Finding("error", f"... and {len(problems) - MAX_LISTED} more "
                                              "clinic file problems"))
            found.append(Finding("error" if problems else "ok",
                                 f"clinics {source}: {len(problems)} problem(s)"))
        if db is not None:
            try:
                with locator.Directory.open(db) as directory:
                    warnings = [host_problem(
                        directory, settings.locator.host_clinic_id, settings.locator.home_zip)]
                    if source is not None:  # the fictional sample is never "due an update"
                        warnings.append(stale_listings(directory.all_clinics(),
                                                       settings.locator.stale_after_days))
            except locator.DirectoryError as exc:
                warnings = [f"cannot look inside the clinic directory: {exc}"]
            found += [Finding("warning", w) for w in warnings if w]
    return found


def stale_count(clinics: list[Any], stale_after_days: int, today: dt.date | None = None) -> int:
    """How many listings were last verified (or published) over ``stale_after_days`` ago."""
    cutoff = (today or dt.date.today()) - dt.timedelta(days=stale_after_days)
    old = 0
    for clinic in clinics:
        when = getattr(clinic, "last_verified", None) or getattr(clinic, "source_date", None)
        if when is not None and when < cutoff:
            old += 1
    return old


def stale_listings(clinics: list[Any], stale_after_days: int,
                   today: dt.date | None = None) -> str | None:
    """A warning counting listings last verified (or published) over ``stale_after_days`` ago."""
    old = stale_count(clinics, stale_after_days, today)
    if not old:
        return None
    return (f"{old} of {len(clinics)} clinic listing(s) were last verified more than "
            f"{stale_after_days} days ago (locator.stale_after_days); the directory is due "
            "an update")


def _dry_run(locator: Any, source: Path, fmt: str, tmp: Path) -> tuple[list[str], Path | None]:
    """(problems, a directory file to look clinics up in, or None)."""
    from kiosk.locator.directory import check_directory_source, is_sqlite_file

    if is_sqlite_file(source):
        problems = check_directory_source(source, fmt)  # type: ignore[arg-type]
        return problems, None if problems else source
    # The import itself, into a throw-away file: the same problems an import dry run
    # reports, and a file to look the host clinic up in. The kiosk's cache is untouched.
    report = locator.import_csv(source, tmp / "check.sqlite", format=fmt)
    return [str(p) for p in report.problems], tmp / "check.sqlite" if report.written else None


def check_all(settings: Settings) -> list[Finding]:
    """Everything the settings point at: PIN, content pack, clinic directory."""
    found: list[Finding] = []
    for check in (check_pin, check_content, check_clinics):
        try:
            found += check(settings)
        except Exception as exc:  # a checker's own failure must not hide the others
            found.append(Finding("error", f"{check.__name__}: could not check: "
                                          f"{exc.__class__.__name__}: {exc}"))
    return found
