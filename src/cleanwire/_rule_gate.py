"""A cheap necessary condition for the text-mode block rules: most lines skip them all.

On a text page about half the lines match no cue and hold none of the characters
or words a block rule looks for (prose, menu items, headlines). Running the dozen
rule tests on each of them costs more than the rest of their labelling. ``may_fire``
is true whenever any rule in ``GATED_RULE_IDS`` could fire on a block that matched no
cue, so skipping the tests when it is false decides every block the same way; each
clause names the rules it stands in for. tests/test_fast_paths.py checks it against
the rules themselves.

(A page-wide version, one regex pass over the joined lines for the character and
label-word tests, measured slower on AEB: 0.087 s for the regex alone against 0.054 s
for ``may_fire`` on every line. The regex engine's cost per character dominates.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import regex

from ._lexicon import Lexicon, normalize
from ._rules import _NO_CUE_RULES, COPYRIGHT, _label_words
from ._types import Features

# The block rules the gate stands in for: every rule that is neither a DOM rule nor a
# cue-only rule (a new one means extending ``may_fire``; the assert below checks).
GATED_RULE_IDS = frozenset({
    "site-verification", "counter", "punctuation-only", "footer", "comment-section", "comment-header",
    "read-time", "dateline", "byline", "source-credit", "breadcrumb", "photo-caption",
})
assert GATED_RULE_IDS == {r.id for r, _ in _NO_CUE_RULES}, "a new text block rule: extend may_fire"

# A character some rule needs: ":" or "=" (site-verification; source-credit, a credit
# or a comment header's colon; "：" too), an arrow or "/" (breadcrumb, a slashed credit),
# "©" (footer), a digit (read-time, dateline, a counted comment heading, every counter).
_TRIGGER = regex.compile(r"[:=：>›»→/©\d]")
# The same on ASCII text (most lines), where \d is [0-9] and the other characters past
# ASCII cannot occur: the standard library's engine answers a character class about
# three times faster than the regex module.
_ASCII_TRIGGER = re.compile(r"[:=>/0-9]")
# Word counts above which the rules that look for a leading label word give up.
COMMENT_SECTION_MAX_WORDS = 12
BYLINE_MAX_WORDS = 8
FOOTER_MAX_WORDS = 30


GateWords = Mapping[str, tuple[str, ...]]


@lru_cache(maxsize=4)
def gate_words(lex: Lexicon) -> GateWords:
    """The label words a block may start with to head a comment section, a byline or
    an abbreviated photo credit ("Fot. X"), by their first character: ``str.startswith`` then tries the handful sharing a
    line's first character, not all ~100 (three times faster on AEB's short lines)."""
    by_first: dict[str, tuple[str, ...]] = {}
    for w in _label_words(lex, "comments") + _label_words(lex, "comments_counted") + _label_words(lex, "byline") + _label_words(lex, "credit_abbrev"):
        by_first[w[:1]] = by_first.get(w[:1], ()) + (w,)
    return MappingProxyType(by_first)


def may_fire(text: str, f: Features, words: GateWords) -> bool:
    """False only when no rule of ``GATED_RULE_IDS`` can fire on a block with no cue.

    ``words`` is ``gate_words(lexicon)``.
    """
    if f.words == 0 or (_ASCII_TRIGGER if text.isascii() else _TRIGGER).search(text):  # punctuation-only; see _TRIGGER
        return True
    # (a counter needs no clause of its own: it holds a digit, which _TRIGGER finds)
    if text.endswith((")", "]")):  # a bracketed credit (photo-caption)
        return True
    if f.words <= FOOTER_MAX_WORDS and text[:1] in "(cC" and COPYRIGHT.match(text):  # "(c) 2024", "Copyright" (footer)
        return True  # the footer rule's own test: most lines starting with "c" are not
    if f.words <= COMMENT_SECTION_MAX_WORDS:
        # a count before the label (comment-section counts "\d" past ASCII too), or a
        # label word first (comment-section, byline, photo-caption's abbreviated credit)
        return _label_start(normalize(text), words)
    return False


def _label_start(norm: str, words: GateWords) -> bool:
    head = norm[:1]
    # an empty label word ("" starts every text) sits under the key ""
    return head.isdigit() or not head.isascii() or norm.startswith(words.get(head, ())) or "" in words
