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
from functools import cache, lru_cache
from typing import Any, NamedTuple

from kiosk import languages
from kiosk.content.pack import CODE_FENCE_RE
from kiosk.content.render import strip_inline

FERNANDEZ_HUERTA = "Fernandez-Huerta"
FLESCH_KINCAID = "Flesch-Kincaid grade"
ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "vs", "etc", "e.g", "i.e", "st", "sr", "sra", "dra", "no",
    "am", "j", "p.ej", "ee.uu", "approx", "aprox", "fig", "p", "pp", "núm", "et al", "al",
})
_TOKEN_RE = re.compile(r"\S+")
_WORD_PIECE_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_HAS_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_ENDER_RE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]»]*$")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}")
_REFDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")


class Readability(NamedTuple):
    """Counts and score for one text."""

    metric: str  # FLESCH_KINCAID | FERNANDEZ_HUERTA (the language's registry entry)
    score: float
    words: int
    sentences: int
    syllables: int


def prose_units(body: str) -> list[str]:
    """Markdown body -> units of text; each heading, list item and table row is its own unit."""
    return [text for text, _ in tagged_units(body)]


def paragraph_units(body: str) -> list[str]:
    """Only the paragraphs (and quotes) of a body: the prose, without headings, list items
    or table rows, which are short by design and would make any page look easy."""
    return [text for text, is_paragraph in tagged_units(body) if is_paragraph]


def tagged_units(body: str) -> list[tuple[str, bool]]:
    """(text, is it a paragraph) for each unit of a Markdown body."""
    units: list[tuple[str, bool]] = []
    paragraph: list[str] = []
    in_item = False
    in_code = False

    def flush() -> None:
        nonlocal in_item
        if paragraph:
            units.append((" ".join(paragraph), not in_item))
            paragraph.clear()
        in_item = False

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
            units.append((m.group(1), False))
        elif m := _LIST_RE.match(line):
            flush()
            paragraph.append(m.group(1))
            in_item = True
        elif stripped.startswith("|"):
            flush()
            units.append((" ".join(c for c in stripped.strip("|").split("|")), False))
        else:
            paragraph.append(stripped.lstrip("> "))
    flush()
    cleaned = ((strip_inline(text), prose) for text, prose in units)
    return [(text, prose) for text, prose in cleaned if _HAS_ALNUM.search(text)]


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

    entry = languages.LANGUAGES.get(lang)
    code = entry.hyphenation if entry is not None else lang
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


def readability(body: str, lang: str, *, paragraphs_only: bool = False) -> Readability | None:
    """Score a page body for ``lang`` ('en' or 'es'); None for other languages or no prose.

    The whole page by default (each heading and list item counts as a sentence); with
    ``paragraphs_only``, the prose alone.
    """
    base = scored_language(lang)
    if base is None:
        return None
    units = paragraph_units(body) if paragraphs_only else prose_units(body)
    return _score(units, base)


def scored_language(lang: str) -> str | None:
    """The registry code of ``lang`` ('es-MX' -> 'es') if it has a readability formula."""
    entry = languages.LANGUAGES.get(lang.split("-")[0].split("_")[0])
    return entry.code if entry is not None and entry.readability else None


def _score(units: list[str], base: str) -> Readability | None:
    words, sentences, syllables = count_text(units, base)
    if not words:
        return None
    metric = languages.get(base).readability
    if metric == FERNANDEZ_HUERTA:
        score = fernandez_huerta(words, sentences, syllables)
    else:
        score = flesch_kincaid_grade(words, sentences, syllables)
    return Readability(metric, score, words, sentences, syllables)


# --- how hard a page is: both scores and the vocabulary -----------------------------


class PageReadability(NamedTuple):
    """A page's prose score, whole-page score and share of unfamiliar words."""

    prose: Readability | None  # paragraphs only
    whole: Readability | None  # paragraphs, headings, list items and table rows
    vocabulary: Vocabulary | None

    @property
    def judged(self) -> Readability | None:
        """The harder of the two scores (higher grade; lower Fernandez-Huerta ease)."""
        scores = [r for r in (self.prose, self.whole) if r is not None]
        if not scores:
            return None
        if scores[0].metric == FLESCH_KINCAID:
            return max(scores, key=lambda r: r.score)
        return min(scores, key=lambda r: r.score)


class Vocabulary(NamedTuple):
    """Words outside the plain-word list (topic words and glossary terms count as known)."""

    words: int
    unfamiliar: int
    examples: tuple[str, ...]  # the most frequent unfamiliar words

    @property
    def share(self) -> float:
        return self.unfamiliar / self.words if self.words else 0.0


_VOCAB_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_EN_CONTRACTIONS = frozenset({"don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won",
                              "wouldn", "couldn", "shouldn", "haven", "hasn", "hadn", "can"})
_ES_SUFFIXES = tuple(sorted((
    "s", "es", "a", "as", "o", "os", "e", "ar", "er", "ir", "ando", "iendo", "ado", "ada",
    "ados", "adas", "ido", "ida", "idos", "idas", "an", "en", "amos", "emos", "imos", "ó",
    "ió", "aron", "ieron", "ía", "ían", "aba", "aban", "mente", "ción", "ciones", "ará",
    "erá", "irá", "arán", "erán", "irán", "ría", "rían", "ante", "antes", "iente", "ientes",
), key=len, reverse=True))


def _fold(word: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if unicodedata.category(ch) != "Mn")


def es_stem(word: str) -> str:
    """A rough Spanish stem: accents folded, the longest common ending removed."""
    word = _fold(word.lower())
    for suffix in _ES_SUFFIXES:
        folded = _fold(suffix)
        if word.endswith(folded) and len(word) - len(folded) >= 3:
            return word[: -len(folded)]
    return word


def _en_forms(word: str) -> list[str]:
    """The word and the base forms it may be an inflection of."""
    forms = [word]
    if word.endswith("ies") or word.endswith("ied"):
        forms.append(word[:-3] + "y")
    for suffix in ("s", "es", "ed", "d", "ing", "er", "est", "ly", "ness", "ful"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)]
            forms += [stem, stem + "e"]
            if len(stem) >= 3 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # stopped, bigger
            if stem.endswith("i"):
                forms.append(stem[:-1] + "y")  # easily, happier
    return forms


@cache
def word_list(lang: str) -> frozenset[str]:
    """The plain words and topic words of ``lang`` (resources/words), lower-case; Spanish
    as stems. Empty when the files are missing."""
    from kiosk import paths

    words: set[str] = set()
    for name in (f"plain-{lang}.txt", f"topic-{lang}.txt"):
        try:
            text = paths.resource("words", name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for line in text.splitlines():
            for word in line.split("#", 1)[0].split():
                words.add(word.lower())
    if lang == "es":
        return frozenset(es_stem(w) for w in words) | frozenset(words)
    return frozenset(words)


def _is_known(word: str, lang: str, known: frozenset[str], extra: frozenset[str]) -> bool:
    if word in extra or word in known:
        return True
    if lang == "es":
        return es_stem(word) in known or es_stem(word) in extra
    if word in _EN_CONTRACTIONS:
        return True
    return any(form in known or form in extra for form in _en_forms(word))


def vocabulary(units: list[str], lang: str, extra_known: frozenset[str] = frozenset()
               ) -> Vocabulary | None:
    """Share of words in ``units`` outside the plain-word list of ``lang``.

    Names (a word always written with a capital, at least once not starting a sentence)
    are not counted. ``extra_known``: glossary terms, lower-case words.
    """
    from collections import Counter

    base = lang.split("-")[0].split("_")[0]
    known = word_list(base)
    if not known:
        return None
    tokens: list[tuple[str, bool]] = []  # (word, starts a sentence)
    for unit in units:
        start = True
        for raw in _TOKEN_RE.findall(unit):
            for piece in _VOCAB_WORD_RE.findall(raw):
                tokens.append((piece, start))
                start = False
            if _ends_sentence(raw):
                start = True
    lower_seen = {w for w, _ in tokens if not w[:1].isupper()}
    named = {w.lower() for w, first in tokens if w[:1].isupper() and not first
             and w.lower() not in lower_seen and not w.isupper()}
    extra = frozenset(w.lower() for w in extra_known)
    if base == "es":
        extra = extra | frozenset(es_stem(w) for w in extra)
    single = ("a", "o", "y", "e", "u") if base == "es" else ("a", "i")
    counted = 0
    unknown: Counter[str] = Counter()
    for word, _ in tokens:
        lower = word.lower().replace("\u2019", "'")
        if lower in named or (len(lower) == 1 and lower not in single):
            continue  # a name, or an initial ("U.S." reads as U and S)
        counted += 1
        head = lower.split("'", 1)[0]
        if not _is_known(head, base, known, extra):
            unknown[lower] += 1
    if not counted:
        return None
    examples = tuple(w for w, _ in unknown.most_common(8))
    return Vocabulary(counted, sum(unknown.values()), examples)


def page_readability(body: str, lang: str, glossary_terms: frozenset[str] = frozenset()
                     ) -> PageReadability | None:
    """Prose score, whole-page score and vocabulary of a page body; None for a language
    without a readability formula."""
    base = scored_language(lang)
    if base is None:
        return None
    tagged = tagged_units(body)
    everything = [text for text, _ in tagged]
    prose = _score([text for text, is_paragraph in tagged if is_paragraph], base)
    whole = _score(everything, base)
    words = frozenset(w for term in glossary_terms for w in _VOCAB_WORD_RE.findall(term.lower()))
    return PageReadability(prose, whole, vocabulary(everything, base, words))
