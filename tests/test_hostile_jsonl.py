"""Hostile JSON Lines: broken lines, non-objects, huge records, missing or non-string
fields, deep nesting, lone surrogates, odd encodings. Nothing may be lost: with
``--on-error mark`` every input line comes out, in order, ids intact; with ``stop``
the run ends with exit 2 naming the line, after writing every record before it."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanwire._decode import decode_bytes
from cleanwire.cli import DEFAULT_MAX_BYTES
from hostile import PROSE, PROSE2, huge_line, jsonl, run_cli

ERR = "cleanwire_error"
PAGE = "Menu\nHome\n" + PROSE + "\n" + PROSE2 + "\nShare\n"
BODY = PROSE + "\n\n" + PROSE2

# One hostile line of each kind, with what must be said about it.
BAD_LINES = [
    (b"{not json}", "invalid JSON"),
    (b'{"text": "unterminated', "invalid JSON"),
    (b"[1, 2]", "expected a JSON object, got list"),
    (b'"just a string"', "expected a JSON object, got str"),
    (b"42", "expected a JSON object, got int"),
    (b"null", "expected a JSON object, got NoneType"),
    (b"true", "expected a JSON object, got bool"),
    (b'{"id": 9}', "missing field 'text'"),
    (b'{"id": 9, "text": null}', "field 'text' is NoneType, not a string"),
    (b'{"id": 9, "text": 5}', "field 'text' is int, not a string"),
    (b'{"id": 9, "text": ["a", "b"]}', "field 'text' is list, not a string"),
    (b'{"id": 9, "text": {"nested": "x"}}', "field 'text' is dict, not a string"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"id": 9, "text": "x", "deep": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "nested too deeply"),
    (b'{"id": 9, "n": 1' + b"0" * 5_000 + b"}", "unreadable JSON"),
    (b"\xff\xfe\x00{garbage", "invalid JSON"),
]


def _good(i: int) -> bytes:
    return json.dumps({"id": i, "text": PAGE}).encode()


def test_every_bad_line_is_marked_and_nothing_is_lost() -> None:
    lines = []
    for i, (bad, _) in enumerate(BAD_LINES):
        lines += [_good(2 * i), bad]
    data = b"\n".join(lines) + b"\n"
    code, out = run_cli(["--jsonl", "--on-error", "mark"], data)
    assert code == 0
    rows = [json.loads(r) for r in out.splitlines()]
    assert len(rows) == len(lines)  # records out == records in
    for i, (_, message) in enumerate(BAD_LINES):
        good, bad = rows[2 * i], rows[2 * i + 1]
        assert good["id"] == 2 * i and good["body"] == BODY and ERR not in good
        assert bad[ERR].startswith(f"line {2 * i + 2}: ") and message in bad[ERR], bad[ERR]
        if bad.get("id") is not None:
            assert bad["id"] == 9  # an object keeps its fields
        else:
            assert "line" in bad  # anything else keeps its raw line


def test_stop_names_the_line_writes_everything_before_and_exits_2(capsys) -> None:
    for bad, message in BAD_LINES:
        data = _good(1) + b"\n" + _good(2) + b"\n" + bad + b"\n" + _good(4) + b"\n"
        code, out = run_cli(["--jsonl"], data)
        err = capsys.readouterr().err
        assert code == 2
        assert [json.loads(r)["id"] for r in out.splitlines()] == [1, 2]
        assert f"cleanwire: <stdin>:3: " in err and message in err and "Traceback" not in err


def test_file_names_appear_in_messages(tmp_path, capsys) -> None:
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_bytes(_good(1) + b"\n")
    bad.write_bytes(_good(2) + b"\n" + b"{oops\n")
    code, out = run_cli(["--jsonl", str(good), str(bad)])
    assert code == 2 and len(out.splitlines()) == 2
    assert f"{bad}:2: invalid JSON" in capsys.readouterr().err


def test_nesting_near_the_recursion_limit_never_escapes() -> None:
    lines = [b'{"id": %d, "text": "%s", "n": %s}' % (d, PROSE.encode(), b"[" * d + b"]" * d)
             for d in range(1, 3000, 37)]
    code, out = run_cli(["--jsonl", "--on-error", "mark"], b"\n".join(lines) + b"\n")
    assert code == 0
    rows = [json.loads(r) for r in out.splitlines()]
    assert len(rows) == len(lines)
    for d, row in zip(range(1, 3000, 37), rows):
        assert row.get("id", d) == d and (row.get("body") == PROSE or "nested too deeply" in row[ERR])


def test_huge_records() -> None:
    big = huge_line(5_000_000)
    data = jsonl([{"id": 1, "text": big}, {"id": 2, "text": PAGE}])
    code, out = run_cli(["--jsonl"], data)
    rows = [json.loads(r) for r in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == [1, 2]
    assert rows[0]["body"] == big and rows[1]["body"] == BODY


def test_records_over_the_limit_are_passed_through_marked_skipped() -> None:
    over = huge_line(DEFAULT_MAX_BYTES + 1)
    data = jsonl([{"id": 1, "text": over}, {"id": 2, "text": PAGE}, {"id": 3, "text": "é" * 600}])
    code, out = run_cli(["--jsonl"], data)
    rows = [json.loads(r) for r in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == [1, 2, 3]
    assert rows[0]["text"] == over and rows[0]["body"] == "" and rows[0]["title"] is None
    assert rows[0]["cleanwire_skipped"] == "max-bytes"
    assert "cleanwire_skipped" not in rows[1] and rows[1]["body"] == BODY
    # the limit counts UTF-8 bytes: 600 "é" are 1 200 bytes
    code, out = run_cli(["--jsonl", "--max-bytes", "1000"], data)
    rows = [json.loads(r) for r in out.splitlines()]
    assert [r.get("cleanwire_skipped") for r in rows] == ["max-bytes", None, "max-bytes"]


def test_lone_surrogate_escapes_round_trip_through_the_real_command() -> None:
    line = b'{"id": 1, "text": "Menu\\n' + PROSE.encode() + b' \\ud800 \\udfff end."}\n'
    proc = subprocess.run([sys.executable, "-m", "cleanwire", "--jsonl"], input=line, capture_output=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == b""
    row = json.loads(proc.stdout.decode("utf-8"))  # valid UTF-8, valid JSON
    assert row["body"] == PROSE + " \ud800 \udfff end." and row["id"] == 1


def test_crlf_blank_and_whitespace_lines_are_kept_in_place() -> None:
    data = _good(1) + b"\r\n\r\n   \n" + _good(2) + b"\r\n"
    code, out = run_cli(["--jsonl"], data)
    rows = out.split("\n")
    assert code == 0 and len(rows) == 5 and rows[1] == "" and rows[2] == "   "
    assert json.loads(rows[0])["id"] == 1 and json.loads(rows[3])["id"] == 2


def test_utf16_jsonl_is_refused_with_a_message(capsys) -> None:
    data = codecs.BOM_UTF16_LE + ('{"text": "' + PROSE + '"}\n').encode("utf-16-le")
    code, out = run_cli(["--jsonl", "--on-error", "mark"], data)
    assert code == 2 and out == ""
    assert "must be UTF-8" in capsys.readouterr().err


def test_a_last_line_without_newline_is_a_record() -> None:
    code, out = run_cli(["--jsonl"], _good(1) + b"\n" + _good(2))
    assert code == 0 and [json.loads(r)["id"] for r in out.splitlines()] == [1, 2]


@pytest.mark.parametrize("raw", [b"\t\xa0", b"\x00\xa0"])
def test_a_short_undecodable_line_is_read_the_same_with_or_without_its_newline(raw: bytes) -> None:
    # found by the property below: the newline once changed the guessed charset, so a
    # line that decodes to blank space was marked as bad JSON (or the reverse)
    blank = not decode_bytes(raw).strip()
    for data in (raw + b"\n", raw):
        code, out = run_cli(["--jsonl", "--on-error", "mark"], data)
        assert code == 0
        if blank:
            assert not out.strip()
        else:
            assert json.loads(out)[ERR].startswith("line 1: ")


# --- property: records out == records in, in order, for any mix of lines ----------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)
records = st.one_of(
    st.fixed_dictionaries({"text": st.text(max_size=200)}, optional={"x": json_values}),
    st.fixed_dictionaries({"text": st.sampled_from([PAGE, PROSE, "", "Menu"])}),
    json_values,
    st.dictionaries(st.sampled_from(["text", "body", "title", "id"]), json_values, max_size=4),
)
raw_lines = st.one_of(
    records.map(lambda r: json.dumps(r).encode()),
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" ")),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_lines, max_size=12))
def test_records_out_equal_records_in(lines: list[bytes]) -> None:
    data = b"".join(line + b"\n" for line in lines)
    code, out = run_cli(["--jsonl", "--on-error", "mark"], data)
    assert code == 0
    rows = out.split("\n")[:-1]
    assert len(rows) == len(lines)
    for i, (raw, row) in enumerate(zip(lines, rows)):
        if not decode_bytes(raw).strip():
            assert not row.strip()  # a blank line stays a blank line
            continue
        rec = json.loads(row)
        assert isinstance(rec, dict)
        if ERR in rec:
            assert rec[ERR].startswith(f"line {i + 1}: ")
        else:
            src = json.loads(raw)
            assert {k: v for k, v in rec.items() if k not in ("body", "title")} == \
                   {k: v for k, v in src.items() if k not in ("body", "title")}
            assert isinstance(rec["body"], str)
