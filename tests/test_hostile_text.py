"""Hostile text input: huge lines, a million tiny lines, control characters, every
line-break character, bidi/combining/emoji text, bad encodings. Each test checks what
comes out (correct body, exact spans, exit status, messages), not only that nothing
raised. The biggest inputs are built here, in memory; nothing big is stored."""

from __future__ import annotations

import codecs
import subprocess
import sys

import cleanwire
from cleanwire import Label
from cleanwire._decode import decode_bytes
from cleanwire.cli import DEFAULT_MAX_BYTES
from conftest import span_text
from hostile import (BIDI, CONTROL, EMOJI, LINE_BREAKS, PROSE, PROSE2, RTL, ZALGO, huge_line,
                     one_char_lines, run_cli)

MB = 1_000_000


def _spans_are_exact(text: str, doc: cleanwire.Document) -> None:
    """Every block is the stripped text of its span (``span_text``), blocks in input order."""
    last = -1
    for lb in doc.blocks:
        assert span_text(text, lb.block.start, lb.block.end) == lb.text
        assert lb.block.start > last
        last = lb.block.start


def test_a_50_mb_single_line_comes_back_whole() -> None:
    line = huge_line(50 * MB)
    doc = cleanwire.extract(line)
    assert len(doc.blocks) == 1 and doc.blocks[0].span == (0, len(line))
    assert doc.body is line or doc.body == line  # long prose is body, untouched
    assert doc.blocks[0].label is Label.BODY


def test_a_50_mb_line_through_the_cli_is_passed_through_by_the_default_limit(capsys) -> None:
    line = huge_line(50 * MB)
    assert len(line) > DEFAULT_MAX_BYTES
    code, out = run_cli([], line.encode())
    assert code == 0
    assert out == line + "\n"  # passed through unchanged, never dropped
    err = capsys.readouterr().err
    assert "cleanwire: -: not processed (max-bytes); passed through" in err and "Traceback" not in err


def test_a_million_one_character_lines() -> None:
    text = one_char_lines(1_000_000)
    doc = cleanwire.extract(text)
    assert len(doc.blocks) == 1_000_000
    _spans_are_exact(text, doc)
    assert doc.body == "\n\n".join(lb.text for lb in doc.blocks if lb.label is Label.BODY)
    # the same line repeated everywhere gets the same context-free decision
    first = {}
    for lb in doc.blocks:
        assert first.setdefault(lb.text, lb.initial.rule) == lb.initial.rule


def test_nul_and_control_characters_stay_inside_their_line() -> None:
    line = PROSE[:50] + CONTROL + PROSE[50:]
    text = "Menu\x00\n" + line + "\n" + PROSE2 + "\n\x00\x00\n"
    doc = cleanwire.extract(text)
    assert doc.body == line + "\n\n" + PROSE2  # controls kept verbatim, not line breaks
    _spans_are_exact(text, doc)
    code, out = run_cli([], text.encode())
    assert code == 0 and out == line + "\n\n" + PROSE2 + "\n"


def test_every_line_break_character_splits_blocks() -> None:
    for brk in LINE_BREAKS + ["\r", "\r\n", "\n"]:
        text = PROSE + brk + PROSE2
        doc = cleanwire.extract(text)
        assert [lb.text for lb in doc.blocks] == [PROSE, PROSE2], repr(brk)
        assert doc.body == PROSE + "\n\n" + PROSE2


def test_rtl_bidi_combining_marks_and_emoji_are_kept_verbatim() -> None:
    for extra in (RTL, BIDI, ZALGO, EMOJI):
        line = PROSE[:60] + " " + extra + " " + PROSE[60:]
        text = "Menu\nHome\n" + line + "\n" + PROSE2 + "\nShare\n"
        assert cleanwire.clean(text) == line + "\n\n" + PROSE2
        code, out = run_cli([], text.encode())
        assert code == 0 and out == line + "\n\n" + PROSE2 + "\n"


def test_arabic_paragraphs_come_out_as_written() -> None:
    para = ("قال المجلس إن الحافلات ستعمل في الليل من أجل السكان الذين يعملون في المستشفى "
            "وهو ما كان منتظرا منذ سنوات.")
    text = "القائمة\n" + para + "\n" + para.replace("الليل", "الصباح") + "\n"
    doc = cleanwire.extract(text)
    assert doc.language == "ar"
    assert para in doc.body.split("\n\n") and para.replace("الليل", "الصباح") in doc.body.split("\n\n")
    _spans_are_exact(text, doc)


def test_decode_bytes_invalid_utf8_keeps_the_valid_text() -> None:
    data = PROSE.encode() + b" \xff\xfe\xc3\x28 \xed\xa0\x80 " + PROSE2.encode()
    text = decode_bytes(data)
    assert PROSE in text and PROSE2 in text
    garbage = decode_bytes(b"\xff" * 10_000)  # one character per byte, whatever the guess
    assert len(garbage) == 10_000 and len(set(garbage)) == 1


def test_decode_bytes_boms() -> None:
    text = PROSE + "\n中文 " + RTL + "\n" + EMOJI
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                       ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
                       ("utf-8", codecs.BOM_UTF8)):
        assert decode_bytes(bom + text.encode(codec)) == text, codec
    # a truncated UTF-16 stream (odd length) is not fatal; the complete part survives
    assert decode_bytes(codecs.BOM_UTF16_LE + (PROSE + "x").encode("utf-16-le")[:-1]).startswith(PROSE)


def test_utf16_with_bom_through_the_cli() -> None:
    text = "Menu\n" + PROSE + "\n" + PROSE2 + "\n"
    code, out = run_cli([], codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert code == 0 and out == PROSE + "\n\n" + PROSE2 + "\n"


def test_mixed_encodings_in_one_file_keep_the_ascii_prose() -> None:
    data = ("Café " + PROSE).encode("utf-8") + b"\n" + ("Crème " + PROSE2).encode("latin-1") + b"\n"
    code, out = run_cli([], data)
    assert code == 0
    assert PROSE in out and PROSE2 in out  # whatever the charset guess, the ASCII survives
    out.encode("utf-8")  # and the output is text that encodes (no lone surrogates)


def test_binary_garbage_through_the_real_command_has_no_traceback() -> None:
    data = bytes(range(256)) * 4000 + PROSE.encode() + b"\n" + bytes(range(255, -1, -1)) * 4000
    proc = subprocess.run([sys.executable, "-m", "cleanwire"], input=data, capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    proc.stdout.decode("utf-8")  # valid UTF-8 out


def test_lone_surrogates_in_text_are_not_fatal() -> None:
    line = PROSE[:40] + "\ud800\udfff\udc00" + PROSE[40:]
    assert cleanwire.clean("Menu\n" + line + "\n" + PROSE2) == line + "\n\n" + PROSE2
