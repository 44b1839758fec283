"""HTML mode: every DOM rule on HTML written for it, charsets, forums, the second opinion."""

from __future__ import annotations

import codecs
import json
import random

import pytest

import cleanwire
import cleanwire._features
import cleanwire._html
import cleanwire._lexicon
from cleanwire._block_model import (ANCHOR_WORDS, FEATURE_NAMES, BlockModel, anchor_paragraph, block_model_pass,
                                    default_block_model, model_leaves, predict)
from cleanwire._dom_hints import attr_families
from cleanwire._dom_rules import second_opinion_pass
from cleanwire._types import Block, Decision, DomHints, Label
from conftest import FIXTURES

PROSE: list[str] = json.loads((FIXTURES / "rule_cases.json").read_text(encoding="utf-8"))["prose"]
CASES = json.loads((FIXTURES / "html_rule_cases.json").read_text(encoding="utf-8"))["cases"]
HTML_RULES = {"dom-title", "json-ld-body", "dom-hidden", "dom-caption", "dom-boilerplate", "dom-comments",
              "dom-meta", "link-dense", "second-opinion", "listing-item", "duplicate-block", "block-model",
              "dom-reviews", "shop-section", "outside-article", "section-heading", "article-list", "table-rows", "thread-post"}


def build_page(case: dict) -> str:
    p = [f"<p>{t}</p>" for t in PROSE]
    return ("<!doctype html><html><head>" + case.get("head", "<title>Night buses</title>") + "</head><body>"
            + case.get("before", "") + "<article><h1>Night buses reach the suburbs</h1>"
            + p[0] + p[1] + case.get("between", "") + p[2] + "</article>"
            + case.get("after", "") + "</body></html>")


def _id(case: dict) -> str:
    return case["rule"] + ":" + next(iter(case["expect"]))[:40]


# Each case runs alone and with the second opinion, except cases marked "alone" (the
# fixture's comment says why), which only make sense without it.
RUNS = [(c, second) for c in CASES for second in (False, True) if not (second and c.get("alone"))]


@pytest.mark.parametrize(("case", "second"), RUNS,
                         ids=[_id(c) + (":second-opinion" if s else ":alone") for c, s in RUNS])
def test_html_rule_case(case: dict, second: bool) -> None:
    doc = cleanwire.extract_html(build_page(case), second_opinion=second)
    by_text = {}
    for lb in doc.blocks:
        by_text.setdefault(lb.text, lb.rule)
    for text, rule in case["expect"].items():
        assert by_text.get(text) == rule, (text, by_text.get(text))
    for rule, n in case.get("count", {}).items():
        assert sum(lb.rule == rule for lb in doc.blocks) == n, (rule, n)
    for p in PROSE:
        assert p in doc.body


def test_every_html_rule_has_a_case() -> None:
    # the last two: test_second_opinion_pass, test_block_model_pass; the declared-article
    # structure rules: tests/test_declared_structure.py
    covered = {c["rule"] for c in CASES} | {"second-opinion", "block-model", "section-heading", "article-list", "table-rows", "thread-post"}
    assert HTML_RULES <= covered
    assert HTML_RULES <= set(cleanwire.rules())


def _block(i: int, text: str, kept: bool | None) -> Block:
    return Block(index=i, text=text, start=0, end=len(text), dom=DomHints(tag="p", second_opinion=kept))


def test_second_opinion_pass() -> None:
    blocks = (_block(0, "a caption line", False), _block(1, "a paragraph", True), _block(2, "kept", None))
    body = Decision(Label.BODY, "body", "inside")
    out = second_opinion_pass(blocks, [body, body, body], (-5.0, 30.0, -5.0), frozenset())
    assert [d.rule for d in out] == ["second-opinion", "body", "body"]
    assert out[0].label is Label.CHROME
    # a positive score (strong text evidence) outweighs the dropped verdict
    assert second_opinion_pass(blocks, [body] * 3, (5.0, 30.0, -5.0), frozenset())[0].rule == "body"
    assert second_opinion_pass(blocks, [body] * 3, (-5.0, 30.0, -5.0), frozenset({"second-opinion"}))[0].rule == "body"
    # on a declared article the region decides inside it too: the page's own sections
    # (headings, short paragraphs, tables) are what trafilatura drops there
    declared = (Block(index=0, text="a caption line", start=0, end=14,
                      dom=DomHints(tag="p", second_opinion=False, article_page=True)),)
    assert second_opinion_pass(declared, [body], (-5.0,), frozenset())[0].rule == "body"


def test_second_opinion_keeps_outside_blocks_down_to_the_floor_on_undeclared_pages() -> None:
    outside = Decision(Label.CHROME, "outside-body", "outside the body region")

    def kept(score: float, article: bool) -> str:
        b = Block(index=0, text="Night route N1", start=0, end=14,
                  dom=DomHints(tag="a", second_opinion=True, article_page=article))
        return second_opinion_pass((b,), [outside], (score,), frozenset())[0].rule

    # a short listing line scores low on its own; trafilatura's "kept" carries it from -2 up
    assert kept(-1.0, article=False) == "second-opinion"
    assert kept(-3.0, article=False) == "outside-body"
    # on a declared article the region decides
    assert kept(8.0, article=True) == "outside-body"


def test_class_names_read_head_last() -> None:
    assert attr_families("post-comments") == (frozenset({"comment"}), False)
    assert attr_families("article-body pagination-first")[1] is True
    assert attr_families("comment-body")[0] == frozenset({"comment"})
    assert attr_families("address") == (frozenset(), False)  # "ad" is a whole word only
    assert attr_families("mainNav")[0] == frozenset({"nav"})


def forum_page() -> str:
    posts = "".join(
        f'<div class="comment" id="post-{i}"><div class="comment-author">user{i}</div>'
        f'<div class="comment-body"><p>{PROSE[i % 3]} Reply number {i} adds that the buses were full.</p></div></div>'
        for i in range(6)
    )
    return ('<html><body><nav><a href="/">Forum index</a></nav><h1>Night buses: worth it?</h1>'
            f'<div class="comments">{posts}</div><footer>Powered by a forum engine</footer></body></html>')


def test_json_ld_texts_product_description_not_reviews() -> None:
    from cleanwire._html import json_ld_texts, parse_html
    ld = ('{"@type": ["Product"], "description": "A wool coat.", "review": [{"@type": "Review", "reviewBody": "Too warm."}],'
          ' "brand": {"@type": "Brand", "description": "A coat maker."}}')
    root = parse_html(f'<html><head><script type="application/ld+json">{ld}</script></head><body><p>x</p></body></html>')
    assert json_ld_texts(root) == ["A wool coat."]


def test_a_collection_or_a_discussion_is_not_an_article_whatever_its_og_type() -> None:
    from cleanwire._html import declares_article, parse_html
    og = '<meta property="og:type" content="article">'

    def declared(head: str) -> bool:
        return declares_article(parse_html(f"<html><head>{head}</head><body><p>x</p></body></html>"))

    def ld(*types: str) -> str:
        graph = ", ".join(f'{{"@type": "{t}"}}' for t in types)
        return f'<script type="application/ld+json">{{"@graph": [{graph}]}}</script>'

    assert declared(og) and declared(og + ld("WebPage")) and declared(ld("NewsArticle"))
    # JSON-LD saying the page is a list of things overrules og:type, not an article type
    assert not declared(og + ld("CollectionPage", "BreadcrumbList"))
    assert not declared(og + ld("ItemList"))
    assert not declared(og + ld("DiscussionForumPosting", "Person")) and not declared(og + ld("QAPage"))
    assert declared(og + ld("CollectionPage", "BlogPosting"))
    assert not declared(ld("CollectionPage"))


def listing_page() -> str:
    cards = "".join(
        f'<div class="result-card"><h3><a href="/routes/{i}">Night route N{i}</a></h3>'
        f'<div class="route-tags"><span>Every {10 + 5 * i} minutes</span></div><p>From the central station to stop {i}.</p></div>'
        for i in range(1, 9)
    )
    return ('<html><head><title>Night routes</title></head><body><nav><a href="/">Home</a> <a href="/map">Map</a></nav>'
            f'<h1>Night routes</h1><p>Eight routes run between midnight and five.</p><div class="results">{cards}</div>'
            '<footer>Privacy policy</footer></body></html>')


@pytest.mark.parametrize("second", [False, True])
def test_listing_items_are_content(second: bool) -> None:
    doc = cleanwire.extract_html(listing_page(), second_opinion=second)
    for i in range(1, 9):
        assert f"Night route N{i}" in doc.body
        assert f"Every {10 + 5 * i} minutes" in doc.body
    assert "listing-item" in {lb.rule for lb in doc.blocks}
    assert "Privacy policy" not in doc.body and "Map" not in doc.body
    # on a page that declares itself an article, the pass is off: its card lists are teasers
    declared = listing_page().replace("<head>", '<head><meta property="og:type" content="article">')
    prose = "".join(f"<p>{t}</p>" for t in PROSE)
    article = declared.replace('<div class="results">', prose + '<div class="results">')
    assert "listing-item" not in {lb.rule for lb in cleanwire.extract_html(article, second_opinion=second).blocks}
    # ...unless the page is laid out as a listing all the same (linked headlines, no prose)
    assert "listing-item" in {lb.rule for lb in cleanwire.extract_html(declared, second_opinion=second).blocks}


def shop_grid_html(prices: bool) -> str:
    tiles = "".join(
        f'<li class="product-tile"><a href="/p/{i}">Wool scarf, shade {i}</a>'
        + (f'<span class="amount">€{20 + i},95</span>' if prices else f'<span class="swatch">{i + 2} shades</span>')
        + "</li>"
        for i in range(6)
    )
    return f'<html><body><a href="/">Home</a><ul class="grid">{tiles}</ul><p>Free returns</p></body></html>'


def item_flags(page: str, kept: bool = False, product_page: bool = False) -> list[tuple[str, bool]]:
    """Each raw block's text and whether it is an item of the page's repeated structure,
    with the second opinion keeping nothing (or everything: ``kept``)."""
    from cleanwire._dom_blocks import listing_items, raw_blocks
    from cleanwire._html import parse_html
    raws = raw_blocks(parse_html(page))
    items = listing_items(raws, [kept] * len(raws), sum(len(r.text) for r in raws), product_page)
    return [(r.text, bool(i)) for r, i in zip(raws, items)]


@pytest.mark.parametrize("prices", [True, False])
def test_a_shop_grid_is_an_item_group_though_the_second_opinion_dropped_it(prices: bool) -> None:
    # the second opinion kept none of the tiles (it reads names and prices as a menu):
    # the group still counts when most items show a price, not otherwise
    items = item_flags(shop_grid_html(prices))
    tiles = [i for text, i in items if text.startswith("Wool scarf")]
    assert len(tiles) == 6 and all(tiles) is prices
    assert not any(i for text, i in items if text in ("Home", "Free returns"))


@pytest.mark.parametrize("kept", [False, True])
def test_a_priced_grid_on_a_product_page_is_other_products(kept: bool) -> None:
    # on a page that declares one product, a grid of priced tiles is recommendations
    # ("you may also like", accessories), not the page's content, even where the second
    # opinion kept it; on other pages (a shop's category page) it is the content
    assert all(i for text, i in item_flags(shop_grid_html(True), kept) if text.startswith("Wool scarf"))
    assert not any(i for text, i in item_flags(shop_grid_html(True), kept, product_page=True))
    # a repeated structure without prices (the product's own feature cards) still counts
    if kept:
        assert all(i for text, i in item_flags(shop_grid_html(False), kept, product_page=True)
                   if text.startswith("Wool scarf"))


@pytest.mark.parametrize(("head", "product"), [
    ('<meta property="og:type" content="product">', True),
    ('<meta property="og:type" content="og:product">', True),
    ('<meta property="og:type" content="product.group">', False),
    ('<meta property="og:type" content="website">', False),
    ('<script type="application/ld+json">{"@type": "Product", "name": "Scarf", "offers": {"@type": "Offer"}}</script>', True),
    ('<script type="application/ld+json">[{"@type": "Product", "name": "Scarf"}, {"@type": "Product", "name": "Hat"}]</script>', False),
    ('<script type="application/ld+json">{"@type": "ItemList"}</script>', False),
])
def test_declares_product(head: str, product: bool) -> None:
    from cleanwire._html import declares_product, parse_html
    root = parse_html(f"<html><head>{head}<title>Scarf</title></head><body><p>A wool scarf.</p></body></html>")
    assert declares_product(root) is product


def test_a_product_page_flag_reaches_the_blocks() -> None:
    page = '<html><head><meta property="og:type" content="product"></head><body><p>A wool scarf.</p></body></html>'
    assert cleanwire.extract_html(page, second_opinion=False).blocks[0].block.dom.product_page
    assert not cleanwire.extract_html(page.replace("product", "website"), second_opinion=False).blocks[0].block.dom.product_page


@pytest.mark.parametrize("second", [False, True])
def test_a_review_box_is_content_on_a_declared_article(second: bool) -> None:
    # a product review article: its "review" box is the review itself, not a shop's reviews
    review = ("<div class='review-body'><p>The new night tram is quiet, warm and faster than the bus it"
              " replaces, though the last service still leaves too early for shift workers.</p></div>")
    page = ('<html><head><meta property="og:type" content="article"><title>Night tram review</title></head>'
            f'<body><h1>Night tram review</h1>{review}<p>{PROSE[0]}</p></body></html>')
    doc = cleanwire.extract_html(page, second_opinion=second)
    assert "dom-reviews" not in {lb.rule for lb in doc.blocks}
    assert "The new night tram is quiet" in doc.body


def headline_grid_html(linked: bool) -> str:
    # blog cards: each <article> carries its own post number and topic classes, the
    # headline is a link (or not), the excerpt a sentence
    cards = "".join(
        f'<article class="excerpt card post-{100 + i} category-topic{i}"><header><h2>'
        + (f'<a href="/p/{i}">Night route N{i} now runs every quarter hour</a>' if linked
           else f'Night route N{i} now runs every quarter hour')
        + f'</h2></header><p>Stop {i} gets a shelter and a timetable.</p></article>'
        for i in range(6)
    )
    return f'<html><body><a href="/">Home</a><div class="posts">{cards}</div><p>Free returns</p></body></html>'


@pytest.mark.parametrize("linked", [True, False])
def test_a_grid_of_linked_headlines_is_an_item_group_though_the_second_opinion_dropped_it(linked: bool) -> None:
    # siblings whose class lists differ only by numbered and later (topic) classes are one
    # group; it counts without the second opinion when most items hold a linked headline
    from cleanwire._dom_blocks import item_class
    assert item_class("excerpt card post-101 category-topic1") == item_class("excerpt card post-102 category-topic2")
    items = item_flags(headline_grid_html(linked))
    heads = [i for text, i in items if text.startswith("Night route")]
    assert len(heads) == 6 and all(heads) is linked
    assert not any(i for text, i in items if text in ("Home", "Free returns"))


@pytest.mark.parametrize("second", [False, True])
def test_forum_posts_are_content(second: bool) -> None:
    body = cleanwire.clean_html(forum_page(), second_opinion=second)
    for i in range(6):
        assert f"Reply number {i} adds" in body
    assert "Forum index" not in body


def test_comments_under_an_article_are_chrome() -> None:
    page = build_page({"after": '<div id="comments"><div class="comment"><p>' + PROSE[0].replace("council", "board") + "</p></div></div>"})
    doc = cleanwire.extract_html(page, second_opinion=False)
    assert PROSE[0].replace("council", "board") not in doc.body


def test_bytes_and_charsets() -> None:
    page = "<html><head><meta charset=\"windows-1251\"></head><body><p>" + "Совет проголосовал за продление ночного автобусного маршрута в пригороды. " * 3 + "</p></body></html>"
    assert "Совет проголосовал" in cleanwire.clean_html(page.encode("cp1251"), second_opinion=False)
    latin = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>' + "Le conseil a voté mardi la prolongation du service de bus de nuit vers les banlieues, après une année très chargée. " * 2 + "</p></body></html>"
    assert "Le conseil a voté mardi" in cleanwire.clean_html(latin.encode("latin-1"), second_opinion=False)
    utf16 = codecs.BOM_UTF16_LE + build_page({}).encode("utf-16-le")
    assert PROSE[0] in cleanwire.clean_html(utf16, second_opinion=False)
    # a lying or unknown charset never crashes
    assert cleanwire.clean_html(b'<meta charset="x-no-such-thing"><p>caf\xe9</p>', second_opinion=False) is not None
    assert cleanwire.clean_html(b'<meta charset="utf-16"><p>plain ascii</p>', second_opinion=False) is not None


def test_script_and_style_prose_is_dropped() -> None:
    sneaky = "The council secretly voted to abolish every bus route in the city on Tuesday night."
    page = build_page({"between": f"<script>var s = '{sneaky}';</script><style>/* {sneaky} */</style><noscript>{sneaky}</noscript><template><p>{sneaky}</p></template>"})
    for second in (False, True):
        doc = cleanwire.extract_html(page, second_opinion=second)
        assert all("secretly" not in lb.text for lb in doc.blocks)
        assert PROSE[2] in doc.body


def test_spans_index_the_text_rendering() -> None:
    doc = cleanwire.extract_html(build_page({}), second_opinion=False)
    rendering = "\n".join(lb.text for lb in doc.blocks)
    for lb in doc.blocks:
        assert rendering[lb.span[0]:lb.span[1]] == lb.text


def test_api_exports_and_options() -> None:
    for name in ("clean_html", "extract_html", "explain_html"):
        assert name in cleanwire.__all__
    page = build_page(next(c for c in CASES if c["rule"] == "dom-caption"))
    caption = "The bus depot at dawn, seen from the river bridge"
    assert caption not in cleanwire.clean_html(page, second_opinion=False)
    assert caption in cleanwire.clean_html(page, keep_captions=True, second_opinion=False)
    assert "dom-caption" in cleanwire.explain_html(page, second_opinion=False)
    assert cleanwire.extract_html(page, max_bytes=10).skipped == "max-bytes"
    assert cleanwire.clean_html("") == "" and cleanwire.clean_html(b"") == ""


def test_collapsed_panels_responsive_variants_and_noscript_pages_are_content() -> None:
    answer = "Orders leave our warehouse within two working days, and returns are free for a month."
    page = build_page({"between": f'<div role="region" aria-hidden="true" class="accordion-panel"><p>{answer}</p></div>'})
    assert answer in cleanwire.clean_html(page, second_opinion=False)
    page = build_page({"between": f'<div class="description hidden-md-up"><p>{answer}</p></div>'})
    assert answer in cleanwire.clean_html(page, second_opinion=False)
    # a closed panel named by its state class is content too; a hidden modal is not
    page = build_page({"between": f'<div class="faq-panel faq-panel--hidden"><p>{answer}</p></div>'})
    assert answer in cleanwire.clean_html(page, second_opinion=False)
    page = build_page({"between": f'<div class="modal modal__hidden"><p>{answer}</p></div>'})
    assert answer not in cleanwire.clean_html(page, second_opinion=False)
    # "hidden" that qualifies something else: clipped overflow (CSS utility classes), a
    # field whose label is hidden (Drupal), hidden only until scripts run or images load
    for cls in ("grid overflow-hidden transition-all", "qu-overflow--hidden", "field field--label-hidden",
                "field--label-visually_hidden", "no-js-hidden", "lazy-hidden", "overflowHidden"):
        page = build_page({"between": f'<div class="{cls}"><p>{answer}</p></div>'})
        assert answer in cleanwire.clean_html(page, second_opinion=False), cls
    page = build_page({"between": f'<div class="notice is-hidden"><p>{answer}</p></div>'})
    assert answer not in cleanwire.clean_html(page, second_opinion=False)
    # a big <noscript> is the page rendered without scripts; a small one is a notice
    thread = "".join(f"<p>{p}</p>" for p in PROSE)
    page = f"<html><body><div id='app'></div><noscript>{thread}<p>Please enable JavaScript.</p></noscript></body></html>"
    body = cleanwire.clean_html(page, second_opinion=False)
    assert PROSE[0] in body
    page = build_page({"after": "<noscript>Please enable JavaScript to view the comments.</noscript>"})
    assert all("enable JavaScript" not in lb.text for lb in cleanwire.extract_html(page, second_opinion=False).blocks)


def test_a_button_that_swallowed_the_page_is_unwrapped() -> None:
    # a menu button whose closing tag is lost: the parser nests the article inside it
    page = build_page({"before": "<header><button class='menu-toggle'>Open menu", "after": "</header>"})
    root = cleanwire._html.parse_html(page)
    assert root.find(".//button//article") is not None  # the premise: the article sits in the button
    body = cleanwire.clean_html(page, second_opinion=False)
    assert all(p in body for p in PROSE[:3])
    # a control with a heading in it (an accordion toggle) is not unwrapped as a swallowed page:
    # it becomes one candidate block (recover_disclosures), judged chrome here
    page = build_page({"after": "<button class='faq-toggle'><h3>Open all questions</h3></button>"})
    assert "Open all questions" not in cleanwire.clean_html(page, second_opinion=False)


def test_valid_utf8_wins_over_a_stale_meta_charset() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>' + "Between 1998–2026 the Zürich straße café was open every day of the week. " * 3 + "</p></body></html>"
    assert "1998–2026 the Zürich straße café" in cleanwire.clean_html(page.encode("utf-8"), second_opinion=False)


def test_kept_flags_match_words_and_long_blocks_by_windows() -> None:
    from cleanwire._second_opinion import kept_flags, normalize_words

    long_block = " ".join(f"word{i}" for i in range(64))
    reformatted = long_block.replace("word10 ", "word10\n").replace("word40", "word-40")  # one window broken
    ref = "Intro line.\n" + reformatted + "\nShort, kept: yes!"
    texts = ["Short kept yes", "short, KEPT yes", long_block, "not there at all", "/"]
    assert kept_flags([normalize_words(t) for t in texts], ref) == [True, True, True, False, None]
    assert kept_flags([normalize_words("anything")], None) == [None]


def test_item_headers_and_aria_hidden_links_are_not_chrome() -> None:
    items = "".join(
        f'<article class="teaser"><header><h2><a href="/{i}">Bus story number {i} in the list</a></h2>'
        f'<p><a href="/{i}" aria-hidden="true" tabindex="-1">{PROSE[i % 3]}</a></p></header></article>'
        for i in range(3)
    )
    page = f"<html><body><header><a href='/'>Site name</a></header><main>{items}</main></body></html>"
    doc = cleanwire.extract_html(page, second_opinion=False)
    rules = {lb.text: lb.rule for lb in doc.blocks}
    assert rules["Site name"] == "dom-boilerplate"
    assert rules[PROSE[0]] not in ("dom-boilerplate", "dom-hidden")
    assert rules["Bus story number 1 in the list"] != "dom-boilerplate"


def test_duplicate_block_only_on_pages_that_are_neither_articles_nor_docs() -> None:
    line = "Tickets bought on the day bus remain valid on the first night bus of the following morning."
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    page = f"<html><head><title>Night buses</title>{{head}}</head><body><main>{body}<p>{line}</p>{{extra}}<p>{line}</p></main></body></html>"
    plain = cleanwire.extract_html(page.format(head="", extra=""), second_opinion=False)
    assert [lb.rule for lb in plain.blocks].count("duplicate-block") == 1
    article = cleanwire.extract_html(page.format(head='<meta property="og:type" content="article">', extra=""), second_opinion=False)
    assert "duplicate-block" not in {lb.rule for lb in article.blocks}
    code = "".join(f"<pre><code>make route-{i}</code></pre>" for i in range(3))
    docs = cleanwire.extract_html(page.format(head="", extra=code), second_opinion=False)
    assert "duplicate-block" not in {lb.rule for lb in docs.blocks}


def test_duplicate_block_spares_repeated_table_rows() -> None:
    # a plan table's rows repeat each other ("Yes Yes Yes"): data, not a second layout
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    cell = "Included in the monthly pass at no extra cost for every rider."
    rows = f"<table>{f'<tr><td>{cell}</td></tr>' * 3}</table>"
    page = f"<html><head><title>Night bus passes</title></head><body><main>{body}{{rows}}</main></body></html>"
    doc = cleanwire.extract_html(page.format(rows=rows), second_opinion=False)
    assert [lb.text for lb in doc.blocks if lb.label == "body"].count(cell) == 3
    # the same lines outside a table: the later copies are a second layout
    doc = cleanwire.extract_html(page.format(rows=f"<p>{cell}</p>" * 3), second_opinion=False)
    assert [lb.rule for lb in doc.blocks].count("duplicate-block") == 2


_TWO_FAMILY_PAGE = """<html><body><article><h1>A title here</h1>
<p>This is the body of a long article about the weather, which was good today and will be better tomorrow as well.</p>
<p>Another paragraph of the article with enough words to count as prose in every measure we have.</p></article>
<div class="footer newsletter"><p>Sign up for the weekly letter</p></div>
<div class="sidebar related"><p>Other stories you may like</p></div></body></html>"""


def test_explanations_do_not_depend_on_the_hash_seed() -> None:
    # one element naming two chrome families: which one the reason names must not
    # follow set iteration order (PYTHONHASHSEED differs between processes)
    import subprocess
    import sys

    code = (
        "import json, sys, cleanwire\n"
        "d = cleanwire.extract_html(sys.stdin.read())\n"
        "print(json.dumps([[b.rule, b.reason] for b in d.blocks]))\n"
    )
    seen = set()
    for seed in range(6):
        env = {**__import__("os").environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run([sys.executable, "-c", code], input=_TWO_FAMILY_PAGE, env=env,
                             capture_output=True, text=True, check=True).stdout
        seen.add(out)
    assert len(seen) == 1, seen
    assert "'footer' box" in seen.pop()


def _kept_tree_model() -> BlockModel:
    """One tree: +5 when trafilatura kept the block, -5 otherwise."""
    a = FEATURE_NAMES.index("trafilatura-kept")
    return BlockModel(bias=0.0, trees=(((a, 0.5, 1, 2), (-1, -5.0, 0, 0), (-1, 5.0, 0, 0)),), threshold=0.0, margin=1.0)


def test_block_model_pass() -> None:
    blocks = (_block(0, "Add to basket", False), _block(1, "Hand-thrown stoneware mug, 350 ml", True),
              _block(2, "A paragraph it kept", True), _block(3, "Night buses", False))
    feats = tuple(cleanwire._features.compute_features(blocks, cleanwire._lexicon.load_lexicon(), "en"))
    final = [Decision(Label.BODY, "body", "inside"), Decision(Label.CHROME, "outside-body", "outside"),
             Decision(Label.BODY, "body", "inside"), Decision(Label.TITLE, "title", "headline")]
    zeros = (0.0,) * 4
    out = block_model_pass(blocks, feats, final, zeros, zeros, frozenset(), _kept_tree_model())
    assert [d.rule for d in out] == ["block-model", "block-model", "body", "title"]
    assert [d.label for d in out] == [Label.CHROME, Label.BODY, Label.BODY, Label.TITLE]
    assert "trafilatura-kept" in out[0].reason and "was body" in out[0].reason
    # disabled, or text mode: nothing changes
    assert block_model_pass(blocks, feats, final, zeros, zeros, frozenset({"block-model"}), _kept_tree_model()) == final
    # inside the margin: the decision so far stands
    weak = BlockModel(0.0, ((( -1, 0.5, 0, 0),),), threshold=0.0, margin=1.0)
    assert block_model_pass(blocks, feats, final, zeros, zeros, frozenset(), weak) == final
    # a caption stays a caption, however sure the model is
    caption = [Decision(Label.CAPTION, "dom-caption", "figcaption")] + final[1:]
    assert block_model_pass(blocks, feats, caption, zeros, zeros, frozenset(), _kept_tree_model())[0] == caption[0]
    # it never empties a page: a lone paragraph it doubts stays
    assert block_model_pass(blocks[:1], feats[:1], final[:1], zeros[:1], zeros[:1], frozenset(), _kept_tree_model()) == final[:1]


def test_the_block_model_leaves_a_related_box_heading_dropped_with_its_box() -> None:
    related = DomHints(tag="h3", hints=("related",), second_opinion=True)
    blocks = (Block(index=0, text="More on public transport", start=0, end=24, dom=related),
              Block(index=1, text="More on public transport", start=0, end=24,
                    dom=DomHints(tag="p", hints=("related",), second_opinion=True)),
              _block(2, "A paragraph it kept", True))
    feats = tuple(cleanwire._features.compute_features(blocks, cleanwire._lexicon.load_lexicon(), "en"))
    boiler = Decision(Label.CHROME, "dom-boilerplate", "related box")
    final = [boiler, boiler, Decision(Label.BODY, "body", "inside")]
    zeros = (0.0,) * 3
    out = block_model_pass(blocks, feats, final, zeros, zeros, frozenset(), _kept_tree_model())
    # the model (trafilatura kept both) takes back the paragraph of the box, not its heading
    assert [d.rule for d in out] == ["dom-boilerplate", "block-model", "body"]
    assert model_leaves(blocks[0], final[0]) and not model_leaves(blocks[1], final[1])
    assert not model_leaves(blocks[0], Decision(Label.CHROME, "low-score", "weak"))


def test_the_block_model_leaves_the_longest_kept_paragraph() -> None:
    para = " ".join(["The council said the buses would run every ten minutes on weekdays"] * 4) + "."
    blocks = (_block(0, "Categories", False), _block(1, para, False), _block(2, para[:60] + ".", False))
    feats = tuple(cleanwire._features.compute_features(blocks, cleanwire._lexicon.load_lexicon(), "en"))
    assert feats[1].words >= ANCHOR_WORDS > feats[2].words
    body = Decision(Label.BODY, "body", "inside")
    zeros = (0.0,) * 3
    # the model (trafilatura dropped all three) drops the menu label and the short
    # paragraph, not the page's one long paragraph
    out = block_model_pass(blocks, feats, [body] * 3, zeros, zeros, frozenset(), _kept_tree_model())
    assert [d.label for d in out] == [Label.CHROME, Label.BODY, Label.CHROME]
    assert anchor_paragraph(feats, [body] * 3) == 1
    assert anchor_paragraph(feats, [body, Decision(Label.CHROME, "low-score", "x"), body]) is None


def test_block_model_compiled_logit_is_the_tree_walk() -> None:
    m = default_block_model()
    assert m is not None and m.trees
    rng = random.Random(7)
    for _ in range(200):
        row = [rng.choice((0.0, 1.0, rng.uniform(-12, 12))) for _ in FEATURE_NAMES]
        assert abs(m.logit(row) - predict(row, m)[0]) < 1e-9


@pytest.mark.parametrize("tree", [
    ((0, 0.5, 0, 1), (-1, 1.0, 0, 0)),            # a child pointing back at its parent
    ((0, float("inf"), 1, 2), (-1, 1.0, 0, 0), (-1, 2.0, 0, 0)),
    ((-1, float("nan"), 0, 0),),
    ((len(FEATURE_NAMES), 0.5, 1, 2), (-1, 1.0, 0, 0), (-1, 2.0, 0, 0)),
])
def test_a_malformed_block_model_is_refused_before_it_is_compiled(tree) -> None:
    with pytest.raises(ValueError, match="malformed"):
        BlockModel(0.0, (tree,), threshold=0.0, margin=1.0).logit


@pytest.mark.parametrize("second", [False, True])
def test_a_consent_box_is_chrome_however_much_of_the_page_it_holds(second: bool) -> None:
    # a consent box listing its partners can outweigh a short article; a box that big is
    # usually the page itself (MAX_CHROME_SHARE), but a cookie box never is (NEVER_THE_PAGE)
    partners = "".join(f"<p>Partner {i} stores and reads cookies on this device to measure audiences and show"
                       " personalised offers.</p>" for i in range(12))
    page = (f"<html><head><title>Night buses</title></head><body><article><h1>Night buses</h1><p>{PROSE[0]}</p>"
            f'<p>{PROSE[1]}</p></article><div id="cookie-consent">{partners}</div></body></html>')
    doc = cleanwire.extract_html(page, second_opinion=second)
    assert {lb.rule for lb in doc.blocks if lb.text.startswith("Partner ")} == {"dom-boilerplate"}
    assert PROSE[0] in doc.body and PROSE[1] in doc.body


@pytest.mark.parametrize("head", ['<meta property="og:type" content="product">', "",
                                  '<meta property="og:type" content="product"><script type="application/ld+json">{"@type": "Article"}</script>'])
def test_a_shop_section_runs_to_the_next_heading_of_its_level(head: str) -> None:
    from cleanwire._dom_rules import shop_section_pass
    from cleanwire._lexicon import load_lexicon
    product, article = "product" in head, "Article" in head
    texts = [("h1", "Brass desk lamp"), ("p", PROSE[0]), ("h2", "Kundenbewertungen"), ("p", "Great lamp."),
             ("h3", "Verified buyer"), ("p", "Five stars."), ("h2", "Specifications"), ("p", "Weight: 2 kg")]
    blocks = tuple(Block(index=i, text=t, start=0, end=len(t), dom=DomHints(tag=tag, product_page=product, article_page=article))
                   for i, (tag, t) in enumerate(texts))
    final = [Decision(Label.BODY, "body", "")] * len(blocks)
    out = shop_section_pass(blocks, final, frozenset(), load_lexicon())
    dropped = [i for i, d in enumerate(out) if d.rule == "shop-section"]
    assert dropped == ([2, 3, 4, 5] if product and not article else [])
    # it never empties a page
    assert shop_section_pass(blocks[2:6], final[2:6], frozenset(), load_lexicon()) == final[2:6]


@pytest.mark.parametrize("heading", ["Sponsored items", "Gesponserte Produkte", "Produits sponsorisés",
                                     "Productos patrocinados", "People who viewed this item also viewed"])
def test_shop_section_headings_are_read_in_every_shop_language(heading: str) -> None:
    from cleanwire._dom_rules import shop_section_pass
    from cleanwire._lexicon import load_lexicon
    texts = [("h1", "Brass desk lamp"), ("p", PROSE[0]), ("h2", heading), ("p", "Oak lamp 49.00")]
    blocks = tuple(Block(index=i, text=t, start=0, end=len(t), dom=DomHints(tag=tag, product_page=True))
                   for i, (tag, t) in enumerate(texts))
    final = [Decision(Label.BODY, "body", "")] * len(blocks)
    out = shop_section_pass(blocks, final, frozenset(), load_lexicon())
    assert [i for i, d in enumerate(out) if d.rule == "shop-section"] == [2, 3]


def test_disclosure_buttons_are_recovered_as_page_text() -> None:
    # an FAQ accordion: the questions are buttons (in a heading, holding a heading, or
    # disclosing a panel); they are candidate blocks like the answers they label
    faq = (
        "<section class='faq'>"
        "<h3><button aria-expanded='false'>Do night buses run on public holidays?</button></h3>"
        f"<div><p>{PROSE[0]}</p></div>"
        "<button type='button'><h5>Can I bring a bicycle on board at night?</h5><span class='icon'></span></button>"
        f"<div><p>{PROSE[1]}</p></div>"
        "<button aria-controls='a3' aria-expanded='false'>Where are the tickets sold after midnight?</button>"
        f"<div id='a3'><p>{PROSE[2]}</p></div></section>"
    )
    page = build_page({"after": faq + "<button aria-expanded='false'>Menu</button><button>Show all questions here</button>"})
    texts = [lb.text for lb in cleanwire.extract_html(page, second_opinion=False).blocks]
    for q in ("Do night buses run on public holidays?", "Can I bring a bicycle on board at night?",
              "Where are the tickets sold after midnight?"):
        assert q in texts
    # a one-word toggle and a plain button are controls, removed as before
    assert not any("Menu" in t or "Show all questions" in t for t in texts)
    root = cleanwire._html.parse_html(page)
    cleanwire._html.recover_disclosures(root)
    assert len(root.findall(".//summary")) == 2 and len(root.findall(".//button")) == 2


def test_streamed_parts_are_moved_to_their_placeholders() -> None:
    # React's streaming render: a placeholder where the part belongs, the part sent later
    # in a hidden div, and a script call that moves it ($RC for a boundary, $RS for a segment)
    spec = "The frame is solid oak, finished by hand with a clear oil that keeps the grain visible."
    note = "Each chair ships flat in one box and takes about ten minutes to put together."
    page = (
        "<html><head><title>Oak chair</title></head><body><main><h1>Oak chair</h1>"
        f"<p>{PROSE[0]}</p><template id='B:0'></template><p>Loading details</p>"
        f"<section><template id='P:1'></template></section><p>{PROSE[1]}</p></main>"
        "<footer><p>Contact us</p></footer>"
        f"<div hidden id='S:0'><h2>Details</h2><p>{spec}</p></div>"
        "<script>$RC=function(b,c){};$RC(\"B:0\",\"S:0\")</script>"
        f"<div hidden id='S:1'><p>{note}</p></div><script>$RS(\"S:1\",\"P:1\")</script>"
        "<div hidden id='S:2'><p>An orphan part without a call stays hidden where it is.</p></div>"
        "</body></html>"
    )
    root = cleanwire._html.parse_html(page)
    cleanwire._html.resolve_streamed_parts(root)
    assert root.find(".//template") is None
    moved = root.find(".//main")
    texts = [" ".join(el.itertext()) for el in moved.iter("p")]
    assert texts.index(spec) < texts.index("Loading details") and note in texts
    assert root.find(".//div[@id='S:2']").get("hidden") is not None
    doc = cleanwire.extract_html(page, second_opinion=False)
    rules = {lb.text: lb.rule for lb in doc.blocks}
    assert spec in doc.body and note in doc.body
    assert rules["An orphan part without a call stays hidden where it is."] == "dom-hidden"
