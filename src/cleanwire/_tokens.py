"""Word tokens, script-aware: each Han/Hiragana/Katakana character is one token,
because those scripts do not separate words with spaces; elsewhere a token is a run
of word characters.

Three patterns find the same tokens (tests/test_fast_paths.py checks it); ``tokenizer``
picks the fastest one that is exact for a given text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import regex

_TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[^\W\p{Han}\p{Hiragana}\p{Katakana}]+")
# The same tokens on text without CJK, found by the standard ``re`` (2.5x faster): on
# ASCII text, runs of the ASCII word characters; on text below the first CJK code
# point (U+2E80: Latin, Greek, Cyrillic, Arabic, Indic...), runs of the characters
# _TOKEN takes there, listed once (see _below_cjk_token).
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9_]+")
_CJK_CLASS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_WORD_CLASS = regex.compile(r"[^\W\p{Han}\p{Hiragana}\p{Katakana}]")
FIRST_CJK = 0x2E80
_FROM_CJK = re.compile(f"[{chr(FIRST_CJK)}-{chr(0x10FFFF)}]")
# Where a token cannot continue: before a non-word character or a CJK character.
_TOKEN_BREAK = regex.compile(r"[\W\p{Han}\p{Hiragana}\p{Katakana}]")
# Characters per piece when counting tokens (see token_counts): big enough that the
# per-piece cost vanishes, small enough that a piece's token list stays a few MB.
# Blocks up to this size are tokenised in one findall (the fast path).
COUNT_CHUNK = 1 << 16
# Characters read per token still wanted by leading_tokens (tokens and the spaces
# between them average about six characters in Latin script, one in CJK).
LEAD_CHARS_PER_TOKEN = 8


def tokenizer(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """The token pattern for ``text``: ``_TOKEN``, or a twin finding the same tokens
    faster when ``text`` has no character from U+2E80 on."""
    if text.isascii():
        return _ASCII_TOKEN
    return _TOKEN if _FROM_CJK.search(text) else _below_cjk_token()


@lru_cache(maxsize=1)
def _below_cjk_token() -> re.Pattern[str]:
    """Runs of the characters below U+2E80 that _TOKEN's word branch takes (read from
    the pattern itself, so the two agree); no character there is CJK."""
    assert not any(_CJK_CLASS.match(chr(c)) for c in range(FIRST_CJK))
    ranges: list[str] = []
    start = None
    for c in range(FIRST_CJK + 1):
        word = c < FIRST_CJK and _WORD_CLASS.match(chr(c)) is not None
        if word and start is None:
            start = c
        elif not word and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(c - 1))}")
            start = None
    return re.compile(f"[{''.join(ranges)}]+")


def tokens_of(text: str) -> list[str]:
    """Case-folded word tokens of ``text`` (CJK characters one token each)."""
    folded = text.casefold()
    return tokenizer(folded).findall(folded)


def token_counts(text: str) -> Counter[str]:
    """How often each (case-sensitive) token occurs in ``text``.

    Read in pieces of COUNT_CHUNK characters cut where no token can span (before a
    non-word or CJK character): findall's speed without a list of every token, so a
    50 MB line costs memory for its distinct tokens only.
    """
    counts: Counter[str] = Counter()
    pos, n = 0, len(text)
    token = tokenizer(text)
    while pos < n:
        end = pos + COUNT_CHUNK
        if end < n:
            cut = _TOKEN_BREAK.search(text, end)
            end = cut.start() if cut else n
        counts.update(token.findall(text, pos, end))
        pos = end
    return counts


def leading_tokens(text: str, limit: int) -> list[str]:
    """The first ``limit`` tokens of ``text``: ``findall`` over pieces cut where no
    token can span (as in ``token_counts``), so a long block is not tokenised whole."""
    out: list[str] = []
    pos, n = 0, len(text)
    token = tokenizer(text)
    while pos < n and len(out) < limit:
        end = pos + LEAD_CHARS_PER_TOKEN * (limit - len(out))
        if end < n:
            cut = _TOKEN_BREAK.search(text, end)
            end = cut.start() if cut else n
        out += token.findall(text, pos, end)
        pos = end
    return out[:limit]
