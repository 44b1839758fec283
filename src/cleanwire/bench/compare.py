"""Per-page scores saved as JSON Lines, and the comparison of a run with a saved one.

``--per-page-out FILE`` writes one record per (data set, system, page); a later run
with ``--compare FILE`` prints, per system found in both, the mean change of page F1
and the pages that improved or regressed most - what a rule change really did.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from .datasets import Page
from .scoring import Result

TOP_CHANGES = 10
"""Pages listed per direction (improved / regressed) per system."""
MIN_CHANGE = 0.005
"""Page F1 changes smaller than this are treated as no change (float noise, ties)."""


def per_page_records(result: Result, pages: Sequence[Page]) -> list[dict]:
    """One JSON-ready record per page of ``result``."""
    return [
        {
            "dataset": result.dataset,
            "system": result.run.system.label,
            "id": page.id,
            "page_type": page.page_type,
            "url": page.url,
            "f1": round(f1, 6),
        }
        for page, f1 in zip(pages, result.page_f1)
    ]


def write_per_page(path: Path, records: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_per_page(path: Path) -> dict[tuple[str, str, str], dict]:
    """Saved records keyed by (data set, system label, page id)."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                out[(r["dataset"], r["system"], r["id"])] = r
    return out


def compare_report(result: Result, pages: Sequence[Page], saved: dict[tuple[str, str, str], dict]) -> str | None:
    """Changes of page F1 against ``saved`` for one result; None if nothing to compare."""
    label = result.run.system.label
    pairs = []
    for page, f1 in zip(pages, result.page_f1):
        old = saved.get((result.dataset, label, page.id))
        if old is not None:
            pairs.append((f1 - old["f1"], page, old["f1"], f1))
    if not pairs:
        return None
    mean = sum(d for d, *_ in pairs) / len(pairs)
    better = sorted((p for p in pairs if p[0] >= MIN_CHANGE), key=lambda p: -p[0])
    worse = sorted((p for p in pairs if p[0] <= -MIN_CHANGE), key=lambda p: p[0])
    lines = [
        f"## {result.dataset}, {label}: {len(pairs)} pages compared, mean page F1 change {mean:+.4f}; "
        f"{len(better)} better, {len(worse)} worse"
    ]
    for title, group in (("regressed", worse), ("improved", better)):
        if group:
            lines.append(f"{title}:")
            lines += [
                f"  {d:+.3f}  {old:.3f} -> {new:.3f}  {page.id} [{page.page_type}] {page.url}"
                for d, page, old, new in group[:TOP_CHANGES]
            ]
    return "\n".join(lines)
