"""Per-rule tally over a whole data set: what each rule kept or dropped, and how much
of it the gold has.

A dropping rule whose blocks are largely in the gold costs recall; a keeping rule
whose blocks are largely not in the gold costs precision. "In gold" is the same cheap
approximation as the worst-pages report (``worst.gold_matcher``), weighted by characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import cleanwire

from .datasets import Page
from .report import markdown_table
from .worst import gold_matcher


@dataclass(frozen=True, slots=True)
class Tally:
    """Blocks and characters one rule decided, and the part of them found in the gold."""

    blocks: int = 0
    chars: int = 0
    gold_blocks: int = 0
    gold_chars: int = 0

    def add(self, chars: int, in_gold: bool) -> Tally:
        return Tally(
            self.blocks + 1,
            self.chars + chars,
            self.gold_blocks + in_gold,
            self.gold_chars + (chars if in_gold else 0),
        )

    @property
    def gold_share(self) -> float:
        return self.gold_chars / self.chars if self.chars else 0.0


Key = tuple[bool, str]
"""(kept, "label:rule")"""


def tally_rules(pages: Sequence[Page], documents: Iterable[cleanwire.Document]) -> dict[Key, Tally]:
    """Tally every block of every page's document by (kept, label:rule)."""
    out: dict[Key, Tally] = {}
    for page, doc in zip(pages, documents):
        in_gold = gold_matcher(page.gold)
        for lb in doc.blocks:
            kept = lb.label is cleanwire.Label.BODY
            key = (kept, f"{lb.label}:{lb.rule}")
            out[key] = out.get(key, Tally()).add(len(lb.text), in_gold(lb.text))
    return out


def format_tally(tallies: dict[Key, Tally], title: str) -> str:
    """Dropping rules by gold characters lost, then keeping rules by non-gold kept."""
    dropped = sorted(((k, t) for k, t in tallies.items() if not k[0]), key=lambda kt: -kt[1].gold_chars)
    kept = sorted(
        ((k, t) for k, t in tallies.items() if k[0]), key=lambda kt: -(kt[1].chars - kt[1].gold_chars)
    )
    rows = [
        ["kept" if k[0] else "dropped", k[1], str(t.blocks), str(t.chars), str(t.gold_chars)]
        + [f"{t.gold_share:.1%}"]
        for k, t in dropped + kept
    ]
    header = ["action", "label:rule", "blocks", "chars", "in gold", "share in gold"]
    note = (
        "Dropped rows: chars in gold is recall lost. Kept rows: the rest is precision lost. "
        "'In gold' is approximate (token runs; short lines must match a whole gold line)."
    )
    return f"{title}\n\n{note}\n\n{markdown_table(header, rows, left=2)}"
