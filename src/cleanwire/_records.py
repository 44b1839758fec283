"""Clean records (dicts) in a stream: the JSONL mode of the CLI and a pipeline step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ._options import Options
from ._html_pipeline import extract_html
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
    html: bool = False,
) -> dict[str, Any]:
    """A copy of ``record`` with the body (and title) added; other fields untouched.

    ``html=True``: the field holds an HTML page (``extract_html``)."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    if field not in record:
        raise RecordError(f"missing field {field!r}")
    text = record[field]
    if not isinstance(text, str):
        raise RecordError(f"field {field!r} is {type(text).__name__}, not a string")
    doc = extract_html(text, options=options) if html else extract(text, options=options)
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
    """Clean each record in turn. ``on_error="mark"`` passes bad records through with
    an ``cleanwire_error`` field instead of raising; nothing is ever dropped."""
    if on_error not in ("raise", "mark"):
        raise ValueError("on_error must be 'raise' or 'mark'")
    for rec in records:
        try:
            yield clean_record(rec, field=field, output_field=output_field, title_field=title_field, options=options)
        except RecordError as exc:
            if on_error == "raise":
                raise
            yield (dict(rec) if isinstance(rec, dict) else {"value": rec}) | {ERROR_FIELD: str(exc)}
