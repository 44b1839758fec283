"""The body-region arithmetic of pass 2, and the language guess that feeds the stopword features."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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


def _recursive_regions(values: list[float]) -> list[tuple[int, int]]:
    """The definition ``body_regions`` computes in one pass: the main run, then the
    maximum-sum run left and right of each run found, while it is worth the floor."""
    from cleanwire._context import EXTRA_REGION_SHARE

    main = body_region(values)
    if main is None:
        return []
    floor = max(EXTRA_REGION_MIN, EXTRA_REGION_SHARE * sum(values[main[0] : main[1]]))
    found, todo = [main], [(0, main[0]), (main[1], len(values))]
    while todo:
        lo, hi = todo.pop()
        span = body_region(values, lo, hi) if hi > lo else None
        if span is None or sum(values[span[0] : span[1]]) < floor:
            continue
        found.append(span)
        todo += [(lo, span[0]), (span[1], hi)]
    return sorted(found)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.integers(-12, 12), st.integers(-40 * 1024, 40 * 1024).map(lambda n: n / 1024)).map(float), max_size=40))
def test_body_regions_is_the_recursive_definition(values: list[float]) -> None:
    # integers give ties (equal runs, zero-sum dips, zeros at the edges): the longer run
    # wins. Values are multiples of 1/1024, whose sums are exact: with arbitrary floats
    # the two can part where rounding makes a tie (5.0 + -1e-149 == 5.0), never on the
    # 1,683 benchmark and seed pages (their outputs are byte-identical)
    assert body_regions(values) == _recursive_regions(values)


def test_many_equal_runs_are_found_in_one_pass() -> None:
    # 100,000 sections, each worth the main one: the recursive search rescans the rest
    # of the page for each (hours); the one-pass search returns at once
    values = [10.0, -20.0] * 100_000
    assert body_regions(values) == [(i, i + 1) for i in range(0, len(values), 2)]


def test_comments_cut_needs_a_body_before_the_heading() -> None:
    from cleanwire._context import COMMENTS_MIN_BODY, comments_cut
    from cleanwire._types import Decision, Label

    heading = Decision(Label.CHROME, "comment-section", "")
    state = [None, heading, None, None, heading, None]
    # the first heading has too little body above it, the second enough
    values = [COMMENTS_MIN_BODY - 1.0, -2.0, 4.0, 1.0, -2.0, 9.0]
    assert comments_cut(state, values) == 4
    assert comments_cut(state, [v - 10.0 for v in values]) is None


def test_a_short_section_of_a_low_prose_text_page_is_a_region() -> None:
    """Text mode, a page with little prose (body probability lowered): a further section
    worth less than EXTRA_REGION_MIN but at least LOW_PROSE_EXTRA_REGION_MIN (and a tenth
    of the main run) is content too; on a page of prose, or in HTML mode, it is not."""
    from cleanwire._context import BODY_PROBABILITY, LOW_PROSE_EXTRA_REGION_MIN, region_value, verdicts
    from cleanwire._types import Features, Label

    def feats(words: int) -> Features:
        return Features(words, words * 5, 0.3, True, False, 0.1, 0.0, None, None, None)

    menu = ["Kitchens", "Bathrooms", "Gardens", "Roofing", "Windows", "Flooring", "Lighting", "Heating"]
    texts = ("We renovate family homes across the county, from a single room to the whole house, and we keep to the price we quote.",
             "Every project has one manager who visits the site each week and answers your calls in person.",
             *menu, "Free survey within days", "Ten year guarantee included")
    words = [len(t.split()) for t in texts]
    scores = tuple([5.0, 5.0] + [-5.0] * len(menu) + [3.0, 3.0])
    low = 0.35
    extra = sum(region_value(s, w, low) for s, w in zip(scores[-2:], words[-2:]))
    main = sum(region_value(s, w, low) for s, w in zip(scores[:2], words[:2]))
    assert LOW_PROSE_EXTRA_REGION_MIN <= extra < EXTRA_REGION_MIN and extra >= 0.1 * main
    fs = tuple(feats(w) for w in words)
    args = (texts, fs, [None] * len(texts), scores, [()] * len(texts), frozenset())
    text_low = verdicts(*args, low, scores, True).labels()
    assert text_low[-2:] == [Label.BODY, Label.BODY] and text_low[2] is Label.CHROME
    assert verdicts(*args, low, scores, False).labels()[-2:] == [Label.CHROME, Label.CHROME]  # HTML mode
    assert verdicts(*args, BODY_PROBABILITY, scores, True).labels()[-1] is Label.CHROME  # a page of prose
