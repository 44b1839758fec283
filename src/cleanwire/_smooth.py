"""Pass 1b: rescore each undecided block in the light of its page, jusText style.

The block scorer (``_scorer``) sees one block; this second logistic regression sees
its pass-1 score beside its neighbours' scores, how many rule-decided blocks surround
it, where it sits on the page, how long it is next to the page's longest block, and
how much of the page reads like prose at all (a listing or a shop page has little, so
its short lines are judged less harshly). Weights are the ``context`` part of
``cleanwire/data/scorer.json``, trained by ``scripts/train_scorer.py`` on pass-1 scores.

These features change when chrome is removed, so ``extract()`` re-checks its own
output until it is stable (see ``_pipeline``): ``clean()`` stays idempotent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import mul, sub, truediv

from ._types import Features

CONTEXT_FEATURES: tuple[str, ...] = (
    "block-score",  # the pass-1 logit
    "previous-score",
    "next-score",
    "window-mean",  # mean score of the WINDOW blocks on each side (decided ones count low)
    "window-max",  # best undecided score within WIDE_WINDOW blocks
    "window-decided",  # share of rule-decided blocks around
    "relative-length",  # log of words relative to the page's longest block
)
WINDOW = 3
WIDE_WINDOW = 5
DECIDED_SCORE = -2.0  # what a rule-decided neighbour counts as
# What "no neighbour" (the page edge) counts as: neutral, so that a body block does not
# lose score when the chrome around it is removed, and a page of one paragraph is not
# judged by neighbours it does not have (position features were tried and dropped for
# the first reason: re-checking eroded the body's edges).
EDGE_SCORE = 0.0
CONTEXT_EVIDENCE_TOP = 2
# What a decided block or a place past the page edge counts as in the window maximum:
# below every score, so that it is never the maximum unless nothing else is there.
_NONE = -math.inf


@dataclass(frozen=True)
class ContextModel:
    """Weights of the context scorer (a logistic regression over ``CONTEXT_FEATURES``)."""

    bias: float
    weights: tuple[float, ...]


def prose_share(scores: list[float | None], features: tuple[Features, ...]) -> float:
    """Share of the undecided words that sit in blocks scoring above zero."""
    total = prose = 0
    for s, f in zip(scores, features):
        if s is not None:
            total += f.words
            if s > 0:
                prose += f.words
    return prose / total if total else 0.0


def context_rows(scores: list[float | None], features: tuple[Features, ...]) -> list[tuple[float, ...] | None]:
    """The ``CONTEXT_FEATURES`` of every undecided block (``None`` for decided ones).

    Column by column: each feature is a few C-level maps over shifted copies of the
    page's scores (prefix sums for the window means) instead of a Python loop per block.
    """
    n = len(scores)
    # the pass-1 scores, decided blocks counting DECIDED_SCORE, padded with the page edge
    filled = [EDGE_SCORE] * WINDOW + [DECIDED_SCORE if s is None else s for s in scores] + [EDGE_SCORE] * WINDOW
    decided = [0] * WINDOW + [s is None for s in scores] + [0] * WINDOW
    # prefix sums make each window a difference
    acc = list(accumulate(filled, initial=0.0))
    dec = list(accumulate(decided, initial=0))
    span = 2 * WINDOW
    own = filled[WINDOW : WINDOW + n]
    window_sum = map(sub, acc[2 * WINDOW + 1 :], acc[:n])
    # the best undecided score among the WIDE_WINDOW blocks on each side: the maximum
    # over shifted copies of the scores (-inf for decided blocks and past the edges)
    ranked = [_NONE] * WIDE_WINDOW + [_NONE if s is None else s for s in scores] + [_NONE] * WIDE_WINDOW
    shifts = [ranked[d : d + n] for d in range(2 * WIDE_WINDOW + 1) if d != WIDE_WINDOW]
    near = [EDGE_SCORE if x == _NONE else x for x in map(max, *shifts)]
    longest = math.log(max((f.words for f in features), default=0) + 1)
    rows = zip(
        own,
        filled[WINDOW - 1 : WINDOW - 1 + n],
        filled[WINDOW + 1 : WINDOW + 1 + n],
        map(truediv, map(sub, window_sum, own), repeat(span)),
        near,
        map(truediv, map(sub, dec[2 * WINDOW + 1 :], dec[:n]), repeat(span)),
        [math.log(f.words + 1) - longest for f in features],
    )
    return [None if s is None else row for s, row in zip(scores, rows)]


def rescore(
    scores: list[float | None], features: tuple[Features, ...], model: ContextModel
) -> tuple[list[float | None], list[tuple[tuple[str, float], ...]]]:
    """Context logits of the undecided blocks and their largest context contributions."""
    out: list[float | None] = []
    evidence: list[tuple[tuple[str, float], ...]] = []
    weights, bias = model.weights, model.bias
    for row in context_rows(scores, features):
        if row is None:
            out.append(None)
            evidence.append(())
            continue
        contrib = list(map(mul, weights, row))
        out.append(round(bias + sum(contrib), 3))
        # largest by absolute value (the block's own score aside), ties to the later one
        top = sorted([(abs(c), j) for j, c in enumerate(contrib) if j and c], reverse=True)[:CONTEXT_EVIDENCE_TOP]
        evidence.append(tuple([(CONTEXT_FEATURES[j], round(contrib[j], 3)) for _, j in top]))
    return out, evidence
