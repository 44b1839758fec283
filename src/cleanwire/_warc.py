"""``cleanwire --warc``: WARC / WET files (gzipped or not) in, JSON Lines out.

Every document record gives exactly one output line, in file order:
``conversion`` records (Common Crawl WET text), and ``response`` / ``resource``
records (HTML through HTML mode, plain text through text mode). A document record
whose payload is not text (an image, a PDF) still gives its line, with an empty body
and ``cleanwire_skipped``, so counts always match. ``warcinfo``, ``request``,
``metadata`` and ``revisit`` records carry no page and give no line.

Reading (warcio) happens in the parent; cleaning runs on the workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, Any

from ._cli_common import Batch, BatchResult, Failure, UsageError
from ._decode import decode_bytes
from ._errors import internal_error
from ._html_text import extract_html_document
from ._options import Options
from ._pipeline import extract
from ._records import ERROR_FIELD, SKIPPED_FIELD

DOCUMENT_TYPES = frozenset({"conversion", "response", "resource"})
# Records per batch, or payload bytes, whichever comes first: WARC pages run to
# ~100 KB of HTML, so 4 MB holds a few dozen of them (2 batches a worker in flight).
BATCH_RECORDS = 32
BATCH_BYTES = 4 << 20


@dataclass(frozen=True)
class WarcConfig:
    on_error: str
    options: Options


@dataclass(frozen=True)
class WarcItem:
    """One document record as read from the file: headers we keep and the payload."""

    where: str
    url: str | None
    record_id: str | None
    warc_type: str
    date: str | None
    content_type: str
    payload: bytes


def _media_type(content_type: str) -> tuple[str, str | None]:
    """``"text/html; charset=UTF-8"`` -> ``("text/html", "UTF-8")``."""
    media, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _read_items(path: str, fh: IO[bytes]) -> Iterator[WarcItem]:
    try:  # an optional dependency: only --warc needs it
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise UsageError("--warc needs warcio: pip install 'cleanwire[warc]'") from None

    records = ArchiveIterator(fh)
    offset = 0
    seen = 0
    try:
        for rec in records:
            offset = records.offset  # start of this record (get_record_offset() would consume it)
            seen += 1
            if rec.format != "warc":  # warcio also reads ARC, and takes stray text for it
                raise UsageError(f"{path}: not a WARC record at offset {offset}")
            head = rec.rec_headers
            if not (head.get_header("Content-Length") or "").strip().isdigit():
                raise UsageError(f"{path}: record at offset {offset} has no valid Content-Length")
            if rec.rec_type not in DOCUMENT_TYPES:
                continue
            if rec.rec_type == "response" and rec.http_headers is not None:
                ctype = rec.http_headers.get_header("Content-Type") or ""
            else:
                ctype = head.get_header("Content-Type") or ""
            payload = rec.content_stream().read()
            if getattr(rec.raw_stream, "limit", 0):  # ended before its Content-Length
                raise UsageError(f"{path}: record at offset {offset} is truncated")
            yield WarcItem(
                where=f"{path}: record at offset {offset}",
                url=head.get_header("WARC-Target-URI"),
                record_id=head.get_header("WARC-Record-ID"),
                warc_type=rec.rec_type,
                date=head.get_header("WARC-Date"),
                content_type=ctype,
                payload=payload,
            )
    except ArchiveLoadFailed as exc:
        msg = " ".join(str(exc).split())
        raise UsageError(f"{path}: not a valid WARC file after offset {offset} ({msg})") from None
    except (OSError, EOFError, ValueError) as exc:  # truncated gzip, bad lengths...
        raise UsageError(f"{path}: unreadable WARC data after offset {offset} ({type(exc).__name__}: {exc})") from None
    if not seen:
        raise UsageError(f"{path}: no WARC records found")


def read_warc_batches(paths: list[str], stdin: IO[bytes]) -> Iterator[Batch[list[WarcItem]]]:
    """Document records of every file, in order, grouped in batches."""
    for path in paths or ["-"]:
        name = "<stdin>" if path == "-" else path
        try:
            fh: Any = stdin if path == "-" else open(path, "rb")
        except OSError as exc:
            raise UsageError(f"{path}: {exc.strerror or exc}") from None
        items: list[WarcItem] = []
        size = 0
        try:
            for item in _read_items(name, fh):
                items.append(item)
                size += len(item.payload)
                if len(items) >= BATCH_RECORDS or size >= BATCH_BYTES:
                    yield Batch(items[0].where, items)
                    items, size = [], 0
        except UsageError:
            if items:  # the good records before the damage are written, then the error
                yield Batch(items[0].where, items)
            raise
        else:
            if items:
                yield Batch(items[0].where, items)
        finally:
            if fh is not stdin:
                fh.close()


def clean_item(item: WarcItem, options: Options) -> tuple[dict[str, Any], Any, str]:
    """The output record for one WARC record, the document (or None) and its text."""
    out: dict[str, Any] = {
        "url": item.url, "record_id": item.record_id, "warc_type": item.warc_type,
        "date": item.date, "content_type": item.content_type or None,
    }
    media, charset = _media_type(item.content_type)
    if item.warc_type == "conversion" or media in ("text/plain", ""):
        text = decode_bytes(item.payload)
        doc, mode = extract(text, options=options), "text"
    elif media in ("text/html", "application/xhtml+xml"):
        doc, mode, text = extract_html_document(item.payload, charset=charset, url=item.url, options=options)
    else:
        return out | {"title": None, "body": "", SKIPPED_FIELD: f"content-type {media}"}, None, ""
    out |= {"title": doc.title, "body": doc.body, "cleanwire_mode": mode}
    if doc.skipped:
        out[SKIPPED_FIELD] = doc.skipped
    return out, doc, text


def clean_warc_batch(cfg: WarcConfig, batch: Batch[list[WarcItem]]) -> BatchResult:
    """Clean the records of one batch (runs in a worker process)."""
    res = BatchResult()
    parts = []
    for item in batch.payload:
        res.records += 1
        res.nbytes += len(item.payload)
        try:
            record, doc, text = clean_item(item, cfg.options)
            if doc is None:
                res.stats.add_skipped()
            else:
                res.stats.add_document(doc, text, cfg.options)
        except Exception as exc:  # our bug on this record: named, never a traceback
            message = internal_error(exc)
            if cfg.on_error == "stop":
                res.failure = Failure(usage=False, message=f"{item.where}: {message}")
                break
            res.stats.add_error()
            record = {"url": item.url, "record_id": item.record_id, ERROR_FIELD: message}
        parts.append(json.dumps(record, ensure_ascii=False) + "\n")
    res.text = "".join(parts)
    return res


def warc_worker(cfg: WarcConfig):
    return partial(clean_warc_batch, cfg)
