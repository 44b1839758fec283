"""Clean records (dicts) in a stream: the JSONL mode of the CLI and a pipeline step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ._options import Options
from ._pipeline import extract

ERROR_FIELD = "cleanwire_error"


class RecordError(ValueError):
    """A record cannot be cleaned: not an object, or the text field missing or not a string."""


def clean_record(
    record: Any,
    *,
    field: str = "text",
    output_field: str = "body",
    title_field: str | None = "title",
    options: Options | None = None,
) -> dict[str, Any]:
    """A copy of ``record`` with the body (and title) added; other fields untouched."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    if field not in record:
        raise RecordError(f"missing field {field!r}")
    text = record[field]
    if not isinstance(text, str):
        raise RecordError(f"field {field!r} is {type(text).__name__}, not a string")
    doc = extract(text, options=options)
    out = dict(record)
    out[output_field] = doc.body
    if title_field:
        out[title_field] = doc.title
    if doc.skipped:
        out["cleanwire_skipped"] = doc.skipped
    return out


def clean_records(
    records: Iterable[Any],
    *,
    field: str = "text",
    output_field: str = "body",
    title_field: str | None = "title",
    options: Options | None = None,
    on_error: str = "raise",
) -> Iterator[dict[str, Any]]:
    """Clean each record in turn. ``on_error="mark"`` passes bad records (and records
    that hit a bug) through with a ``cleanwire_error`` field instead of raising;
    nothing is ever dropped."""
    if on_error not in ("raise", "mark"):
        raise ValueError("on_error must be 'raise' or 'mark'")
    for rec in records:
        try:
            yield clean_record(rec, field=field, output_field=output_field, title_field=title_field, options=options)
        except Exception as exc:  # bad input, or a bug of ours: neither may lose the record
            if on_error == "raise":
                raise
            message = str(exc) if isinstance(exc, RecordError) else f"internal error ({type(exc).__name__}: {exc})"
            yield (dict(rec) if isinstance(rec, dict) else {"value": rec}) | {ERROR_FIELD: message}
