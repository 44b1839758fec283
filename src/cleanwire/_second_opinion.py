"""The second opinion: which DOM blocks trafilatura keeps, as evidence for our labels.

trafilatura is run on the same page (see ``second_opinion`` for which mode) and its
output text is matched back onto our blocks.
A block counts as kept when its word sequence occurs in trafilatura's output. The
verdict becomes a scorer contribution (see ``_dom_rules.dom_evidence``), so our rules
still decide what trafilatura keeps but is chrome (captions, share labels, related
headlines, comment threads) and what it misses inside the content container.

trafilatura's failures (exceptions, timeouts of its own, empty output) simply mean no
second opinion: the DOM rules and the scorer decide alone.
"""

from __future__ import annotations

from typing import Any

import regex

from ._wordmatch import WordMatcher

_WORDS = regex.compile(r"\w+")
# An extraction shorter than this is a failure (a title alone), not a verdict on the
# page: its "dropped" would condemn the real content. (25 cost WCXB's short product
# and collection pages their second opinion: F1 0.816 at 25, 0.818 at 10; AEB same.)
MIN_WORDS = 10


def normalize_words(text: str) -> str:
    """Lower-cased word tokens joined by single spaces, padded with spaces."""
    return " " + " ".join(_WORDS.findall(text.casefold())) + " "


def trafilatura_text(html: Any, *, thorough: bool = False, comments: bool = False) -> str | None:
    """trafilatura's main text for ``html``, or None when it fails or finds little.

    ``html`` is the page's text or its parsed tree (``_html.parse_html``'s root, whose
    elements are lxml.html elements): trafilatura works on its own copy of a tree, so
    the caller's tree is never changed, and copying it costs a fraction of a parse.
    Fast mode by default; ``thorough`` is trafilatura's full extraction (its
    readability/jusText comparison). ``comments``: include comment sections.
    """
    try:
        import trafilatura
    except ImportError:  # an optional dependency at runtime: no second opinion
        return None
    try:
        out = trafilatura.extract(html, fast=not thorough, include_comments=comments,
                                  include_tables=True, deduplicate=False)
    except Exception:  # a third-party failure must never fail the caller
        return None
    if not out or len(_WORDS.findall(out)) < MIN_WORDS:
        return None
    return out


# When the fast extraction holds less than this share of the page's prose (words in
# blocks of PROSE_BLOCK_WORDS or more), it probably stopped early or picked a teaser
# box: trafilatura is asked again in its thorough mode. On AEB news pages this rarely
# fires, so it costs little time there; on forums, product and service pages it does.
MIN_COVERAGE = 0.5
# On pages that declare themselves articles fast mode rarely stops early: asking again
# only under a quarter cut AEB's thorough runs from 17 to 5 pages (time -15%) with the
# same F1, and left WCXB's articles unchanged.
MIN_COVERAGE_ARTICLE = 0.25
PROSE_BLOCK_WORDS = 12


def coverage(norms: list[str], reference: str | None) -> float:
    """Share of the words of prose-sized blocks (given as ``normalize_words`` strings)
    that occur in ``reference``."""
    ref = WordMatcher(normalize_words(reference)) if reference else None
    total = kept = 0
    for norm in norms:
        n = norm.count(" ") - 1
        if n >= PROSE_BLOCK_WORDS:
            total += n
            if ref is not None and norm in ref:
                kept += n
    return kept / total if total else 1.0


# Measured on WCXB dev (every 5th page) and AEB: trafilatura's thorough mode with
# comments as the only opinion on non-article pages scored 0.804 against 0.809 for
# fast-then-thorough; comments in the thorough fallback of non-article pages raised
# forums 0.70 -> 0.72 and listings 0.52 -> 0.54 (AEB unchanged: its pages are articles).
FALLBACK_COMMENTS = True


_NOT_RUN: Any = object()


def second_opinion(html: str, norms: list[str], article: bool = True, fast: str | None = _NOT_RUN) -> str | None:
    """The reference text for our blocks.

    Fast trafilatura without comments (its most precise setting on news), or its
    thorough mode when fast covers too little of the candidate prose ``norms`` and
    thorough covers more. On a page that does not declare itself an article (forum,
    product, listing, docs) the thorough fallback includes comments: a forum's posts
    often are "comments". ``fast``: the fast run's result when the caller already has
    it (``extract_html`` runs it on the parsed tree); the thorough run parses ``html``.
    """
    if fast is _NOT_RUN:
        fast = trafilatura_text(html)
    fast_cov = coverage(norms, fast)
    if fast_cov >= (MIN_COVERAGE_ARTICLE if article else MIN_COVERAGE):
        return fast
    slow = trafilatura_text(html, thorough=True, comments=not article and FALLBACK_COMMENTS)
    return slow if slow is not None and coverage(norms, slow) > fast_cov else fast


def kept_flags(norms: list[str], reference: str | None) -> list[bool | None]:
    """For each block (a ``normalize_words`` string): found in ``reference``
    (True/False), or None without a reference."""
    if not reference:
        return [None] * len(norms)
    ref = WordMatcher(normalize_words(reference))
    out: list[bool | None] = []
    for norm in norms:
        if len(norm) <= 2:
            out.append(None)  # a block without words ("/", "|") gets no verdict
        elif norm in ref:
            out.append(True)
        else:
            out.append(_mostly_in(norm, ref))
    return out


# A long block counts as kept when most of its word windows occur in the reference:
# trafilatura reformats long <pre> and table text (a word split or dropped here and
# there), so a whole man page would otherwise count as "dropped". (WCXB dev 1/5: docs
# F1 0.917 -> 0.939; shares 0.5 and 0.8 measured the same there, 0.8 kept AEB higher.)
WINDOW_WORDS = 8
MIN_WINDOWS = 3
KEPT_WINDOW_SHARE = 0.8


def _mostly_in(norm: str, ref: WordMatcher) -> bool:
    if norm.count(" ") - 1 < WINDOW_WORDS * MIN_WINDOWS:  # its word count, without a split
        return False
    words = norm.split()
    windows = [" " + " ".join(words[i:i + WINDOW_WORDS]) + " " for i in range(0, len(words) - WINDOW_WORDS + 1, WINDOW_WORDS)]
    found = sum(1 for w in windows if w in ref)
    return found >= KEPT_WINDOW_SHARE * len(windows)
