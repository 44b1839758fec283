"""Rewrite one marked section of docs/benchmarks.md, leaving the rest intact.

A section lies between ``<!-- bench:KEY -->`` and ``<!-- /bench:KEY -->``; a missing
section is appended at the end of the file.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path


def markers(key: str) -> tuple[str, str]:
    return f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"


def replace_section(document: str, key: str, content: str) -> str:
    """``document`` with the ``key`` section's body replaced by ``content``."""
    start, end = markers(key)
    block = f"{start}\n{content.strip()}\n{end}"
    i = document.find(start)
    j = document.find(end, i + len(start)) if i >= 0 else -1
    if i < 0 or j < 0:
        sep = "" if not document or document.endswith("\n\n") else ("\n" if document.endswith("\n") else "\n\n")
        return f"{document}{sep}{block}\n"
    return document[:i] + block + document[j + len(end) :]


def section_body(table: str, command: str, now: datetime | None = None) -> str:
    """What goes between the markers: date, the exact command, then the table."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    return f"Measured {stamp} with:\n\n```\n{command}\n```\n\n{table}"


def write_section(path: Path, key: str, content: str) -> None:
    """Replace (or append) section ``key`` of the file at ``path``."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_section(old, key, content), encoding="utf-8")
