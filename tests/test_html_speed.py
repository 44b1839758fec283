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
