"""The vocabulary measurement: how much a block's words lean towards body or chrome.

Menus, shop widgets, forms and consent banners reuse a small vocabulary ("cart",
"shipping", "subscribe", "account", "cookies") in every language a crawl meets; prose
uses a different one. ``scripts/train_scorer.py`` learns a log-odds weight per word
from the per-line labels of the dev sets (only words seen on many pages, so no site's
names or brands), shipped in ``cleanwire/data/scorer.json`` with the scorer weights.
A block's measurement is the mean weight of its first ``VOCAB_CHARS`` characters'
words (unknown words weigh 0): one ``findall`` and one dictionary look-up per word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import repeat

_WORD = re.compile(r"\w+")
# Only the start of a block is read: past a few hundred words the mean is settled, and
# long blocks are prose by their other measurements anyway.
VOCAB_CHARS = 1000


def vocab_score(text: str, weights: Mapping[str, float]) -> float:
    """Mean vocabulary weight of the words of ``text`` (0.0 without words or weights)."""
    if not weights:
        return 0.0
    words = _WORD.findall(text[:VOCAB_CHARS].lower())
    if not words:
        return 0.0
    return sum(map(weights.get, words, repeat(0.0))) / len(words)
