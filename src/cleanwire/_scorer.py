"""How body-like an undecided block is, with the evidence for the score.

A positive score means "reads like article prose", a negative one "reads like a
headline, a menu item or a fragment". The score is a sum of named contributions so
``explain()`` can show which features pushed it which way.
"""

from __future__ import annotations

from ._types import Features

# Weights of the hand-made scorer. Set by reading the five seeds and the AEB text dumps:
# a 20-word sentence with ordinary stopword density scores about +20, a 10-word
# headline about -4, a one-word menu item about -1.
TERMINAL_WEIGHT = 0.5  # per word, when the block ends like a sentence
NO_TERMINAL_WEIGHT = -0.3  # per word, when it does not
STOP_BASELINE = 0.2  # stopword ratio of a typical headline; prose sits near 0.4-0.5
STOP_WEIGHT = 2.0  # per word, per unit of stopword ratio above the baseline
TITLE_CASE_PENALTY = 3.0  # most words capitalised: headline or menu
TITLE_CASE_RATIO = 0.6
ELLIPSIS_WEIGHT = -0.5  # per word: a truncated teaser ("... has admitted a huge...")


def score(f: Features, has_stopwords: bool) -> tuple[float, tuple[tuple[str, float], ...]]:
    """Body-likeness of one block and the named contributions that sum to it."""
    ev: list[tuple[str, float]] = []
    if f.terminal_punct:
        ev.append(("sentence-end", TERMINAL_WEIGHT * f.words))
    else:
        ev.append(("no-sentence-end", NO_TERMINAL_WEIGHT * f.words))
    if has_stopwords:
        ev.append(("stopwords", STOP_WEIGHT * f.words * (f.stop_ratio - STOP_BASELINE)))
    if f.words >= 3 and f.title_case_ratio > TITLE_CASE_RATIO:
        ev.append(("title-case", -TITLE_CASE_PENALTY))
    if f.ellipsis_end:
        ev.append(("truncated", ELLIPSIS_WEIGHT * f.words))
    return round(sum(v for _, v in ev), 3), tuple((k, round(v, 3)) for k, v in ev)
