"""DOM-evidence rules (HTML mode) and the DOM contributions to a block's score.

The rule tests have the same signature as the text rules and are registered in
``_rules.BLOCK_RULES``; in text mode ``block.dom`` is None and they never fire. One
registry, one explanation format for both inputs.
"""

from __future__ import annotations

from ._features import tokens_of
from ._lexicon import Lexicon, normalize
from ._second_opinion import normalize_words
from ._types import Block, Decision, Features, Label

# Hint families that mark a box of page chrome wherever it sits.
BOILERPLATE_FAMILIES = ("nav", "footer", "sidebar", "form", "header", "modal", "cookie",
                        "newsletter", "promo", "share", "related")
# A block this link-heavy is a menu, a teaser or a tag list (AEB and WCXB pages: prose
# paragraphs with inline links stay under 0.3; menu items and teaser headlines are 1.0).
LINK_DENSE = 0.6
# ...unless it reads as a sentence this long (a paragraph that is one long link).
LINK_DENSE_PROSE_WORDS = 25


def _families(b: Block) -> tuple[str, ...]:
    return b.dom.hints if b.dom is not None else ()


def first_family(b: Block, wanted: tuple[str, ...]) -> str | None:
    """The innermost hint family of ``b`` among ``wanted``."""
    return next((f for f in _families(b) if f in wanted), None)


def is_json_ld_body(b: Block, f: Features, lex: Lexicon) -> bool:
    return b.dom is not None and b.dom.in_json_ld


def is_dom_title(b: Block, f: Features, lex: Lexicon) -> bool:
    return "+title" in _families(b)


def is_hidden(b: Block, f: Features, lex: Lexicon) -> bool:
    return "hidden" in _families(b)


def is_boilerplate(b: Block, f: Features, lex: Lexicon) -> bool | str:
    fam = first_family(b, BOILERPLATE_FAMILIES)
    return f"'{fam}' box" if fam else False


def is_comment(b: Block, f: Features, lex: Lexicon) -> bool:
    return "comment" in _families(b)


def is_reviews(b: Block, f: Features, lex: Lexicon) -> bool:
    """Inside a customer-review box on a page that does not declare an article: a shop
    page's reviews, ratings and review prompts are not the product's description (an
    article's "review" box is the review itself: content)."""
    d = b.dom
    return d is not None and not d.article_page and "review" in d.hints


def is_meta(b: Block, f: Features, lex: Lexicon) -> bool:
    return "meta" in _families(b)


def is_dom_caption(b: Block, f: Features, lex: Lexicon) -> bool:
    return "caption" in _families(b)


def is_link_dense(b: Block, f: Features, lex: Lexicon) -> bool:
    d = b.dom
    if d is None or d.link_density < LINK_DENSE:
        return False
    if d.second_opinion:
        return False  # a list of links the second opinion kept: a listing's items, a reading list
    return not (f.terminal_punct and f.words >= LINK_DENSE_PROSE_WORDS)


# Scorer contributions from the DOM, in logit units (the text scorer's scale: about
# -10..+10). The second opinion is strong evidence: a shift that moves a borderline
# block (|logit| < SECOND_LOGIT) to its side, while rules (pass 1) and the body region
# (pass 2) still overrule it. A content container is a weaker hint. Link density is
# left to the link-dense rule: a logit term for it (-3 or -1.5 x density) gained
# 0.002 AEB F1 but cost WCXB dev 0.004 (listings 0.516 -> 0.478: their items are links).
# AEB HTML, all 181 pages, F1 by SECOND_LOGIT: 2 -> 0.969, 3 -> 0.972, 4 -> 0.971,
# 6 -> 0.967, 8 -> 0.967 (with a link term).
SECOND_LOGIT = 3.0
CONTENT_CONTAINER = 0.5


def dom_evidence(b: Block, f: Features) -> tuple[tuple[str, float], ...]:
    """Named score contributions of a block's DOM evidence (empty in text mode)."""
    d = b.dom
    if d is None:
        return ()
    ev: list[tuple[str, float]] = []
    if d.second_opinion is not None:
        weight = SECOND_LOGIT
        if d.second_opinion:
            ev.append(("second-opinion-kept", weight))
        else:
            ev.append(("second-opinion-dropped", -weight))
    if "+content" in d.hints:
        ev.append(("content-container", CONTENT_CONTAINER))
    return tuple(ev)


# Pass 2 in HTML mode, after the shared context pass: the body region is one run of
# blocks, but inside it a block the second opinion dropped, whose own text evidence does
# not outweigh that (score < 0), is chrome: an inline caption, a "Story continues below"
# line, a gallery counter. Not on a declared article: there it fired on no AEB page, and
# on WCXB-dev it dropped 4,617 gold tokens for 2,825 of chrome (the article's own section
# headings, short paragraphs and tables; WCXB-dev declared pages +1.3 page-units
# without it, AEB unchanged, see docs/html.md). Outside the region, on a page that does not declare itself
# an article, a block the second opinion kept with a clearly positive score is body:
# service pages, docs and forums spread their content over several sections. (On
# declared articles this lowered AEB F1 from 0.967 to 0.966: there the region is the
# better judge; on WCXB dev it raised F1 from 0.808 to 0.815, services 0.65 -> 0.68.)
# The score floor was +6 (the old +10 on the hand scorer's per-word scale); a block it
# kept needs only not to read clearly as chrome: listings, shops and forums are made of
# short lines that score low on their own. WCXB dev F1 0.812 -> 0.822 (listing 0.52 ->
# 0.56, collection 0.55 -> 0.59); AEB 0.970 -> 0.969 (its few undeclared pages).
KEEP_OUTSIDE_SCORE = -2.0
def second_opinion_pass(
    blocks: tuple[Block, ...], final: list[Decision], scores: tuple[float, ...], disabled: frozenset[str]
) -> list[Decision]:
    """Pass 2 in HTML mode, on a page that does not declare an article: where
    trafilatura's verdict overrules the region. A block inside the body region that it
    dropped and that scores below zero is chrome; a block outside the region that it
    kept and that scores at least ``KEEP_OUTSIDE_SCORE`` is body."""
    if "second-opinion" in disabled:
        return final
    out = list(final)
    for i, (b, d) in enumerate(zip(blocks, final)):
        so = b.dom.second_opinion if b.dom is not None else None
        if so is False and d.rule == "body" and scores[i] < 0 and not b.dom.article_page:  # type: ignore[union-attr]
            out[i] = Decision(Label.CHROME, "second-opinion", f"inside the body region, but the second opinion dropped it (score {scores[i]:+.1f})", d.evidence)
        elif so is True and d.rule == "outside-body" and scores[i] >= KEEP_OUTSIDE_SCORE and not b.dom.article_page:  # type: ignore[union-attr]
            out[i] = Decision(Label.BODY, "second-opinion", f"outside the body region, but the second opinion kept it (score {scores[i]:+.1f})", d.evidence)
    return out




# Pass 2 in HTML mode, last: the box of the page's prose. An article's prose sits in one
# DOM container; the innermost container (div, section, article, li...) holding
# ARTICLE_BOX_SHARE of the words of the kept prose blocks (at least ARTICLE_PROSE_WORDS
# words, ending a sentence) is the article's box, and a kept block after its last block
# belongs to the page, not the article: teaser cards, an author's box, the site's
# pitch, a sign-up box that the body region ran on into. Only with ARTICLE_BOX_MIN_WORDS
# of such prose: a listing that declares an article has one intro paragraph, and its
# items come after it. On a page that does not declare an article, an item of the
# page's repeated structure ("+item", listing-item) stays: there the items after a
# featured box of teasers are the listing. Last in pass 2, after the block model, so
# the model's inputs are the same with or without it. Measured on AEB and WCXB-dev (see
# docs/html.md): declared articles only, WCXB 0.862 -> 0.863 (article 0.944 -> 0.946),
# AEB P 0.955 -> 0.958; every page, 0.863 -> 0.864 (article 0.947), no page type lower
# than with declared articles only.
ARTICLE_PROSE_WORDS = 8
ARTICLE_BOX_SHARE = 0.8
ARTICLE_BOX_MIN_WORDS = 200


def article_box_pass(
    blocks: tuple[Block, ...], features: tuple[Features, ...], final: list[Decision], disabled: frozenset[str]
) -> list[Decision]:
    """Pass 2 in HTML mode, last: kept blocks after the innermost DOM container that
    holds most of the kept prose are chrome (on a page that does not declare an
    article, not the items of its repeated structure)."""
    if "outside-article" in disabled or not blocks or blocks[0].dom is None:
        return final
    weight: dict[int, int] = {}
    total = 0
    for b, f, d in zip(blocks, features, final):
        if d.label is Label.BODY and f.words >= ARTICLE_PROSE_WORDS and f.terminal_punct:
            total += f.words
            for n in b.dom.boxes:  # type: ignore[union-attr]
                weight[n] = weight.get(n, 0) + f.words
    if total < ARTICLE_BOX_MIN_WORDS:
        return final
    boxes = [n for n, w in weight.items() if w >= ARTICLE_BOX_SHARE * total]
    if not boxes:
        return final
    box = max(boxes)  # the boxes holding that much are nested: the innermost has the largest id
    last = max(i for i, b in enumerate(blocks) if box in b.dom.boxes)  # type: ignore[union-attr]
    out = list(final)
    for i in range(last + 1, len(blocks)):
        d = final[i]
        dom = blocks[i].dom
        if d.label is Label.BODY and d.rule != "json-ld-body" and (dom.article_page or "+item" not in dom.hints):  # type: ignore[union-attr]
            out[i] = Decision(Label.CHROME, "outside-article", f"after the box that holds the page's prose (ends at block {last})", d.evidence)
    return out


# Decisions an item of the page's repeated structure overrides (on pages that do not
# declare an article): the soft ones - link density, region, scores, short-line
# patterns. Not boxes of chrome, hidden text, comment sections or widget cues.
ITEM_KEEPS_NOT = frozenset(("dom-boilerplate", "dom-hidden", "dom-comments", "dom-reviews", "footer", "login-prompt",
                            "share-widget", "comment-form", "punctuation-only", "site-verification",
                            "after-comments"))


def listing_pass(blocks: tuple[Block, ...], final: list[Decision], disabled: frozenset[str]) -> list[Decision]:
    """Pass 2 in HTML mode: on a page that does not declare an article, the blocks of
    the repeated structure that holds its content (hint ``"+item"``, see
    ``_dom_blocks.listing_items``) are body: a listing's titles, prices and dates are
    short link lines that every other test calls chrome."""
    if "listing-item" in disabled:
        return final
    out = list(final)
    for i, (b, d) in enumerate(zip(blocks, final)):
        dom = b.dom
        if (dom is not None and not dom.article_page and "+item" in dom.hints and d.label is not Label.BODY
                and d.rule not in ITEM_KEEPS_NOT):
            out[i] = Decision(Label.BODY, "listing-item", f"an item of the page's repeated structure (was {d.rule})", d.evidence)
    return out


# A page with this many blocks inside <pre>/<code> carries code samples (documentation):
# there the same line, tab label or step legitimately comes back ("js", "Example").
CODE_PAGE_BLOCKS = 3
_CODE_TAGS = frozenset(("pre", "code"))


def duplicate_pass(blocks: tuple[Block, ...], final: list[Decision], disabled: frozenset[str]) -> list[Decision]:
    """Pass 2 in HTML mode, last: on a page that does not declare an article and has no
    code samples, a kept block whose text repeats an earlier kept block is a second
    copy of the same content (a shop's mobile and desktop layouts, a carousel cloned to
    loop), not more content. WCXB dev: product F1 0.614 -> 0.631, forum 0.714 -> 0.739."""
    if "duplicate-block" in disabled or not blocks or blocks[0].dom is None or blocks[0].dom.article_page:
        return final
    if sum(1 for b in blocks if b.dom is not None and _CODE_TAGS.intersection(b.dom.path.split(">"))) >= CODE_PAGE_BLOCKS:
        return final
    out = list(final)
    seen: dict[str, int] = {}
    for i, (b, d) in enumerate(zip(blocks, final)):
        if d.label is not Label.BODY:
            continue
        if b.dom is not None and "tr" in b.dom.path.split(">"):
            continue  # a table row repeating another ("Yes Yes Yes") is data, not a second layout
        key = normalize_words(b.text)
        if key in seen:
            out[i] = Decision(Label.CHROME, "duplicate-block", f"repeats block {seen[key]}", d.evidence)
        else:
            seen[key] = i
    return out


# Rules that decide from the DOM alone (not from the block's text), by id.
BOX_RULES = (("dom-hidden", is_hidden), ("dom-caption", is_dom_caption),
             ("dom-boilerplate", is_boilerplate), ("dom-comments", is_comment), ("dom-reviews", is_reviews),
             ("dom-meta", is_meta))


# The hint families on which one of BOX_RULES fires (with none of them disabled).
_BOX_FAMILIES = frozenset(("hidden", "caption", "comment", "meta") + BOILERPLATE_FAMILIES)
_BOX_RULE_IDS = frozenset(rid for rid, _ in BOX_RULES)


def decided_by_box(b: Block, disabled: frozenset[str]) -> bool:
    """Whether a DOM box rule will decide ``b`` whatever its text says.

    Such blocks (menus, footers, sidebars: most blocks of a page) get light features
    (``box_features``): their text features could not change their label, and computing
    them was a fifth of the HTML run time.
    """
    if b.dom is None or (b.dom.in_json_ld and "json-ld-body" not in disabled):
        return False
    if _BOX_RULE_IDS.isdisjoint(disabled):  # the usual case: one set test, not six rules
        return not _BOX_FAMILIES.isdisjoint(b.dom.hints) or is_reviews(b, None, None)  # type: ignore[arg-type]  # its page condition is no family
    return any(rid not in disabled and test(b, None, None) for rid, test in BOX_RULES)  # type: ignore[arg-type]


def box_features(b: Block) -> Features:
    """Word count and sentence end only, for a block a box rule decides."""
    words = len(tokens_of(b.text))
    return Features(
        words=words, chars=len(b.text), stop_ratio=0.0,
        terminal_punct=b.text.rstrip("\"'”’»)]").endswith((".", "!", "?", "。", "！", "？", "…")),
        ellipsis_end=False, title_case_ratio=0.0, digit_ratio=0.0,
        cue=None, cue_prefix=None, duplicate_of=None,
    )


# Heading tags by level, for the sections a heading opens.
_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def _shop_section_heading(text: str, phrases: frozenset[str]) -> bool:
    """The heading names a shop section: a phrase, alone or followed by more words
    ("Customer reviews", "Reviews for this item (76)")."""
    norm = normalize(text)
    return norm in phrases or any(norm.startswith(p + " ") for p in phrases)


def shop_section_pass(blocks: tuple[Block, ...], final: list[Decision], disabled: frozenset[str],
                      lex: Lexicon) -> list[Decision]:
    """Pass 2 in HTML mode, after the block model: on a page that declares one product
    (and not an article), a heading that names a shop section (cue family
    ``shop_section`` per language: "Customer reviews", "Frequently bought together",
    "Similar items", "Seller feedback", "Recently viewed") opens a section of chrome
    that runs to the next heading of the same or a higher level. It never empties a page."""
    if "shop-section" in disabled or not blocks or blocks[0].dom is None:
        return final
    d0 = blocks[0].dom
    if not d0.product_page or d0.article_page:
        return final
    phrases = frozenset(lex.labels.get("shop_section", ()))
    if not phrases:
        return final
    out = list(final)
    level = 0
    start = -1
    for i, (b, d) in enumerate(zip(blocks, final)):
        lv = _HEADING_LEVEL.get(b.dom.tag, 0) if b.dom is not None else 0
        if lv:
            if level and lv <= level:
                level = 0
            if not level and _shop_section_heading(b.text, phrases):
                level, start = lv, i
        if level and d.label is Label.BODY:
            out[i] = Decision(Label.CHROME, "shop-section", f"under the shop section heading in block {start}", d.evidence)
    if not any(d.label is Label.BODY for d in out):
        return final
    return out
