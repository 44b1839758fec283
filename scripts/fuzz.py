"""The long fuzz run: the strategies of tests/strategies.py with many more examples.

    PYTHONPATH=src python scripts/fuzz.py --seconds 600

The time is split evenly over the targets; each target runs hypothesis in rounds of
``--round`` examples (fresh random seeds each round) until its share is used. Prints,
per target, how many inputs ran, for how long, and every failure hypothesis found
(with its shrunk falsifying example). Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import cleanwire  # noqa: E402
from cleanwire._decode import decode_bytes  # noqa: E402
from hostile import run_cli  # noqa: E402
from strategies import check_text_invariants, html_text, jsonl_input, texts  # noqa: E402

COUNT = {"n": 0}


def _text(text: str) -> None:
    COUNT["n"] += 1
    check_text_invariants(text)


def _idempotent(text: str) -> None:
    COUNT["n"] += 1
    once = cleanwire.clean(text)
    assert cleanwire.clean(once) == once


# Superlinear-time hunt: a random short unit repeated to SMALL and 10x SMALL characters
# must not cost more than SLOW_RATIO times as much (linear is ~10x); tiny times are
# ignored because timer noise dominates them. This is a script, so timing is fine here.
SMALL, SLOW_RATIO, MIN_SECONDS = 3_000, 40.0, 0.05
units = st.text(st.sampled_from(" \t\u00a0\n\r!./:|>›»()[]\"'1aA中\u0301-©@#=_,;?…"), min_size=1, max_size=10)


def _linear(unit: str) -> None:
    COUNT["n"] += 1
    times = []
    for n in (SMALL, 10 * SMALL):
        text = (unit * (n // len(unit) + 1))[:n]
        t0 = time.perf_counter()
        cleanwire.extract(text)
        times.append(time.perf_counter() - t0)
    assert times[1] < MIN_SECONDS or times[1] < SLOW_RATIO * times[0], (unit, times)


def _html(text: str) -> None:
    COUNT["n"] += 1
    body = cleanwire.clean_html(text)
    assert isinstance(body, str) and "root:x:0:0" not in body
    assert isinstance(cleanwire.clean_html(text.encode("utf-8", "surrogatepass")), str)


def _bytes(data: bytes) -> None:
    COUNT["n"] += 1
    text = decode_bytes(data)
    code, out = run_cli([], data)
    assert code == 0 and out in ("", cleanwire.clean(text) + "\n")


def _jsonl(data: bytes) -> None:
    COUNT["n"] += 1
    code, out = run_cli(["--jsonl", "--on-error", "mark"], data)
    assert code == 0 and out.count("\n") == data.count(b"\n")
    for row in out.split("\n")[:-1]:
        if row.strip():
            assert isinstance(json.loads(row), dict)


def targets() -> dict[str, tuple]:
    found = {
        "text": (_text, texts),
        "html-ish text, text mode": (_text, html_text),
        "clean() idempotent": (_idempotent, texts),
        "repeated units: time ~linear": (_linear, units),
        "bytes through the CLI": (_bytes, st.binary(max_size=2000)),
        "JSON Lines through the CLI": (_jsonl, jsonl_input),
    }
    if hasattr(cleanwire, "clean_html"):
        found["html-ish text, HTML mode"] = (_html, html_text)
    return found


def run(seconds: float, round_size: int) -> int:
    found = targets()
    share = seconds / len(found)
    failures: list[str] = []
    total = 0
    rows = []
    for name, (func, strategy) in found.items():
        COUNT["n"] = 0
        start = time.perf_counter()
        test = settings(max_examples=round_size, deadline=None, database=None,
                        suppress_health_check=list(HealthCheck))(given(strategy)(func))
        rounds = 0
        while time.perf_counter() - start < share:
            rounds += 1
            try:
                test()
            except Exception as exc:  # hypothesis re-raises the shrunk failure
                failures.append(f"{name}: {type(exc).__name__}: {exc}\n"
                                + "".join(traceback.format_exception(exc)[-6:]))
                break
        elapsed = time.perf_counter() - start
        total += COUNT["n"]
        rows.append((name, COUNT["n"], elapsed))
        print(f"{name:32s} {COUNT['n']:>8} inputs  {elapsed:7.1f} s  {rounds} rounds", flush=True)
    print(f"{'total':32s} {total:>8} inputs  {sum(r[2] for r in rows):7.1f} s")
    for f in failures:
        print("\nFAILURE", f)
    print(f"\n{len(failures)} failure(s)")
    return 1 if failures else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=600.0, help="total time budget (default: 600)")
    p.add_argument("--round", type=int, default=500, help="examples per hypothesis round (default: 500)")
    args = p.parse_args()
    return run(args.seconds, args.round)


if __name__ == "__main__":
    sys.exit(main())
