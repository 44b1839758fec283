#!/usr/bin/env python3
"""Regenerate the parts of the docs that are derived from code.

- docs/rules.md: the rule reference, from the registry (``cleanwire.rules()``).
- README.md: the ``cleanwire --help`` text between the ``<!-- help -->`` markers.

``python scripts/gen_docs.py`` rewrites them; ``--check`` exits 1 when they are stale
(tests/test_docs.py runs the check, so docs cannot drift from the code).
"""

from __future__ import annotations

import argparse
import os
import io
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import cleanwire  # noqa: E402
from cleanwire.cli import build_parser  # noqa: E402

HELP_START, HELP_END = "<!-- help -->", "<!-- /help -->"


def rules_doc() -> str:
    lines = [
        "# Rule reference",
        "",
        "Generated from the rule registry by `python scripts/gen_docs.py`; do not edit by hand.",
        "Each id is what `--explain` prints, what `--disable` / `Options.disabled_rules` accept,",
        "and the key of per-rule statistics.",
        "",
    ]
    for stage, title in (("block", "Pass 1: one block at a time"), ("context", "Pass 2: with context")):
        lines += [f"## {title}", "", "| id | label | removes / decides |", "| --- | --- | --- |"]
        for rule in cleanwire.rules().values():
            if rule.stage == stage:
                lines.append(f"| <a id=\"{rule.id}\"></a>`{rule.id}` | {rule.label.value} | {rule.description} |")
        lines.append("")
    return "\n".join(lines)


def help_text() -> str:
    os.environ["COLUMNS"] = "88"  # argparse wraps to the terminal: pin it so output is stable
    parser = build_parser()
    buf = io.StringIO()
    with redirect_stdout(buf):
        parser.print_help()
    return buf.getvalue()


def readme_with_help(readme: str) -> str:
    block = f"{HELP_START}\n```\n{help_text().rstrip()}\n```\n{HELP_END}"
    pattern = re.compile(re.escape(HELP_START) + r".*?" + re.escape(HELP_END), re.S)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no {HELP_START} ... {HELP_END} section")
    return pattern.sub(lambda _: block, readme)


def targets() -> dict[Path, str]:
    readme = ROOT / "README.md"
    return {
        ROOT / "docs" / "rules.md": rules_doc(),
        readme: readme_with_help(readme.read_text(encoding="utf-8")),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if a generated doc is stale")
    args = ap.parse_args()
    stale = []
    for path, text in targets().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("stale: " + ", ".join(map(str, stale)) + " (run python scripts/gen_docs.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
