"""Pass 2 in HTML mode: a learned block classifier over the DOM evidence (``block-model``).

The rules and passes before it each read one kind of evidence. This model reads them
side by side for every block - the decision so far and the rule that made it, the
scores, the block's tag and path, link density, the chrome families of its boxes,
whether trafilatura kept it, whether it is in the JSON-LD, where it sits on the page and
what its neighbours were decided - and gives the probability that the block is main
content. Weights are data (``cleanwire/data/block_model.json``), trained by
``scripts/train_block_model.py`` on WCXB-dev and AEB with per-block labels from the
gold text; inference is a few shallow regression trees summed into a logit, pure
Python, deterministic. The explanation names the features whose values moved the
logit most.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ._trees import EVIDENCE_TOP, TreeModel, predict
from ._trees import model_from_json as _model_from_json
from ._trees import shipped
from ._types import HEADING_TAGS, Block, Decision, Features, Label


# Rules the model may not overrule: hidden text, and the title (reported apart).
FIXED_RULES = frozenset(("dom-hidden", "title", "dom-title", "repeated-title"))
# Rules whose blocks the model may not turn into body, though they are training rows: a
# figure caption or an author/meta box the model is unsure of stays what its box says (at
# the shipped threshold it would take some back; domain-grouped 5-fold WCXB-dev F1 0.8482
# with this, 0.8484 without; adding dom-boilerplate and dom-comments: 0.8461).
NOT_TO_BODY = frozenset(("dom-caption", "dom-meta"))
# Rule ids given their own indicator; the others share "rule-other".
RULE_IDS = ("body", "outside-body", "low-score", "listing-item", "second-opinion", "link-dense",
            "dom-boilerplate", "dom-meta", "dom-comments", "dom-caption", "json-ld-body",
            "related-list", "record-list", "standfirst", "section-label", "byline", "dateline",
            "breadcrumb", "counter", "footer", "photo-caption", "after-comments", "comment-section",
            "share-widget", "login-prompt", "inline-related")
TAG_GROUPS = (("p",), ("li",), ("div",), ("h1",), ("h2",), ("h3",), ("h4", "h5", "h6"),
              ("tr", "td", "th", "table", "tbody", "thead", "caption"), ("dd", "dt", "dl"), ("pre",),
              ("blockquote",), ("section", "article", "main"), ("summary", "details"), ("figure", "figcaption"))
PATH_TAGS = ("a", "ul", "ol", "table", "pre", "code", "form", "article", "main", "section", "aside",
             "nav", "footer", "header", "strong", "b", "span", "button", "label", "em", "dl", "blockquote")
FAMILIES = ("nav", "footer", "sidebar", "form", "header", "modal", "cookie", "newsletter", "promo",
            "share", "related", "comment", "meta", "caption", "+content", "+item", "+title")
WINDOW = 3

FEATURE_NAMES: tuple[str, ...] = (
    ("kept", "score", "own-score", "words", "sentence-end", "link-density", "stopwords", "title-case",
     "digits", "upper-case", "cue", "cue-prefix", "duplicate", "list-marker", "colon-end",
     "trafilatura-kept", "trafilatura-dropped", "json-ld", "article-page",
     "position", "near-end", "prev-kept", "next-kept", "window-kept", "prev-traf", "next-traf",
     "window-traf", "page-traf-share", "page-kept-share", "page-blocks", "path-depth",
     "same-path-blocks", "same-path-kept", "same-path-traf", "kept-before", "kept-after", "traf-before",
     "traf-after", "word-share")
    + tuple(f"rule:{r}" for r in RULE_IDS) + ("rule-other",)
    + tuple(f"tag:{g[0]}" for g in TAG_GROUPS)
    + tuple(f"in:{t}" for t in PATH_TAGS)
    + tuple(f"box:{f}" for f in FAMILIES)
)
_RULE_INDEX = {r: i for i, r in enumerate(RULE_IDS)}
_TAG_INDEX = {t: i for i, g in enumerate(TAG_GROUPS) for t in g}
_PATH_INDEX = {t: i for i, t in enumerate(PATH_TAGS)}
_FAM_INDEX = {f: i for i, f in enumerate(FAMILIES)}


def _clip(x: float, lo: float = -12.0, hi: float = 12.0) -> float:
    return lo if x < lo else hi if x > hi else x


def block_rows(
    blocks: tuple[Block, ...],
    features: tuple[Features, ...],
    final: list[Decision],
    scores: tuple[float, ...],
    own: tuple[float, ...],
) -> list[list[float]]:
    """The model's measurements (``FEATURE_NAMES``) for every block of one HTML page."""
    n = len(blocks)
    kept = [1.0 if d.label is Label.BODY else 0.0 for d in final]
    traf = [1.0 if b.dom is not None and b.dom.second_opinion else 0.0 for b in blocks]
    words = [f.words for f in features]
    total = sum(words) or 1
    page_traf = sum(w for w, t in zip(words, traf) if t) / total
    page_kept = sum(w for w, k in zip(words, kept) if k) / total
    page_blocks = math.log1p(n)
    n_rules, n_tags, n_path, n_fam = len(RULE_IDS) + 1, len(TAG_GROUPS), len(PATH_TAGS), len(FAMILIES)
    # blocks at the same tag path play the same part in the page's template (the tiles
    # of a grid, the posts of a thread, the links of a menu): how many, and how many of
    # them are kept so far / by trafilatura
    paths = [b.dom.path if b.dom is not None else "" for b in blocks]
    same_n: dict[str, int] = {}
    same_k: dict[str, float] = {}
    same_t: dict[str, float] = {}
    for p, k, t in zip(paths, kept, traf):
        same_n[p] = same_n.get(p, 0) + 1
        same_k[p] = same_k.get(p, 0.0) + k
        same_t[p] = same_t.get(p, 0.0) + t
    # where the block sits relative to the kept words (before all of them, between, after)
    kept_words = sum(w for w, k in zip(words, kept) if k) or 1
    traf_words = sum(w for w, t in zip(words, traf) if t) or 1
    kb = tb = 0.0
    rows: list[list[float]] = []
    for i, (b, f, d) in enumerate(zip(blocks, features, final)):
        dom = b.dom
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        span = hi - lo - 1 or 1
        so = dom.second_opinion if dom is not None else None
        path = dom.path.split(">") if dom is not None else []
        row = [
            kept[i], _clip(scores[i]), _clip(own[i]), math.log1p(f.words), 1.0 if f.terminal_punct else 0.0,
            dom.link_density if dom is not None else 0.0, f.stop_ratio, f.title_case_ratio, f.digit_ratio,
            f.upper_ratio, 0.0 if f.cue is None else 1.0, 0.0 if f.cue_prefix is None else 1.0,
            0.0 if f.duplicate_of is None else 1.0, 1.0 if f.list_marker else 0.0, 1.0 if f.colon_end else 0.0,
            1.0 if so is True else 0.0, 1.0 if so is False else 0.0,
            1.0 if dom is not None and dom.in_json_ld else 0.0,
            1.0 if dom is not None and dom.article_page else 0.0,
            i / n, 1.0 if i >= 0.8 * n else 0.0,
            kept[i - 1] if i else 0.0, kept[i + 1] if i + 1 < n else 0.0,
            (sum(kept[lo:hi]) - kept[i]) / span,
            traf[i - 1] if i else 0.0, traf[i + 1] if i + 1 < n else 0.0,
            (sum(traf[lo:hi]) - traf[i]) / span,
            page_traf, page_kept, page_blocks, float(len(path)),
            math.log(same_n[paths[i]]), same_k[paths[i]] / same_n[paths[i]], same_t[paths[i]] / same_n[paths[i]],
            kb / kept_words, 1.0 - (kb + kept[i] * words[i]) / kept_words,
            tb / traf_words, 1.0 - (tb + traf[i] * words[i]) / traf_words, words[i] / total,
        ]
        kb += kept[i] * words[i]
        tb += traf[i] * words[i]
        onehot = [0.0] * (n_rules + n_tags + n_path + n_fam)
        onehot[_RULE_INDEX.get(d.rule, n_rules - 1)] = 1.0
        if dom is not None:
            t = _TAG_INDEX.get(dom.tag)
            if t is not None:
                onehot[n_rules + t] = 1.0
            for tag in path:
                p = _PATH_INDEX.get(tag)
                if p is not None:
                    onehot[n_rules + n_tags + p] = 1.0
            for h in dom.hints:
                k = _FAM_INDEX.get(h)
                if k is not None:
                    onehot[n_rules + n_tags + n_path + k] = 1.0
        row.extend(onehot)
        rows.append(row)
    return rows


class BlockModel(TreeModel):
    """The HTML block model's trees (``_trees.TreeModel`` over ``FEATURE_NAMES``)."""

    FEATURES = FEATURE_NAMES
    NAME = "block model"


def model_from_json(data: dict) -> BlockModel:
    return _model_from_json(BlockModel, data)


@lru_cache(maxsize=1)
def default_block_model() -> BlockModel | None:
    """The shipped model (``cleanwire/data/block_model.json``), None when absent."""
    return shipped(BlockModel, "block_model.json")


def applies(blocks: tuple[Block, ...]) -> bool:
    """The model decides on HTML pages that do not declare an article and that the
    second opinion judged: on declared articles the body region and the second opinion
    already agree closely (AEB), and the model is trained on the pages it runs on (its
    evidence includes trafilatura's verdicts; without them it would guess)."""
    if not blocks or blocks[0].dom is None or blocks[0].dom.article_page:
        return False
    return any(b.dom is not None and b.dom.second_opinion is not None for b in blocks)


def model_leaves(block: Block, decision: Decision) -> bool:
    """Whether the model leaves this block as it is: a fixed rule, a caption or meta box
    (``NOT_TO_BODY``), or a heading dropped with its related-content box. Such a heading
    ("More on this topic") reads like a section heading of the text, and trees retrained in
    the seventh session took some back; the box's own words say what it is."""
    rule = decision.rule
    if rule in FIXED_RULES or rule in NOT_TO_BODY:
        return True
    dom = block.dom
    return (rule == "dom-boilerplate" and decision.label is not Label.BODY and dom is not None
            and dom.tag in HEADING_TAGS and "related" in dom.hints)


# The model leaves in the page's longest kept paragraph of this many words or more (one
# that ends like a sentence): a one-paragraph article under a long category menu went
# from P 0.28 to nothing in a cross-validation fold (AEB held out F1 0.965 -> 0.968 with
# this, 20 or 40 words alike; WCXB-dev 0.8708 -> 0.8707). As with not emptying a page,
# the model refines the body the rules found; it does not take away its core.
ANCHOR_WORDS = 40


def anchor_paragraph(features: tuple[Features, ...], final: list[Decision]) -> int | None:
    """The index of the longest kept block of ``ANCHOR_WORDS``+ words that ends like a
    sentence, None when there is none."""
    best, most = None, ANCHOR_WORDS - 1
    for i, (f, d) in enumerate(zip(features, final)):
        if f.words > most and f.terminal_punct and d.label is Label.BODY:
            best, most = i, f.words
    return best


def block_model_pass(
    blocks: tuple[Block, ...],
    features: tuple[Features, ...],
    final: list[Decision],
    scores: tuple[float, ...],
    own: tuple[float, ...],
    disabled: frozenset[str],
    model: BlockModel | None = None,
) -> list[Decision]:
    """Relabel the blocks whose model logit is clearly on the other side of the
    threshold from their decision so far (``margin`` logits past it)."""
    if "block-model" in disabled or not applies(blocks):
        return final
    m = model or default_block_model()
    if m is None:
        return final
    rows = block_rows(blocks, features, final, scores, own)
    logit = m.logit
    out = list(final)
    anchor = anchor_paragraph(features, final)
    for i, (row, d) in enumerate(zip(rows, final)):
        if i == anchor or model_leaves(blocks[i], d):
            continue
        z = logit(row)
        body = d.label is Label.BODY
        if not (z < m.threshold - m.margin if body else z > m.threshold + m.margin):
            continue
        _, top = predict(row, m)  # the evidence, for the few blocks it relabels
        ev = ", ".join(f"{k} {v:+.2f}" for k, v in top)
        what = "chrome" if body else "content"
        out[i] = Decision(Label.CHROME if body else Label.BODY, "block-model",
                          f"the block model says {what} (logit {z:+.1f}: {ev}; was {d.rule})", d.evidence)
    if any(d.label is Label.BODY for d in final) and not any(d.label is Label.BODY for d in out):
        return final  # it does not empty a page (a fragment of one paragraph): too little to judge
    return out
