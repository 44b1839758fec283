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

import regex

from ._lexicon import Lexicon, normalize
from ._rules import _COUNTER_LAST, _NO_CUE_RULES, _label_words
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
# "©" (footer), a digit (read-time, dateline, a counted comment heading).
_TRIGGER = regex.compile(r"[:=：>›»→/©\d]")
# Word counts above which the rules that look for a leading label word give up.
COMMENT_SECTION_MAX_WORDS = 12
BYLINE_MAX_WORDS = 8
FOOTER_MAX_WORDS = 30


def gate_words(lex: Lexicon) -> tuple[str, ...]:
    """The label words a block may start with to head a comment section or a byline."""
    return _label_words(lex, "comments") + _label_words(lex, "comments_counted") + _label_words(lex, "byline")


def may_fire(text: str, f: Features, words: tuple[str, ...]) -> bool:
    """False only when no rule of ``GATED_RULE_IDS`` can fire on a block with no cue.

    ``words`` is ``gate_words(lexicon)``.
    """
    if f.words == 0 or _TRIGGER.search(text):  # punctuation-only; see _TRIGGER
        return True
    if text.endswith((")", "]")):  # a bracketed credit (photo-caption), "Like (12)" (counter)
        return True
    if f.words <= FOOTER_MAX_WORDS and text[:1] in "(cC":  # "(c) 2024", "Copyright" (footer)
        return True
    if f.chars <= 40 and _counter_last(text):
        return True  # counter (its own cheap check)
    if f.words <= COMMENT_SECTION_MAX_WORDS:
        # a count before the label (comment-section counts "\d" past ASCII too), or a
        # label word first (comment-section, byline)
        return _label_start(normalize(text), words)
    return False


def _counter_last(text: str) -> bool:
    last = text[-1:]
    return last in _COUNTER_LAST or last.isdigit() or last.isspace() or not last.isascii()


def _label_start(norm: str, words: tuple[str, ...]) -> bool:
    head = norm[:1]
    return head.isdigit() or not head.isascii() or norm.startswith(words)
