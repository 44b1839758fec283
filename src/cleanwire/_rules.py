"""The rule registry and the context-free (pass 1) rules.

One named rule per kind of chrome. A rule's id is its toggle (``disabled_rules``), the
reason shown by ``explain()``, the key of ``--stats`` and the anchor in docs/rules.md.
Block rules look at one block and its features only; context rules live in
``_context.py``. Patterns that are not words (dates, counters, verification tokens)
are named here; words are in the per-language cue files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex

from . import _dom_rules as dom
from ._lexicon import Lexicon, normalize
from ._types import Block, Decision, Features, Label


@dataclass(frozen=True)
class Rule:
    """A registered rule: stable id, the label it assigns, the pass it runs in, and why."""

    id: str
    label: Label
    stage: str  # "block" (pass 1, context-free) or "context" (pass 2)
    description: str


BlockTest = Callable[[Block, Features, Lexicon], "bool | str"]

# --- named patterns -------------------------------------------------------------------

# "google-site-verification: google0123.html", "yandex-verification: 4f2a..."
# The token is taken whole (possessive) and must end in "verification" (lookbehind):
# "[\w.-]*verification" backtracked through every "verification" of a long token
# ("verificationverification...: x y" took 0.3 s at 300 000 characters, 100x for 10x).
SITE_VERIFICATION = regex.compile(r"(?i)^[\w.-]*+(?<=verification)\s*+[:=]\s*+[\w.-]++$")
# A bare count, or a short reaction label with a count: "0", "3K", "1.2M", "veryGood! (584)".
COUNTER = regex.compile(
    r"^(?:[\d][\d.,]*\s*[KkMm]?\+?(?:\s+[\d][\d.,]*\s*[KkMm]?\+?)*"
    r"|[\p{L}][\p{L}\s!?'’]{0,24}[(\[]\s*\d[\d.,]*\s*[KkMm]?\s*[)\]])$"
)
COPYRIGHT = regex.compile(r"(?i)^(?:©|\(c\)\s|copyright\b)")
# control, format and private-use characters too: a NUL left by a dump, a zero-width
# space, an icon font's glyph carry no text the author wrote
PUNCT_ONLY = regex.compile(r"^[\p{P}\p{S}\p{C}\s]+$")
ISO_DATE = regex.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b")
TIME = regex.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\b", regex.I)
# Leading whitespace is taken only where a whitespace run starts ((?<!\s)): the plain
# "\s*(?:...)" was retried from every position of a long run of spaces (quadratic).
BREADCRUMB_SEP = regex.compile(r"(?:(?<!\s)\s++)?(?:>|›|»|→|/|\|)\s*+")
BREADCRUMB_ARROW = regex.compile(r"\s(?:>|›|»|→)\s")
# Possessive tail: "(?:/[^/]*)?\s*$" gave back the segment one character at a time and
# rescanned its whitespace each time (quadratic: "a/ab:cd/" + 50 000 spaces + "x/"
# took 31 s); a segment that stops at a "/" cannot end the text anyway.
CREDIT_TAIL = regex.compile(r"(?:[(\[]([^()\[\]]{3,160})[)\]]|/\s*([^/]{2,40}:[^/]{2,80})(?:/[^/]*+)?)\s*+$")
WORD = regex.compile(r"\w+")
DIGIT = regex.compile(r"\d")
# "34 ", "[ 167 " before a comments label.
COUNT_PREFIX = regex.compile(r"^\d[\d.,]*\s*[kKmM]?\s+")
# A reading-time line is a label and a number: a few words. In CJK every character is
# a word ("この記事は約3分で読めます" is 13): there a short line counts by characters.
READ_TIME_MAX_WORDS = 6
CJK_LABEL_MAX_CHARS = 20
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# "3 MIN READ" -> "MIN READ" (precompiled: an inline pattern costs a cache look-up per block)
LEADING_NUMBER = regex.compile(r"^\D*\d+\s*")


# --- context-free rule tests ------------------------------------------------------------


def _is_site_verification(b: Block, f: Features, lex: Lexicon) -> bool:
    # the pattern needs a ":" or "=": most lines are ruled out without running it
    return (":" in b.text or "=" in b.text) and bool(SITE_VERIFICATION.match(b.text))


# The last characters a COUNTER match can end on, besides digits and spaces.
_COUNTER_LAST = frozenset(".,+KkMm)]")


def _is_counter(b: Block, f: Features, lex: Lexicon) -> bool:
    last = b.text[-1:]
    # On ASCII, \d and \s are digits and spaces to str too; past ASCII the pattern decides
    # (Unicode versions differ: Python 3.11 does not know some digits the regex module does).
    if f.chars > 40 or not (last in _COUNTER_LAST or last.isdigit() or last.isspace() or not last.isascii()):
        return False
    return bool(COUNTER.match(b.text))


def _is_footer(b: Block, f: Features, lex: Lexicon) -> bool:
    if f.cue == "footer" or f.cue_prefix == "footer":
        return True
    # COPYRIGHT starts with "©", "(c)" or "copyright" in any case
    return f.words <= 30 and b.text[:1] in "©(cC" and bool(COPYRIGHT.match(b.text))


def _is_punct_only(b: Block, f: Features, lex: Lexicon) -> bool:
    return f.words == 0 and bool(PUNCT_ONLY.match(b.text))


def _cue(family: str) -> BlockTest:
    def test(b: Block, f: Features, lex: Lexicon) -> bool:
        return f.cue == family or f.cue_prefix == family

    return test


@lru_cache(maxsize=16)
def _label_re(lex: Lexicon, family: str, tail: str) -> regex.Pattern[str]:
    words = lex.alternation(family)
    return regex.compile(rf"^(?:{words}){tail}" if words else r"(?!)")


@lru_cache(maxsize=16)
def _label_words(lex: Lexicon, family: str) -> tuple[str, ...]:
    return tuple(lex.labels.get(family, ()))


def _label_match(lex: Lexicon, family: str, tail: str, norm: str) -> regex.Match[str] | None:
    """``_label_re(...).match(norm)``; a text starting with no label word is ruled out
    by ``str.startswith`` first (most blocks)."""
    if not norm.startswith(_label_words(lex, family)):
        return None
    return _label_re(lex, family, tail).match(norm)


_ASCII_DIGITS = frozenset("0123456789")  # the ASCII characters DIGIT matches


def _has_digit(text: str) -> bool:
    """``DIGIT.search(text)``; on ASCII text (most lines) a set test, without the regex call."""
    return not _ASCII_DIGITS.isdisjoint(text) if text.isascii() else bool(DIGIT.search(text))


def _is_read_time(b: Block, f: Features, lex: Lexicon) -> bool:
    """Number first ("3 MIN READ", "この記事は約3分で読めます": the ``read_time`` words
    after the number) or label first ("Lesezeit: 4 Min.", "阅读时间：5分钟": a
    ``read_time_label`` word, the number, a ``minutes`` word and nothing after it)."""
    if f.words > READ_TIME_MAX_WORDS and not (f.chars <= CJK_LABEL_MAX_CHARS and CJK.search(b.text)) or not _has_digit(b.text):
        return False
    if _label_match(lex, "read_time", r"\b", normalize(LEADING_NUMBER.sub("", b.text, count=1))):
        return True
    norm = normalize(b.text)
    return bool(_label_match(lex, "read_time_label", "", norm) and _read_time_label_re(lex).match(norm))


@lru_cache(maxsize=4)
def _read_time_label_re(lex: Lexicon) -> regex.Pattern[str]:
    """label, an optional colon ("：" is ":" once normalised) and approximation word
    (``approx``), the number (a range too: "4-6"), a ``minutes`` word, the end. No space
    is needed between the parts: CJK writes "阅读时间：约5分钟"."""
    labels, minutes, approx = lex.alternation("read_time_label"), lex.alternation("minutes"), lex.alternation("approx")
    if not (labels and minutes):
        return regex.compile(r"(?!)")
    approx_part = rf"(?:(?:{approx})\.?\s*)?" if approx else ""
    return regex.compile(rf"^(?:{labels})\s*:?\s*{approx_part}\d+(?:\s*[-–]\s*\d+)?\s*(?:{minutes})$")


@lru_cache(maxsize=16)
def _date_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(month names, words of date labels) of a lexicon."""
    return frozenset(lex.labels.get("month", ())), frozenset(w for lw in lex.labels.get("date", ()) for w in lw.split())


def _is_dateline(b: Block, f: Features, lex: Lexicon) -> bool:
    """A short line that is a date (plus time, a date label or one section word)."""
    if f.words > 10 or f.terminal_punct and f.words > 6 or not _has_digit(b.text):
        return False
    rest = TIME.sub(" ", ISO_DATE.sub(" ", b.text))
    had_numeric = rest != b.text
    norm = normalize(rest)
    words = norm.split()
    months, label_words = _date_words(lex)
    named = [w for w in words if w.strip(".,") in months]
    if not had_numeric and not (named and any(w.isdigit() for w in words)):
        return False
    left = [
        w for w in WORD.findall(norm)
        if not w.isdigit() and w not in months and w not in label_words and w not in ("th", "st", "nd", "rd")
    ]
    return len(left) <= 1


def _is_byline(b: Block, f: Features, lex: Lexicon) -> bool:
    # "By Jane Doe", or with a colon: "Von: Jane Doe", "作者：李明" (NFKD makes "：" ":")
    if f.words > 8 or f.terminal_punct:
        return False
    return bool(_label_match(lex, "byline", r"(?:\s*:\s*|\s+)[^\s:]", normalize(b.text)))


def _is_source_credit(b: Block, f: Features, lex: Lexicon) -> bool:
    if f.words > 8:
        return False
    head, sep, tail = _colon_split(b.text)
    return bool(sep and tail.strip()) and normalize(head) in lex.labels.get("source", ())


def _colon_split(text: str) -> tuple[str, str, str]:
    """``text.partition(":")``, at a full-width colon ("来源：新华社", "写真：...") when
    that comes first."""
    head, sep, tail = text.partition(":")
    if "：" in head:
        return text.partition("：")
    return head, sep, tail


def _is_breadcrumb(b: Block, f: Features, lex: Lexicon) -> bool:
    if f.terminal_punct and f.words > 12:
        return False
    if not any(map(b.text.__contains__, ">›»→")):
        return f.words <= BREADCRUMB_SLASH_MAX_WORDS and " / " in b.text and _is_slash_breadcrumb(b.text, lex)
    # the cheap search first: it rules out almost every block before the split
    if not BREADCRUMB_ARROW.search(b.text):
        return False
    parts = [p for p in BREADCRUMB_SEP.split(b.text) if p.strip()]
    if len(parts) < 2:
        return False
    home = lex.labels.get("home", ())
    first = normalize(parts[0].split(":")[-1])
    return first in home or len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts[:-1])


def _is_slash_breadcrumb(text: str, lex: Lexicon) -> bool:
    """"Home / News / World": slashes count only after a home word (a slash also
    separates "and/or", dates and paths)."""
    parts = [p.strip() for p in text.split(" / ")]
    return len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts) and normalize(parts[0]) in lex.labels.get("home", ())


# A slashed trail is short: a few sections of a few words.
BREADCRUMB_SLASH_MAX_WORDS = 16


def _is_comment_section(b: Block, f: Features, lex: Lexicon) -> bool:
    """A comment-section heading: "34 Comments", "12 responses to ...", "[ 167 comments ]"."""
    if f.words > 12 or f.terminal_punct and not b.text.endswith("..."):
        return False
    norm = normalize(b.text)
    # the count starts with a \d: an ASCII digit, or a character past ASCII (see _is_counter)
    counted = COUNT_PREFIX.match(norm) if norm[:1].isdigit() or not norm[:1].isascii() else None
    rest = norm[counted.end():] if counted else norm
    m = _label_match(lex, "comments", r"(?=\s|$)", rest)
    if m:
        return m.end() == len(rest) or bool(counted) or f.words <= 3
    # "Reply" alone is a button under every forum post; only "12 replies" heads a section
    return bool(counted) and bool(_label_match(lex, "comments_counted", r"(?=\s|$)", rest))


def _is_comment_header(b: Block, f: Features, lex: Lexicon) -> bool:
    """The header of one comment: "Jane says:", "Alex on May 3, 2019 at 6:34 am said:"."""
    if f.words > 16 or not f.colon_end:
        return False
    last = normalize(b.text).rsplit(" ", 1)[-1]
    return f.words >= 2 and last in lex.labels.get("says", ())


def _is_caption(b: Block, f: Features, lex: Lexicon) -> bool:
    """A photo caption: ends with a credit naming a photo, or is a bare 'Photo: X' credit."""
    if is_bare_credit(b.text, lex, f.words):
        return True
    if not (b.text.endswith((")", "]")) or "/" in b.text):
        return False  # neither a bracketed nor a slashed credit can end this block
    m = CREDIT_TAIL.search(b.text)
    if not m:
        return False
    inner = normalize(m.group(1) or m.group(2) or "")
    return bool(_credit_re(lex).search(inner))


# A credit names a photographer or an agency: a few words ("Jens Möller/dpa", "Adobe
# Stock / Anna Weber"). "Image: Jose Mourinho, left, has replaced ..." is a caption.
CREDIT_NAME_MAX_WORDS = 6


def is_bare_credit(text: str, lex: Lexicon, words: int | None = None, name_only: bool = False) -> bool:
    """A credit line on its own: a credit label and a colon ("Photo: X", "写真：X"), or
    an abbreviated label ("Fot. X"). ``words``: the line's word count, if known.
    ``name_only``: what follows the label must be a name, not a caption (at most
    ``CREDIT_NAME_MAX_WORDS`` words, no sentence end)."""
    head, sep, tail = _colon_split(text)
    if sep and len(head) <= 30 and normalize(head) in lex.labels.get("photo_credit", ()):
        return not name_only or _name_like(tail)
    if words is None:
        words = len(text.split())
    return words <= CREDIT_ABBREV_MAX_WORDS and _is_abbreviated_credit(text, lex) \
        and (not name_only or _name_like(text.partition(".")[2]))


def _name_like(tail: str) -> bool:
    """A credit's name part: a few words (a CJK name is one "word": CJK_LABEL_MAX_CHARS
    characters at most), not ending a sentence."""
    t = tail.strip()
    return bool(t) and len(t.split()) <= CREDIT_NAME_MAX_WORDS and len(t) <= 80 and not t.endswith((".", "。", "!", "?")) \
        and (not CJK.search(t) or len(t) <= CJK_LABEL_MAX_CHARS)


# "Fot. Piotr Nowak / Agencja Gazeta": an abbreviated credit label with a name or two.
CREDIT_ABBREV_MAX_WORDS = 10


def _is_abbreviated_credit(text: str, lex: Lexicon) -> bool:
    """A credit label written as an abbreviation with its dot, the ``credit_abbrev``
    labels ("Fot. X"), followed by a name, not a sentence."""
    word, dot, rest = text.partition(".")
    return bool(dot) and rest[:1].isspace() and normalize(word) in lex.labels.get("credit_abbrev", ()) \
        and bool(rest.strip()) and not rest.rstrip().endswith((".", "!", "?"))


@lru_cache(maxsize=4)
def _credit_re(lex: Lexicon) -> regex.Pattern[str]:
    """A credit word where a credit puts it: first ("Photo: ...", "Photo by ..."), last
    ("... / Getty Images"), before ":", "/" or "," ("AP Photo/...") or before a joiner
    word, the ``credit_joiner`` labels ("Pool Photo via AP"). Inside a phrase it is a
    description ("(page images at the archive)" ends every entry of a catalogue)."""
    words = lex.alternation("photo_credit")
    if not words:
        return regex.compile(r"(?!)")
    joiners = lex.alternation("credit_joiner")
    before_joiner = rf"|\s+(?:{joiners})\b" if joiners else ""
    return regex.compile(rf"^(?:{words})\b|(?<!\w)(?:{words})(?:\s*+$|\s*+[:/,;]{before_joiner})")


# --- the registry -----------------------------------------------------------------------

# Order matters: the first block rule that fires decides the block.
# DOM rules (HTML mode only: they look at ``block.dom``) are defined in _dom_rules.py.
# They come first: a box the DOM marks as chrome needs no text rule (and most blocks of
# a page are such boxes, so this also saves time).
BLOCK_RULES: tuple[tuple[Rule, BlockTest], ...] = (
    (Rule("dom-title", Label.TITLE, "block", "the page's headline: a top heading matching its <title> or og:title (HTML)"), dom.is_dom_title),
    (Rule("json-ld-body", Label.BODY, "block", "text of the page's JSON-LD articleBody or Product description (HTML)"), dom.is_json_ld_body),
    (Rule("dom-hidden", Label.CHROME, "block", "inside a hidden element (HTML)"), dom.is_hidden),
    (Rule("dom-caption", Label.CAPTION, "block", "inside a <figcaption> or caption/credit box (HTML)"), dom.is_dom_caption),
    (Rule("dom-boilerplate", Label.CHROME, "block", "inside nav/footer/aside/form/header or a box whose class/id names chrome (HTML)"), dom.is_boilerplate),
    (Rule("dom-comments", Label.CHROME, "block", "inside a comment section that is not the page's main text (HTML)"), dom.is_comment),
    (Rule("dom-reviews", Label.CHROME, "block", "inside a customer-review box on a page that does not declare an article (HTML)"), dom.is_reviews),
    (Rule("dom-meta", Label.CHROME, "block", "inside a byline/tags/metadata box (HTML)"), dom.is_meta),
    (Rule("link-dense", Label.CHROME, "block", "mostly link text: a menu, teaser or tag list (HTML)"), dom.is_link_dense),
    (Rule("site-verification", Label.CHROME, "block", "a site-ownership verification token"), _is_site_verification),
    (Rule("counter", Label.CHROME, "block", "a bare count or reaction counter (\"0\", \"3K\", \"Like (12)\")"), _is_counter),
    (Rule("punctuation-only", Label.CHROME, "block", "a lone bullet, dash, separator or icon glyph (punctuation, symbols, control or private-use characters only)"), _is_punct_only),
    (Rule("login-prompt", Label.CHROME, "block", "a login / register / password prompt"), _cue("login")),
    (Rule("share-widget", Label.CHROME, "block", "a share / like / follow widget label"), _cue("share")),
    (Rule("comment-form", Label.CHROME, "block", "comment-form text (\"Leave a Reply\", \"Your email address will not be published\")"), _cue("comment_form")),
    (Rule("footer", Label.CHROME, "block", "copyright, privacy and other footer links"), _is_footer),
    (Rule("comment-section", Label.CHROME, "block", "a comment-section heading (\"34 Comments\", \"12 responses to ...\"); the body ends before it"), _is_comment_section),
    (Rule("comment-header", Label.CHROME, "block", "the author line of one comment (\"Jane says:\")"), _is_comment_header),
    (Rule("section-label", Label.CHROME, "block", "a chrome section heading (\"Related\", \"Explore\", \"Sponsor\")"), _cue("section")),
    (Rule("inline-related", Label.CHROME, "block", "a teaser glued to its label (\"RelatedSome headline\")"), _cue("inline_related")),
    (Rule("read-time", Label.CHROME, "block", "a reading-time line (\"3 MIN READ\")"), _is_read_time),
    (Rule("dateline", Label.CHROME, "block", "a date / time line, possibly with a label"), _is_dateline),
    (Rule("byline", Label.BYLINE, "block", "an author line (\"By Staff Reporter\")"), _is_byline),
    (Rule("source-credit", Label.CHROME, "block", "a source credit (\"SOURCE: Reuters\")"), _is_source_credit),
    (Rule("breadcrumb", Label.CHROME, "block", "a breadcrumb trail (\"Home > World > ...\")"), _is_breadcrumb),
    (Rule("photo-caption", Label.CAPTION, "block", "a photo caption or credit"), _is_caption),
)

# Rules of pass 2, defined in _context.py; registered here so the registry is complete.
CONTEXT_RULES: tuple[Rule, ...] = (
    Rule("caption-above-credit", Label.CAPTION, "context", "text mode: a short line directly above a bare photo credit (\"Foto: Jens Möller/dpa\", \"写真：...\"): the photo's caption"),
    Rule("after-comments", Label.CHROME, "context", "after a comment-section heading that follows the body (not a reply count repeated under every post)"),
    Rule("after-footer", Label.CHROME, "context", "text mode: after the page's last copyright line, when a body comes before it (a policy or size chart the page shows on demand)"),
    Rule("prose-run", Label.BODY, "context", "text mode, a page where no block scored as body (prose in a language the scorer reads low): the sentence paragraphs of its longest run of them"),
    Rule("record-list", Label.BODY, "context", "a run of records (name or headline with a recurring date, author or count) that is the page's main content"),
    Rule("related-list", Label.CHROME, "context", "a headline list under a chrome section heading"),
    Rule("repeated-title", Label.CHROME, "context", "the title repeated further down"),
    Rule("shop-widget", Label.CHROME, "context", "inside the body region, a shop or listing control (\"Add to cart\", \"Compare\", \"Sort by\", \"Filters\", \"Out of stock\")"),
    Rule("repeated-block", Label.CHROME, "context", "text mode: a later copy of a block already kept (a layout repeated on the page)"),
    Rule("standfirst", Label.BODY, "context", "the sentence above the byline / date / caption that opens the article, and up to two paragraphs directly above it"),
    Rule("title", Label.TITLE, "context", "the headline just before the body"),
    Rule("low-score", Label.CHROME, "context", "inside the body region, but scored far from prose"),
    Rule("recheck", Label.CHROME, "context", "dropped when the kept text was labelled again (its neighbours changed once chrome was removed)"),
    Rule("second-opinion", Label.CHROME, "context", "HTML, pages not declaring an article: against the body region, the second-opinion extractor's verdict decides a block whose own evidence is weak"),
    Rule("outside-article", Label.CHROME, "context", "HTML: a kept block after the DOM box that holds the page's prose (teaser cards, an author's box, the site's pitch); on pages not declaring an article, not an item of the page's repeated structure"),
    Rule("listing-item", Label.BODY, "context", "HTML: an item of the repeated structure holding the page's content (a listing's cards) on a page that is not an article"),
    Rule("block-model", Label.BODY, "context", "HTML: the learned block classifier (DOM evidence, rules, scores, neighbours) is clearly on the other side of the decision so far; keeps or drops the block"),
    Rule("text-model", Label.BODY, "context", "text: the learned line classifier (the decision so far and its rule, block and context scores, line shape, neighbours, page measures) is clearly on the other side of the decision so far; keeps or drops the line"),
    Rule("shop-section", Label.CHROME, "context", "HTML: on a page that declares one product, the section under a heading naming a shop section (\"Customer reviews\", \"Frequently bought together\", \"Similar items\"), to the next heading of its level"),
    Rule("duplicate-block", Label.CHROME, "context", "HTML: a second copy of a kept block (another layout of the same content) on a page that is neither an article nor documentation (a table row repeating another is data, not a copy)"),
    Rule("section-heading", Label.BODY, "context", "HTML, pages declaring an article: an h2-h6 heading dropped as low-scoring inside the body region (or just above it), directly above a kept block: the heading of the article's section"),
    Rule("article-list", Label.BODY, "context", "HTML, pages declaring an article: a list item dropped as low-scoring inside the body region (an article's bullet points)"),
    Rule("table-rows", Label.BODY, "context", "HTML, pages declaring an article, last: a row of a table of 5+ rows dropped as link-dense or as a date (or as low-scoring in a table mostly kept): a list of records, not a menu"),
    Rule("thread-post", Label.BODY, "context", "HTML, pages declaring an article, last: a post of a thread laid out as 3+ repeated sibling boxes that carry a post's date (\"2 hours ago\") and hold more words than the rest of the kept text (a news article's comment section holds less and stays chrome)"),
    Rule("outside-body", Label.CHROME, "context", "outside the main body region"),
    Rule("body", Label.BODY, "context", "inside the main body region"),
)

RULES: dict[str, Rule] = {r.id: r for r, _ in BLOCK_RULES} | {r.id: r for r in CONTEXT_RULES}


# The only block rules that can fire on a block longer than LONG_BLOCK_WORDS words that
# matched no cue (the others test for a cue or for a short block), in registry order.
LONG_BLOCK_WORDS = 16
_LONG_RULE_IDS = ("counter", "footer", "breadcrumb", "photo-caption")
_LONG_RULES = tuple((r, t) for r, t in BLOCK_RULES if r.id in _LONG_RULE_IDS)
# DOM rules never fire on a block without DOM hints (text mode): its fast paths skip them.
_DOM_RULE_IDS = frozenset(r.id for r, t in BLOCK_RULES if t.__module__ == dom.__name__)
_TEXT_RULES = tuple((r, t) for r, t in BLOCK_RULES if r.id not in _DOM_RULE_IDS)
# Rules that only test for a cue family cannot fire on a block that matched no cue.
_CUE_ONLY_IDS = ("login-prompt", "share-widget", "comment-form", "section-label", "inline-related")
_NO_CUE_RULES = tuple((r, t) for r, t in BLOCK_RULES if r.id not in _CUE_ONLY_IDS and r.id not in _DOM_RULE_IDS)
assert len(_LONG_RULES) == len(_LONG_RULE_IDS)


def apply_block_rules(
    block: Block, features: Features, lexicon: Lexicon, disabled: frozenset[str]
) -> Decision | None:
    """The decision of the first enabled block rule that fires, or None."""
    every, text, long, no_cue = _enabled(disabled)
    rules = every
    if block.dom is None:
        # same result, fewer tests (text mode)
        if features.cue is None and features.cue_prefix is None:
            rules = long if features.words > LONG_BLOCK_WORDS else no_cue
        else:
            rules = text
    for rule, test in rules:
        hit = test(block, features, lexicon)
        if hit:
            # a test may return a string naming what it saw ("class/id says 'share'")
            why = f"{rule.description}: {hit}" if isinstance(hit, str) else rule.description
            return Decision(rule.label, rule.id, why)
    return None


RuleList = tuple[tuple[Rule, BlockTest], ...]


@lru_cache(maxsize=32)
def _enabled(disabled: frozenset[str]) -> tuple[RuleList, RuleList, RuleList, RuleList]:
    """BLOCK_RULES, _TEXT_RULES, _LONG_RULES and _NO_CUE_RULES without the ``disabled`` ones."""
    return tuple(  # type: ignore[return-value]
        tuple((r, t) for r, t in rules if r.id not in disabled) for rules in (BLOCK_RULES, _TEXT_RULES, _LONG_RULES, _NO_CUE_RULES)
    )
