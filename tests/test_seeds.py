"""The five seed pages give exactly the bodies written by hand in fixtures/seeds.json."""

from __future__ import annotations

import pytest

import cleanwire
from conftest import parse_lines, seed_expectations, shared_path

SEEDS = seed_expectations()


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_body_is_exact(name: str) -> None:
    spec = SEEDS[name]
    lines = shared_path("seeds", name).read_text(encoding="utf-8").splitlines()
    expected = "\n\n".join(lines[i - 1].strip() for i in parse_lines(spec["body_lines"]))
    assert cleanwire.clean("\n".join(lines)) == expected


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_title(name: str) -> None:
    spec = SEEDS[name]
    lines = shared_path("seeds", name).read_text(encoding="utf-8").splitlines()
    doc = cleanwire.extract("\n".join(lines))
    want = None if spec["title_line"] is None else lines[spec["title_line"] - 1].strip()
    assert doc.title == want


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_snippets(name: str) -> None:
    spec = SEEDS[name]
    body = cleanwire.clean(shared_path("seeds", name).read_text(encoding="utf-8"))
    for snippet in spec["must_keep"]:
        assert snippet in body, snippet
    for snippet in spec["must_drop"]:
        assert snippet not in body, snippet


def test_clean_seed_comes_back_unchanged() -> None:
    """Seed 002 is already clean: only the line breaks become paragraph breaks."""
    text = shared_path("seeds", "002_565477c03ded1a11.txt").read_text(encoding="utf-8")
    assert cleanwire.clean(text) == "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def test_every_removed_seed_block_names_its_rule() -> None:
    for name in SEEDS:
        doc = cleanwire.extract(shared_path("seeds", name).read_text(encoding="utf-8"))
        for lb in doc.blocks:
            assert lb.rule in cleanwire.rules()
            assert lb.reason
