"""Hypothesis strategies for fuzzing: text, HTML-ish text and JSON Lines, plus the
invariants every cleaned output must satisfy. Used by tests/test_fuzz.py (bounded
examples, in the normal suite) and scripts/fuzz.py (the long run)."""

from __future__ import annotations

import json

from hypothesis import strategies as st

import cleanwire
from cleanwire import Label
from conftest import span_text
from hostile import BIDI, CONTROL, EMOJI, LINE_BREAKS, PROSE, PROSE2, RTL, ZALGO

# Any str Python allows, lone surrogates included.
any_char = st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)
any_text = st.text(any_char, max_size=400)
CHROME = ["Related", "Share", "Login", "Register", "0", "3K", "Read more", "Menu", "Explore",
          "Home > News > World", "By Jane Doe", "3 MIN READ", "Privacy Policy", "Comments (4)",
          "© 2024 Example", "Photo: Reuters", "2024-01-05 12:30", "google-site-verification: abc",
          "SOURCE: AP", "RelatedSome Headline Here", "veryGood! (584)", "-", "•", "|"]
PIECES = CHROME + [PROSE, PROSE2, RTL, BIDI, ZALGO[:40], EMOJI, CONTROL, " " * 50, "!" * 30,
                   "(" * 20, "/ a:b /" * 3, "...\"'\"'", "\t\u00a0\u3000", "\ud800", "中文内容。"]
SEPARATORS = ["\n", "\n\n", "\r\n", " ", "", "\r"] + LINE_BREAKS

# A page: chrome, prose and nasty fragments glued with any line break.
page_text = st.lists(st.tuples(st.one_of(st.sampled_from(PIECES), any_text), st.sampled_from(SEPARATORS)),
                     max_size=16).map(lambda parts: "".join(p + s for p, s in parts))
texts = st.one_of(any_text, page_text)

TAGS = ["<p>", "</p>", "<div class='nav menu'>", "<div id='content'>", "</div>", "<a href='/x'>", "</a>",
        "<br>", "<li>", "<ul>", "</ul>", "<!--", "-->", "<script>", "</script>", "<style>", "</style>",
        "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "&lol;", "<meta charset='utf-16'>",
        "<html>", "<body>", "<!doctype html>", "<table><tr><td>", "<svg>", "<?xml version='1.0'?>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", "&e;", "<h1>", "</h1>",
        "<article>", "</article>", "<footer>", "<nav>", "<figcaption>", "<noscript>", "<template>",
        '<script type="application/ld+json">{"articleBody": "x"}</script>', "<p hidden>", "\x00"]
html_text = st.lists(st.one_of(st.sampled_from(TAGS), st.sampled_from(PIECES), any_text), max_size=24).map("".join)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(any_char, max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)
records = st.one_of(
    st.fixed_dictionaries({"id": st.integers(), "text": texts}),
    st.fixed_dictionaries({"id": st.integers(), "text": json_values}),
    json_values,
)
jsonl_line = st.one_of(
    records.map(lambda r: json.dumps(r).encode("utf-8", "surrogatepass")),
    records.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.binary(max_size=80),
    st.sampled_from([b"[" * 5000, b"{" * 5000, b'{"text": "\\ud800"}', b"", b"\r", b"  ", b"\xef\xbb\xbf{}"]),
).map(lambda b: b.replace(b"\n", b" "))
jsonl_input = st.lists(jsonl_line, max_size=10).map(lambda lines: b"".join(line + b"\n" for line in lines))


def check_text_invariants(text: str) -> None:
    """What must hold for any input text: spans exact and increasing, body made of
    kept blocks in order, every decision registered, explain() works. (Idempotence is
    fuzzed separately by scripts/fuzz.py: it depends on the language guess, which can
    change once chrome is gone; see docs/reliability.md.)"""
    doc = cleanwire.extract(text)
    registry = cleanwire.rules()
    last_end = 0
    for lb in doc.blocks:
        assert span_text(text, lb.block.start, lb.block.end) == lb.text and lb.text == lb.text.strip()
        assert lb.block.start >= last_end
        last_end = lb.block.end
        assert lb.rule in registry and lb.reason
    assert doc.body == "\n\n".join(lb.text for lb in doc.blocks if lb.label is Label.BODY)
    assert isinstance(cleanwire.explain(text), str)
