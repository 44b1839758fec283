"""Pass 2: decide from neighbours what pass 1 left open, jusText style.

Input is the pass-1 state: for each block either a rule decision or a score (the
context scorer's logit, see ``_smooth``). Output is one final decision per block.
The steps, in order:

1. ``related-list``: undecided headline-like blocks running under a chrome section
   heading ("Related", "Explore") are chrome (runs of up to ``RELATED_MAX_ITEMS``).
2. ``after-comments``: a comment-section heading that follows a body ends it;
   ``after-footer`` (text mode): so does the page's last copyright line.
   ``record-list``: on a page whose content is a list, the run of records found by
   their recurring date / author / count lines is body (``_record_runs``).
3. The body regions: the contiguous run with the largest total value (a
   maximum-subarray; a block is worth (p - threshold) x words, a rule-decided block a
   small fixed penalty), plus further runs worth a share of it (spread-out content).
   Each region takes the sentences just before and after it that read as prose on
   their own, across article furniture (``trailing_paragraphs``).
4. ``standfirst``: the sentence just above the body's byline / date / caption.
5. ``title``: the nearest headline-like undecided block before the body;
   ``repeated-title``: later copies of it.
6. Undecided blocks inside a region are ``body`` (or ``low-score`` when they read like
   a widget on their own); outside, ``outside-body``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import compress, count, repeat
from operator import eq
from typing import NamedTuple

from ._record_runs import NUMBER, mark_records, record_spans
from ._types import Decision, Features, Label

# What a rule-decided block costs the region that spans it. Small, so a body can run
# through a caption or an inline teaser; large enough that a page-long run of chrome
# separates two prose areas. (Seeds: the dek above seed 001's caption and byline is kept;
# seed 004's comment-form prompts are not joined to the body.)
DECIDED_PENALTY = 2.0
# Article furniture (byline, date, caption, reading time, the repeated headline) sits
# between a standfirst and the body; it costs the region less than menus and widgets
# do (seed 001: the standfirst above the caption, byline and dateline is body).
FURNITURE_PENALTY = 0.5
FURNITURE_RULES = frozenset({"byline", "dateline", "photo-caption", "caption-above-credit", "read-time", "repeated-title", "counter"})

# How far above the body the title may sit (blocks), skipping decided blocks.
TITLE_LOOKBACK = 8
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 2, 30
LIST_ITEM_MAX_WORDS = 30
# On a page whose prose the scorer does not read (``unscored_prose``), a sentence of at
# least this many words ends a headline list whatever its score.
PROSE_SENTENCE_WORDS = 15
# Teaser boxes under "Related" / "Explore" hold a handful of headlines (seed 001: 15).
RELATED_MAX_ITEMS = 20
# A block adds (p - BODY_PROBABILITY) x words to the region, p being the scorer's
# probability that it is body: keeping it gains p x words expected true tokens against
# (1 - p) x words false ones.
BODY_PROBABILITY = 0.5
# A block weighs at least this many words in the region, so that a run of one-word
# menu items costs the region what it costs the reader.
REGION_MIN_WORDS = 1
# A comment-section heading ends the body only when this much body (region_value
# units, about "expected body tokens") comes before it.
COMMENTS_MIN_BODY = 20.0
# A comment-section line recurring this often, never on neighbouring blocks, is a
# button or count under each post ("0 Reply"), not a section heading (WCXB-dev forum
# threads and listings; an article's comment heading occurs once or twice).
WIDGET_MIN_REPEATS = 3
# Inside a region, a block scoring below this logit is still dropped ("low-score"):
# "Advert", "Weather", "Contact editorial" between paragraphs.
DROP_SCORE = -2.5
# Content spread over several sections (service pages, documentation) gives several
# runs; a further run counts when it is worth this share of the main one, and this
# many "expected tokens" (the unit of region_value) at least.
EXTRA_REGION_SHARE = 0.1
EXTRA_REGION_MIN = 5.0
# In text mode, on a page with little prose (a service page, a listing, a shop: the
# body probability lowered, see ``_labels``), a short further section counts from this
# much: its few short lines are worth little each, yet they are the page's content.
# Lowered on every page instead, AEB text precision fell (0.902 -> 0.899 when measured
# in the seventh session). HTML mode keeps EXTRA_REGION_MIN.
LOW_PROSE_EXTRA_REGION_MIN = 1.0
# A standfirst is a full sentence of at least this many words whose context score is
# not far below zero (seed 001's scores -1.0).
STANDFIRST_MIN_WORDS = 8
STANDFIRST_MIN_SCORE = -1.5


def decided_cost(d: Decision) -> float:
    """What a rule-decided block costs a region that spans it."""
    return -FURNITURE_PENALTY if d.rule in FURNITURE_RULES else -DECIDED_PENALTY


def region_value(score: float, words: int, body_probability: float = BODY_PROBABILITY) -> float:
    """What an undecided block with scorer logit ``score`` adds to the body region."""
    p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
    return (p - body_probability) * max(words, REGION_MIN_WORDS)
def region_values(
    state: list[Decision | None],
    scores: tuple[float, ...],
    own: tuple[float, ...],
    features: tuple[Features, ...],
    body_probability: float,
    low_score: bool,
) -> list[float]:
    """``region_value`` of every undecided block, ``decided_cost`` of the others.

    With ``low_score``, a block that will be dropped as low-score anyway costs the
    region like chrome and does not bridge it to what lies beyond ("Weather" before a
    weather widget). The same arithmetic as ``region_value``, inlined: this runs on
    every block of every page twice.
    """
    exp = math.exp
    out = []
    for d, s, o, f in zip(state, scores, own, features):
        if d is not None:
            out.append(-FURNITURE_PENALTY if d.rule in FURNITURE_RULES else -DECIDED_PENALTY)
        elif low_score and o < DROP_SCORE:
            out.append(-DECIDED_PENALTY)
        else:
            w = f.words
            p = 1.0 / (1.0 + exp(-(30.0 if s > 30.0 else -30.0 if s < -30.0 else s)))
            out.append((p - body_probability) * (w if w > REGION_MIN_WORDS else REGION_MIN_WORDS))
    return out


# A block with at least this score (a logit) is not a teaser line, whatever heading
# precedes it. Text-mode list items stay below it (checked: no seed or AEB text block
# reaches it in a related list); in HTML mode the second opinion's shift lifts the
# blocks it kept above it.
STRONG_BODY_SCORE = 8.0


def _is_prose(text: str, f: Features, s: float, unscored: bool = False) -> bool:
    """Sentence-like enough to end a headline list (a question is still a headline):
    read as body by the scorer, or, on a page whose prose the scorer does not read
    (``unscored``), a sentence of ``PROSE_SENTENCE_WORDS`` words or more."""
    if not f.terminal_punct or text.endswith("?") and f.words <= LIST_ITEM_MAX_WORDS:
        return False
    return s > 0 or unscored and f.words >= PROSE_SENTENCE_WORDS


def unscored_prose(features: tuple[Features, ...], initial: list[Decision | None], scores: tuple[float, ...]) -> bool:
    """Whether the scorer reads none of this page's sentences as body: at least two
    undecided sentences of ``PROSE_SENTENCE_WORDS`` words or more, none scored above
    zero (prose of a language it has no vocabulary for; on an English page the
    article's paragraphs score above zero, the teaser excerpts under its "Related"
    heading below)."""
    sentences = [s for f, d, s in zip(features, initial, scores)
                 if d is None and f.terminal_punct and f.words >= PROSE_SENTENCE_WORDS]
    return len(sentences) >= 2 and not any(s > 0 for s in sentences)


def _headline_like(text: str, f: Features) -> bool:
    """Headline-sized and not ending in a full stop ("?" and "!" headlines exist)."""
    return TITLE_MIN_WORDS <= f.words <= TITLE_MAX_WORDS and not text.rstrip("\"'”’)»").endswith(".")


def related_lists(
    texts: tuple[str, ...],
    features: tuple[Features, ...],
    initial: list[Decision | None],
    scores: tuple[float, ...],
) -> list[Decision | None]:
    """Mark headline runs under a section heading; a lone line before prose is a subheading."""
    out = list(initial)
    n = len(features)
    unscored: bool | None = None  # read once, at the first section heading
    for i, d in enumerate(initial):
        if d is None or d.rule != "section-label":
            continue
        if unscored is None:
            unscored = unscored_prose(features, initial, scores)
        items: list[int] = []
        j = i + 1
        while j < n:
            dj = out[j]
            if dj is not None:
                # a breadcrumb starts the article's header: a teaser box has none (a
                # "Home" label in the menu above it heads no list)
                if dj.rule in ("section-label", "breadcrumb"):
                    break
                j += 1
                continue
            f = features[j]
            if _is_prose(texts[j], f, scores[j], unscored) or f.words > LIST_ITEM_MAX_WORDS or scores[j] >= STRONG_BODY_SCORE:
                break
            items.append(j)
            j += 1
        if len(items) > RELATED_MAX_ITEMS:
            continue  # a list that long is the content of a listing, not a teaser box
        followed_by_prose = j < n and out[j] is None
        if followed_by_prose and items:
            items = items[:-1]  # the last line before prose is a subheading, not a teaser
        for k in items:
            out[k] = Decision(Label.CHROME, "related-list", f"listed under the section heading in block {i}")
    return out


def body_region(values: list[float], lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """Bounds [start, end) of the maximum-sum run within [lo, hi); ties prefer the longer run."""
    best = 0.0
    best_span: tuple[int, int] | None = None
    cur = 0.0
    cur_start = lo
    for i in range(lo, len(values) if hi is None else hi):
        v = values[i]
        if cur < 0:
            cur, cur_start = 0.0, i
        cur += v
        if cur > 0 and (cur > best or (cur == best and best_span is not None and best_span[0] == cur_start)):
            best, best_span = cur, (cur_start, i + 1)
    return best_span


def per_post_widgets(texts: tuple[str, ...], state: list[Decision | None]) -> set[int]:
    """Comment-section lines that are a button or count of each post, not a heading.

    "0 Reply", "1 Reply Last reply", "Comments" under every post of a forum thread or
    every item of a listing: the same line (up to its numbers) recurs at least
    ``WIDGET_MIN_REPEATS`` times, never on two neighbouring blocks (a heading and its
    tab, "Comments" / "comments", sit side by side), so it is not where a comment
    section starts.
    """
    places: dict[str, list[int]] = {}
    for i, d in enumerate(state):
        if d is not None and d.rule == "comment-section":
            places.setdefault(NUMBER.sub("0", texts[i].casefold()), []).append(i)
    out: set[int] = set()
    for p in places.values():
        if len(p) >= WIDGET_MIN_REPEATS and all(b - a > 1 for a, b in zip(p, p[1:])):
            out.update(p)
    return out


def comments_cut(state: list[Decision | None], values: list[float], texts: tuple[str, ...] | None = None) -> int | None:
    """Index of the first comment-section heading that has a body before it, or None.

    A comment section under an article is chrome; a forum thread's posts, which have no
    article before their heading, are not cut; nor is a thread whose every post carries
    its own reply or comment count (``per_post_widgets``, with the blocks' ``texts``).
    """
    widgets = per_post_widgets(texts, state) if texts is not None else set()
    # the best run before each block, in one pass (Kadane's), not one pass per heading
    best = cur = 0.0
    for i, d in enumerate(state):
        if d is not None and d.rule == "comment-section" and i not in widgets and best >= COMMENTS_MIN_BODY:
            return i
        cur = (cur if cur >= 0 else 0.0) + values[i]
        best = cur if cur > best else best
    return None


# A copyright notice is short ("© 2025 Example Ltd. All rights reserved.") and names its
# year or the sign: a caption ending "All rights reserved, DACS 2024" (25 words), a man
# page's COPYRIGHT paragraph, a heading "Copyright licence" are not the page's end.
NOTICE_MAX_WORDS = 20
# The body that must come before a copyright notice for it to end the page (region_value
# units, as COMMENTS_MIN_BODY). WCXB-dev text: 20 -> 0.8327; 5 -> 0.8327 and 0.5 ->
# 0.8333, but both lose an article a site dumps after its footer (F1 0.96 -> 0.05).
FOOTER_MIN_BODY = 20.0


def _copyright_notice(text: str, f: Features) -> bool:
    """Whether a ``footer`` line is the page's copyright notice (cue family ``footer``
    at its start or inside it, at most ``NOTICE_MAX_WORDS`` words, a digit or "©")."""
    return f.cue_prefix == "footer" and f.words <= NOTICE_MAX_WORDS and ("©" in text or any(map(str.isdigit, text)))


def footer_cut(texts: tuple[str, ...], features: tuple[Features, ...], state: list[Decision | None], values: list[float]) -> int | None:
    """Index of the page's last copyright line when a body comes before it, or None.

    A copyright line ("© 2025 Example Inc.", "Alle Rechte vorbehalten": cue family
    ``footer`` at the start of the line or contained in it) closes the page as drawn;
    what a text dump holds after it is text of overlays - a refund or privacy policy, a
    size chart, a cookie dialog - that the page only shows on demand. Only the last such
    line counts (a photo credit "© Reuters" inside an article is not the page's end),
    and only when at least ``FOOTER_MIN_BODY`` of body comes before it, so that a
    page whose whole text follows a copyright line keeps it.
    """
    for i in range(len(state) - 1, -1, -1):
        d = state[i]
        if d is not None and d.rule == "footer" and _copyright_notice(texts[i], features[i]):
            span = body_region(values, 0, i)
            return i if span is not None and sum(values[span[0] : span[1]]) >= FOOTER_MIN_BODY else None
    return None


def maximal_runs(values: list[float]) -> list[tuple[int, int]]:
    """Every maximal-sum run of ``values``, in order (Ruzzo and Tompa, 1999).

    The set is what taking the maximum-sum run and then the maximal runs left and right
    of it, recursively, would find, but in one pass: linear time, where the recursion
    is quadratic on a page of many equal runs. Ties prefer the longer run, as in
    ``body_region``: runs whose sums tie merge, and zeros at a run's edges join it.
    """
    # each run: [start, end, cumulative sum before start, cumulative sum at end, index of
    # the nearest run to its left that starts lower]; that link lets the search below
    # skip the runs it has already been compared with (amortised linear time)
    runs: list[list] = []
    total = 0.0
    for i, v in enumerate(values):
        before, total = total, total + v
        if v <= 0:
            continue
        start = i
        while True:
            j = len(runs) - 1
            while j >= 0 and runs[j][2] > before:
                j = runs[j][4]
            if j < 0 or runs[j][3] > total:
                break
            # the new run and run j, with everything between them, make a larger run
            start, before = runs[j][0], runs[j][2]
            del runs[j:]
        runs.append([start, i + 1, before, total, j])
    out = []
    for r in runs:  # ties prefer the longer run, as in ``body_region``: zeros at the edges join
        a, b = r[0], r[1]
        while a > 0 and values[a - 1] == 0:
            a -= 1
        while b < len(values) and values[b] == 0:
            b += 1
        out.append((a, b))
    return out


def body_regions(values: list[float], extra_min: float = EXTRA_REGION_MIN) -> list[tuple[int, int]]:
    """The main region, plus further maximal-sum runs left and right of it that are
    worth at least ``EXTRA_REGION_SHARE`` of the main one and ``extra_min``.

    Each region has non-negative prefix and suffix sums, so once the blocks between and
    around them are removed, all of them together form one maximum-sum run: the
    output of a second run over the cleaned text is the same (idempotence).
    """
    main = body_region(values)
    if main is None:
        return []
    floor = max(extra_min, EXTRA_REGION_SHARE * sum(values[main[0] : main[1]]))
    found = [main]
    for a, b in maximal_runs(values):
        if (b <= main[0] or a >= main[1]) and sum(values[a:b]) >= floor:
            found.append((a, b))
    return sorted(found)


# Text mode, a page where no block scored as body (prose in a language the scorer has
# no stoplist or vocabulary for reads low): the run of sentence paragraphs - at least
# PROSE_RUN_SENTENCE_WORDS words each, ending in terminal punctuation, with only
# article furniture between them - holding the most words, at least PROSE_RUN_MIN_WORDS
# in all, is the body.
PROSE_RUN_SENTENCE_WORDS = 12
PROSE_RUN_MIN_WORDS = 40


def prose_run(features: tuple[Features, ...], state: list[Decision | None], texts: tuple[str, ...]) -> list[int]:
    """The sentence paragraphs of the longest prose run (see ``PROSE_RUN_MIN_WORDS``)."""
    best: list[int] = []
    best_words = 0
    run: list[int] = []
    words = 0
    for i, (f, d) in enumerate(zip(features, state)):
        if d is None and f.duplicate_of is None and f.terminal_punct and f.words >= PROSE_RUN_SENTENCE_WORDS \
                and not texts[i].endswith("..."):
            run.append(i)
            words += f.words
            if words > best_words:
                best, best_words = list(run), words
        elif d is None or d.rule not in FURNITURE_RULES:
            run, words = [], 0
    return best if best_words >= PROSE_RUN_MIN_WORDS else []


def drop_repeats(texts: tuple[str, ...], state: list[Decision | None], inside: list[bool], own: tuple[float, ...], low_score: bool) -> None:
    """Mark the later copies of a body block ``repeated-block`` (in place).

    A page dump holds the same text twice when the page lays it out twice (a mobile
    and a desktop copy, a disclaimer under every promoted item, a menu at the top and
    the bottom); the reader - and a bag-of-words reference - has it once. Only a copy
    with dropped blocks between it and the kept one counts: a repeat inside one run of
    kept text is the author's (a refrain, a repeated instruction). Once the copies and
    the chrome between them are gone, a second run finds no copy to drop.
    """
    seen: dict[str, int] = {}  # text -> how many blocks had been dropped when it was last kept
    dropped = 0
    for i, t in enumerate(texts):
        d = state[i]
        if d is None:
            if not inside[i] or low_score and own[i] < DROP_SCORE:
                dropped += 1
                continue
        elif d.label is not Label.BODY:
            dropped += 1
            continue
        elif d.rule == "record-list":
            continue  # a listing's records repeat their anchors ("Add to cart") by design
        key = t.casefold()
        if seen.get(key, dropped) < dropped:
            state[i] = Decision(Label.CHROME, "repeated-block", "repeats a block kept earlier on the page")
            dropped += 1
        else:
            seen[key] = dropped


def find_title(
    texts: tuple[str, ...],
    features: tuple[Features, ...],
    decided: list[Decision | None],
    region_start: int,
) -> int | None:
    """Index of the title: the nearest headline-like undecided block above the body."""
    i = region_start - 1
    seen = 0
    while i >= 0 and seen < TITLE_LOOKBACK:
        if decided[i] is None:
            if not _headline_like(texts[i], features[i]):
                return None
            first = features[i].duplicate_of
            return first if first is not None and decided[first] is None else i
        i -= 1
        seen += 1
    return None


def find_standfirst(
    features: tuple[Features, ...], state: list[Decision | None], scores: tuple[float, ...], start: int
) -> int | None:
    """A standfirst: the sentence just above the body's byline / date / caption block.

    Seed 001: "The visit is the latest since..." sits above a repeated headline, a
    caption, a byline and a date; its neighbours are all furniture, so the context pass
    scores it low, yet it is the article's first sentence.
    """
    i, furniture = start - 1, 0
    while i >= 0 and start - i <= TITLE_LOOKBACK:
        d, f = state[i], features[i]
        if d is not None and d.rule in FURNITURE_RULES:
            furniture += 1
        elif d is None and f.duplicate_of is None and f.terminal_punct and f.words >= STANDFIRST_MIN_WORDS:
            return i if furniture and scores[i] > STANDFIRST_MIN_SCORE else None
        elif d is not None or f.duplicate_of is None:
            return None  # anything else above the body ends the search; copies (of the title) are skipped
        i -= 1
    return None


# How many paragraphs directly above a standfirst join it: an article's opening
# paragraphs sit above its first photo, their neighbours all furniture.
LEAD_MAX_PARAGRAPHS = 2


def lead_paragraphs(features: tuple[Features, ...], state: list[Decision | None], scores: tuple[float, ...], lead: int) -> list[int]:
    """The sentences directly above the standfirst ``lead`` (no block between them),
    each one as the standfirst rule would take it, up to ``LEAD_MAX_PARAGRAPHS``."""
    out: list[int] = []
    i = lead - 1
    while i >= 0 and len(out) < LEAD_MAX_PARAGRAPHS:
        f = features[i]
        if state[i] is not None or f.duplicate_of is not None or not f.terminal_punct or f.words < STANDFIRST_MIN_WORDS \
                or scores[i] <= STANDFIRST_MIN_SCORE:
            break
        out.append(i)
        i -= 1
    return out


# How many sentences after a region's end join it (see ``trailing_paragraphs``).
TRAIL_MAX_PARAGRAPHS = 3


def trailing_paragraphs(
    features: tuple[Features, ...], state: list[Decision | None], scores: tuple[float, ...], own: tuple[float, ...],
    texts: tuple[str, ...], end: int, step: int = 1,
) -> list[int]:
    """The paragraphs just after a region's ``end`` that read as prose on their own
    (own score above zero, a sentence of ``STANDFIRST_MIN_WORDS`` words or more) and
    whose context score only the article furniture between them pulled down (a
    caption and its credit cut a short article in two), up to ``TRAIL_MAX_PARAGRAPHS``.
    With ``step`` -1, the same upwards from the block ``end`` (the one above a region)."""
    out: list[int] = []
    j = end
    while 0 <= j < len(state) and len(out) < TRAIL_MAX_PARAGRAPHS:
        d, f = state[j], features[j]
        if d is not None:
            if d.rule not in FURNITURE_RULES:
                break
        elif f.duplicate_of is None and f.terminal_punct and f.words >= STANDFIRST_MIN_WORDS and own[j] > 0 \
                and scores[j] > STANDFIRST_MIN_SCORE and not texts[j].endswith("..."):
            out.append(j)
        else:
            break
        j += step
    return out


class Verdicts(NamedTuple):
    """Pass 2's outcome before it is written out as one ``Decision`` per block.

    ``state`` holds the rule and context decisions. An undecided block is ``body``
    when ``inside`` a region, unless its own score is below ``DROP_SCORE``
    (``low-score``); outside, ``outside-body``. The re-check needs only the labels,
    so it writes out (formats the reasons of) just the blocks it drops.
    """

    state: list[Decision | None]
    inside: list[bool]
    scores: tuple[float, ...]
    own: tuple[float, ...]
    evidence: Sequence[tuple[tuple[str, float], ...]]
    low_score: bool
    """Whether the ``low-score`` rule is enabled."""

    def label(self, i: int) -> Label:
        """Block ``i``'s final label (without writing its decision)."""
        d = self.state[i]
        if d is not None:
            return d.label
        return Label.BODY if self.inside[i] and not (self.low_score and self.own[i] < DROP_SCORE) else Label.CHROME

    def labels(self) -> list[Label]:
        """Every block's final label (``label`` of each, in one loop: ``clean()`` and
        the re-check read them all)."""
        low_score = self.low_score
        body, chrome = Label.BODY, Label.CHROME
        return [
            d.label if d is not None else body if ins and not (low_score and o < DROP_SCORE) else chrome
            for d, ins, o in zip(self.state, self.inside, self.own)
        ]

    def decision(self, i: int) -> Decision:
        """Block ``i``'s final decision."""
        d = self.state[i]
        return d if d is not None else _written(self.inside[i], self.low_score, self.own[i], self.scores[i], self.evidence[i])

    def decisions(self) -> list[Decision]:
        """Every block's final decision (``decision`` of each, in one loop)."""
        low_score = self.low_score
        return [
            d if d is not None else _written(ins, low_score, o, s, ev)
            for d, ins, o, s, ev in zip(self.state, self.inside, self.own, self.scores, self.evidence)
        ]


def _written(inside: bool, low_score: bool, own: float, score: float, evidence: tuple[tuple[str, float], ...]) -> Decision:
    """The decision of an undecided block (see ``Verdicts``)."""
    if inside and low_score and own < DROP_SCORE:
        return Decision(Label.CHROME, "low-score", f"inside the body region but unlike prose on its own (score {own:+.1f})", evidence)
    if inside:
        return Decision(Label.BODY, "body", f"inside the body region (score {score:+.1f})", evidence)
    return Decision(Label.CHROME, "outside-body", f"outside the body region (score {score:+.1f})", evidence)


# A shop control is a button or a short control label: "Sort by: Price, low to high" is
# one, a sentence that starts "Sort by size before washing ..." is not.
SHOP_CONTROL_MAX_WORDS = 8


def drop_shop_controls(features: tuple[Features, ...], state: list[Decision | None], inside: list[bool]) -> None:
    """Undecided blocks inside the body region that are a shop control (cue family
    ``shop``: "Add to cart", "Compare", "Sort by", "Filters") are chrome (in place).

    Only once the regions are drawn: as a block rule the same lines moved the regions
    and the record runs they anchor (WCXB-dev text 0.8193 -> 0.8182 without the text
    model). A record run's "Add to cart" is decided already (``record-list``) and kept."""
    for i, (f, d, ins) in enumerate(zip(features, state, inside)):
        if d is None and ins and (f.cue == "shop" or f.cue_prefix == "shop" and f.words <= SHOP_CONTROL_MAX_WORDS):
            state[i] = Decision(Label.CHROME, "shop-widget", "inside the body region, a shop or listing control")


def verdicts(
    texts: tuple[str, ...],
    features: tuple[Features, ...],
    initial: list[Decision | None],
    scores: tuple[float, ...],
    evidence: Sequence[tuple[tuple[str, float], ...]],
    disabled: frozenset[str] = frozenset(),
    body_probability: float = BODY_PROBABILITY,
    block_scores: tuple[float, ...] | None = None,
    drop_copies: bool = False,
) -> Verdicts:
    """Pass 2 on the pass-1 state, as ``Verdicts``.

    ``scores`` decide the regions; ``block_scores`` (the context-free scores, default
    ``scores``) decide ``low-score``: context must not rescue a block that reads like a
    widget on its own. With ``drop_copies`` (text mode), a body block that repeats an
    earlier body block is dropped (``repeated-block``), and so is what follows the
    page's last copyright line (``after-footer``).
    """
    own = scores if block_scores is None else block_scores
    spans = [] if "record-list" in disabled else record_spans(texts, initial, features)
    state = list(initial if "related-list" in disabled else related_lists(texts, features, initial, scores))
    for a, b in spans:  # a record run is not a teaser box, whatever heading sits above it
        state[a:b] = [None if d is not None and d.rule == "related-list" else d for d in state[a:b]]
    values = region_values(state, scores, own, features, body_probability, "low-score" not in disabled)
    cut = comments_cut(state, values, texts) if "after-comments" not in disabled else None
    if cut is not None:
        for i in range(cut + 1, len(state)):
            if state[i] is None:
                state[i] = Decision(Label.CHROME, "after-comments", f"after the comment section that starts at block {cut}")
                values[i] = -DECIDED_PENALTY
    end = footer_cut(texts, features, state, values) if drop_copies and "after-footer" not in disabled else None
    if end is not None:
        for i in range(end + 1, len(state)):
            if state[i] is None:
                state[i] = Decision(Label.CHROME, "after-footer", f"after the page's copyright line (block {end})")
                values[i] = -DECIDED_PENALTY
    extra_min = LOW_PROSE_EXTRA_REGION_MIN if drop_copies and body_probability < BODY_PROBABILITY else EXTRA_REGION_MIN
    if spans:
        base = body_regions(values, extra_min)
        # what a sure body block adds, for the blocks of the runs only
        gain = {i: (1.0 - body_probability) * max(features[i].words, REGION_MIN_WORDS) for a, b in spans for i in range(a, b)}
        mark_records(features, state, values, spans, base, gain)
    regions = body_regions(values, extra_min) if "outside-body" not in disabled else [(0, len(values))]
    if not regions and drop_copies and "prose-run" not in disabled:
        for k in prose_run(features, state, texts):
            state[k] = Decision(Label.BODY, "prose-run", "no block scored as body: a sentence paragraph of the page's longest run of them",
                                evidence[k])
    start = regions[0][0] if regions else len(values)
    inside = [False] * len(values)
    for a, b in regions:
        inside[a:b] = [True] * (b - a)
        for k in trailing_paragraphs(features, state, scores, own, texts, b) + trailing_paragraphs(features, state, scores, own, texts, a - 1, -1):
            inside[k] = True

    if "shop-widget" not in disabled:
        drop_shop_controls(features, state, inside)
    lead = None if "standfirst" in disabled else find_standfirst(features, state, scores, start)
    if lead is not None:
        state[lead] = Decision(Label.BODY, "standfirst", f"a sentence above the body, separated from it only by article furniture (score {scores[lead]:+.1f})", evidence[lead])
        start = lead
        for k in lead_paragraphs(features, state, scores, lead):
            state[k] = Decision(Label.BODY, "standfirst", f"a paragraph directly above the standfirst in block {lead} (score {scores[k]:+.1f})", evidence[k])
            start = k
    if drop_copies and "repeated-block" not in disabled:
        drop_repeats(texts, state, inside, own, "low-score" not in disabled)
    title = None if "title" in disabled else find_title(texts, features, state, start)
    if title is not None:
        state[title] = Decision(Label.TITLE, "title", "the headline just before the body")
        if "repeated-title" not in disabled:
            key = texts[title].casefold()
            # the copies, found by C-level maps over the whole page
            for i in compress(count(), map(eq, map(str.casefold, texts), repeat(key))):
                if i != title:
                    state[i] = Decision(Label.CHROME, "repeated-title", f"repeats the title (block {title})")

    return Verdicts(state, inside, scores, own, evidence, "low-score" not in disabled)
