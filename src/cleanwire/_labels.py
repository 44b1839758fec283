"""Stage 3: label every block - pass 1 (rules and scores per block), pass 2 (context)."""

from __future__ import annotations

from ._context import decide
from ._lexicon import Lexicon
from ._options import Options
from ._rules import apply_block_rules
from ._scorer import Model, score
from ._types import Block, Decision, Features, LabeledBlock, Label


def label_blocks(
    blocks: tuple[Block, ...],
    features: tuple[Features, ...],
    lexicon: Lexicon,
    options: Options,
    has_stopwords: bool,
    model: Model | None = None,
) -> tuple[LabeledBlock, ...]:
    """Decide a label for every block, keeping the pass-1 decision beside the final one.

    ``model`` replaces the shipped scorer weights (training and cross-validation use it).
    """
    disabled = options.disabled_rules
    ruled = [apply_block_rules(b, f, lexicon, disabled) for b, f in zip(blocks, features)]
    scored = [score(f, has_stopwords, model) for f in features]
    scores = tuple(s for s, _ in scored)
    evidence = tuple(e for _, e in scored)
    final = decide(tuple(b.text for b in blocks), features, ruled, scores, evidence, disabled)
    out = []
    for b, r, (s, ev), d in zip(blocks, ruled, scored, final):
        initial = r or Decision(
            Label.BODY if s > 0 else Label.CHROME, "score", f"score {s:+.1f}", ev
        )
        out.append(LabeledBlock(block=b, decision=d, initial=initial, score=s))
    return tuple(out)
