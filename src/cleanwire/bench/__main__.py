"""``python -m cleanwire.bench``: accuracy tables on AEB / WCXB-dev, and throughput.

examples:
  python -m cleanwire.bench aeb                       text mode, every available system
  python -m cleanwire.bench all --mode both           both data sets, text and HTML
  python -m cleanwire.bench wcxb --systems cleanwire,c4-lines --worst 3 --worst-out worst.md
  python -m cleanwire.bench aeb --limit 20            a quick look at the first 20 pages
  python -m cleanwire.bench aeb --systems cleanwire --rules   recall lost / kept noise per rule
  python -m cleanwire.bench all --systems cleanwire --per-page-out before.jsonl
  python -m cleanwire.bench all --systems cleanwire --compare before.jsonl
                                                      which pages a change helped or hurt
  python -m cleanwire.bench all --mode text --write-docs docs/benchmarks.md
  python -m cleanwire.bench all --wrap 78 --systems cleanwire,cleanwire-no-unwrap,c4-lines
                                                      text dumps hard-wrapped at 78 columns
  python -m cleanwire.bench aeb --text-from lynx      on lynx -dump's text of each page's HTML
  python -m cleanwire.bench speed                     cleanwire vs C4, MB/s per core
  python -m cleanwire.bench speed --html --runs 1     clean_html vs trafilatura
  python -m cleanwire.bench speed --profile           where cleanwire.clean spends its time

systems (a name selects it in every mode run; missing libraries are left out):
  text:  cleanwire, text-unchanged, c4-lines, justext-lines; cleanwire-no-unwrap
         (unwrap=False) only when named
  html:  cleanwire (when cleanwire.clean_html exists), trafilatura, trafilatura-nc
         (include_comments=False), readability
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from . import compare, datasets, docs, report, ruletally, scoring, speed, systems, worst


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cleanwire.bench",
        description="Benchmark cleanwire against baselines on AEB and WCXB-dev (read from ../shared).",
        epilog=__doc__.split("\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("target", choices=("aeb", "wcxb", "all", "speed"))
    add = parser.add_argument
    add("--mode", choices=("text", "html", "both"), default="text", help="input mode (default: text)")
    add("--data", type=Path, default=None, help="the shared/ directory (default: the repo's sibling)")
    add("--systems", default=None, help="comma-separated system names (default: all available)")
    add("--limit", type=int, default=None, help="only the first N pages of each data set")
    add("--ci", action="store_true", help="add a bootstrap 95%% interval for F1")
    add("--worst", type=int, default=0, metavar="N", help="cleanwire's N worst pages (per page type on WCXB)")
    add("--worst-out", type=Path, default=None, metavar="FILE", help="also write them to FILE (default N 5)")
    add("--rules", action="store_true", help="tally cleanwire's rules: blocks and gold share per rule")
    add("--rules-out", type=Path, default=None, metavar="FILE", help="also write the rule tally to FILE")
    add("--per-page-out", type=Path, default=None, metavar="FILE", help="write each page's F1 as JSON Lines")
    add("--compare", type=Path, default=None, metavar="FILE", help="page F1 changes against a --per-page-out")
    add("--wrap", type=int, default=None, metavar="W",
        help="text mode: hard-wrap the text dumps at W columns first (as lynx -dump, html2text, fmt write text)")
    add("--text-from", choices=sorted(datasets.EXPORTERS), default=None,
        help="text mode: run on this tool's text export of each page's HTML instead of the text dumps")
    add("--write-docs", type=Path, default=None, metavar="FILE", help="rewrite the marked section(s) of FILE")
    speed_opts = parser.add_argument_group("speed")
    add = speed_opts.add_argument
    add("--html", action="store_true", help="time clean_html vs trafilatura instead of text mode")
    add("--repeat", type=int, default=None, help="passes over the inputs per run (default 3 text, 1 html)")
    add("--runs", type=int, default=3, help="runs; the best counts (default 3)")
    add("--profile", action="store_true", help="cProfile one pass of cleanwire.clean instead of timing")
    return parser


def _command(argv: list[str]) -> str:
    return "python -m cleanwire.bench " + shlex.join(argv)


def run_accuracy(args: argparse.Namespace, argv: list[str]) -> int:
    modes = ("text", "html") if args.mode == "both" else (args.mode,)
    if args.wrap is not None and (args.mode != "text" or args.wrap < 1):
        print("error: --wrap W takes a width of 1 or more, in --mode text only", file=sys.stderr)
        return 2
    if args.text_from and args.mode != "text":
        print("error: --text-from is for --mode text only", file=sys.stderr)
        return 2
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
    tally_sections: list[str] = []
    records: list[dict] = []
    saved = compare.read_per_page(args.compare) if args.compare else None
    origin = docs.provenance([s.name for s in chosen]) if args.write_docs else ""
    for dataset in (datasets.DATASETS if args.target == "all" else (args.target,)):
        pages = datasets.load(dataset, args.data, args.limit)
        if args.text_from:
            pages = datasets.exported(pages, args.text_from)
        if args.wrap:
            pages = datasets.hard_wrapped(pages, args.wrap)
        results = []
        for system in chosen:
            print(f"[{dataset}] {system.label} ...", file=sys.stderr, flush=True)
            results.append(scoring.evaluate(dataset, pages, system, ci=args.ci))
        table = report.format_table(results)
        print(f"\n## {dataset}\n\n{table}\n")
        errors = report.format_errors(results)
        if errors:
            print(errors + "\n")
        if args.write_docs:
            key = f"{dataset}-{args.mode}" + (f"-{args.text_from}" if args.text_from else "") + (f"-wrap{args.wrap}" if args.wrap else "")
            docs.write_section(args.write_docs, key, docs.section_body(table, _command(argv), provenance=origin))
        for r in results:
            records.extend(compare.per_page_records(r, pages))
            changes = compare.compare_report(r, pages, saved) if saved is not None else None
            if changes:
                print(changes + "\n")
        for r in results:
            if r.run.system.name != "cleanwire":
                continue
            if args.worst:
                worst_sections.append(worst.worst_report(r, pages, args.worst))
            extract = worst.extractor_for(r.run.system.mode)
            if (args.rules or args.rules_out) and extract is not None:
                title = f"## Rule tally: {dataset}, {r.run.system.label}"
                tally = ruletally.tally_rules(pages, (extract(p) for p in pages))
                tally_sections.append(ruletally.format_tally(tally, title))
    if args.per_page_out:
        compare.write_per_page(args.per_page_out, records)
    if tally_sections:
        text = "\n\n".join(tally_sections)
        print(text + "\n")
        if args.rules_out:
            args.rules_out.write_text(text + "\n", encoding="utf-8")
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
    repeat = args.repeat or (1 if args.html else 3)
    if args.html:
        try:
            timings = speed.html_speed(pages, repeat, args.runs)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        key, target = "speed-html", "target: cleanwire.clean_html <= 1.5x trafilatura's time"
    else:
        timings = speed.text_speed(pages, repeat, args.runs)
        key, target = "speed", "targets: >= 10 MB/s per core, within ~10x of C4"
    ours, ref = timings
    ratio = ours.seconds / ref.seconds if ref.seconds else float("inf")
    table = report.format_speed_table([(t.name, t.megabytes, t.seconds, t.mb_per_s) for t in timings])
    summary = f"{ours.name} takes {ratio:.2f}x the time of {ref.name} ({target})."
    size = timings[0].megabytes / repeat
    head = f"AEB, {len(pages)} pages ({size:.2f} MB), single process, {repeat} pass(es) per run, best of {args.runs} runs."
    text = f"{head}\n\n{table}\n\n{summary}"
    print(text)
    if args.write_docs:
        origin = docs.provenance(["trafilatura"] if args.html else [])
        docs.write_section(args.write_docs, key, docs.section_body(text, _command(argv), provenance=origin))
    return 0


DEFAULT_WORST = 5
"""Pages per list when --worst-out is given without --worst."""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.write_docs and args.limit is not None:
        print("error: --write-docs records full data sets only; drop --limit", file=sys.stderr)
        return 2
    if args.worst_out and not args.worst:
        args.worst = DEFAULT_WORST
    try:
        if args.target == "speed":
            return run_speed(args, argv)
        return run_accuracy(args, argv)
    except (FileNotFoundError, ImportError) as exc:  # missing data or library: one line
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
