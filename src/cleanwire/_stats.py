"""Run statistics: documents, bytes in and out, and what each rule removed.

A ``Stats`` is a plain accumulator: each batch fills its own in the worker and the
parent merges them in input order, so the totals do not depend on ``--jobs``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ._document import kept_labels
from ._options import Options
from ._types import Document


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


@dataclass
class Stats:
    """Totals for a run. Bytes are UTF-8 bytes of the text cleaned and of the bodies."""

    documents: int = 0
    errors: int = 0
    skipped: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    chars_in: int = 0
    rule_blocks: dict[str, int] = field(default_factory=dict)
    rule_chars: dict[str, int] = field(default_factory=dict)

    def add_document(self, doc: Document, text: str, options: Options) -> None:
        """Count one cleaned document; blocks whose label is not kept count for their rule."""
        self.documents += 1
        self.bytes_in += _utf8_len(text)
        self.bytes_out += _utf8_len(doc.body)
        self.chars_in += len(text)
        if doc.skipped:
            self.skipped += 1
            return
        keep = kept_labels(options)
        for lb in doc.blocks:
            if lb.label not in keep:
                self.rule_blocks[lb.rule] = self.rule_blocks.get(lb.rule, 0) + 1
                self.rule_chars[lb.rule] = self.rule_chars.get(lb.rule, 0) + len(lb.text)

    def add_skipped(self) -> None:
        """A record that is not a text document (e.g. an image in a WARC file)."""
        self.documents += 1
        self.skipped += 1

    def add_error(self) -> None:
        self.documents += 1
        self.errors += 1

    def merge(self, other: Stats) -> None:
        for name in ("documents", "errors", "skipped", "bytes_in", "bytes_out", "chars_in"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for rule, n in other.rule_blocks.items():
            self.rule_blocks[rule] = self.rule_blocks.get(rule, 0) + n
        for rule, n in other.rule_chars.items():
            self.rule_chars[rule] = self.rule_chars.get(rule, 0) + n

    @property
    def share_removed(self) -> float:
        """Share of input bytes not in the output bodies (0 when nothing came in)."""
        return 1 - self.bytes_out / self.bytes_in if self.bytes_in else 0.0

    def rule_shares(self) -> dict[str, float]:
        """Share of all input characters removed by each rule, largest first."""
        total = self.chars_in or 1
        return {r: self.rule_chars[r] / total for r in sorted(self.rule_chars, key=lambda r: (-self.rule_chars[r], r))}

    def to_dict(self) -> dict[str, Any]:
        shares = self.rule_shares()
        return {
            "documents": self.documents,
            "errors": self.errors,
            "skipped": self.skipped,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "share_removed": round(self.share_removed, 6),
            "rules": {
                r: {"blocks": self.rule_blocks[r], "chars": self.rule_chars[r], "share": round(s, 6)}
                for r, s in shares.items()
            },
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def format(self) -> str:
        """The summary ``--stats`` prints on stderr."""
        lines = [
            f"documents  {self.documents:,} ({self.errors:,} errors, {self.skipped:,} skipped)",
            f"bytes in   {self.bytes_in:,}",
            f"bytes out  {self.bytes_out:,}",
            f"removed    {self.share_removed:.1%}",
        ]
        shares = self.rule_shares()
        if shares:
            lines.append(f"{'rule':<18} {'blocks':>9} {'chars':>12} {'share':>7}")
            for rule, share in shares.items():
                lines.append(f"{rule:<18} {self.rule_blocks[rule]:>9,} {self.rule_chars[rule]:>12,} {share:>7.1%}")
        return "\n".join(lines) + "\n"
