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
THOROUGH_COMMENTS = False


def normalize_words(text: str) -> str:
    """Lower-cased word tokens joined by single spaces, padded with spaces."""
    return " " + " ".join(_WORDS.findall(text.casefold())) + " "


def trafilatura_text(html: str, *, thorough: bool = False) -> str | None:
    """trafilatura's main text for ``html``, or None when it fails or finds little.

    Fast mode without comments by default; ``thorough`` is trafilatura's default
    extraction (its readability/jusText comparison, comments included).
    """
    try:
        import trafilatura
    except ImportError:  # an optional dependency at runtime: no second opinion
        return None
    kwargs = {"include_comments": THOROUGH_COMMENTS} if thorough else {"fast": True, "include_comments": INCLUDE_COMMENTS}
    try:
        out = trafilatura.extract(html, include_tables=True, deduplicate=False, **kwargs)
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
PROSE_BLOCK_WORDS = 12


def coverage(texts: list[str], reference: str | None) -> float:
    """Share of the words of prose-sized blocks that occur in ``reference``."""
    ref = normalize_words(reference) if reference else ""
    total = kept = 0
    for t in texts:
        norm = normalize_words(t)
        n = norm.count(" ") - 1
        if n >= PROSE_BLOCK_WORDS:
            total += n
            if ref and norm in ref:
                kept += n
    return kept / total if total else 1.0


def second_opinion(html: str, texts: list[str]) -> str | None:
    """The reference text for our blocks: fast trafilatura, or thorough when fast
    covers too little of the candidate prose ``texts`` and thorough covers more."""
    fast = trafilatura_text(html)
    fast_cov = coverage(texts, fast)
    if fast_cov >= MIN_COVERAGE:
        return fast
    slow = trafilatura_text(html, thorough=True)
    return slow if slow is not None and coverage(texts, slow) > fast_cov else fast


def kept_flags(texts: list[str], reference: str | None) -> list[bool | None]:
    """For each block text: found in ``reference`` (True/False), or None without one."""
    if not reference:
        return [None] * len(texts)
    ref = normalize_words(reference)
    out: list[bool | None] = []
    for t in texts:
        norm = normalize_words(t)
        # a block without words ("/", "|") gets no verdict
        out.append(norm in ref if len(norm) > 2 else None)
    return out
