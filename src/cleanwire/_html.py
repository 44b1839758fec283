"""HTML in: bytes to text (charset), a safe parse, and the JSON-LD article text.

Safety: the parser is libxml2's HTML parser through lxml with network access off, no
external entities (HTML parsing never resolves them; we never use the XML parser),
comments and processing instructions dropped and ``huge_tree`` off, so text nodes and
nesting depth keep libxml2's limits (it stops descending at 256 levels instead of
exhausting memory). Nothing here recurses in Python over the tree.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import regex
from lxml import etree
from lxml.html import HtmlElement

from ._decode import decode_bytes
from ._types import HEADING_TAGS

# How far into the bytes to look for <meta charset>: browsers look at the first 1024
# bytes; real pages put long <head> content first, so look further.
META_SCAN_BYTES = 8192
_META_CHARSET = regex.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", regex.I
)
_XML_DECL = regex.compile(r"^\s*<\?xml[^>]*>")
# libxml2's limit for one text node or attribute value without huge_tree.
LIBXML_NODE_LIMIT = 10_000_000
_HUGE_ATTR = re.compile(r"""(=\s*)(["'])(?:(?!\2).){100000,}\2""", re.S)
# Characters libxml2 will not hold in a text node (C0 controls but tab/CR/LF, U+FFFE/F):
# invalid in HTML anyway, removed from the UTF-8 bytes before parsing. bytes.translate
# and a substring test, not a regular expression: scanning every character of the page
# with a character class took longer than libxml2's whole parse (AEB: 0.30 s vs 0.24 s).
# A C0 byte never occurs inside a multi-byte UTF-8 sequence, so deleting bytes is safe.
_C0_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D))
_NOT_XML_UTF8 = ("\ufffe".encode("utf-8"), "\uffff".encode("utf-8"))
# A JSON-LD script longer than this is not parsed (an articleBody is at most ~100 kB).
MAX_JSON_LD_CHARS = 2_000_000
# A title longer than this is not a title; only its start is compared.
MAX_TITLE_CHARS = 500
# JSON-LD fields whose text is the page's main content. Not "reviewBody": a product
# page's customer reviews are not its content (WCXB dev product F1 0.631 -> 0.637).
JSON_LD_TEXT_KEYS = ("articleBody", "text")
# ...and the description of a Product: a shop page's product text.
PRODUCT_TYPES = frozenset(("Product", "ProductGroup", "IndividualProduct"))

# A <noscript> holding this much text is the page rendered without scripts, not a notice.
NOSCRIPT_CONTENT_CHARS = 500
# A <button> may hold phrasing content only; one holding these elements and this much
# text is an unclosed button into which the parser nested the rest of the page (a menu
# button whose closing tag a recovering parser lost), not a control: it is unwrapped.
SWALLOWING_BUTTON_CHARS = 500
BLOCK_CONTENT_TAGS = ("main", "article", "section", "p", "h1", "h2", "h3", "h4", "h5", "h6")
# Elements whose text is never page text.
DROP_TAGS = (
    "script", "style", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "head", "select", "option", "datalist", "textarea", "button",
    "input", "audio", "video", "source", "track", "map", "title", "meta", "link",
)


def _parser() -> etree.HTMLParser:
    # A fresh parser per call: lxml parsers are not thread-safe, and this keeps the
    # module free of shared mutable state. Construction costs microseconds. The plain
    # etree parser, not lxml.html's: that one looks up a Python element class for
    # every element touched, which doubled the cost of our walk. Its elements are
    # lxml.html's HtmlElement all the same, through lxml's C-level default class lookup
    # (one class for every element, no per-tag Python call; the walk costs the same),
    # so the second opinion can hand this tree to trafilatura instead of letting it
    # decode and parse the page again (AEB: its run 18% faster, see _second_opinion).
    parser = etree.HTMLParser(
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        encoding="utf-8",
        collect_ids=False,
        default_doctype=False,
    )
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=HtmlElement))
    return parser


def decode_html(data: str | bytes) -> str:
    """The page as text: a BOM wins, then valid UTF-8, then a ``<meta charset>``, then
    detection.

    Never raises: an unknown or wrong declared charset falls back to detection, and
    undecodable bytes become U+FFFD.
    """
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"expected str or bytes, not {type(data).__name__}")
    data = bytes(data)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    if not data.isascii():
        try:
            # bytes that are valid UTF-8 (and not ASCII) are UTF-8, whatever an old
            # <meta charset="iso-8859-1"> still says: legacy text almost never is
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    m = _META_CHARSET.search(data[:META_SCAN_BYTES])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        # a page declaring a UTF-16/32 charset in ASCII bytes cannot really be UTF-16/32
        if codec and not codec.startswith(("utf-16", "utf-32")):
            if codec == "utf-8":
                return decode_bytes(data)
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass
    return decode_bytes(data)


_HTML_START = regex.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", regex.I | regex.S)
_TAG = regex.compile(rb"</?(?:p|div|span|a|br|li|ul|td|tr|table|body|head|script|meta|link|img|h[1-6]|section|article|nav)\b[^<>]{0,2000}>", regex.I)
# How many HTML tags in the first SNIFF_BYTES make an input HTML without a doctype.
SNIFF_BYTES = 65536
MIN_TAGS = 10


def looks_like_html(data: str | bytes) -> bool:
    """Input starting with ``<!doctype html``/``<html``, or carrying many HTML tags."""
    if isinstance(data, (bytes, bytearray)) and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = decode_bytes(bytes(data[:SNIFF_BYTES]))
    head = (data[:SNIFF_BYTES].encode("utf-8", "replace") if isinstance(data, str) else bytes(data[:SNIFF_BYTES]))
    if _HTML_START.match(head):
        return True
    n = 0
    for _ in _TAG.finditer(head):
        n += 1
        if n >= MIN_TAGS:
            return True
    return False


def parse_html(text: str) -> Any:
    """Parse ``text`` into an lxml element tree; never fetches anything.

    Returns the root element, or ``None`` when there is nothing to parse.
    """
    if text[:100].lstrip().startswith("<?"):
        text = _XML_DECL.sub("", text, count=1)
    if len(text) > LIBXML_NODE_LIMIT:
        # huge_tree stays off, so libxml2 gives up on a text node or attribute value over
        # 10 MB and the page is lost; attribute values are never page text: empty the huge ones
        text = _HUGE_ATTR.sub(r"\1\2\2", text)
    data = text.encode("utf-8", "replace").translate(None, _C0_BYTES)
    for bad in _NOT_XML_UTF8:
        if bad in data:
            data = data.replace(bad, b"")
    if not data or data.isspace():  # (not data.strip(): that copies the page)
        return None
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root


def _walk_json(value: Any) -> Iterator[str]:
    """Text values of JSON_LD_TEXT_KEYS anywhere in a JSON value (iterative)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            t = v.get("@type")
            if (t in PRODUCT_TYPES if isinstance(t, str) else isinstance(t, list) and any(x in PRODUCT_TYPES for x in t if isinstance(x, str))):
                d = v.get("description")
                if isinstance(d, str):
                    yield d
            for k, item in v.items():
                if k in JSON_LD_TEXT_KEYS and isinstance(item, str):
                    yield item
                elif isinstance(item, (dict, list)):
                    stack.append(item)
        elif isinstance(v, list):
            stack.extend(v)


def json_ld_texts(root: Any) -> list[str]:
    """articleBody-like texts of the page's JSON-LD scripts (malformed ones skipped)."""
    out: list[str] = []
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = el.text or ""
        if not raw.strip() or len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            value = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        out.extend(t for t in _walk_json(value) if t.strip())
    return out


# schema.org types (and og:type "article") by which a page declares itself an article.
ARTICLE_TYPES = frozenset((
    "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "TechArticle",
    "ScholarlyArticle", "Report", "SatiricalArticle", "Posting",
))
_LD_TYPE = regex.compile(r'"@type"\s*:\s*(?:\[\s*)?"(?:https?://schema\.org/)?([A-Za-z]+)"')


# JSON-LD types by which a page says it is not an article but a list of things (a
# category page, search results) or a discussion (a forum thread, a Q&A page): og:type
# "article" does not overrule them (many sites put it on every page), a JSON-LD article
# type does. WCXB-dev: 5 listing/collection pages and 2 forum threads are then read as
# undeclared (listing F1 +0.009, forum +0.003; one listing 0.10 -> 1.00, one thread
# 0.61 -> 0.94); AEB has none. FAQPage, ProfilePage, AboutPage and ContactPage measured
# the same way changed three pages by -0.04 to +0.02: left out.
NOT_ARTICLE_TYPES = frozenset(("CollectionPage", "SearchResultsPage", "ItemList", "QAPage", "DiscussionForumPosting"))


class DeclaredTypes(NamedTuple):
    """What a page says it is: its og:type values (lower case) and its JSON-LD ``@type`` names."""

    og: tuple[str, ...]
    ld: tuple[str, ...]


def declared_types(root: Any) -> DeclaredTypes:
    """The page's og:type values and JSON-LD types, read once for ``declares_article``
    and ``declares_product``."""
    og = tuple((el.get("content") or "").strip().lower() for el in root.iter("meta")
               if (el.get("property") or el.get("name") or "").lower() == "og:type")
    ld: list[str] = []
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() == "application/ld+json" and el.text:
            ld.extend(_LD_TYPE.findall(el.text[:MAX_JSON_LD_CHARS]))
    return DeclaredTypes(og, tuple(ld))


def declares_article(root: Any, types: DeclaredTypes | None = None) -> bool:
    """The page says it is an article: a JSON-LD article type, or og:type "article"
    unless its JSON-LD calls it something else (``NOT_ARTICLE_TYPES``). ``types``: the
    page's ``declared_types``, when already read."""
    og, ld = types or declared_types(root)
    if any(t in ARTICLE_TYPES for t in ld):
        return True
    return "article" in og and not any(t in NOT_ARTICLE_TYPES for t in ld)


# og:type values by which a page declares one product (not "product.group": a collection).
PRODUCT_OG_TYPES = frozenset(("product", "product.item", "og:product"))


def declares_product(root: Any, types: DeclaredTypes | None = None) -> bool:
    """The page says it presents one product: an og:type of one product, or exactly one
    JSON-LD ``Product`` (a collection lists several). ``types`` as for ``declares_article``."""
    og, ld = types or declared_types(root)
    if any(t in PRODUCT_OG_TYPES or t.endswith((":product", ":item")) for t in og):
        return True
    return sum(1 for t in ld if t in PRODUCT_TYPES) == 1


def page_titles(root: Any) -> list[str]:
    """The page's own names for itself: ``<title>``, og:title and twitter:title."""
    out: list[str] = []
    for el in root.iter("title", "meta"):
        if el.tag == "title":
            t = "".join(el.itertext())
        elif (el.get("property") or el.get("name") or "").lower() in ("og:title", "twitter:title"):
            t = el.get("content") or ""
        else:
            continue
        t = " ".join(t.split())
        if t and t not in out:
            out.append(t[:MAX_TITLE_CHARS])
    return out


def _swallows_page(button: Any) -> bool:
    """Whether a ``<button>`` holds block content a control never has (see SWALLOWING_BUTTON_CHARS)."""
    if next(button.iter(*BLOCK_CONTENT_TAGS), None) is None:
        return False
    return len("".join(button.itertext())) >= SWALLOWING_BUTTON_CHARS


# A <button> is removed with the other controls, but an accordion's header is a button
# whose text is the page's: the question of an FAQ entry, the title of a collapsed
# section. Such a button is recovered before anything reads the tree (the second opinion
# included): one that sits in a heading (h1-h6, role=heading: the WAI-ARIA accordion
# pattern) is unwrapped into it, and one that holds a heading (invalid in a button, valid
# in a <summary>) or that discloses a panel (aria-expanded / aria-controls) and reads as
# a phrase (DISCLOSURE_WORDS) becomes a <summary>, the element HTML has for a disclosure's
# visible label. The recovered text is then judged like any other (a menu toggle's
# label sits in a nav box, a filter's in a hidden or form box: the DOM rules drop them).
DISCLOSURE_WORDS = (3, 60)
BUTTON_PAGE_TAGS = ("p", "section", "article", "main")


def _in_heading(el: Any) -> bool:
    for a in el.iterancestors():
        if a.tag in HEADING_TAGS or a.get("role") == "heading":
            return True
    return False


def recover_disclosures(root: Any) -> None:
    """Unwrap or rename to <summary> the <button>s that label a disclosure (see
    DISCLOSURE_WORDS); every other button is left for ``drop_non_text``."""
    lo, hi = DISCLOSURE_WORDS
    for el in list(root.iter("button")):
        holds_heading = next(el.iter(*HEADING_TAGS), None) is not None
        disclosure = el.get("aria-expanded") is not None or el.get("aria-controls") is not None
        in_heading = not holds_heading and _in_heading(el)
        if not (holds_heading or disclosure or in_heading):
            continue
        n = len("".join(el.itertext()).split())
        if not 0 < n <= hi:
            continue
        if holds_heading:
            # a heading, but no paragraph or section: an accordion header, not a page
            # swallowed by a lost closing tag (drop_non_text unwraps those)
            if next(el.iter(*BUTTON_PAGE_TAGS), None) is None:
                el.tag = "summary"
        elif next(el.iter(*BLOCK_CONTENT_TAGS), None) is not None:
            continue
        elif in_heading:
            el.drop_tag()  # its text is the heading's
        elif n >= lo:
            el.tag = "summary"


# React's streaming server rendering (Fizz) sends a page in pieces: where a part is not
# ready it writes a placeholder (<template id="B:0"> for a Suspense boundary, <template
# id="P:1"> for a segment), and sends the part later, at the end of the document, in a
# <div hidden id="S:0"> followed by a script call that moves it into place in the browser:
# $RC("B:0","S:0") for a boundary, $RS("S:1","P:1") for a segment. Read as sent, that text
# is hidden and out of place (a shop's specifications, a category's product grid); the
# calls are replayed here, in document order, so the parts sit where a reader sees them.
_STREAM_CALL = re.compile(r"""\$R([CS])\(\s*["']([A-Za-z]:[0-9a-z]+)["']\s*,\s*["']([A-Za-z]:[0-9a-z]+)["']""")


def resolve_streamed_parts(root: Any) -> None:
    """Move the hidden parts of a streamed page (``<div hidden id="S:n">``) to their
    placeholders (``<template id="B:m">`` / ``"P:m"``) as the page's ``$RC``/``$RS``
    calls would, and show them. A part without its placeholder stays where it is."""
    calls: list[tuple[str, str]] = []
    for el in root.iter("script"):
        text = el.text
        if text and "$R" in text:
            for kind, a, b in _STREAM_CALL.findall(text):
                calls.append((a, b) if kind == "S" else (b, a))  # (part, placeholder)
    if not calls:
        return
    parts = {el.get("id"): el for el in root.iter("div") if el.get("hidden") is not None and (el.get("id") or "").startswith("S:")}
    holders = {el.get("id"): el for el in root.iter("template") if el.get("id")}
    for part_id, holder_id in calls:
        part, holder = parts.pop(part_id, None), holders.pop(holder_id, None)
        if part is None or holder is None or holder.getparent() is None or part.getparent() is None:
            continue
        if any(a is part for a in holder.iterancestors()):
            continue  # a placeholder inside its own part: malformed, leave it
        # the part's tail stays where the part was (lxml moves an element with its tail)
        tail, part.tail = part.tail, None
        if tail:
            prev = part.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent = part.getparent()
                parent.text = (parent.text or "") + tail
        holder.addprevious(part)
        part.tail, holder.tail = holder.tail, None
        holder.getparent().remove(holder)
        del part.attrib["hidden"]


def drop_non_text(root: Any) -> None:
    """Remove elements whose content is never page text, keeping their tails."""
    # collect first: removing while iterating would skip siblings
    # <noscript>: usually "enable JavaScript" or a tracking pixel, but some apps (forum
    # engines) render the whole page there for clients without scripts
    # (measured before anything is removed: a script inside a <noscript> counts)
    doomed = [el for el in root.iter("noscript") if len("".join(el.itertext())) < NOSCRIPT_CONTENT_CHARS]
    swallowing = [el for el in root.iter("button") if _swallows_page(el)]
    for el in swallowing:
        el.drop_tag()  # children, text and tail stay where they were
    # lxml removes the DROP_TAGS elements in C; with_tail=False leaves each one's tail
    # text where it was, so it reads as the end of the previous sibling's tail (or of
    # the parent's text), as the loop below does by hand (the loop took 0.1 s on AEB)
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
