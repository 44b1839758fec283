"""The learned vocabulary measurement (``_vocab``): mean word weight of a block."""

from __future__ import annotations

import cleanwire
from cleanwire._scorer import default_model
from cleanwire._vocab import VOCAB_CHARS, vocab_score


def test_mean_over_all_words_unknown_words_weigh_nothing() -> None:
    weights = {"cart": -1.0, "said": 0.5}
    assert vocab_score("Add to cart", weights) == -1.0 / 3
    assert vocab_score("She SAID it", weights) == 0.5 / 3  # case does not matter
    assert vocab_score("", weights) == 0.0 and vocab_score("---", weights) == 0.0
    assert vocab_score("Add to cart", {}) == 0.0


def test_only_the_start_of_a_long_block_is_read() -> None:
    weights = {"cart": -1.0}
    text = "word " * (VOCAB_CHARS // 5) + "cart " * 50
    assert vocab_score(text, weights) == 0.0


def test_shipped_words_lean_as_expected() -> None:
    # written for this test: shop / form words against reporting words
    v = default_model().vocabulary
    chrome = vocab_score("Sign in to your account to see shipping and returns", v)
    prose = vocab_score("The minister said that they had not expected the vote, but it was close", v)
    assert chrome < 0 < prose


def test_the_vocabulary_is_evidence_in_the_explanation() -> None:
    text = "\n".join([
        "Subscribe to our newsletter for free shipping offers and the latest deals from our store",
        "The river rose overnight and the farmers who had stayed said that they would wait for the water to fall before they went back.",
    ])
    doc = cleanwire.extract(text)
    names = {name for lb in doc.blocks for name, _ in lb.initial.evidence}
    assert names & {"vocabulary", "vocabulary*length"}
