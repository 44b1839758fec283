"""Reading chrome and content hints off DOM elements: tags, ARIA roles, class/id names.

Pure functions of one element's tag and attributes (cached by attribute string); the
walk in ``_dom_blocks`` combines them over ancestors.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import re

import regex

# Structural elements and ARIA roles that hold page chrome, by hint family.
TAG_FAMILY = {"nav": "nav", "footer": "footer", "aside": "sidebar", "form": "form",
              "header": "header", "menu": "nav", "dialog": "modal", "figcaption": "caption"}
ROLE_FAMILY = {"navigation": "nav", "contentinfo": "footer", "complementary": "sidebar",
               "banner": "header", "search": "form", "dialog": "modal", "menu": "nav",
               "menubar": "nav", "alertdialog": "modal"}
# Elements that say "this is the main content".
CONTENT_TAGS = frozenset(("article", "main"))
CONTENT_ROLES = frozenset(("main", "article"))

# class/id words, by family. A word matches a class/id token that starts with it
# ("comment" matches "comments", "commentlist"); short ones must match exactly.
HINT_WORDS: dict[str, tuple[str, ...]] = {
    # not "tabs": product and docs tabs hold content (the tab bar itself is a few links)
    "nav": ("nav", "menu", "breadcrumb", "pagination", "pager", "skip", "toc"),
    "footer": ("footer", "copyright", "colophon"),
    # not "widget": page builders (Elementor, WordPress blocks) call every component one
    "sidebar": ("sidebar", "rail", "aside"),
    "related": ("related", "recommend", "trending", "popular", "mostread", "morestories",
                "outbrain", "taboola", "teaser", "carousel"),
    "share": ("share", "sharing", "social", "sociable", "addthis", "follow"),
    "comment": ("comment", "disqus", "respond", "replies"),
    "promo": ("promo", "sponsor", "advert", "banner", "dfp", "adslot", "adunit", "adsense",
              "ad", "ads"),
    "newsletter": ("newsletter", "subscribe", "subscription", "signup", "optin"),
    "cookie": ("cookie", "consent", "gdpr"),
    "modal": ("modal", "popup", "overlay", "lightbox"),
    "meta": ("byline", "author", "tags", "tagcloud", "taglist", "categories", "metadata",
             "dateline", "timestamp"),
    "caption": ("caption", "credit", "figcaption"),
    # customer reviews and their widgets (chrome on a shop's page, see _dom_rules.is_reviews)
    "review": ("review", "yotpo", "bazaarvoice", "okendo", "jdgm", "trustpilot"),
}
# Class names that hide an element: whole names, or a "hidden" state modifier at the end
# ("modal__hidden", "is-hidden"). Not a name that merely starts with the word
# ("hidden_indents" is a layout class) nor a responsive one ("hidden-md-up").
_HIDDEN_NAME = re.compile(
    r"(?:^|[-_])hidden$|^(?:sr-only|visually-hidden|screen-reader-text|screenreader-only|d-none|hide|offscreen)$"
)
# Names where "hidden" is the value of another property, not the element's state: the
# overflow is clipped ("overflow-hidden", "qu-overflow--hidden", CSS utility classes),
# the field's label is hidden ("field--label-hidden", Drupal), or the element is hidden
# only until a script runs or an image loads ("no-js-hidden", "lazy-hidden"). WCXB-dev:
# whole articles sat in "overflow-hidden" grids and Drupal fields.
_NOT_HIDING = re.compile(r"(?:overflow(?:-[xy])?|label|no-?js|lazy)-+(?:visually-)?hidden$")
# Words naming main content. Strong ones make a class name content even beside a chrome
# word that comes before them ("sidebar-article"? no: "article-body pagination-first" has
# two names); weak ones only when the name has no chrome word ("comment-body" is a comment).
STRONG_CONTENT_WORDS = ("article", "entry", "story", "post", "main")
WEAK_CONTENT_WORDS = ("content", "body", "text")
# Words this short only count as an exact token ("ad" must not match "address").
EXACT_MAX_LEN = 3
_COLLAPSED = regex.compile(r"(?i)collaps|accordion|panel|tab-?content|tab-?pane|expand|toggle-content|faq")
_RESPONSIVE = re.compile(r"(?<![a-z0-9])(?:xs|sm|md|lg|xl|xxl|mobile|desktop|tablet|phone|up|down)(?![a-z0-9])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)
# The class/id name patterns above and below are ASCII-only, so they use the stdlib re
# (same matches, about 1.7x faster than regex on class names: the cost of a page's new names).
# Real class/id lists are under ~200 characters; a huge one is hostile or generated.
MAX_ATTR_CHARS = 512


def _alts(words: tuple[str, ...], exact_max: int) -> str:
    return "|".join(re.escape(w) + (r"(?![a-z0-9])" if len(w) <= exact_max else "") for w in words)


def _word_re(words: tuple[str, ...], exact_max: int = EXACT_MAX_LEN) -> re.Pattern[str]:
    """Tokens (runs of [a-z0-9]) that start with a word, or equal it if it is short."""
    return re.compile(r"(?<![a-z0-9])(?:" + _alts(words, exact_max) + ")")


# One pattern, one named group per family: a match's lastgroup is its family.
_FAMILY_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(f"(?P<{fam}>{_alts(tuple(w.replace('-', '') for w in words), EXACT_MAX_LEN)})"
               for fam, words in HINT_WORDS.items())
    + ")"
)
# "post", "text", "body", "main" must be whole tokens ("textwidget", "posts-list" are not content)
_STRONG_RE = _word_re(STRONG_CONTENT_WORDS, exact_max=4)
_WEAK_RE = _word_re(WEAK_CONTENT_WORDS, exact_max=4)


# Any family, strong or weak content word where the patterns above would match it: a
# name (as ``_name_verdict`` spells it out) without such a match and without a hiding
# name has no verdict, found by one search instead of five. Most names a page uses for
# the first time are such names ("col-md-8", "yui_3_5_1_1", "post-123" is not).
_ANY_WORD = re.compile(
    r"(?<![a-z0-9])(?:"
    + _alts(tuple(w.replace("-", "") for words in HINT_WORDS.values() for w in words), EXACT_MAX_LEN)
    + "|" + _alts(STRONG_CONTENT_WORDS, 4) + "|" + _alts(WEAK_CONTENT_WORDS, 4)
    + ")"
)
_NO_VERDICT: tuple[frozenset[str], bool] = (frozenset(), False)
# Distinct names, class lists and element keys remembered: a few hundred pages' worth
# (AEB's 181 pages use 20,700 names, 17,700 class lists and 19,400 element keys; at
# 8,192 the caches thrashed and every page's elements were read as if new).
CACHE_SIZE = 32768


@lru_cache(maxsize=CACHE_SIZE)
def name_verdict(name: str) -> tuple[frozenset[str], bool]:
    """(chrome families, is content) of one class name or id.

    Compound names are read head-last, as people write them: "post-comments" is a
    comment box, "article-body" is content, "main-nav" is navigation.
    """
    return _name_verdict(name)


def _name_verdict(name: str) -> tuple[frozenset[str], bool]:
    low = name.lower()
    if low != name:  # camelCase words are split only where there are capitals
        low = _CAMEL.sub("-", name).lower()
    if "_" in low:
        low = low.replace("_", "-")
    joined = low + " " + low.replace("-", "")
    if _ANY_WORD.search(joined) is None and _HIDDEN_NAME.search(low) is None:
        return _NO_VERDICT
    return _read_name(low, joined)


def _read_name(low: str, joined: str) -> tuple[frozenset[str], bool]:
    """``_name_verdict`` of a name spelled out: ``low`` (lower case, words split by
    "-"), ``joined`` (``low``, a space, and ``low`` without its "-")."""
    chrome = [(m.start() % (len(low) + 1), m.lastgroup) for m in _FAMILY_RE.finditer(joined)]
    if (_HIDDEN_NAME.search(low) and not _RESPONSIVE.search(low) and not _COLLAPSED.search(low)
            and not _NOT_HIDING.search(low)):
        # ("hidden-md-up", "hidden-mobile": hidden at one screen size, shown at another;
        # "accordion-panel--hidden", "tab-content--hidden": a closed panel a reader opens)
        chrome.append((len(low), "hidden"))
    strong = [m.start() for m in _STRONG_RE.finditer(low)]
    if chrome:
        last_chrome = max(p for p, _ in chrome)
        if strong and max(strong) > last_chrome:
            return frozenset(), True
        return frozenset(f for _, f in chrome), False
    return frozenset(), bool(strong) or bool(_WEAK_RE.search(low))


@lru_cache(maxsize=CACHE_SIZE)
def attr_families(attr: str) -> tuple[frozenset[str], bool]:
    """Chrome families named by class/id names, and whether one of them names content."""
    fams: set[str] = set()
    content = False
    for name in attr.split():
        f, c = name_verdict(name)
        fams |= f
        content = content or c
    return frozenset(fams), content


_NO_FAMILIES: frozenset[str] = frozenset()


def _tag_verdict(tag: str) -> tuple[frozenset[str], bool]:
    fams = frozenset((TAG_FAMILY[tag],)) if tag in TAG_FAMILY else _NO_FAMILIES
    return fams, tag in CONTENT_TAGS


def element_verdict(tag: str, attrs: Any) -> tuple[frozenset[str], bool]:
    """(chrome families, names content) of one element from its tag and attributes."""
    fams, content = _tag_verdict(tag)
    if not attrs:
        return fams, content
    extra: set[str] = set()
    role = (attrs.get("role") or "").strip().lower()
    if role in ROLE_FAMILY:
        extra.add(ROLE_FAMILY[role])
    elif role in CONTENT_ROLES:
        content = True
    if tag not in ("html", "body"):  # page-wide classes ("has-sidebar") say nothing
        cls, ident = attrs.get("class"), attrs.get("id")
        if cls or ident:
            # a class list longer than MAX_ATTR_CHARS is read from its start only
            f, c = attr_families(f"{cls or ''} {ident or ''}"[:MAX_ATTR_CHARS])
            extra |= f
            content = content or c
        # not aria-hidden: it hides from screen readers what is visible on screen
        # (a teaser's duplicate link, an icon), so it says nothing about the page text
        if ("hidden" in attrs or (
            "style" in attrs and _HIDDEN_STYLE.search(attrs["style"])
        )) and not (role in ("region", "tabpanel") or _COLLAPSED.search(f"{cls or ''} {ident or ''}"[:MAX_ATTR_CHARS])):
            # hidden, unless it is a collapsed accordion or tab panel: that is content
            # a reader opens (product details, FAQ answers, docs tabs)
            extra.add("hidden")
    return (fams | extra if extra else fams), content


# The attributes element_verdict reads.
_READ_ATTRS = frozenset(("role", "class", "id", "style", "hidden"))


@lru_cache(maxsize=CACHE_SIZE)
def _cached_verdict(tag: str, role: str | None, cls: str | None, ident: str | None, hidden: bool) -> tuple[frozenset[str], bool]:
    attrs = {k: v for k, v in (("role", role), ("class", cls), ("id", ident)) if v is not None}
    if hidden:
        attrs["hidden"] = ""
    return element_verdict(tag, attrs)


@lru_cache(maxsize=512)
def _bare_verdict(tag: str) -> tuple[frozenset[str], bool]:
    return element_verdict(tag, None)


def _id_verdict(ident: str) -> tuple[frozenset[str], bool]:
    """``attr_families`` of an id, not memoized: ids are mostly unique per page, and
    most are rejected by ``_name_verdict``'s first search."""
    names = ident.split()
    if len(names) == 1:
        return _name_verdict(names[0])
    fams: set[str] = set()
    content = False
    for name in names:
        f, c = _name_verdict(name)
        fams |= f
        content = content or c
    return frozenset(fams), content


_PAGE_TAGS = ("html", "body")


def element_hints(tag: str, el: Any) -> tuple[frozenset[str], bool]:
    """``element_verdict`` of an lxml element, memoized on the attributes it reads.

    Pages repeat the same tag and class list hundreds of times; the verdict is a pure
    function of (tag, role, class, id, hidden), so only an inline style needs reading
    per element. This and ``attr_families``' cache made the DOM walk about twice as fast.
    An id that names no chrome (most do not) is read apart from the rest: ids are
    mostly unique, and in the key they made every element carrying one a cache miss.
    """
    keys = el.keys()
    if not keys or _READ_ATTRS.isdisjoint(keys):  # no attribute the verdict reads (<p>, <a href>)
        return _bare_verdict(tag)
    return attr_hints(tag, el)


def attr_hints(tag: str, el: Any) -> tuple[frozenset[str], bool]:
    """``element_hints`` of an element that has one of the attributes it reads."""
    get = el.get
    style = get("style")
    hidden = get("hidden") is not None or (style is not None and _HIDDEN_STYLE.search(style) is not None)
    cls, ident = get("class"), get("id")
    if ident is None or hidden or tag in _PAGE_TAGS or len(cls or "") + len(ident) >= MAX_ATTR_CHARS:
        return _cached_verdict(tag, get("role"), cls, ident, hidden)
    f, c = _id_verdict(ident)
    if f:  # an id naming chrome (rare): the whole key, so the families' set is built as before
        return _cached_verdict(tag, get("role"), cls, ident, hidden)
    fams, content = _cached_verdict(tag, get("role"), cls, None, False)
    return fams, content or c
