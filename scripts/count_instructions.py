"""HTML mode against trafilatura in instructions executed, not seconds (callgrind).

    PYTHONPATH=src python scripts/count_instructions.py [--data ../shared] [--jobs 3]

``python -m cleanwire.bench speed --html`` times both systems in one run, but on a
shared machine the ratio of two timings still moves by several percent from run to
run (1.51x and 1.67x on the same code within an hour). Valgrind's callgrind counts the
instructions a process executes, which does not depend on what else the machine is
doing: the same count for the same code and inputs. Three processes run under it, each
loading the AEB pages and warming both systems on five of them: one that stops there
(the baseline), one that then runs ``cleanwire.clean_html`` on all 181 pages, one that
runs ``trafilatura.extract``. The ratio of the two counts above the baseline is printed.
Instructions are not time (cache misses, allocation and the interpreter's branches cost
differently), so this complements the timed ratio; it does not replace it. Takes about
five minutes with three jobs (callgrind runs a program some 50 times slower).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODES = ("baseline", "cleanwire", "trafilatura")
WARM_PAGES = 5


def run_mode(mode: str, data: Path | None) -> None:
    """The measured program (run under callgrind by ``main``)."""
    import trafilatura

    import cleanwire
    from cleanwire.bench.datasets import load_aeb, read_html

    raw = [(read_html(p), p.url) for p in load_aeb(data)]
    for html, url in raw[:WARM_PAGES]:  # imports, caches and lazy loads are not counted as work
        cleanwire.clean_html(html, url=url)
        trafilatura.extract(html, url=url)
    if mode == "cleanwire":
        for html, url in raw:
            cleanwire.clean_html(html, url=url)
    elif mode == "trafilatura":
        for html, url in raw:
            trafilatura.extract(html, url=url)


def count(mode: str, data: Path | None, out_dir: str) -> int:
    out = os.path.join(out_dir, f"callgrind.{mode}")
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__, "--run", mode]
    if data is not None:
        cmd += ["--data", str(data)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    m = re.search(r"^summary:\s*(\d+)", Path(out).read_text(), flags=re.M)
    if m is None:
        raise SystemExit(f"no instruction count in {out}")
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="the shared/ directory (default: the repo's sibling)")
    ap.add_argument("--jobs", type=int, default=3, help="callgrind processes at once")
    ap.add_argument("--run", choices=MODES, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        run_mode(args.run, args.data)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian package valgrind)")
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(args.jobs) as pool:
        counts = dict(zip(MODES, pool.map(lambda m: count(m, args.data, tmp), MODES)))
    base = counts["baseline"]
    ours, theirs = counts["cleanwire"] - base, counts["trafilatura"] - base
    print(f"AEB, 181 pages, instructions executed (callgrind), above a baseline of {base / 1e9:.2f} G:")
    print(f"  cleanwire.clean_html  {ours / 1e9:7.2f} G")
    print(f"  trafilatura.extract   {theirs / 1e9:7.2f} G")
    print(f"cleanwire.clean_html executes {ours / theirs:.3f}x the instructions of trafilatura.extract")


if __name__ == "__main__":
    main()
