"""The pipeline: text -> blocks -> features -> labels -> document, in one screen."""

from __future__ import annotations

from typing import Any

from ._blocks import split_blocks
from ._document import assemble
from ._features import compute_features, document_language
from ._labels import label_pass, labeled_blocks
from ._language import stopwords
from ._lexicon import load_lexicon
from ._options import Options, make_options
from ._recheck import settle
from ._scorer import Model
from ._types import Document


def extract(text: str, *, options: Options | None = None, **overrides: Any) -> Document:
    """Label every block of ``text`` and return the title, body and decisions."""
    opts = make_options(options, **overrides)
    if not isinstance(text, str):
        raise TypeError(f"extract() takes str, not {type(text).__name__}; decode bytes first")
    if opts.max_bytes is not None and len(text) > opts.max_bytes // 4 and len(text.encode("utf-8", "surrogatepass")) > opts.max_bytes:
        return Document(title=None, body="", blocks=(), language=None, skipped="max-bytes")
    return _extract(text, opts, None)


def _extract(text: str, opts: Options, model: Model | None) -> Document:
    """``extract()`` with the scorer weights given (training and cross-validation use it)."""
    blocks = split_blocks(text)
    language = document_language(blocks, opts.language)
    lexicon = load_lexicon()
    features = compute_features(blocks, lexicon, language)
    first = label_pass(blocks, features, lexicon, opts, bool(stopwords(language or "")), model)
    labeled = labeled_blocks(blocks, first, opts.disabled_rules)
    labeled = settle(labeled, first, features, language, opts, model)
    return assemble(labeled, opts, language)


def clean(text: str, *, options: Options | None = None, **overrides: Any) -> str:
    """The article body of ``text``: kept paragraphs separated by one blank line."""
    return extract(text, options=options, **overrides).body
