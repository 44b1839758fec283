"""cleanwire audit: the report's content, determinism, the CLI around it, and the page
as headless Chromium renders it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cleanwire
from cleanwire.cli import main
from conftest import shared_path
from png import luminance_stats

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


class Elements(HTMLParser):
    """The report's parts: blocks (class, rule, hover text), chart bars, sections."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[dict[str, str]] = []
        self.bars: list[str] = []
        self.rects = 0
        self.sections = 0
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        classes = (a.get("class") or "").split()
        if tag == "p" and "blk" in classes:
            self.blocks.append({"label": classes[1], "rule": a["data-rule"], "title": a["title"]})
        elif tag == "g" and "bar" in classes:
            self.bars.append(a["data-rule"])
        elif tag == "rect":
            self.rects += 1
        elif tag == "section":
            self.sections += 1


def parse(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, list[str]]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]
    path = tmp_path_factory.mktemp("audit") / "in.jsonl"
    lines = [json.dumps({"id": f"doc-{i}", "text": pages[i % len(pages)]}) for i in range(30)]
    lines.insert(7, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, pages


def test_report_has_every_block_of_the_sample_and_a_bar_per_rule(batch, tmp_path: Path) -> None:
    path, pages = batch
    report = tmp_path / "r.html"
    code, _ = run(["audit", str(path), "-o", str(report), "--sample", "40", "-j", "1"])
    assert code == 0
    html = report.read_text(encoding="utf-8")
    el = parse(html)
    assert el.sections == 31  # 30 documents and the bad line, in input order
    assert "in.jsonl:8" in html and "not cleaned: " in html and "all 31 documents" in html
    docs = [cleanwire.extract(pages[i % len(pages)]) for i in range(30)]
    expected = [(lb.label.value, lb.rule) for d in docs for lb in d.blocks]
    assert [(b["label"], b["rule"]) for b in el.blocks] == expected
    assert all(b["title"].startswith(f"{b['label']} · {b['rule']}: ") for b in el.blocks)
    removed: dict[str, int] = {}
    for d in docs:
        for rule, chars in d.removed_by_rule().items():
            removed[rule] = removed.get(rule, 0) + chars
    assert el.bars == sorted(removed, key=lambda r: (-removed[r], r)) and el.rects == len(removed)
    assert not ({"script", "link", "img", "iframe"} & el.tags)  # self-contained, nothing to fetch


def test_sample_is_deterministic_and_sized(batch, tmp_path: Path) -> None:
    path, _ = batch
    pages = []
    for name, seed, jobs in (("a", "3", "1"), ("b", "3", "2"), ("c", "4", "1")):
        out = tmp_path / f"{name}.html"
        assert run(["audit", str(path), "-o", str(out), "--sample", "4", "--seed", seed, "-j", jobs])[0] == 0
        pages.append(out.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    assert parse(pages[0]).sections == 4 and "4 of 31 documents" in pages[0]
    assert pages[0] != pages[2]


def test_audit_usage_errors_and_a_file_named_audit(tmp_path: Path, monkeypatch, capsys) -> None:
    assert run(["audit", "in.jsonl"])[0] == 2  # -o is required
    assert run(["audit", "/nonexistent.jsonl", "-o", str(tmp_path / "r.html")])[0] == 2
    assert run(["audit", "-o", str(tmp_path / "r.html"), "--disable", "nope"])[0] == 2
    err = capsys.readouterr().err
    assert "/nonexistent.jsonl" in err and "nope" in err and "Traceback" not in err
    monkeypatch.chdir(tmp_path)
    Path("audit").write_text("Menu\nA sentence of prose that is long enough to be kept as the body.\n", encoding="utf-8")
    for argv in (["./audit"], ["--", "audit"]):
        code, out = run(argv)
        assert code == 0 and out == "A sentence of prose that is long enough to be kept as the body.\n"


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.fail("chromium is not installed: scripts/test installs it (apt-get) when run as root")
    return exe


def _render(exe: str, page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, page.as_uri()],
                          capture_output=True, timeout=120, cwd=tmp_path)


def test_report_renders_in_headless_chromium(batch, tmp_path: Path) -> None:
    exe = _chromium()
    path, _ = batch
    report = tmp_path / "report.html"
    assert run(["audit", str(path), "-o", str(report), "--sample", "3", "-j", "1"])[0] == 0
    shot = tmp_path / "shot.png"
    proc = _render(exe, report, tmp_path, f"--screenshot={shot}", "--window-size=900,1200")
    assert shot.exists(), proc.stderr.decode(errors="replace")[-2000:]
    _, variance = luminance_stats(shot.read_bytes())
    # the control: an empty page renders as one flat colour
    blank, blank_shot = tmp_path / "blank.html", tmp_path / "blank.png"
    blank.write_text("<!doctype html><html><body></body></html>", encoding="utf-8")
    _render(exe, blank, tmp_path, f"--screenshot={blank_shot}", "--window-size=900,1200")
    assert luminance_stats(blank_shot.read_bytes())[1] == 0
    assert variance > 100  # text, coloured blocks and red bars: far from flat
    dom = _render(exe, report, tmp_path, "--dump-dom").stdout.decode("utf-8")
    el = parse(dom)
    assert el.sections == 3 and el.bars and el.rects == len(el.bars)
    assert {b["label"] for b in el.blocks} >= {"body", "chrome"}
    assert 'id="rule-chart"' in dom
