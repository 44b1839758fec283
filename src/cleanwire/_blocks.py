"""Stage 1 (text mode): split the input into blocks, one per non-blank line.

Each block remembers its character span in the input, so every decision can be
traced back to the exact characters it covers.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import accumulate, compress, count, repeat
from operator import add, sub

import regex

from ._types import Block

LINE_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Every line boundary str.splitlines() knows, so no separator hides two lines in one.
# (\x1f is space to str.strip() but not to the regex module's \s, so it is named.)
# A match is one non-blank line: from its first to its last non-space character (the
# reference split_blocks agrees with, tests/test_fast_paths.py).
# Compiled by the standard ``re`` (twice as fast as ``regex`` here): its \s is
# str.isspace(), which adds \x1c-\x1f to regex's White_Space, and those are excluded
# anyway, so the class is the same set (tests/test_fast_paths.py checks every code point).
NONBLANK_PATTERN = rf"[^\s\x1f{LINE_BREAKS}](?:[^{LINE_BREAKS}]*[^\s\x1f{LINE_BREAKS}])?"
_NONBLANK = re.compile(NONBLANK_PATTERN)
_BREAK = regex.compile(rf"\r\n|[{LINE_BREAKS}]")


# A Block from a tuple of all its fields, in order (``Block._make`` without a Python
# call per line).
_as_block = partial(tuple.__new__, Block)


def split_blocks(text: str) -> tuple[Block, ...]:
    """Return the non-blank lines of ``text`` as blocks with their spans.

    Whole-text passes: ``str.splitlines`` (it breaks at exactly LINE_BREAKS, a "\\r\\n"
    once) and ``str.strip`` (its spaces are the \\s and \\x1f of NONBLANK_PATTERN), then
    each field of the blocks as one C-level ``map`` over all of them: about half the
    instructions of a ``finditer`` of NONBLANK_PATTERN, which tests every character by
    a call (tests/test_fast_paths.py checks the two agree).
    """
    lines = text.splitlines(keepends=True)
    line_starts = list(accumulate(map(len, lines), initial=0))
    stripped = list(map(str.strip, lines))
    kept = list(compress(range(len(lines)), stripped))  # the non-blank lines
    texts = list(map(stripped.__getitem__, kept))
    # a line's text starts at its first non-space character: where find() meets it first
    starts = list(map(add, map(line_starts.__getitem__, kept), map(str.find, map(lines.__getitem__, kept), texts)))
    ends = list(map(add, starts, map(len, texts)))
    # blank lines between two blocks = the lines between them
    gaps = [0, *map(sub, kept[1:], map(add, kept, repeat(1)))][: len(texts)]
    return tuple(map(_as_block, zip(count(), texts, starts, ends, gaps, repeat(None))))
