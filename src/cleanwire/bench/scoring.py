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
    """Outputs of ``system`` on ``pages``; a page that raises scores as empty output.

    The time is the steady-state cost: each system first runs once, untimed, on the
    first page, so one-time start-up (imports, word lists, caches) is not charged to
    whichever system happens to run first. In HTML mode that matters: cleanwire's
    first page also warms trafilatura (its second opinion), which runs after it.
    """
    outputs: list[str] = []
    errors: list[tuple[str, str]] = []
    if pages:
        try:
            system.run(pages[0])
        except Exception:  # noqa: S110 - the timed pass below records the failure
            pass
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
    f1_ci: float | None = None
    """Half-width of the bootstrap 95% interval of ``score.f1``, when asked for."""


def score_aeb(pages: Sequence[Page], run: Run, ci: bool = False) -> Result:
    per_page = [metrics.aeb_page(p.gold, out) for p, out in zip(pages, run.outputs)]
    f1_ci = metrics.bootstrap_f1(per_page, metrics.aeb_score) if ci else None
    return Result("aeb", run, metrics.aeb_score(per_page), tuple(p.f1 for p in per_page), {}, f1_ci=f1_ci)


def score_wcxb(pages: Sequence[Page], run: Run, ci: bool = False) -> Result:
    per_page = [metrics.wcxb_page(p.gold, out) for p, out in zip(pages, run.outputs)]
    groups: dict[str, list[metrics.WcxbPage]] = {}
    for page, s in zip(pages, per_page):
        groups.setdefault(page.page_type, []).append(s)
    # largest page type first, as WCXB lists them
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    by_type = {t: metrics.wcxb_score(v) for t, v in ordered}
    paired = list(zip(pages, run.outputs))
    with_rate = metrics.rate(metrics.snippets_found(p.with_snippets, out) for p, out in paired)
    without_rate = metrics.rate(metrics.snippets_found(p.without_snippets, out) for p, out in paired)
    page_f1 = tuple(s.f1 for s in per_page)
    f1_ci = metrics.bootstrap_f1(per_page, metrics.wcxb_score) if ci else None
    score = metrics.wcxb_score(per_page)
    return Result("wcxb", run, score, page_f1, by_type, with_rate, without_rate, f1_ci)


SCORERS = {"aeb": score_aeb, "wcxb": score_wcxb}


def evaluate(dataset: str, pages: Sequence[Page], system: System, ci: bool = False) -> Result:
    """Run ``system`` on ``pages`` and score it with ``dataset``'s metric (``ci``: add a
    bootstrap interval for F1)."""
    return SCORERS[dataset](pages, run_system(system, pages), ci)
