"""Stage 3: label every block - pass 1 (rules and scores per block), pass 2 (context)."""

from __future__ import annotations

import math
from operator import attrgetter
from typing import NamedTuple

from ._block_model import block_model_pass
from ._captions import captions_above_credits
from ._context import BODY_PROBABILITY, Verdicts, verdicts
from ._declared import article_list_pass, declared_structure_pass, section_heading_pass
from ._dom_rules import article_box_pass, dom_evidence, duplicate_pass, listing_pass, second_opinion_pass, shop_section_pass
from ._lexicon import Lexicon, load_lexicon
from ._options import Options
from ._rule_gate import gate_words, may_fire
from ._rules import apply_block_rules
from ._evidence import Evidence, Scored, scored_evidence
from ._scorer import Model, block_score, default_model, vector
from ._smooth import context_scores, prose_share
from ._text_model import text_model_pass
from ._types import Block, Decision, Features, LabeledBlock, Label
from ._vocab import vocab_score

# Pages where less than this share of the undecided words reads as prose (after the
# context pass) are listings, shops or landing pages: there a block joins the body at a
# lower probability. Measured on AEB + a third of WCXB-dev: AEB F1 0.921 -> 0.918,
# WCXB-dev 0.794 -> 0.820 (collection 0.39 -> 0.51, service 0.74 -> 0.80).
PROSE_PAGE_SHARE = 0.6
# A page where under a tenth of the undecided words read as prose by themselves (block
# scores) is a list of titles, names and prices: its items are the content, so they
# join the body at an even lower probability. WCXB-dev (a third): listing F1 0.35 ->
# 0.42, collection 0.42 -> 0.46, product 0.58 -> 0.56; AEB unchanged (0.924). Raised
# from 0.1 with the vocabulary measurement (which scores shop and list lines lower):
# AEB text 0.920 -> 0.925 (P 0.901, R 0.941 -> 0.949), WCXB-dev 0.8155 -> 0.8153.
LIST_PAGE_SHARE = 0.15
LIST_PAGE_BODY_PROBABILITY = 0.15
LOW_PROSE_BODY_PROBABILITY = 0.35
# The share is taken over the blocks that could be kept at that lower probability
# (logit of 0.35), not over the whole page: the menus around a listing should not make
# it look less prose-like than its own kept text does when it is checked again.
CANDIDATE_SCORE = math.log(LOW_PROSE_BODY_PROBABILITY / (1 - LOW_PROSE_BODY_PROBABILITY))


# A block's DOM hints (None in text mode; a DomHints is always true) and its text.
_DOM = attrgetter("dom")
_TEXT = attrgetter("text")


def with_dom(scored: Scored, block: Block, features: Features) -> Scored:
    """Add a block's DOM contributions (HTML mode, logit units) to its text score."""
    extra = dom_evidence(block, features)
    if not extra:
        return scored
    return Scored(round(scored.score + sum(v for _, v in extra), 3), scored.vector, scored.extra + extra)


def block_decisions(
    blocks: tuple[Block, ...], features: tuple[Features, ...], lexicon: Lexicon, disabled: frozenset[str]
) -> list[Decision | None]:
    """``apply_block_rules`` on every block. A block rule sees the block's text, DOM
    hints and features only, so a repeated text-mode line (same text, same Features
    object) is judged once, and a text-mode line with no cue that ``may_fire`` rules
    out (about half of them) is not tested at all."""
    memo: dict[tuple[str, int], Decision | None] = {}
    out: list[Decision | None] = []
    words = gate_words(lexicon)
    for b, f in zip(blocks, features):
        if b.dom is not None:
            out.append(apply_block_rules(b, f, lexicon, disabled))
            continue
        if f.cue is None and f.cue_prefix is None and not may_fire(b.text, f, words):
            out.append(None)
            continue
        key = (b.text, id(f))
        if key not in memo:
            memo[key] = apply_block_rules(b, f, lexicon, disabled)
        out.append(memo[key])
    return out


def block_scores(
    features: tuple[Features, ...],
    ruled: list[Decision | None],
    has_stopwords: bool,
    m: Model,
    texts: tuple[str, ...],
    known: list[Scored | None] | None = None,
) -> list[Scored | None]:
    """``score()`` of every block no rule decided (``None`` for the others).

    A score depends on the block's measurements only, and about half the lines of a
    page share theirs with another line (menu items, short labels, repeats): each
    distinct measurement vector is scored once. ``texts`` are the blocks' texts (for
    the vocabulary measurement, see ``_vocab``); ``known`` gives scores already
    computed for the same measurements (the re-check passes the first pass's).
    """
    memo: dict[tuple[float, ...], Scored] = {}
    out: list[Scored | None] = []
    vocabulary = m.vocabulary
    seen: dict[str, float] = {}  # repeated lines (menus, labels) are measured once
    for r, f, t, k in zip(ruled, features, texts, known or [None] * len(features)):
        if r is not None:
            out.append(None)
            continue
        if k is not None:
            out.append(k)
            continue
        if (vs := seen.get(t)) is None:
            vs = seen[t] = vocab_score(t, vocabulary)
        v = vector(f, has_stopwords, vs)
        x = memo.get(v)
        if x is None:
            x = memo[v] = Scored(block_score(v, m), v)
        out.append(x)
    return out


class Pass(NamedTuple):
    """One labelling of a page: the block-rule decisions, the block scores and the
    context pass's verdicts (``Verdicts``), before they are written out per block,
    and the scorer weights (for the evidence, ``scored_evidence``)."""

    ruled: list[Decision | None]
    scored: list[Scored | None]
    verdicts: Verdicts
    model: Model


def label_pass(
    blocks: tuple[Block, ...],
    features: tuple[Features, ...],
    lexicon: Lexicon,
    options: Options,
    has_stopwords: bool,
    model: Model | None = None,
    ruled: list[Decision | None] | None = None,
    scored: list[Scored | None] | None = None,
) -> Pass:
    """Pass 1 (rules, scores, context scores) and pass 2 (``verdicts``) on every block.

    ``model`` replaces the shipped scorer weights (training and cross-validation use it);
    ``ruled`` and ``scored`` pass block-rule decisions and block scores already known
    (``extract()``'s re-check).
    """
    disabled = options.disabled_rules
    m = model or default_model()
    if ruled is None:
        ruled = captions_above_credits(blocks, features, lexicon, block_decisions(blocks, features, lexicon, disabled), disabled)
    # only undecided blocks are scored: the rules have already spoken for the others
    scored = block_scores(features, ruled, has_stopwords, m, tuple([b.text for b in blocks]), scored)
    # HTML mode adds the DOM evidence (second opinion, content box) to the logit
    if any(map(_DOM, blocks)):
        scored = [x if x is None or b.dom is None else with_dom(x, b, f) for x, b, f in zip(scored, blocks, features)]
    first = [None if x is None else x.score for x in scored]
    context = None if m.context is None else context_scores(first, features, m.context)
    second = first if context is None else context.scores
    scores = tuple([0.0 if s is None else s for s in second])
    # only extract() and explain() read the evidence: it is written when read
    evidence = Evidence(scored, context, m)
    # a page with little prose (listing, shop, landing page) keeps its likelier lines
    prose = prose_share([x if x is not None and x > CANDIDATE_SCORE else None for x in second], features)
    body_probability = BODY_PROBABILITY if prose >= PROSE_PAGE_SHARE else LOW_PROSE_BODY_PROBABILITY
    list_share = prose_share(first, features)
    if list_share < LIST_PAGE_SHARE:
        body_probability = LIST_PAGE_BODY_PROBABILITY
    own = tuple([0.0 if s is None else s for s in first])
    text_mode = all(b.dom is None for b in blocks)
    v = verdicts(tuple(map(_TEXT, blocks)), features, ruled, scores, evidence, disabled, body_probability, own, text_mode)
    if text_mode and blocks:  # the learned second look (HTML has its own)
        v = text_model_pass(blocks, features, ruled, v, prose, list_share, disabled)
    return Pass(ruled, scored, v, m)


def label_blocks(
    blocks: tuple[Block, ...],
    features: tuple[Features, ...],
    lexicon: Lexicon,
    options: Options,
    has_stopwords: bool,
    model: Model | None = None,
) -> tuple[LabeledBlock, ...]:
    """Decide a label for every block, keeping the pass-1 decision beside the final one."""
    return labeled_blocks(blocks, label_pass(blocks, features, lexicon, options, has_stopwords, model), options.disabled_rules, features,
                          lexicon)


def after_block_model(
    blocks: tuple[Block, ...], features: tuple[Features, ...] | None, final: list[Decision], disabled: frozenset[str],
    lexicon: Lexicon,
) -> list[Decision]:
    """Pass 2's tail in HTML mode, after the block model. One function, because
    ``scripts/train_block_model.py`` replays it to score the model's folds as the pipeline
    would."""
    final = duplicate_pass(blocks, shop_section_pass(blocks, final, disabled, lexicon), disabled)
    if features is None:
        return final
    return declared_structure_pass(blocks, features, article_box_pass(blocks, features, final, disabled), disabled, lexicon)


def labeled_blocks(
    blocks: tuple[Block, ...], p: Pass, disabled: frozenset[str], features: tuple[Features, ...] | None = None,
    lexicon: Lexicon | None = None,
) -> tuple[LabeledBlock, ...]:
    """``p`` written out: every block with its final and its pass-1 decision. With the
    blocks' ``features`` (HTML mode), the block model has its say too; ``lexicon`` (HTML
    mode: the shop-section headings; every language's cues when not given) is the one
    pass 1 read."""
    final = p.verdicts.decisions()
    if any(b.dom is not None for b in blocks):
        scores = p.verdicts.scores
        final = listing_pass(blocks, second_opinion_pass(blocks, final, scores, disabled), disabled)
        lex = lexicon or load_lexicon()
        if features is not None:
            final = article_list_pass(blocks, section_heading_pass(blocks, features, final, disabled), disabled)
            final = block_model_pass(blocks, features, final, scores, p.verdicts.own, disabled)
        final = after_block_model(blocks, features, final, disabled, lex)
    out = []
    initials: dict[int, Decision] = {}  # blocks sharing a score (see block_scores) share it
    for b, r, x, s, d in zip(blocks, p.ruled, p.scored, p.verdicts.scores, final):
        if r is not None:
            initial = r
        elif (initial := initials.get(id(x))) is None:
            s1 = x.score
            initial = initials[id(x)] = Decision(Label.BODY if s1 > 0 else Label.CHROME, "score", f"score {s1:+.1f}", scored_evidence(x, p.model))
        out.append(LabeledBlock(b, d, initial, s))
    return tuple(out)
