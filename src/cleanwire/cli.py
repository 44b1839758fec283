"""The ``cleanwire`` command: a Unix filter over the library. Exit codes: 0 ok,
1 a failure while processing, 2 bad usage or bad input. The modes live in
``_cli_text`` (plain text), ``_cli_jsonl`` (JSON Lines) and ``_warc`` (WARC/WET);
``_cli_common.run_batches`` runs any of them on worker processes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import IO

from . import __version__
from ._audit import run_audit
from ._cli_common import (
    DEFAULT_MAX_BYTES, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ProcessingFailure, UsageError, jobs_arg,
    max_bytes_arg, run_batches,
)
from ._cli_jsonl import JsonlConfig, jsonl_worker, read_batches
from ._cli_text import TextConfig, read_tasks, text_worker
from ._errors import internal_error
from ._options import Options
from ._parallel import default_jobs
from ._progress import Progress
from ._records import ERROR_FIELD
from ._rules import RULES
from ._stats import Stats
from ._warc import WarcConfig, read_warc_batches, warc_worker

__all__ = ["DEFAULT_MAX_BYTES", "EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "build_parser", "entry", "main"]

EXAMPLES = """\
examples:
  cleanwire page.txt                      print the article body of page.txt
  curl -s URL | html2text | cleanwire     clean text arriving on stdin
  cleanwire --explain page.txt            every block with its label and rule
  cleanwire --keep-title a.txt b.txt      several files, title kept on top
  cleanwire --jsonl < in.jsonl > out.jsonl
                                          add "body" and "title" to each record
  cleanwire --jsonl --field content --output-field clean --on-error mark < in.jsonl
  cleanwire --jsonl -j 4 --stats big.jsonl > out.jsonl
                                          4 worker processes, summary on stderr
  cleanwire --warc CC-MAIN-...warc.wet.gz > pages.jsonl
                                          Common Crawl WET (or WARC responses) to JSONL
  cleanwire audit in.jsonl -o report.html HTML report: sampled documents block by block,
                                          share removed per rule (see: cleanwire audit -h)
  cleanwire ./audit                       a file named "audit" (or: cleanwire -- audit)
  cleanwire page.html                     HTML is detected: its DOM is used
  cleanwire --jsonl --field html < crawl.jsonl
                                          records holding HTML (--field html: HTML mode)

exit status: 0 ok, 1 failure while processing, 2 bad usage or bad input
(set CLEANWIRE_DEBUG=1 to see the traceback of an internal error)
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleanwire",
        description="Strip page chrome (menus, related lists, share widgets, comment "
        "forms, captions...) from scraped web text and print the article body.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files (default: stdin; '-' is stdin)")
    p.add_argument("--version", action="version", version=f"cleanwire {__version__}")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--explain", action="store_true", help="print every block with its label, rule and reason")
    mode.add_argument("--jsonl", action="store_true", help="input is JSON Lines: clean one field of each record")
    mode.add_argument("--warc", action="store_true",
                      help="inputs are WARC/WET files (.warc, .warc.gz): write JSON Lines with "
                      "url, record_id, title and body for each page record")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--html", action="store_true", help="input is HTML (default: detected; in JSONL mode, when --field is 'html')")
    kind.add_argument("--text", action="store_true", help="input is text, even if it looks like HTML")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour --explain output (default: auto, only on a terminal)")
    g = p.add_argument_group("JSONL mode")
    g.add_argument("--field", default="text", help="field holding the page text (default: text)")
    g.add_argument("--output-field", default="body", help="field to write the body to (default: body)")
    g.add_argument("--title-field", default="title", help="field to write the title to; '' to omit (default: title)")
    g.add_argument("--on-error", choices=("stop", "mark"), default="stop",
                   help="on a bad record: stop naming the line (default; exit 2), or "
                   f"pass it through with a '{ERROR_FIELD}' field (also for --warc)")
    o = p.add_argument_group("what to keep")
    o.add_argument("--keep-title", action="store_true", help="print the title as the first paragraph")
    o.add_argument("--keep-captions", action="store_true", help="keep photo captions and credits")
    o.add_argument("--no-unwrap", action="store_true",
                   help="text mode: keep every line a block of its own, even in text hard-wrapped at a fixed width")
    o.add_argument("--language", metavar="CODE", help="ISO 639-1 language of the input (default: guessed)")
    o.add_argument("--disable", metavar="RULE", action="append", default=[], help="switch a rule off (repeatable); see --list-rules")
    o.add_argument("--max-bytes", type=max_bytes_arg, default=DEFAULT_MAX_BYTES, metavar="N",
                   help="documents over N UTF-8 bytes are passed through unprocessed and marked "
                   f"skipped, never dropped (default: {DEFAULT_MAX_BYTES}; 'none': no limit)")
    r = p.add_argument_group("running")
    r.add_argument("-j", "--jobs", type=jobs_arg, metavar="N",
                   help="worker processes for --jsonl, --warc and several files (default: all cores; 1: no workers)")
    r.add_argument("--stats", action="store_true", help="print a summary on stderr at the end (documents, bytes, removed per rule)")
    r.add_argument("--stats-json", metavar="FILE", help="write that summary as JSON to FILE")
    r.add_argument("--no-progress", action="store_true", help="no progress bar (it is only drawn when stderr is a terminal)")
    p.add_argument("--list-rules", action="store_true", help="list the rule ids and what they remove, then exit")
    return p


def _options(args: argparse.Namespace) -> Options:
    unknown = sorted(set(args.disable) - set(RULES))
    if unknown:
        raise UsageError(f"unknown rule id(s): {', '.join(unknown)} (see --list-rules)")
    return Options(
        keep_title=args.keep_title,
        keep_captions=args.keep_captions,
        language=args.language,
        disabled_rules=frozenset(args.disable),
        max_bytes=args.max_bytes,
        unwrap=not args.no_unwrap,
    )


def _use_colour(choice: str, out: IO[str]) -> bool:
    if choice == "auto":
        return out.isatty() and "NO_COLOR" not in os.environ
    return choice == "always"


def _total_bytes(paths: list[str]) -> int | None:
    """Input size for the progress bar's ETA; unknown when reading stdin or a pipe, or
    compressed files (progress counts bytes after decompression)."""
    if any(p.endswith(".gz") for p in paths):
        return None
    try:
        return sum(os.path.getsize(p) for p in paths) if paths and "-" not in paths else None
    except OSError:
        return None


def _progress(args: argparse.Namespace) -> Progress:
    enabled = not args.no_progress and sys.stderr.isatty()
    return Progress(sys.stderr, total=_total_bytes(args.files), enabled=enabled)


def run(args: argparse.Namespace, opts: Options, stdin: IO[bytes], out: IO[str]) -> int:
    stats = Stats()
    jobs = args.jobs or default_jobs()
    if args.warc:
        cfg_w = WarcConfig(args.on_error, opts)
        run_batches(warc_worker(cfg_w), read_warc_batches(args.files, stdin), jobs=jobs, out=out,
                    progress=_progress(args), stats=stats)
    elif args.jsonl:
        cfg = JsonlConfig(args.field, args.output_field, args.title_field or None, args.on_error, opts,
                          html=args.html or (args.field == "html" and not args.text))
        run_batches(jsonl_worker(cfg), read_batches(args.files, stdin), jobs=jobs, out=out,
                    progress=_progress(args), stats=stats)
    else:
        paths = args.files or ["-"]
        cfg_t = TextConfig(args.explain, _use_colour(args.color, out), len(paths) > 1, opts,
                           mode="html" if args.html else "text" if args.text else "auto")
        # one input: no pool to start; the bar only helps with many files
        run_batches(text_worker(cfg_t), read_tasks(paths, stdin), jobs=jobs if len(paths) > 1 else 1,
                    out=out, progress=_progress(args), stats=stats)
    _report(args, stats)
    return EXIT_OK


def _report(args: argparse.Namespace, stats: Stats) -> None:
    if args.stats:
        sys.stderr.write(stats.format())
    if args.stats_json:
        try:
            with open(args.stats_json, "w", encoding="utf-8") as fh:
                fh.write(stats.to_json())
        except OSError as exc:
            raise UsageError(f"{args.stats_json}: {exc.strerror or exc}") from None


def main(argv: list[str] | None = None, *, stdin: IO[bytes] | None = None, stdout: IO[str] | None = None) -> int:
    """Entry point; returns the exit status instead of raising SystemExit for errors."""
    argv = sys.argv[1:] if argv is None else argv
    stdin = stdin if stdin is not None else sys.stdin.buffer
    out = stdout if stdout is not None else sys.stdout
    if argv[:1] == ["audit"]:  # the subcommand; a file named "audit" is "./audit" or "-- audit"
        return _guarded(lambda: run_audit(argv[1:], stdin))
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage or help
        return int(exc.code or 0)
    return _guarded(lambda: _run_main(args, stdin, out))


def _run_main(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    if args.list_rules:
        for rule in RULES.values():
            out.write(f"{rule.id:<18} {rule.label.value:<8} {rule.description}\n")
        return EXIT_OK
    return run(args, _options(args), stdin, out)


def _guarded(action: Callable[[], int]) -> int:
    """Run a command, turning our errors into one line on stderr and an exit status."""
    try:
        return action()
    except UsageError as exc:
        print(f"cleanwire: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ProcessingFailure as exc:
        print(f"cleanwire: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # the reader went away (| head): not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours: one line and exit 1, as promised, not a traceback
        print(f"cleanwire: {internal_error(exc)}; please report it", file=sys.stderr)
        return EXIT_FAILURE


def entry() -> None:
    # Lone surrogates (from JSON "\\ud800" escapes) must not crash the writer; in JSON
    # output backslashreplace writes them back as the same escape.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    sys.exit(main())
