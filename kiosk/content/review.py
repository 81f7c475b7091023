"""A clinician's sign-off, kept honest: a fingerprint of what the patient sees. Qt-free.

``kiosk content approve`` writes ``reviewed_by``, ``reviewed_on`` and
``reviewed_fingerprint`` into a page's front matter. Any later change to what a patient
sees (a word, a source, the definition of a glossary term the page uses) changes the
fingerprint, and the page is "changed since review" until it is approved again.
Whitespace and line endings do not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, NamedTuple

from kiosk.content.model import Page, Term

ReviewStatus = Literal["never", "reviewed", "changed"]
Show = Literal["all", "reviewed"]
SHOW_VALUES: tuple[Show, ...] = ("all", "reviewed")
ALWAYS_SHOWN_KINDS = frozenset({"help"})  # Get help now reaches every patient
FINGERPRINT_LENGTH = 12


class ReviewState(NamedTuple):
    """Where a page's review stands: never reviewed, reviewed and unchanged, or changed."""

    state: ReviewStatus
    by: str
    on: str

    def describe(self) -> str:
        """'never reviewed' | 'reviewed by NAME on DATE' | 'changed since review (...)'."""
        if self.state == "never":
            return "never reviewed"
        if self.state == "reviewed":
            return f"reviewed by {self.by} on {self.on}"
        return f"changed since review (reviewed by {self.by} on {self.on})"


def _norm(text: str) -> str:
    return " ".join(text.split())


def fingerprint_of(title: str, summary: str, content_warning: str, body: str,
                   sources: Iterable[str], terms: Iterable[str],
                   glossary: Mapping[str, Term]) -> str:
    """12 hex digits of SHA-256 over the visible parts, whitespace collapsed."""
    import hashlib  # not at import time: it loads OpenSSL, and the kiosk rarely needs it

    parts = ["title", _norm(title), "summary", _norm(summary),
             "warning", _norm(content_warning), "body", _norm(body), "sources"]
    parts += [_norm(s) for s in sources]
    parts.append("terms")
    for term_id in terms:
        entry = glossary.get(term_id)
        parts.append(f"{term_id}={_norm(entry.term)}: {_norm(entry.definition)}"
                     if entry else f"{term_id}=")
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def fingerprint(page: Page, glossary: Mapping[str, Term]) -> str:
    """The fingerprint of what a patient sees on ``page`` (see the module docstring).

    Editors' notes in ``<!-- -->`` are never shown, so they are left out.
    """
    from kiosk.content.render import drop_comments

    return fingerprint_of(page.title, page.summary, page.content_warning,
                          drop_comments(page.body), page.sources, page.terms, glossary)


def review_state(page: Page, glossary: Mapping[str, Term]) -> ReviewState:
    """Never reviewed, reviewed (the fingerprint still matches) or changed since review.

    A review filled in by hand without a fingerprint cannot be shown to still hold, so
    it counts as changed: approve the page with ``kiosk content approve``.
    """
    by, on = page.reviewed_by.strip(), page.reviewed_on.strip()
    if not (by and on):
        return ReviewState("never", by, on)
    if page.reviewed_fingerprint and page.reviewed_fingerprint == fingerprint(page, glossary):
        return ReviewState("reviewed", by, on)
    return ReviewState("changed", by, on)


def always_shown(page: Page) -> bool:
    return page.kind in ALWAYS_SHOWN_KINDS or page.id == "help-now"


def visible_pages(pages: Iterable[Page], glossary: Mapping[str, Term], show: str) -> list[Page]:
    """The pages a patient may see under ``[content] show``: "all", or "reviewed" (only pages
    whose review holds, plus Get help now, which always shows)."""
    if show == "all":
        return list(pages)
    if show != "reviewed":
        raise ValueError(f"show must be one of {', '.join(SHOW_VALUES)}, got {show!r}")
    return [p for p in pages if always_shown(p) or review_state(p, glossary).state == "reviewed"]


def hidden_pages(pages: Iterable[Page], glossary: Mapping[str, Term],
                 show: str) -> list[tuple[Page, ReviewState]]:
    """The pages ``visible_pages`` leaves out, with why (for the staff screen)."""
    if show == "all":
        return []
    items = list(pages)
    shown = {id(p) for p in visible_pages(items, glossary, show)}
    return [(p, review_state(p, glossary)) for p in items if id(p) not in shown]


# --- recording a review in a page file -------------------------------------------

REVIEW_KEYS = ("reviewed_by", "reviewed_on", "reviewed_fingerprint")


class ReviewEditError(Exception):
    """The front matter cannot be edited safely; the file is left as it was."""


def check_reviewer(by: str) -> str | None:
    """Why ``by`` is not a usable "NAME, CREDENTIALS", or None."""
    import unicodedata

    text = by.strip()
    if not text:
        return "--by is empty: give the reviewer as \"NAME, CREDENTIALS\""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        return "--by contains a control or invisible character"
    name, _, credentials = text.partition(",")
    if not name.strip() or not credentials.strip():
        return (f"--by {text!r} needs a name and credentials separated by a comma, "
                "e.g. \"Ana Ruiz, MD\"")
    if len(text) > 120:
        return "--by is longer than 120 characters"
    return None


def check_review_date(text: str) -> str | None:
    """Why ``text`` is not a review date (YYYY-MM-DD, a real day, not in the future), or None."""
    import re
    from datetime import date

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return f"--date {text!r}: expected YYYY-MM-DD"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return f"--date {text!r} is not a real date"
    if day > date.today():
        return f"--date {text} is in the future"
    return None


def _toml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string


def set_review_fields(data: bytes, values: Mapping[str, str]) -> bytes:
    """``data`` (a page file) with the review keys set to ``values``, every other byte kept.

    Each key's value is replaced on its own line (a trailing comment stays); a missing key
    is added after the other review keys, with the file's own line ending. The result is
    parsed again and must differ from the original only in those keys, or ReviewEditError.
    """
    import re
    import tomllib

    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = data[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        raise ReviewEditError("the file is not UTF-8 text") from None
    pieces = re.split(r"(\r\n|\n|\r)", text)
    lines, ends = pieces[0::2], pieces[1::2] + [""]
    if not lines or lines[0].strip() != "+++":
        raise ReviewEditError("the file does not start with a '+++' front matter line")
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise ReviewEditError("the front matter is not closed with '+++'") from None
    original_body = "".join(a + b for a, b in zip(lines[close:], ends[close:], strict=True))
    value_re = r"""("(?:[^"\\]|\\.)*"|'[^']*'|\d{4}-\d{2}-\d{2})"""
    top_end = next((i for i in range(1, close) if lines[i].lstrip().startswith("[")), close)
    found: dict[str, int] = {}
    for key in REVIEW_KEYS:
        key_re = re.compile(rf"""^(\s*(?:{key}|"{key}"|'{key}')\s*=\s*)(.*)$""")
        for i in range(1, top_end):
            m = key_re.match(lines[i])
            if not m:
                continue
            value = re.match(rf"{value_re}(\s*(?:#.*)?)$", m.group(2))
            if value is None:
                raise ReviewEditError(f"{key} is not a one-line value; write it as {key} = \"\"")
            lines[i] = m.group(1) + _toml_string(values[key]) + value.group(2)
            found[key] = i
            break
    end = ends[close - 1] or ends[0] or "\n"
    insert_at = max(found.values(), default=top_end - 1) + 1
    for key in REVIEW_KEYS:
        if key not in found:
            lines.insert(insert_at, f"{key} = {_toml_string(values[key])}")
            ends.insert(insert_at, end)
            insert_at += 1
            close += 1
    result = "".join(line + ending for line, ending in zip(lines, ends, strict=True))
    new_data = bom + result.encode("utf-8")

    def meta(raw: str) -> dict[str, object]:
        split = re.split(r"(?:\r\n|\n|\r)", raw)
        closing = next(i for i in range(1, len(split)) if split[i].strip() == "+++")
        return tomllib.loads("\n".join(split[1:closing]))

    try:
        before, after = meta(text), meta(result)
    except (tomllib.TOMLDecodeError, StopIteration, ValueError, RecursionError):
        raise ReviewEditError("the front matter does not parse after the edit") from None
    for key in REVIEW_KEYS:
        before.pop(key, None)
        if after.pop(key, None) != values[key]:
            raise ReviewEditError(f"{key} did not read back as written")
    if before != after:
        raise ReviewEditError("the edit would change other front matter keys")
    if "".join(a + b for a, b in zip(lines[close:], ends[close:], strict=True)) != original_body:
        raise ReviewEditError("the edit would change the page body")
    return new_data

