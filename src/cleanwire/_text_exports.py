"""Stage 1b (text mode): text exports read as a browser shows the page.

Hard-wrapped paragraphs become one block each (``unwrap``). The rules read each line
without the syntax exports add (``reading_view``): a short list item's bullet, Markdown
links, images, bold, heading and quotation marks; the output keeps the lines as
written.

Text exports such as ``lynx -dump``, ``w3m -dump``, html2text or ``fmt`` break every
paragraph into lines of at most a fixed width. Each such line alone looks like a
fragment (no sentence end, a few words: the shape of a menu item or a headline), and
the rules would judge it as one. So on a page that reads as wrapped, a line is joined
with the line below it when the latter's first word would not have fitted after it:
the wrapper broke the line there, not the author.

A page reads as wrapped when several different "full" lines (at the width of its
longest line with a space) go on in lower case on the next line, as a sentence broken
mid-way does. A line is only ever joined to the line right below it (no blank line
between), so text whose paragraphs are separated by blank lines, as ``clean()``'s
output is, never changes: cleaning stays idempotent. A joined block's text is its
lines, stripped, joined by one space; its span runs from the first line's start to the
last line's end.
"""

from __future__ import annotations

import regex

from ._blocks import LINE_BREAKS
from ._features import ends_sentence
from ._rules import CJK
from ._types import Block

# Widths text wrappers use lie between these (html2text 78, lynx and fold 80, fmt 75,
# Markdown exports up to about 120); lists of short lines lie below the lower one.
MIN_WIDTH = 40
MAX_WIDTH = 160
# A page is wrapped when at least this many different full lines go on in lower case
# (one or two happen by chance on a page of long headlines).
MIN_CONTINUED = 3
# A longer first "word" is a line of a script written without spaces (Chinese,
# Japanese), whose words are not measured here, or a URL: neither marks a wrap.
MAX_WORD = 40


def unwrap(text: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """``blocks`` (``split_blocks(text)``) with each run of wrapped lines joined into one
    block; ``blocks`` itself when the page does not read as wrapped."""
    full = wrapped_lines(text, blocks)
    if not any(full):
        return blocks
    out: list[Block] = []
    i, n = 0, len(blocks)
    while i < n:
        j = i
        while full[j]:
            j += 1
        first, last = blocks[i], blocks[j]
        if j == i:
            out.append(first._replace(index=len(out)))
        else:
            joined = " ".join(b.text for b in blocks[i : j + 1])
            out.append(Block(len(out), joined, first.start, last.end, first.gap_before))
        i = j + 1
    return tuple(out)


def wrapped_lines(text: str, blocks: tuple[Block, ...]) -> list[bool]:
    """Per block: did a wrapper break the paragraph after this line (so the next line
    goes on with it)? All False when the page does not read as wrapped."""
    n = len(blocks)
    none = [False] * n
    if n <= MIN_CONTINUED:
        return none
    # most pages hold a paragraph longer than any wrap width: nothing more to measure
    longest = max((b.text for b in blocks), key=len)
    if len(longest) > MAX_WIDTH and " " in longest:
        return none
    ends = _end_columns(text, blocks)
    breakable = [c for b, c in zip(blocks, ends) if " " in b.text]
    if not breakable or not MIN_WIDTH <= max(breakable) <= MAX_WIDTH:
        return none
    width = max(breakable)
    full = [False] * n
    for i in range(n - 1):
        line, after = blocks[i].text, blocks[i + 1]
        if after.gap_before or " " not in line:
            continue
        word = _first_word(after.text)
        # A full line that ends a sentence, above a line that starts anew, may end its
        # block too (a caption above its credit, a paragraph above a heading): the two
        # stay apart. Splitting a paragraph at a sentence costs little; joining a
        # caption to its credit or a heading to a paragraph costs both their labels.
        full[i] = (word <= MAX_WORD and ends[i] + 1 + word > width
                   and (_goes_on(after.text) or not ends_sentence(line)))
    # A wrapper breaks sentences mid-way, so the line after a full one mostly goes on in
    # lower case; lines that merely happen to be long (a listing's titles) are followed
    # by a capital, a digit or a symbol. The same line repeated (a menu shown twice)
    # counts once.
    continued = {blocks[i].text for i in range(n) if full[i] and _goes_on(blocks[i + 1].text)}
    return full if len(continued) >= MIN_CONTINUED else none


def _first_word(text: str) -> int:
    """Length of the first space-delimited word of ``text``."""
    cut = text.find(" ")
    return len(text) if cut < 0 else cut


def _goes_on(text: str) -> bool:
    """Does ``text`` start with a letter that is not a capital (lower case, or a script
    without case that spaces its words, such as Hangul or Arabic)? Chinese and Japanese
    characters do not count: their lines have no spaces to wrap at."""
    first = text[:1]
    return first.isalpha() and not first.isupper() and not CJK.match(first)


def _end_columns(text: str, blocks: tuple[Block, ...]) -> list[int]:
    """The column each block's line ends at, indentation counted as a wrapper counts it.

    ``blocks`` are ``split_blocks(text)``: one line each, so a line break lies between
    two of them, and a line's indentation is what follows the last break before its
    block. Only that gap is searched, never the text before it (a backward search to
    the start of the text from every line would make long pages quadratic)."""
    out = []
    prev = 0
    for b in blocks:
        gap = text[prev : b.start]
        # what follows the gap's last break (none: the text's first line); most lines
        # end their gap with the break itself
        indent = 0 if gap and gap[-1] in LINE_BREAKS else len(gap) - 1 - max(map(gap.rfind, LINE_BREAKS))
        out.append(indent + b.end - b.start)
        prev = b.end
    return out

# The bullets text exports put before list items (lynx's "*" and "+", w3m's "•", "◦",
# "▪"), which a browser's innerText, what the scorer learned from, leaves out. Only a
# short item's bullet is dropped: menus are made of them, while a long line after an
# asterisk is as often a footnote written so ("* Dates subject to change").
BULLETS = frozenset("*+•◦▪‣")
MAX_ITEM_WORDS = 7


# Markdown, which crawlers made for language models write ("[Sport](/sport)",
# "![Photo](/a.jpg)"): a link reads as its text, an image as its description, as a
# browser shows them. Lengths are bounded so a line of brackets cannot make it slow.
_MD_LINK = regex.compile(r"!?\[([^\[\]\n]{0,400}+)\]\([^()\s]{0,2000}+(?:\s+\"[^\"\n]{0,400}+\")?\)")
# Bold, "**Note:**", reads as plain text; only in pairs, as a lone "**" marks a footnote.
_MD_BOLD = regex.compile(r"\*\*(?=\S)([^*\n]{1,400}+)(?<=\S)\*\*")
# A heading's or a quotation's mark at the start of a line ("## Related", "> Quote").
_MD_PREFIX = regex.compile(r"(?:#{1,6}|>)[ \t]+")
# What a line must hold for the reading view to change it (besides a leading bullet).
_MD_MARKS = ("](", "**", "# ", "> ")


def reading_view(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """``blocks`` as the rules read them: the bullet of a short list item dropped
    (``"* Sport"`` reads as ``"Sport"``), Markdown links and images read as their text
    (``"[Sport](/sport)"`` as ``"Sport"``), bold as plain text, and a heading or a
    quotation without its mark (``"## Related"`` as ``"Related"``). The output keeps the
    blocks as written."""
    texts = [b.text for b in blocks]
    page = "\n".join(texts)
    if BULLETS.isdisjoint(t[:1] for t in texts) and not any(mark in page for mark in _MD_MARKS):
        return blocks  # most pages: nothing to read differently
    out = list(blocks)
    for i, b in enumerate(blocks):
        text = b.text
        if "](" in text:
            # twice: a linked image, "[![Logo](/logo.png)](/)", is a link around an image
            text = _MD_LINK.sub(r"\1", _MD_LINK.sub(r"\1", text)).strip() or text
        if "**" in text:
            text = _MD_BOLD.sub(r"\1", text)
        if _bulleted(text):
            text = text[2:].lstrip()
        m = _MD_PREFIX.match(text)  # the line is stripped: text follows the mark
        if m:
            text = text[m.end():]
        if text is not b.text:
            out[i] = b._replace(text=text)
    return tuple(out)


def _bulleted(text: str) -> bool:
    """Is ``text`` a bullet, a space and at most ``MAX_ITEM_WORDS`` words?"""
    return text[:1] in BULLETS and text[1:2] == " " and text.count(" ") <= MAX_ITEM_WORDS - 1
