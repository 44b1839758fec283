"""The ``cleanwire`` command: a Unix filter over the library. Exit codes: 0 ok,
1 a failure while processing, 2 bad usage or bad input."""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
import traceback
from typing import IO, Any

from . import __version__
from ._decode import decode_bytes
from ._explain import format_explanation
from ._options import Options
from ._pipeline import extract
from ._records import ERROR_FIELD, RecordError, clean_record
from ._rules import RULES

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# Documents over this many UTF-8 bytes are passed through unprocessed (with a note or a
# "cleanwire_skipped" field) unless --max-bytes says otherwise: an unattended run stays
# bounded (a 16 MiB line of prose takes ~5 s; see docs/reliability.md).
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
# Set to 1 to get the traceback of an internal error (a bug) on stderr.
DEBUG_ENV = "CLEANWIRE_DEBUG"
# An error message quotes at most this much of the exception's text (one readable line).
MAX_MESSAGE_CHARS = 300

EXAMPLES = """\
examples:
  cleanwire page.txt                      print the article body of page.txt
  curl -s URL | html2text | cleanwire     clean text arriving on stdin
  cleanwire --explain page.txt            every block with its label and rule
  cleanwire --keep-title a.txt b.txt      several files, title kept on top
  cleanwire --jsonl < in.jsonl > out.jsonl
                                          add "body" and "title" to each record
  cleanwire --jsonl --field content --output-field clean --on-error mark < in.jsonl

exit status: 0 ok, 1 failure while processing, 2 bad usage or bad input
(set CLEANWIRE_DEBUG=1 to see the traceback of an internal error)
"""


class UsageError(Exception):
    """A user mistake: reported in one line, exit status 2."""


class ProcessingFailure(Exception):
    """Something broke while processing good input (a bug): one line, exit status 1."""


def _internal_error(exc: BaseException) -> str:
    """The one-line description of a bug; the traceback only when CLEANWIRE_DEBUG is set."""
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(exc, file=sys.stderr)
    text = str(exc)
    if len(text) > MAX_MESSAGE_CHARS:  # an exception may carry a whole document
        text = text[:MAX_MESSAGE_CHARS] + "…"
    return f"internal error ({type(exc).__name__}: {text})"


def _max_bytes(value: str) -> int | None:
    if value.lower() == "none":
        return None
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of bytes: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return n


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
    o.add_argument("--max-bytes", type=_max_bytes, default=DEFAULT_MAX_BYTES, metavar="N",
                   help="documents over N UTF-8 bytes are passed through unprocessed and marked "
                   f"skipped, never dropped (default: {DEFAULT_MAX_BYTES}; 'none': no limit)")
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
    )


def _read(path: str, stdin: IO[bytes]) -> str:
    if path == "-":
        return decode_bytes(stdin.read())
    try:
        with open(path, "rb") as fh:
            return decode_bytes(fh.read())
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None


def _use_colour(choice: str, out: IO[str]) -> bool:
    if choice == "auto":
        return out.isatty() and "NO_COLOR" not in os.environ
    return choice == "always"


def run_text(args: argparse.Namespace, opts: Options, stdin: IO[bytes], out: IO[str]) -> int:
    paths = args.files or ["-"]
    for n, path in enumerate(paths):
        text = _read(path, stdin)
        try:
            doc = extract(text, options=opts)
        except Exception as exc:  # a bug of ours: exit 1 naming the file, not a traceback
            raise ProcessingFailure(f"{path}: {_internal_error(exc)}") from None
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
        if lineno == 1 and raw.startswith(_WIDE_BOMS):  # lines of UTF-16/32 cannot be split on b"\n"
            raise UsageError(f"{name}: JSON Lines must be UTF-8 (this input starts with a UTF-16/32 byte-order mark)")
        line = decode_bytes(raw).rstrip("\r\n")
        if not line.strip():
            out.write(line + "\n")  # blank lines are not records: passed through as they are
            continue
        record: Any = None
        try:
            record = _parse_json(line)
            result = clean_record(record, field=args.field, output_field=args.output_field,
                                  title_field=title_field, options=opts)
        except Exception as exc:  # a RecordError is bad input (exit 2); anything else is our bug (exit 1)
            bug = not isinstance(exc, RecordError)
            message = _internal_error(exc) if bug else str(exc)
            if args.on_error == "stop":
                raise (ProcessingFailure if bug else UsageError)(f"{name}:{lineno}: {message}") from None
            base = record if isinstance(record, dict) else {"line": line}
            result = base | {ERROR_FIELD: f"line {lineno}: {message}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return EXIT_OK


_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _parse_json(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise RecordError("invalid JSON (nested too deeply)") from None
    except ValueError as exc:  # valid JSON Python will not read, e.g. a 5 000-digit number
        raise RecordError(f"unreadable JSON ({exc})") from None


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
    except Exception as exc:  # a bug outside any one document: still one line, exit 1
        print(f"cleanwire: {_internal_error(exc)}", file=sys.stderr)
        return EXIT_FAILURE


def entry() -> None:
    # Lone surrogates (from JSON "\\ud800" escapes) must not crash the writer; in JSON
    # output backslashreplace writes them back as the same escape.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    sys.exit(main())
