"""Pass 2: decide from neighbours what pass 1 left open, jusText style.

Input is the pass-1 state: for each block either a rule decision or a score. Output
is one final decision per block. The steps, in order:

1. ``related-list``: undecided headline-like blocks running under a chrome section
   heading ("Related", "Explore") are chrome.
2. The body region: the contiguous run of blocks with the largest total score
   (a maximum-subarray), where rule-decided blocks cost a small fixed penalty.
3. ``title``: the nearest headline-like undecided block before the region;
   ``repeated-title``: later copies of it.
4. Undecided blocks inside the region are ``body``; outside it ``outside-body``.
"""

from __future__ import annotations

from ._types import Decision, Features, Label

# What a rule-decided block costs the region that spans it. Small, so a body can run
# through a caption or an inline teaser; large enough that a page-long run of chrome
# separates two prose areas. (Seeds: the dek above seed 001's caption and byline is kept;
# seed 004's comment-form prompts are not joined to the body.)
DECIDED_PENALTY = 2.0
# How far above the body the title may sit (blocks), skipping decided blocks.
TITLE_LOOKBACK = 8
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 2, 30
LIST_ITEM_MAX_WORDS = 30
# A block with at least this score is not a teaser line, whatever heading precedes it.
# Text-mode list items stay below it (a 30-word line without a full stop scores < +10);
# in HTML mode a block the second-opinion extractor kept scores above it.
STRONG_BODY_SCORE = 10.0


def _is_prose(text: str, f: Features, s: float) -> bool:
    """Sentence-like enough to end a headline list (a question is still a headline)."""
    return s > 0 and f.terminal_punct and (f.words > LIST_ITEM_MAX_WORDS or not text.endswith("?"))


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
    for i, d in enumerate(initial):
        if d is None or d.rule != "section-label":
            continue
        items: list[int] = []
        j = i + 1
        while j < n:
            dj = out[j]
            if dj is not None:
                if dj.rule == "section-label":
                    break
                j += 1
                continue
            f = features[j]
            if _is_prose(texts[j], f, scores[j]) or f.words > LIST_ITEM_MAX_WORDS or scores[j] >= STRONG_BODY_SCORE:
                break
            items.append(j)
            j += 1
        followed_by_prose = j < n and out[j] is None
        if followed_by_prose and items:
            items = items[:-1]  # the last line before prose is a subheading, not a teaser
        for k in items:
            out[k] = Decision(Label.CHROME, "related-list", f"listed under the section heading in block {i}")
    return out


def body_region(values: list[float]) -> tuple[int, int] | None:
    """Bounds [start, end) of the maximum-sum run; ties prefer the longer run."""
    best = 0.0
    best_span: tuple[int, int] | None = None
    cur = 0.0
    cur_start = 0
    for i, v in enumerate(values):
        if cur < 0:
            cur, cur_start = 0.0, i
        cur += v
        if cur > 0 and (cur > best or (cur == best and best_span is not None and best_span[0] == cur_start)):
            best, best_span = cur, (cur_start, i + 1)
    return best_span


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


def decide(
    texts: tuple[str, ...],
    features: tuple[Features, ...],
    initial: list[Decision | None],
    scores: tuple[float, ...],
    evidence: tuple[tuple[tuple[str, float], ...], ...],
    disabled: frozenset[str] = frozenset(),
) -> list[Decision]:
    """Final decisions for every block from the pass-1 state."""
    state = initial if "related-list" in disabled else related_lists(texts, features, initial, scores)
    values = [scores[i] if d is None else -DECIDED_PENALTY for i, d in enumerate(state)]
    region = body_region(values) if "outside-body" not in disabled else (0, len(values))
    start, end = region if region else (len(values), len(values))

    state = list(state)
    title = None if "title" in disabled else find_title(texts, features, state, start)
    if title is not None:
        state[title] = Decision(Label.TITLE, "title", "the headline just before the body")
        if "repeated-title" not in disabled:
            key = texts[title].casefold()
            for i, t in enumerate(texts):
                if i != title and t.casefold() == key:
                    state[i] = Decision(Label.CHROME, "repeated-title", f"repeats the title (block {title})")

    final: list[Decision] = []
    for i, d in enumerate(state):
        if d is not None:
            final.append(d)
        elif start <= i < end:
            final.append(Decision(Label.BODY, "body", f"inside the body region (score {scores[i]:+.1f})", evidence[i]))
        else:
            final.append(Decision(Label.CHROME, "outside-body", f"outside the body region (score {scores[i]:+.1f})", evidence[i]))
    return final
