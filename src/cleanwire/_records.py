"""Clean records (dicts) in a stream: the JSONL mode of the CLI and a pipeline step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from typing import Any

from ._errors import internal_error
from ._options import Options
from ._html_pipeline import extract_html
from ._parallel import ordered_map
from ._pipeline import extract
from ._types import Document

ERROR_FIELD = "cleanwire_error"
SKIPPED_FIELD = "cleanwire_skipped"
# Records per task when ``jobs > 1``: enough to amortise pickling, few enough that
# the records in flight (2 tasks a worker) stay small.
RECORDS_PER_TASK = 64


class RecordError(ValueError):
    """A record cannot be cleaned: not an object, or the text field missing or not a string."""


def record_text(record: Any, field: str) -> str:
    """The text to clean in ``record``, or ``RecordError`` saying why there is none."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    if field not in record:
        raise RecordError(f"missing field {field!r}")
    text = record[field]
    if not isinstance(text, str):
        raise RecordError(f"field {field!r} is {type(text).__name__}, not a string")
    return text


def record_from_document(
    record: dict[str, Any], doc: Document, *, output_field: str, title_field: str | None
) -> dict[str, Any]:
    """A copy of ``record`` with the document's body (and title) added."""
    out = dict(record)
    out[output_field] = doc.body
    if title_field:
        out[title_field] = doc.title
    if doc.skipped:
        out[SKIPPED_FIELD] = doc.skipped
    return out


def clean_record(
    record: Any,
    *,
    field: str = "text",
    output_field: str = "body",
    title_field: str | None = "title",
    options: Options | None = None,
    html: bool = False,
) -> dict[str, Any]:
    """A copy of ``record`` with the body (and title) added; other fields untouched.

    ``html=True``: the field holds an HTML page (``extract_html``)."""
    text = record_text(record, field)
    doc = extract_html(text, options=options) if html else extract(text, options=options)
    return record_from_document(record, doc, output_field=output_field, title_field=title_field)


def _clean_one(record: Any, *, on_error: str, **kwargs: Any) -> dict[str, Any]:
    try:
        return clean_record(record, **kwargs)
    except Exception as exc:  # bad input, or a bug of ours: neither may lose the record
        if on_error == "raise":
            raise
        message = str(exc) if isinstance(exc, RecordError) else internal_error(exc)
        return (dict(record) if isinstance(record, dict) else {"value": record}) | {ERROR_FIELD: message}


def _clean_chunk(chunk: list[Any], **kwargs: Any) -> list[dict[str, Any]]:
    return [_clean_one(rec, **kwargs) for rec in chunk]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def clean_records(
    records: Iterable[Any],
    *,
    field: str = "text",
    output_field: str = "body",
    title_field: str | None = "title",
    options: Options | None = None,
    on_error: str = "raise",
    jobs: int = 1,
    html: bool = False,
) -> Iterator[dict[str, Any]]:
    """Clean each record in turn, lazily and in order. ``on_error="mark"`` passes bad
    records (and records that hit a bug) through with a ``cleanwire_error`` field
    instead of raising; nothing is ever dropped. ``jobs > 1`` cleans on that many worker processes (same output,
    same order; at most ``2 * jobs * 64`` records in flight). ``html=True``: the field
    holds HTML pages (``extract_html``)."""
    if on_error not in ("raise", "mark"):
        raise ValueError("on_error must be 'raise' or 'mark'")
    kwargs = dict(field=field, output_field=output_field, title_field=title_field, options=options, on_error=on_error, html=html)
    if jobs <= 1:
        for rec in records:
            yield _clean_one(rec, **kwargs)
        return
    for chunk in ordered_map(partial(_clean_chunk, **kwargs), _chunks(records, RECORDS_PER_TASK), jobs):
        yield from chunk
