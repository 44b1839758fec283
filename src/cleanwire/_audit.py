"""``cleanwire audit IN.jsonl -o report.html``: clean a whole batch for its statistics
and show a deterministic sample of documents block by block, as one HTML page.

Every record is cleaned on the workers (the same batches as ``--jsonl``) for the
per-rule chart; the sample is drawn while reading (reservoir sampling with a fixed
seed, so the same input and ``--seed`` give the same sample) and only the sampled
records are kept, so memory stays flat.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from typing import IO, Any

from ._audit_html import Sample, render_report
from ._cli_common import Batch, UsageError, jobs_arg, run_batches
from ._cli_jsonl import JsonlConfig, jsonl_worker, read_batches
from ._decode import decode_bytes
from ._options import Options
from ._parallel import default_jobs
from ._pipeline import extract
from ._progress import Progress
from ._records import RecordError, record_text
from ._rules import RULES
from ._stats import Stats

DEFAULT_SAMPLE = 20


def build_audit_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleanwire audit",
        description="Clean a JSONL batch and write a self-contained HTML report: a sample of "
        "documents with every block coloured by label (rule and reason on hover) and a chart "
        "of the share of text each rule removed.",
    )
    p.add_argument("files", nargs="*", metavar="IN.jsonl", help="JSON Lines input (default: stdin)")
    p.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="where to write the report")
    p.add_argument("--sample", type=int, default=DEFAULT_SAMPLE, metavar="N",
                   help=f"documents to show (default: {DEFAULT_SAMPLE})")
    p.add_argument("--seed", type=int, default=0, help="sampling seed (default: 0; same seed, same sample)")
    p.add_argument("--field", default="text", help="field holding the page text (default: text)")
    p.add_argument("--language", metavar="CODE", help="ISO 639-1 language of the input (default: guessed)")
    p.add_argument("--disable", metavar="RULE", action="append", default=[], help="switch a rule off (repeatable)")
    p.add_argument("-j", "--jobs", type=jobs_arg, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on a terminal")
    return p


class _Discard:
    """The cleaned records are not needed, only their statistics."""

    def write(self, text: str) -> int:
        return len(text)


def _sampling(batches: Iterator[Batch[Any]], k: int, seed: int, into: list[tuple[int, str, bytes]]) -> Iterator[Batch[Any]]:
    """Pass batches through while keeping a uniform sample of k non-blank lines."""
    rng = random.Random(seed)
    seen = 0
    for batch in batches:
        name, first, lines = batch.payload
        for lineno, raw in enumerate(lines, first):
            if not raw.strip():
                continue
            item = (seen, f"{name}:{lineno}", raw)
            if len(into) < k:
                into.append(item)
            else:
                j = rng.randrange(seen + 1)
                if j < k:
                    into[j] = item
            seen += 1
        yield batch


def _sample(where: str, raw: bytes, field: str, options: Options) -> Sample:
    try:
        record = json.loads(decode_bytes(raw))
        text = record_text(record, field)
    except (json.JSONDecodeError, RecursionError, RecordError) as exc:
        return Sample(where, None, None, error=f"not cleaned: {exc}")
    rid = next((record[k] for k in ("id", "record_id", "url") if k in record), None)
    return Sample(where, None if rid is None else str(rid), extract(text, options=options))


def run_audit(argv: list[str], stdin: IO[bytes]) -> int:
    parser = build_audit_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    unknown = sorted(set(args.disable) - set(RULES))
    if unknown:
        raise UsageError(f"unknown rule id(s): {', '.join(unknown)} (see --list-rules)")
    if args.sample < 0:
        raise UsageError("--sample must be >= 0")
    opts = Options(language=args.language, disabled_rules=frozenset(args.disable))
    cfg = JsonlConfig(args.field, "body", None, "mark", opts)
    picked: list[tuple[int, str, bytes]] = []
    stats = Stats()
    progress = Progress(sys.stderr, total=None, enabled=not args.no_progress and sys.stderr.isatty())
    batches = _sampling(read_batches(args.files, stdin), args.sample, args.seed, picked)
    run_batches(jsonl_worker(cfg), batches, jobs=args.jobs or default_jobs(), out=_Discard(),  # type: ignore[arg-type]
                progress=progress, stats=stats)
    samples = [_sample(where, raw, args.field, opts) for _, where, raw in sorted(picked)]
    names = ", ".join(args.files) if args.files else "<stdin>"
    note = (f"{len(samples)} of {stats.documents:,} documents, drawn uniformly with seed {args.seed}"
            if len(samples) < stats.documents else f"all {len(samples)} documents.")
    page = render_report(f"cleanwire audit: {names}", stats, samples, note.rstrip(".") + ".")
    try:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(page)
    except OSError as exc:
        raise UsageError(f"{args.output}: {exc.strerror or exc}") from None
    print(f"cleanwire audit: {stats.documents:,} documents, {len(samples)} shown; wrote {args.output}", file=sys.stderr)
    return 0
