"""Throughput, single process: cleanwire against a reference in the same run.

Machines are shared and noisy, so absolute figures are indicative; the ratio of two
systems timed alternately in one run is what a target should be checked against.
Each run times ``repeat`` passes over all inputs; the best of ``runs`` runs counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import cleanwire

from .baselines import c4_lines
from .datasets import Page, read_html

WARMUP_PAGES = 10
"""Pages run once untimed first, so lexicon loading and caches are not timed."""


@dataclass(frozen=True, slots=True)
class Timing:
    """Best wall time of one system over ``megabytes`` of input per run."""

    name: str
    megabytes: float
    seconds: float

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")


def _once(fn: Callable[..., Any], inputs: Sequence[tuple], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for args in inputs:
            fn(*args)
    return time.perf_counter() - start


def compare(
    systems: Sequence[tuple[str, Callable[..., Any]]],
    inputs: Sequence[tuple],
    megabytes: float,
    repeat: int = 1,
    runs: int = 3,
) -> list[Timing]:
    """Time each system over ``inputs`` (argument tuples), alternating within each run."""
    for _, fn in systems:
        for args in inputs[:WARMUP_PAGES]:
            fn(*args)
    best = {name: float("inf") for name, _ in systems}
    for _ in range(runs):
        for name, fn in systems:
            best[name] = min(best[name], _once(fn, inputs, repeat))
    return [Timing(name, megabytes * repeat, best[name]) for name, _ in systems]


def text_speed(pages: Sequence[Page], repeat: int = 3, runs: int = 3) -> list[Timing]:
    """cleanwire.clean vs the C4 line filter over the pages' text dumps."""
    inputs = [(p.text,) for p in pages]
    mb = sum(len(p.text.encode("utf-8")) for p in pages) / 1e6
    return compare([("cleanwire.clean", cleanwire.clean), ("c4-lines", c4_lines)], inputs, mb, repeat, runs)


def html_speed(pages: Sequence[Page], repeat: int = 1, runs: int = 3) -> list[Timing]:
    """cleanwire.clean_html vs trafilatura.extract over the pages' HTML (bytes)."""
    import trafilatura

    clean_html = getattr(cleanwire, "clean_html", None)
    if clean_html is None:
        raise RuntimeError("cleanwire.clean_html does not exist yet: no HTML speed to measure")
    raw = [(read_html(p), p.url) for p in pages]
    mb = sum(len(h) for h, _ in raw) / 1e6
    systems = [
        ("cleanwire.clean_html", lambda html, url: clean_html(html, url=url)),
        ("trafilatura.extract", lambda html, url: trafilatura.extract(html, url=url)),
    ]
    return compare(systems, raw, mb, repeat, runs)


PROFILE_ROWS = 25
"""Functions listed by ``profile_text``."""


def profile_text(pages: Sequence[Page]) -> str:
    """cProfile of one pass of ``cleanwire.clean`` over the pages (after warm-up), by own time."""
    import cProfile
    import io
    import pstats

    for page in pages[:WARMUP_PAGES]:
        cleanwire.clean(page.text)
    profiler = cProfile.Profile()
    profiler.enable()
    for page in pages:
        cleanwire.clean(page.text)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(PROFILE_ROWS)
    return out.getvalue()
