"""Does a block's word sequence occur in a reference text? In time linear in the page.

Both sides are ``normalize_words`` strings (lower-cased words joined by single spaces,
padded with a space), so ``norm in ref`` is exactly "the block's words occur in a row
in the reference". That substring test scans the reference once per block: a page of
n blocks with a reference of its size costs n x n (a 1 MB article of 6,250 paragraphs
took 4 s in these tests alone, 44x the time of a tenth of it).

``WordMatcher`` answers the same question the same way until it has scanned
``SCAN_BUDGET`` characters of reference for one page, then builds an index of the
reference's words and answers from it: a block is checked word by word at the places
where its rarest word occurs. The answers are the same
(tests/test_html_speed.py checks them against ``in``), except on constructed inputs
whose rarest word occurs more than ``MAX_PLACES`` times in the reference.
"""

from __future__ import annotations

# Characters of reference scanned by plain substring tests per page before switching to
# the index. Scanning is C-fast (~1 ms per MB); building the index costs Python work
# (~50 ms per MB of reference), so the switch is made only where the scan would cost more.
SCAN_BUDGET = 20_000_000
# A block whose rarest word occurs more often than this in the reference is checked at
# the first MAX_PLACES places of that word only (a false "not found" is possible there):
# every place costs a comparison, and without a bound a page built of one repeated
# phrase would be quadratic again. Real blocks carry a rarer word.
MAX_PLACES = 256


class WordMatcher:
    """``norm in matcher`` == ``norm in ref`` for ``normalize_words`` strings."""

    __slots__ = ("_ref", "_spent", "_words", "_places")

    def __init__(self, ref: str) -> None:
        self._ref = ref
        self._spent = 0
        self._words: list[str] | None = None
        self._places: dict[str, list[int]] = {}

    def __contains__(self, norm: str) -> bool:
        if self._words is None:
            self._spent += len(self._ref)
            if self._spent <= SCAN_BUDGET:
                return norm in self._ref
            self._build()
        return self._indexed(norm)

    def _build(self) -> None:
        words = self._ref.split()
        places: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            places.setdefault(w, []).append(i)
        self._words, self._places = words, places

    def _indexed(self, norm: str) -> bool:
        words = self._words
        assert words is not None
        w = norm.split()
        if not w:
            return not words  # "  " occurs only in an empty reference
        best: list[int] = []
        offset = -1
        for i, x in enumerate(w):
            at = self._places.get(x)
            if at is None:
                return False
            if offset < 0 or len(at) < len(best):
                best, offset = at, i
        k = len(w)
        for p in best[:MAX_PLACES]:
            s = p - offset
            if s >= 0 and words[s:s + k] == w:
                return True
        return False
