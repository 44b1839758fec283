"""The cleanwire command: a Unix filter over the library."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import cleanwire
from cleanwire.cli import main
from conftest import FIXTURES, shared_path

SEED = "004_c7814b1f56bc79da.txt"


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def test_stdin_to_stdout_matches_the_library() -> None:
    data = shared_path("seeds", SEED).read_bytes()
    code, out = run([], data)
    assert code == 0
    assert out == cleanwire.clean(data.decode("utf-8")) + "\n"


def test_files_and_keep_title() -> None:
    path = str(FIXTURES / "example.txt")
    code, out = run(["--keep-title", path])
    assert code == 0
    assert out.startswith("Deep-sea survey finds coral gardens")
    code, out = run([path, path])
    assert out.count("==> ") == 2


def test_explain_lists_every_block_with_rule() -> None:
    data = shared_path("seeds", SEED).read_bytes()
    code, out = run(["--explain", "--color", "never"], data)
    assert code == 0
    assert "login-prompt" in out and "comment-form" in out and "\033[" not in out
    code, out = run(["--explain", "--color", "always"], data)
    assert "\033[" in out


def test_invalid_utf8_is_not_fatal() -> None:
    code, out = run([], "Caf\xe9 society grows in the old town, and the council is pleased with it.\n".encode("latin-1"))
    assert code == 0


def test_jsonl_adds_body_and_title_keeps_fields_and_order() -> None:
    page = shared_path("seeds", SEED).read_text(encoding="utf-8")
    recs = [{"id": i, "text": page, "z": [1, 2]} for i in range(3)]
    data = "".join(json.dumps(r) + "\n" for r in recs).encode()
    code, out = run(["--jsonl"], data)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [0, 1, 2]
    assert list(rows[0]) == ["id", "text", "z", "body", "title"]
    assert rows[0]["body"] == cleanwire.clean(page)
    assert rows[0]["title"].startswith("North Korea’s Kim meets")


def test_jsonl_custom_fields() -> None:
    code, out = run(["--jsonl", "--field", "content", "--output-field", "clean", "--title-field", ""],
                    b'{"content": "Menu\\nA long enough sentence of prose that stays in the body of the page."}\n')
    assert code == 0
    assert json.loads(out) == {"content": "Menu\nA long enough sentence of prose that stays in the body of the page.",
                               "clean": "A long enough sentence of prose that stays in the body of the page."}


@pytest.mark.parametrize("line, message", [
    (b"{not json}\n", "invalid JSON"),
    (b"[1, 2]\n", "expected a JSON object"),
    (b'{"id": 1}\n', "missing field 'text'"),
    (b'{"text": 5}\n', "not a string"),
])
def test_bad_jsonl_names_the_line_and_exits_2(line: bytes, message: str, capsys) -> None:
    code, out = run(["--jsonl"], b'{"text": "ok"}\n' + line)
    assert code == 2
    err = capsys.readouterr().err
    assert "<stdin>:2:" in err and message in err and "Traceback" not in err
    assert len(out.splitlines()) == 1  # the good first record was written


def test_bad_jsonl_marked_passes_every_record_through() -> None:
    data = b'{"text": "ok"}\n{bad\n[1]\n{"id": 7}\n\n{"text": "fine"}\n'
    code, out = run(["--jsonl", "--on-error", "mark"], data)
    assert code == 0
    rows = out.splitlines()
    assert len(rows) == 6 and rows[4] == ""
    parsed = [json.loads(r) for r in rows if r]
    assert [("cleanwire_error" in r) for r in parsed] == [False, True, True, True, False]
    assert parsed[3]["id"] == 7


def test_usage_errors_exit_2_without_traceback(capsys) -> None:
    assert run(["/nonexistent/file.txt"])[0] == 2
    assert run(["--disable", "no-such-rule"])[0] == 2
    assert run(["--no-such-flag"])[0] == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nonexistent" in err


def test_help_version_and_rules() -> None:
    code, out = run(["--list-rules"])
    assert code == 0 and "related-list" in out
    proc = subprocess.run([sys.executable, "-m", "cleanwire", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "examples:" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "cleanwire", "--version"], capture_output=True, text=True)
    assert proc.stdout.strip() == f"cleanwire {cleanwire.__version__}"


def test_console_script_pipes() -> None:
    data = shared_path("seeds", SEED).read_bytes()
    script = Path(sys.executable).with_name("cleanwire")  # installed by pip into the venv
    proc = subprocess.run([str(script)], input=data, capture_output=True)
    assert proc.returncode == 0
    assert proc.stdout.decode() == cleanwire.clean(data.decode()) + "\n"
