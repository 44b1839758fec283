"""Run a system over pages and score its outputs with the data set's metric."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from . import metrics
from .datasets import Page
from .systems import System


@dataclass(frozen=True, slots=True)
class Run:
    """A system's outputs on a page sequence, its wall time and its failures."""

    system: System
    outputs: tuple[str, ...]
    seconds: float
    errors: tuple[tuple[str, str], ...] = ()
    """(page id, "ExceptionType: message") for pages where the system raised."""


def run_system(system: System, pages: Sequence[Page]) -> Run:
    """Outputs of ``system`` on ``pages``; a page that raises scores as empty output."""
    outputs: list[str] = []
    errors: list[tuple[str, str]] = []
    start = time.perf_counter()
    for page in pages:
        try:
            outputs.append(system.run(page) or "")
        except Exception as exc:  # a baseline crashing on one page must not end the run
            outputs.append("")
            errors.append((page.id, f"{type(exc).__name__}: {exc}"))
    return Run(system, tuple(outputs), time.perf_counter() - start, tuple(errors))


@dataclass(frozen=True, slots=True)
class Result:
    """A run scored on one data set.

    ``page_f1`` is each page's own F1 (used to rank the worst pages); ``score`` is
    the data set's benchmark figure. For WCXB, ``by_type`` holds per-page-type
    means and ``with_rate``/``without_rate`` the pooled snippet shares.
    """

    dataset: str
    run: Run
    score: metrics.Score
    page_f1: tuple[float, ...]
    by_type: dict[str, metrics.Score]
    with_rate: float | None = None
    without_rate: float | None = None


def score_aeb(pages: Sequence[Page], run: Run) -> Result:
    per_page = [metrics.aeb_page(p.gold, out) for p, out in zip(pages, run.outputs)]
    return Result("aeb", run, metrics.aeb_score(per_page), tuple(p.f1 for p in per_page), {})


def score_wcxb(pages: Sequence[Page], run: Run) -> Result:
    per_page = [metrics.wcxb_page(p.gold, out) for p, out in zip(pages, run.outputs)]
    groups: dict[str, list[metrics.WcxbPage]] = {}
    for page, s in zip(pages, per_page):
        groups.setdefault(page.page_type, []).append(s)
    by_type = {t: metrics.wcxb_score(v) for t, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))}
    with_rate = metrics.rate(metrics.snippets_found(p.with_snippets, out) for p, out in zip(pages, run.outputs))
    without_rate = metrics.rate(metrics.snippets_found(p.without_snippets, out) for p, out in zip(pages, run.outputs))
    return Result(
        "wcxb", run, metrics.wcxb_score(per_page), tuple(s.f1 for s in per_page), by_type, with_rate, without_rate
    )


SCORERS = {"aeb": score_aeb, "wcxb": score_wcxb}


def evaluate(dataset: str, pages: Sequence[Page], system: System) -> Result:
    """Run ``system`` on ``pages`` and score it with ``dataset``'s metric."""
    return SCORERS[dataset](pages, run_system(system, pages))
