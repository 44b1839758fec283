"""cleanwire: strip page chrome from scraped web text and keep the article body.

>>> import cleanwire
>>> cleanwire.clean("Related\\n- Some headline\\n- Another one\\n" + "Real prose goes here, and it says something. " * 3)
'Real prose goes here, and it says something. Real prose goes here, and it says something. Real prose goes here, and it says something.'
"""

from __future__ import annotations

from typing import Any

from ._explain import format_explanation
from ._options import Options
from ._html_pipeline import clean_html, extract_html
from ._pipeline import clean, extract
from ._records import clean_record, clean_records
from ._rules import RULES, Rule
from ._types import Block, Decision, Document, DomHints, Features, Label, LabeledBlock

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Decision",
    "Document",
    "DomHints",
    "Features",
    "Label",
    "LabeledBlock",
    "Options",
    "Rule",
    "__version__",
    "clean",
    "clean_html",
    "clean_record",
    "clean_records",
    "explain",
    "explain_html",
    "extract",
    "extract_html",
    "rules",
]


def explain(text: str, *, options: Options | None = None, **overrides: Any) -> str:
    """Every block of ``text`` with its label, the rule that decided it and why."""
    return format_explanation(extract(text, options=options, **overrides))


def explain_html(html: str | bytes, *, url: str | None = None, options: Options | None = None, **overrides: Any) -> str:
    """Every DOM block of ``html`` with its label, the rule that decided it and why."""
    return format_explanation(extract_html(html, url=url, options=options, **overrides))


def rules() -> dict[str, Rule]:
    """The registry of rules, by id (the ids ``Options.disabled_rules`` accepts)."""
    return dict(RULES)
