"""The command in HTML mode: detection, --html/--text, JSONL with --field html."""

from __future__ import annotations

import io
import json

import cleanwire
from cleanwire._html import looks_like_html
from cleanwire.cli import main

PARA = ("The council voted on Tuesday to extend the night bus service to the eastern suburbs, "
        "after a year in which ridership grew faster than anyone had forecast.")
PAGE = ("<!doctype html><html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
        f"<article><h1>Night buses</h1><p>{PARA}</p><p>{PARA.replace('council', 'board')}</p></article>"
        "<footer>Contact us</footer></body></html>")


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def test_detection() -> None:
    assert looks_like_html(b"<!DOCTYPE html><p>x</p>")
    assert looks_like_html("\n  <html lang='pl'><body>")
    assert looks_like_html("<div>a</div>" * 12)
    assert not looks_like_html("Prices went up < 5% and > 3% this year.")
    assert not looks_like_html("A line with one <b>bold</b> word.")


def test_html_is_detected_and_cleaned() -> None:
    code, out = run([], PAGE.encode())
    assert code == 0
    assert out == cleanwire.clean_html(PAGE.encode()) + "\n"
    assert PARA in out and "Contact us" not in out and "<p>" not in out


def test_text_flag_forces_text_mode_and_html_flag_forces_html() -> None:
    code, out = run(["--text"], PAGE.encode())
    assert code == 0 and out == cleanwire.clean(PAGE) + "\n"
    fragment = f"<p>{PARA}</p>"  # too few tags to be detected
    assert run([], fragment.encode())[1] == cleanwire.clean(fragment) + "\n"
    assert run(["--html"], fragment.encode())[1] == PARA + "\n"


def test_explain_html() -> None:
    code, out = run(["--explain"], PAGE.encode())
    assert code == 0
    assert "dom-boilerplate" in out


def test_jsonl_field_html() -> None:
    line = json.dumps({"id": 1, "html": PAGE}) + "\n"
    code, out = run(["--jsonl", "--field", "html"], line.encode())
    assert code == 0
    rec = json.loads(out)
    assert rec["id"] == 1 and rec["html"] == PAGE
    assert rec["body"] == cleanwire.clean_html(PAGE)
    # --text keeps text mode even for a field named html
    code, out = run(["--jsonl", "--field", "html", "--text"], line.encode())
    assert json.loads(out)["body"] == cleanwire.clean(PAGE)
