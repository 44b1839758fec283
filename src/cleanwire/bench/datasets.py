"""Loaders for the shared benchmark data (read from ``../shared``, never copied).

- ``aeb``: ``ground-truth.json``, ``html-text.json`` and ``html/<id>.html.gz``.
- ``wcxb`` (development split only): ``ground-truth.json``, ``html-text.json.gz`` and
  ``html/<id>.html.gz``.

Text and gold are loaded eagerly (small); HTML is read only when ``read_html`` is
called, so text-mode runs never pay for it.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

DATASETS = ("aeb", "wcxb")
_DIRS = {"aeb": "aeb", "wcxb": "wcxb-dev"}


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: text-mode input, gold body and where its HTML lives."""

    id: str
    url: str
    text: str
    gold: str
    page_type: str = "article"
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    html_path: Path | None = None


def default_data_dir() -> Path:
    """The repository root's sibling ``shared/`` (repo root = parents of src/cleanwire)."""
    return Path(__file__).resolve().parents[3].parent / "shared"


def read_html(page: Page) -> bytes:
    """The raw HTML bytes of ``page`` (gzip-decompressed)."""
    if page.html_path is None:
        raise FileNotFoundError(f"page {page.id} has no HTML")
    return gzip.decompress(page.html_path.read_bytes())


def _json(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _require(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: pass --data DIR pointing at shared/")
    return path


def load_aeb(data_dir: Path | None = None) -> tuple[Page, ...]:
    """The 181 AEB pages, sorted by id."""
    root = (data_dir or default_data_dir()) / _DIRS["aeb"]
    gold = _json(_require(root / "ground-truth.json"))
    texts = _json(_require(root / "html-text.json"))["output"]
    return tuple(
        Page(
            id=pid,
            url=gold[pid].get("url", ""),
            text=texts[pid].get("articleBody") or "",
            gold=gold[pid].get("articleBody") or "",
            html_path=root / "html" / f"{pid}.html.gz",
        )
        for pid in sorted(gold)
    )


def load_wcxb(data_dir: Path | None = None) -> tuple[Page, ...]:
    """The WCXB development pages, sorted by id."""
    root = (data_dir or default_data_dir()) / _DIRS["wcxb"]
    gold = _json(_require(root / "ground-truth.json"))
    texts = _json(_require(root / "html-text.json.gz"))
    return tuple(
        Page(
            id=pid,
            url=g.get("url", ""),
            text=texts.get(pid) or "",
            gold=g.get("main_content") or "",
            page_type=g.get("page_type") or "unknown",
            with_snippets=tuple(g.get("with") or ()),
            without_snippets=tuple(g.get("without") or ()),
            html_path=root / "html" / f"{pid}.html.gz",
        )
        for pid, g in sorted(gold.items())
    )


def load(name: str, data_dir: Path | None = None, limit: int | None = None) -> tuple[Page, ...]:
    """Pages of data set ``name`` ("aeb" or "wcxb"), the first ``limit`` if given."""
    loaders = {"aeb": load_aeb, "wcxb": load_wcxb}
    if name not in loaders:
        raise ValueError(f"unknown data set {name!r}; known: {', '.join(DATASETS)}")
    pages = loaders[name](data_dir)
    return pages[:limit] if limit is not None else pages


def hard_wrapped(pages: tuple[Page, ...], width: int) -> tuple[Page, ...]:
    """``pages`` with each line of their text dumps wrapped at ``width`` columns, as
    ``fmt`` or html2text would write them (breaks at spaces only, a longer word alone on
    its line, blank lines kept): text mode's input in the shape of a fixed-width text
    export. Gold and HTML are unchanged."""
    def wrap(text: str) -> str:
        return "\n".join(
            textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) if line.strip() else ""
            for line in text.splitlines()
        )
    return tuple(replace(p, text=wrap(p.text)) for p in pages)


# Text exports of a page's HTML: what a crawler's text dump looks like when it was not
# made by a browser's innerText. lynx and w3m (Debian packages) wrap at 80 columns,
# indent, and bullet list items; html2text (PyPI; run as a command, not imported: it is
# GPL) writes Markdown, as crawlers for language models do, links and images included.
EXPORTERS = {
    "lynx": ["lynx", "-dump", "-nolist", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8", "-cols", "80"],
    "html2text": ["html2text", "--body-width=0"],
}
_INSTALL = {"lynx": "apt-get install lynx", "w3m": "apt-get install w3m", "html2text": "pip install html2text"}


def _exporter_argv(tool: str) -> list[str]:
    """``EXPORTERS[tool]`` with its program found on PATH or beside this Python (a
    virtual environment's scripts); FileNotFoundError when it is in neither."""
    argv = EXPORTERS[tool]
    found = shutil.which(argv[0]) or shutil.which(argv[0], path=str(Path(sys.executable).parent))
    if found is None:
        raise FileNotFoundError(f"{argv[0]} is not installed ({_INSTALL.get(tool, 'install it')})")
    return [found, *argv[1:]]


def exported(pages: tuple[Page, ...], tool: str, timeout: float = 60.0) -> tuple[Page, ...]:
    """``pages`` with their text replaced by ``tool``'s text export of their HTML
    (``EXPORTERS``). Raises FileNotFoundError when the tool is not installed."""
    argv = _exporter_argv(tool)

    def dump(page: Page) -> Page:
        try:
            run = subprocess.run(argv, input=read_html(page), capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:  # the page counts, with no text, as a failed export does
            print(f"warning: {tool} gave no text for page {page.id} within {timeout:g} s", file=sys.stderr)
            return replace(page, text="")
        return replace(page, text=run.stdout.decode("utf-8", "replace"))

    with ThreadPoolExecutor(max_workers=2) as pool:  # the tool runs in its own process
        return tuple(pool.map(dump, pages))
