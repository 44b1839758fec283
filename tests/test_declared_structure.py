"""HTML mode, pages that declare an article: section-heading, table-rows, thread-post
(``_declared``), on blocks and HTML written for them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleanwire
from cleanwire._declared import _time_ago_re, article_list_pass, declared_structure_pass, is_time_ago, section_heading_pass
from cleanwire._features import compute_features
from cleanwire._lexicon import load_lexicon
from cleanwire._types import Block, Decision, DomHints, Label

LEX = load_lexicon()
NONE: frozenset[str] = frozenset()


def _blocks(rows: list[tuple[str, str, tuple[int, ...], tuple[int, ...]]], article: bool = True) -> tuple[Block, ...]:
    """Blocks from (text, tag, boxes, box groups)."""
    out = []
    pos = 0
    for i, (text, tag, boxes, groups) in enumerate(rows):
        out.append(Block(index=i, text=text, start=pos, end=pos + len(text),
                         dom=DomHints(tag=tag, article_page=article, boxes=boxes, box_groups=groups)))
        pos += len(text) + 1
    return tuple(out)


def _d(label: Label, rule: str) -> Decision:
    return Decision(label, rule, "")


BODY, CHROME = Label.BODY, Label.CHROME
PARA = "The council voted on Tuesday to extend the night bus service to the suburbs after a busy year."


def _feats(blocks: tuple[Block, ...]):
    return compute_features(blocks, LEX, "en")


# --- section-heading ------------------------------------------------------------------

def _article(article: bool = True):
    blocks = _blocks([("Night buses reach the suburbs", "h1", (), ()), (PARA, "p", (), ()),
                      ("Where the routes go", "h2", (), ()), (PARA.replace("council", "board"), "p", (), ()),
                      ("Sign up for our newsletter today", "h3", (), ()), ("Menu", "div", (), ())], article)
    final = [_d(Label.TITLE, "title"), _d(BODY, "body"), _d(CHROME, "low-score"), _d(BODY, "body"),
             _d(CHROME, "low-score"), _d(CHROME, "outside-body")]
    return blocks, final


def test_a_dropped_heading_above_kept_prose_heads_a_section() -> None:
    blocks, final = _article()
    out = section_heading_pass(blocks, _feats(blocks), final, NONE)
    assert out[2].label is BODY and out[2].rule == "section-heading"
    # not above a kept block: a heading of the page's chrome
    assert out[4] == final[4]
    assert section_heading_pass(blocks, _feats(blocks), final, frozenset({"section-heading"})) == final


def test_section_heading_only_on_declared_articles() -> None:
    blocks, final = _article(article=False)
    assert section_heading_pass(blocks, _feats(blocks), final, NONE) == final


def test_a_heading_just_above_the_region_opens_it_but_not_one_further_out() -> None:
    blocks = _blocks([("Menu", "div", (), ()), ("An older story", "h3", (), ()), ("Menu two", "div", (), ()),
                      ("What happened", "h2", (), ()), (PARA, "p", (), ())])
    final = [_d(CHROME, "outside-body")] * 4 + [_d(BODY, "body")]
    out = section_heading_pass(blocks, _feats(blocks), final, NONE)
    assert out[3].rule == "section-heading"
    assert out[1].rule == "outside-body"


# --- article-list -------------------------------------------------------------------

@pytest.mark.parametrize("article", [True, False])
def test_a_low_scoring_list_item_inside_a_declared_article_is_body(article: bool) -> None:
    blocks = _blocks([(PARA, "p", (), ()), ("Bring a ticket", "li", (), ()), ("Night owl", "p", (), ()), ("Home", "li", (), ())], article)
    final = [_d(BODY, "body"), _d(CHROME, "low-score"), _d(CHROME, "low-score"), _d(CHROME, "link-dense")]
    out = article_list_pass(blocks, final, NONE)
    assert [d.rule for d in out] == (["body", "article-list", "low-score", "link-dense"] if article else [d.rule for d in final])
    assert article_list_pass(blocks, final, frozenset({"article-list"})) == final


# --- table-rows ---------------------------------------------------------------------

def _table(rows: int, article: bool = True):
    lines = [(PARA, "p", (1,), (1,))] + [(f"Episode {i} The night bus download", "tr", (10 + i, 2), (5, 2)) for i in range(rows)]
    blocks = _blocks(lines, article)
    final = [_d(BODY, "body")] + [_d(CHROME, "link-dense")] * rows
    return blocks, final


def test_link_dense_rows_of_a_long_table_are_content() -> None:
    blocks, final = _table(6)
    out = declared_structure_pass(blocks, _feats(blocks), final, NONE, LEX)
    assert [d.rule for d in out[1:]] == ["table-rows"] * 6
    assert all(d.label is BODY for d in out)


def test_table_rows_end_to_end() -> None:
    paras = "".join(f"<p>{PARA} Sentence {i} adds more about the routes and the timetable.</p>" for i in range(4))
    rows = "".join(f'<tr><td><a href="/n{i}">Night route N{i} to the suburbs</a></td><td>{i}</td></tr>' for i in range(6))
    page = ('<html><head><meta property="og:type" content="article"><title>Night buses reach the suburbs</title></head><body>'
            f"<article><h1>Night buses reach the suburbs</h1>{paras}<table>{rows}</table>{paras.replace('routes', 'stops')}</article>"
            "</body></html>")
    doc = cleanwire.extract_html(page, second_opinion=False)
    assert [lb.rule for lb in doc.blocks if lb.block.dom.tag == "tr"] == ["table-rows"] * 6
    assert "Night route N5 to the suburbs" in doc.body
    off = cleanwire.extract_html(page, second_opinion=False, disabled_rules={"table-rows"})
    assert "Night route N5 to the suburbs" not in off.body


def test_date_rows_and_low_scoring_rows_of_a_kept_table() -> None:
    blocks, final = _table(6)
    final = [final[0], _d(CHROME, "dateline"), _d(BODY, "body"), _d(BODY, "body"), _d(BODY, "body"),
             _d(CHROME, "low-score"), _d(CHROME, "dom-hidden")]
    out = declared_structure_pass(blocks, _feats(blocks), final, NONE, LEX)
    assert [d.rule for d in out[1:]] == ["table-rows", "body", "body", "body", "table-rows", "dom-hidden"]
    # a low-scoring row of a table mostly dropped stays dropped
    final = [final[0]] + [_d(CHROME, "low-score")] * 5 + [_d(BODY, "body")]
    out = declared_structure_pass(blocks, _feats(blocks), final, NONE, LEX)
    assert [d.rule for d in out[1:6]] == ["low-score"] * 5


def test_a_heading_above_a_subheading_above_prose() -> None:
    blocks = _blocks([(PARA, "p", (), ()), ("Routes", "h2", (), ()), ("North", "h3", (), ()), (PARA.replace("council", "board"), "p", (), ())])
    final = [_d(BODY, "body"), _d(CHROME, "low-score"), _d(CHROME, "low-score"), _d(BODY, "body")]
    out = section_heading_pass(blocks, _feats(blocks), final, NONE)
    assert [d.rule for d in out] == ["body", "section-heading", "section-heading", "body"]


@pytest.mark.parametrize(("rows", "article"), [(4, True), (6, False)])
def test_a_short_table_or_an_undeclared_page_keeps_its_decisions(rows: int, article: bool) -> None:
    blocks, final = _table(rows, article)
    assert declared_structure_pass(blocks, _feats(blocks), final, NONE, LEX) == final
    blocks, final = _table(6)
    assert declared_structure_pass(blocks, _feats(blocks), final, frozenset({"table-rows", "thread-post"}), LEX) == final


# --- thread-post --------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2 hours ago", "Posted an hour ago by Bob", "vor 3 Tagen", "il y a 2 jours",
                                  "hace 3 días", "3 giorni fa", "2 дня назад", "5h ago", "2時間前"])
def test_time_ago_cues(text: str) -> None:
    assert is_time_ago(text, LEX, len(text.split()))


@pytest.mark.parametrize("text", ["yesterday", "I went there 3 years ago and it was great fun, really great fun for all of us",
                                  "Hours of operation", "agony"])
def test_not_time_ago(text: str) -> None:
    assert not is_time_ago(text, LEX, len(text.split()))


def _thread(posts: int, article_words: int, dated: bool = True):
    rows = [(" ".join(["Opening"] * article_words) + ".", "p", (), ())] if article_words else []
    final = [_d(BODY, "body")] if article_words else []
    for i in range(posts):
        box = 100 + i
        rows += [(f"user{i}", "div", (box,), (7,)), (f"{i + 2} hours ago" if dated else "Reply", "div", (box,), (7,)),
                 (PARA + f" Reply number {i} adds that the buses were full.", "p", (box,), (7,))]
        final += [_d(CHROME, "outside-body"), _d(CHROME, "outside-body"), _d(CHROME, "dom-comments")]
    blocks = _blocks(rows)
    return blocks, final


def test_dated_posts_in_repeated_boxes_are_the_content() -> None:
    blocks, final = _thread(5, 10)
    out = declared_structure_pass(blocks, _feats(blocks), final, NONE, LEX)
    replies = [i for i, b in enumerate(blocks) if "Reply number" in b.text]
    assert all(out[i].rule == "thread-post" and out[i].label is BODY for i in replies)


def test_a_comment_section_under_a_long_article_stays_chrome() -> None:
    blocks, final = _thread(3, 400)
    assert declared_structure_pass(blocks, _feats(blocks), final, NONE, LEX) == final


@pytest.mark.parametrize(("posts", "dated"), [(2, True), (5, False)])
def test_too_few_or_undated_boxes_are_no_thread(posts: int, dated: bool) -> None:
    blocks, final = _thread(posts, 10, dated)
    assert declared_structure_pass(blocks, _feats(blocks), final, NONE, LEX) == final


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(LEX.labels["time_ago"]) + list(LEX.labels["number_words"])
                                + ["12", "x", " ", "ago", "h", "分"]),
                max_size=6), st.sampled_from(["0", "1", "7", *LEX.labels["number_words"]]))
def test_the_time_ago_prefilter_never_rejects_a_match(parts: list[str], number: str) -> None:
    # is_time_ago searches the long pattern only where the short one matches: every
    # text the long one matches must match the short one, or a post date is missed
    maybe, full = _time_ago_re(LEX)
    text = "".join(p.replace("0", number) for p in parts)
    if full.search(text):
        assert maybe.search(text), text
    for alt in LEX.labels["time_ago"]:
        t = alt.replace("0", number)
        assert full.search(t) and maybe.search(t), t
