"""Every rule, on text written for it (other wording, other languages): fixtures/rule_cases.json."""

from __future__ import annotations

import json

import pytest

import cleanwire
from conftest import FIXTURES

DATA = json.loads((FIXTURES / "rule_cases.json").read_text(encoding="utf-8"))
PROSE: list[str] = DATA["prose"]
CASES = DATA["cases"]


def build_page(case: dict) -> str:
    lines = case.get("before", []) + PROSE[:2] + case.get("between", []) + PROSE[2:] + case.get("after", [])
    return "\n".join(lines)


def _id(case: dict) -> str:
    return case.get("name", case["rule"] + ":" + next(iter(case["expect"])))[:60]


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_rule_case(case: dict) -> None:
    doc = cleanwire.extract(build_page(case))
    by_text: dict[str, list[str]] = {}
    for lb in doc.blocks:
        by_text.setdefault(lb.text, []).append(lb.rule)
    for line, rule in case["expect"].items():
        assert by_text.get(line, [None])[0] == rule, (line, by_text.get(line))
    for rule, n in case.get("count", {}).items():
        assert sum(lb.rule == rule for lb in doc.blocks) == n
    for p in PROSE:
        assert p in doc.body  # the prose around the chrome always survives


def test_every_registered_rule_has_a_case() -> None:
    covered = {c["rule"] for c in CASES} | {r for c in CASES for r in c["expect"].values()}
    # a rule that cannot be provoked by a short page with the shipped weights names the
    # test that exercises it instead; that test must exist
    for rule, where in DATA.get("covered_by_tests", {}).items():
        path, _, name = where.partition("::")
        assert f"def {name}(" in (FIXTURES.parent / path).read_text(encoding="utf-8"), where
        covered.add(rule)
    # HTML-only rules have their cases in html_rule_cases.json (tests/test_html.py)
    from test_html import HTML_RULES
    covered |= HTML_RULES
    assert set(cleanwire.rules()) <= covered


def test_disabling_a_rule_turns_it_off() -> None:
    page = build_page({"after": ["Share on Facebook"]})
    assert cleanwire.extract(page).blocks[-1].rule == "share-widget"
    doc = cleanwire.extract(page, disabled_rules={"share-widget"})
    assert doc.blocks[-1].rule != "share-widget"
