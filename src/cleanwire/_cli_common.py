"""What every CLI mode shares: exit codes, the two error kinds, and the loop that runs
batches on worker processes and writes their results in input order."""

from __future__ import annotations

import argparse
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Generic, TypeVar

from ._parallel import WorkerCrash, ordered_map
from ._progress import Progress
from ._stats import Stats

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# Documents over this many UTF-8 bytes are passed through unprocessed (with a note or a
# "cleanwire_skipped" field) unless --max-bytes says otherwise: an unattended run stays
# bounded (a 16 MiB line of prose takes ~5 s; see docs/reliability.md).
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

B = TypeVar("B")


def _whole_number(value: str, minimum: int, what: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a {what}: {value!r}") from None
    if n < minimum:
        raise argparse.ArgumentTypeError(f"must be {'at least 1' if minimum == 1 else f'>= {minimum}'}")
    return n


def jobs_arg(value: str) -> int:
    """argparse type for ``-j/--jobs``: a whole number, at least 1."""
    return _whole_number(value, 1, "number")


def max_bytes_arg(value: str) -> int | None:
    """argparse type for ``--max-bytes``: a number of bytes >= 0, or 'none' (no limit)."""
    return None if value.lower() == "none" else _whole_number(value, 0, "number of bytes")


class UsageError(Exception):
    """A user mistake or bad input: reported in one line, exit status 2."""


class ProcessingFailure(Exception):
    """Something broke while processing good input: one line, exit status 1."""


@dataclass
class Failure:
    """An error found in a worker, raised by the parent once the output before it is written."""

    usage: bool
    message: str

    def exception(self) -> Exception:
        return UsageError(self.message) if self.usage else ProcessingFailure(self.message)


@dataclass
class BatchResult:
    """What a worker sends back for one batch: output text, counts, and maybe a failure."""

    text: str = ""
    records: int = 0
    nbytes: int = 0
    stats: Stats = field(default_factory=Stats)
    notes: list[str] = field(default_factory=list)
    """Lines for stderr (e.g. "not processed"), printed in order with the output."""
    failure: Failure | None = None


@dataclass(frozen=True)
class Batch(Generic[B]):
    """A unit of work and the place in the input it came from (for messages)."""

    where: str
    payload: B


def run_batches(
    worker: Callable[[Batch[B]], BatchResult],
    batches: Iterable[Batch[B]],
    *,
    jobs: int,
    out: IO[str],
    progress: Progress,
    stats: Stats,
) -> None:
    """Run ``worker`` over ``batches`` on ``jobs`` processes and write results in order.

    A worker's failure is raised after the output before it; a dead worker becomes a
    ``ProcessingFailure`` naming the batch, so records are never lost silently.
    """
    in_flight: deque[str] = deque()

    def tracked() -> Iterator[Batch[B]]:
        for batch in batches:
            in_flight.append(batch.where)
            yield batch

    try:
        for result in ordered_map(worker, tracked(), jobs):
            in_flight.popleft()
            out.write(result.text)
            for note in result.notes:
                print(f"cleanwire: {note}", file=sys.stderr)
            stats.merge(result.stats)
            progress.update(result.records, result.nbytes)
            if result.failure:
                raise result.failure.exception()
    except WorkerCrash:
        where = in_flight[0] if in_flight else "the input"
        raise ProcessingFailure(
            f"{where}: a worker process died (killed or out of memory); output stops before this batch"
        ) from None
    finally:
        progress.close()
