"""cleanwire.bench: accuracy and speed of cleanwire on AEB and WCXB-dev, beside baselines.

Command line: ``python -m cleanwire.bench aeb|wcxb|all|speed ...`` (see ``--help``).
From Python, score any ``str -> str`` cleaner the way the tables do::

    from cleanwire import bench
    result = bench.evaluate_callable("aeb", my_clean)          # text mode
    result.score.f1, result.score.precision, result.score.recall
    result = bench.evaluate_callable("wcxb", my_clean_html, mode="html")  # fn(html, url=)

Data is read from the repository's sibling ``shared/`` (or ``data=``); third-party
baselines are imported only when they run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .datasets import Page, default_data_dir, load, read_html
from .metrics import Score, aeb_page, aeb_score, snippets_found, wcxb_page, wcxb_score
from .scoring import Result, Run, evaluate, run_system
from .systems import System, all_systems, select

__all__ = [
    "Page",
    "Result",
    "Run",
    "Score",
    "System",
    "aeb_page",
    "aeb_score",
    "all_systems",
    "default_data_dir",
    "evaluate",
    "evaluate_callable",
    "load",
    "read_html",
    "run_system",
    "select",
    "snippets_found",
    "wcxb_page",
    "wcxb_score",
]


def evaluate_callable(
    dataset: str,
    fn: Callable[..., str],
    *,
    mode: str = "text",
    name: str = "candidate",
    data: Path | None = None,
    limit: int | None = None,
) -> Result:
    """Score ``fn`` on ``dataset``: ``fn(text)`` in text mode, ``fn(html_bytes, url=url)`` in HTML mode."""
    if mode == "text":
        system = System(name, mode, lambda page: fn(page.text))
    elif mode == "html":
        system = System(name, mode, lambda page: fn(read_html(page), url=page.url))
    else:
        raise ValueError(f"mode must be 'text' or 'html', not {mode!r}")
    return evaluate(dataset, load(dataset, data, limit), system)
