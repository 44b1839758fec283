"""Text exports (``lynx -dump``, ``w3m -dump``, html2text, ``fmt``) read as a browser shows them.

Hard-wrapped text: a paragraph's lines are one block. Bulleted menus: "* Sport" reads
as "Sport". Markdown (html2text, crawlers for language models): "[Sport](/sport)" reads
as "Sport".

The page below is written for these tests: a news page's chrome around three
paragraphs, once as a browser would flatten it (a paragraph a line) and once wrapped
at a fixed width as text exports do.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import cleanwire
from cleanwire._blocks import split_blocks
from cleanwire._text_exports import reading_view, unwrap, wrapped_lines
from conftest import span_text
from hostile import run_cli

PARAGRAPHS = [
    "The city council voted on Tuesday evening to extend the night bus network to "
    "the three northern suburbs, after a year in which ridership on the existing "
    "routes grew faster than on any other part of the system.",
    "Under the plan, buses will run every twenty minutes between midnight and five "
    "in the morning, and the transport authority says the first new routes should be "
    "in service before the winter timetable begins in late October.",
    "Several councillors asked whether the drivers' union had been consulted, and the "
    "deputy mayor promised that staffing would be settled with the union before any "
    "route is advertised to the public or added to the journey planner.",
]
PAGE = [
    "Skip to content", "Home", "News", "Sport", "Log in", "Subscribe",
    "Night buses to reach the northern suburbs from October",
    "By Maria Lopez", "12 March 2024", "Share", "Tweet",
    *PARAGRAPHS,
    "Related stories",
    "Tram line extension delayed again by funding row",
    "Parking charges to rise in the city centre next year",
    "Copyright 2024 The Daily Courier. All rights reserved.",
]


def wrap(lines: list[str], width: int, indent: str = "") -> str:
    """``lines`` as a text export writes them: each wrapped at ``width`` columns."""
    return "\n".join(textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent) for line in lines)


@pytest.mark.parametrize("width", [60, 72, 78, 100])
def test_wrapped_page_gives_the_paragraphs_whole(width: int) -> None:
    assert cleanwire.clean(wrap(PAGE, width)) == "\n\n".join(PARAGRAPHS)


def test_wrapped_page_gives_what_the_unwrapped_page_gives() -> None:
    flat = cleanwire.extract("\n".join(PAGE))
    wrapped = cleanwire.extract(wrap(PAGE, 72, indent="   "))  # lynx indents paragraphs
    assert [lb.text for lb in wrapped.blocks] == [lb.text for lb in flat.blocks]
    assert [lb.rule for lb in wrapped.blocks] == [lb.rule for lb in flat.blocks]
    assert wrapped.title == flat.title == PAGE[6]


def test_joined_block_spans_its_lines() -> None:
    text = wrap(PAGE, 72)
    blocks = unwrap(text, split_blocks(text))
    para = next(b for b in blocks if b.text == PARAGRAPHS[0])
    source = text[para.start : para.end]
    assert source.count("\n") >= 2 and source.startswith("The city") and source.endswith("system.")
    assert span_text(text, para.start, para.end) == para.text
    assert [b.index for b in blocks] == list(range(len(blocks)))


def test_unwrap_option_off_keeps_every_line() -> None:
    text = wrap(PAGE, 72)
    blocks = cleanwire.extract(text, unwrap=False).blocks
    assert len(blocks) == len(split_blocks(text)) > len(PAGE)
    assert cleanwire.clean(text, unwrap=False) != "\n\n".join(PARAGRAPHS)


def test_cli_no_unwrap() -> None:
    text = wrap(PAGE, 72)
    on_code, on = run_cli([], text.encode())
    off_code, off = run_cli(["--no-unwrap"], text.encode())
    assert on_code == off_code == 0
    assert on == "\n\n".join(PARAGRAPHS) + "\n"
    assert off != on


def test_paragraphs_separated_by_blank_lines_are_not_joined() -> None:
    """Only a line directly below another goes on: a blank line always ends a block."""
    text = "\n\n".join(wrap([p], 72) for p in PARAGRAPHS)
    blocks = unwrap(text, split_blocks(text))
    assert [b.text for b in blocks] == PARAGRAPHS
    spaced = "\n\n".join(line for p in PARAGRAPHS for line in textwrap.wrap(p, 72))
    assert unwrap(spaced, split_blocks(spaced)) == split_blocks(spaced)


def test_long_headlines_of_one_width_are_not_read_as_wrapped() -> None:
    """A listing whose titles happen to be long, each starting with a capital."""
    titles = [
        "Council approves night bus routes for the three northern suburbs at last",
        "Tram line extension delayed again by a funding row between city and state",
        "Parking charges to rise in the city centre next year, says the transport chief",
        "Library opening hours cut at four branches as the budget shortfall grows",
        "New cycle lanes on the ring road to be finished before the end of summer",
        "Harbour festival returns in July with a bigger programme and free entry",
    ]
    text = "\n".join(titles)
    blocks = split_blocks(text)
    assert not any(wrapped_lines(text, blocks))
    assert unwrap(text, blocks) is blocks


def test_sentence_end_above_a_new_start_is_kept_apart() -> None:
    """A caption that fills its line stays apart from the credit below it."""
    caption = "The new night bus depot on the harbour road, where the first forty buses will be parked."
    text = wrap(PAGE[:11] + PARAGRAPHS[:2] + [caption, "Photo: Jan Novak", PARAGRAPHS[2]], len(caption))
    blocks = unwrap(text, split_blocks(text))
    assert caption in [b.text for b in blocks]
    assert "Photo: Jan Novak" in [b.text for b in blocks]


def test_unspaced_script_lines_are_not_measured() -> None:
    """Chinese or Japanese lines have no spaces to wrap at: nothing is joined, even where
    a line of one width holds a space."""
    lines = ["北京市政府周二宣布，将在今年年底前新增三条夜间公交线路，覆盖北部三个郊区。" * 2] * 6
    text = "\n".join(f"第{i}段 {line}" for i, line in enumerate(lines))
    assert not any(wrapped_lines(text, split_blocks(text)))



CHINESE = "北京市政府周二宣布将在今年年底前新增三条夜间公交线路覆盖北部三个郊区"


def test_unspaced_line_inside_a_wrapped_page_stays_apart() -> None:
    """On a wrapped page, a Chinese line right below a full line is not its continuation
    (its "first word" is the whole line), and a line with no space to break at tells
    nothing of where a wrapper broke."""
    lines = textwrap.wrap(" ".join(PARAGRAPHS), 72)
    full_line = max(range(len(lines) - 1), key=lambda i: len(lines[i]))
    text = "\n".join(lines[: full_line + 1] + [CHINESE] + lines[full_line + 1 :])
    assert CHINESE in [b.text for b in unwrap(text, split_blocks(text))]
    # a line without a space, filling the width, above a line in lower case
    text = "\n".join(lines + ["x" * 72, "continued here in lower case"])
    blocks = [b.text for b in unwrap(text, split_blocks(text))]
    assert "x" * 72 in blocks and "continued here in lower case" in blocks


def test_lowercase_lists_of_short_or_long_lines_are_not_read_as_wrapped() -> None:
    """Narrower than any wrapper (a tag cloud) or wider than any (comments of up to 200
    characters): lines that merely follow each other in lower case stay apart."""
    tags = ["night buses", "city council", "transport authority", "drivers union", "winter timetable",
            "northern suburbs", "journey planner", "public consultation"]
    text = "\n".join(tags)
    assert not any(wrapped_lines(text, split_blocks(text)))
    comments = [(p + " " + p)[:185 + k].strip() for k, p in enumerate(PARAGRAPHS)]
    text = "\n".join(line for c in comments for line in (c, "reply to this comment"))
    assert not any(wrapped_lines(text, split_blocks(text)))


def test_one_or_two_wraps_or_one_line_repeated_do_not_make_a_page_wrapped() -> None:
    two = "\n\n".join(textwrap.fill(p[:110], 72) for p in PARAGRAPHS[:2])
    assert two.count("\n") == 4  # two paragraphs of two lines each
    assert not any(wrapped_lines(two, split_blocks(two)))
    menu = "Sort by price, newest first, best selling, most popular and top rated"
    repeated = "\n".join([menu, "items", "Home", menu, "items", "News", menu, "items", "Sport"])
    assert not any(wrapped_lines(repeated, split_blocks(repeated)))

words = st.sampled_from(
    "the council voted on tuesday to extend its night bus network after ridership grew faster "
    "than on any other part of the system and drivers will be consulted".split()
)
sentence = st.lists(words, min_size=8, max_size=20).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraph = st.lists(sentence, min_size=2, max_size=5).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(paragraph, min_size=2, max_size=5), st.integers(40, 120), st.sampled_from(["\n", "\n\n"]))
def test_wrapped_prose_keeps_every_word_and_stays_idempotent(paras: list[str], width: int, sep: str) -> None:
    """Prose wrapped at any width comes back whole, once the page reads as wrapped
    (three wraps going on in lower case: a page of one short paragraph does not)."""
    text = sep.join(textwrap.fill(p, width) for p in paras)
    assume(any(wrapped_lines(text, split_blocks(text))))
    once = cleanwire.clean(text)
    assert cleanwire.clean(once) == once
    assert once.split() == text.split()  # every word of the prose, in order


def bulleted(lines: list[str], bullet: str = "*") -> list[str]:
    """``lines`` with the short ones (menus, headline links) bulleted, as lynx lists them."""
    return [f"{bullet} {line}" if len(line.split()) <= 4 else line for line in lines]


@pytest.mark.parametrize("bullet", ["*", "+", "•", "◦", "▪"])
def test_short_bulleted_items_read_as_the_items(bullet: str) -> None:
    flat = cleanwire.extract("\n".join(PAGE))
    marked = cleanwire.extract("\n".join(bulleted(PAGE, bullet)))
    assert [lb.rule for lb in marked.blocks] == [lb.rule for lb in flat.blocks]
    assert marked.body == flat.body == "\n\n".join(PARAGRAPHS)
    # the output and the decisions keep the lines as written
    assert [lb.text for lb in marked.blocks] == bulleted(PAGE, bullet)


def test_bulleted_archive_counts_are_counters() -> None:
    """A blog's archive menu as lynx lists it: each "* Month (N)" is the counter line it
    is without its bullet, not a line of the article."""
    archive = ["Archive", "2024", "March (12)", "February (9)", "January (14)", "2023", "December (11)", "November (8)"]
    flat = cleanwire.extract("\n".join(PAGE[:-1] + archive + PAGE[-1:]))
    marked = cleanwire.extract("\n".join(PAGE[:-1] + [f"* {a}" for a in archive] + PAGE[-1:]))
    assert [lb.rule for lb in marked.blocks] == [lb.rule for lb in flat.blocks]
    assert [lb.rule for lb in marked.blocks if "(" in lb.text] == ["counter"] * 5
    assert marked.body == "\n\n".join(PARAGRAPHS)


def test_long_asterisk_lines_keep_their_asterisk() -> None:
    """A long line after an asterisk is as often a footnote: the rules read it whole."""
    note = "* Dates are subject to change by the organisers without notice to ticket holders"
    blocks = split_blocks("* Home\n" + note)
    assert [b.text for b in reading_view(blocks)] == ["Home", note]
    assert reading_view(split_blocks("Home\n*Sport\n-- News")) == split_blocks("Home\n*Sport\n-- News")


def test_bulleted_page_stays_idempotent() -> None:
    text = wrap(bulleted(PAGE + ["Tags", "buses", "council"], "•"), 72, indent="   ")
    once = cleanwire.clean(text)
    assert cleanwire.clean(once) == once


def markdown(lines: list[str]) -> list[str]:
    """``lines`` as html2text writes a page: short lines are bulleted links, the photo
    an image, and the second paragraph links a name."""
    out = [f"* [{line}](/{line.split()[0].lower()})" if len(line.split()) <= 4 else line for line in lines]
    out.insert(out.index(PARAGRAPHS[0]), "[![Night bus at the depot](/img/bus.jpg)](/gallery/1)")
    return [line.replace("transport authority", "[transport authority](https://example.org/ta \"TA\")") for line in out]


def test_markdown_page_reads_as_the_page() -> None:
    """Every line is decided as its rendered text is, and the body keeps its Markdown."""
    md_lines = markdown(PAGE)
    rendered = [reading_view(split_blocks(line))[0].text for line in md_lines]
    assert "Night bus at the depot" in rendered and "[" not in "".join(rendered)
    md = cleanwire.extract("\n".join(md_lines))
    plain = cleanwire.extract("\n".join(rendered))
    assert [lb.rule for lb in md.blocks] == [lb.rule for lb in plain.blocks]
    assert [lb.text for lb in md.blocks] == md_lines
    link = "[transport authority](https://example.org/ta \"TA\")"
    assert md.body == "\n\n".join(p.replace("transport authority", link) for p in PARAGRAPHS)


def test_reading_view_of_links_and_images() -> None:
    cases = {
        "* [Sport](/sport)": "Sport",
        "![Photo of a bus](/a.jpg)": "Photo of a bus",
        "[![Logo](/logo.png)](/)": "Logo",
        'See [the report](https://x.org/r "Report") for more.': "See the report for more.",
        "plain [not a link] (x)": "plain [not a link] (x)",
        "![](/spacer.gif)": "![](/spacer.gif)",  # nothing to read: the line stays as it is
        "* **Note:** read the [rules](/rules) first": "Note: read the rules first",
        "## Related stories": "Related stories",
        "> The council has spoken.": "The council has spoken.",
        "#NightBus": "#NightBus",  # a hashtag, not a heading
        "##": "##",
        "**Any membership required. Not available in all countries.": "**Any membership required. Not available in all countries.",
    }
    text = "\n".join(cases)
    assert [b.text for b in reading_view(split_blocks(text))] == list(cases.values())
    # each kind alone on a page is read too (the quick test for a page with nothing to read
    # differently must not skip it)
    for line, seen in cases.items():
        if line != seen:
            assert reading_view(split_blocks(line + "\nA plain line."))[0].text == seen


export_line = st.one_of(
    sentence,
    st.tuples(st.sampled_from("*+•◦▪"), sentence).map(" ".join),
    sentence.map(lambda t: f"[{t}](/a/{len(t)})"),
    sentence.map(lambda t: f"* [{t}](/b)"),
    sentence.map(lambda t: f"**{t}**"),
    sentence.map(lambda t: f"![{t}](/c.jpg)"),
    paragraph,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(export_line, min_size=1, max_size=20), st.sampled_from([0, 50, 72, 100]))
def test_exports_stay_idempotent_and_keep_lines_as_written(lines: list[str], width: int) -> None:
    """Bullets, Markdown and wrapping mixed: clean() is a fixed point, and every kept
    block is its span's lines as written (the reading view never reaches the output)."""
    text = "\n".join(textwrap.fill(line, width) if width else line for line in lines)
    doc = cleanwire.extract(text)
    for lb in doc.blocks:
        assert lb.text == span_text(text, lb.block.start, lb.block.end)
    once = cleanwire.clean(text)
    assert cleanwire.clean(once) == once
