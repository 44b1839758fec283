"""Plain text mode: one document per file (or stdin); several files run on workers,
one file a task, and are written in the order given."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO

from ._cli_common import Batch, BatchResult, Failure
from ._decode import decode_bytes
from ._errors import internal_error
from ._explain import format_explanation
from ._html import looks_like_html
from ._html_pipeline import extract_html
from ._options import Options
from ._pipeline import extract


@dataclass(frozen=True)
class TextConfig:
    explain: bool
    colour: bool
    many: bool
    """More than one input: each output starts with a ``==> name <==`` header."""
    options: Options
    mode: str = "auto"
    """``"html"`` (--html), ``"text"`` (--text) or ``"auto"``: HTML when the input looks like it."""


def read_tasks(paths: list[str], stdin: IO[bytes]) -> Iterator[Batch[tuple[int, str, bytes | None]]]:
    """One task per input: (position, path, the bytes for stdin or None to read the file)."""
    for n, path in enumerate(paths):
        yield Batch(path, (n, path, stdin.read() if path == "-" else None))


def clean_file(cfg: TextConfig, task: Batch[tuple[int, str, bytes | None]]) -> BatchResult:
    """Clean one input (runs in a worker process)."""
    n, path, data = task.payload
    res = BatchResult(records=1)
    if data is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            res.failure = Failure(usage=True, message=f"{path}: {exc.strerror or exc}")
            return res
    res.nbytes = len(data)
    text = decode_bytes(data)
    html = cfg.mode == "html" or (cfg.mode == "auto" and looks_like_html(data))
    try:
        # HTML gets the bytes: extract_html reads the page's own charset declaration
        doc = extract_html(data, options=cfg.options) if html else extract(text, options=cfg.options)
    except Exception as exc:  # a bug of ours: exit 1 naming the file, not a traceback
        res.failure = Failure(usage=False, message=f"{path}: {internal_error(exc)}")
        return res
    res.stats.add_document(doc, text, cfg.options)
    parts = [("\n" if n else "") + f"==> {path} <==\n"] if cfg.many else []
    if cfg.explain:
        parts.append(format_explanation(doc, colour=cfg.colour))
    elif doc.skipped:
        res.notes.append(f"{path}: not processed ({doc.skipped}); passed through")
        parts.append(text if text.endswith("\n") else text + "\n")
    elif doc.body:
        parts.append(doc.body + "\n")
    res.text = "".join(parts)
    return res


def text_worker(cfg: TextConfig):
    return partial(clean_file, cfg)
