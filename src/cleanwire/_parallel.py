"""Ordered parallel map over batches with a bounded number in flight.

The input is consumed lazily and at most ``jobs * IN_FLIGHT_PER_JOB`` batches are
submitted at any time, so memory stays flat whatever the input size; results come
back in input order, so output is the same as with one job. A worker that dies (OOM
killer, segfault) breaks the pool: that is reported as ``WorkerCrash`` naming the
batch, never a silent loss of records.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Two batches per worker keep every worker busy while the parent writes results
# (one being processed, one queued); more only costs memory.
IN_FLIGHT_PER_JOB = 2


class WorkerCrash(RuntimeError):
    """A worker process died; ``index`` is the position of the first unfinished batch."""

    def __init__(self, index: int) -> None:
        super().__init__(f"a worker process died while processing batch {index}")
        self.index = index


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: safe when the caller has threads (Dask, a web server), and cheaper
    # than spawn; fall back to spawn where it does not exist (Windows, macOS default).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _peek(source: Iterator[T], n: int) -> tuple[list[T], Exception | None]:
    """Up to ``n`` items, and the error the source raised instead of the next one."""
    head: list[T] = []
    while len(head) < n:
        try:
            head.append(next(source))
        except StopIteration:
            break
        except Exception as exc:
            return head, exc
    return head, None


def _then_raise(head: list[T], error: Exception) -> Iterator[T]:
    yield from head
    raise error


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``map(func, items)`` on ``jobs`` processes, in order, lazily. ``func`` must be
    picklable (a module-level function). ``jobs <= 1``, or a single task, runs in this
    process."""
    source = iter(items)
    if jobs > 1:
        head, head_error = _peek(source, 2)
        if len(head) < 2:  # one task: starting processes would only cost time
            jobs = 1
        source = chain(head, source) if head_error is None else _then_raise(head, head_error)
    if jobs <= 1:
        yield from map(func, source)
        return
    limit = jobs * IN_FLIGHT_PER_JOB
    pending: deque[Future[R]] = deque()
    done = 0
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context())
    source_error: BaseException | None = None
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                except Exception as exc:  # bad input: first finish what came before it, as map() would
                    source_error, exhausted = exc, True
                    break
                pending.append(pool.submit(func, item))
            if not pending:
                if source_error is not None:
                    raise source_error
                return
            result = pending.popleft().result()
            done += 1
            yield result
    except BrokenProcessPool:  # from result() or from submit() once the pool is broken
        raise WorkerCrash(done) from None
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
