"""How body-like an undecided block is, with the evidence for the score.

The score is a logistic-regression logit over a few context-free, language-neutral
measurements of the block (``FEATURES``): positive reads like article prose, negative
like a headline, a menu item or a fragment. The weights are data
(``cleanwire/data/scorer.json``), trained by ``scripts/train_scorer.py`` on per-line
labels derived from the AEB and WCXB-dev annotations; the score is a plain weighted
sum, so ``explain()`` shows the contributions that decided it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import mul

from ._smooth import CONTEXT_FEATURES, ContextModel
from ._types import Features
from ._vocab import vocab_score

# The measurements, in the order of the weight vector. Names are what explain() shows.
FEATURES: tuple[str, ...] = (
    "length",  # log(1 + words)
    "sentence-end",  # ends like a sentence
    "sentence-end*length",
    "no-sentence-end*length",  # long and unpunctuated: a run of links or a list line
    "stopwords",  # stopword ratio (0 when the language has no stoplist)
    "stopwords*length",
    "no-stoplist",
    "title-case",  # share of words that start with a capital
    "upper-case",  # share of letters in upper case
    "digits",
    "punctuation",
    "separators",  # "|", "•", "·" between items (capped at 5)
    "list-marker",
    "colon-end",
    "url",
    "truncated",  # ends with "..." like a teaser
    "one-word",
    "short",  # at most 3 words
    "duplicate",  # an earlier block has the same text
    "vocabulary",  # mean learned word weight (see _vocab): shop, form and menu words < 0
    "vocabulary*length",
)
# Contributions shown in the explanation (the largest by absolute value).
EVIDENCE_TOP = 4
MAX_SEPARATORS = 5


@dataclass(frozen=True)
class Model:
    """Weights of the block scorer (a logistic regression over ``FEATURES``)."""

    bias: float
    weights: tuple[float, ...]
    context: ContextModel | None = None
    """The pass-1b context scorer; ``None`` skips it (pass-1 scores decide)."""
    meta: tuple[tuple[str, str], ...] = ()
    vocabulary: Mapping[str, float] = field(default_factory=dict, compare=False)
    """Word weights of the ``vocabulary`` measurement (see ``_vocab``)."""


def vector(f: Features, has_stopwords: bool, vocab: float = 0.0) -> tuple[float, ...]:
    """The measurements of ``FEATURES`` for one block (``vocab``: its ``vocab_score``)."""
    length = math.log1p(f.words)
    end = 1.0 if f.terminal_punct else 0.0
    stop = f.stop_ratio if has_stopwords else 0.0
    return (
        length,
        end,
        end * length,
        (1.0 - end) * length,
        stop,
        stop * length,
        0.0 if has_stopwords else 1.0,
        f.title_case_ratio if f.words >= 2 else 0.0,
        f.upper_ratio,
        f.digit_ratio,
        f.punct_ratio,
        float(min(f.separators, MAX_SEPARATORS)),
        1.0 if f.list_marker else 0.0,
        1.0 if f.colon_end else 0.0,
        1.0 if f.url_like else 0.0,
        1.0 if f.ellipsis_end else 0.0,
        1.0 if f.words <= 1 else 0.0,
        1.0 if f.words <= 3 else 0.0,
        0.0 if f.duplicate_of is None else 1.0,
        vocab,
        vocab * length,
    )


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped weights (``cleanwire/data/scorer.json``)."""
    path = resources.files("cleanwire") / "data" / "scorer.json"
    return model_from_json(json.loads(path.read_text(encoding="utf-8")))


def model_from_json(data: dict) -> Model:
    """A Model from its JSON form, checking that it matches ``FEATURES``."""
    names = tuple(data["features"])
    if names != FEATURES:
        raise ValueError(f"scorer weights are for features {names}, expected {FEATURES}")
    meta = tuple(sorted((k, str(v)) for k, v in data.get("meta", {}).items()))
    context = None
    if "context" in data:
        c = data["context"]
        if tuple(c["features"]) != CONTEXT_FEATURES:
            raise ValueError(f"context weights are for features {c['features']}, expected {CONTEXT_FEATURES}")
        context = ContextModel(float(c["bias"]), tuple(float(w) for w in c["weights"]))
    vocabulary = {str(k): float(v) for k, v in data.get("vocabulary", {}).items()}
    return Model(float(data["bias"]), tuple(float(w) for w in data["weights"]), context, meta, vocabulary)


def score(
    f: Features, has_stopwords: bool, model: Model | None = None, text: str = ""
) -> tuple[float, tuple[tuple[str, float], ...]]:
    """Body-likeness (a logit) of one block (``text``: its words, for the vocabulary
    measurement) and its largest named contributions."""
    m = model or default_model()
    return score_vector(vector(f, has_stopwords, vocab_score(text, m.vocabulary)), m)


def score_vector(v: tuple[float, ...], m: Model) -> tuple[float, tuple[tuple[str, float], ...]]:
    """``score()`` of a block whose measurements (``vector()``) are ``v``."""
    return block_score(v, m), block_evidence(v, m)


def block_score(v: tuple[float, ...], m: Model) -> float:
    """The score half of ``score_vector``: what every labelling needs (``clean()`` reads
    no evidence, so it never sorts and rounds the contributions)."""
    return round(m.bias + sum(map(mul, m.weights, v)), 3)


def block_evidence(v: tuple[float, ...], m: Model) -> tuple[tuple[str, float], ...]:
    """The evidence half of ``score_vector``: the largest named contributions."""
    contrib = list(map(mul, m.weights, v))
    # largest by absolute value, ties to the later feature; zero contributions are not shown
    top = sorted([(abs(c), i) for i, c in enumerate(contrib) if c], reverse=True)[:EVIDENCE_TOP]
    return tuple([(FEATURES[i], round(contrib[i], 3)) for _, i in top])
