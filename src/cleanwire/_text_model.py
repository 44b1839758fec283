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
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property, lru_cache, partial
from itertools import accumulate, compress, repeat
from operator import add, attrgetter, eq, ge, is_not, mul, not_, sub, truediv
from typing import TYPE_CHECKING

from ._trees import TreeModel, predict
from ._trees import model_from_json as _model_from_json
from ._trees import shipped
from ._types import Block, Decision, Features, Label

if TYPE_CHECKING:
    from ._context import Verdicts

# Rules the model may not overrule: the title and its copies, captions (reported apart,
# kept on request: ``keep_captions``), a second copy of a block (``repeated-block``: the
# gold line labels call both copies content, but the metrics count the words twice), and
# the rules that fire on a chrome cue word or on a comment section's shape (on AEB and
# WCXB-dev 1-4% of the words they drop are content: nothing to win, and a model
# retrained on another pipeline must not undo them).
FIXED_RULES = frozenset(("title", "repeated-title", "photo-caption", "repeated-block", "share-widget", "login-prompt",
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
    used: frozenset[int] | None = None,
) -> list[tuple[float, ...] | None]:
    """The model's measurements (``FEATURE_NAMES``) for every block of one text page
    (with ``only``, just for the blocks it marks; None for the others). With ``used``
    (a model's ``used`` feature indices), the other measurements are 0.0: no tree
    reads them, and they are not computed (see ``_Page``)."""
    n = len(features)
    idx = list(range(n)) if only is None else list(compress(range(n), only))
    rows: list[tuple[float, ...] | None] = [None] * n
    for i, row in zip(idx, _rows(_Page(features, ruled, v, prose, list_share, idx), used)):
        rows[i] = row
    return rows


def _rows(c: _Page, used: frozenset[int] | None) -> Iterator[tuple[float, ...]]:
    """The rows of the blocks ``c.idx``, column by column: each measurement is one
    pass over the page (C-level where it can be), and the rows are the columns zipped."""
    columns = [
        repeat(0.0) if used is not None and k not in used else _COLUMNS[name](c)
        for k, name in enumerate(FEATURE_NAMES)
    ]
    return zip(*columns)


def _window_share(prefix: list[float], values: list[float], c: _Page) -> Iterator[float]:
    """``(sum(values[lo:hi]) - values[i]) / span`` of the selected blocks, for values 0.0
    or 1.0: their sums are whole numbers, exact by prefix sums in any order."""
    return map(truediv, map(sub, map(sub, map(prefix.__getitem__, c.hi), map(prefix.__getitem__, c.lo)), c.pick(values)), c.span)


def _window_mean(values: list[float], c: _Page) -> list[float]:
    """The same for any floats: each window summed in order, as a float sum must be to
    give the same bits (``sum`` of the slice)."""
    return [(sum(values[lo:hi]) - values[i]) / span for i, lo, hi, span in zip(c.idx, c.lo, c.hi, c.span)]


class _Page:
    """What the rows of one page are computed from: each column (over every block) or
    selection (over the blocks ``idx`` that get a row) is computed when first read,
    so a model reading few features pays for few."""

    def __init__(self, features: tuple[Features, ...], ruled: list[Decision | None], v: Verdicts,
                 prose: float, list_share: float, idx: list[int]) -> None:
        self.features, self.ruled, self.v, self.prose, self.list_share, self.idx = features, ruled, v, prose, list_share, idx
        self.n = len(features)
        self.count = len(idx)

    def pick(self, column: Sequence[float]) -> Iterator[float]:
        """The values of ``column`` at the selected blocks."""
        return map(column.__getitem__, self.idx)

    def const(self, x: float) -> Iterator[float]:
        return repeat(x, self.count)

    @cached_property
    def kept(self) -> list[float]:
        body = Label.BODY
        return [1.0 if label is body else 0.0 for label in self.v.labels()]

    @cached_property
    def kept_prefix(self) -> list[float]:
        return list(accumulate(self.kept, initial=0.0))

    @cached_property
    def scores(self) -> list[float]:
        return [-12.0 if s < -12.0 else 12.0 if s > 12.0 else s for s in self.v.scores]

    @cached_property
    def own(self) -> list[float]:
        return [-12.0 if s < -12.0 else 12.0 if s > 12.0 else s for s in self.v.own]

    @cached_property
    def is_ruled(self) -> list[float]:
        return [0.0 if r is None else 1.0 for r in self.ruled]

    @cached_property
    def ruled_prefix(self) -> list[float]:
        return list(accumulate(self.is_ruled, initial=0.0))

    @cached_property
    def words(self) -> list[int]:
        return [f.words for f in self.features]

    @cached_property
    def total(self) -> int:
        return sum(self.words) or 1

    @cached_property
    def kept_words(self) -> int:
        return sum(w for w, k in zip(self.words, self.kept) if k) or 1

    @cached_property
    def kept_before(self) -> list[float]:
        """The kept words before each block (and, last, on the whole page), summed in order."""
        return list(accumulate(map(mul, self.kept, self.words), initial=0.0))

    @cached_property
    def lwords(self) -> list[float]:
        return list(map(math.log1p, self.words))

    @cached_property
    def cue(self) -> list[float]:
        return [0.0 if f.cue is None and f.cue_prefix is None else 1.0 for f in self.features]

    @cached_property
    def cue_prefix_sums(self) -> list[float]:
        return list(accumulate(self.cue, initial=0.0))

    @cached_property
    def list_markers(self) -> list[float]:
        return [1.0 if f.list_marker else 0.0 for f in self.features]

    @cached_property
    def list_marker_prefix(self) -> list[float]:
        return list(accumulate(self.list_markers, initial=0.0))

    @cached_property
    def lo(self) -> list[int]:
        return [i - WINDOW if i > WINDOW else 0 for i in self.idx]

    @cached_property
    def hi(self) -> list[int]:
        n = self.n
        return [i + WINDOW + 1 if i + WINDOW + 1 < n else n for i in self.idx]

    @cached_property
    def span(self) -> list[int]:
        return [hi - lo - 1 or 1 for lo, hi in zip(self.lo, self.hi)]

    @cached_property
    def rules(self) -> list[str]:
        """The rule of every block (the undecided ones named as their written decision would be)."""
        return [d.rule if d is not None else "body" if k else "low-score" if ins else "outside-body"
                for d, k, ins in zip(self.v.state, self.kept, self.v.inside)]

    @cached_property
    def rule_runs(self) -> tuple[list[float], list[float]]:
        """The length (log) of the run of one rule each block is in, and its place in it."""
        n = self.n
        rule_run = [0.0] * n
        rule_at = [0.0] * n
        for a, b in _runs(self.rules):
            rule_run[a:b] = [math.log1p(b - a)] * (b - a)
            rule_at[a:b] = map(truediv, range(b - a), repeat(b - a))
        return rule_run, rule_at

    @cached_property
    def dist(self) -> list[float]:
        """The distance (log, in blocks) to the nearest kept block."""
        n = self.n
        kept = self.kept
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
        return dist

    @cached_property
    def first_kept(self) -> int:
        return next((i for i in range(self.n) if self.kept[i]), self.n)

    @cached_property
    def last_kept(self) -> int:
        return next((i for i in range(self.n - 1, -1, -1) if self.kept[i]), -1)


def _prev(column: list[float], edge: float, c: _Page) -> Iterator[float]:
    return c.pick([edge] + column[:-1])


def _next(column: list[float], edge: float, c: _Page) -> Iterator[float]:
    return c.pick(column[1:] + [edge])


def _run_lengths(values: Sequence[object], n: int) -> list[int]:
    run = [0] * n
    for a, b in _runs(values):
        run[a:b] = [b - a] * (b - a)
    return run


def _ins_run(c: _Page) -> Iterator[float]:
    ins_run = [0.0] * c.n
    for a, b in _runs(c.v.inside):
        ins_run[a:b] = [math.log1p(b - a)] * (b - a)
    return c.pick(ins_run)


def _flag(name: str, c: _Page) -> Iterator[float]:
    return map(float, map(bool, _value(name, c)))


def _value(name: str, c: _Page) -> Iterator[float]:
    return map(attrgetter(name), map(c.features.__getitem__, c.idx))


def _neighbour(name: str, step: int, c: _Page) -> list[float]:
    features, n = c.features, c.n
    return [getattr(features[i + step], name) if 0 <= i + step < n else -1.0 for i in c.idx]


def _neighbour_flag(name: str, step: int, c: _Page) -> list[float]:
    features, n = c.features, c.n
    return [(1.0 if getattr(features[i + step], name) else 0.0) if 0 <= i + step < n else -1.0 for i in c.idx]


def _same_rule(step: int, c: _Page) -> list[float]:
    rules, n = c.rules, c.n
    return [(1.0 if rules[i + step] == rules[i] else 0.0) if 0 <= i + step < n else -1.0 for i in c.idx]


def _before_body(c: _Page) -> list[float]:
    first, n = c.first_kept, c.n
    return [(first - i) / n if i < first else 0.0 for i in c.idx]


def _after_body(c: _Page) -> list[float]:
    last, n = c.last_kept, c.n
    return [(i - last) / n if i > last >= 0 else 0.0 for i in c.idx]


def _rule_is(rule: str | None, c: _Page) -> Iterator[float]:
    """The one-hot indicator of ``rule`` (None: a rule without its own, ``rule-other``)."""
    if rule is None:
        return map(float, map(not_, map(_RULE_INDEX.__contains__, c.pick(c.rules))))
    return map(float, map(eq, c.pick(c.rules), repeat(rule)))


# How each measurement of ``FEATURE_NAMES`` is computed for the selected blocks of a page.
_COLUMNS: dict[str, Callable[[_Page], Iterable[float]]] = {
    "kept": lambda c: c.pick(c.kept),
    "inside": lambda c: map(float, map(bool, c.pick(c.v.inside))),
    "score": lambda c: c.pick(c.scores),
    "own-score": lambda c: c.pick(c.own),
    "ruled": lambda c: c.pick(c.is_ruled),
    "words": lambda c: c.pick(c.lwords),
    "sentence-end": partial(_flag, "terminal_punct"),
    "ellipsis": partial(_flag, "ellipsis_end"),
    "stopwords": partial(_value, "stop_ratio"),
    "title-case": partial(_value, "title_case_ratio"),
    "digits": partial(_value, "digit_ratio"),
    "upper-case": partial(_value, "upper_ratio"),
    "punctuation": partial(_value, "punct_ratio"),
    "separators": lambda c: map(float, map(min, _value("separators", c), repeat(5))),
    "url": partial(_flag, "url_like"),
    "cue": lambda c: map(float, map(is_not, _value("cue", c), repeat(None))),
    "cue-prefix": lambda c: map(float, map(is_not, _value("cue_prefix", c), repeat(None))),
    "duplicate": lambda c: map(float, map(is_not, _value("duplicate_of", c), repeat(None))),
    "list-marker": partial(_flag, "list_marker"),
    "colon-end": partial(_flag, "colon_end"),
    "position": lambda c: map(truediv, c.idx, repeat(c.n)),
    "near-end": lambda c: map(float, map(ge, c.idx, repeat(0.8 * c.n))),
    "prev-kept": lambda c: _prev(c.kept, 0.0, c),
    "next-kept": lambda c: _next(c.kept, 0.0, c),
    "window-kept": lambda c: _window_share(c.kept_prefix, c.kept, c),
    "prev-score": lambda c: _prev(c.scores, -12.0, c),
    "next-score": lambda c: _next(c.scores, -12.0, c),
    "window-score": lambda c: _window_mean(c.scores, c),
    "window-ruled": lambda c: _window_share(c.ruled_prefix, c.is_ruled, c),
    "page-kept-share": lambda c: c.const(sum(w for w, k in zip(c.words, c.kept) if k) / c.total),
    "page-blocks": lambda c: c.const(math.log1p(c.n)),
    "page-words": lambda c: c.const(math.log1p(c.total)),
    "page-prose": lambda c: c.const(c.prose),
    "page-list": lambda c: c.const(c.list_share),
    "page-ruled": lambda c: c.const(sum(c.is_ruled) / c.n),
    "page-distinct": lambda c: c.const(len({id(f) for f in c.features}) / c.n),
    "kept-before": lambda c: map(truediv, c.pick(c.kept_before), repeat(c.kept_words)),
    "kept-after": lambda c: map(sub, repeat(1.0), map(truediv, map(c.kept_before.__getitem__, map(add, c.idx, repeat(1))), repeat(c.kept_words))),
    "word-share": lambda c: map(truediv, c.pick(c.words), repeat(c.total)),
    "longest-share": lambda c: map(truediv, c.pick(c.words), repeat(max(c.words) or 1)),
    "kept-distance": lambda c: c.pick(c.dist),
    "run-kept": lambda c: map(math.log1p, c.pick(_run_lengths(c.kept, c.n))),
    "prev-words": lambda c: _prev(c.lwords, -1.0, c),
    "next-words": lambda c: _next(c.lwords, -1.0, c),
    "prev-ruled": lambda c: _prev(c.is_ruled, -1.0, c),
    "next-ruled": lambda c: _next(c.is_ruled, -1.0, c),
    "prev-cue": lambda c: _prev(c.cue, -1.0, c),
    "next-cue": lambda c: _next(c.cue, -1.0, c),
    "window-cue": lambda c: _window_share(c.cue_prefix_sums, c.cue, c),
    "prev-stopwords": partial(_neighbour, "stop_ratio", -1),
    "next-stopwords": partial(_neighbour, "stop_ratio", 1),
    "prev-sentence-end": partial(_neighbour_flag, "terminal_punct", -1),
    "next-sentence-end": partial(_neighbour_flag, "terminal_punct", 1),
    "window-words": lambda c: _window_mean(c.lwords, c),
    "window-list-marker": lambda c: _window_share(c.list_marker_prefix, c.list_markers, c),
    "rule-run": lambda c: c.pick(c.rule_runs[0]),
    "rule-run-index": lambda c: c.pick(c.rule_runs[1]),
    "prev-same-rule": partial(_same_rule, -1),
    "next-same-rule": partial(_same_rule, 1),
    "before-body": _before_body,
    "after-body": _after_body,
    "inside-run": _ins_run,
    **{f"rule:{r}": partial(_rule_is, r) for r in RULE_IDS},
    "rule-other": partial(_rule_is, None),
}
assert tuple(_COLUMNS) == FEATURE_NAMES


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
    # the rows of those lines, with only the measurements some tree reads
    idx = list(compress(range(len(only)), only))
    rows = _rows(_Page(features, ruled, v, prose, list_share, idx), m.used)
    hi = m.threshold + m.margin
    above = m.above(hi)  # the logit of a row past hi, else None (most rows: cheaper)
    state = list(v.state)
    changed = False
    for i, row in zip(idx, rows):
        z = above(row)
        if z is None:
            continue
        _, top = predict(row, m)  # the evidence, for the few blocks it relabels
        ev = ", ".join(f"{k} {x:+.2f}" for k, x in top)
        was = v.decision(i)
        state[i] = Decision(Label.BODY, "text-model", f"the text model says content (logit {z:+.1f}: {ev}; was {was.rule})", was.evidence)
        changed = True
    return v._replace(state=state) if changed else v
