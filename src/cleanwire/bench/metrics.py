"""The two accuracy metrics: AEB's shingle overlap and WCXB's bag of words.

Both are pure counting over ``\\w+`` tokens, so they need no model and are fast.

AEB (scrapinghub/article-extraction-benchmark, ``evaluate.py``): each text becomes
the multiset of its 4-token shingles (case kept); per page tp/fp/fn are the multiset
overlaps divided by tp+fp+fn; precision and recall are averaged over pages (pages
with tp+fp = 0 are left out of precision, tp+fn = 0 out of recall) and F1 is taken
from the two averages. Short texts follow the upstream convention: a text of 1-3
tokens is one shingle made of all its tokens; no tokens, no shingles.

WCXB: lower-cased tokens as bags of words; per page P/R/F1 of the multiset overlap
(empty gold and empty output score 1; an empty output otherwise, or output on an
empty gold, scores 0); means over pages and per page type. Snippets: a ``with`` or
``without`` snippet is "found" when its lower-cased token sequence occurs as a
contiguous run of the output's lower-cased tokens - case-, whitespace- and
punctuation-insensitive, so an extractor is not punished for joining lines or
dropping a comma. Rates are pooled over all snippets of all pages (micro average).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

_TOKEN = regex.compile(r"\w+")

SHINGLE_SIZE = 4
"""AEB's shingle length (``ngram_n`` in the upstream script)."""


def tokens(text: str) -> list[str]:
    """The ``\\w+`` runs of ``text``, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles; 1..n-1 tokens make one short shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def overlap(gold: Counter, pred: Counter) -> tuple[int, int, int]:
    """Raw multiset tp, fp, fn of ``pred`` against ``gold``."""
    tp = sum((gold & pred).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


@dataclass(frozen=True, slots=True)
class AebPage:
    """One page's tp/fp/fn, normalised so that they sum to 1 (or all 0)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """This page's own F1 (for ranking pages; the benchmark F1 is from averages)."""
        return f1_of(self.precision, self.recall)


def aeb_page(gold: str, pred: str) -> AebPage:
    """Shingle tp/fp/fn of ``pred`` against ``gold``, normalised by their sum."""
    tp, fp, fn = overlap(shingles(gold), shingles(pred))
    total = tp + fp + fn
    if total == 0:
        return AebPage(0.0, 0.0, 0.0)
    return AebPage(tp / total, fp / total, fn / total)


@dataclass(frozen=True, slots=True)
class Score:
    """Averaged precision, recall and F1 over ``pages`` pages."""

    precision: float
    recall: float
    f1: float
    pages: int


def f1_of(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def aeb_score(pages: Iterable[AebPage]) -> Score:
    """AEB's benchmark score: P and R averaged over pages, F1 from the two averages."""
    pages = list(pages)
    precision = _mean([p.precision for p in pages if p.tp + p.fp > 0])
    recall = _mean([p.recall for p in pages if p.tp + p.fn > 0])
    return Score(precision, recall, f1_of(precision, recall), len(pages))


def bag(text: str) -> Counter[str]:
    """Lower-cased ``\\w+`` tokens as a multiset (WCXB's bag of words)."""
    return Counter(t.lower() for t in tokens(text))


@dataclass(frozen=True, slots=True)
class WcxbPage:
    """One page's bag-of-words precision, recall and F1."""

    precision: float
    recall: float
    f1: float


def wcxb_page(gold: str, pred: str) -> WcxbPage:
    """WCXB per-page scores of ``pred`` against ``gold``."""
    g, p = bag(gold), bag(pred)
    if not g and not p:
        return WcxbPage(1.0, 1.0, 1.0)
    if not g or not p:
        return WcxbPage(0.0, 0.0, 0.0)
    tp, fp, fn = overlap(g, p)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return WcxbPage(precision, recall, f1_of(precision, recall))


def wcxb_score(pages: Iterable[WcxbPage]) -> Score:
    """Means of per-page P, R and F1 (F1 is the mean of page F1s, as WCXB reports)."""
    pages = list(pages)
    return Score(
        _mean([p.precision for p in pages]),
        _mean([p.recall for p in pages]),
        _mean([p.f1 for p in pages]),
        len(pages),
    )


def token_key(text: str) -> str:
    """Lower-cased tokens joined by single spaces and padded: the matching form."""
    toks = tokens(text)
    return " " + " ".join(t.lower() for t in toks) + " " if toks else ""


def snippets_found(snippets: Iterable[str], output: str) -> tuple[int, int]:
    """(found, counted) for ``snippets`` in ``output``; token-less snippets not counted."""
    haystack = token_key(output)
    found = counted = 0
    for snippet in snippets:
        key = token_key(snippet)
        if not key:
            continue
        counted += 1
        found += key in haystack
    return found, counted


def rate(pairs: Iterable[tuple[int, int]]) -> float | None:
    """Pooled share found over (found, counted) pairs; None when nothing was counted."""
    found = counted = 0
    for f, c in pairs:
        found += f
        counted += c
    return found / counted if counted else None
