"""``check_pack``: everything a content editor can get wrong, with file and line.

The loader only refuses what it cannot show; the checker is stricter and also
reports what would show badly (dead links, missing images, raw HTML, text too
hard to read, a page missing from one language).
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk import languages
from kiosk.content.glossary import GLOSSARY_FILE, glossary_path
from kiosk.content.images import PageImageBudget
from kiosk.content.model import INVISIBLE, ContentProblem, Page, Term
from kiosk.content.pack import (
    CODE_FENCE_RE,
    SourceFile,
    display_path,
    language_dirs,
    load_glossary,
    page_files,
    parse_list_body,
    read_source,
    render_source,
    validate_meta,
)
from kiosk.content.readability import FLESCH_KINCAID, page_readability, scored_language
from kiosk.content.render import (
    EXTERNAL_SCHEMES,
    PAGE_ID_RE,
    RENDER_BUDGET_S,
    Renderer,
    link_scheme,
    resolve_image,
    structure_problem,
)
from kiosk.content.review import review_state

# Reading-level limits: (warn, error). English: Flesch-Kincaid grade, higher is harder.
EN_GRADE_WARN, EN_GRADE_ERROR = 8.0, 9.0
# Spanish: Fernandez-Huerta, higher is easier; 70+ is "bastante fácil".
ES_EASE_WARN, ES_EASE_ERROR = 70.0, 60.0
_RAW_HTML_RE = re.compile(
    r"<(?:!--|!\[CDATA\[|![A-Za-z]|\?[A-Za-z]|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$))"
)
_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
_LINK_RE = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\(\s*(?P<target><[^>]*>|[^)\s]*)(?:\s+[\"'(][^)]*)?\s*\)"
)
_REFDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?P<target><[^>]*>|\S+)")


class _Checked:
    """One page as the checker fills it in, step by step (so a plain class, not a record)."""

    __slots__ = ("src", "id", "kind", "icon", "order", "links", "terms", "page", "images",
                 "body_checked")

    def __init__(self, src: SourceFile) -> None:
        self.src = src
        self.id: str | None = None
        self.kind: str | None = None
        self.icon: str | None = None
        self.order: int | None = None
        self.links: list[tuple[int, str]] = []  # (line, target page id)
        self.terms: list[tuple[int, str]] = []  # (line, glossary id)
        self.page: Page | None = None
        self.images = PageImageBudget()
        self.body_checked = False  # the body passed the structure pre-scan


def check_pack(directory: Path) -> list[ContentProblem]:
    """Validate every page of every language; problems sorted by file and line."""
    directory = Path(directory)
    if not directory.is_dir():
        what = "is not a folder" if directory.exists() else "no such folder"
        return [ContentProblem(display_path(directory), None, f"content pack {what}")]
    langs = language_dirs(directory)
    if not langs:
        return [ContentProblem(display_path(directory), None,
                               "no language folders (such as en/ or es/) in this content pack")]
    problems: list[ContentProblem] = []
    by_lang: dict[str, list[_Checked]] = {}
    glossaries: dict[str, dict[str, Term]] = {}
    renderer = Renderer()
    for lang_dir in langs:
        files = page_files(lang_dir)
        if not files:
            problems.append(ContentProblem(display_path(lang_dir), None,
                                           "no .md pages in this folder", "warning"))
        glossary, glossary_problems = load_glossary(lang_dir)
        glossaries[lang_dir.name] = glossary
        problems.extend(glossary_problems)
        checked = [_check_file(path, lang_dir.name, directory, renderer) for path in files]
        by_lang[lang_dir.name] = checked
        for item in checked:
            _check_review(item, glossary)
            if item.body_checked:
                _check_readability(item.src, glossary)
            problems.extend(item.src.problems)
        problems.extend(_check_language(checked))
        problems.extend(_check_terms(lang_dir, checked, glossary))
    problems.extend(_check_across_languages(by_lang))
    problems.extend(_check_glossaries_across_languages(directory, glossaries))
    # Deduplicate (a problem can be found twice by different passes) and sort.
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.file, p.line or 0, p.message))


def _check_file(path: Path, lang: str, pack_dir: Path, renderer: Renderer) -> _Checked:
    src = read_source(path, lang, pack_dir)
    item = _Checked(src)
    if not src.readable:
        return item
    meta = validate_meta(src)
    raw = src.meta
    item.id = raw.get("id") if isinstance(raw.get("id"), str) else None
    item.kind = raw.get("kind") if isinstance(raw.get("kind"), str) else None
    item.icon = raw.get("icon") if isinstance(raw.get("icon"), str) else None
    order = raw.get("order")
    item.order = (order if isinstance(order, int) and not isinstance(order, bool)
                  and -(2**63) <= order < 2**63 else None)  # validate_meta reports a huge one
    # An id that is not a page id is already an error; suggesting it as a file name
    # could print a line break into the one-line problem.
    if item.id and PAGE_ID_RE.match(item.id) and path.stem != item.id:
        src.problem(src.key_lines.get("id", 1),
                    f"id {item.id!r} differs from the file name {path.name!r}; name the file "
                    f"{item.id}.md so editors can find it", "warning")
    if meta is not None:
        if not meta["sources"] and meta["kind"] in ("article", "list"):
            src.problem(src.key_lines.get("sources", 1),
                        "sources: no sources listed for a page of facts", "warning")
        if bool(meta["reviewed_by"]) != bool(meta["reviewed_on"]):
            src.problem(src.key_lines.get("reviewed_by", 1),
                        "reviewed_by and reviewed_on go together: fill in both or neither",
                        "warning")
        _check_invisible(src, meta)
    refused = structure_problem(src.body)
    if refused is not None:
        # The loader refuses it too; the checks below would only be slow on such a body.
        src.problem(None, f"page structure the kiosk refuses to render: {refused}")
        return item
    item.body_checked = True
    if meta is not None:
        item.page = render_source(src, meta, pack_dir, renderer, RENDER_BUDGET_S)
    _check_body(src, item, pack_dir)
    if item.kind == "list":
        _check_list(src)
    return item


def _check_body(src: SourceFile, item: _Checked, pack_dir: Path) -> None:
    in_code = False
    for index, line in enumerate(src.body.split("\n")):
        number = src.body_line + index
        if CODE_FENCE_RE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        text = _CODE_SPAN_RE.sub("", line)
        if m := _RAW_HTML_RE.search(text):
            snippet = text[m.start():m.start() + 30].split(">")[0] + ">"
            snippet = snippet if snippet.isprintable() else repr(snippet)  # U+2028, \x0c...
            src.problem(number, f"raw HTML is not allowed ({snippet!s}); it is shown as plain "
                                "text. Use Markdown instead")
        for m in _LINK_RE.finditer(text):
            target = m.group("target").strip("<>")
            if m.group("bang"):
                _check_image(src, item, number, target, m.group("text"), pack_dir)
            else:
                _check_link(src, item, number, target)
        if m := _REFDEF_RE.match(text):
            _check_link(src, item, number, m.group("target").strip("<>"))


def _check_invisible(src: SourceFile, meta: dict[str, object]) -> None:
    for key in ("title", "summary", "content_warning"):
        value = meta.get(key)
        if not isinstance(value, str):
            continue
        for ch in value:
            what = INVISIBLE.get(ch)
            if what:
                src.problem(src.key_lines.get(key, 1),
                            f"{key}: contains {what} (U+{ord(ch):04X}), invisible on screen; "
                            "it can make text look like other text. Delete it")
                break


def _check_review(item: _Checked, glossary: dict[str, Term]) -> None:
    from datetime import date

    src, page = item.src, item.page
    if page is None:
        return
    line = src.key_lines.get("reviewed_on", src.key_lines.get("reviewed_by", 1))
    if page.reviewed_on:
        try:
            future = date.fromisoformat(page.reviewed_on) > date.today()
        except ValueError:
            future = False
        if future:
            src.problem(line, f"reviewed_on {page.reviewed_on} is in the future; write the "
                              "date the review happened")
    state = review_state(page, glossary)
    if state.state != "changed":
        return
    if not page.reviewed_fingerprint:
        src.problem(src.key_lines.get("reviewed_by", 1),
                    "review recorded without a fingerprint, so the kiosk cannot tell whether "
                    "the page changed since; record it with 'kiosk content approve'", "warning")
    else:
        src.problem(src.key_lines.get("reviewed_fingerprint", line),
                    f"changed since review (reviewed by {state.by} on {state.on}): what "
                    "patients see differs from what was approved; have it reviewed again",
                    "warning")


def _check_link(src: SourceFile, item: _Checked, number: int, target: str) -> None:
    kind = target[:5]
    if kind in ("term:", "page:"):
        target_id = target[5:]
        if PAGE_ID_RE.match(target_id):
            (item.terms if kind == "term:" else item.links).append((number, target_id))
        elif kind == "term:":
            src.problem(number, f"bad glossary link {target[:40]!r}: expected term:ID with an "
                                f"id from {GLOSSARY_FILE} like 'off-label'")
        else:
            src.problem(number, f"bad page link {target!r}: expected page:ID with a page id "
                                "like 'what-is-ptsd'")
        return
    scheme = link_scheme(target)
    if scheme in EXTERNAL_SCHEMES:
        return  # shown as text with its address; it never navigates
    if not target:
        src.problem(number, "link has no target")
    elif scheme:
        src.problem(number, f"{scheme}: links are not allowed ({target[:40]!r}); "
                            "the link is shown as plain text")
    else:
        src.problem(number, f"link to {target[:40]!r}: link to other pages with page:ID "
                            "(the id in their front matter)")


def _check_image(src: SourceFile, item: _Checked, number: int, target: str, alt: str,
                 pack_dir: Path) -> None:
    if not alt.strip():
        src.problem(number, f"image {target!r} has no alt text (describe it in the [ ])",
                    "warning")
    found = resolve_image(target, pack_dir, src.path.parent)
    if found is not None:
        if problem := item.images.admit(found):
            src.problem(number, f"{problem}; it is not shown")
        return
    scheme = link_scheme(target)
    if scheme in ("http", "https", "ftp"):
        message = f"remote image {target[:60]!r} is not shown (the kiosk is offline); put " \
                  "the file inside the content pack"
    elif scheme:
        message = f"{scheme}: image {target[:40]!r} is not allowed; use a file inside the pack"
    else:
        try:
            root = pack_dir.resolve()
            resolved = (src.path.parent / target).resolve()
            inside = resolved == root or root in resolved.parents
        except (OSError, RuntimeError, ValueError):
            inside = False
        if not inside:
            message = f"image {target!r} is outside the content pack; it is not shown"
        else:
            message = f"image {target!r} not found (looked for {resolved})"
    src.problem(number, message)


def _check_list(src: SourceFile) -> None:
    parsed = parse_list_body(src.body)
    if not parsed.groups:
        src.problem(src.body_line, "list page has no groups: write '## Heading' lines, each "
                                   "followed by '- **Name** - explanation' items")
        return
    for heading, items in parsed.groups:
        if not items:
            src.problem(None, f"group {heading!r} has no cards", "warning")
    for index in parsed.odd_items:
        src.problem(src.body_line + index, "list item is not '**Name** - explanation'; the "
                                           "whole item becomes the card's name", "warning")
    for index in parsed.stray:
        src.problem(src.body_line + index, "text under a group heading that is not a list "
                                           "item is not shown on the cards", "warning")


def _check_readability(src: SourceFile, glossary: dict[str, Term] | None = None) -> None:
    """Both scores (prose and whole page, judged by the harder) and the vocabulary."""
    level = page_readability(src.body, src.lang,
                             frozenset(t.term for t in (glossary or {}).values()))
    if level is None:
        return
    judged = level.judged
    if judged is not None:
        parts = []
        if level.prose is not None:
            parts.append(f"prose {level.prose.score:.1f}")
        if level.whole is not None:
            parts.append(f"whole page {level.whole.score:.1f}")
        scores = ", ".join(parts)
        counts = f"{judged.words} words, {judged.sentences} sentences"
        if judged.metric == FLESCH_KINCAID:
            grade = judged.score
            if grade > EN_GRADE_ERROR:
                src.problem(None, f"reading level: Flesch-Kincaid grade {grade:.1f} is above "
                                  f"{EN_GRADE_ERROR:g} ({scores}; {counts}); use shorter "
                                  "sentences and words, aim for grade 6-8")
            elif grade > EN_GRADE_WARN:
                src.problem(None, f"reading level: Flesch-Kincaid grade {grade:.1f} is above "
                                  f"{EN_GRADE_WARN:g} ({scores}; {counts}); aim for grade 6-8",
                            "warning")
        else:
            ease = judged.score
            if ease < ES_EASE_ERROR:
                src.problem(None, f"reading level: Fernandez-Huerta {ease:.1f} is below "
                                  f"{ES_EASE_ERROR:g} ({scores}; {counts}); use shorter "
                                  "sentences and words, aim for 70+ (bastante fácil)")
            elif ease < ES_EASE_WARN:
                src.problem(None, f"reading level: Fernandez-Huerta {ease:.1f} is below "
                                  f"{ES_EASE_WARN:g} ({scores}; {counts}); aim for 70+ "
                                  "(bastante fácil)", "warning")
    vocab = level.vocabulary
    # The share of unfamiliar words above which a page warns: the language's registry entry.
    scored = scored_language(src.lang)
    limit = languages.get(scored).vocabulary_warn if scored else None
    if vocab is not None and limit is not None and vocab.words >= 40 and vocab.share > limit:
        src.problem(None, f"vocabulary: {vocab.share:.0%} of the words ({vocab.unfamiliar} of "
                          f"{vocab.words}) are outside the plain-word list, above "
                          f"{limit:.0%} (most often: {', '.join(vocab.examples[:5])}); use "
                          "everyday words or explain them in the glossary", "warning")


def _check_language(checked: list[_Checked]) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    first: dict[str, _Checked] = {}
    orders: dict[int, _Checked] = {}
    for item in checked:
        if item.id is None:
            continue
        line = item.src.key_lines.get("id")
        if item.id in first:
            problems.append(ContentProblem(
                display_path(item.src.path), line,
                f"duplicate page id {item.id!r} (also in {display_path(first[item.id].src.path.name)}); "
                "the kiosk skips this file"))
        else:
            first[item.id] = item
        if item.order is not None:
            if item.order in orders and orders[item.order].id != item.id:
                problems.append(ContentProblem(
                    display_path(item.src.path), item.src.key_lines.get("order"),
                    f"order {item.order} is also used by {display_path(orders[item.order].src.path.name)}",
                    "warning"))
            orders.setdefault(item.order, item)
    for item in checked:
        for line, target in item.links:
            if target not in first:
                problems.append(ContentProblem(
                    display_path(item.src.path), line, f"link to page:{target}, but no page in "
                                              f"{item.src.lang}/ has id {target!r}"))
    return problems


def _check_terms(lang_dir: Path, checked: list[_Checked],
                 glossary: dict[str, Term]) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    used: set[str] = set()
    for item in checked:
        for line, term_id in item.terms:
            used.add(term_id)
            if term_id not in glossary:
                problems.append(ContentProblem(
                    display_path(item.src.path), line,
                    f"term:{term_id} has no definition in {lang_dir.name}/{GLOSSARY_FILE}"))
    path = glossary_path(lang_dir)
    lines = _glossary_header_lines(path) if glossary else {}
    for term_id in glossary:
        if term_id not in used:
            problems.append(ContentProblem(
                display_path(path), lines.get(term_id),
                f"[{term_id}] is defined but no page links to it (term:{term_id})", "warning"))
    return problems


def _glossary_header_lines(path: Path) -> dict[str, int]:
    from kiosk.content.glossary import MAX_GLOSSARY_BYTES
    from kiosk.content.pack import FileRefused, read_staff_bytes

    try:
        text = read_staff_bytes(path, MAX_GLOSSARY_BYTES).decode("utf-8", "replace")
    except FileRefused:
        return {}
    found: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if m := re.match(r"^\s*\[\s*([a-z0-9-]+)\s*\]", raw):
            found.setdefault(m.group(1), number)
    return found


def _check_glossaries_across_languages(directory: Path,
                                       glossaries: dict[str, dict[str, Term]]) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    if not any(glossaries.values()):
        return problems
    for lang, entries in glossaries.items():
        path = glossary_path(directory / lang)
        lines = _glossary_header_lines(path) if entries else {}
        for other, other_entries in glossaries.items():
            if other == lang:
                continue
            for term_id in entries:
                if term_id not in other_entries:
                    problems.append(ContentProblem(
                        display_path(path), lines.get(term_id),
                        f"glossary id [{term_id}] has no {other}/{GLOSSARY_FILE} entry (every "
                        "language needs the same glossary ids)"))
    return problems


def _check_across_languages(by_lang: dict[str, list[_Checked]]) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    ids = {lang: {item.id: item for item in items if item.id}
           for lang, items in by_lang.items()}
    for lang, pages in ids.items():
        for page_id, item in pages.items():
            for other, other_pages in ids.items():
                if other == lang:
                    continue
                twin = other_pages.get(page_id)
                if twin is None:
                    problems.append(ContentProblem(
                        display_path(item.src.path), item.src.key_lines.get("id"),
                        f"page {page_id!r} has no {other}/ version (every language needs the "
                        "same pages)"))
                    continue
                if lang > other:
                    continue  # report each mismatch once, on the first language's file
                for key in ("kind", "icon", "order"):
                    mine, theirs = getattr(item, key), getattr(twin, key)
                    if mine is not None and theirs is not None and mine != theirs:
                        problems.append(ContentProblem(
                            display_path(twin.src.path), twin.src.key_lines.get(key),
                            f"{key} is {theirs!r} here but {mine!r} in {display_path(item.src.path)}",
                            "warning"))
    return problems
