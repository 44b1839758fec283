"""Stage 2: measure each block on its own (no neighbours), once.

Word counting is script-aware (see ``_tokens``). ``text_features`` is the reference:
the measurements of one text, spelt out. ``compute_features`` computes the same
measurements for a whole page column by column - one C-level ``map`` per measurement
over all lines instead of some thirty Python steps per line - because this runs on
every line of every page (tests/test_fast_paths.py checks that the two agree).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from bisect import bisect_right
from functools import lru_cache, partial
from itertools import accumulate, compress, repeat
from operator import itemgetter, ne, not_, or_, sub, truediv

import regex

from ._language import GUESS_TOKENS, guess_language, stopwords
from ._lexicon import Lexicon, normalize, normalize_all
from ._tokens import (  # noqa: F401  (re-exported: tests and _dom_rules import them from here)
    _TOKEN, COUNT_CHUNK, FIRST_CJK, _below_cjk_token, leading_tokens, token_counts, token_lists, tokenizer, tokens_of,
)
from ._types import Block, Features

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
_COLONS = (":", "：")
# Sentence ends are looked for in the last few characters only (closing quotes included).
TAIL_CHARS = 8
_TAIL = itemgetter(slice(-TAIL_CHARS, None))
# Tokens read for the language vote: twice the vote's size, numbers are dropped before it.
VOTE_TOKENS = 2 * GUESS_TOKENS
# Blocks up to this size have their vote tokens memoised (64 of them at most, so the
# cache holds about a megabyte at worst).
VOTE_MEMO_CHARS = 1 << 14

# Blocks longer than this cannot be a cue label; skip the normalising work for them.
MAX_CUE_CHARS = 80
# A "contains" cue ("All rights reserved") only marks a short block: in a long one it is a quote.
MAX_CONTAINS_CHARS = 200
_HEAD = itemgetter(slice(0, MAX_CUE_CHARS))
_FIRST = itemgetter(slice(0, 1))


def ends_sentence(text: str) -> bool:
    """Does ``text`` end with sentence-final punctuation (closing quotes allowed)?"""
    return text[-1:] in _TERMINAL_LAST and bool(_TERMINAL.search(text[-TAIL_CHARS:]))


def line_tokens(blocks: tuple[Block, ...]) -> dict[str, list[str]]:
    """The tokens of each distinct text of at most COUNT_CHUNK characters among
    ``blocks`` (``token_lists``): read once for the language vote and the features of
    the page and of its re-check (``document_language``, ``compute_features``)."""
    distinct = [t for t in dict.fromkeys([b.text for b in blocks]) if len(t) <= COUNT_CHUNK]
    return dict(zip(distinct, token_lists(distinct)))


def document_language(blocks: tuple[Block, ...], hint: str | None, tokens: Mapping[str, list[str]] | None = None) -> str | None:
    """The language to use for stopwords: the hint, or a guess from the longest blocks.

    ``tokens`` (``line_tokens``) gives an ASCII block's vote tokens without reading it
    again: on ASCII text, the tokens of the case-folded text are the lower-cased tokens.
    """
    if hint:
        return hint
    return language_vote(blocks, tokens)[0]


def language_vote(blocks: tuple[Block, ...], tokens: Mapping[str, list[str]] | None = None) -> tuple[str | None, tuple[int, ...]]:
    """``document_language`` without a hint, and the positions in ``blocks`` of the
    blocks whose tokens it read. The vote depends on those blocks only: a page that
    keeps all of them (the re-check's kept text) gets the same vote (``_recheck``)."""
    if tokens is None:
        tokens = {}
    # nlargest == sorted(...)[:20] without sorting a million blocks; tokenising stops
    # once the vote has enough (a 50 MB line is not tokenised whole)
    lengths = [len(b.text) for b in blocks]
    longest = heapq.nlargest(20, range(len(blocks)), key=lengths.__getitem__)
    # The vote reads the first GUESS_TOKENS alphabetic tokens among the first
    # VOTE_TOKENS tokens: reading stops at whichever comes first (the same vote).
    toks: list[str] = []
    alpha = 0
    read = 0
    for i in longest:
        b = blocks[i]
        read += 1
        own = tokens.get(b.text)
        if own is not None and b.text.isascii():
            more = list(map(str.lower, own[: VOTE_TOKENS - len(toks)]))
        else:
            more = vote_tokens(b.text)[: VOTE_TOKENS - len(toks)]
        toks += more
        alpha += sum(map(str.isalpha, more))
        if len(toks) >= VOTE_TOKENS or alpha >= GUESS_TOKENS:
            break
    return guess_language(toks), tuple(longest[:read])


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


def _cue_columns(texts: list[str], chars: list[int], lexicon: Lexicon) -> tuple[list[str | None], list[str | None]]:
    """``_cues`` of every text, column by column: the lexicon's cheap necessary tests
    (first characters, a literal search) run over all texts at C speed, its patterns
    only on the few texts that pass them."""
    n = len(texts)
    heads = normalize_all(map(_HEAD, texts))
    cue = [None if c > MAX_CUE_CHARS else w for w, c in zip(map(lexicon.whole.get, heads), chars)]
    prefix: list[str | None] = [None] * n
    maybe = map(str.startswith, heads, map(lexicon.prefix_by_first.get, map(_FIRST, heads), repeat(())))
    if lexicon.prefix_bare:  # (see Lexicon.prefix_cue)
        maybe = map(or_, maybe, map(not_, map(str.isalpha, map(_FIRST, heads))))
    for k in compress(range(n), maybe):
        if cue[k] is None:
            prefix[k] = lexicon.prefix_cue(heads[k])
    # a contained cue is looked for in the whole text, up to MAX_CONTAINS_CHARS
    norms = heads
    mid = [k for k, c in enumerate(chars) if MAX_CUE_CHARS < c <= MAX_CONTAINS_CHARS]
    if mid:
        norms = list(heads)
        for k, norm in zip(mid, normalize_all([texts[k] for k in mid])):
            norms[k] = norm
    for k in compress(range(n), containing(norms, tuple(lexicon.contains))):
        if cue[k] is None and prefix[k] is None and chars[k] <= MAX_CONTAINS_CHARS:
            prefix[k] = lexicon.contained_cue(norms[k])
    maybe = map(str.startswith, texts, map(lexicon.glued_by_first.get, map(_FIRST, texts), repeat(())))
    for k in compress(range(n), maybe):
        if cue[k] is None and prefix[k] is None and lexicon.glued_cue(texts[k]):
            prefix[k] = "inline_related"
    return cue, prefix


def text_features(text: str, stop: frozenset[str], lexicon: Lexicon) -> Features:
    """Context-free features of one block's text (``duplicate_of`` left ``None``).

    The reference for ``compute_features``; used as such for lines over COUNT_CHUNK
    characters, whose counts are taken from their distinct tokens (no list of every token).
    """
    chars = len(text)
    counts = token_counts(text)
    words = sum(counts.values())
    stops = sum(n for t, n in counts.items() if t.casefold() in stop) if stop else 0
    titled = sum(n for t, n in counts.items() if t.istitle())
    numeric = sum(n for t, n in counts.items() if t.isdigit())
    upper = sum(n for t, n in counts.items() if t.isupper())
    letters = sum(len(t) * n for t, n in counts.items())
    tail = text[-TAIL_CHARS:]
    # an ellipsis end is a sentence end too ("..." ends with "."), so it is looked for only then
    terminal = ends_sentence(text)
    low = text[:COUNT_CHUNK].lower()  # URLs: a look, not a census
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
        colon_end=text.endswith(_COLONS),
        url_like=any(map(low.__contains__, _URL_PARTS)) or ("@" in text and bool(_EMAIL.search(text))),
        upper_ratio=upper / words if words else 0.0,
    )


def measure(texts: list[str], stop: frozenset[str], lexicon: Lexicon, tokens: Mapping[str, list[str]] | None = None) -> list[Features]:
    """``text_features`` of every text, column by column (lines over COUNT_CHUNK
    characters, rare, one by one). ``tokens`` holds the texts' tokens when they have
    been read already (``line_tokens``)."""
    if max(map(len, texts), default=0) <= COUNT_CHUNK:
        return _columns(texts, stop, lexicon, tokens)
    fits = [t for t in texts if len(t) <= COUNT_CHUNK]
    done = iter(_columns(fits, stop, lexicon, tokens))
    return [next(done) if len(t) <= COUNT_CHUNK else text_features(t, stop, lexicon) for t in texts]


def _columns(texts: list[str], stop: frozenset[str], lexicon: Lexicon, tokens: Mapping[str, list[str]] | None = None) -> list[Features]:
    """``text_features`` of texts up to COUNT_CHUNK characters: each measurement is one
    pass over all texts (or over all their tokens, summed per text)."""
    if not texts:
        return []
    tokens_by_text = token_lists(texts) if tokens is None else list(map(tokens.__getitem__, texts))
    words = list(map(len, tokens_by_text))
    stops = per_text(map(map, repeat(stop.__contains__), map(map, repeat(str.casefold), tokens_by_text))) if stop else [0] * len(texts)
    # n / 1 is 0.0 for the texts without words, as text_features has it
    by_words = [w or 1 for w in words]
    chars = list(map(len, texts))
    spaces = map(str.count, texts, repeat(" "))
    letters = map(len, map("".join, tokens_by_text))
    not_letters = map(sub, map(sub, chars, letters), spaces)
    tails = list(map(_TAIL, texts))
    terminal = [t[-1:] in _TERMINAL_LAST and _TERMINAL.search(t) is not None for t in tails]
    cue, cue_prefix = _cue_columns(texts, chars, lexicon)
    return list(map(_as_features, zip(
        words,
        chars,
        map(truediv, stops, by_words),
        terminal,
        [e and _ELLIPSIS.search(t) is not None for e, t in zip(terminal, tails)],
        map(truediv, per_text(map(map, repeat(str.istitle), tokens_by_text)), by_words),
        map(truediv, per_text(map(map, repeat(str.isdigit), tokens_by_text)), by_words),
        cue,
        cue_prefix,
        repeat(None),
        map(truediv, not_letters, chars),  # a block is never empty
        # a text without any separator character has no separator (a cheap test first)
        [len(_SEPARATOR.findall(t)) if s else 0 for t, s in zip(texts, containing(texts, _SEPARATOR_CHARS))],
        [m is not None for m in map(_LIST_MARKER.match, texts)],
        map(str.endswith, texts, repeat(_COLONS)),
        [u or ("@" in t and _EMAIL.search(t) is not None) for t, u in zip(texts, containing(list(map(str.lower, texts)), _URL_PARTS))],
        map(truediv, per_text(map(map, repeat(str.isupper), tokens_by_text)), by_words),
    )))


def containing(texts: list[str], needles) -> list[bool]:
    """``[any(n in t for n in needles) for t in texts]``, by ``str.find`` over the texts
    joined by line breaks, each hit mapped back to its text (whose rest is then
    skipped). str's substring search skips through a page at memchr speed, where a
    pattern of alternatives (``re`` or ``regex``) costs a call per character and a
    test per text costs a call per text: about a third of either's work on AEB."""
    if any("\n" in needle for needle in needles):  # could span two texts
        return [any(map(t.__contains__, needles)) for t in texts]
    n = len(texts)
    if not n:
        return []
    starts = list(accumulate([len(t) + 1 for t in texts], initial=0))  # where each text starts
    page = "\n".join(texts)
    found = [False] * n
    for needle in needles:
        at = page.find(needle)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            found[k] = True
            at = page.find(needle, starts[k + 1]) if k + 1 < n else -1
    return found


# Features from a tuple of all its fields, in order (what ``Features._make`` does,
# without a Python call per line).
_as_features = partial(tuple.__new__, Features)


def per_text(values_by_text) -> list[int]:
    """The sum of each text's values (an iterable of per-token iterables): C ``sum``
    adds small ints without allocating one per token, where prefix sums over all the
    page's tokens made one per token (a quarter less work for these counts on AEB)."""
    return list(map(sum, values_by_text))


def compute_features(
    blocks: tuple[Block, ...], lexicon: Lexicon, language: str | None, tokens: Mapping[str, list[str]] | None = None
) -> tuple[Features, ...]:
    """Features for every block; also links each block to an earlier identical one.
    ``tokens``: the blocks' ``line_tokens``, when they have been read already."""
    stop = stopwords(language) if language else frozenset()
    texts = [b.text for b in blocks]
    # features depend on the text only: a repeated line is measured once
    distinct = list(dict.fromkeys(texts))
    own = dict(zip(distinct, measure(distinct, stop, lexicon, tokens)))
    out = list(map(own.__getitem__, texts))
    # duplicate links: the first block with the same case-folded text (zip over the
    # reversed lists lets the earliest block win)
    folded = list(map(str.casefold, texts))
    indexes = [b.index for b in blocks]
    first = dict(zip(reversed(folded), reversed(indexes)))
    firsts = list(map(first.__getitem__, folded))
    # every later repeat of a text shares one copy marked duplicate_of
    as_copy: dict[str, Features] = {}
    for k in compress(range(len(out)), map(ne, firsts, indexes)):
        f = as_copy.get(texts[k])
        if f is None:
            f = as_copy[texts[k]] = out[k]._replace(duplicate_of=firsts[k])
        out[k] = f
    return tuple(out)
