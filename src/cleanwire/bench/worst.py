"""The worst-pages report: where cleanwire loses most, line by line, with rule ids.

For each of the N lowest-F1 pages (N per page type on WCXB) it lists the lines
cleanwire kept that the gold lacks (false keeps) and the input lines the gold has
that cleanwire dropped (false drops), each with the id of the rule that decided.
"In gold" is approximate and cheap: a line of 4+ tokens is in gold when its lower-cased
token sequence occurs in the gold's (``metrics.token_key``); a shorter line (a menu
item, a heading) only when it equals a whole gold line, since a word or two occur in
almost any long gold by chance. Lines without tokens are ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import cleanwire

from .datasets import Page, read_html
from .metrics import token_key
from .scoring import Result

MAX_LINES = 25
"""Lines listed per kind and page; the rest are counted."""
LINE_CHARS = 160
"""Characters of each listed line; enough to recognise it."""
SHORT_LINE_TOKENS = 4
"""Lines with fewer tokens must match a whole gold line (AEB's shingle length)."""


def gold_matcher(gold: str) -> Callable[[str], bool]:
    """A predicate telling whether a line's text is (approximately) in ``gold``."""
    whole = token_key(gold)
    lines = frozenset(token_key(line) for line in gold.splitlines())

    def in_gold(text: str) -> bool:
        key = token_key(text)
        if len(key.split()) >= SHORT_LINE_TOKENS:
            return key in whole
        return key in lines

    return in_gold


def extractor_for(mode: str) -> Callable[[Page], cleanwire.Document] | None:
    """How to get cleanwire's labelled blocks for a page in ``mode`` (None: unavailable)."""
    if mode == "text":
        return lambda page: cleanwire.extract(page.text)
    extract_html = getattr(cleanwire, "extract_html", None)
    if extract_html is None:
        return None
    return lambda page: extract_html(read_html(page), url=page.url)


def worst_indices(result: Result, pages: Sequence[Page], n: int) -> list[int]:
    """Indices of the ``n`` lowest page F1s (per page type for WCXB), worst first."""
    order = sorted(range(len(pages)), key=lambda i: (result.page_f1[i], pages[i].id))
    if result.dataset != "wcxb":
        return order[:n]
    picked: dict[str, list[int]] = {}
    for i in order:
        group = picked.setdefault(pages[i].page_type, [])
        if len(group) < n:
            group.append(i)
    sizes = Counter(p.page_type for p in pages)
    return [i for t in sorted(picked, key=lambda t: (-sizes[t], t)) for i in picked[t]]


def _clip(text: str) -> str:
    return text if len(text) <= LINE_CHARS else text[: LINE_CHARS - 1] + "…"


def _listing(title: str, items: list[tuple[str, str]]) -> list[str]:
    out = [f"{title} ({len(items)}):"]
    out += [f"  [{rule}] {_clip(text)}" for rule, text in items[:MAX_LINES]]
    if len(items) > MAX_LINES:
        out.append(f"  ... and {len(items) - MAX_LINES} more")
    return out


def page_report(page: Page, f1: float, doc: cleanwire.Document) -> str:
    """One page's section: URL, score, false keeps and false drops with rule ids."""
    in_gold_text = gold_matcher(page.gold)
    false_keeps: list[tuple[str, str]] = []
    false_drops: list[tuple[str, str]] = []
    for lb in doc.blocks:
        if not token_key(lb.text):
            continue
        in_gold = in_gold_text(lb.text)
        kept = lb.label is cleanwire.Label.BODY
        if kept and not in_gold:
            false_keeps.append((lb.rule, lb.text))
        elif in_gold and not kept:
            false_drops.append((f"{lb.label}:{lb.rule}", lb.text))
    head = f"### {page.id} [{page.page_type}] F1 {f1:.3f}  {page.url}"
    return "\n".join([head, *_listing("kept, not in gold", false_keeps), *_listing("in gold, dropped", false_drops)])


def worst_report(result: Result, pages: Sequence[Page], n: int) -> str:
    """The worst-pages report for one cleanwire result (text: ``extract``; HTML: ``extract_html``)."""
    mode = result.run.system.mode
    extract = extractor_for(mode)
    title = f"## Worst {n} pages{' per page type' if result.dataset == 'wcxb' else ''}: {result.dataset}, {result.run.system.label}"
    if extract is None:
        return f"{title}\n(no cleanwire.extract_html: no labelled blocks to show in HTML mode)"
    sections = [title]
    for i in worst_indices(result, pages, n):
        sections.append(page_report(pages[i], result.page_f1[i], extract(pages[i])))
    return "\n\n".join(sections)
