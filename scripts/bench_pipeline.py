#!/usr/bin/env python3
"""Throughput of ``cleanwire --jsonl`` at 1 and N jobs, with peak memory.

Builds a JSONL file of at least ``--mb`` MB in a temporary directory by repeating the
AEB text dumps (../shared/aeb/html-text.json, output.<id>.articleBody) with fresh ids,
runs ``cleanwire --jsonl -j J`` for each J, checks the outputs (same bytes for every J,
one line per record, ids in order), and prints docs/s, MB/s, the speed-up over -j 1
CPU seconds the run's processes got (and that over wall time: the CPU share, which
shows when other work on the machine competed for the cores), and peak RSS: of the
parent process (wait4), and of the whole process tree (parent, fork server and workers,
summed from /proc every 50 ms; shared pages count once per process).

    PYTHONPATH=src python scripts/bench_pipeline.py --mb 200 --jobs 1 2 [--markdown]

``--markdown`` also writes the result into docs/benchmarks.md between the
``<!-- bench:pipeline -->`` markers (the file is created when missing).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "aeb" / "html-text.json"
START, END = "<!-- bench:pipeline -->", "<!-- /bench:pipeline -->"


def build_input(path: Path, mb: float) -> tuple[int, int]:
    """Write the repeated AEB records; return (records, bytes)."""
    pages = json.loads(AEB.read_text(encoding="utf-8"))["output"]
    lines = [(key, json.dumps(v["articleBody"], ensure_ascii=False)) for key, v in sorted(pages.items())]
    n = size = rep = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < mb * 1e6:
            for key, text in lines:
                line = f'{{"id": "{rep}-{key}", "text": {text}}}\n'
                fh.write(line)
                size += len(line.encode("utf-8"))
                n += 1
            rep += 1
    return n, size


def _tree(pid: int) -> dict[int, tuple[int, float]]:
    """{pid: (resident bytes, CPU seconds)} for ``pid`` and all its descendants (/proc)."""
    found: dict[int, tuple[int, float]] = {}
    stack = [pid]
    tick = os.sysconf("SC_CLK_TCK")
    while stack:
        p = stack.pop()
        try:
            rss = 0
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        rss = int(line.split()[1]) * 1024
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            found[p] = (rss, (int(fields[11]) + int(fields[12])) / tick)  # utime + stime
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return found


def run_once(src: Path, dst: Path, jobs: int) -> dict:
    """One timed run in a fresh child; max RSS from wait4 covers it and its workers."""
    cmd = [sys.executable, "-m", "cleanwire", "--jsonl", "-j", str(jobs), "--no-progress", str(src)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    with dst.open("wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, env=env)
        peak_tree = 0
        cpu: dict[int, float] = {}  # last CPU seconds seen per process of the tree
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not stop.is_set():
                tree = _tree(proc.pid)
                peak_tree = max(peak_tree, sum(rss for rss, _ in tree.values()))
                cpu.update({p: c for p, (_, c) in tree.items()})
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"cleanwire -j {jobs} failed with exit status {proc.returncode}")
    # CPU share = CPU seconds the run got / wall seconds: 1.0 per busy process on an idle
    # machine; lower when other work on the machine competes for the cores.
    return {"jobs": jobs, "seconds": elapsed, "peak_rss_process": usage.ru_maxrss * 1024,
            "peak_rss_tree": peak_tree, "cpu_seconds": sum(cpu.values())}


def check_output(src: Path, dst: Path) -> str:
    """Every record came back, in order, with its id; returns the output's SHA-256."""
    digest = hashlib.sha256()
    with src.open(encoding="utf-8") as a, dst.open("rb") as b:
        for n, (line_in, raw_out) in enumerate(zip(a, b, strict=True), 1):
            digest.update(raw_out)
            if json.loads(line_in)["id"] != json.loads(raw_out)["id"]:
                raise SystemExit(f"record {n}: id changed")
    return digest.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=200, help="input size in MB (default: 200)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to run (default: 1 2)")
    ap.add_argument("--markdown", action="store_true", help="write the result into docs/benchmarks.md")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleanwire-bench-") as tmp:
        src = Path(tmp) / "in.jsonl"
        records, size = build_input(src, args.mb)
        print(f"input: {records:,} records, {size / 1e6:.1f} MB ({src})", flush=True)
        load_before = os.getloadavg()
        runs, digests = [], set()
        for jobs in args.jobs:
            dst = Path(tmp) / f"out-j{jobs}.jsonl"
            r = run_once(src, dst, jobs)
            digests.add(check_output(src, dst))
            dst.unlink()
            r["docs_per_s"] = records / r["seconds"]
            r["mb_per_s"] = size / 1e6 / r["seconds"]
            r["cpu_share"] = r["cpu_seconds"] / r["seconds"]
            runs.append(r)
            print(f"-j {jobs}: {r['seconds']:.1f} s  {r['docs_per_s']:.1f} docs/s  {r['mb_per_s']:.2f} MB/s  "
                  f"CPU {r['cpu_seconds']:.0f} s (share {r['cpu_share']:.2f})  "
                  f"peak RSS {r['peak_rss_process'] / 1e6:.0f} MB (parent), "
                  f"{r['peak_rss_tree'] / 1e6:.0f} MB (all processes)", flush=True)
        load_after = os.getloadavg()
    if len(digests) != 1:
        raise SystemExit("outputs differ between job counts")
    base = runs[0]["seconds"]
    for r in runs:
        r["speedup"] = base / r["seconds"]
    print("outputs identical across job counts; every record out, ids in order")
    for r in runs[1:]:
        print(f"-j {r['jobs']} / -j {runs[0]['jobs']}: {r['speedup']:.2f}x")
    if args.markdown:
        write_markdown(runs, records, size, args, load_before, load_after)


def write_markdown(runs: list[dict], records: int, size: int, args: argparse.Namespace,
                   load_before: tuple, load_after: tuple) -> None:
    rows = "\n".join(
        f"| {r['jobs']} | {r['seconds']:.1f} | {r['docs_per_s']:.1f} | {r['mb_per_s']:.2f} | "
        f"{r['speedup']:.2f}x | {r['cpu_seconds']:.0f} | {r['cpu_share']:.2f} | "
        f"{r['peak_rss_process'] / 1e6:.0f} | {r['peak_rss_tree'] / 1e6:.0f} |"
        for r in runs
    )
    base = runs[0]
    overhead = " ".join(
        f"-j {r['jobs']} used {r['cpu_seconds'] / base['cpu_seconds']:.2f}x the CPU seconds of -j {base['jobs']} "
        f"for the same records (the cost of the workers and transfers); its CPU share was "
        f"{r['cpu_share']:.2f}, so the wall-clock speed-up is bounded by the cores the machine "
        "left free, not by the pipeline."
        for r in runs[1:]
    ) if base["cpu_seconds"] else ""
    section = f"""{START}
## Pipeline throughput (`cleanwire --jsonl -j N`)

Command: `PYTHONPATH=src python scripts/bench_pipeline.py --mb {args.mb:g} --jobs {' '.join(map(str, args.jobs))} --markdown`

Input: the AEB text dumps repeated to {records:,} records, {size / 1e6:.1f} MB of JSONL.
Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};
load average {load_before[0]:.1f} before and {load_after[0]:.1f} after (the machine was shared).
Outputs were byte-identical across job counts, with every record out and ids in order.

| jobs | seconds | docs/s | MB/s | speed-up | CPU s | CPU share | peak RSS, parent (MB) | peak RSS, all processes (MB) |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{rows}

CPU s: CPU seconds all the run's processes got; CPU share: that over wall time (up to
N on an idle machine with N jobs). {overhead}
{END}"""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + section + "\n"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
