"""Fuzzing with bounded examples (the long run is scripts/fuzz.py): text, HTML-ish text,
JSON Lines and raw bytes, plus a stress test of every regular expression on long
generated strings (it fails if one of them is quadratic)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanwire
from cleanwire import _lexicon, _rules
from cleanwire._decode import decode_bytes
from conftest import span_text
from hostile import PATHOLOGICAL, run_cli
from strategies import check_text_invariants, html_text, jsonl_input, texts

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_text_invariants(text: str) -> None:
    check_text_invariants(text)


@SETTINGS
@given(html_text)
def test_html_ish_text_in_text_mode(text: str) -> None:
    check_text_invariants(text)


@SETTINGS
@given(html_text)
def test_html_ish_text_in_html_mode(text: str) -> None:
    body = cleanwire.clean_html(text)
    assert isinstance(body, str) and "root:x:0:0" not in body


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_decode_and_clean(data: bytes) -> None:
    text = decode_bytes(data)
    assert isinstance(text, str)
    code, out = run_cli([], data)
    assert code == 0 and out in ("", cleanwire.clean(text) + "\n")


@SETTINGS
@given(st.text(max_size=300).filter(lambda s: "\x00" not in s))
def test_valid_utf8_decodes_to_itself(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text.removeprefix("\ufeff")


@SETTINGS
@given(jsonl_input)
def test_jsonl_records_out_equal_records_in(data: bytes) -> None:
    code, out = run_cli(["--jsonl", "--on-error", "mark"], data)
    assert code == 0
    assert out.count("\n") == data.count(b"\n")
    for row in out.split("\n")[:-1]:
        if row.strip():
            assert isinstance(json.loads(row), dict)


# --- every regular expression on pathological strings -------------------------------------


def _patterns() -> dict[str, re.Pattern | regex.Pattern]:
    """Every compiled pattern of the package's private modules (module constants, found
    by walking the package, so patterns added later are audited too) and the lexicon's."""
    found: dict[str, re.Pattern | regex.Pattern] = {}
    for info in pkgutil.iter_modules(cleanwire.__path__):
        if not info.name.startswith("_"):
            continue
        try:
            mod = importlib.import_module(f"cleanwire.{info.name}")
        except ImportError:  # an optional dependency is missing: nothing of it runs either
            continue
        for name, value in vars(mod).items():
            if isinstance(value, (re.Pattern, regex.Pattern)):
                found[f"{mod.__name__}.{name}"] = value
    lex = _lexicon.load_lexicon()
    for name in ("prefix_re", "glued_re", "contains_re"):
        found[f"Lexicon.{name}"] = getattr(lex, name)
    for family in ("read_time", "byline"):
        found[f"_label_re({family})"] = _rules._label_re(lex, family, r"\s+\S")
    return found


# A hang detector, not a speed target: a linear pattern takes milliseconds on these
# 50 000-character strings, a quadratic one tens of seconds (the two fixed by the audit
# took 11 s and 22 s), so the regex module's own timeout separates them with a wide
# margin even on a busy machine.
HANG_SECONDS = 2.0
LONG = 50_000


def _run_all(pattern: re.Pattern | regex.Pattern, s: str) -> None:
    if isinstance(pattern.pattern, bytes):
        s = s.encode("utf-8", "surrogatepass")
    empty = s[:0]
    if isinstance(pattern, regex.Pattern):
        pattern.search(s, timeout=HANG_SECONDS)
        pattern.match(s, timeout=HANG_SECONDS)
        pattern.split(s, timeout=HANG_SECONDS)
        pattern.sub(empty, s, timeout=HANG_SECONDS)
    else:  # the re module has no timeout: run it in a thread we can give up waiting for
        pool = ThreadPoolExecutor(1)
        job = pool.submit(lambda: (pattern.search(s), pattern.match(s), pattern.split(s), pattern.sub(empty, s)))
        try:
            job.result(timeout=HANG_SECONDS * 4)
        except FutureTimeout:
            raise TimeoutError(f"{pattern.pattern!r} did not finish") from None
        finally:
            pool.shutdown(wait=False)


def test_no_regex_backtracks_catastrophically_on_pathological_strings() -> None:
    hung = []
    for pname, pattern in _patterns().items():
        for sname, make in PATHOLOGICAL.items():
            try:
                _run_all(pattern, make(LONG))
            except TimeoutError:
                hung.append(f"{pname} on {sname}")
    assert not hung, hung


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.sampled_from(" \t\u00a0!./:|>›»()[]\"'1aA中\u0301-"), min_size=1, max_size=12))
def test_regex_stress_repeated_random_units(unit: str) -> None:
    """Any short unit repeated to 20 000 characters: no pattern hangs, and the pipeline
    still returns exact spans."""
    s = (unit * (20_000 // len(unit) + 1))[:20_000]
    for pattern in _patterns().values():
        _run_all(pattern, s)
    doc = cleanwire.extract(s)
    assert all(span_text(s, lb.block.start, lb.block.end) == lb.text for lb in doc.blocks)
