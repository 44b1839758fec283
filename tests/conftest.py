"""Shared test helpers: where ../shared is, the seed expectations, a block's source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; fails (does not skip) when the data is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests expect ../shared beside the repository")
    return path


def parse_lines(spec: str) -> list[int]:
    """'1-3,7' -> [1, 2, 3, 7]"""
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return out


def seed_expectations() -> dict[str, dict]:
    return json.loads((FIXTURES / "seeds.json").read_text(encoding="utf-8"))["seeds"]


def span_text(text: str, start: int, end: int) -> str:
    """What a text-mode block whose span is ``text[start:end]`` must hold: the span's
    lines, stripped, joined by one space (a single line unless the page was
    hard-wrapped and ``cleanwire._text_exports`` joined a paragraph's lines)."""
    return " ".join(line.strip() for line in text[start:end].splitlines())
