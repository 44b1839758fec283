"""Rewrite one marked section of docs/benchmarks.md, leaving the rest intact.

A section lies between ``<!-- bench:KEY -->`` and ``<!-- /bench:KEY -->``; a missing
section is appended at the end of the file.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

# Distributions whose versions a section records, by the system names that use them.
_DISTRIBUTIONS = {
    "trafilatura": "trafilatura",
    "trafilatura-nc": "trafilatura",
    "readability": "readability-lxml",
    "justext-lines": "jusText",
}


def markers(key: str) -> tuple[str, str]:
    return f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"


def replace_section(document: str, key: str, content: str) -> str:
    """``document`` with the ``key`` section's body replaced by ``content``."""
    start, end = markers(key)
    block = f"{start}\n{content.strip()}\n{end}"
    i = document.find(start)
    j = document.find(end, i + len(start)) if i >= 0 else -1
    if i < 0 or j < 0:
        if not document or document.endswith("\n\n"):
            sep = ""
        else:
            sep = "\n" if document.endswith("\n") else "\n\n"
        return f"{document}{sep}{block}\n"
    return document[:i] + block + document[j + len(end) :]


def section_body(table: str, command: str, now: datetime | None = None, provenance: str = "") -> str:
    """What goes between the markers: date, the exact command, versions, then the table."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    versions = f"{provenance}\n\n" if provenance else ""
    return f"Measured {stamp} with:\n\n```\n{command}\n```\n\n{versions}{table}"


def _git(repo: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def _git_head(repo: Path) -> str | None:
    """The short commit, marked when src/ has uncommitted changes (docs edits do not count)."""
    head = _git(repo, "rev-parse", "--short", "HEAD")
    if not head:
        return None
    return head + (" with uncommitted changes in src/" if _git(repo, "status", "--porcelain", "--", "src") else "")


def provenance(system_names: list[str]) -> str:
    """Which code measured: cleanwire's version and git commit, baseline library versions."""
    import cleanwire

    repo = Path(cleanwire.__file__).resolve().parents[2]
    head = _git_head(repo)
    parts = [f"cleanwire {cleanwire.__version__}" + (f" (git {head})" if head else "")]
    for dist in sorted({_DISTRIBUTIONS[n] for n in system_names if n in _DISTRIBUTIONS}):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            continue
    return "Versions: " + ", ".join(parts) + "."


def write_section(path: Path, key: str, content: str) -> None:
    """Replace (or append) section ``key`` of the file at ``path``."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_section(old, key, content), encoding="utf-8")
