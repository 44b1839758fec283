"""Pages with little prose: a list (titles, names, prices) keeps its items (``LIST_PAGE_SHARE``),
a landing page its short statements (``PROSE_PAGE_SHARE``)."""

from __future__ import annotations

import pytest

import cleanwire
from cleanwire import _labels

MENU = ["Home", "Shop", "Sign in", "Cart (0)"]
ITEMS = [
    line
    for n, (name, maker) in enumerate(
        [("Oak side table", "Nordwood"), ("Walnut desk lamp", "Lumen & Co"), ("Linen armchair", "Casa Verde"),
         ("Ceramic vase set", "Terra Studio"), ("Wool rug, grey", "Loomcraft"), ("Pine bookshelf", "Nordwood"),
         ("Glass pendant light", "Lumen & Co"), ("Velvet footstool", "Casa Verde"), ("Birch coat rack", "Nordwood"),
         ("Brass floor lamp", "Lumen & Co"), ("Cotton cushion pair", "Casa Verde"), ("Stoneware bowl", "Terra Studio")],
        start=1,
    )
    for line in (f"{name}", f"{maker} · {n + 2} colours", f"€{40 + 15 * n},00")
]
PAGE = "\n".join(MENU + ["Living room furniture"] + ITEMS + ["Privacy policy", "© 2024 Example Shop"])


def _kept(text: str) -> list[str]:
    return [lb.text for lb in cleanwire.extract(text).blocks if lb.label is cleanwire.Label.BODY]


def test_a_list_page_keeps_its_items() -> None:
    kept = _kept(PAGE)
    names = [i for i in ITEMS[::3]]
    assert sum(n in kept for n in names) >= len(names) - 1
    assert "Sign in" not in kept and "© 2024 Example Shop" not in kept


def test_without_the_list_page_rule_the_items_are_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_labels, "LIST_PAGE_SHARE", 0.0)
    kept = _kept(PAGE)
    assert sum(n in kept for n in ITEMS[::3]) < len(ITEMS[::3]) // 2


SERVICE = [
    "Garden design for small city plots",
    "We plan, plant and look after gardens of every size in the north of the city.",
    "Planting plans drawn for your soil and light",
    "Seasonal care visits from spring to late autumn",
    "Hard landscaping with local stone and reclaimed brick",
]
SERVICE_PAGE = "\n".join(["Sign in", "Cart (0)"] + SERVICE + [
    "Water-wise borders that need little watering in summer",
    "Free first visit to measure and talk through ideas",
    "Privacy policy",
    "© 2024 Green Plot",
])


def test_a_page_with_little_prose_keeps_its_likelier_lines() -> None:
    # PROSE_PAGE_SHARE: a landing page's short statements join the body at 0.35
    kept = _kept(SERVICE_PAGE)
    assert all(line in kept for line in SERVICE)
    assert "Sign in" not in kept and "Privacy policy" not in kept


def test_without_the_low_prose_threshold_the_statements_are_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_labels, "PROSE_PAGE_SHARE", 0.0)
    kept = _kept(SERVICE_PAGE)
    assert SERVICE[1] not in kept and SERVICE[0] not in kept
