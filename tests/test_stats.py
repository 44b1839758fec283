"""--stats, --stats-json and the progress bar."""

from __future__ import annotations

import io
import json

import cleanwire
from cleanwire._progress import Progress, render
from cleanwire.cli import main
from conftest import shared_path


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def _records() -> tuple[list[str], bytes]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]
    lines = [json.dumps({"id": i, "text": pages[i % len(pages)]}) for i in range(20)] + ["[1]"]
    return pages, ("\n".join(lines) + "\n").encode()


def test_stats_json_counts_match_the_library_and_do_not_depend_on_jobs(tmp_path, capsys) -> None:
    pages, data = _records()
    reports = []
    for jobs in ("1", "2"):
        path = tmp_path / f"stats{jobs}.json"
        code, _ = run(["--jsonl", "--on-error", "mark", "-j", jobs, "--stats-json", str(path)], data)
        assert code == 0
        reports.append(json.loads(path.read_text(encoding="utf-8")))
    assert reports[0] == reports[1]
    rep = reports[0]
    docs = [cleanwire.extract(pages[i % len(pages)]) for i in range(20)]
    assert rep["documents"] == 21 and rep["errors"] == 1 and rep["skipped"] == 0
    assert rep["bytes_in"] == sum(len(pages[i % len(pages)].encode()) for i in range(20))
    assert rep["bytes_out"] == sum(len(d.body.encode()) for d in docs)
    assert 0 < rep["share_removed"] < 1
    expected: dict[str, int] = {}
    for d in docs:
        for rule, chars in d.removed_by_rule().items():
            expected[rule] = expected.get(rule, 0) + chars
    assert {r: v["chars"] for r, v in rep["rules"].items()} == expected
    assert capsys.readouterr().err == ""  # stderr is not a terminal: no progress bar


def test_stats_summary_goes_to_stderr_only(capsys) -> None:
    _, data = _records()
    code, out = run(["--jsonl", "--on-error", "mark", "--stats", "-j", "1"], data)
    assert code == 0
    err = capsys.readouterr().err
    assert "documents  21 (1 errors, 0 skipped)" in err
    assert "\nremoved " in err and "\nrule " in err and "\nrelated-list " in err
    assert "documents" not in out


def test_stats_in_text_mode_and_bad_stats_path(capsys) -> None:
    data = shared_path("seeds", "004_c7814b1f56bc79da.txt").read_bytes()
    code, _ = run(["--stats"], data)
    assert code == 0 and "documents  1 " in capsys.readouterr().err
    code, _ = run(["--stats-json", "/nonexistent/dir/s.json"], data)
    assert code == 2 and "/nonexistent/dir/s.json" in capsys.readouterr().err


def test_progress_bar_text_and_terminal_only() -> None:
    line = render(1500, 30_000_000, 60_000_000, 10.0)
    assert "1,500 records" in line and "30.0 MB" in line and "3.00 MB/s" in line and "ETA 0:00:10" in line
    assert "50%" in line
    assert "ETA" not in render(10, 1000, None, 1.0)  # stdin: size unknown
    quiet = io.StringIO()
    bar = Progress(quiet, total=100, enabled=False)
    bar.update(1, 50)
    bar.close()
    assert quiet.getvalue() == ""
    loud = io.StringIO()
    bar = Progress(loud, total=100, enabled=True)
    bar.last -= 1  # as if the last redraw were a second ago
    bar.update(3, 100)
    bar.close()
    assert loud.getvalue().startswith("\r[") and "3 records" in loud.getvalue() and loud.getvalue().endswith("\n")
