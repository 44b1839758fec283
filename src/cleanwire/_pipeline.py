"""The pipeline: text -> blocks -> features -> labels -> document, in one screen."""

from __future__ import annotations

from typing import Any

from ._blocks import split_blocks
from ._document import PARAGRAPH_SEPARATOR, assemble, kept_labels
from ._features import compute_features, language_vote, line_tokens
from ._labels import Pass, label_pass, labeled_blocks
from ._language import stopwords
from ._lexicon import load_lexicon
from ._options import Options, make_options
from ._recheck import Rechecked, mark_rechecked, settle
from ._scorer import Model
from ._text_exports import reading_view, unwrap
from ._types import Block, Document


def extract(text: str, *, options: Options | None = None, **overrides: Any) -> Document:
    """Label every block of ``text`` and return the title, body and decisions."""
    opts = _checked(text, make_options(options, **overrides))
    if opts is None:
        return Document(title=None, body="", blocks=(), language=None, skipped="max-bytes")
    return _extract(text, opts, None)


def clean(text: str, *, options: Options | None = None, **overrides: Any) -> str:
    """The article body of ``text``: kept paragraphs separated by one blank line.

    ``extract(text).body``, without writing out the decisions nobody reads: the same
    labelling, joined straight from its verdicts.
    """
    opts = _checked(text, make_options(options, **overrides))
    if opts is None:
        return ""
    blocks, first, rechecked, _ = _label(text, opts, None)
    keep = kept_labels(opts)
    labels = first.verdicts.labels()
    return PARAGRAPH_SEPARATOR.join([b.text for i, (b, label) in enumerate(zip(blocks, labels)) if label in keep and i not in rechecked])


def _checked(text: str, opts: Options) -> Options | None:
    """``opts``, or None when ``text`` is over ``max_bytes`` (it is then skipped)."""
    if not isinstance(text, str):
        raise TypeError(f"extract() takes str, not {type(text).__name__}; decode bytes first")
    if opts.max_bytes is not None and len(text) > opts.max_bytes // 4 and len(text.encode("utf-8", "surrogatepass")) > opts.max_bytes:
        return None
    return opts


def _extract(text: str, opts: Options, model: Model | None) -> Document:
    """``extract()`` with the scorer weights given (training and cross-validation use it)."""
    blocks, first, rechecked, language = _label(text, opts, model)
    labeled = mark_rechecked(labeled_blocks(blocks, first, opts.disabled_rules), rechecked)
    return assemble(labeled, opts, language)


def _label(text: str, opts: Options, model: Model | None) -> tuple[tuple[Block, ...], Pass, Rechecked, str | None]:
    """Blocks, the first labelling, what the re-check dropped from it, and the language."""
    blocks = split_blocks(text)
    if opts.unwrap:
        blocks = unwrap(text, blocks)
    seen = reading_view(blocks)  # what the rules read; the output keeps ``blocks``
    tokens = line_tokens(seen)  # read once: language vote, features, re-check
    # the blocks the vote read: a re-check keeping them all gets the same vote
    language, voted = (opts.language, None) if opts.language else language_vote(seen, tokens)
    lexicon = load_lexicon()
    features = compute_features(seen, lexicon, language, tokens)
    first = label_pass(seen, features, lexicon, opts, bool(stopwords(language or "")), model)
    return blocks, first, settle(seen, first, features, language, opts, model, tokens, voted), language
