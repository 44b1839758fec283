"""Pass 2 in text mode: a learned second look at the labelling (``text-model``).

The rules, the two scorers and the region search each read part of the evidence. This
model reads their outcome side by side for every line - the decision so far and the
rule that made it, the block and context scores, the line's shape, its neighbours'
scores, decisions, shapes and cue words, the run of one rule the line is in, where it
sits on the page and against the body found so far, and what the page looks like as a
whole (share of prose, share already kept, how many lines) - and gives the probability
that the line is main content. It keeps lines the labelling dropped whose logit is
``margin`` past the threshold; it never drops a kept line. (Dropping was measured and
did not pay: the re-check labels the kept text again, and there the model sees a page
without its chrome, unlike any page it was trained on, and dropped content - WCXB-dev
text 0.803 -> 0.774 held out.) Some lines it may not keep whatever its weights say
(``may_keep``): those of the fixed rules, lines with a chrome cue word and one-word
``low-score`` lines inside the body.
Weights are data (``cleanwire/data/text_model.json``), trained by
``scripts/train_text_model.py`` on WCXB-dev and AEB with per-line labels from the gold
text; inference is the shallow regression trees of ``_trees``, pure Python and
deterministic. The explanation names the features whose values moved the logit most.

It runs inside every labelling (``label_pass``), so the re-check of the kept text sees
it too and ``clean()`` stays idempotent. Never in HTML mode: the HTML pipeline has
its own model (``_block_model``).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

from ._trees import TreeModel, predict
from ._trees import model_from_json as _model_from_json
from ._trees import shipped
from ._types import Block, Decision, Features, Label

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ._context import Verdicts

# Rules the model may not overrule: the title and its copies, captions (reported apart,
# kept on request: ``keep_captions``), a second copy of a block (``repeated-block``: the
# gold line labels call both copies content, but the metrics count the words twice), and
# the rules that fire on a chrome cue word or on a comment section's shape (on AEB and
# WCXB-dev 1-4% of the words they drop are content: nothing to win, and a model
# retrained on another pipeline must not undo them).
FIXED_RULES = frozenset(("title", "repeated-title", "photo-caption", "caption-above-credit", "repeated-block", "share-widget", "login-prompt",
                         "comment-form", "section-label", "comment-section", "comment-header", "footer", "read-time"))
# Rule ids given their own indicator; the others share "rule-other".
RULE_IDS = ("body", "outside-body", "low-score", "record-list", "related-list", "after-comments", "standfirst",
            "section-label", "byline", "dateline", "counter", "footer", "photo-caption", "comment-section",
            "comment-header", "comment-form", "share-widget", "login-prompt", "inline-related", "breadcrumb",
            "read-time", "source-credit", "punctuation-only", "repeated-block", "title", "repeated-title")
WINDOW = 3


def may_keep(f: Features, d: Decision | None, inside: bool) -> bool:
    """Whether the model may keep a dropped line (``d`` its rule decision, None when the
    region and the scores decided): not one a fixed rule dropped, not a line with a
    chrome cue word (whole or leading: "Advertisement", "Share this"; about 1% of such
    lines are content), and not a one-word line inside the body region that the scorer
    found unlike prose (``low-score``: "Advert" between two paragraphs; the line itself
    holds no more evidence than the scorer read). Guards, not features, so that no
    retraining can undo them."""
    if f.cue is not None or f.cue_prefix is not None:
        return False
    if d is not None:
        return d.rule not in FIXED_RULES
    return not (inside and f.words <= 1)


FEATURE_NAMES: tuple[str, ...] = (
    ("kept", "inside", "score", "own-score", "ruled", "words", "sentence-end", "ellipsis", "stopwords",
     "title-case", "digits", "upper-case", "punctuation", "separators", "url", "cue", "cue-prefix",
     "duplicate", "list-marker", "colon-end",
     "position", "near-end", "prev-kept", "next-kept", "window-kept", "prev-score", "next-score",
     "window-score", "window-ruled", "page-kept-share", "page-blocks", "page-words", "page-prose",
     "page-list", "page-ruled", "page-distinct", "kept-before", "kept-after", "word-share", "longest-share",
     "kept-distance", "run-kept",
     "prev-words", "next-words", "prev-ruled", "next-ruled", "prev-cue", "next-cue", "window-cue",
     "prev-stopwords", "next-stopwords", "prev-sentence-end", "next-sentence-end", "window-words",
     "window-list-marker", "rule-run", "rule-run-index", "prev-same-rule", "next-same-rule",
     "before-body", "after-body", "inside-run")
    + tuple(f"rule:{r}" for r in RULE_IDS) + ("rule-other",)
)
_RULE_INDEX = {r: i for i, r in enumerate(RULE_IDS)}


def _clip(x: float, lo: float = -12.0, hi: float = 12.0) -> float:
    return lo if x < lo else hi if x > hi else x


def _runs(values: Sequence[object]) -> Iterator[tuple[int, int]]:
    """The spans ``[a, b)`` of equal neighbouring values, in order."""
    n = len(values)
    a = 0
    while a < n:
        b = a + 1
        while b < n and values[b] == values[a]:
            b += 1
        yield a, b
        a = b


def text_rows(
    features: tuple[Features, ...],
    ruled: list[Decision | None],
    v: Verdicts,
    prose: float,
    list_share: float,
    only: list[bool] | None = None,
) -> list[list[float] | None]:
    """The model's measurements (``FEATURE_NAMES``) for every block of one text page
    (with ``only``, just for the blocks it marks; None for the others)."""
    n = len(features)
    kept = [1.0 if label is Label.BODY else 0.0 for label in v.labels()]
    if only is None:
        only = [True] * n
    scores = [_clip(s) for s in v.scores]
    own = [_clip(s) for s in v.own]
    is_ruled = [0.0 if r is None else 1.0 for r in ruled]
    words = [f.words for f in features]
    total = sum(words) or 1
    longest = max(words) or 1
    page_kept = sum(w for w, k in zip(words, kept) if k) / total
    page_blocks = math.log1p(n)
    page_words = math.log1p(total)
    page_ruled = sum(is_ruled) / n
    page_distinct = len({id(f) for f in features}) / n
    kept_words = sum(w for w, k in zip(words, kept) if k) or 1
    # distance (in blocks) to the nearest kept block, and the length of the run of equal labels
    far = float(n)
    dist_l = [far] * n
    last = -1
    for i in range(n):
        if kept[i]:
            last = i
        dist_l[i] = float(i - last) if last >= 0 else far
    dist = [0.0] * n
    last = -1
    for i in range(n - 1, -1, -1):
        if kept[i]:
            last = i
        dist[i] = math.log1p(min(dist_l[i], float(last - i) if last >= 0 else far))
    run = [0] * n
    for a, b in _runs(kept):
        run[a:b] = [b - a] * (b - a)
    # the rule of every block (the undecided ones named as their written decision would be),
    # the runs of one rule and of one side of the body region
    inside = v.inside
    rules = [d.rule if d is not None else "body" if k else "low-score" if ins else "outside-body"
             for d, k, ins in zip(v.state, kept, inside)]
    rule_run = [0.0] * n
    rule_at = [0.0] * n
    ins_run = [0.0] * n
    for a, b in _runs(rules):
        for j in range(a, b):
            rule_run[j] = math.log1p(b - a)
            rule_at[j] = (j - a) / (b - a)
    for a, b in _runs(inside):
        ins_run[a:b] = [math.log1p(b - a)] * (b - a)
    first_kept = next((i for i in range(n) if kept[i]), n)
    last_kept = next((i for i in range(n - 1, -1, -1) if kept[i]), -1)
    lwords = [math.log1p(w) for w in words]
    cue = [0.0 if f.cue is None and f.cue_prefix is None else 1.0 for f in features]
    n_rules = len(RULE_IDS) + 1
    kb = 0.0
    rows: list[list[float] | None] = []
    for i, f in enumerate(features):
        if not only[i]:
            kb += kept[i] * words[i]
            rows.append(None)
            continue
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        span = hi - lo - 1 or 1
        rule = rules[i]
        p, q = features[i - 1] if i else None, features[i + 1] if i + 1 < n else None
        row = [
            kept[i], 1.0 if inside[i] else 0.0, scores[i], own[i], is_ruled[i], lwords[i],
            1.0 if f.terminal_punct else 0.0, 1.0 if f.ellipsis_end else 0.0, f.stop_ratio, f.title_case_ratio,
            f.digit_ratio, f.upper_ratio, f.punct_ratio, float(min(f.separators, 5)), 1.0 if f.url_like else 0.0,
            0.0 if f.cue is None else 1.0, 0.0 if f.cue_prefix is None else 1.0,
            0.0 if f.duplicate_of is None else 1.0, 1.0 if f.list_marker else 0.0, 1.0 if f.colon_end else 0.0,
            i / n, 1.0 if i >= 0.8 * n else 0.0,
            kept[i - 1] if i else 0.0, kept[i + 1] if i + 1 < n else 0.0,
            (sum(kept[lo:hi]) - kept[i]) / span,
            scores[i - 1] if i else -12.0, scores[i + 1] if i + 1 < n else -12.0,
            (sum(scores[lo:hi]) - scores[i]) / span, (sum(is_ruled[lo:hi]) - is_ruled[i]) / span,
            page_kept, page_blocks, page_words, prose, list_share, page_ruled, page_distinct,
            kb / kept_words, 1.0 - (kb + kept[i] * words[i]) / kept_words, words[i] / total, words[i] / longest,
            dist[i], math.log1p(run[i]),
            lwords[i - 1] if i else -1.0, lwords[i + 1] if i + 1 < n else -1.0,
            is_ruled[i - 1] if i else -1.0, is_ruled[i + 1] if i + 1 < n else -1.0,
            cue[i - 1] if i else -1.0, cue[i + 1] if i + 1 < n else -1.0, (sum(cue[lo:hi]) - cue[i]) / span,
            p.stop_ratio if p else -1.0, q.stop_ratio if q else -1.0,
            (1.0 if p.terminal_punct else 0.0) if p else -1.0, (1.0 if q.terminal_punct else 0.0) if q else -1.0,
            (sum(lwords[lo:hi]) - lwords[i]) / span,
            sum(1.0 for j in range(lo, hi) if j != i and features[j].list_marker) / span,
            rule_run[i], rule_at[i],
            (1.0 if rules[i - 1] == rule else 0.0) if i else -1.0, (1.0 if rules[i + 1] == rule else 0.0) if i + 1 < n else -1.0,
            (first_kept - i) / n if i < first_kept else 0.0, (i - last_kept) / n if i > last_kept >= 0 else 0.0,
            ins_run[i],
        ]
        kb += kept[i] * words[i]
        onehot = [0.0] * n_rules
        onehot[_RULE_INDEX.get(rule, n_rules - 1)] = 1.0
        row.extend(onehot)
        rows.append(row)
    return rows


class TextModel(TreeModel):
    """The text model's trees (``_trees.TreeModel`` over ``FEATURE_NAMES``)."""

    FEATURES = FEATURE_NAMES
    NAME = "text model"


def model_from_json(data: dict) -> TextModel:
    return _model_from_json(TextModel, data)


@lru_cache(maxsize=1)
def default_text_model() -> TextModel | None:
    """The shipped model (``cleanwire/data/text_model.json``), None when absent."""
    return shipped(TextModel, "text_model.json")


# Pages of more blocks are left to the rules. The model keeps lines that the re-check may
# drop again, and on long runs of one repeated shape that cascades over many re-check
# rounds (time grew ~100x for 10x a repeated unit, and still ~38x under a 3,000-block
# cap). No AEB page has more than 520 blocks; 31 of WCXB-dev's 1,497 pages have more.
MAX_BLOCKS = 1000


def text_model_pass(
    blocks: tuple[Block, ...],
    features: tuple[Features, ...],
    ruled: list[Decision | None],
    v: Verdicts,
    prose: float,
    list_share: float,
    disabled: frozenset[str],
    model: TextModel | None = None,
) -> Verdicts:
    """``v`` with the dropped blocks whose model logit is ``margin`` logits past the
    threshold kept (``text-model``)."""
    if "text-model" in disabled or not blocks or blocks[0].dom is not None or len(blocks) > MAX_BLOCKS:
        return v
    m = model or default_text_model()
    if m is None:
        return v
    # it only keeps (see above): rows only for the dropped lines it may keep
    body = Label.BODY
    only = [label is not body and may_keep(f, d, ins) for label, f, d, ins in zip(v.labels(), features, v.state, v.inside)]
    if not any(only):
        return v
    rows = text_rows(features, ruled, v, prose, list_share, only)
    hi = m.threshold + m.margin
    above = m.above(hi)  # the logit of a row past hi, else None (most rows: cheaper)
    state = list(v.state)
    changed = False
    for i, row in enumerate(rows):
        if row is None:
            continue
        z = above(row)
        if z is None:
            continue
        _, top = predict(row, m)  # the evidence, for the few blocks it relabels
        ev = ", ".join(f"{k} {x:+.2f}" for k, x in top)
        was = v.decision(i)
        state[i] = Decision(Label.BODY, "text-model", f"the text model says content (logit {z:+.1f}: {ev}; was {was.rule})", was.evidence)
        changed = True
    return v._replace(state=state) if changed else v
