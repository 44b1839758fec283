"""--warc: WET conversion records and WARC responses to JSON Lines (fixtures written
with warcio in tmp_path)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import cleanwire
from cleanwire._html_text import html_to_text
from cleanwire._types import Document
from cleanwire.cli import main
from conftest import shared_path

PROSE = ("The river rose two metres overnight, and the town council opened the school gym "
         "as a shelter for the families who had to leave their homes near the old bridge.")
HTML = f"""<!doctype html><html><head><title>Flood in the valley</title>
<style>body {{ color: red }}</style><script>var tracker = "do not keep";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Flood in the valley</h1><p>{PROSE}</p><p>{PROSE.replace("river", "stream")}</p></article>
<footer>Copyright 2024 Example Media</footer></body></html>"""


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def _pages() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]


def write_wet(path: Path, texts: list[str], *, gzip: bool = True) -> list[str]:
    """A WET file: a warcinfo record, then one conversion record per text. Returns the ids."""
    ids = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for i, text in enumerate(texts):
            rec = writer.create_warc_record(f"https://example.org/{i}", "conversion",
                                            payload=io.BytesIO(text.encode("utf-8")),
                                            warc_headers_dict={"Content-Type": "text/plain"})
            ids.append(rec.rec_headers.get_header("WARC-Record-ID"))
            writer.write_record(rec)
    return ids


def write_warc(path: Path) -> None:
    """A crawl WARC: request, HTML response (latin-1 via the HTTP charset), image, metadata."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://example.org/a", "request",
                                                      payload=io.BytesIO(b""), http_headers=req))
        body = HTML.replace("families", "familles é").encode("latin-1")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG\r\n\x1a\n...."), http_headers=img))
        writer.write_record(writer.create_warc_record("https://example.org/a", "metadata",
                                                      payload=io.BytesIO(b"fetchTimeMs: 12\n"),
                                                      warc_headers_dict={"Content-Type": "application/warc-fields"}))


def test_wet_conversion_records_become_one_line_each(tmp_path: Path) -> None:
    pages = _pages()
    path = tmp_path / "sample.warc.wet.gz"
    ids = write_wet(path, pages)
    code, out = run(["--warc", "-j", "1", str(path)])
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["record_id"] for r in rows] == ids
    assert [r["url"] for r in rows] == [f"https://example.org/{i}" for i in range(len(pages))]
    for row, page in zip(rows, pages):
        doc = cleanwire.extract(page)
        assert row["body"] == doc.body and row["title"] == doc.title
        assert row["warc_type"] == "conversion" and row["cleanwire_mode"] == "text"


def test_warc_responses_html_text_and_non_text(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path)
    code, out = run(["--warc", str(path)])
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["warc_type"] for r in rows] == ["response", "response"]  # request/metadata: no page
    page, image = rows
    assert page["url"] == "https://example.org/a" and page["record_id"].startswith("<urn:uuid:")
    assert "familles é" in page["body"] and PROSE.replace("families", "familles é") in page["body"]
    assert "tracker" not in page["body"] and "color: red" not in page["body"]
    assert page["title"] == "Flood in the valley"
    assert page["cleanwire_mode"] == ("html" if hasattr(cleanwire, "extract_html") else "html-as-text")
    assert image["body"] == "" and image["cleanwire_skipped"] == "content-type image/png"


def test_html_mode_is_used_as_soon_as_it_exists(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    seen = []

    def fake_extract_html(html, *, url=None, options=None):
        seen.append((url, "<article>" in html))
        return Document(title="T", body="B", blocks=())

    monkeypatch.setattr(cleanwire, "extract_html", fake_extract_html, raising=False)
    code, out = run(["--warc", "-j", "1", str(path)])
    assert code == 0 and seen == [("https://example.org/a", True)]
    row = json.loads(out.splitlines()[0])
    assert (row["title"], row["body"], row["cleanwire_mode"]) == ("T", "B", "html")


def test_warc_jobs_identical_and_nothing_lost(tmp_path: Path) -> None:
    pages = _pages() * 12
    path = tmp_path / "many.wet.gz"
    ids = write_wet(path, pages)
    code1, out1 = run(["--warc", "-j", "1", "--max-bytes", "4000", str(path)])
    code2, out2 = run(["--warc", "-j", "2", "--max-bytes", "4000", str(path)])
    assert code1 == code2 == 0 and out1 == out2
    rows = [json.loads(line) for line in out1.splitlines()]
    assert [r["record_id"] for r in rows] == ids
    assert any(r.get("cleanwire_skipped") == "max-bytes" for r in rows)


@pytest.mark.parametrize("data, message", [
    (b"this is not a warc file\n" * 5, "not a WARC record at offset 0"),
    (b"\x1f\x8b\x08\x00garbage", "no WARC records found"),
    (b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: x\r\n\r\nabc", "no valid Content-Length"),
])
def test_bad_warc_exits_2_naming_the_file(tmp_path: Path, data: bytes, message: str, capsys) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    code, _ = run(["--warc", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and str(path) in err and message in err and "Traceback" not in err


def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cut.wet.gz"
    write_wet(path, _pages())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])
    code, out = run(["--warc", "-j", "1", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and f"{path}: record at offset" in err and "is truncated" in err
    assert "Traceback" not in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert 1 <= len(rows) < len(_pages()) and all(r["body"] or r["title"] is None for r in rows)


def test_stdlib_html_fallback_text() -> None:
    text, title = html_to_text(HTML)
    assert title == "Flood in the valley"
    lines = text.splitlines()
    assert lines[:2] == ["Home", "News"] and PROSE in lines and "Copyright 2024 Example Media" in lines
    assert "tracker" not in text and "color" not in text
