"""Docs derived from code (rule reference, --help in the README) are up to date, and the
README's commands do what it says."""

from __future__ import annotations

import shlex
import subprocess
import sys

from conftest import ROOT, parse_lines, seed_expectations, shared_path


def test_generated_docs_are_current() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test" in readme
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] == ["bash scripts/test"]


def test_readme_example_command_prints_the_seeds_title_and_body() -> None:
    # the README's first command runs the console script on a seed from ../shared; run
    # that invocation as written (from the repository root) and compare it with the
    # seed's hand-written title and body (fixtures/seeds.json)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = next(line for line in readme.splitlines() if line.startswith("python3 -m venv .venv && "))
    argv = shlex.split(setup.rsplit("&& ", 1)[1])
    assert argv[0] == ".venv/bin/cleanwire" and argv[-1].startswith("../shared/seeds/"), argv
    name = argv[-1].rsplit("/", 1)[1]
    spec = seed_expectations()[name]
    lines = shared_path("seeds", name).read_text(encoding="utf-8").splitlines()
    want = [lines[spec["title_line"] - 1].strip()] if spec["title_line"] and "--keep-title" in argv else []
    want += [lines[i - 1].strip() for i in parse_lines(spec["body_lines"])]
    proc = subprocess.run([sys.executable, "-m", "cleanwire", *argv[1:]], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip("\n").split("\n\n") == want
