"""The second opinion: which DOM blocks trafilatura keeps, as evidence for our labels.

trafilatura is run on the same page (fast mode, comments excluded: its most precise
setting on the AEB news pages) and its output text is matched back onto our blocks.
A block counts as kept when its word sequence occurs in trafilatura's output. The
verdict becomes a scorer contribution (see ``_dom_rules.dom_evidence``), so our rules
still decide what trafilatura keeps but is chrome (captions, share labels, related
headlines, comment threads) and what it misses inside the content container.

trafilatura's failures (exceptions, timeouts of its own, empty output) simply mean no
second opinion: the DOM rules and the scorer decide alone.
"""

from __future__ import annotations

import regex

_WORDS = regex.compile(r"\w+")
# An extraction shorter than this is a failure (a title, a cookie notice), not a verdict
# on the page: its "dropped" would condemn the real content.
MIN_WORDS = 25
# Comments excluded: on AEB, F1 0.967 with include_comments=False against 0.963 with
# True (our dom-comments rule does not make up for the comment text it keeps).
INCLUDE_COMMENTS = False


def normalize_words(text: str) -> str:
    """Lower-cased word tokens joined by single spaces, padded with spaces."""
    return " " + " ".join(_WORDS.findall(text.casefold())) + " "


def trafilatura_text(html: str) -> str | None:
    """trafilatura's main text for ``html``, or None when it fails or finds nothing."""
    try:
        import trafilatura
    except ImportError:  # an optional dependency at runtime: no second opinion
        return None
    try:
        out = trafilatura.extract(
            html, fast=True, include_comments=INCLUDE_COMMENTS, include_tables=True, deduplicate=False
        )
    except Exception:  # a third-party failure must never fail the caller
        return None
    if not out or len(_WORDS.findall(out)) < MIN_WORDS:
        return None
    return out


def kept_flags(texts: list[str], reference: str | None) -> list[bool | None]:
    """For each block text: found in ``reference`` (True/False), or None without one."""
    if not reference:
        return [None] * len(texts)
    ref = normalize_words(reference)
    out: list[bool | None] = []
    for t in texts:
        norm = normalize_words(t)
        out.append(len(norm) > 2 and norm in ref)
    return out
