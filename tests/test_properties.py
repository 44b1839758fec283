"""Property-based tests (hypothesis): what must hold for any input."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanwire
from conftest import span_text

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any str Python allows, lone surrogates included.
any_text = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=400)
WORDS = (
    "the of and to in a is that for it as with was on be by at this from have or an they "
    "which one you were all we when there can more if no out so said what up its about "
    "council river night service residents trial drivers city budget museum school library "
    "summer plan report week year people station bridge market harbour village"
).split()
CHROME = ["Related", "Share", "Login", "Register", "0", "3K", "Read more", "Menu", "Explore",
          "Sponsor", "- Some headline about things", "Leave a Reply", "Home > News", "By Jane Doe",
          "3 MIN READ", "Privacy Policy", "Comments (4)", "Editor Picks"]


@st.composite
def sentences(draw, min_words: int = 8, max_words: int = 20) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


@st.composite
def prose_paragraph(draw) -> str:
    return " ".join(draw(st.lists(sentences(), min_size=2, max_size=4)))


@st.composite
def page(draw) -> str:
    """A page: chrome lines and prose paragraphs in any order, with blank lines."""
    parts = draw(st.lists(st.one_of(prose_paragraph(), st.sampled_from(CHROME)), max_size=14))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


texts = st.one_of(any_text, page())


@SETTINGS
@given(any_text)
def test_never_raises_on_any_str(text: str) -> None:
    doc = cleanwire.extract(text)
    assert isinstance(doc.body, str)
    assert isinstance(cleanwire.explain(text), str)


@SETTINGS
@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x3000), min_size=1000, max_size=5000))
def test_never_raises_on_long_lines_without_newlines(text: str) -> None:
    assert isinstance(cleanwire.clean(text.replace("\n", " ")), str)


def _nonspace(s: str) -> str:
    return regex.sub(r"\s+", "", s)


@SETTINGS
@given(texts)
def test_output_is_input_text_in_input_order(text: str) -> None:
    doc = cleanwire.extract(text)
    kept = [lb for lb in doc.blocks if lb.label is cleanwire.Label.BODY]
    # every kept paragraph is its span of the input (lines joined when the text was
    # hard-wrapped), spans strictly increasing
    for a, b in zip(kept, kept[1:]):
        assert a.block.end <= b.block.start
    for lb in kept:
        assert span_text(text, lb.block.start, lb.block.end) == lb.text
    assert doc.body == "\n\n".join(lb.text for lb in kept)


@SETTINGS
@given(texts)
def test_clean_is_idempotent(text: str) -> None:
    once = cleanwire.clean(text)
    assert cleanwire.clean(once) == once


@SETTINGS
@given(texts)
def test_deterministic(text: str) -> None:
    assert cleanwire.extract(text) == cleanwire.extract(text)


@SETTINGS
@given(st.text(st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u2028\u3000"), max_size=50))
def test_whitespace_only_gives_empty(text: str) -> None:
    assert cleanwire.clean(text) == ""


@SETTINGS
@given(st.lists(prose_paragraph(), min_size=1, max_size=8), st.sampled_from(["\n", "\n\n"]))
def test_long_prose_comes_back_whole(paragraphs: list[str], sep: str) -> None:
    assert cleanwire.clean(sep.join(paragraphs)) == "\n\n".join(paragraphs)


@SETTINGS
@given(texts)
def test_every_block_has_label_rule_and_reason(text: str) -> None:
    registry = cleanwire.rules()
    for lb in cleanwire.extract(text).blocks:
        assert lb.rule in registry
        assert registry[lb.rule].label is lb.label or lb.rule == "score"
        assert lb.reason
