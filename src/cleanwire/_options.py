"""The one immutable options object, and the helper that merges keyword overrides."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Options:
    """How ``extract()`` decides and what ``clean()`` returns.

    Every public function takes ``options=Options(...)`` and/or the same names as
    keyword arguments; keywords win. There are no module-level settings.
    """

    keep_title: bool = False
    """Put the title (when one is found) as the first paragraph of ``clean()``'s output."""
    keep_captions: bool = False
    """Keep photo captions and credits in the body."""
    language: str | None = None
    """ISO 639-1 code of the page's language; ``None`` detects it from stopwords."""
    disabled_rules: frozenset[str] = frozenset()
    """Rule ids to switch off (see ``cleanwire.rules()``)."""
    max_bytes: int | None = None
    """Inputs longer than this (UTF-8 bytes) are not processed; see ``Document.skipped``."""
    second_opinion: bool = True
    """HTML mode: use trafilatura's extraction as evidence (see docs/html.md)."""
    unwrap: bool = True
    """Text mode: on text hard-wrapped at a fixed width (``lynx -dump``, html2text), join
    each paragraph's lines into one block (see ``cleanwire._text_exports``)."""


_FIELDS = frozenset(f.name for f in fields(Options))


def make_options(options: Options | None = None, **overrides: Any) -> Options:
    """Return ``options`` (or the defaults) with ``overrides`` applied, checking names."""
    base = options if options is not None else Options()
    if not isinstance(base, Options):
        raise TypeError(f"options must be a cleanwire.Options, not {type(base).__name__}")
    unknown = sorted(set(overrides) - _FIELDS)
    if unknown:
        raise TypeError(
            f"unknown option(s): {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS))}"
        )
    if "disabled_rules" in overrides:
        overrides["disabled_rules"] = frozenset(overrides["disabled_rules"])
    return replace(base, **overrides) if overrides else base
