"""Per-language cue words, loaded once from ``cleanwire/data/cues/*.json``.

Adding a language is adding a file. Cue phrases are matched after ``normalize()``
(case-folded, diacritics and surrounding punctuation removed), so data files stay
short and readable. Loading is cached because the data are immutable.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress, repeat
from importlib import resources
from operator import and_, itemgetter, not_

import regex

# Bullets, dashes, pipes, arrows and punctuation that decorate labels ("» Related:").
# Leading and trailing runs are two patterns: one alternation "^...+|...+$" retried the
# trailing branch at every position of an inner run ("a! ! ! ... b"), quadratic time.
# The trailing one is matched right to left (REVERSE), so it is tried only at the end.
_LEAD = regex.compile(r"^[\s\p{P}\p{S}]++")
_TRAIL = regex.compile(r"[\s\p{P}\p{S}]++$", flags=regex.REVERSE)
_MARKS = regex.compile(r"\p{Mn}+")
# The ASCII characters of the class _LEAD and _TRAIL strip (read from the class itself).
_ASCII_EDGE = "".join(chr(c) for c in range(128) if regex.match(r"[\s\p{P}\p{S}]", chr(c)))


# Labels are short: only texts up to this length are memoised, so a hostile input of
# huge "lines" cannot fill the cache with megabytes.
MEMO_MAX_CHARS = 256


def normalize(text: str) -> str:
    """Case-fold, strip diacritics and edge punctuation, collapse whitespace.

    Memoised for short texts (a pure function): menu and widget labels repeat on every
    page of a site.
    """
    return _normalize_cached(text) if len(text) <= MEMO_MAX_CHARS else _normalize(text)


def _normalize(text: str) -> str:
    t = text.casefold()
    if not t.isascii():
        t = _MARKS.sub("", unicodedata.normalize("NFKD", t))
    if t and not (t[0].isalnum() and t[-1].isalnum()):
        t = _LEAD.sub("", t, count=1)
        m = _TRAIL.search(t)
        if m:
            t = t[: m.start()]
    return " ".join(t.split())


_normalize_cached = lru_cache(maxsize=1 << 14)(_normalize)
_FIRST = itemgetter(slice(0, 1))
_LAST = itemgetter(slice(-1, None))


def normalize_all(texts: Iterable[str]) -> list[str]:
    """``[normalize(t) for t in texts]``, one step at a time over all the texts (a page's
    lines): each step is one C-level ``map``, where ``normalize`` costs a Python call per
    text, and a page's lines are mostly new to the memo."""
    out = list(map(str.casefold, texts))
    for k in compress(range(len(out)), map(not_, map(str.isascii, out))):
        out[k] = _MARKS.sub("", unicodedata.normalize("NFKD", out[k]))
    # edge punctuation: its ASCII characters by str.strip, at C speed; the patterns then
    # take the rest, on the texts that still start or end with a non-alphanumeric character
    out = list(map(str.strip, out, repeat(_ASCII_EDGE)))
    clean_edges = map(and_, map(str.isalnum, map(_FIRST, out)), map(str.isalnum, map(_LAST, out)))
    for k in compress(range(len(out)), map(not_, clean_edges)):
        t = _LEAD.sub("", out[k], count=1)
        m = _TRAIL.search(t)
        out[k] = t[: m.start()] if m else t
    return list(map(" ".join, map(str.split, out)))


@dataclass(frozen=True, eq=False)  # identity hash: lexicons are cached singletons
class Lexicon:
    """Cue phrases of one or more languages, indexed for matching."""

    languages: tuple[str, ...]
    whole: dict[str, str]
    """normalised phrase -> family, for blocks that are exactly a cue."""
    prefix: dict[str, str]
    """normalised phrase -> family, for blocks that start with a cue."""
    glued: tuple[tuple[str, str], ...]
    """(phrase as written, family): cue glued to a capitalised headline."""
    labels: dict[str, tuple[str, ...]]
    """family -> normalised label words ("by", "source", "min read", ...)."""
    contains: dict[str, str]
    """normalised phrase -> family, for short blocks that contain a cue anywhere."""
    prefix_re: regex.Pattern[str]
    glued_re: regex.Pattern[str]
    contains_re: regex.Pattern[str]
    # Cheap necessary conditions, tested first because most blocks match no cue: a
    # match of the pattern implies that the text starts with (contains) one of these.
    prefix_by_first: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """first character -> the non-empty prefix phrases starting with it."""
    prefix_bare: bool = False
    """A prefix phrase normalises to "" ("©"): it matches where no word character starts."""
    glued_by_first: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """first character -> the glued cues, spelt as ``glued_re`` spells them."""
    contains_any: re.Pattern[str] = re.compile(r"(?!)")
    """The contains phrases as plain literals (the standard ``re`` finds them faster)."""

    def alternation(self, family: str) -> str:
        """The family's label words as a regex alternation, longest first ("" if none)."""
        return _alternation(list(self.labels.get(family, ())))

    def whole_cue(self, norm: str) -> str | None:
        return self.whole.get(norm)

    def prefix_cue(self, norm: str) -> str | None:
        if not norm.startswith(self.prefix_by_first.get(norm[:1], ())) and not (self.prefix_bare and not norm[:1].isalpha()):
            return None  # (an alphabetic character is a word character to prefix_re too)
        m = self.prefix_re.match(norm)
        return self.prefix[m.group()] if m else None

    def contained_cue(self, norm: str) -> str | None:
        if not self.contains_any.search(norm):
            return None
        m = self.contains_re.search(norm)
        return self.contains[m.group()] if m else None

    def glued_cue(self, text: str) -> bool:
        """Whether ``text`` starts with a cue glued to a headline ("RelatedSome title")."""
        return text.startswith(self.glued_by_first.get(text[:1], ())) and bool(self.glued_re.match(text))


def available_languages() -> tuple[str, ...]:
    """ISO codes of the languages that have a cue file."""
    root = resources.files("cleanwire") / "data" / "cues"
    return tuple(sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".json")))


@lru_cache(maxsize=64)
def _load_file(lang: str) -> dict:
    path = resources.files("cleanwire") / "data" / "cues" / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _by_first(phrases) -> dict[str, tuple[str, ...]]:
    """The non-empty ``phrases`` grouped by their first character."""
    out: dict[str, list[str]] = {}
    for p in phrases:
        if p:
            out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


def _alternation(phrases: list[str]) -> str:
    # longest first, so "share this post" wins over "share"
    return "|".join(regex.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@lru_cache(maxsize=16)
def load_lexicon(languages: tuple[str, ...] | None = None) -> Lexicon:
    """Merge the cue files of ``languages`` (all available ones when ``None``)."""
    langs = languages if languages is not None else available_languages()
    whole: dict[str, str] = {}
    prefix: dict[str, str] = {}
    glued: dict[str, str] = {}
    contains: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    for lang in langs:
        data = _load_file(lang)
        for family, phrases in data.get("whole", {}).items():
            for p in phrases:
                whole.setdefault(normalize(p), family)
        # a phrase that normalises to nothing ("©": a symbol) is no prefix: as the empty
        # pattern it matched every line opening with a format or private-use character
        # (a zero-width space, an icon font's glyph) - prose included
        for family, phrases in data.get("prefix", {}).items():
            for p in phrases:
                if n := normalize(p):
                    prefix.setdefault(n, family)
        for family, phrases in data.get("glued", {}).items():
            for p in phrases:
                glued.setdefault(p, family)
        for family, phrases in data.get("contains", {}).items():
            for p in phrases:
                if n := normalize(p):
                    contains.setdefault(n, family)
        for family, words in data.get("labels", {}).items():
            labels.setdefault(family, []).extend(normalize(w) for w in words)
    prefix_re = regex.compile(rf"(?:{_alternation(list(prefix))})(?!\w)") if prefix else regex.compile(r"(?!)")
    # A glued cue is written with a capital ("Related", "Read more") and is followed
    # directly by an upper-case letter or by ":" - "RelatedGrowing ties..." - which
    # ordinary prose almost never does.
    glued_spellings = [p[0].upper() + p[1:] for p in glued] + [p.upper() for p in glued]
    glued_alts = _alternation(glued_spellings)
    glued_re = regex.compile(rf"^(?:{glued_alts})(?:\s*:\s*|(?=\p{{Lu}}))(?=\S)") if glued else regex.compile(r"(?!)")
    contains_re = regex.compile(rf"(?<!\w)(?:{_alternation(list(contains))})(?!\w)") if contains else regex.compile(r"(?!)")
    return Lexicon(
        languages=tuple(langs),
        whole=whole,
        prefix=prefix,
        glued=tuple(glued.items()),
        labels={k: tuple(dict.fromkeys(v)) for k, v in labels.items()},
        contains=contains,
        prefix_re=prefix_re,
        contains_re=contains_re,
        glued_re=glued_re,
        prefix_by_first=_by_first(prefix),
        prefix_bare="" in prefix,
        glued_by_first=_by_first(glued_spellings),
        contains_any=re.compile("|".join(map(re.escape, contains)) or r"(?!)"),
    )
