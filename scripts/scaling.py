"""Does time grow linearly? Times extract() at input sizes N and 10N for several input
shapes and prints the ratio t(10N) / t(N); the target is at most about 12.

    PYTHONPATH=src python scripts/scaling.py                 # print the table
    PYTHONPATH=src python scripts/scaling.py --write-docs    # also put it in docs/benchmarks.md

Shapes: prose paragraphs, many short lines, one huge line, and a pathological string
for each regular expression of the text pipeline (tests/hostile.py PATHOLOGICAL). HTML
mode (cleanwire.extract_html) is timed too when it exists. Each time is the best of a
few runs, so another process stealing the CPU inflates it less; this is a benchmark
script, not a test: it never fails, it reports.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import cleanwire  # noqa: E402
from hostile import PATHOLOGICAL, PROSE, PROSE2  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:scaling -->", "<!-- /bench:scaling -->"
TARGET = 12.0


def _fit(unit: Callable[[int], str], n: int) -> str:
    """The shape's text cut or grown to exactly n characters."""
    s = unit(n)
    return (s * (n // max(len(s), 1) + 1))[:n] if len(s) < n else s[:n]


TEXT_SHAPES: dict[str, Callable[[int], str]] = {
    "prose paragraphs": lambda n: _fit(lambda k: "".join(
        f"Menu\nHome\n{PROSE} {i}\n{PROSE2}\nShare\n" for i in range(k // 300 + 1)), n),
    "many short lines": lambda n: _fit(lambda k: "".join(f"Item {i}\n" for i in range(k // 6 + 1)), n),
    "one huge line": lambda n: _fit(lambda k: (PROSE + " ") * (k // len(PROSE) + 1), n),
    # as generated (not cut: the tail after the long run is what makes a pattern retry)
    **{f"regex: {name}": make for name, make in PATHOLOGICAL.items()},
}

HTML_SHAPES: dict[str, Callable[[int], str]] = {
    "html: article paragraphs": lambda n: "<html><body><nav><a href=/>Home</a></nav><article>" + "".join(
        f"<p>{PROSE} {i}</p>" for i in range(n // 160)) + "</article></body></html>",
    "html: link list": lambda n: "<html><body><ul>" + "".join(
        f"<li><a href='/a/{i}'>Headline number {i}</a></li>" for i in range(n // 45)) + "</ul></body></html>",
    "html: deep nesting": lambda n: "<html><body>" + "<div>" * (n // 5) + PROSE + "</body></html>",
    "html: huge attribute": lambda n: f"<html><body><div class='{'x' * n}'><p>{PROSE}</p></div></body></html>",
}


def best_time(func: Callable[[str], object], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - t0)
    return best


def measure(n: int, repeat: int, html: bool, only: str = "") -> list[tuple[str, int, float, float]]:
    cleanwire.extract("Warm up the lexicon and stopword caches. The of and.")
    rows = []
    shapes: list[tuple[str, Callable[[int], str], Callable[[str], object]]] = [
        (name, make, cleanwire.extract) for name, make in TEXT_SHAPES.items()]
    if html and hasattr(cleanwire, "extract_html"):
        extract_html = getattr(cleanwire, "extract_html")
        extract_html("<p>warm up</p>")
        shapes += [(name, make, extract_html) for name, make in HTML_SHAPES.items()]
    for name, make, func in shapes:
        if only not in name:
            continue
        small, big = make(n), make(10 * n)
        t_small = best_time(func, small, repeat)
        t_big = best_time(func, big, max(1, repeat - 1))
        rows.append((name, n, t_small, t_big))
        print(f"{name:28s} {n:>9} {t_small * 1e3:9.1f} ms {t_big * 1e3:10.1f} ms  x{t_big / t_small:5.1f}", flush=True)
    return rows


def table(rows: list[tuple[str, int, float, float]]) -> str:
    worst = max(r[3] / r[2] for r in rows)
    lines = [
        f"Time of `extract()` at N and 10N characters (best of runs), from `scripts/scaling.py`; "
        f"target: 10x the input costs at most ~{TARGET:.0f}x the time. Worst ratio: **{worst:.1f}**.",
        "",
        "| input shape | N (chars) | t(N) ms | t(10N) ms | ratio |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, n, t1, t2 in rows:
        flag = "" if t2 / t1 <= TARGET else " (over target)"
        lines.append(f"| {name} | {n:,} | {t1 * 1e3:.1f} | {t2 * 1e3:.1f} | {t2 / t1:.1f}{flag} |")
    return "\n".join(lines)


def write_docs(section: str) -> None:
    block = f"{START}\n{section}\n{END}"
    if DOCS.exists():
        text = DOCS.read_text(encoding="utf-8")
        if START in text and END in text:
            text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
        else:
            text = text.rstrip("\n") + "\n\n## Scaling\n\n" + block + "\n"
    else:
        DOCS.parent.mkdir(exist_ok=True)
        text = "# Benchmarks\n\n## Scaling\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-n", type=int, default=100_000, help="the smaller size in characters (default: 100000)")
    p.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts (default: 3)")
    p.add_argument("--no-html", action="store_true", help="text mode only")
    p.add_argument("--only", default="", metavar="TEXT", help="only the shapes whose name contains TEXT")
    p.add_argument("--write-docs", action="store_true", help=f"write the table into {DOCS.relative_to(ROOT)}")
    args = p.parse_args()
    rows = measure(args.n, args.repeat, not args.no_html, args.only)
    section = table(rows)
    print("\n" + section)
    if args.write_docs:
        write_docs(section)
        print(f"\nwritten to {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
