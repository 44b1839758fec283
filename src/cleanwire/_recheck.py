"""The idempotence re-check: label the kept text again until nothing more drops out.

The context pass judges a block by its neighbours, and removing chrome changes them.
So ``extract()`` labels its own kept text once more, exactly as a second ``clean()``
would see it, until it is a fixed point: that is what makes ``clean()`` idempotent.
Usually one re-check confirms the first result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ._document import PARAGRAPH_SEPARATOR
from ._features import compute_features, document_language
from ._evidence import Scored
from ._labels import Pass, label_pass
from ._language import stopwords
from ._lexicon import load_lexicon
from ._options import Options
from ._record_runs import ANCHOR_RULES
from ._scorer import Model
from ._types import Block, Decision, Features, Label, LabeledBlock

# How many times the kept text is re-checked before giving up.
MAX_RECHECKS = 8


# Block index -> the re-check's decision for a block it dropped, and that block's score.
Rechecked = dict[int, tuple[Decision, float]]


def settle(
    blocks: tuple[Block, ...],
    first: Pass,
    features: tuple[Features, ...],
    language: str | None,
    opts: Options,
    model: Model | None,
    tokens: Mapping[str, list[str]] | None = None,
    voted: tuple[int, ...] | None = None,
) -> Rechecked:
    """The blocks of ``first``'s body that a re-check of the kept text drops, each with
    its ``recheck`` decision (``mark_rechecked`` writes them into the labelled blocks).
    ``tokens``: the page's ``line_tokens`` (the kept text's lines are among them);
    ``voted``: the blocks the page's language vote read (``language_vote``)."""
    kept = [i for i, label in enumerate(first.verdicts.labels()) if label is Label.BODY]
    # The context pass judges a block by its neighbours, and removing chrome changes
    # them. So the kept text is labelled again, exactly as a second clean() would see
    # it, until nothing more drops out: the result is a fixed point and clean() is
    # idempotent. Usually one re-check confirms the first result.
    out: Rechecked = {}
    rounds = 0
    while kept:
        again = _recheck(blocks, first, kept, features, language, opts, model, tokens, voted)
        dropped = [i for i, label in zip(kept, again.verdicts.labels()) if label is not Label.BODY]
        if not dropped:
            break
        rounds += 1
        if rounds > MAX_RECHECKS:  # never seen; an empty body is a fixed point too
            dropped = kept
        where = {i: j for j, i in enumerate(kept)}
        for i in dropped:
            d = again.verdicts.decision(where[i])
            why = f"dropped when the kept text was checked again (round {rounds}): {d.reason}"
            out[i] = (Decision(Label.CHROME, "recheck", why, d.evidence), again.verdicts.scores[where[i]])
        gone = set(dropped)
        kept = [i for i in kept if i not in gone]
    return out


def mark_rechecked(labeled: tuple[LabeledBlock, ...], rechecked: Rechecked) -> tuple[LabeledBlock, ...]:
    """``labeled`` with the re-check's decisions (and scores) on the blocks it dropped."""
    if not rechecked:
        return labeled
    out = list(labeled)
    for i, (d, score) in rechecked.items():
        out[i] = replace(out[i], decision=d, score=score)
    return tuple(out)


def _recheck(
    page: tuple[Block, ...],
    first: Pass,
    kept: list[int],
    features: tuple[Features, ...],
    language: str | None,
    opts: Options,
    model: Model | None,
    tokens: Mapping[str, list[str]] | None = None,
    voted: tuple[int, ...] | None = None,
) -> Pass:
    """Label the kept text exactly as ``_label(kept text)`` would, reusing what cannot change.

    The kept text is the kept blocks joined by blank lines, so its blocks are the same
    strings. Block features are context-free except ``duplicate_of``, and the only
    block-rule decisions on kept blocks are record-list anchors (a date, a byline kept
    in a listing's records; those rules fire again on the same text), so when the
    language guess is unchanged only the duplicate links and the context are
    recomputed: a block whose features are unchanged keeps its first-pass score.
    """
    blocks: list[Block] = []
    pos = 0
    for j, i in enumerate(kept):
        t = page[i].text
        blocks.append(Block(j, t, pos, pos + len(t), 1 if j else 0))
        pos += len(t) + len(PARAGRAPH_SEPARATOR)
    block_tuple = tuple(blocks)
    # the kept text holds every block the page's vote read: the vote is the same (the
    # longest of its blocks are the same blocks, in the same order; ``language_vote``)
    if voted is not None and not opts.language and set(voted).issubset(kept):
        again_language = language
    else:
        again_language = document_language(block_tuple, opts.language, tokens)
    lexicon = load_lexicon()
    has_stop = bool(stopwords(again_language or ""))
    if again_language != language:
        feats = compute_features(block_tuple, lexicon, again_language, tokens)
        return label_pass(block_tuple, feats, lexicon, opts, has_stop, model)
    seen: dict[str, int] = {}
    reused: list[Features] = []
    known: list[Scored | None] = []
    for j, i in enumerate(kept):
        first_seen = seen.setdefault(blocks[j].text.casefold(), j)
        dup = None if first_seen == j else first_seen
        f = features[i]
        if f.duplicate_of == dup:
            reused.append(f)
            known.append(first.scored[i])
        else:
            reused.append(f._replace(duplicate_of=dup))
            known.append(None)
    # a kept block that a block rule decided is a record-list anchor: the rule fires
    # on its text again (block rules are context-free)
    # anchors, and blocks the text model kept against a block rule: the rule fires on
    # their text again (block rules are context-free)
    state = first.verdicts.state
    ruled = [r if r is not None and (r.rule in ANCHOR_RULES or (state[i] is not None and state[i].rule == "text-model")) else None
             for r, i in ((first.ruled[i], i) for i in kept)]
    return label_pass(block_tuple, tuple(reused), lexicon, opts, has_stop, model, ruled=ruled, scored=known)
