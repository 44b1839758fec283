"""Stage 2: measure each block on its own (no neighbours), once.

Word counting is script-aware: each Han/Hiragana/Katakana character counts as a word,
because those scripts do not separate words with spaces.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

import regex

from ._language import GUESS_TOKENS, guess_language, stopwords
from ._lexicon import Lexicon, normalize
from ._types import Block, Features

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
# Sentence-final punctuation of many scripts, optionally followed by closing quotes/brackets.
_TERMINAL = regex.compile(r"[.!?。！？…।؟][\"'”’»)\]]*$")
_ELLIPSIS = regex.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")
# The characters either pattern can end on: a block ending otherwise skips both
# (unless it ends with a line break, before which "$" matches too).
_TERMINAL_LAST = frozenset(".!?。！？…।؟\"'”’»)]\n")
_SEPARATOR = regex.compile(r"\s[|•·/»›]\s|\s[|•·]|[|•·]\s")
_SEPARATOR_CHARS = "|•·/»›"
_LIST_MARKER = regex.compile(r"^(?:[-–—•·*▪►◦‣+]\s*|\d{1,2}[.)]\s)")
_URL_PARTS = ("://", "www.", ".com", ".org", ".net", ".html")
_EMAIL = regex.compile(r"\w@\w+\.\w")
# Sentence ends are looked for in the last few characters only (closing quotes included).
TAIL_CHARS = 8
# Where a token cannot continue: before a non-word character or a CJK character.
_TOKEN_BREAK = regex.compile(r"[\W\p{Han}\p{Hiragana}\p{Katakana}]")
# Characters per piece when counting tokens (see token_counts): big enough that the
# per-piece cost vanishes, small enough that a piece's token list stays a few MB.
# Blocks up to this size are tokenised in one findall (the fast path).
COUNT_CHUNK = 1 << 16
# Tokens read for the language vote: twice the vote's size, numbers are dropped before it.
VOTE_TOKENS = 2 * GUESS_TOKENS
# Blocks up to this size have their vote tokens memoised (64 of them at most, so the
# cache holds about a megabyte at worst).
VOTE_MEMO_CHARS = 1 << 14
# Characters read per token still wanted by leading_tokens (tokens and the spaces
# between them average about six characters in Latin script, one in CJK).
LEAD_CHARS_PER_TOKEN = 8

# Blocks longer than this cannot be a cue label; skip the normalising work for them.
MAX_CUE_CHARS = 80
# A "contains" cue ("All rights reserved") only marks a short block: in a long one it is a quote.
MAX_CONTAINS_CHARS = 200


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


def document_language(blocks: tuple[Block, ...], hint: str | None) -> str | None:
    """The language to use for stopwords: the hint, or a guess from the longest blocks."""
    if hint:
        return hint
    # nlargest == sorted(...)[:20] without sorting a million blocks; tokenising stops
    # once the vote has enough (a 50 MB line is not tokenised whole)
    longest = heapq.nlargest(20, blocks, key=lambda b: len(b.text))
    toks: list[str] = []
    for b in longest:
        toks += vote_tokens(b.text)[: VOTE_TOKENS - len(toks)]
        if len(toks) >= VOTE_TOKENS:
            break
    return guess_language(toks)


def vote_tokens(text: str) -> tuple[str, ...]:
    """The first VOTE_TOKENS case-folded tokens of a block, for the language vote.

    Memoised for blocks up to VOTE_MEMO_CHARS (a pure function): the re-check of the
    kept text reads the same longest blocks again.
    """
    if len(text) <= VOTE_MEMO_CHARS:
        return _vote_tokens_cached(text)
    return tuple(leading_tokens(text.casefold(), VOTE_TOKENS))


@lru_cache(maxsize=64)
def _vote_tokens_cached(text: str) -> tuple[str, ...]:
    return tuple(leading_tokens(text.casefold(), VOTE_TOKENS))


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


def _cues(text: str, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """(whole-block cue family, prefix/contained cue family) of a block."""
    cue = cue_prefix = None
    if len(text) <= MAX_CUE_CHARS:
        norm = normalize(text)
        cue = lexicon.whole_cue(norm)
        if cue is None:
            cue_prefix = lexicon.prefix_cue(norm) or lexicon.contained_cue(norm)
    else:
        cue_prefix = lexicon.prefix_cue(normalize(text[:MAX_CUE_CHARS]))
        if cue_prefix is None and len(text) <= MAX_CONTAINS_CHARS:
            cue_prefix = lexicon.contained_cue(normalize(text))
    if cue is None and cue_prefix is None and lexicon.glued_cue(text):
        cue_prefix = "inline_related"
    return cue, cue_prefix


def block_features(block: Block, stop: frozenset[str], lexicon: Lexicon) -> Features:
    """Context-free features of one block.

    One tokenizer pass; everything else is counted over the tokens with C-level
    ``map`` calls or looked up at the end of the block, because this runs on every
    line of every page (the speed budget is a few microseconds per line).
    """
    text = block.text
    chars = len(text)
    if chars <= COUNT_CHUNK:
        raw = tokenizer(text).findall(text)
        words = len(raw)
        stops = sum(map(stop.__contains__, map(str.casefold, raw))) if stop and words else 0
        titled = sum(map(str.istitle, raw))
        numeric = sum(map(str.isdigit, raw))
        upper = sum(map(str.isupper, raw))
        letters = sum(map(len, raw))
    else:  # the same counts from distinct tokens, without a list of every token
        counts = token_counts(text)
        words = sum(counts.values())
        stops = sum(n for t, n in counts.items() if t.casefold() in stop) if stop else 0
        titled = sum(n for t, n in counts.items() if t.istitle())
        numeric = sum(n for t, n in counts.items() if t.isdigit())
        upper = sum(n for t, n in counts.items() if t.isupper())
        letters = sum(len(t) * n for t, n in counts.items())
    tail = text[-TAIL_CHARS:]
    # an ellipsis end is a sentence end too ("..." ends with "."), so it is looked for only then
    terminal = text[-1:] in _TERMINAL_LAST and bool(_TERMINAL.search(tail))
    low = text.lower() if chars <= COUNT_CHUNK else text[:COUNT_CHUNK].lower()  # URLs: a look, not a census
    cue, cue_prefix = _cues(text, lexicon)
    return Features(
        words=words,
        chars=chars,
        stop_ratio=stops / words if words else 0.0,
        terminal_punct=terminal,
        ellipsis_end=terminal and bool(_ELLIPSIS.search(tail)),
        title_case_ratio=titled / words if words else 0.0,
        digit_ratio=numeric / words if words else 0.0,
        cue=cue,
        cue_prefix=cue_prefix,
        duplicate_of=None,
        punct_ratio=(chars - letters - text.count(" ")) / chars if chars else 0.0,
        separators=sum(1 for _ in _SEPARATOR.finditer(text)) if any(map(text.__contains__, _SEPARATOR_CHARS)) else 0,
        list_marker=bool(_LIST_MARKER.match(text)),
        colon_end=text.endswith((":", "：")),
        url_like=any(map(low.__contains__, _URL_PARTS)) or ("@" in text and bool(_EMAIL.search(text))),
        upper_ratio=upper / words if words else 0.0,
    )


def compute_features(
    blocks: tuple[Block, ...], lexicon: Lexicon, language: str | None
) -> tuple[Features, ...]:
    """Features for every block; also links each block to an earlier identical one."""
    stop = stopwords(language) if language else frozenset()
    seen: dict[str, int] = {}
    # block_features depends on the block's text only: a repeated line is measured once,
    # and its copy marked duplicate_of (the same first block for every later repeat of
    # that text) is made once too
    by_text: dict[str, Features] = {}
    as_copy: dict[str, Features] = {}
    out: list[Features] = []
    for b in blocks:
        first = seen.setdefault(b.text.casefold(), b.index)
        f = as_copy.get(b.text) if first != b.index else None
        if f is None:
            f = by_text.get(b.text)
            if f is None:
                f = by_text[b.text] = block_features(b, stop, lexicon)
            if first != b.index:
                f = as_copy[b.text] = replace(f, duplicate_of=first)
        out.append(f)
    return tuple(out)
