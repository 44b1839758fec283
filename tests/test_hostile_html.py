"""Hostile HTML for ``cleanwire.clean_html`` (HTML mode, built on another branch): deep
nesting, unclosed tags, a 10 MB attribute, comment and CDATA bombs, entity expansion
and external entities (never expanded, never fetched), script/style prose never in the
output, the size limit in UTF-8 bytes. Skipped, with the reason, only where
``clean_html`` does not exist."""

from __future__ import annotations

import dataclasses

import pytest

import cleanwire
from hostile import PROSE, PROSE2

# Prose that must never reach the output: it sits in script/style/comment/CDATA.
HIDDEN = "Hidden prose that reads like an article sentence and must never be kept by the extractor."


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>T</title>{head}</head><body>{body}</body></html>"


def article() -> str:
    return f"<article><h1>A headline for the test page</h1><p>{PROSE}</p><p>{PROSE2}</p></article>"


def _kept(html: str | bytes, **kw) -> str:
    body = cleanwire.clean_html(html, **kw)
    assert isinstance(body, str)
    return body


def test_reference_page_keeps_both_paragraphs() -> None:
    body = _kept(page(article()))
    assert PROSE in body and PROSE2 in body


@pytest.mark.parametrize("tag", ["div", "span", "b", "li", "table"])
def test_100000_levels_of_nesting(tag: str) -> None:
    deep = f"<{tag}>" * 100_000 + "deep text" + f"</{tag}>" * 100_000
    body = _kept(page(article() + deep))
    assert PROSE in body and PROSE2 in body
    unclosed = _kept(page(article() + f"<{tag}>" * 100_000 + "deep text"))
    assert PROSE in unclosed


def test_unclosed_and_broken_tags_keep_the_text() -> None:
    html = (f"<html><body><div><p>{PROSE}<p>{PROSE2}<div><span><a href='x'>Home<li>Next"
            "<p <div>> <<<>>> </p </div <b><i></b></i> &&&; &#xZZ; </")
    body = _kept(html)
    assert PROSE in body and PROSE2 in body


def test_a_10_mb_attribute() -> None:
    html = page(f'<div class="{"x" * 10_000_000}" data-y="{"y " * 500_000}">{article()}</div>')
    body = _kept(html)
    assert PROSE in body and PROSE2 in body and "xxxx" not in body


def test_comment_and_cdata_bombs() -> None:
    comments = ("<!--" + HIDDEN + "-->") * 50_000  # ~5 MB of comments
    unclosed_comment = "<!--" + HIDDEN * 1000
    cdata = ("<![CDATA[" + HIDDEN + "]]>") * 50_000
    for bomb in (comments, cdata):
        body = _kept(page(article() + bomb))
        assert PROSE in body and HIDDEN not in body
    body = _kept(page(article() + unclosed_comment))
    assert PROSE in body and HIDDEN not in body


def test_billion_laughs_is_not_expanded() -> None:
    decl = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    html = f"<!DOCTYPE html [{decl}]>" + page(f"<p>{PROSE} &lol9;</p><p>{PROSE2}</p>")
    doc = cleanwire.extract_html(html)
    total = sum(len(lb.text) for lb in doc.blocks)
    assert total < 100_000  # fully expanded it would be 3 000 000 000 characters
    assert "lollollol" not in doc.body and PROSE2 in doc.body


def test_external_entities_are_neither_read_nor_fetched(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    html = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
            '<!ENTITY net SYSTEM "http://127.0.0.1:9/secret">'
            f'<!ENTITY % pe SYSTEM "file://{secret}"> %pe;]>' + page(f"<p>{PROSE} &xxe; &net;</p><p>{PROSE2}</p>"))
    for data in (html, html.encode()):
        doc = cleanwire.extract_html(data)
        assert "SECRET-CONTENT" not in " ".join(lb.text for lb in doc.blocks)
        assert PROSE2 in doc.body


def test_script_style_and_template_prose_is_never_output() -> None:
    head = f"<style>p::before {{ content: '{HIDDEN}' }}</style><script>var s = '{HIDDEN}';</script>"
    body = (f"<script>document.write('{HIDDEN}')</script>{article()}"
            f"<style>{HIDDEN}</style><noscript>{HIDDEN}</noscript><template><p>{HIDDEN}</p></template>"
            f"<script type='text/plain'>{HIDDEN}</script><script>{HIDDEN}")  # the last one never closes
    has_second = "second_opinion" in {f.name for f in dataclasses.fields(cleanwire.Options)}
    for kw in ({}, {"second_opinion": False}) if has_second else ({},):
        doc = cleanwire.extract_html(page(body, head), **kw)
        assert HIDDEN not in doc.body and all(HIDDEN not in lb.text for lb in doc.blocks)
        assert PROSE in doc.body


def test_max_bytes_counts_utf8_bytes_and_skips_without_dropping() -> None:
    html = page(f"<p>{'é' * 600}</p>")  # about 700 characters, about 1 300 UTF-8 bytes
    n_bytes = len(html.encode("utf-8"))
    assert cleanwire.extract_html(html, max_bytes=n_bytes).skipped is None
    for data in (html, html.encode("utf-8")):
        doc = cleanwire.extract_html(data, max_bytes=n_bytes - 1)
        assert doc.skipped == "max-bytes" and doc.body == "" and doc.blocks == ()


def test_nul_bytes_controls_and_bad_encodings() -> None:
    html = page(f"<p>{PROSE[:40]}\x00\x01\x1b{PROSE[40:]}</p><p>{PROSE2}</p>")
    assert PROSE2 in _kept(html)
    assert PROSE2 in _kept(html.encode("utf-16"))  # with a BOM
    mixed = f"<html><body><p>Café {PROSE}</p>".encode("utf-8") + f"<p>Crème {PROSE2}</p></body></html>".encode("latin-1")
    body = _kept(mixed)
    assert PROSE in body and PROSE2 in body
    assert isinstance(_kept(b"\xff\xfe\x00<\x00p" * 1000), str)
