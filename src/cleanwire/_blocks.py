"""Stage 1 (text mode): split the input into blocks, one per non-blank line.

Each block remembers its character span in the input, so every decision can be
traced back to the exact characters it covers.
"""

from __future__ import annotations

import regex

from ._types import Block

_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Every line boundary str.splitlines() knows, so no separator hides two lines in one.
# (\x1f is space to str.strip() but not to \s, so it is named.)
# A match is one non-blank line: from its first to its last non-space character.
_NONBLANK = regex.compile(rf"[^\s\x1f{_BREAKS}](?:[^{_BREAKS}]*[^\s\x1f{_BREAKS}])?")
_BREAK = regex.compile(rf"\r\n|[{_BREAKS}]")


# Blank lines for the usual separators, looked up before counting line breaks.
_COMMON_GAPS = {"\n": 0, "\n\n": 1}


def split_blocks(text: str) -> tuple[Block, ...]:
    """Return the non-blank lines of ``text`` as blocks with their spans."""
    blocks: list[Block] = []
    prev_end = 0
    for m in _NONBLANK.finditer(text):
        start, end = m.span()
        # blank lines between two blocks = line breaks between them minus one
        gap = _COMMON_GAPS.get(text[prev_end:start]) if blocks else 0
        if gap is None:
            gap = max(0, len(_BREAK.findall(text, prev_end, start)) - 1)
        blocks.append(Block(len(blocks), m.group(), start, end, gap))
        prev_end = end
    return tuple(blocks)
