"""Stage 4: assemble the Document (title and body text) from labelled blocks."""

from __future__ import annotations

from ._options import Options
from ._types import Document, Label, LabeledBlock

PARAGRAPH_SEPARATOR = "\n\n"


def kept_labels(options: Options) -> frozenset[Label]:
    """The labels whose text ``clean()`` returns under ``options``."""
    keep = {Label.BODY}
    if options.keep_title:
        keep.add(Label.TITLE)
    if options.keep_captions:
        keep.add(Label.CAPTION)
    return frozenset(keep)


def assemble(
    blocks: tuple[LabeledBlock, ...], options: Options, language: str | None
) -> Document:
    """Join the kept blocks into paragraphs separated by one blank line."""
    keep = kept_labels(options)
    title = next((lb.text for lb in blocks if lb.label is Label.TITLE), None)
    body = PARAGRAPH_SEPARATOR.join(lb.text for lb in blocks if lb.label in keep)
    return Document(title=title, body=body, blocks=blocks, language=language)
