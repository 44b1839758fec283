"""Record lists: the items of a listing page, found by the furniture that repeats in them.

A listing (jobs, reviews, search results, a blog's index, a shop grid) is a run of
records of the same shape: a headline or name, perhaps a teaser, and a date, an author,
a count, a price or a button that recurs in every record at the same place. On a page
without an article body those records ARE the content, yet each of their lines reads
like a teaser or a menu item on its own, so the region pass drops them. Here a run of
at least ``MIN_RECORDS`` records is found from its anchors - blocks decided by one
furniture rule (``ANCHOR_RULES``), or undecided short lines with the same text up to
their numbers ("Add to cart", "$ 24.95") - that recur every ``2..MAX_RECORD_BLOCKS``
blocks with short items between them, and kept whole (anchors too: a date or a byline
is part of a listing's record, and keeping it keeps the output a fixed point when it
is cleaned again).

An article's related-stories box and comment list have the same shape, so a run only
counts when its items hold at least ``RECORD_BODY_SHARE`` times the words of the body
found outside it (paragraphs weighing more): the records must be the page's main
content, not a tail under an article.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from ._types import Decision, Features, Label

# The furniture rules that recur once per record. Each decides a short line on its own
# text alone (context-free), so the same anchors are found again when the kept text is
# checked once more.
ANCHOR_RULES = frozenset({"dateline", "byline", "read-time", "counter"})
# At least this many records in a run, each spanning at most this many blocks (anchor
# to anchor). WCXB-dev text F1: (4, 8) 0.796, (3, 8) 0.798, (4, 12) 0.800, (3, 12)
# 0.801, (3, 16) 0.801 but AEB precision 0.903 -> 0.900.
MIN_RECORDS = 3
MAX_RECORD_BLOCKS = 12
# An item of a record (a name, a headline, a teaser) is at most this many words; a
# longer block is an article's paragraph and ends the run. WCXB-dev text F1: 30 ->
# 0.799, 45 -> 0.800, 60 -> 0.801 (news listings carry two-sentence teasers).
MAX_ITEM_WORDS = 60
# A line that recurs in every record ("Add to cart", "Rate", a price) is at most this
# many words; numbers are ignored when comparing such lines.
MAX_ANCHOR_WORDS = 6
NUMBER = regex.compile(r"\d+")
_ASCII_DIGITS = frozenset("0123456789")  # the ASCII characters NUMBER matches
# The record before a run's first anchor (after its last) has items of at most this
# many times the run's longest item.
EDGE_ITEM_SLACK = 1.5
# A run is the page's content when its items hold at least this many times the words
# of the body found outside it. Without PARAGRAPH_WEIGHT, 1 cost AEB precision 0.903 ->
# 0.889 (headline lists beside short news items); with it, 1.5 keeps AEB unchanged
# (1: 0.899) and gives WCXB-dev 0.796 (3: 0.794).
RECORD_BODY_SHARE = 1.5
# In that body a paragraph (a sentence of at least PARAGRAPH_WORDS words) weighs
# PARAGRAPH_WEIGHT times its words: a short news item beside a long headline list is
# still an article.
PARAGRAPH_WORDS = 20
PARAGRAPH_WEIGHT = 2


def _chains(positions: list[int], item: list[bool]) -> list[tuple[int, int, int]]:
    """Runs of at least ``MIN_RECORDS`` anchors spaced 2..MAX_RECORD_BLOCKS apart, with
    an item between each pair and nothing else undecided: (first, last, median gap)."""
    out = []
    start = 0
    for k in range(1, len(positions) + 1):
        if k < len(positions):
            a, b = positions[k - 1], positions[k]
            if 2 <= b - a <= MAX_RECORD_BLOCKS and any(item[a + 1 : b]) and not any(item[i] is None for i in range(a + 1, b)):
                continue
        if k - start >= MIN_RECORDS:
            out += _regular(positions[start:k])
        start = k
    return out


def _regular(p: list[int]) -> list[tuple[int, int, int]]:
    """A chain without its first (last) anchor while that record is much longer than
    the chain's median record: an article's own byline and date heading the list of
    teasers beside it is not one of the list's records."""
    gaps = sorted(q - o for o, q in zip(p, p[1:]))
    median = gaps[len(gaps) // 2]
    longest = median + max(1, median // 2)
    lo, hi = 0, len(p) - 1
    while lo < hi and p[lo + 1] - p[lo] > longest:
        lo += 1
    while hi > lo and p[hi] - p[hi - 1] > longest:
        hi -= 1
    return [(p[lo], p[hi], median)] if hi - lo + 1 >= MIN_RECORDS else []


def _anchor_groups(texts: tuple[str, ...], state: list[Decision | None], features: tuple[Features, ...]) -> list[list[int]]:
    """Candidate anchors grouped by kind: the blocks of each ``ANCHOR_RULES`` rule, and
    undecided short lines that recur with the same text up to their numbers ("Add to
    cart", "9.1 (3.1M) Rate", "$ 24.95")."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (t, d, f) in enumerate(zip(texts, state, features)):
        if d is not None:
            if d.rule in ANCHOR_RULES:
                groups.setdefault(("rule", d.rule), []).append(i)
        elif f.words <= MAX_ANCHOR_WORDS:
            key = t.casefold()
            # most such lines are ASCII without a digit, where NUMBER has nothing to
            # replace: a set test is a tenth of the cost of running it
            if not (key.isascii() and _ASCII_DIGITS.isdisjoint(key)):
                key = NUMBER.sub("0", key)
            groups.setdefault(("text", key), []).append(i)
    return [g for g in groups.values() if len(g) >= MIN_RECORDS]


def record_spans(texts: tuple[str, ...], state: list[Decision | None], features: tuple[Features, ...]) -> list[tuple[int, int]]:
    """Spans [start, end) of the record runs on a page, merged where they overlap.

    An item is an undecided block of at most ``MAX_ITEM_WORDS`` words: a longer one
    (an article's paragraph) ends a run. A run reaches back from its first anchor and
    on from its last one by one record (the median gap), over items and anchors.
    """
    n = len(state)
    groups = _anchor_groups(texts, state, features)
    if not groups:
        return []
    # True: an item; False: a decided block; None: undecided but too long for an item
    item: list[bool | None] = [
        False if d is not None else (True if f.words <= MAX_ITEM_WORDS else None) for d, f in zip(state, features)
    ]
    anchor = [d is not None and d.rule in ANCHOR_RULES for d in state]
    spans: list[tuple[int, int]] = []
    for positions in groups:
        for first, last, gap in _chains(positions, item):
            # the record before the first anchor and after the last one: blocks no longer
            # than the run's own items (not the paragraph of an article above the list)
            size = EDGE_ITEM_SLACK * max(features[i].words for i in range(first, last) if item[i])

            def fits(i: int) -> bool:
                return anchor[i] or bool(item[i]) and features[i].words <= size

            lo = first
            while lo > 0 and first - lo < gap - 1 and fits(lo - 1):
                lo -= 1
            hi = last + 1
            while hi < n and hi - last < gap and fits(hi):
                hi += 1
            spans.append((lo, hi))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def item_words(span: tuple[int, int], state: list[Decision | None], features: tuple[Features, ...]) -> int:
    """Words of the undecided blocks in ``span``."""
    return sum(features[i].words for i in range(*span) if state[i] is None)


def mark_records(
    features: tuple[Features, ...],
    state: list[Decision | None],
    values: list[float],
    spans: list[tuple[int, int]],
    regions: list[tuple[int, int]],
    gain: Mapping[int, float],
) -> None:
    """Mark the record runs that are the page's content ``record-list`` (in place).

    ``regions`` are the body regions found without the runs; a run counts when its
    items hold at least ``RECORD_BODY_SHARE`` times the words of the body outside it.
    Its blocks then weigh ``gain`` (what a sure body block adds) in the regions.
    """
    n = len(values)
    inside = [False] * n
    for a, b in regions:
        inside[a:b] = [True] * (b - a)
    in_span = [False] * n
    for a, b in spans:
        in_span[a:b] = [True] * (b - a)
    body = sum(
        f.words * (PARAGRAPH_WEIGHT if f.terminal_punct and f.words >= PARAGRAPH_WORDS else 1)
        for f, d, i, s in zip(features, state, inside, in_span)
        if d is None and i and not s
    )
    for a, b in spans:
        if item_words((a, b), state, features) < RECORD_BODY_SHARE * body:
            continue
        for i in range(a, b):
            d = state[i]
            if d is None or d.rule in ANCHOR_RULES:
                state[i] = Decision(Label.BODY, "record-list", f"a record of the list in blocks {a}-{b - 1}, the page's main content")
                values[i] = gain[i]
