"""-j N: the same bytes as -j 1, in input order, nothing lost, crashes reported."""

from __future__ import annotations

import io
import json
import os

import pytest

import cleanwire
from cleanwire._cli_common import Batch, BatchResult, ProcessingFailure, run_batches
from cleanwire._parallel import WorkerCrash, ordered_map
from cleanwire._progress import Progress
from cleanwire._stats import Stats
from cleanwire.cli import main
from conftest import FIXTURES, shared_path


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def pages() -> list[str]:
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    texts.append((FIXTURES / "example.txt").read_text(encoding="utf-8"))
    # short and odd inputs too: empty, one line, only chrome, non-ASCII
    texts += ["", "Menu", "Share\nTweet\nEmail", "Zürich: Ein langer Satz über die Stadt, der im Text bleibt."]
    return texts


@pytest.fixture(scope="module")
def jsonl(pages: list[str]) -> bytes:
    """300 records with ids, a few blank lines and a few bad records."""
    lines = []
    for i in range(300):
        if i % 97 == 50:
            lines.append("{broken json")
        elif i % 89 == 10:
            lines.append(json.dumps({"id": i, "no_text": True}))
        elif i % 71 == 5:
            lines.append("")
        else:
            lines.append(json.dumps({"id": i, "text": pages[i % len(pages)], "meta": {"n": i}}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("extra", [
    ["--on-error", "mark"],
    ["--on-error", "mark", "--keep-title", "--keep-captions", "--disable", "related-list"],
    ["--on-error", "mark", "--max-bytes", "2000", "--title-field", "", "--output-field", "clean"],
])
def test_jobs_output_is_byte_identical_and_complete(jsonl: bytes, extra: list[str]) -> None:
    code1, out1 = run(["--jsonl", "-j", "1", *extra], jsonl)
    code2, out2 = run(["--jsonl", "-j", "2", *extra], jsonl)
    assert code1 == code2 == 0
    assert out1 == out2
    in_lines = jsonl.decode().splitlines()
    out_lines = out1.splitlines()
    assert len(out_lines) == len(in_lines) == 300
    for src, dst in zip(in_lines, out_lines):
        if not src:
            assert dst == ""
            continue
        rec = json.loads(dst)
        if src.startswith("{broken"):
            assert rec["line"] == src and "cleanwire_error" in rec
        else:
            assert rec["id"] == json.loads(src)["id"]


def test_jobs_stop_at_the_same_record_with_the_same_message(jsonl: bytes, capsys) -> None:
    code1, out1 = run(["--jsonl", "-j", "1"], jsonl)
    err1 = capsys.readouterr().err
    code2, out2 = run(["--jsonl", "-j", "2"], jsonl)
    err2 = capsys.readouterr().err
    assert code1 == code2 == 2
    assert out1 == out2 and err1 == err2
    assert "<stdin>:11: missing field 'text'" in err1  # record id 10 is on line 11
    assert len(out1.splitlines()) == 10


def test_several_text_files_in_parallel_keep_their_order(tmp_path, pages: list[str]) -> None:
    paths = []
    for i, page in enumerate(pages):
        p = tmp_path / f"p{i}.txt"
        p.write_text(page, encoding="utf-8")
        paths.append(str(p))
    code1, out1 = run(["-j", "1", *paths])
    code2, out2 = run(["-j", "2", *paths])
    assert code1 == code2 == 0 and out1 == out2
    assert [line[4:-4] for line in out1.splitlines() if line.startswith("==> ")] == paths


def test_clean_records_jobs_matches_serial(pages: list[str]) -> None:
    records = ({"id": i, "text": pages[i % len(pages)]} for i in range(200))
    serial = list(cleanwire.clean_records({"id": i, "text": pages[i % len(pages)]} for i in range(200)))
    parallel = list(cleanwire.clean_records(records, jobs=2))
    assert parallel == serial
    assert [r["id"] for r in parallel] == list(range(200))


def test_clean_records_jobs_raises_record_errors() -> None:
    with pytest.raises(cleanwire._records.RecordError):
        list(cleanwire.clean_records([{"text": "a"}] * 100 + [{"id": 1}], jobs=2))


def _square_or_die(n: int) -> int:
    if n == 7:
        os._exit(3)  # what the OOM killer or a segfault looks like from outside
    return n * n


def test_ordered_map_is_lazy_and_ordered() -> None:
    assert list(ordered_map(_square_or_die, range(6), jobs=2)) == [n * n for n in range(6)]


def test_a_dead_worker_is_reported_not_lost() -> None:
    got = []
    with pytest.raises(WorkerCrash):
        for value in ordered_map(_square_or_die, range(20), jobs=2):
            got.append(value)
    assert got == [n * n for n in range(len(got))] and len(got) <= 7


def _batch_or_die(batch: Batch[int]) -> BatchResult:
    if batch.payload == 3:
        os._exit(9)
    return BatchResult(text=f"{batch.payload}\n", records=1)


def test_a_dead_worker_fails_the_run_naming_the_batch() -> None:
    out = io.StringIO()
    batches = (Batch(f"in.jsonl:{n * 10 + 1}-{n * 10 + 10}", n) for n in range(8))
    with pytest.raises(ProcessingFailure, match=r"in\.jsonl:\d+-\d+: a worker process died"):
        run_batches(_batch_or_die, batches, jobs=2, out=out,
                    progress=Progress(io.StringIO(), total=None, enabled=False), stats=Stats())
    assert out.getvalue() == "".join(f"{n}\n" for n in range(len(out.getvalue().splitlines())))


def _numbers_then_error():
    yield from range(10)
    raise ValueError("bad input at item 10")


def test_an_input_error_comes_after_the_results_before_it() -> None:
    for jobs in (1, 2):
        got = []
        with pytest.raises(ValueError, match="item 10"):
            for value in ordered_map(_square_or_die_late, _numbers_then_error(), jobs=jobs):
                got.append(value)
        assert got == [n + 1 for n in range(10)]


def _square_or_die_late(n: int) -> int:
    return n + 1


def _boom(*args, **kwargs):
    raise RuntimeError("boom")


def test_an_internal_error_names_the_line_and_exits_1(monkeypatch, capsys) -> None:
    import cleanwire._cli_jsonl as jsonl_mode

    monkeypatch.setattr(jsonl_mode, "extract", _boom)  # -j 1 runs in this process
    data = b'{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n'
    code, out = run(["--jsonl", "-j", "1"], data)
    err = capsys.readouterr().err
    assert code == 1 and out == "" and "<stdin>:1: internal error (RuntimeError: boom)" in err
    assert "Traceback" not in err
    code, out = run(["--jsonl", "-j", "1", "--on-error", "mark"], data)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == [1, 2]
    assert all("internal error (RuntimeError: boom)" in r["cleanwire_error"] for r in rows)


def test_an_unexpected_error_in_the_parent_is_one_line_and_exit_1(monkeypatch, capsys) -> None:
    import cleanwire.cli as cli

    monkeypatch.setattr(cli, "run", _boom)
    assert run(["x.txt"])[0] == 1
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom)" in err and "Traceback" not in err


def _pid(_: int) -> int:
    return os.getpid()


def test_a_single_task_runs_without_starting_processes() -> None:
    assert list(ordered_map(_pid, [0], jobs=2)) == [os.getpid()]
    assert list(ordered_map(_pid, [], jobs=2)) == []
    assert os.getpid() not in list(ordered_map(_pid, range(4), jobs=2))


def _one_then_error():
    yield 0
    raise ValueError("bad input at item 1")


def test_an_input_error_after_one_task_still_yields_that_task() -> None:
    got = []
    with pytest.raises(ValueError, match="item 1"):
        for value in ordered_map(_square_or_die_late, _one_then_error(), jobs=2):
            got.append(value)
    assert got == [1]
