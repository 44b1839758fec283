"""Reference systems to compare cleanwire against, each a plain callable.

Text mode (``str -> str``, input = the html-text dump):
- ``text_unchanged``: the dump itself (the floor: full recall, no cleaning).
- ``c4_lines``: the C4 line heuristic, the cheapest widely used text-only cleaner.
- ``justext_lines``: jusText run over the dump's lines, each wrapped in ``<p>``.

HTML mode (``(html, url) -> str``): ``trafilatura_html`` and ``readability_html``.
Third-party libraries are imported inside the functions, so importing this module
never imports trafilatura (it is an optional ``bench`` extra).
"""

from __future__ import annotations

import html as _html

import regex

from .._language import guess_language, stopwords

# C4 (Raffel et al. 2020) keeps lines with at least 3 words that end in terminal
# punctuation; a closing quote right after the mark counts as the end too.
C4_MIN_WORDS = 3
_C4_END = regex.compile(r"[.!?][\"'\u201d\u2019\u00bb\u300d\u300f)]*$")
_WORDS = regex.compile(r"\w+")


def text_unchanged(text: str) -> str:
    """The input dump as it is."""
    return text


def c4_lines(text: str) -> str:
    """Lines of >= 3 words ending in ., ! or ? (optionally followed by closing quotes)."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) >= C4_MIN_WORDS and _C4_END.search(line):
            kept.append(line)
    return "\n".join(kept)


def _justext_stoplist(text: str) -> frozenset[str]:
    """Stopwords of the dump's guessed language (cleanwire's guess), English if none."""
    lang = guess_language([t.casefold() for t in _WORDS.findall(text[:20000])])
    return stopwords(lang or "en") or stopwords("en")


def justext_lines(text: str) -> str:
    """jusText's paragraph classifier over the dump's lines (one ``<p>`` per line)."""
    import justext

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    page = "<html><body>" + "".join(f"<p>{_html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), _justext_stoplist(text), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_html(html: bytes | str, url: str | None = None) -> str:
    """``trafilatura.extract`` with its default settings."""
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


# Elements after which readability's summary needs a line break so words from
# neighbouring blocks are not glued together.
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote pre section article "
    "header footer figure figcaption dd dt dl td th".split()
)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment with a newline after every block element."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def readability_html(html: bytes | str, url: str | None = None) -> str:
    """readability-lxml's ``Document(html).summary()`` turned into text."""
    from readability import Document

    return html_to_text(Document(html, url=url or None).summary(html_partial=True))


def available(module: str) -> bool:
    """Whether an optional third-party module can be imported (without importing it)."""
    from importlib.util import find_spec

    return find_spec(module) is not None
