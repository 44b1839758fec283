"""The audit report as one self-contained HTML page: no script, no external file.

Each sampled document lists its blocks coloured by label; a block's ``title``
attribute (shown on hover) holds the rule id and the reason. An inline SVG bar chart
shows the share of all input text each rule removed across the batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ._stats import Stats
from ._types import Document, Label

COLOURS = {
    Label.BODY: "#e6f4ea",
    Label.TITLE: "#d2e3fc",
    Label.BYLINE: "#e0f7fa",
    Label.CAPTION: "#f3e8fd",
    Label.CHROME: "#fce8e6",
}
BAR_COLOUR = "#d93025"
# Chart geometry (px): one bar per rule, labels on the left, share on the right.
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 18, 6, 150, 420

CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 62em; color: #202124; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-top: 1px solid #ccc; padding-top: 1em; }
.summary td { padding: 0 1em 0 0; }
.legend span { padding: 0.1em 0.5em; margin-right: 0.5em; border-radius: 3px; }
.doc .blk { margin: 0.15em 0; padding: 0.15em 0.5em; border-radius: 3px; white-space: pre-wrap; }
.blk .rule { float: right; font-size: 0.75em; color: #5f6368; margin-left: 1em; }
.chrome { text-decoration: line-through; text-decoration-color: #d9302580; color: #5f6368; }
.meta { color: #5f6368; font-size: 0.9em; }
.error { color: #b00020; }
""" + "".join(f".{label.value} {{ background: {colour}; }}\n" for label, colour in COLOURS.items())


@dataclass(frozen=True)
class Sample:
    """One sampled record: where it came from and its document (or why there is none)."""

    where: str
    record_id: str | None
    doc: Document | None
    error: str | None = None


def bar_chart(stats: Stats) -> str:
    """Inline SVG: the share of input characters removed, one bar per rule."""
    shares = stats.rule_shares()
    if not shares:
        return '<p class="meta">Nothing was removed.</p>'
    top = max(shares.values()) or 1.0
    height = len(shares) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + BAR_WIDTH + 70
    parts = [f'<svg id="rule-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="Share of text removed per rule">']
    for n, (rule, share) in enumerate(shares.items()):
        y = BAR_GAP + n * (BAR_HEIGHT + BAR_GAP)
        w = max(1.0, BAR_WIDTH * share / top)
        parts.append(
            f'<g class="bar" data-rule="{escape(rule)}"><title>{escape(rule)}: {share:.2%} of input text, '
            f'{stats.rule_blocks[rule]:,} blocks</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 4}" text-anchor="end" font-size="13">{escape(rule)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{w:.1f}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
            f'<text x="{LABEL_WIDTH + w + 6:.1f}" y="{y + BAR_HEIGHT - 4}" font-size="13">{share:.1%}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _document(n: int, sample: Sample) -> str:
    head = f'<h2>Document {n}: {escape(sample.where)}'
    if sample.record_id is not None:
        head += f' <span class="meta">id {escape(sample.record_id)}</span>'
    head += "</h2>"
    if sample.doc is None:
        return f'<section class="doc">{head}<p class="error">{escape(sample.error or "")}</p></section>'
    doc = sample.doc
    if doc.skipped:
        return f'<section class="doc">{head}<p class="meta">not processed ({escape(doc.skipped)})</p></section>'
    rows = []
    for lb in doc.blocks:
        label = lb.label.value
        hover = f"{label} · {lb.rule}: {lb.reason}"
        tag = f'<span class="rule">{escape(lb.rule)}</span>' if lb.label is not Label.BODY else ""
        rows.append(f'<p class="blk {label}" data-rule="{escape(lb.rule)}" title="{escape(hover)}">'
                    f"{tag}{escape(lb.text)}</p>")
    lang = f" · language {escape(doc.language)}" if doc.language else ""
    kept = sum(1 for lb in doc.blocks if lb.label is Label.BODY)
    meta = f'<p class="meta">{len(doc.blocks)} blocks, {kept} kept as body{lang}</p>'
    return f'<section class="doc">{head}{meta}{"".join(rows)}</section>'


def render_report(title: str, stats: Stats, samples: list[Sample], sample_note: str) -> str:
    """The whole page."""
    legend = "".join(f'<span class="{label.value}">{label.value}</span>' for label in COLOURS)
    summary = (
        f'<table class="summary"><tr><td>documents</td><td>{stats.documents:,}</td></tr>'
        f"<tr><td>errors</td><td>{stats.errors:,}</td></tr>"
        f"<tr><td>skipped</td><td>{stats.skipped:,}</td></tr>"
        f"<tr><td>bytes in</td><td>{stats.bytes_in:,}</td></tr>"
        f"<tr><td>bytes out</td><td>{stats.bytes_out:,}</td></tr>"
        f"<tr><td>removed</td><td>{stats.share_removed:.1%}</td></tr></table>"
    )
    docs = "".join(_document(n, s) for n, s in enumerate(samples, 1))
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>{summary}"
        f"<h2 id=\"chart\">Share of text removed, per rule</h2>{bar_chart(stats)}"
        f'<h2 id="sample">Sample</h2><p class="meta">{escape(sample_note)} Hover over a block for its '
        f'rule and reason.</p><p class="legend">{legend}</p>{docs}</body></html>\n'
    )
