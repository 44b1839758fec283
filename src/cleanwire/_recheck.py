"""The idempotence re-check: label the kept text again until nothing more drops out.

The context pass judges a block by its neighbours, and removing chrome changes them.
So ``extract()`` labels its own kept text once more, exactly as a second ``clean()``
would see it, until it is a fixed point: that is what makes ``clean()`` idempotent.
Usually one re-check confirms the first result.
"""

from __future__ import annotations

from dataclasses import replace

from ._document import PARAGRAPH_SEPARATOR
from ._features import compute_features, document_language
from ._labels import Pass, Scored, label_pass
from ._language import stopwords
from ._lexicon import load_lexicon
from ._options import Options
from ._record_runs import ANCHOR_RULES
from ._scorer import Model
from ._types import Block, Decision, Features, Label, LabeledBlock

# How many times the kept text is re-checked before giving up.
MAX_RECHECKS = 8


def settle(
    labeled: tuple[LabeledBlock, ...],
    first: Pass,
    features: tuple[Features, ...],
    language: str | None,
    opts: Options,
    model: Model | None,
) -> tuple[LabeledBlock, ...]:
    """``labeled`` (written from ``first``) with the blocks a re-check of the kept text
    drops marked ``recheck``."""
    kept = [i for i, lb in enumerate(labeled) if lb.label is Label.BODY]
    # The context pass judges a block by its neighbours, and removing chrome changes
    # them. So the kept text is labelled again, exactly as a second clean() would see
    # it, until nothing more drops out: the result is a fixed point and clean() is
    # idempotent. Usually one re-check confirms the first result.
    rounds = 0
    while kept:
        again = _recheck(labeled, first.scored, kept, features, language, opts, model)
        dropped = [i for j, i in enumerate(kept) if not again.verdicts.is_body(j)]
        if not dropped:
            break
        rounds += 1
        if rounds > MAX_RECHECKS:  # never seen; an empty body is a fixed point too
            dropped = kept
        labeled = _relabel(labeled, dropped, again, kept, rounds)
        gone = set(dropped)
        kept = [i for i in kept if i not in gone]
    return labeled


def _recheck(
    labeled: tuple[LabeledBlock, ...],
    scored: list[Scored | None],
    kept: list[int],
    features: tuple[Features, ...],
    language: str | None,
    opts: Options,
    model: Model | None,
) -> Pass:
    """Label the kept text exactly as ``_label(kept text)`` would, reusing what cannot change.

    The kept text is the kept blocks joined by blank lines, so its blocks are the same
    strings. Block features are context-free except ``duplicate_of``, and the only
    block-rule decisions on kept blocks are record-list anchors (a date, a byline kept
    in a listing's records; those rules fire again on the same text), so when the
    language guess is unchanged only the duplicate links and the context are
    recomputed: a block whose features are unchanged keeps its first-pass ``scored``.
    """
    blocks: list[Block] = []
    pos = 0
    for j, i in enumerate(kept):
        t = labeled[i].text
        blocks.append(Block(j, t, pos, pos + len(t), 1 if j else 0))
        pos += len(t) + len(PARAGRAPH_SEPARATOR)
    block_tuple = tuple(blocks)
    again_language = document_language(block_tuple, opts.language)
    lexicon = load_lexicon()
    has_stop = bool(stopwords(again_language or ""))
    if again_language != language:
        feats = compute_features(block_tuple, lexicon, again_language)
        return label_pass(block_tuple, feats, lexicon, opts, has_stop, model)
    seen: dict[str, int] = {}
    reused: list[Features] = []
    known: list[Scored | None] = []
    for j, i in enumerate(kept):
        first = seen.setdefault(blocks[j].text.casefold(), j)
        dup = None if first == j else first
        f = features[i]
        if f.duplicate_of == dup:
            reused.append(f)
            known.append(scored[i])
        else:
            reused.append(f._replace(duplicate_of=dup))
            known.append(None)
    # a kept block that a block rule decided is a record-list anchor: the rule fires
    # on its text again (block rules are context-free)
    ruled = [labeled[i].initial if labeled[i].initial.rule in ANCHOR_RULES else None for i in kept]
    return label_pass(block_tuple, tuple(reused), lexicon, opts, has_stop, model, ruled=ruled, scored=known)


def _relabel(
    labeled: tuple[LabeledBlock, ...],
    dropped: list[int],
    again: Pass,
    kept: list[int],
    rounds: int,
) -> tuple[LabeledBlock, ...]:
    """Mark the blocks that a re-check dropped, with the re-check's reason."""
    out = list(labeled)
    where = {i: j for j, i in enumerate(kept)}
    n = len(again.verdicts.state)
    for i in dropped:
        j = where[i]
        d = again.verdicts.decision(j) if j < n else None
        why = d.reason if d is not None else "the body did not settle"
        out[i] = replace(
            out[i],
            decision=Decision(Label.CHROME, "recheck", f"dropped when the kept text was checked again (round {rounds}): {why}", d.evidence if d is not None else ()),
            score=again.verdicts.scores[j] if j < n else out[i].score,
        )
    return tuple(out)
