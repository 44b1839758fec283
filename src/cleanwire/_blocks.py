"""Stage 1 (text mode): split the input into blocks, one per non-blank line.

Each block remembers its character span in the input, so every decision can be
traced back to the exact characters it covers.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import compress, count, repeat
from operator import add, is_

import regex

from ._types import Block

_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Every line boundary str.splitlines() knows, so no separator hides two lines in one.
# (\x1f is space to str.strip() but not to the regex module's \s, so it is named.)
# A match is one non-blank line: from its first to its last non-space character.
# Compiled by the standard ``re`` (twice as fast as ``regex`` here): its \s is
# str.isspace(), which adds \x1c-\x1f to regex's White_Space, and those are excluded
# anyway, so the class is the same set (tests/test_fast_paths.py checks every code point).
NONBLANK_PATTERN = rf"[^\s\x1f{_BREAKS}](?:[^{_BREAKS}]*[^\s\x1f{_BREAKS}])?"
_NONBLANK = re.compile(NONBLANK_PATTERN)
_BREAK = regex.compile(rf"\r\n|[{_BREAKS}]")
_Match = type(_NONBLANK.match("x"))


# Blank lines for the usual separators, looked up before counting line breaks.
_COMMON_GAPS = {"\n": 0, "\n\n": 1}
# A Block from a tuple of all its fields, in order (``Block._make`` without a Python
# call per line).
_as_block = partial(tuple.__new__, Block)


def split_blocks(text: str) -> tuple[Block, ...]:
    """Return the non-blank lines of ``text`` as blocks with their spans.

    Whole-text passes: one ``finditer`` for the lines, then each field of the blocks
    as one C-level ``map`` over all of them.
    """
    found = list(_NONBLANK.finditer(text))
    lines = list(map(_Match.group, found))
    starts = list(map(_Match.start, found))
    ends = list(map(add, starts, map(len, lines)))
    # blank lines between two blocks = line breaks between them minus one
    between = list(map(text.__getitem__, map(slice, ends, starts[1:])))
    gaps = [0, *map(_COMMON_GAPS.get, between)][: len(lines)]
    for k in compress(range(1, len(gaps)), map(is_, gaps[1:], repeat(None))):
        gaps[k] = max(0, len(_BREAK.findall(between[k - 1])) - 1)
    return tuple(map(_as_block, zip(count(), lines, starts, ends, gaps, repeat(None))))
