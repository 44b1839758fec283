"""Hostile HTML: deep nesting, unclosed tags, huge attributes, entity tricks, and a
property test that clean_html never raises. No network, no entity expansion."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanwire

PARA = ("The council voted on Tuesday to extend the night bus service to the eastern suburbs, "
        "after a year in which ridership grew faster than anyone had forecast.")


def test_deep_nesting_does_not_explode() -> None:
    for tag, second in (("div", True), ("b", False), ("li", False)):
        page = f"<html><body><p>{PARA}</p>" + f"<{tag}>" * 100_000 + "deep text" + f"</{tag}>" * 100_000 + "</body></html>"
        doc = cleanwire.extract_html(page, second_opinion=second)
        assert PARA in doc.body or PARA in [lb.text for lb in doc.blocks]


def test_unclosed_and_broken_tags() -> None:
    page = f"<html><body><div><p>{PARA}<p>{PARA.replace('council', 'board')}<div><span><a href='x'>Home<li>Next</body>"
    body = cleanwire.clean_html(page, second_opinion=False)
    assert PARA in body and PARA.replace("council", "board") in body
    assert cleanwire.clean_html("<<<>>><p<<div>>&&&;</", second_opinion=False) is not None


def test_huge_attribute_and_huge_text() -> None:
    page = f'<html><body><div class="{"x" * 11_000_000}" data-y="{"y" * 1_000_000}"><p>{PARA}</p></div></body></html>'  # over libxml2's 10 MB
    assert PARA in cleanwire.clean_html(page, second_opinion=False)
    # ~0.9 MB; numbered, since a page repeating one paragraph keeps one copy (duplicate-block)
    big = "<html><body>" + "".join(f"<p>{PARA} ({i})</p>" for i in range(5_000)) + "</body></html>"
    assert cleanwire.clean_html(big, second_opinion=False).count("night bus") >= 2_500


def test_external_entities_are_not_resolved() -> None:
    page = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            '<!ENTITY net SYSTEM "http://127.0.0.1:9/secret">]>'
            f"<html><body><p>{PARA} &xxe; &net;</p></body></html>")
    for second in (False, True):
        doc = cleanwire.extract_html(page, second_opinion=second)
        text = " ".join(lb.text for lb in doc.blocks)
        assert "root:" not in text and "secret" not in text


def test_entity_expansion_bomb_is_not_expanded() -> None:
    lol = "lol" * 10
    decl = f'<!ENTITY a "{lol}">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    page = f"<!DOCTYPE html [{decl}]><html><body><p>{PARA} &i;</p></body></html>"
    doc = cleanwire.extract_html(page, second_opinion=False)
    assert sum(len(lb.text) for lb in doc.blocks) < 10_000


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
any_text = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)
TAGS = ["<p>", "</p>", "<div class='nav'>", "</div>", "<a href='x'>", "</a>", "<br>", "<li>", "<!--",
        "-->", "<script>", "</script>", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "<meta charset='utf-16'>",
        "<html>", "<!doctype html>", "<table><tr><td>", "<svg>", "<?xml version='1.0'?>", "\x00", PARA]
html_soup = st.lists(st.one_of(st.sampled_from(TAGS), any_text), max_size=20).map("".join)


@SETTINGS
@given(st.one_of(any_text, html_soup))
def test_clean_html_never_raises_on_text(page: str) -> None:
    assert isinstance(cleanwire.clean_html(page, second_opinion=False), str)


@SETTINGS
@given(st.one_of(st.binary(max_size=400), html_soup.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_clean_html_never_raises_on_bytes(page: bytes) -> None:
    assert isinstance(cleanwire.clean_html(page, second_opinion=False), str)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_soup)
def test_clean_html_with_second_opinion_never_raises(page: str) -> None:
    assert isinstance(cleanwire.extract_html(page).body, str)


def test_max_bytes_counts_utf8_bytes_of_str_input() -> None:
    page = f"<html><body><p>{PARA} żółć</p></body></html>"
    n = len(page.encode("utf-8"))
    assert cleanwire.extract_html(page, max_bytes=n, second_opinion=False).skipped is None
    assert cleanwire.extract_html(page, max_bytes=n - 1, second_opinion=False).skipped == "max-bytes"
