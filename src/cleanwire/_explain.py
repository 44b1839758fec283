"""Format a Document's decisions for a person: one line per block."""

from __future__ import annotations

from ._types import Document, Label

_COLOURS = {
    Label.BODY: "\033[32m",
    Label.TITLE: "\033[1;34m",
    Label.BYLINE: "\033[36m",
    Label.CAPTION: "\033[35m",
    Label.CHROME: "\033[2;31m",
}
_RESET = "\033[0m"
# Long blocks are shortened in the listing; the full text is in Document.blocks.
PREVIEW_CHARS = 72


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def format_explanation(doc: Document, *, colour: bool = False, evidence: bool = True) -> str:
    """Every block: number, label, rule id, text preview; the reason on the next line."""
    if doc.skipped:
        return f"(not processed: {doc.skipped})\n"
    lines = []
    if doc.language:
        lines.append(f"language: {doc.language}")
    for lb in doc.blocks:
        label = lb.label.value
        head = f"{lb.block.index:>4} {label:<7} {lb.rule:<18} {_preview(lb.text)}"
        if colour:
            head = f"{_COLOURS[lb.label]}{head}{_RESET}"
        lines.append(head)
        why = lb.reason
        if lb.initial.rule != lb.rule and lb.initial.rule != "score":
            why += f" [pass 1: {lb.initial.rule}]"
        if evidence and lb.decision.evidence:
            why += " [" + ", ".join(f"{k} {v:+.1f}" for k, v in lb.decision.evidence) + "]"
        lines.append(f"{'':>4} {'':<7} {why}")
    return "\n".join(lines) + "\n"
