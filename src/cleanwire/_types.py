"""The values that flow between pipeline stages: all frozen, all plain data.

text -> ``Block`` -> ``Features`` -> ``LabeledBlock`` -> ``Document``.
A stage never mutates what it was given; it returns new values of these types.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple


# HTML's heading elements, and those below the page's title: a section's or an item's.
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SUBHEADING_TAGS = frozenset(HEADING_TAGS[1:])


class Label(str, Enum):
    """What a block is. Only BODY (and, on request, TITLE/CAPTION) reaches ``clean()``."""

    TITLE = "title"
    BODY = "body"
    BYLINE = "byline"
    CAPTION = "caption"
    CHROME = "chrome"

    def __str__(self) -> str:  # so f-strings print "body", not "Label.BODY"
        return self.value


class Block(NamedTuple):
    """One unit of the input: a non-blank line of text (or a hard-wrapped paragraph), or a
    DOM block of HTML.

    ``start``/``end`` index the original input string (``text`` is
    ``input[start:end]`` stripped of surrounding whitespace; for the lines of a
    hard-wrapped paragraph, joined into one block by ``_text_exports``, each line stripped and
    the lines joined by one space). ``gap_before`` counts the
    blank lines that preceded the block. ``dom`` carries DOM evidence when the block
    came from HTML, and is ``None`` in text mode.

    A named tuple, like ``Features``: one is built for every line of every page, and a
    frozen dataclass costs a Python ``object.__setattr__`` call per field to build.
    """

    index: int
    text: str
    start: int
    end: int
    gap_before: int = 0
    dom: DomHints | None = None


@dataclass(frozen=True, slots=True)
class DomHints:
    """DOM evidence for a block extracted from HTML (absent in text mode)."""

    tag: str = ""
    path: str = ""
    link_density: float = 0.0
    hints: tuple[str, ...] = ()
    """Chrome families named by the block's element or its ancestors (``"nav"``,
    ``"related"``, ``"comment"``...), innermost first; ``"+content"`` when an ancestor
    says main content (``<article>``, ``<main>``, ``class="entry-content"``); ``"+item"``
    when the block sits in one item of the page's repeated structure (a listing's cards)."""
    in_json_ld: bool = False
    """The block's text is part of the page's JSON-LD ``articleBody``."""
    second_opinion: bool | None = None
    """Whether the second-opinion extractor (trafilatura) kept this block's text;
    ``None`` when it was not run."""
    article_page: bool = False
    """The page declares itself an article (og:type, JSON-LD type): one body region
    is then expected, where other pages (services, docs, forums) spread theirs."""
    product_page: bool = False
    """The page declares one product (og:type, one JSON-LD ``Product``): a grid of
    priced items on it is other products, not an item group of the page's content."""
    boxes: tuple[int, ...] = ()
    """Ids of the container elements (``div``, ``section``, ``article``, ``li``...) the
    block sits in, innermost first; ids number the page's elements in document order,
    so a box's descendants have larger ids than the box."""
    box_groups: tuple[int, ...] = ()
    """The sibling group of each of ``boxes`` (same order): boxes with the same tag and
    shared class names under one parent share a group id (a table's rows, a thread's
    posts, a listing's cards), so the number of distinct boxes of a group is how often
    the structure repeats."""


class Features(NamedTuple):
    """Context-free measurements of one block (pass 1 input).

    A named tuple rather than a frozen dataclass: equally immutable and read by
    attribute, but built about ten times faster (a frozen dataclass sets each of its
    16 fields through ``object.__setattr__``), and one is built for every distinct
    line of every page. ``f._replace(...)`` makes a changed copy.
    """

    words: int
    chars: int
    stop_ratio: float
    terminal_punct: bool
    ellipsis_end: bool
    title_case_ratio: float
    digit_ratio: float
    cue: str | None
    """The chrome cue family this block's whole text matches, e.g. ``"section"``."""
    cue_prefix: str | None
    """A cue family the block starts with (glued or followed by a separator)."""
    duplicate_of: int | None
    """Index of an earlier block with the same text, if any."""
    punct_ratio: float = 0.0
    """Share of characters that are neither word characters nor spaces."""
    separators: int = 0
    """Inline separators typical of menus and metadata: ``|``, ``•``, ``·``, ``/``, ``»``."""
    list_marker: bool = False
    """Starts with a bullet, dash or "1." / "2)" marker."""
    colon_end: bool = False
    """Ends with ``:`` (a label or a lead-in to a list)."""
    url_like: bool = False
    """Contains a URL, a bare domain or an e-mail address."""
    upper_ratio: float = 0.0
    """Share of letters that are upper case (ALL-CAPS labels, headings)."""


# Decision and LabeledBlock are made for every block of every page. The ``__init__``
# a frozen dataclass generates sets each field with ``object.__setattr__(self, name,
# value)``; theirs below set the slots through the slot descriptors directly (bound
# once, ``_SET_*``), which takes about 40% less time. Same parameters and defaults,
# and the instances stay frozen (assignment still raises FrozenInstanceError).


@dataclass(frozen=True, slots=True, init=False)
class Decision:
    """A label together with the rule that chose it and why.

    ``evidence`` lists ``(feature, contribution)`` pairs when a scorer decided.
    """

    label: Label
    rule: str
    reason: str
    evidence: tuple[tuple[str, float], ...] = ()

    def __init__(self, label: Label, rule: str, reason: str, evidence: tuple[tuple[str, float], ...] = ()) -> None:
        _SET_LABEL(self, label)
        _SET_RULE(self, rule)
        _SET_REASON(self, reason)
        _SET_EVIDENCE(self, evidence)


_SET_LABEL, _SET_RULE, _SET_REASON, _SET_EVIDENCE = (
    Decision.label.__set__, Decision.rule.__set__, Decision.reason.__set__, Decision.evidence.__set__  # type: ignore[attr-defined]
)


@dataclass(frozen=True, slots=True, init=False)
class LabeledBlock:
    """A block with its final decision and the context-free decision it started from."""

    block: Block
    decision: Decision
    initial: Decision
    score: float = 0.0

    def __init__(self, block: Block, decision: Decision, initial: Decision, score: float = 0.0) -> None:
        _SET_BLOCK(self, block)
        _SET_DECISION(self, decision)
        _SET_INITIAL(self, initial)
        _SET_SCORE(self, score)

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def span(self) -> tuple[int, int]:
        return (self.block.start, self.block.end)

    @property
    def label(self) -> Label:
        return self.decision.label

    @property
    def rule(self) -> str:
        return self.decision.rule

    @property
    def reason(self) -> str:
        return self.decision.reason


_SET_BLOCK, _SET_DECISION, _SET_INITIAL, _SET_SCORE = (
    LabeledBlock.block.__set__, LabeledBlock.decision.__set__, LabeledBlock.initial.__set__, LabeledBlock.score.__set__  # type: ignore[attr-defined]
)


@dataclass(frozen=True, slots=True)
class Document:
    """The result of ``extract()``: title, body and every block with its decision."""

    title: str | None
    body: str
    blocks: tuple[LabeledBlock, ...]
    language: str | None = None
    skipped: str | None = None
    """Why the input was not processed (for example ``"max-bytes"``), else ``None``."""

    def removed_by_rule(self) -> dict[str, int]:
        """Characters of input removed, per rule id."""
        out: dict[str, int] = {}
        for lb in self.blocks:
            if lb.label is not Label.BODY:
                out[lb.rule] = out.get(lb.rule, 0) + len(lb.text)
        return out
