"""``python -m cleanwire.bench``: accuracy tables on AEB / WCXB-dev, and throughput.

examples:
  python -m cleanwire.bench aeb                       text mode, every available system
  python -m cleanwire.bench all --mode both           both data sets, text and HTML
  python -m cleanwire.bench wcxb --systems cleanwire,c4-lines --worst 3 --worst-out worst.md
  python -m cleanwire.bench aeb --limit 20            a quick look at the first 20 pages
  python -m cleanwire.bench all --systems cleanwire --per-page-out before.jsonl
  python -m cleanwire.bench all --systems cleanwire --compare before.jsonl
                                                      which pages a change helped or hurt
  python -m cleanwire.bench all --mode text --write-docs docs/benchmarks.md
  python -m cleanwire.bench speed                     cleanwire vs C4, MB/s per core
  python -m cleanwire.bench speed --html --runs 1     clean_html vs trafilatura
  python -m cleanwire.bench speed --profile           where cleanwire.clean spends its time
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from . import compare, datasets, docs, report, scoring, speed, systems, worst


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cleanwire.bench",
        description="Benchmark cleanwire against baselines on AEB and WCXB-dev (read from ../shared).",
        epilog=__doc__.split("\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("target", choices=("aeb", "wcxb", "all", "speed"))
    parser.add_argument("--mode", choices=("text", "html", "both"), default="text", help="input mode (default: text)")
    parser.add_argument("--data", type=Path, default=None, help="the shared/ directory (default: the repo's sibling shared/)")
    parser.add_argument("--systems", default=None, help="comma-separated system names (default: all available)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each data set")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="report cleanwire's N worst pages (per page type on WCXB)")
    parser.add_argument("--worst-out", type=Path, default=None, metavar="FILE", help="also write the worst-pages report to FILE")
    parser.add_argument("--per-page-out", type=Path, default=None, metavar="FILE", help="write every page's F1 per system as JSON Lines")
    parser.add_argument("--compare", type=Path, default=None, metavar="FILE", help="show page F1 changes against a --per-page-out file")
    parser.add_argument("--write-docs", type=Path, default=None, metavar="FILE", help="rewrite the marked section(s) of FILE")
    speed_opts = parser.add_argument_group("speed")
    speed_opts.add_argument("--html", action="store_true", help="time clean_html vs trafilatura instead of text mode")
    speed_opts.add_argument("--repeat", type=int, default=None, help="passes over the inputs per run (default 3 text, 1 html)")
    speed_opts.add_argument("--runs", type=int, default=3, help="runs; the best counts (default 3)")
    speed_opts.add_argument("--profile", action="store_true", help="cProfile one pass of cleanwire.clean instead of timing")
    return parser


def _command(argv: list[str]) -> str:
    return "python -m cleanwire.bench " + shlex.join(argv)


def run_accuracy(args: argparse.Namespace, argv: list[str]) -> int:
    modes = ("text", "html") if args.mode == "both" else (args.mode,)
    names = [n.strip() for n in args.systems.split(",") if n.strip()] if args.systems else None
    try:
        chosen = systems.select(names, modes)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not chosen:
        print(f"error: no available system in mode {args.mode}", file=sys.stderr)
        return 2
    worst_sections: list[str] = []
    records: list[dict] = []
    saved = compare.read_per_page(args.compare) if args.compare else None
    for dataset in (datasets.DATASETS if args.target == "all" else (args.target,)):
        pages = datasets.load(dataset, args.data, args.limit)
        results = []
        for system in chosen:
            print(f"[{dataset}] {system.label} ...", file=sys.stderr, flush=True)
            results.append(scoring.evaluate(dataset, pages, system))
        table = report.format_table(results)
        print(f"\n## {dataset}\n\n{table}\n")
        errors = report.format_errors(results)
        if errors:
            print(errors + "\n")
        if args.write_docs:
            docs.write_section(args.write_docs, dataset, docs.section_body(table, _command(argv)))
        for r in results:
            records.extend(compare.per_page_records(r, pages))
            changes = compare.compare_report(r, pages, saved) if saved is not None else None
            if changes:
                print(changes + "\n")
        if args.worst:
            for r in results:
                if r.run.system.name == "cleanwire":
                    worst_sections.append(worst.worst_report(r, pages, args.worst))
    if args.per_page_out:
        compare.write_per_page(args.per_page_out, records)
    if worst_sections:
        text = "\n\n".join(worst_sections)
        print(text)
        if args.worst_out:
            args.worst_out.write_text(text + "\n", encoding="utf-8")
    return 0


def run_speed(args: argparse.Namespace, argv: list[str]) -> int:
    pages = datasets.load("aeb", args.data, args.limit)
    if args.profile:
        print(speed.profile_text(pages))
        return 0
    if args.html:
        try:
            timings = speed.html_speed(pages, args.repeat or 1, args.runs)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        key, target = "speed-html", "target: cleanwire.clean_html <= 1.5x trafilatura's time"
    else:
        timings = speed.text_speed(pages, args.repeat or 3, args.runs)
        key, target = "speed", "targets: >= 10 MB/s per core, within ~10x of C4"
    ours, ref = timings
    ratio = ours.seconds / ref.seconds if ref.seconds else float("inf")
    table = report.format_speed_table([(t.name, t.megabytes, t.seconds, t.mb_per_s) for t in timings])
    summary = f"{ours.name} takes {ratio:.2f}x the time of {ref.name} ({target})."
    text = f"AEB, {len(pages)} pages, single process, best of {args.runs} runs.\n\n{table}\n\n{summary}"
    print(text)
    if args.write_docs:
        docs.write_section(args.write_docs, key, docs.section_body(text, _command(argv)))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.target == "speed":
        return run_speed(args, argv)
    return run_accuracy(args, argv)


if __name__ == "__main__":
    sys.exit(main())
