"""Stage 3: label every block - pass 1 (rules and scores per block), pass 2 (context)."""

from __future__ import annotations

from ._context import decide
from ._dom_rules import dom_evidence, second_opinion_pass
from ._lexicon import Lexicon
from ._options import Options
from ._rules import apply_block_rules
from ._scorer import score
from ._types import Block, Decision, Features, LabeledBlock, Label


def with_dom(
    scored: tuple[float, tuple[tuple[str, float], ...]], block: Block, features: Features
) -> tuple[float, tuple[tuple[str, float], ...]]:
    """Add a block's DOM contributions (HTML mode) to its text score."""
    extra = dom_evidence(block, features)
    if not extra:
        return scored
    s, ev = scored
    return round(s + sum(v for _, v in extra), 3), ev + extra


def label_blocks(
    blocks: tuple[Block, ...],
    features: tuple[Features, ...],
    lexicon: Lexicon,
    options: Options,
    has_stopwords: bool,
) -> tuple[LabeledBlock, ...]:
    """Decide a label for every block, keeping the pass-1 decision beside the final one."""
    disabled = options.disabled_rules
    ruled = [apply_block_rules(b, f, lexicon, disabled) for b, f in zip(blocks, features)]
    scored = [with_dom(score(f, has_stopwords), b, f) for b, f in zip(blocks, features)]
    scores = tuple(s for s, _ in scored)
    evidence = tuple(e for _, e in scored)
    final = decide(tuple(b.text for b in blocks), features, ruled, scores, evidence, disabled)
    if any(b.dom is not None for b in blocks):
        final = second_opinion_pass(blocks, final, scores, disabled)
    out = []
    for b, r, (s, ev), d in zip(blocks, ruled, scored, final):
        initial = r or Decision(
            Label.BODY if s > 0 else Label.CHROME, "score", f"score {s:+.1f}", ev
        )
        out.append(LabeledBlock(block=b, decision=d, initial=initial, score=s))
    return tuple(out)
