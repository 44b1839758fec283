"""Stage 1 (text mode): split the input into blocks, one per non-blank line.

Each block remembers its character span in the input, so every decision can be
traced back to the exact characters it covers.
"""

from __future__ import annotations

import regex

from ._types import Block

# Every line boundary str.splitlines() knows, so no separator hides two lines in one.
_LINE = regex.compile(r"[^\r\n\v\f\x1c-\x1e\x85\u2028\u2029]*+")


def split_blocks(text: str) -> tuple[Block, ...]:
    """Return the non-blank lines of ``text`` as blocks with their spans."""
    blocks: list[Block] = []
    gap = 0
    pos = 0
    n = len(text)
    while pos <= n:
        m = _LINE.match(text, pos)
        start, end = m.span()
        line = m.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            blocks.append(
                Block(
                    index=len(blocks),
                    text=stripped,
                    start=start + lead,
                    end=start + lead + len(stripped),
                    gap_before=gap,
                )
            )
            gap = 0
        elif blocks:
            gap += 1
        # step over the line break ("\r\n" counts as one)
        if end >= n:
            break
        pos = end + (2 if text.startswith("\r\n", end) else 1)
    return tuple(blocks)
