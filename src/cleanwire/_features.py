"""Stage 2: measure each block on its own (no neighbours), once.

Word counting is script-aware: each Han/Hiragana/Katakana character counts as a word,
because those scripts do not separate words with spaces.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from ._language import GUESS_TOKENS, guess_language, stopwords
from ._lexicon import Lexicon, normalize
from ._types import Block, Features

_TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[^\W\p{Han}\p{Hiragana}\p{Katakana}]+")
# Sentence-final punctuation of many scripts, optionally followed by closing quotes/brackets.
_TERMINAL = regex.compile(r"[.!?。！？…।؟][\"'”’»)\]]*$")
_ELLIPSIS = regex.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")
_SEPARATOR = regex.compile(r"\s[|•·/»›]\s|\s[|•·]|[|•·]\s")
_SEPARATOR_CHARS = "|•·/»›"
_LIST_MARKER = regex.compile(r"^(?:[-–—•·*▪►◦‣+]\s*|\d{1,2}[.)]\s)")
_URL_PARTS = ("://", "www.", ".com", ".org", ".net", ".html")
_EMAIL = regex.compile(r"\w@\w+\.\w")
# Sentence ends are looked for in the last few characters only (closing quotes included).
TAIL_CHARS = 8

# Blocks longer than this cannot be a cue label; skip the normalising work for them.
MAX_CUE_CHARS = 80
# A "contains" cue ("All rights reserved") only marks a short block: in a long one it is a quote.
MAX_CONTAINS_CHARS = 200


def tokens_of(text: str) -> list[str]:
    """Case-folded word tokens of ``text`` (CJK characters one token each)."""
    return _TOKEN.findall(text.casefold())


def document_language(blocks: tuple[Block, ...], hint: str | None) -> str | None:
    """The language to use for stopwords: the hint, or a guess from the longest blocks."""
    if hint:
        return hint
    longest = sorted(blocks, key=lambda b: len(b.text), reverse=True)[:20]
    toks: list[str] = []
    for b in longest:
        toks.extend(tokens_of(b.text))
        if len(toks) >= 2 * GUESS_TOKENS:  # enough for the vote; numbers are dropped later
            break
    return guess_language(toks)


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
    if cue is None and cue_prefix is None and lexicon.glued_re.match(text):
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
    raw = _TOKEN.findall(text)
    words = len(raw)
    stops = sum(map(stop.__contains__, map(str.casefold, raw))) if stop and words else 0
    tail = text[-TAIL_CHARS:]
    low = text.lower()
    cue, cue_prefix = _cues(text, lexicon)
    return Features(
        words=words,
        chars=chars,
        stop_ratio=stops / words if words else 0.0,
        terminal_punct=bool(_TERMINAL.search(tail)),
        ellipsis_end=bool(_ELLIPSIS.search(tail)),
        title_case_ratio=sum(map(str.istitle, raw)) / words if words else 0.0,
        digit_ratio=sum(map(str.isdigit, raw)) / words if words else 0.0,
        cue=cue,
        cue_prefix=cue_prefix,
        duplicate_of=None,
        punct_ratio=(chars - sum(map(len, raw)) - text.count(" ")) / chars if chars else 0.0,
        separators=len(_SEPARATOR.findall(text)) if any(c in text for c in _SEPARATOR_CHARS) else 0,
        list_marker=bool(_LIST_MARKER.match(text)),
        colon_end=text.endswith((":", "：")),
        url_like=any(u in low for u in _URL_PARTS) or ("@" in text and bool(_EMAIL.search(text))),
        upper_ratio=sum(map(str.isupper, raw)) / words if words else 0.0,
    )


def compute_features(
    blocks: tuple[Block, ...], lexicon: Lexicon, language: str | None
) -> tuple[Features, ...]:
    """Features for every block; also links each block to an earlier identical one."""
    stop = stopwords(language) if language else frozenset()
    seen: dict[str, int] = {}
    out: list[Features] = []
    for b in blocks:
        f = block_features(b, stop, lexicon)
        key = b.text.casefold()
        first = seen.setdefault(key, b.index)
        if first != b.index:
            f = replace(f, duplicate_of=first)
        out.append(f)
    return tuple(out)

