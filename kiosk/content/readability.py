"""Reading-level scores for page prose: Flesch-Kincaid (English), Fernandez-Huerta (Spanish).

Syllables come from pyphen's hyphenation dictionaries (offline). Hyphenation is
not syllabification: the dictionaries never split near a word's edges and skip
many English syllable breaks ("medicine" -> one piece). So each word counts the
larger of pyphen's pieces and a vowel-group count (Spanish: the regular
diphthong/hiatus rules). Both errors point the same way the score is used:
if anything we overestimate difficulty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from kiosk.content.pack import CODE_FENCE_RE
from kiosk.content.render import strip_inline

PYPHEN_LANG = {"en": "en_US", "es": "es"}
ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "vs", "etc", "e.g", "i.e", "st", "sr", "sra", "dra", "no",
    "am", "j", "p.ej", "ee.uu", "approx", "aprox", "fig", "p", "pp", "núm", "et al",
})
_TOKEN_RE = re.compile(r"\S+")
_WORD_PIECE_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_HAS_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_ENDER_RE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]»]*$")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}")
_REFDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")


@dataclass(frozen=True)
class Readability:
    """Counts and score for one text."""

    metric: str  # "Flesch-Kincaid grade" | "Fernandez-Huerta"
    score: float
    words: int
    sentences: int
    syllables: int


def prose_units(body: str) -> list[str]:
    """Markdown body -> units of prose; each heading, list item and table row is its own unit."""
    units: list[str] = []
    paragraph: list[str] = []
    in_code = False

    def flush() -> None:
        if paragraph:
            units.append(" ".join(paragraph))
            paragraph.clear()

    for line in body.split("\n"):
        if CODE_FENCE_RE.match(line):
            flush()
            in_code = not in_code
            continue
        if in_code or _REFDEF_RE.match(line) or _TABLE_RULE_RE.match(line):
            continue
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if m := _HEADING_RE.match(line):
            flush()
            units.append(m.group(1))
        elif m := _LIST_RE.match(line):
            flush()
            paragraph.append(m.group(1))
        elif stripped.startswith("|"):
            flush()
            units.append(" ".join(c for c in stripped.strip("|").split("|")))
        else:
            paragraph.append(stripped.lstrip("> "))
    flush()
    return [text for text in (strip_inline(u) for u in units) if _HAS_ALNUM.search(text)]


def _ends_sentence(token: str) -> bool:
    if not _ENDER_RE.search(token):
        return False
    core = token.rstrip("\"'\u201d\u2019)]»").lower()
    if core.endswith(("!", "?", "\u2026")):
        return True
    word = core.rstrip(".").lstrip("(\"'\u201c\u2018¿¡«")
    if word in ABBREVIATIONS or re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word):
        return False  # "Dr.", "U.S.", "e.g."
    return True


def count_text(units: list[str], lang: str) -> tuple[int, int, int]:
    """(words, sentences, syllables) over prose units."""
    words = sentences = syllables = 0
    for unit in units:
        tokens = [t for t in _TOKEN_RE.findall(unit) if _HAS_ALNUM.search(t)]
        if not tokens:
            continue
        unit_sentences = 0
        for i, token in enumerate(tokens):
            words += 1
            syllables += token_syllables(token, lang)
            if _ends_sentence(token) and i < len(tokens) - 1:
                unit_sentences += 1
        sentences += unit_sentences + 1
    return words, sentences, syllables


def token_syllables(token: str, lang: str) -> int:
    """Syllables in one token; a number or a token without letters counts as one."""
    pieces = _WORD_PIECE_RE.findall(token)
    if not pieces:
        return 1
    return max(1, sum(word_syllables(piece.lower(), lang) for piece in pieces))


@cache
def _dictionary(lang: str) -> Any:
    import pyphen

    code = PYPHEN_LANG.get(lang, lang)
    return pyphen.Pyphen(lang=code) if code in pyphen.LANGUAGES else None


@lru_cache(maxsize=20000)
def word_syllables(word: str, lang: str) -> int:
    """Syllables in one lower-case word (pyphen, checked against vowel groups)."""
    dictionary = _dictionary(lang)
    from_pyphen = len(dictionary.positions(word)) + 1 if dictionary is not None else 1
    rule = _es_vowel_nuclei(word) if lang == "es" else _en_vowel_groups(word)
    return max(1, from_pyphen, rule)


def _en_vowel_groups(word: str) -> int:
    groups = len(re.findall(r"[aeiouy]+", word))
    if groups > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ye", "oe")):
        groups -= 1  # silent final e: "time", "medicine"
    elif (groups > 1 and word.endswith(("es", "ed"))
          and not re.search(r"(?:[td]ed|[sxzc]es|[cs]hes|ges|[aeiouy][ed]d?)$", word)):
        groups -= 1  # "takes", "helped" but not "needed", "places"
    return max(1, groups)


_ES_STRONG = frozenset("aeoáéó")
_ES_VOWELS = frozenset("aeiouáéíóúü")
_ES_ACCENTED_WEAK = frozenset("íú")


def _es_vowel_nuclei(word: str) -> int:
    count = 0
    prev: str | None = None
    for i, ch in enumerate(word):
        is_vowel = ch in _ES_VOWELS or (
            ch == "y" and i > 0 and (i == len(word) - 1 or word[i + 1] not in _ES_VOWELS)
        )
        if not is_vowel:
            prev = None
            continue
        if prev is None:
            count += 1
        elif (ch in _ES_STRONG and prev in _ES_STRONG) or ch in _ES_ACCENTED_WEAK \
                or prev in _ES_ACCENTED_WEAK:
            count += 1  # hiatus: two strong vowels, or a stressed i/u
        prev = ch
    return max(1, count)


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def fernandez_huerta(words: int, sentences: int, syllables: int) -> float:
    """206.84 - 0.60 P - 1.02 F with P = syllables per 100 words, F = words per sentence.

    F as words per sentence is the usual reading of the 1959 formula (it adapts Flesch's
    sentence-length term); the same as textstat and the INFLESZ literature.
    """
    return 206.84 - 60.0 * syllables / words - 1.02 * words / sentences


def readability(body: str, lang: str) -> Readability | None:
    """Score a page body for ``lang`` ('en' or 'es'); None for other languages or no prose."""
    base = lang.split("-")[0].split("_")[0]
    if base not in PYPHEN_LANG:
        return None
    words, sentences, syllables = count_text(prose_units(body), base)
    if not words:
        return None
    if base == "es":
        score = fernandez_huerta(words, sentences, syllables)
        return Readability("Fernandez-Huerta", score, words, sentences, syllables)
    score = flesch_kincaid_grade(words, sentences, syllables)
    return Readability("Flesch-Kincaid grade", score, words, sentences, syllables)
