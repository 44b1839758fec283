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
