"""The Python API: clean / extract / explain, options, errors."""

from __future__ import annotations

import dataclasses

import pytest

import cleanwire
from conftest import FIXTURES

PAGE = (FIXTURES / "example.txt").read_text(encoding="utf-8")


def test_clean_is_extract_body() -> None:
    assert cleanwire.clean(PAGE) == cleanwire.extract(PAGE).body


def test_document_fields() -> None:
    doc = cleanwire.extract(PAGE)
    assert doc.title == "Deep-sea survey finds coral gardens thriving near volcanic vents"
    assert doc.language == "en"
    lb = doc.blocks[0]
    assert PAGE[lb.span[0] : lb.span[1]] == lb.text
    assert {lb.label for lb in doc.blocks} >= {cleanwire.Label.TITLE, cleanwire.Label.BODY, cleanwire.Label.CHROME}
    assert doc.removed_by_rule()["share-widget"] > 0


def test_options_object_and_keywords() -> None:
    opts = cleanwire.Options(keep_title=True)
    assert cleanwire.clean(PAGE, options=opts).startswith("Deep-sea survey")
    assert cleanwire.clean(PAGE, keep_title=True) == cleanwire.clean(PAGE, options=opts)
    assert cleanwire.clean(PAGE, options=opts, keep_title=False) == cleanwire.clean(PAGE)
    assert "(Photo: Ocean Survey Institute)" in cleanwire.clean(PAGE, keep_captions=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.keep_title = False  # type: ignore[misc]


def test_bad_options_and_input_types_raise_clear_errors() -> None:
    with pytest.raises(TypeError, match="unknown option"):
        cleanwire.clean(PAGE, keep_tittle=True)
    with pytest.raises(TypeError, match="takes str"):
        cleanwire.clean(b"bytes")  # type: ignore[arg-type]


def test_explain_shows_rules_and_evidence() -> None:
    text = cleanwire.explain(PAGE)
    assert "related-list" in text and "photo-caption" in text and "sentence-end" in text


def test_first_pass_decision_is_kept_beside_the_final_one() -> None:
    doc = cleanwire.extract(PAGE)
    listed = [lb for lb in doc.blocks if lb.rule == "related-list"]
    assert listed and all(lb.initial.rule == "score" for lb in listed)


def test_max_bytes_skips_and_says_so() -> None:
    doc = cleanwire.extract(PAGE, max_bytes=100)
    assert doc.skipped == "max-bytes" and doc.body == ""
