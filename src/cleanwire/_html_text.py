"""HTML for WARC responses: the DOM-based HTML mode (``cleanwire.extract_html``) when
this build has it, otherwise a minimal stdlib HTML-to-text step feeding text mode.

The switch is made by looking the function up at call time, so the WARC reader uses
HTML mode as soon as it exists, with no change here.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from typing import Any

from ._decode import decode_bytes
from ._options import Options
from ._pipeline import extract
from ._types import Document

# Elements whose text is never page text.
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
# Elements that start a new line (block-level in HTML rendering).
_BREAK = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table section article header "
    "footer nav aside main blockquote pre figure figcaption form hr address details summary".split()
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title: list[str] = []

    def _newline(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BREAK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BREAK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.current.append(data)


def decode_html_bytes(data: bytes, charset: str | None) -> str:
    """The HTTP charset if it decodes, else ``<meta charset>``, else detection."""
    meta = _CHARSET.search(data[:4096])
    for name in (charset, meta.group(1).decode("ascii") if meta else None):
        if name:
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
    return decode_bytes(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text, one block-level element a line, and the ``<title>``."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser._newline()
    title = " ".join("".join(parser.title).split()) or None
    return "\n".join(parser.lines), title


def _html_mode() -> Any:
    """``cleanwire.extract_html`` if this build has it, looked up at call time."""
    return getattr(sys.modules[__package__], "extract_html", None)


def html_mode_available() -> bool:
    return callable(_html_mode())


def extract_html_document(data: bytes, *, charset: str | None, url: str | None, options: Options) -> tuple[Document, str, str]:
    """(document, mode, text): ``mode`` is ``"html"`` when the DOM-based HTML mode ran,
    ``"html-as-text"`` when the stdlib fallback did; ``text`` is the page text the
    blocks came from (what ``--stats`` counts as input)."""
    html = decode_html_bytes(data, charset)
    extract_html = _html_mode()
    if callable(extract_html):
        doc = extract_html(html, url=url, options=options)
        return doc, "html", "\n".join(lb.text for lb in doc.blocks)
    text, title = html_to_text(html)
    doc = extract(text, options=options)
    if doc.title is None and title and not doc.skipped:
        doc = Document(title=title, body=doc.body, blocks=doc.blocks, language=doc.language, skipped=doc.skipped)
    return doc, "html-as-text", text
