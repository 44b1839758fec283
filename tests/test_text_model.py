"""Text mode's learned second look (rule ``text-model``): the pass on text written for
it with a hand-built model, and the shipped model's loading and validation."""

from __future__ import annotations

import json
import random

import pytest

import cleanwire
import cleanwire._text_model as text_model
from cleanwire._text_model import FEATURE_NAMES, TextModel, default_text_model, model_from_json, predict
from conftest import FIXTURES

PROSE: list[str] = json.loads((FIXTURES / "rule_cases.json").read_text(encoding="utf-8"))["prose"]
# A workshop's price list under the report's footer links: short lines with a list
# marker, which the rules and scorers leave outside the body; a web address in the
# report. (No copyright line: what follows one is ``after-footer``, not the region's.)
FOOTERS = ["Privacy Policy", "Terms of Service"]
SPECS = ["- Oak bench", "- Ash stool", "- Walnut shelf"]
URL_LINE = "Visit www.example-workshop.test"


def _model(margin: float = 1.0, value: float = 5.0) -> TextModel:
    """Two trees: +value for a list-marker line, -value for a line with a URL."""
    lm, url = FEATURE_NAMES.index("list-marker"), FEATURE_NAMES.index("url")
    return TextModel(bias=0.0, trees=(((lm, 0.5, 1, 2), (-1, 0.0, 0, 0), (-1, value, 0, 0)),
                                      ((url, 0.5, 1, 2), (-1, 0.0, 0, 0), (-1, -value, 0, 0))),
                     threshold=0.0, margin=margin)


def _page() -> str:
    return "\n".join(PROSE[:2] + [URL_LINE] + PROSE[2:] + FOOTERS + SPECS + [URL_LINE])


@pytest.fixture
def use_model(monkeypatch):
    def use(m: TextModel | None) -> None:
        monkeypatch.setattr(text_model, "default_text_model", lambda: m)
    return use


def test_text_model_keeps_lines_past_its_margin(use_model) -> None:
    use_model(None)
    before = cleanwire.extract(_page()).blocks
    assert [lb.rule for lb in before if lb.text in SPECS] == ["outside-body"] * 3
    assert [lb.label for lb in before if lb.text == URL_LINE] == ["body", "chrome"]
    use_model(_model())
    doc = cleanwire.extract(_page())
    for lb in doc.blocks:
        if lb.text in SPECS:
            assert lb.rule == "text-model" and lb.label == "body"
            assert "says content" in lb.reason and "list-marker" in lb.reason and "was outside-body" in lb.reason
    # it only keeps: the web address in the report (-5) stays, the one at the end stays out
    assert [(lb.label, lb.rule) for lb in doc.blocks if lb.text == URL_LINE] == [(b.label, b.rule) for b in before if b.text == URL_LINE]
    for p in PROSE:
        assert p in doc.body
    # clean() agrees with extract() and stays idempotent with the model in the re-check
    assert cleanwire.clean(_page()) == doc.body
    assert cleanwire.clean(doc.body) == doc.body


def test_text_model_off_inside_margin_or_disabled(use_model) -> None:
    use_model(None)
    plain = cleanwire.extract(_page())
    use_model(_model(margin=6.0))  # nothing is 6 logits past the threshold
    assert cleanwire.extract(_page()) == plain
    use_model(_model())
    assert cleanwire.extract(_page(), disabled_rules={"text-model"}) == plain


def test_text_model_never_drops_a_kept_line(use_model) -> None:
    page = "\n".join(PROSE)
    use_model(None)
    plain = cleanwire.extract(page)
    use_model(TextModel(bias=-20.0, trees=(), threshold=0.0, margin=1.0))  # everything: chrome
    assert cleanwire.extract(page) == plain


def test_text_model_leaves_html_mode_alone(use_model) -> None:
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in PROSE) + "<ul>" + "".join(f"<li>{s[2:]}</li>" for s in SPECS) + "</ul></article></body></html>"
    use_model(None)
    plain = cleanwire.extract_html(html)
    use_model(TextModel(bias=20.0, trees=(), threshold=0.0, margin=1.0))
    assert cleanwire.extract_html(html) == plain


def test_shipped_text_model_loads_and_its_compiled_logit_is_the_tree_walk() -> None:
    m = default_text_model()
    assert m is not None and m.trees and m.margin >= 0
    rng = random.Random(11)
    for _ in range(200):
        row = [rng.choice((0.0, 1.0, rng.uniform(-12, 12))) for _ in FEATURE_NAMES]
        assert abs(m.logit(row) - predict(row, m)[0]) < 1e-9


def test_above_gives_the_logit_past_its_limit_and_none_below() -> None:
    m = default_text_model()
    rng = random.Random(12)
    splits = [t for tree in m.trees for a, t, _, _ in tree if a >= 0]
    for limit in (-4.0, m.threshold + m.margin, 3.0):
        above = m.above(limit)
        for _ in range(300):
            # values on the splits' thresholds too (ties go left), and NaN (goes right)
            row = [rng.choice((0.0, 1.0, rng.uniform(-12, 12), rng.choice(splits), float("nan"))) for _ in FEATURE_NAMES]
            z = m.logit(row)
            assert above(row) == (z if z > limit else None)
    assert TextModel(bias=2.0, trees=(), threshold=0.0, margin=1.0).above(1.0)([0.0] * len(FEATURE_NAMES)) == 2.0


def test_text_model_weights_for_other_features_are_refused() -> None:
    data = {"features": list(FEATURE_NAMES[:-1]), "bias": 0.0, "trees": [], "threshold": 0.0, "margin": 1.0}
    with pytest.raises(ValueError, match="other features"):
        model_from_json(data)
    data["features"] = list(FEATURE_NAMES)
    assert model_from_json(data).trees == ()


@pytest.mark.parametrize("tree", [
    ((0, 0.5, 0, 1), (-1, 1.0, 0, 0)),            # a child pointing back at its parent
    ((0, float("inf"), 1, 2), (-1, 1.0, 0, 0), (-1, 2.0, 0, 0)),
    ((-1, float("nan"), 0, 0),),
    ((len(FEATURE_NAMES), 0.5, 1, 2), (-1, 1.0, 0, 0), (-1, 2.0, 0, 0)),
])
def test_a_malformed_text_model_is_refused_before_it_is_compiled(tree) -> None:
    with pytest.raises(ValueError, match="malformed text model tree"):
        TextModel(0.0, (tree,), threshold=0.0, margin=1.0).logit


def test_text_model_leaves_pages_over_max_blocks_to_the_rules(use_model, monkeypatch) -> None:
    use_model(_model())
    kept = [lb.rule for lb in cleanwire.extract(_page()).blocks if lb.text in SPECS]
    assert kept == ["text-model"] * 3
    monkeypatch.setattr(text_model, "MAX_BLOCKS", len(_page().splitlines()) - 1)
    assert [lb.rule for lb in cleanwire.extract(_page()).blocks if lb.text in SPECS] == ["outside-body"] * 3


def test_text_model_never_keeps_a_cue_line_or_a_fixed_rules_line(use_model) -> None:
    # a one-word chrome label inside the body, a share widget, a login prompt and a footer
    # cue: whatever a (re)trained model says, these stay as the rules left them
    chrome = {"Advert": "low-score", "Share on Facebook": "share-widget", "Log in": "login-prompt", "Privacy Policy": "footer"}
    pages = ["\n".join(PROSE[:2] + ["Advert"] + PROSE[2:]), "\n".join(PROSE + list(chrome)[1:])]
    # and lines holding a chrome cue word, whatever rule dropped them (the cue guard:
    # neither rule is a fixed one)
    cued = {"Add to cart": "shop-widget", "Sort by": "outside-body"}
    chrome |= cued
    pages += ["\n".join(PROSE + [t]) for t in cued]
    use_model(TextModel(bias=20.0, trees=(), threshold=0.0, margin=1.0))  # everything: content
    seen = {lb.text: (lb.label, lb.rule) for page in pages for lb in cleanwire.extract(page).blocks}
    assert {t: seen[t] for t in chrome} == {t: ("chrome", r) for t, r in chrome.items()}
