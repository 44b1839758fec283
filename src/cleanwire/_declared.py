"""Pass 2 in HTML mode, pages that declare an article: the structure such a page keeps
for its content and the region pass does not see.

On a declared article the body region and the second opinion decide (the block model
stays off there), and both read one block at a time: a section heading scores low on its
own, a table's rows of links read as a menu, a thread's replies as a comment list. The
rules here read the page's structure instead.

- ``section-heading`` (``section_heading_pass``): an ``h2``-``h6`` heading dropped as
  low-scoring inside the body region (or just above it), directly above a kept block,
  heads a section of the article; ``article-list`` (``article_list_pass``): a list item
  dropped as low-scoring inside the body region is one of the article's bullet points.
- ``table-rows`` and ``thread-post`` (``declared_structure_pass``, last in pass 2): the
  rows of a long table dropped as links or dates, and the posts of a thread laid out as
  repeated sibling boxes that each carry a post's date, are the page's content.

Measured on AEB and WCXB-dev, figures in docs/html.md ("Declared articles").
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from ._lexicon import Lexicon, normalize
from ._types import SUBHEADING_TAGS, Block, Decision, Features, Label

# The decisions a section heading is taken back from: scored low inside the region, or
# just outside it above its first kept block. Not a cue rule ("Related", "Comments"):
# those name the page's chrome sections.
SECTION_HEADING_FROM = frozenset(("low-score", "outside-body"))
# A heading is a line, not a paragraph.
SECTION_HEADING_MAX_WORDS = 20


def _declared(blocks: tuple[Block, ...]) -> bool:
    return bool(blocks) and blocks[0].dom is not None and blocks[0].dom.article_page


def section_heading_pass(blocks: tuple[Block, ...], features: tuple[Features, ...], final: list[Decision],
                         disabled: frozenset[str]) -> list[Decision]:
    """On a declared article, an ``h2``-``h6`` heading the region dropped as low-scoring
    (or left just outside above it) that stands directly above a kept block is the
    heading of that section: body."""
    if "section-heading" in disabled or not _declared(blocks):
        return final
    out = list(final)
    kept = [d.label is Label.BODY for d in final]
    if not any(kept):
        return final
    first = kept.index(True)
    # from the end, so that a heading above a subheading taken back counts too (h2, h3, p)
    for i in range(len(blocks) - 2, -1, -1):
        d = final[i]
        if d.rule not in SECTION_HEADING_FROM or not kept[i + 1] or final[i + 1].rule == "title":
            continue
        dom = blocks[i].dom
        if dom is None or dom.tag not in SUBHEADING_TAGS or features[i].words > SECTION_HEADING_MAX_WORDS:
            continue
        if d.rule == "outside-body" and i + 1 != first:
            continue  # outside the region only as the heading of its first section
        out[i] = Decision(Label.BODY, "section-heading", f"an <{dom.tag}> heading above the kept block {i + 1} (was {d.rule})",
                          d.evidence)
        kept[i] = True
    return out


# --- article-list -------------------------------------------------------------------
# Block tags whose "low-score" inside the body region of a declared article is taken
# back: an article's bullet points are short and unlike prose on their own, but the
# region holds them. (Main fe84c50, declared pages: "li" blocks dropped as low-score
# 2,437 gold tokens to 364, AEB 16 on one page.)
ARTICLE_LIST_TAGS = frozenset(("li",))


def article_list_pass(blocks: tuple[Block, ...], final: list[Decision], disabled: frozenset[str]) -> list[Decision]:
    """On a declared article, a list item dropped as low-scoring inside the body region
    is body."""
    if "article-list" in disabled or not _declared(blocks):
        return final
    out = list(final)
    for i, (b, d) in enumerate(zip(blocks, final)):
        if d.rule == "low-score" and b.dom.tag in ARTICLE_LIST_TAGS:  # type: ignore[union-attr]
            out[i] = Decision(Label.BODY, "article-list", f"a list item inside the body region of a declared article (was {d.rule})",
                              d.evidence)
    return out


# --- table-rows ---------------------------------------------------------------------
# A table of at least TABLE_MIN_ROWS rows on a declared article is one of its records (a
# list of episodes, fixtures, downloads, a comparison), not a menu, even where most of a
# row is link text.
TABLE_MIN_ROWS = 5
# The decisions a row is taken back from: a row of links, a row that is a date (a
# fixtures list, a timetable); and, in a table of which at least TABLE_KEPT_SHARE of the
# rows are kept, a row scored low on its own (its cells are figures and names).
TABLE_TAKES = frozenset(("link-dense", "dateline"))
TABLE_TAKES_KEPT = frozenset(("low-score",))
TABLE_KEPT_SHARE = 0.5

# --- thread-post --------------------------------------------------------------------
# A thread is a group of at least THREAD_MIN_POSTS sibling boxes of which at least
# THREAD_DATED_SHARE carry a post's date (a date line, a byline, "2 hours ago") and
# THREAD_PROSE_WORDS words of prose, holding at least THREAD_BODY_SHARE times the words
# kept outside it: the posts are then the page's content. A news article's comment
# section holds less than the article above it and stays chrome. (The first version,
# without the teaser-grid and comment-box tests below and with 2 dated boxes enough,
# took "More from ..." teaser grids under five AEB articles, 1.0 -> 0.52 on one, and
# long articles cut into three dated sections; with them AEB is unchanged.)
THREAD_MIN_POSTS = 3
THREAD_DATED_SHARE = 0.5
THREAD_PROSE_WORDS = 8
THREAD_BODY_SHARE = 1.0
# Rules a post's block is taken back from: the soft ones (region, scores, the second
# opinion, link density, the article's box, a comment box the thread is made of). Not
# hidden text, menus, forms or widget cues.
THREAD_TAKES = frozenset(("outside-body", "low-score", "second-opinion", "link-dense", "outside-article",
                          "dom-comments", "after-comments", "comment-section", "comment-header", "related-list"))
# A heading with this share of link text is a teaser's headline: a group of boxes with
# such headings is a grid of teasers (related stories under an article), not a thread.
LINKED_HEADING = 0.5
# The furniture that dates a post.
DATE_RULES = frozenset(("dateline", "byline", "comment-header"))


@lru_cache(maxsize=16)
def _time_ago_re(lex: Lexicon) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The cue family ``time_ago`` ("0 hours ago", "vor 0 tagen", "il y a 0 jours"): a
    relative post time, "0" standing for any number: digits or one of the cue family
    ``number_words`` ("an hour ago", "one day ago"). Returned with a necessary condition
    for a match (``is_time_ago`` tries that first): some 200 alternatives in all cue
    files cost ~12 us a line to search, the condition under 1 us, and most lines fail it.
    Every match holds its number - digits or a number word - followed by one of the
    characters that follow the "0" of the alternatives (or a word's end)."""
    alts = sorted(lex.labels.get("time_ago", ()), key=len, reverse=True)
    if not alts:
        never = regex.compile(r"(?!)")
        return never, never
    words = lex.alternation("number_words")
    number = rf"(?:\d+|{words})" if words else r"\d+"
    pat = "|".join(regex.escape(a).replace("0", number) for a in alts)
    befores = {a[a.index("0") - 1] if a.index("0") else "" for a in alts}
    afters = {a[a.index("0") + 1] if a.index("0") + 1 < len(a) else "" for a in alts}
    # a number word starts a word unless some alternative glues it to a letter before it
    start = r"(?<!\w)" if not any(regex.match(r"\w", c) for c in befores) else ""
    ends = ([f"(?=[{regex.escape(''.join(sorted(afters - {''})))}])"] if afters - {""} else []) + (
        [r"(?!\w)"] if "" in afters else [])
    maybe = f"(?:\\d|{start}(?:{words}))(?:{'|'.join(ends)})" if words else f"\\d(?:{'|'.join(ends)})"
    return regex.compile(maybe), regex.compile(rf"(?<!\w)(?:{pat})(?!\w)")


# A line holding a relative time is at most this many words (a post's header line).
TIME_AGO_MAX_WORDS = 12


def is_time_ago(text: str, lex: Lexicon, words: int) -> bool:
    """A short line holding a relative post time ("2 hours ago", "vor 3 Tagen")."""
    if words > TIME_AGO_MAX_WORDS:
        return False
    maybe, full = _time_ago_re(lex)
    t = normalize(text)
    return maybe.search(t) is not None and full.search(t) is not None


def _linked_heading(b: Block) -> bool:
    """A heading that is mostly a link: a teaser's headline, not a post's."""
    dom = b.dom
    return dom is not None and dom.tag in SUBHEADING_TAGS and dom.link_density >= LINKED_HEADING


def _groups(blocks: tuple[Block, ...], min_boxes: int) -> dict[int, dict[int, list[int]]]:
    """group id -> box id -> the blocks in that box, for the groups of at least
    ``min_boxes`` boxes (in the order of their first block)."""
    # Most groups have one or two boxes: count boxes over the distinct (group, box)
    # pairs first (a block's ancestors repeat its neighbours'), then list members only
    # for the groups that can be a table or a thread.
    pairs: set[tuple[int, int]] = set()
    for b in blocks:
        pairs.update(zip(b.dom.box_groups, b.dom.boxes))  # type: ignore[union-attr]
    n_boxes = Counter(g for g, _ in pairs)
    wanted = {g for g, n in n_boxes.items() if n >= min_boxes}
    out: dict[int, dict[int, list[int]]] = {}
    for i, b in enumerate(blocks):
        dom = b.dom
        for g, box in zip(dom.box_groups, dom.boxes):  # type: ignore[union-attr]
            if g in wanted:
                out.setdefault(g, {}).setdefault(box, []).append(i)
    return out


def _table_rows(blocks: tuple[Block, ...], final: list[Decision], out: list[Decision],
                groups: dict[int, dict[int, list[int]]]) -> None:
    rows_of: dict[int, list[int]] = {}  # a table's row group -> its row blocks
    for i, b in enumerate(blocks):
        dom = b.dom
        if dom.tag == "tr" and dom.box_groups and len(groups.get(dom.box_groups[0], ())) >= TABLE_MIN_ROWS:  # type: ignore[union-attr]
            rows_of.setdefault(dom.box_groups[0], []).append(i)  # type: ignore[union-attr]
    for g, rows in rows_of.items():
        n = len(groups[g])
        kept = sum(final[i].label is Label.BODY for i in rows)
        takes = TABLE_TAKES | (TABLE_TAKES_KEPT if kept >= TABLE_KEPT_SHARE * len(rows) else frozenset())
        for i in rows:
            d = final[i]
            if d.rule in takes:
                out[i] = Decision(Label.BODY, "table-rows", f"a row of a table of {n} rows on a declared article (was {d.rule})",
                                  d.evidence)


def _thread(blocks: tuple[Block, ...], features: tuple[Features, ...], final: list[Decision], out: list[Decision],
            groups: dict[int, dict[int, list[int]]], lex: Lexicon) -> None:
    dated_memo: dict[int, bool] = {}  # a block sits in several groups (one per box level)

    def dated(i: int) -> bool:
        x = dated_memo.get(i)
        if x is None:
            x = dated_memo[i] = final[i].rule in DATE_RULES or is_time_ago(blocks[i].text, lex, features[i].words)
        return x

    words = [f.words for f in features]
    best: tuple[int, int] | None = None  # (prose words, group)
    for g, boxes in groups.items():
        if len(boxes) < THREAD_MIN_POSTS:
            continue
        prose = sum(words[i] for members in boxes.values() for i in members if words[i] >= THREAD_PROSE_WORDS)
        if not prose or (best is not None and prose <= best[0]):
            continue  # the other tests, dates last (the costliest), only for a group that could be the thread
        headed = sum(any(_linked_heading(blocks[i]) for i in members) for members in boxes.values())
        commented = sum(any("comment" in blocks[i].dom.hints for i in members) for members in boxes.values())  # type: ignore[union-attr]
        if headed >= THREAD_DATED_SHARE * len(boxes) or commented >= THREAD_DATED_SHARE * len(boxes):
            continue  # a grid of teasers under linked headlines; a section the page names its comments
        n_dated = sum(any(dated(i) for i in members) for members in boxes.values())
        if n_dated < max(THREAD_MIN_POSTS, THREAD_DATED_SHARE * len(boxes)):
            continue
        if best is None or prose > best[0]:
            best = (prose, g)
    if best is None:
        return
    g = best[1]
    members = sorted({i for m in groups[g].values() for i in m})
    inside = set(members)
    outside = sum(f.words for k, (f, d) in enumerate(zip(features, final)) if d.label is Label.BODY and k not in inside)
    if best[0] < THREAD_BODY_SHARE * outside:
        return
    n = len(groups[g])
    for i in members:
        d = out[i]
        if d.label is not Label.BODY and d.rule in THREAD_TAKES:
            out[i] = Decision(Label.BODY, "thread-post", f"a post of a thread of {n} dated boxes, the page's content (was {d.rule})",
                              d.evidence)


def declared_structure_pass(blocks: tuple[Block, ...], features: tuple[Features, ...], final: list[Decision],
                            disabled: frozenset[str], lex: Lexicon) -> list[Decision]:
    """Pass 2 in HTML mode, last, on declared articles: the rows of a long table
    (``table-rows``) and the posts of a thread (``thread-post``) are content."""
    if not _declared(blocks) or {"table-rows", "thread-post"} <= disabled:
        return final
    out = list(final)
    groups = _groups(blocks, min(TABLE_MIN_ROWS, THREAD_MIN_POSTS))
    if "table-rows" not in disabled:
        _table_rows(blocks, final, out, groups)
    if "thread-post" not in disabled:
        _thread(blocks, features, final, out, groups, lex)
    return out
