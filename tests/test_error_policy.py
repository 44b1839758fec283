"""The error policy: exit codes (0 ok, 1 failure while processing, 2 bad usage or bad
input), a bug in one record never loses it, messages name the file and line with no
traceback unless CLEANWIRE_DEBUG is set, and the size limit passes documents through
marked as skipped, never dropped."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cleanwire
import cleanwire._pipeline
from cleanwire._records import clean_records
from cleanwire.cli import DEFAULT_MAX_BYTES, EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from hostile import PROSE, PROSE2, jsonl, run_cli

PAGE = "Menu\n" + PROSE + "\n" + PROSE2 + "\n"
BODY = PROSE + "\n\n" + PROSE2


@pytest.fixture
def buggy(monkeypatch):
    """Make the pipeline raise (as a bug would) on any text containing BOOM."""
    real = cleanwire._pipeline.split_blocks

    def split_blocks(text: str):
        if "BOOM" in text:
            raise RuntimeError("simulated bug")
        return real(text)

    monkeypatch.setattr(cleanwire._pipeline, "split_blocks", split_blocks)


def test_exit_codes_are_the_documented_ones() -> None:
    assert (EXIT_OK, EXIT_FAILURE, EXIT_USAGE) == (0, 1, 2)
    assert "0 ok, 1 failure while processing, 2 bad usage or bad input" in cleanwire.cli.EXAMPLES


@pytest.mark.parametrize("argv", [
    ["--no-such-flag"], ["--max-bytes", "-1"], ["--max-bytes", "lots"], ["--on-error", "ignore"],
    ["--disable", "no-such-rule"], ["/nonexistent/input.txt"], ["--jsonl", "/nonexistent/in.jsonl"],
])
def test_usage_errors_exit_2_in_one_line(argv: list[str], capsys) -> None:
    code, out = run_cli(argv)
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and out == ""
    assert "Traceback" not in err and err.strip()


def test_a_bug_in_one_record_is_marked_and_the_rest_go_on(buggy) -> None:
    data = jsonl([{"id": 1, "text": PAGE}, {"id": 2, "text": "BOOM " + PAGE}, {"id": 3, "text": PAGE}])
    code, out = run_cli(["--jsonl", "--on-error", "mark"], data)
    rows = [json.loads(r) for r in out.splitlines()]
    assert code == EXIT_OK and [r["id"] for r in rows] == [1, 2, 3]
    assert rows[0]["body"] == BODY and rows[2]["body"] == BODY
    assert rows[1]["cleanwire_error"] == "line 2: internal error (RuntimeError: simulated bug)"
    assert rows[1]["text"] == "BOOM " + PAGE and "body" not in rows[1]


def test_a_bug_with_stop_exits_1_naming_the_line_without_traceback(buggy, capsys, monkeypatch) -> None:
    monkeypatch.delenv("CLEANWIRE_DEBUG", raising=False)
    data = jsonl([{"id": 1, "text": PAGE}, {"id": 2, "text": "BOOM"}, {"id": 3, "text": PAGE}])
    code, out = run_cli(["--jsonl"], data)
    err = capsys.readouterr().err
    assert code == EXIT_FAILURE
    assert [json.loads(r)["id"] for r in out.splitlines()] == [1]
    assert err == "cleanwire: <stdin>:2: internal error (RuntimeError: simulated bug)\n"


def test_a_bug_message_stays_one_short_line(monkeypatch, capsys) -> None:
    def huge_bug(text: str):
        raise ValueError(text)  # the message carries the whole document

    monkeypatch.setattr(cleanwire._pipeline, "split_blocks", huge_bug)
    code, _ = run_cli(["--jsonl"], jsonl([{"text": "x" * 100_000}]))
    err = capsys.readouterr().err
    assert code == EXIT_FAILURE and err.count("\n") == 1 and len(err) < 400


def test_cleanwire_debug_shows_the_traceback(buggy, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CLEANWIRE_DEBUG", "1")
    code, _ = run_cli(["--jsonl"], jsonl([{"text": "BOOM"}]))
    err = capsys.readouterr().err
    assert code == EXIT_FAILURE and "Traceback" in err and "simulated bug" in err


def test_a_bug_in_text_mode_exits_1_naming_the_file(buggy, tmp_path, capsys) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(PAGE)
    bad.write_text("BOOM\n" + PAGE)
    code, out = run_cli([str(good), str(bad)])
    err = capsys.readouterr().err
    assert code == EXIT_FAILURE and BODY in out
    assert f"cleanwire: {bad}: internal error (RuntimeError: simulated bug)" in err and "Traceback" not in err


def test_clean_records_marks_bugs_too(buggy) -> None:
    rows = list(clean_records([{"text": PAGE}, {"text": "BOOM"}, 7], on_error="mark"))
    assert rows[0]["body"] == BODY
    assert rows[1]["cleanwire_error"] == "internal error (RuntimeError: simulated bug)"
    assert rows[2] == {"value": 7, "cleanwire_error": "expected a JSON object, got int"}
    with pytest.raises(RuntimeError):
        list(clean_records([{"text": "BOOM"}]))


# --- the size limit -----------------------------------------------------------------------


def test_library_limit_counts_utf8_bytes_and_skips_without_dropping() -> None:
    assert cleanwire.Options().max_bytes is None  # the library has no default limit
    text = "é" * 500  # 1 000 bytes
    assert cleanwire.extract(text, max_bytes=1000).skipped is None
    doc = cleanwire.extract(text, max_bytes=999)
    assert doc.skipped == "max-bytes" and doc.body == "" and doc.blocks == () and doc.title is None
    assert cleanwire.extract("\ud800" * 10, max_bytes=29).skipped == "max-bytes"  # 3 bytes each
    assert cleanwire.extract("", max_bytes=0).skipped is None
    assert "(not processed: max-bytes)" in cleanwire.explain(text, max_bytes=10)


def test_cli_text_over_the_limit_is_passed_through_with_a_note(tmp_path, capsys) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    code, out = run_cli(["--max-bytes", "10", str(path)])
    assert code == EXIT_OK and out == PAGE
    assert f"cleanwire: {path}: not processed (max-bytes); passed through" in capsys.readouterr().err
    code, out = run_cli(["--max-bytes", "10", "--explain", str(path)])
    assert code == EXIT_OK and out == "(not processed: max-bytes)\n"
    code, out = run_cli(["--max-bytes", "none", str(path)])
    assert out == BODY + "\n"


def test_default_limit_is_documented_in_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "cleanwire", "--help"], capture_output=True, text=True)
    help_text = " ".join(proc.stdout.split())
    assert f"(default: {DEFAULT_MAX_BYTES}; 'none': no limit)" in help_text
    assert "CLEANWIRE_DEBUG=1" in help_text
