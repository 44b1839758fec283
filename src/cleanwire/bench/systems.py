"""The systems a benchmark run compares: cleanwire (text and HTML) and the baselines.

A ``System`` turns one ``Page`` into output text. Text systems read ``page.text``;
HTML systems read the page's HTML bytes lazily. HTML cleanwire rows exist only when
``cleanwire.clean_html`` does; third-party baselines only when installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

import cleanwire

from . import baselines
from .datasets import Page, read_html

MODES = ("text", "html")


@dataclass(frozen=True, slots=True)
class System:
    """A named extractor in one input mode."""

    name: str
    mode: str
    run: Callable[[Page], str]
    description: str = ""
    by_default: bool = True
    """Run when no ``--systems`` are named; a variant for one question only when named."""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.mode})"


def _text(fn: Callable[[str], str]) -> Callable[[Page], str]:
    return lambda page: fn(page.text)


def _html(fn: Callable[..., str]) -> Callable[[Page], str]:
    return lambda page: fn(read_html(page), url=page.url)


def _trafilatura_no_comments(html: bytes | str, url: str | None = None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None, include_comments=False) or ""


def all_systems() -> tuple[System, ...]:
    """Every system available in this environment, cleanwire first."""
    out = [
        System("cleanwire", "text", _text(cleanwire.clean), "cleanwire.clean(text)"),
        System("cleanwire-no-unwrap", "text", _text(partial(cleanwire.clean, unwrap=False)),
               "cleanwire.clean(text, unwrap=False): every line a block, even in wrapped text (--wrap)",
               by_default=False),
        System("text-unchanged", "text", _text(baselines.text_unchanged), "the html-text dump as is"),
        System("c4-lines", "text", _text(baselines.c4_lines), "C4 line filter"),
    ]
    if baselines.available("justext"):
        out.append(System("justext-lines", "text", _text(baselines.justext_lines), "jusText over lines"))
    clean_html = getattr(cleanwire, "clean_html", None)
    if clean_html is not None:
        out.append(System("cleanwire", "html", _html(clean_html), "cleanwire.clean_html(html, url=url)"))
    if baselines.available("trafilatura"):
        out += [
            System("trafilatura", "html", _html(baselines.trafilatura_html), "trafilatura.extract, defaults"),
            System("trafilatura-nc", "html", _html(_trafilatura_no_comments), "include_comments=False"),
        ]
    if baselines.available("readability"):
        readability = _html(baselines.readability_html)
        out.append(System("readability", "html", readability, "readability-lxml summary"))
    return tuple(out)


def select(names: Iterable[str] | None = None, modes: Iterable[str] = MODES) -> tuple[System, ...]:
    """Available systems in ``modes``, restricted to ``names`` (in registry order)."""
    modes = tuple(modes)
    systems = [s for s in all_systems() if s.mode in modes]
    if names is None:
        return tuple(s for s in systems if s.by_default)
    wanted = set(names)
    known = {s.name for s in all_systems()}
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(
            f"unknown or unavailable system(s): {', '.join(unknown)}; available: {', '.join(sorted(known))}"
        )
    return tuple(s for s in systems if s.name in wanted)
