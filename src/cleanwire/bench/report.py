"""Format scored results as Markdown tables (readable in a terminal and in docs)."""

from __future__ import annotations

from collections.abc import Sequence

from .scoring import Result

# Short column names for WCXB's page types, so the table stays narrow.
_TYPE_ABBREV = {
    "article": "article",
    "service": "service",
    "product": "product",
    "collection": "collect.",
    "forum": "forum",
    "listing": "listing",
    "documentation": "docs",
}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"

    sep = "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


def _common(r: Result) -> list[str]:
    return [r.run.system.label, _pct(r.score.precision), _pct(r.score.recall), _pct(r.score.f1)]


def _tail(r: Result) -> list[str]:
    return [f"{r.run.seconds:.1f}", str(len(r.run.errors))]


def format_table(results: Sequence[Result]) -> str:
    """One Markdown table for results on the same data set."""
    if not results:
        return "(no systems ran)"
    dataset = results[0].dataset
    n = results[0].score.pages
    if dataset == "wcxb":
        types: list[str] = []
        for r in results:
            types.extend(t for t in r.by_type if t not in types)
        header = ["system", "P", "R", "F1", *(_TYPE_ABBREV.get(t, t) for t in types), "with", "without", "s", "err"]
        rows = [
            _common(r)
            + [_pct(r.by_type[t].f1) if t in r.by_type else "-" for t in types]
            + [_pct(r.with_rate), _pct(r.without_rate)]
            + _tail(r)
            for r in results
        ]
        note = (
            f"WCXB dev, {n} pages: bag-of-words P/R/F1 averaged over pages; page-type columns are F1; "
            "with/without = share of snippets found (higher with, lower without is better)."
        )
    else:
        header = ["system", "P", "R", "F1", "s", "err"]
        rows = [_common(r) + _tail(r) for r in results]
        note = f"AEB, {n} pages: 4-token shingle P/R averaged over pages, F1 of the averages."
    return note + "\n\n" + _table(header, rows)


def format_errors(results: Sequence[Result], limit: int = 3) -> str:
    """The first few failures per system, if any (so a crash is never silent)."""
    lines = []
    for r in results:
        for page_id, message in r.run.errors[:limit]:
            lines.append(f"{r.run.system.label} failed on {page_id}: {message[:200]}")
        if len(r.run.errors) > limit:
            lines.append(f"{r.run.system.label}: {len(r.run.errors) - limit} more failures")
    return "\n".join(lines)


def format_speed_table(rows: Sequence[tuple[str, float, float, float]]) -> str:
    """Rows of (system, megabytes per run, best seconds, MB/s) as a table."""
    return _table(
        ["system", "MB per run", "best s", "MB/s"],
        [[name, f"{mb:.2f}", f"{s:.3f}", f"{rate:.2f}"] for name, mb, s, rate in rows],
    )
