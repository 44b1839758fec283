"""The benchmark harness: both metrics on hand-made texts, the loaders, docs sections."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cleanwire import Block, Decision, Document, Label, LabeledBlock
from cleanwire.bench import baselines, compare, datasets, docs, evaluate_callable, metrics, ruletally, scoring, systems, worst
from cleanwire.bench import __main__ as bench_main
from conftest import SHARED, shared_path

# --- AEB: 4-token shingles -------------------------------------------------------


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    assert metrics.shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert metrics.shingles("x y z w x y z w") == Counter(
        {("x", "y", "z", "w"): 2, ("y", "z", "w", "x"): 1, ("z", "w", "x", "y"): 1, ("w", "x", "y", "z"): 1}
    )


def test_short_texts_make_one_short_shingle_and_empty_none() -> None:
    assert metrics.shingles("Hello, world!") == Counter({("Hello", "world"): 1})
    assert metrics.shingles(" ... ") == Counter()


def test_aeb_identical_texts_score_one() -> None:
    page = metrics.aeb_page("The cat sat on the mat today.", "The cat sat on the mat today.")
    assert (page.tp, page.fp, page.fn) == (1.0, 0.0, 0.0)
    assert metrics.aeb_score([page]) == metrics.Score(1.0, 1.0, 1.0, 1)


def test_aeb_disjoint_texts_score_zero() -> None:
    page = metrics.aeb_page("one two three four five", "six seven eight nine ten")
    assert (page.precision, page.recall) == (0.0, 0.0)
    assert metrics.aeb_score([page]).f1 == 0.0


def test_aeb_partial_overlap_by_hand() -> None:
    # gold a..f has shingles abcd bcde cdef; pred c..h has cdef defg efgh: tp 1, fp 2, fn 2
    page = metrics.aeb_page("a b c d e f", "c d e f g h")
    assert page.tp == pytest.approx(1 / 5) and page.fp == pytest.approx(2 / 5) and page.fn == pytest.approx(2 / 5)
    assert page.precision == pytest.approx(1 / 3) and page.recall == pytest.approx(1 / 3)


def test_aeb_shingles_are_case_sensitive_and_multiset() -> None:
    # pred "w x y z w x y z" has shingles wxyz x2, xyzw, yzwx, zwxy: tp 1, fp 4, fn 0
    page = metrics.aeb_page("w x y z", "w x y z w x y z")
    assert page.precision == pytest.approx(1 / 5) and page.recall == 1.0
    # the other way round the repeated shingle is missed once: tp 1, fp 0, fn 4
    assert metrics.aeb_page("w x y z w x y z", "w x y z").recall == pytest.approx(1 / 5)
    assert metrics.aeb_page("w x y z", "W X Y Z").tp == 0.0


def test_aeb_averages_leave_out_empty_pages_then_take_f1_of_averages() -> None:
    empty_out = metrics.aeb_page("a b c d", "")  # no precision, recall 0
    perfect = metrics.aeb_page("a b c d", "a b c d")
    half = metrics.aeb_page("a b c d e", "a b c d")  # P 1, R 1/2
    score = metrics.aeb_score([empty_out, perfect, half])
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx((0 + 1 + 0.5) / 3)
    assert score.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    both_empty = metrics.aeb_page("", "")
    assert metrics.aeb_score([both_empty, perfect]).precision == 1.0


# --- WCXB: bags of words -----------------------------------------------------------


def test_wcxb_identical_disjoint_and_empty_cases() -> None:
    assert metrics.wcxb_page("Hello there world", "hello THERE world") == metrics.WcxbPage(1.0, 1.0, 1.0)
    assert metrics.wcxb_page("alpha beta", "gamma delta").f1 == 0.0
    assert metrics.wcxb_page("", "") == metrics.WcxbPage(1.0, 1.0, 1.0)
    assert metrics.wcxb_page("some gold", "") == metrics.WcxbPage(0.0, 0.0, 0.0)
    assert metrics.wcxb_page("", "unexpected output").f1 == 0.0


def test_wcxb_partial_overlap_is_multiset_by_hand() -> None:
    # gold {a:2, b:1}, pred {a:1, c:1}: tp 1 -> P 1/2, R 1/3, F1 2/5
    page = metrics.wcxb_page("a a b", "a c")
    assert page.precision == pytest.approx(1 / 2)
    assert page.recall == pytest.approx(1 / 3)
    assert page.f1 == pytest.approx(2 / 5)


def test_bootstrap_interval_is_seeded_and_zero_without_spread() -> None:
    pages = [metrics.aeb_page("a b c d e", "a b c d"), metrics.aeb_page("a b c d", "a b c d")]
    width = metrics.bootstrap_f1(pages, metrics.aeb_score, samples=200)
    assert width > 0 and width == metrics.bootstrap_f1(pages, metrics.aeb_score, samples=200)
    same = [metrics.WcxbPage(0.5, 0.5, 0.5)] * 5
    assert metrics.bootstrap_f1(same, metrics.wcxb_score, samples=50) == 0.0


def test_wcxb_score_is_mean_of_page_scores() -> None:
    score = metrics.wcxb_score([metrics.WcxbPage(1.0, 1.0, 1.0), metrics.WcxbPage(0.5, 0.25, 1 / 3)])
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.625)
    assert score.f1 == pytest.approx(2 / 3)


def test_snippets_match_tokens_ignoring_case_space_and_punctuation() -> None:
    out = "The Quick brown fox,\n  jumps over the lazy dog."
    assert metrics.snippets_found(["quick brown fox jumps", "lazy dog", "The quick, brown"], out) == (3, 3)
    assert metrics.snippets_found(["quick fox", "row"], out) == (0, 2)  # not contiguous; not a whole token
    assert metrics.snippets_found(["...", "dog"], out) == (1, 1)  # token-less snippets not counted
    assert metrics.rate([(1, 2), (3, 4)]) == pytest.approx(4 / 6)
    assert metrics.rate([(0, 0)]) is None


# --- baselines, docs sections ----------------------------------------------------------


def test_c4_keeps_sentences_of_three_words_or_more() -> None:
    text = 'Home\nThis is a sentence.\nToo short.\n"He said it works."\nShe said "it works!"\nNo end here'
    assert baselines.c4_lines(text) == 'This is a sentence.\n"He said it works."\nShe said "it works!"'


def test_docs_section_replaced_in_place_or_appended() -> None:
    doc = "# Bench\n\nintro\n\n<!-- bench:aeb -->\nold\n<!-- /bench:aeb -->\n\ntail\n"
    new = docs.replace_section(doc, "aeb", "new table")
    assert new == "# Bench\n\nintro\n\n<!-- bench:aeb -->\nnew table\n<!-- /bench:aeb -->\n\ntail\n"
    assert docs.replace_section(new, "aeb", "new table") == new
    appended = docs.replace_section(doc, "wcxb", "w")
    assert appended.startswith(doc) and appended.endswith("<!-- bench:wcxb -->\nw\n<!-- /bench:wcxb -->\n")
    body = docs.section_body("T", "python -m cleanwire.bench aeb", datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc))
    assert "2026-01-02 03:04 UTC" in body and "python -m cleanwire.bench aeb" in body and body.endswith("T")


# --- the real data (pure counting, fast) ------------------------------------------------


def test_default_data_dir_is_the_repos_sibling_shared() -> None:
    assert datasets.default_data_dir() == SHARED


def test_aeb_text_unchanged_scores_the_published_figure() -> None:
    shared_path("aeb", "ground-truth.json")
    pages = datasets.load("aeb")
    assert len(pages) == 181
    score = metrics.aeb_score(metrics.aeb_page(p.gold, p.text) for p in pages)
    assert 0.66 <= score.f1 <= 0.67
    assert score.precision == pytest.approx(0.500, abs=0.002)
    assert score.recall == pytest.approx(0.994, abs=0.002)


def test_html_is_read_lazily_from_gzip() -> None:
    shared_path("aeb", "html")
    page = datasets.load("aeb", limit=1)[0]
    assert page.html_path is not None and page.html_path.name == f"{page.id}.html.gz"
    assert datasets.read_html(page).lstrip()[:1] == b"<"


# --- worst pages, comparisons, the command line -----------------------------------------


def _doc(lines: list[tuple[str, Label, str]]) -> Document:
    blocks = []
    for i, (text, label, rule) in enumerate(lines):
        decision = Decision(label, rule, "test")
        blocks.append(LabeledBlock(Block(i, text, 0, len(text)), decision, decision))
    return Document(title=None, body="", blocks=tuple(blocks))


def test_gold_matcher_needs_whole_lines_for_short_text() -> None:
    in_gold = worst.gold_matcher("Sports\nThe match ended in a draw after extra time.")
    assert in_gold("the match ended in a draw")  # 4+ tokens: a contiguous run of the gold
    assert in_gold("SPORTS")  # short, but a whole gold line
    assert not in_gold("match ended")  # short and not a whole line
    assert not in_gold("the match ended in a win")


def test_page_report_lists_false_keeps_and_false_drops_with_rules() -> None:
    page = datasets.Page("p1", "https://example.org/a", "", "Gold paragraph one stays here.\nGold line two is here too.")
    doc = _doc(
        [
            ("Gold paragraph one stays here.", Label.BODY, "score"),
            ("Subscribe to our newsletter today now", Label.BODY, "score"),
            ("Gold line two is here too.", Label.CHROME, "related-list"),
            ("Share", Label.CHROME, "share-widget"),
        ]
    )
    text = worst.page_report(page, 0.5, doc)
    assert "### p1 [article] F1 0.500  https://example.org/a" in text
    assert "kept, not in gold (1):\n  [score] Subscribe to our newsletter today now" in text
    assert "in gold, dropped (1):\n  [chrome:related-list] Gold line two is here too." in text
    assert "Share" not in text


def test_compare_reports_page_changes(tmp_path: Path) -> None:
    pages = [datasets.Page(f"p{i}", f"u{i}", "", "") for i in range(3)]
    system = systems.System("cleanwire", "text", lambda p: "")
    run = scoring.Run(system, ("", "", ""), 0.0)
    before = scoring.Result("aeb", run, metrics.Score(0, 0, 0, 3), (0.5, 0.5, 0.5), {})
    after = scoring.Result("aeb", run, metrics.Score(0, 0, 0, 3), (0.8, 0.5, 0.2), {})
    path = tmp_path / "pp.jsonl"
    compare.write_per_page(path, compare.per_page_records(before, pages))
    text = compare.compare_report(after, pages, compare.read_per_page(path))
    assert text is not None and "3 pages compared, mean page F1 change +0.0000 ± 0.3395; 1 better, 1 worse" in text
    assert "regressed:\n  -0.300  0.500 -> 0.200  p2" in text and "improved:\n  +0.300  0.500 -> 0.800  p0" in text


def test_command_line_prints_table_worst_pages_and_writes_docs(tmp_path: Path, capsys) -> None:
    shared_path("aeb", "ground-truth.json")
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# B\n\n<!-- bench:aeb-text -->\nold\n<!-- /bench:aeb-text -->\n\nkept\n", encoding="utf-8")
    worst_out = tmp_path / "worst.md"
    argv = ["aeb", "--systems", "cleanwire,text-unchanged", "--limit", "5", "--worst", "2"]
    argv += ["--worst-out", str(worst_out)]
    assert bench_main.main(argv) == 0
    assert bench_main.main(["aeb", "--systems", "cleanwire,text-unchanged", "--write-docs", str(doc)]) == 0
    out = capsys.readouterr().out
    assert "| cleanwire (text)" in out and "| text-unchanged (text)" in out
    written = doc.read_text(encoding="utf-8")
    assert written.startswith("# B\n\n<!-- bench:aeb-text -->\nMeasured ")
    assert written.endswith("<!-- /bench:aeb-text -->\n\nkept\n")
    assert "python -m cleanwire.bench aeb --systems cleanwire,text-unchanged --write-docs " in written
    assert worst_out.read_text(encoding="utf-8").count("\n### ") == 2
    assert bench_main.main(["aeb", "--systems", "no-such-system"]) == 2
    assert bench_main.main(["aeb", "--limit", "3", "--write-docs", str(doc)]) == 2  # partial data
    assert bench_main.main(["aeb", "--data", str(tmp_path)]) == 2  # no data there
    assert "error: " in capsys.readouterr().err


def test_wrap_option_hard_wraps_the_text_dumps(capsys) -> None:
    shared_path("aeb", "ground-truth.json")
    pages = datasets.load("aeb", limit=3)
    wrapped = datasets.hard_wrapped(pages, 60)
    for p, w in zip(pages, wrapped):
        assert w.text.split() == p.text.split() and w.gold == p.gold
        assert all(len(line) <= 60 or " " not in line for line in w.text.splitlines())
        assert max(len(line) for line in p.text.splitlines()) > 60
    argv = ["aeb", "--limit", "3", "--wrap", "60", "--systems", "cleanwire,cleanwire-no-unwrap"]
    assert bench_main.main(argv) == 0
    out = capsys.readouterr().out
    assert "| cleanwire (text)" in out and "| cleanwire-no-unwrap (text)" in out
    assert bench_main.main(["aeb", "--limit", "3", "--wrap", "60", "--mode", "html"]) == 2
    assert bench_main.main(["aeb", "--limit", "3", "--wrap", "0"]) == 2
    assert "--wrap W" in capsys.readouterr().err


def test_text_from_runs_the_export_tool_on_each_pages_html(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    shared_path("aeb", "html")
    monkeypatch.setitem(datasets.EXPORTERS, "lynx", ["cat"])  # an "export" that is the HTML itself
    pages = datasets.load("aeb", limit=2)
    out = datasets.exported(pages, "lynx")
    assert [p.text for p in out] == [datasets.read_html(p).decode("utf-8", "replace") for p in pages]
    assert [p.gold for p in out] == [p.gold for p in pages]
    assert bench_main.main(["aeb", "--limit", "2", "--text-from", "lynx", "--systems", "cleanwire"]) == 0
    assert "| cleanwire (text)" in capsys.readouterr().out
    monkeypatch.setitem(datasets.EXPORTERS, "lynx", ["sleep", "5"])  # a tool that hangs
    assert [p.text for p in datasets.exported(pages[:1], "lynx", timeout=0.2)] == [""]
    assert "gave no text for page" in capsys.readouterr().err
    monkeypatch.setitem(datasets.EXPORTERS, "lynx", ["no-such-text-browser"])
    assert bench_main.main(["aeb", "--limit", "2", "--text-from", "lynx", "--systems", "cleanwire"]) == 2
    assert bench_main.main(["aeb", "--limit", "2", "--text-from", "w3m", "--mode", "html"]) == 2
    err = capsys.readouterr().err
    assert "not installed" in err and "--text-from is for --mode text only" in err


def test_named_only_variants_stay_out_of_default_runs() -> None:
    assert "cleanwire-no-unwrap" not in {s.name for s in systems.select(None, ["text"])}
    assert [s.name for s in systems.select(["cleanwire-no-unwrap"], ["text"])] == ["cleanwire-no-unwrap"]


def test_evaluate_callable_scores_any_cleaner() -> None:
    shared_path("aeb", "ground-truth.json")
    result = evaluate_callable("aeb", lambda text: text, limit=10)
    reference = metrics.aeb_score(metrics.aeb_page(p.gold, p.text) for p in datasets.load("aeb", limit=10))
    assert result.score == reference and result.run.errors == ()


def test_html_cleanwire_row_only_when_clean_html_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleanwire

    monkeypatch.delattr(cleanwire, "clean_html", raising=False)
    assert [s.label for s in systems.select(["cleanwire"], ["text", "html"])] == ["cleanwire (text)"]
    seen: list[tuple[bytes, str]] = []

    def fake_clean_html(html: bytes, url: str = "") -> str:
        seen.append((html, url))
        return "text"

    monkeypatch.setattr(cleanwire, "clean_html", fake_clean_html, raising=False)
    html_systems = systems.select(["cleanwire"], ["html"])
    assert [s.label for s in html_systems] == ["cleanwire (html)"]
    shared_path("aeb", "html")
    page = datasets.load("aeb", limit=1)[0]
    assert html_systems[0].run(page) == "text"
    assert seen == [(datasets.read_html(page), page.url)]


def test_provenance_names_cleanwire_and_baseline_versions() -> None:
    text = docs.provenance(["cleanwire", "c4-lines", "justext-lines"])
    assert text.startswith("Versions: cleanwire ") and "jusText " in text and "trafilatura" not in text


def test_rule_tally_counts_gold_characters_per_rule() -> None:
    page = datasets.Page("p", "u", "", "Real sentence number one is here.\nMenu")
    doc = _doc(
        [
            ("Real sentence number one is here.", Label.BODY, "score"),
            ("Menu", Label.CHROME, "related-list"),
            ("Subscribe now to our newsletter please", Label.BODY, "score"),
            ("|", Label.CHROME, "punctuation-only"),
        ]
    )
    tally = ruletally.tally_rules([page], [doc])
    assert tally[(True, "body:score")] == ruletally.Tally(2, 33 + 38, 1, 33)
    assert tally[(False, "chrome:related-list")] == ruletally.Tally(1, 4, 1, 4)
    assert tally[(False, "chrome:punctuation-only")].gold_chars == 0  # no tokens: never "in gold"
    text = ruletally.format_tally(tally, "## t")
    assert text.index("chrome:related-list") < text.index("chrome:punctuation-only") < text.index("body:score")
