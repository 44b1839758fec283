"""The HTML pipeline: bytes/str -> DOM blocks -> the same features, labels and document
as text mode. Only stage 1 differs; every later stage is shared."""

from __future__ import annotations

from typing import Any

from ._document import assemble
from ._dom_blocks import dom_blocks, raw_blocks
from ._dom_rules import box_features, decided_by_box
from ._features import compute_features, document_language
from ._html import declared_types, declares_article, declares_product, decode_html, drop_non_text, json_ld_texts, page_titles, parse_html, recover_disclosures, resolve_streamed_parts
from ._labels import label_blocks
from ._language import stopwords
from ._lexicon import load_lexicon
from ._options import Options, make_options
from ._second_opinion import second_opinion, trafilatura_text
from ._types import Document


def _n_bytes(html: str | bytes) -> int:
    """Size in bytes: str input counts as UTF-8 (as text mode's ``max_bytes`` does)."""
    return len(html.encode("utf-8", "surrogatepass")) if isinstance(html, str) else len(html)


def extract_html(
    html: str | bytes,
    *,
    url: str | None = None,
    options: Options | None = None,
    **overrides: Any,
) -> Document:
    """Label every block of an HTML page and return the title, body and decisions.

    ``html`` may be bytes (the charset comes from a BOM, ``<meta charset>`` or
    detection). ``url`` is accepted for callers that have it; no rule uses it and
    nothing is ever fetched. Block spans index the newline-joined block texts.
    """
    opts = make_options(options, **overrides)
    if opts.max_bytes is not None and len(html) > opts.max_bytes // 4 and _n_bytes(html) > opts.max_bytes:
        return Document(title=None, body="", blocks=(), language=None, skipped="max-bytes")
    text = decode_html(html)
    root = parse_html(text)
    if root is None:
        return Document(title=None, body="", blocks=(), language=None)
    resolve_streamed_parts(root)
    recover_disclosures(root)
    json_ld = json_ld_texts(root)
    titles = page_titles(root)
    types = declared_types(root)
    article = declares_article(root, types)
    product = declares_product(root, types)
    reference = None
    if opts.second_opinion:
        # on the tree as parsed, before drop_non_text changes it (trafilatura copies it)
        fast = trafilatura_text(root)
        reference = lambda norms: second_opinion(text, norms, article, fast)  # noqa: E731
    drop_non_text(root)
    raws = raw_blocks(root)
    blocks = dom_blocks(raws, json_ld, reference, titles, article, product)
    language = document_language(blocks, opts.language)
    lexicon = load_lexicon()
    # blocks a DOM box rule decides get light features (see _dom_rules.decided_by_box)
    boxed = [decided_by_box(b, opts.disabled_rules) for b in blocks]
    full = compute_features(tuple(b for b, x in zip(blocks, boxed) if not x), lexicon, language)
    it = iter(full)
    features = tuple(box_features(b) if x else next(it) for b, x in zip(blocks, boxed))
    labeled = label_blocks(blocks, features, lexicon, opts, bool(stopwords(language or "")))
    return assemble(labeled, opts, language)


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    options: Options | None = None,
    **overrides: Any,
) -> str:
    """The main text of an HTML page: kept blocks separated by one blank line."""
    return extract_html(html, url=url, options=options, **overrides).body
