"""``caption-above-credit`` (text mode): the caption line above a bare photo credit.

A browser's text of a photo is often two lines: the caption, then the credit on its own
("Foto: Jens Möller/dpa", "图片来源：视觉中国", "Fot. Piotr Nowak"). The credit is
found by ``photo-caption``; the caption above it reads like a sentence of prose, so
only its place tells it apart. The rule needs the block-rule decisions of both lines,
so it runs after them (before the scores: a caption is not scored), and only in text
mode (HTML has the caption's box: ``dom-caption``). The credit must name someone
("Image: Jose Mourinho, left, has replaced ..." is itself the caption, and the line
above it body: AEB, news.sky.com).
"""

from __future__ import annotations

from ._lexicon import Lexicon
from ._rules import is_bare_credit
from ._types import Block, Decision, Features, Label

# A caption is a line or two: at most this many words (a CJK character is a word, and a
# CJK caption of 30 characters is long; a paragraph of prose seldom is this short and
# directly above a credit), and a sentence: it ends with a full stop. The line above a
# credit that does not is a heading: listicles and product round-ups put each item's
# name, then its photo, then "Credit: ..." (WCXB-dev: 60 such headings on 5 pages
# were taken for captions before the full stop was required).
CAPTION_MIN_WORDS, CAPTION_MAX_WORDS = 3, 30
_CLOSERS = "\"'”’»)]」』 "

RULE_ID = "caption-above-credit"


def captions_above_credits(
    blocks: tuple[Block, ...], features: tuple[Features, ...], lexicon: Lexicon, ruled: list[Decision | None], disabled: frozenset[str]
) -> list[Decision | None]:
    """``ruled`` with the short undecided text-mode line above each bare credit labelled a caption."""
    if RULE_ID in disabled:
        return ruled
    out = ruled
    for i in range(1, len(blocks)):
        d = ruled[i]
        if d is None or d.rule != "photo-caption" or ruled[i - 1] is not None:
            continue
        above, f = blocks[i - 1], features[i - 1]
        if above.dom is not None or blocks[i].dom is not None or not CAPTION_MIN_WORDS <= f.words <= CAPTION_MAX_WORDS:
            continue
        if not _sentence(above.text) or not is_bare_credit(blocks[i].text, lexicon, name_only=True):
            continue
        if out is ruled:
            out = list(ruled)
        out[i - 1] = Decision(Label.CAPTION, RULE_ID, f"a short line directly above the photo credit in block {i}")
    return out


def _sentence(text: str) -> bool:
    """Ends with one full stop ("." or "。", before closing quotes or brackets), not an
    ellipsis (a teaser's cut) nor "?" / "!" (a headline's)."""
    t = text.rstrip(_CLOSERS)
    return t.endswith("。") or t.endswith(".") and not t.endswith("..")
