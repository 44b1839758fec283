"""The speed shortcuts give exactly what the patterns they stand in for give.

Each shortcut (a faster tokenizer, a cheap necessary check before a cue or rule pattern,
a looked-up blank-line count) is compared here with the plain computation it replaces,
on generated text and on the cue phrases themselves.
"""

from __future__ import annotations

import math
from collections import Counter
from operator import mul

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanwire import _blocks, _features, _language, _rules, _smooth
from cleanwire._blocks import _BREAK, LINE_BREAKS, split_blocks
from cleanwire._features import FIRST_CJK, _TOKEN, compute_features, leading_tokens, measure, text_features, tokenizer
from cleanwire._scorer import default_model, score_vector, vector
from cleanwire._text_exports import _end_columns
from cleanwire._vocab import vocab_score
from cleanwire._types import Features
from cleanwire._language import stopwords
from cleanwire._lexicon import load_lexicon, normalize, normalize_all

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Mostly the characters the shortcuts choose between: ASCII, the rest below U+2E80
# (marks, superscripts, Cyrillic...), CJK and above, line breaks.
mixed_text = st.text(
    st.one_of(
        st.characters(max_codepoint=0x7F),
        st.characters(min_codepoint=0x80, max_codepoint=FIRST_CJK - 1),
        st.characters(min_codepoint=FIRST_CJK - 8, max_codepoint=0x10FFFF, codec=None),
        st.sampled_from("\n\r\v\f\x85\u2028 \t"),
    ),
    max_size=200,
)


def test_below_cjk_tokenizer_agrees_on_every_character() -> None:
    fast = _features._below_cjk_token()
    for c in range(FIRST_CJK):
        ch = chr(c)
        assert fast.findall(ch) == _TOKEN.findall(ch), hex(c)


@SETTINGS
@given(mixed_text)
def test_tokenizer_finds_the_same_tokens(text: str) -> None:
    assert tokenizer(text).findall(text) == _TOKEN.findall(text)


@SETTINGS
@given(mixed_text, st.integers(min_value=0, max_value=60))
def test_leading_tokens_is_a_prefix_of_all_tokens(text: str, limit: int) -> None:
    assert leading_tokens(text, limit) == _TOKEN.findall(text)[:limit]


@SETTINGS
@given(mixed_text)
def test_blank_line_gaps_are_counted_as_line_breaks(text: str) -> None:
    prev_end = None
    for b in split_blocks(text):
        if prev_end is not None:
            assert b.gap_before == max(0, len(_BREAK.findall(text, prev_end, b.start)) - 1)
        prev_end = b.end


def _cue_texts() -> st.SearchStrategy[str]:
    lex = load_lexicon()
    phrases = sorted(set(lex.prefix) | set(lex.contains) | {p for p, _ in lex.glued})
    phrase = st.sampled_from(phrases)
    glued = st.sampled_from([s for p, _ in lex.glued for s in (p[0].upper() + p[1:], p.upper())])
    piece = st.one_of(phrase, glued, st.text(max_size=6), st.sampled_from(["©", ":", " ", "Growing"]))
    return st.lists(piece, max_size=4).map("".join)


@SETTINGS
@given(_cue_texts())
def test_cue_checks_agree_with_the_patterns(text: str) -> None:
    lex = load_lexicon()
    norm = normalize(text)
    m = lex.prefix_re.match(norm)
    assert lex.prefix_cue(norm) == (lex.prefix[m.group()] if m else None)
    m = lex.contains_re.search(norm)
    assert lex.contained_cue(norm) == (lex.contains[m.group()] if m else None)
    assert lex.glued_cue(text) == bool(lex.glued_re.match(text))


@SETTINGS
@given(st.lists(st.sampled_from(["by", "source", "3", "min read", "comments", "12", "replies", "Jane", " ", ":", "x"]), max_size=5).map(" ".join))
def test_label_checks_agree_with_the_patterns(text: str) -> None:
    lex = load_lexicon()
    norm = normalize(text)
    for family, tail in (("byline", r"\s+\S"), ("read_time", r"\b"), ("comments", r"(?=\s|$)"), ("comments_counted", r"(?=\s|$)")):
        want = _rules._label_re(lex, family, tail).match(norm)
        got = _rules._label_match(lex, family, tail, norm)
        assert (got and got.span()) == (want and want.span())


@SETTINGS
@given(st.one_of(mixed_text, st.sampled_from(["0", "3K", "1.2M ", "Like (12)", "veryGood! (584)", "© 2024", "(c) x", "Copyright 2020",
                                               "google-site-verification: google0123.html", "End.\n", "Wait...\n", "\U00011f50", "\U00011f50 comments"])))
def test_rule_checks_agree_with_the_patterns(text: str) -> None:
    last = text[-1:]
    assert (last in _rules._COUNTER_LAST or last.isdigit() or last.isspace() or not last.isascii()) or not _rules.COUNTER.match(text)
    assert (text[:1].isdigit() or not text[:1].isascii()) or not _rules.COUNT_PREFIX.match(text)
    assert text[:1] in "©(cC" or not _rules.COPYRIGHT.match(text)
    assert (":" in text or "=" in text) or not _rules.SITE_VERIFICATION.match(text)
    ends = text[-1:] in _features._TERMINAL_LAST
    tail = text[-_features.TAIL_CHARS:]
    assert ends or not _features._TERMINAL.search(tail)
    assert _features._TERMINAL.search(tail) or not _features._ELLIPSIS.search(tail)


def test_the_shortcut_patterns_are_plain_literals() -> None:
    lex = load_lexicon()
    assert sorted(p for ps in lex.prefix_by_first.values() for p in ps) == sorted(p for p in lex.prefix if p)
    assert all(p[0] == k for k, ps in lex.prefix_by_first.items() for p in ps)
    assert lex.prefix_bare == ("" in lex.prefix)
    assert isinstance(regex.compile(lex.contains_any.pattern), regex.Pattern)


def test_the_character_checks_hold_on_every_character() -> None:
    """Where a shortcut asks str (isdigit, isspace, isalpha) what a pattern asks the regex
    module (\\d, \\s, \\w), the two may know different Unicode versions: each check
    must never rule out a character the pattern takes."""
    digit, word = regex.compile(r"\d"), regex.compile(r"\w")
    for c in range(0x110000):
        ch = chr(c)
        if digit.match(ch):
            assert ch.isdigit() or not ch.isascii(), hex(c)
        if ch.isalpha():
            assert word.match(ch), hex(c)
        if ch not in "©(cC":
            assert not any(_rules.COPYRIGHT.match(ch + s) for s in ("", "c) x", "opyright x")), hex(c)


@SETTINGS
@given(st.lists(mixed_text, max_size=6), st.booleans())
def test_column_features_agree_with_the_reference(pieces: list[str], english: bool) -> None:
    # lines of a page (repeats included), measured column by column and one by one
    texts = [b.text for b in split_blocks("\n".join(pieces + pieces[:2]))]
    stop = stopwords("en") if english else frozenset()
    lex = load_lexicon()
    assert measure(texts, stop, lex) == [text_features(t, stop, lex) for t in texts]


def test_a_line_over_the_chunk_size_is_measured_by_the_reference() -> None:
    texts = ["Home", "word " * 20_000 + "end.", "Related: Growing ties"]
    lex = load_lexicon()
    assert measure(texts, stopwords("en"), lex) == [text_features(t, stopwords("en"), lex) for t in texts]


def _context_rows_one_by_one(scores, features):
    """The context rows as first written, block by block (the reference for context_rows)."""
    W, WIDE = _smooth.WINDOW, _smooth.WIDE_WINDOW
    filled = [_smooth.EDGE_SCORE] * W + [_smooth.DECIDED_SCORE if s is None else s for s in scores] + [_smooth.EDGE_SCORE] * W
    acc, dec = [0.0], [0]
    for s in filled:
        acc.append(acc[-1] + s)
    for s in [0] * W + [1 if s is None else 0 for s in scores] + [0] * W:
        dec.append(dec[-1] + s)
    longest = math.log(max((f.words for f in features), default=0) + 1)
    rows = []
    for i, s in enumerate(scores):
        if s is None:
            rows.append(None)
            continue
        k = i + W
        near = [x for x in scores[max(0, i - WIDE) : i] + scores[i + 1 : i + WIDE + 1] if x is not None]
        rows.append((
            s, filled[k - 1], filled[k + 1], (acc[k + W + 1] - acc[k - W] - s) / (2 * W),
            max(near) if near else _smooth.EDGE_SCORE, (dec[k + W + 1] - dec[k - W]) / (2 * W),
            math.log(features[i].words + 1) - longest,
        ))
    return rows


scores_or_decided = st.lists(st.one_of(st.none(), st.floats(-20, 20).map(lambda x: round(x, 3)), st.sampled_from([0.0, -0.0, 1.5])), max_size=40)


@SETTINGS
@given(scores_or_decided)
def test_context_rows_agree_with_the_block_by_block_reference(scores: list) -> None:
    features = tuple(Features(words=len(scores) - i, chars=1, stop_ratio=0.0, terminal_punct=False, ellipsis_end=False,
                              title_case_ratio=0.0, digit_ratio=0.0, cue=None, cue_prefix=None, duplicate_of=None)
                     for i in range(len(scores)))
    assert _smooth.context_rows(scores, features) == _context_rows_one_by_one(scores, features)


@SETTINGS
@given(st.lists(mixed_text, max_size=8), st.booleans())
def test_context_of_a_page_at_once_agrees_with_block_by_block(pieces: list[str], english: bool) -> None:
    blocks = split_blocks("\n".join(pieces + pieces[:2]))
    feats = compute_features(blocks, load_lexicon(), "en" if english else None)
    m = default_model()
    vs = [vector(f, english) for f in feats]
    first = [score_vector(v, m)[0] for v in vs]
    first = [None if i % 3 == 1 else s for i, s in enumerate(first)]  # some blocks decided by rules
    out, evidence = _smooth.rescore(first, feats, m.context)
    for s, row, ev in zip(out, _context_rows_one_by_one(first, feats), evidence):
        if row is None:
            assert s is None and ev == ()
            continue
        contrib = list(map(mul, m.context.weights, row))
        assert s == round(m.context.bias + sum(contrib), 3)
        top = sorted([(abs(c), j) for j, c in enumerate(contrib) if j and c], reverse=True)[:_smooth.CONTEXT_EVIDENCE_TOP]
        assert ev == tuple([(_smooth.CONTEXT_FEATURES[j], round(contrib[j], 3)) for _, j in top])


@SETTINGS
@given(st.lists(st.one_of(mixed_text, _cue_texts()), max_size=8))
def test_normalize_all_is_normalize_of_each(texts: list[str]) -> None:
    assert normalize_all(texts) == [normalize(t) for t in texts]


def _split_one_by_one(text: str) -> list[tuple]:
    """split_blocks as first written, match by match with the ``regex`` module (its reference)."""
    out: list[tuple] = []
    prev_end = 0
    for m in regex.compile(_blocks.NONBLANK_PATTERN).finditer(text):
        start, end = m.span()
        gap = max(0, len(_BREAK.findall(text, prev_end, start)) - 1) if out else 0
        out.append((len(out), m.group(), start, end, gap, None))
        prev_end = end
    return out


@SETTINGS
@given(mixed_text)
def test_split_blocks_agrees_with_the_match_by_match_reference(text: str) -> None:
    assert [tuple(b) for b in split_blocks(text)] == _split_one_by_one(text)


def _vote_token_by_token(alpha: tuple[str, ...]) -> str | None:
    """The language vote as first written: each token adds its weight to every
    language listing it (the reference for the packed count in _language._vote)."""
    votes: dict[str, float] = {}
    for code in sorted(set(_language._CODES.values())) + list(_language._OWN):
        words = stopwords(code)
        if len(words) >= 2:
            weight = 1.0 / math.log(len(words))
            for tok, n in Counter(alpha).items():
                if tok in words:
                    votes[code] = votes.get(code, 0) + weight * n
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0] if votes else None


_STOPWORD_SAMPLE = sorted(stopwords("en") | stopwords("de") | stopwords("fr") | stopwords("pl") | stopwords("zh"))[::3]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(_STOPWORD_SAMPLE), st.sampled_from(["the", "der", "la", "i", "a"]), st.text("abcz", min_size=1, max_size=4)), max_size=_language.GUESS_TOKENS))
def test_packed_language_vote_agrees_with_the_token_by_token_count(tokens: list[str]) -> None:
    alpha = tuple(tokens)
    assert _language._vote.__wrapped__(alpha) == _vote_token_by_token(alpha)


def _gate_case(text: str):
    from cleanwire._blocks import split_blocks
    from cleanwire._features import compute_features

    lex = load_lexicon()
    blocks = split_blocks(text)
    return lex, blocks, compute_features(blocks, lex, "en")


# Lines the rule gate must not miss: each rule's own kind of line, with decorations.
_GATE_LINES = st.lists(
    st.one_of(
        st.sampled_from(["By Jane Doe", "-\x1fby x", "Written  by  Ann", "12 Comments", "２ comments", "Comments",
                         "(c) 2024 Acme", "Copyright Acme", "© Acme", "3 MIN READ", "May 3, 2019", "Home > News",
                         "Photo: AP", "Jane says:", "SOURCE: Reuters", "Like (12)", "3K", "-", "x/y", "a=b",
                         "Posted by", "Reply", "» By Staff", "BY\tSTAFF", "verification: abc", "veryGood! (584)",
                         "1.2M +", "٣", "Like (٣)", "copyright", "(C) x", "Contact us"]),
        mixed_text.map(lambda t: t.replace("\n", " ")),
    ),
    min_size=1, max_size=6,
).map("\n".join)


@SETTINGS
@given(_GATE_LINES)
def test_rule_gate_never_skips_a_block_a_rule_decides(text: str) -> None:
    from cleanwire._rule_gate import gate_words, may_fire

    lex, blocks, feats = _gate_case(text)
    for b, f in zip(blocks, feats):
        if f.cue is None and f.cue_prefix is None and not may_fire(b.text, f, gate_words(lex)):
            assert _rules.apply_block_rules(b, f, lex, frozenset()) is None, b.text


def test_the_line_pattern_finds_the_same_characters_in_re_and_regex() -> None:
    line_char = regex.compile(_blocks.NONBLANK_PATTERN)
    assert all(
        (_blocks._NONBLANK.match(chr(c)) is None) == (line_char.match(chr(c)) is None) for c in range(0x110000)
    )


@SETTINGS
@given(mixed_text)
def test_has_digit_is_the_digit_pattern(text: str) -> None:
    assert _rules._has_digit(text) == bool(_rules.DIGIT.search(text))


@SETTINGS
@given(st.lists(mixed_text, max_size=8), st.booleans())
def test_evidence_written_when_read_is_the_evidence_computed_up_front(pieces: list[str], english: bool) -> None:
    from cleanwire._labels import label_pass
    from cleanwire._options import Options

    blocks = split_blocks("\n".join(pieces + pieces[:2]))
    feats = compute_features(blocks, load_lexicon(), "en" if english else None)
    m = default_model()
    p = label_pass(blocks, feats, load_lexicon(), Options(), english)
    # the plain form: every scored block's score_vector, then rescore's context evidence
    first = [None if x is None else x.score for x in p.scored]
    _, context = _smooth.rescore(first, feats, m.context)
    vs = [vector(f, english, vocab_score(b.text, m.vocabulary)) for b, f in zip(blocks, feats)]
    up_front = [c if x is None else score_vector(v, m)[1] + c for x, v, c in zip(p.scored, vs, context)]
    assert [score_vector(v, m)[0] for x, v in zip(p.scored, vs) if x is not None] == [x for x in first if x is not None]
    assert list(p.verdicts.evidence) == up_front
    assert [p.verdicts.evidence[i] for i in range(len(blocks))] == up_front
    # every label at once is each block's label, and the label of its written decision
    labels = p.verdicts.labels()
    assert labels == [p.verdicts.label(i) for i in range(len(blocks))] == [d.label for d in p.verdicts.decisions()]


def _first_rule_plain(b, f, lex, disabled):
    """apply_block_rules as first written: every enabled rule in registry order."""
    for rule, test in _rules.BLOCK_RULES:
        if rule.id not in disabled:
            hit = test(b, f, lex)
            if hit:
                return (rule.label, rule.id, f"{rule.description}: {hit}" if isinstance(hit, str) else rule.description)
    return None


@SETTINGS
@given(st.one_of(_GATE_LINES, _cue_texts()), st.sampled_from([frozenset(), frozenset({"counter", "share-widget"}), frozenset({"footer", "section-label"})]))
def test_block_rule_shortcuts_decide_as_every_rule_in_order(text: str, disabled: frozenset) -> None:
    lex, blocks, feats = _gate_case(text)
    for b, f in zip(blocks, feats):
        d = _rules.apply_block_rules(b, f, lex, disabled)
        assert (d and (d.label, d.rule, d.reason)) == _first_rule_plain(b, f, lex, disabled), b.text


def test_the_ascii_rule_trigger_is_the_trigger_on_ascii() -> None:
    from cleanwire import _rule_gate

    for c in range(128):
        assert bool(_rule_gate._ASCII_TRIGGER.search(chr(c))) == bool(_rule_gate._TRIGGER.search(chr(c))), c


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(["by", "By", "comments", "12", "２", "評論", "", " ", "-", "x"]), mixed_text), max_size=4).map(" ".join))
def test_gate_words_by_first_character_agree_with_all_words(text: str) -> None:
    from cleanwire._rule_gate import _label_start, gate_words

    lex = load_lexicon()
    words = tuple(w for ws in gate_words(lex).values() for w in ws)
    assert sorted(words) == sorted(_rules._label_words(lex, "comments") + _rules._label_words(lex, "comments_counted") + _rules._label_words(lex, "byline") + _rules._label_words(lex, "credit_abbrev"))
    norm = normalize(text)
    head = norm[:1]
    for ws in (gate_words(lex), {"": ("",)}):
        plain = tuple(w for v in ws.values() for w in v)
        assert _label_start(norm, ws) == (head.isdigit() or not head.isascii() or norm.startswith(plain))


@SETTINGS
@given(st.lists(mixed_text, max_size=6), st.lists(st.one_of(st.sampled_from(["|", "/", "»", "://", ".com", "ab", "", "\n", "a\nb"]), st.text(max_size=3)), max_size=5))
def test_containing_is_any_substring(texts: list[str], needles: list[str]) -> None:
    assert _features.containing(texts, needles) == [any(n in t for n in needles) for t in texts]


@SETTINGS
@given(st.lists(mixed_text, max_size=6))
def test_token_lists_are_each_texts_tokens(texts: list[str]) -> None:
    assert tokens_lists_reference(texts) == _features.token_lists(texts)


def tokens_lists_reference(texts: list[str]) -> list[list[str]]:
    return [_TOKEN.findall(t) for t in texts]


def test_the_cjk_check_is_the_code_point_range() -> None:
    from cleanwire._tokens import _FROM_CJK
    for c in [0, 0x7F, 0xFF, FIRST_CJK - 1, FIRST_CJK, 0xFFFF, 0x10000, 0x10FFFF]:
        assert (_FROM_CJK.search("ab" + chr(c)) is not None) == (c >= FIRST_CJK), hex(c)


# Prose in a few languages (so the vote has something to weigh), and generated text.
_VOTE_LINES = [
    "The committee said on Tuesday that it would not review the decision again this year.",
    "Die Regierung hat am Dienstag erklärt, dass sie die Entscheidung nicht prüfen wird.",
    "Le gouvernement a déclaré mardi qu'il ne reviendrait pas sur cette décision cette année.",
    "Home | News | Sport | Weather", "Share this article", "Read more",
]


@SETTINGS
@given(st.lists(st.one_of(mixed_text, st.sampled_from(_VOTE_LINES)), max_size=12))
def test_language_vote_from_the_line_tokens_is_the_vote_from_the_text(pieces: list[str]) -> None:
    blocks = split_blocks("\n".join(pieces))
    tokens = _features.line_tokens(blocks)
    assert _features.document_language(blocks, None, tokens) == _features.document_language(blocks, None)
    # the features from the line tokens too
    lex = load_lexicon()
    assert compute_features(blocks, lex, "en", tokens) == compute_features(blocks, lex, "en")


@SETTINGS
@given(st.lists(st.one_of(mixed_text, st.sampled_from(_VOTE_LINES)), max_size=30), st.randoms(use_true_random=False))
def test_a_page_keeping_the_voted_blocks_gets_the_same_vote(pieces: list[str], rng) -> None:
    """What the re-check relies on (``_recheck``): the kept text holds every block the
    vote read, so its vote is the page's."""
    blocks = split_blocks("\n".join(pieces))
    tokens = _features.line_tokens(blocks)
    language, voted = _features.language_vote(blocks, tokens)
    assert language == _features.document_language(blocks, None)
    kept = sorted(set(voted) | {i for i in range(len(blocks)) if rng.random() < 0.5})
    again = split_blocks("\n\n".join(blocks[i].text for i in kept))
    assert [b.text for b in again] == [blocks[i].text for i in kept]
    assert _features.document_language(again, None, tokens) == language


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["", " ", "   ", "\t"]), mixed_text), max_size=8),
       st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028", "\x85"]))
def test_end_columns_agree_with_a_search_back_to_the_line_start(parts: list[tuple[str, str]], sep: str) -> None:
    """``_end_columns`` searches only the gap between two blocks; the plain computation
    searches back from each block to the last line break of any kind."""
    text = sep.join(indent + body for indent, body in parts)
    blocks = split_blocks(text)
    plain = [b.end - (max(text.rfind(c, 0, b.start) for c in LINE_BREAKS) + 1) for b in blocks]
    assert _end_columns(text, blocks) == plain
