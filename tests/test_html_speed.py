"""HTML mode's speed mechanics: the shared tree, the memoized element verdicts, the
byte-level clean-up before parsing. Each must decide exactly as the plain version."""

from __future__ import annotations

import cleanwire
from cleanwire import _second_opinion
from cleanwire._dom_hints import element_hints, element_verdict
from cleanwire._html import parse_html

PAGE = ("<!doctype html><html><head><title>Night buses</title></head><body>"
        "<nav class='main-nav'><a href='/'>Home</a></nav>"
        "<div id='post-123' class='article-body' role='main'><p>Night buses now reach the suburbs"
        " every half hour, the council said on Tuesday after a long debate.</p>"
        "<p hidden>Secret</p><p style='display: none'>Hidden too</p>"
        "<div class='collapse' style='display:none'>An accordion answer.</div>"
        "<aside role='complementary'>Related</aside></div></body></html>")


def test_element_hints_match_element_verdict() -> None:
    root = parse_html(PAGE)
    for el in root.iter():
        assert element_hints(el.tag, el) == element_verdict(el.tag, el.attrib), el.tag


def test_control_characters_and_nonchars_are_removed_before_parsing() -> None:
    root = parse_html("<p>a\x00b\x07c\ufffed\uffffe\tf</p>")
    assert "".join(root.itertext()) == "abcde\tf"
    assert parse_html("\x00\x01\x02") is None


def test_the_tree_handed_to_trafilatura_is_not_changed() -> None:
    root = parse_html(PAGE)
    before = [(el.tag, dict(el.attrib), el.text, el.tail) for el in root.iter()]
    _second_opinion.trafilatura_text(root)
    assert [(el.tag, dict(el.attrib), el.text, el.tail) for el in root.iter()] == before


def test_second_opinion_reuses_the_fast_run(monkeypatch) -> None:
    calls: list[bool] = []

    def fake(html, *, thorough=False, comments=False):
        calls.append(thorough)
        return "night buses reach the suburbs " * 5

    monkeypatch.setattr(_second_opinion, "trafilatura_text", fake)
    norms = [_second_opinion.normalize_words("night buses reach the suburbs " * 3)]
    assert _second_opinion.second_opinion("<p>x</p>", norms, True, fast="night buses reach the suburbs " * 5)
    assert calls == []  # covered: no thorough run, and the fast one was not repeated


def test_tree_and_text_give_the_same_second_opinion() -> None:
    root = parse_html(PAGE)
    assert _second_opinion.trafilatura_text(root) == _second_opinion.trafilatura_text(PAGE) is not None
    assert cleanwire.clean_html(PAGE)


# --- _wordmatch: the index answers exactly as the substring test ---------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from cleanwire import _wordmatch  # noqa: E402
from cleanwire._second_opinion import normalize_words  # noqa: E402

_WORD = st.sampled_from(["the", "bus", "night", "a", "of", "12", "zürich", "x"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORD, max_size=60), st.lists(st.lists(_WORD, max_size=8), max_size=20))
def test_word_matcher_index_agrees_with_substring_test(ref_words: list[str], blocks: list[list[str]]) -> None:
    ref = normalize_words(" ".join(ref_words))
    indexed = _wordmatch.WordMatcher(ref)
    indexed._spent = _wordmatch.SCAN_BUDGET  # the next lookup builds the index
    scanning = _wordmatch.WordMatcher(ref)
    for b in blocks + [ref_words[3:9], ref_words[-4:]]:
        norm = normalize_words(" ".join(b))
        assert (norm in indexed) == (norm in ref) == (norm in scanning), (norm, ref)
    assert indexed._words is not None and scanning._words is None


def test_word_matcher_switches_to_the_index_on_a_big_page() -> None:
    ref = normalize_words(" ".join(f"paragraph {i} of the long article" for i in range(20_000)))
    m = _wordmatch.WordMatcher(ref)
    hits = [normalize_words(f"paragraph {i} of the") in m for i in range(0, 20_000, 7)]
    assert all(hits) and m._words is not None
    assert normalize_words("paragraph 5 of the short article") not in m
    assert normalize_words("article paragraph 6") in m


# --- the element verdicts' shortcuts decide as the full reading ----------------------

from cleanwire import _dom_hints, _dom_rules  # noqa: E402
from cleanwire._types import Block, DomHints  # noqa: E402

_NAME_PARTS = sorted({w for ws in _dom_hints.HINT_WORDS.values() for w in ws}
                     | set(_dom_hints.STRONG_CONTENT_WORDS) | set(_dom_hints.WEAK_CONTENT_WORDS)
                     | {"hidden", "sr-only", "d-none", "hide", "md", "up", "x", "9", "Nav", "Main"})


def _spelled(name: str) -> tuple[str, str]:
    low = _dom_hints._CAMEL.sub("-", name).lower().replace("_", "-")
    return low, low + " " + low.replace("-", "")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_NAME_PARTS), st.text("abcdhimnopstuvwxyzAMN09", max_size=6)),
                min_size=1, max_size=4),
       st.lists(st.sampled_from(["-", "_", "", ":", "__"]), min_size=3, max_size=3))
def test_name_verdict_rejection_agrees_with_the_full_reading(parts, seps) -> None:
    name = "".join(p + seps[i % 3] for i, p in enumerate(parts))
    assert _dom_hints._name_verdict(name) == _dom_hints._read_name(*_spelled(name)), name


def test_id_is_read_apart_only_when_it_names_no_chrome() -> None:
    root = parse_html("<html><body><div id='main-footer' class='entry'>a</div>"
                      "<div id='post-12' class='share'>b</div><div id='x1' class='sidebar' role='main'>c</div>"
                      "<div id='comments' class='newsletter signup'>d</div></body></html>")
    for el in root.iter("div"):
        assert element_hints(el.tag, el) == element_verdict(el.tag, el.attrib)


def test_decided_by_box_shortcut_matches_the_rules() -> None:
    families = ["nav", "footer", "hidden", "caption", "comment", "meta", "related", "+content", "+title", "+item"]
    for i, fam in enumerate(families):
        for other in ((), ("+content",), (families[(i + 3) % len(families)],)):
            for in_ld in (False, True):
                b = Block(0, "text", 0, 4, dom=DomHints(hints=(fam, *other), in_json_ld=in_ld))
                rules = any(test(b, None, None) for _, test in _dom_rules.BOX_RULES) and not in_ld
                assert _dom_rules.decided_by_box(b, frozenset()) == rules
                assert _dom_rules.decided_by_box(b, frozenset({"dom-boilerplate"})) == (
                    any(test(b, None, None) for rid, test in _dom_rules.BOX_RULES if rid != "dom-boilerplate") and not in_ld)
