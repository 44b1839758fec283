"""``cleanwire --jsonl``: stream JSON Lines in batches of lines, clean one field of
each record on worker processes, write the records back in input order.

The same batch function runs with one job or many, so ``-j N`` output is byte for
byte the ``-j 1`` output. Blank lines are not records and pass through as they are.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, Any

from ._cli_common import Batch, BatchResult, Failure, UsageError
from ._decode import decode_bytes
from ._errors import internal_error
from ._html_pipeline import extract_html
from ._options import Options
from ._pipeline import extract
from ._records import ERROR_FIELD, RecordError, record_from_document, record_text

# A batch is cut at whichever comes first. 64 lines amortise the inter-process cost
# (~0.1 ms a batch) over ~50 ms of cleaning on typical 10 KB pages; 1 MB bounds the
# memory of a batch of very long records (in flight: 2 batches a worker).
BATCH_LINES = 64
BATCH_BYTES = 1 << 20
# Lines of UTF-16/32 cannot be split on b"\n": such input is refused, not misread.
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class JsonlConfig:
    field: str
    output_field: str
    title_field: str | None
    on_error: str
    options: Options
    html: bool = False
    """The field holds HTML pages (``--html``, or ``--field html`` without ``--text``)."""


def _parse_json(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise RecordError("invalid JSON (nested too deeply)") from None
    except ValueError as exc:  # valid JSON Python will not read, e.g. a 5 000-digit number
        raise RecordError(f"unreadable JSON ({exc})") from None


def read_batches(paths: list[str], stdin: IO[bytes]) -> Iterator[Batch[tuple[str, int, list[bytes]]]]:
    """Lines grouped in batches; each payload is (file name, first line number, lines)."""
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
            lines: list[bytes] = []
            size = 0
            first = 1
            for lineno, raw in enumerate(fh, 1):
                lines.append(raw)
                size += len(raw)
                if len(lines) >= BATCH_LINES or size >= BATCH_BYTES:
                    yield Batch(f"{name}:{first}-{lineno}", (name, first, lines))
                    lines, size, first = [], 0, lineno + 1
            if lines:
                yield Batch(f"{name}:{first}-{first + len(lines) - 1}", (name, first, lines))
        finally:
            if fh is not stdin:
                fh.close()


def clean_batch(cfg: JsonlConfig, batch: Batch[tuple[str, int, list[bytes]]]) -> BatchResult:
    """Clean every record of one batch (runs in a worker process)."""
    name, first, lines = batch.payload
    res = BatchResult()
    parts: list[str] = []
    for lineno, raw in enumerate(lines, first):
        res.nbytes += len(raw)
        if lineno == 1 and raw.startswith(_WIDE_BOMS):  # bad input whatever --on-error says
            res.failure = Failure(usage=True, message=f"{name}: JSON Lines must be UTF-8 "
                                  "(this input starts with a UTF-16/32 byte-order mark)")
            break
        # the terminator goes before decoding: a short line's guessed charset must not
        # depend on whether a newline follows it (the last line may have none)
        line = decode_bytes(raw.rstrip(b"\r\n"))
        if not line.strip():
            parts.append(line + "\n")  # not a record: passed through as it is
            continue
        res.records += 1
        record: Any = None
        try:
            record = _parse_json(line)
            text = record_text(record, cfg.field)
            doc = extract_html(text, options=cfg.options) if cfg.html else extract(text, options=cfg.options)
            result = record_from_document(record, doc, output_field=cfg.output_field, title_field=cfg.title_field)
            res.stats.add_document(doc, text, cfg.options)
        except Exception as exc:  # a RecordError is bad input; anything else is our bug
            bug = not isinstance(exc, RecordError)
            message = internal_error(exc) if bug else str(exc)
            if cfg.on_error == "stop":
                res.failure = Failure(usage=not bug, message=f"{name}:{lineno}: {message}")
                break
            res.stats.add_error()
            base = record if isinstance(record, dict) else {"line": line}
            result = base | {ERROR_FIELD: f"line {lineno}: {message}"}
        parts.append(json.dumps(result, ensure_ascii=False) + "\n")
    res.text = "".join(parts)
    return res


def jsonl_worker(cfg: JsonlConfig):
    """The picklable batch function for ``run_batches``."""
    return partial(clean_batch, cfg)
