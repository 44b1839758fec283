"""The ``cleanwire`` command: a Unix filter over the library. Exit codes: 0 ok,
1 a failure while processing, 2 bad usage or bad input."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import IO, Any

from . import __version__
from ._decode import decode_bytes
from ._explain import format_explanation
from ._html import looks_like_html
from ._html_pipeline import extract_html
from ._options import Options
from ._pipeline import extract
from ._records import ERROR_FIELD, RecordError, clean_record
from ._rules import RULES

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

EXAMPLES = """\
examples:
  cleanwire page.txt                      print the article body of page.txt
  curl -s URL | html2text | cleanwire     clean text arriving on stdin
  cleanwire --explain page.txt            every block with its label and rule
  cleanwire --keep-title a.txt b.txt      several files, title kept on top
  cleanwire --jsonl < in.jsonl > out.jsonl
                                          add "body" and "title" to each record
  cleanwire --jsonl --field content --output-field clean --on-error mark < in.jsonl
  cleanwire page.html                     HTML is detected: its DOM is used
  cleanwire --jsonl --field html < crawl.jsonl
                                          records holding HTML (--field html: HTML mode)

exit status: 0 ok, 1 failure while processing, 2 bad usage or bad input
"""


class UsageError(Exception):
    """A user mistake: reported in one line, exit status 2."""


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
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--html", action="store_true", help="input is HTML (default: detected; in JSONL mode, when --field is 'html')")
    kind.add_argument("--text", action="store_true", help="input is text, even if it looks like HTML")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour --explain output (default: auto, only on a terminal)")
    g = p.add_argument_group("JSONL mode")
    g.add_argument("--field", default="text", help="field holding the page text (default: text)")
    g.add_argument("--output-field", default="body", help="field to write the body to (default: body)")
    g.add_argument("--title-field", default="title", help="field to write the title to; '' to omit (default: title)")
    g.add_argument("--on-error", choices=("stop", "mark"), default="stop",
                   help="on a bad record: stop with exit 2 naming the line (default), or "
                   f"pass it through with a '{ERROR_FIELD}' field")
    o = p.add_argument_group("what to keep")
    o.add_argument("--keep-title", action="store_true", help="print the title as the first paragraph")
    o.add_argument("--keep-captions", action="store_true", help="keep photo captions and credits")
    o.add_argument("--language", metavar="CODE", help="ISO 639-1 language of the input (default: guessed)")
    o.add_argument("--disable", metavar="RULE", action="append", default=[], help="switch a rule off (repeatable); see --list-rules")
    o.add_argument("--max-bytes", type=int, metavar="N", help="do not process documents over N bytes (passed through as skipped)")
    p.add_argument("--list-rules", action="store_true", help="list the rule ids and what they remove, then exit")
    return p


def _options(args: argparse.Namespace) -> Options:
    unknown = sorted(set(args.disable) - set(RULES))
    if unknown:
        raise UsageError(f"unknown rule id(s): {', '.join(unknown)} (see --list-rules)")
    if args.max_bytes is not None and args.max_bytes < 0:
        raise UsageError("--max-bytes must be >= 0")
    return Options(
        keep_title=args.keep_title,
        keep_captions=args.keep_captions,
        language=args.language,
        disabled_rules=frozenset(args.disable),
        max_bytes=args.max_bytes,
    )


def _read_bytes(path: str, stdin: IO[bytes]) -> bytes:
    if path == "-":
        return stdin.read()
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None


def _read(path: str, stdin: IO[bytes]) -> str:
    return decode_bytes(_read_bytes(path, stdin))


def _use_colour(choice: str, out: IO[str]) -> bool:
    if choice == "auto":
        return out.isatty() and "NO_COLOR" not in os.environ
    return choice == "always"


def run_text(args: argparse.Namespace, opts: Options, stdin: IO[bytes], out: IO[str]) -> int:
    paths = args.files or ["-"]
    for n, path in enumerate(paths):
        data = _read_bytes(path, stdin)
        if args.html or (not args.text and looks_like_html(data)):
            doc = extract_html(data, options=opts)
            text = decode_bytes(data) if doc.skipped else ""
        else:
            text = decode_bytes(data)
            doc = extract(text, options=opts)
        if len(paths) > 1:
            out.write(("\n" if n else "") + f"==> {path} <==\n")
        if args.explain:
            out.write(format_explanation(doc, colour=_use_colour(args.color, out)))
        elif doc.skipped:
            print(f"cleanwire: {path}: not processed ({doc.skipped}); passed through", file=sys.stderr)
            out.write(text if text.endswith("\n") else text + "\n")
        elif doc.body:
            out.write(doc.body + "\n")
    return EXIT_OK


def _jsonl_lines(paths: list[str], stdin: IO[bytes]):
    for path in paths or ["-"]:
        if path == "-":
            fh: Any = stdin
            name = "<stdin>"
        else:
            try:
                fh = open(path, "rb")
            except OSError as exc:
                raise UsageError(f"{path}: {exc.strerror or exc}") from None
            name = path
        try:
            for lineno, raw in enumerate(fh, 1):
                yield name, lineno, raw
        finally:
            if fh is not stdin:
                fh.close()


def run_jsonl(args: argparse.Namespace, opts: Options, stdin: IO[bytes], out: IO[str]) -> int:
    title_field = args.title_field or None
    for name, lineno, raw in _jsonl_lines(args.files, stdin):
        line = decode_bytes(raw).rstrip("\r\n")
        if not line.strip():
            out.write(line + "\n")  # blank lines are not records: passed through as they are
            continue
        record: Any = None
        try:
            record = _parse_json(line)
            result = clean_record(record, field=args.field, output_field=args.output_field,
                                  title_field=title_field, options=opts,
                                  html=args.html or (args.field == "html" and not args.text))
        except RecordError as exc:
            if args.on_error == "stop":
                raise UsageError(f"{name}:{lineno}: {exc}") from None
            base = record if isinstance(record, dict) else {"line": line}
            result = base | {ERROR_FIELD: f"line {lineno}: {exc}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return EXIT_OK


def _parse_json(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise RecordError("invalid JSON (nested too deeply)") from None


def main(argv: list[str] | None = None, *, stdin: IO[bytes] | None = None, stdout: IO[str] | None = None) -> int:
    """Entry point; returns the exit status instead of raising SystemExit for errors."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage or help
        return int(exc.code or 0)
    stdin = stdin if stdin is not None else sys.stdin.buffer
    out = stdout if stdout is not None else sys.stdout
    try:
        if args.list_rules:
            for rule in RULES.values():
                out.write(f"{rule.id:<18} {rule.label.value:<8} {rule.description}\n")
            return EXIT_OK
        opts = _options(args)
        return (run_jsonl if args.jsonl else run_text)(args, opts, stdin, out)
    except UsageError as exc:
        print(f"cleanwire: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader went away (| head): not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def entry() -> None:
    # Lone surrogates (from JSON "\\ud800" escapes) must not crash the writer; in JSON
    # output backslashreplace writes them back as the same escape.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    sys.exit(main())
