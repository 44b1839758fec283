"""The body-region arithmetic of pass 2, and the language guess that feeds the stopword features."""

from __future__ import annotations

from cleanwire._context import EXTRA_REGION_MIN, body_region, body_regions
from cleanwire._language import guess_language


def test_spread_out_content_gives_several_regions() -> None:
    # two sections of a service page separated by a long menu: both are kept
    values = [6.0, 7.0, -30.0, 9.0, 5.0]
    assert body_region(values) == (3, 5)
    assert body_regions(values) == [(0, 2), (3, 5)]


def test_a_small_run_far_from_the_body_is_not_a_region() -> None:
    # worth less than a tenth of the main run (and below EXTRA_REGION_MIN): a stray line
    values = [80.0, -40.0, EXTRA_REGION_MIN - 1.0]
    assert body_regions(values) == [(0, 1)]


def test_english_is_not_guessed_as_a_language_whose_list_holds_english_words() -> None:
    # jusText's Marathi list contains these English words too; a tie used to pick it
    tokens = "the of and to in is that for it was on with as by at".split() * 3
    assert guess_language(tokens) == "en"


def test_region_values_is_region_value_and_decided_cost() -> None:
    """The inlined page-wide version gives exactly the per-block functions' values."""
    from cleanwire._context import DECIDED_PENALTY, DROP_SCORE, decided_cost, region_value, region_values
    from cleanwire._types import Decision, Features, Label

    def feats(words: int) -> Features:
        return Features(words, words * 5, 0.3, True, False, 0.1, 0.0, None, None, None)

    scores = (-40.0, -30.0, -2.6, -2.5, 0.0, 0.123, 29.9, 30.0, 55.5, 1.0, 1.0)
    words = (0, 1, 3, 7, 12, 40, 2, 9, 100, 5, 5)
    state = [None] * 9 + [Decision(Label.CHROME, "byline", ""), Decision(Label.CHROME, "footer", "")]
    fs = tuple(feats(w) for w in words)
    for low in (True, False):
        for bp in (0.5, 0.35, 0.15):
            got = region_values(state, scores, scores, fs, bp, low)
            want = [
                decided_cost(d) if d is not None else -DECIDED_PENALTY if low and s < DROP_SCORE else region_value(s, w, bp)
                for d, s, w in zip(state, scores, words)
            ]
            assert got == want
