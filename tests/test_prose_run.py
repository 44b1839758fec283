"""``prose-run``: in text mode, a page on which no block scores as body still keeps its
run of sentence paragraphs (``_context.prose_run``)."""

from __future__ import annotations

import cleanwire
from cleanwire._blocks import split_blocks
from cleanwire._context import PROSE_RUN_MIN_WORDS, related_lists
from cleanwire._features import compute_features
from cleanwire._lexicon import load_lexicon
from cleanwire._types import Decision, Label

# A Czech article: Czech has a stoplist but no cue-trained vocabulary, and the scorer
# reads its prose below zero. A navigation label above the headline was enough for
# the whole page to come out empty.
ARTICLE = [
    "Městská rada ve středu schválila plán na prodloužení tří tramvajových tratí do nových čtvrtí na okraji města, kde v posledních letech vyrostly tisíce bytů.",
    "Podle náměstka pro dopravu začne stavba první trati už příští jaro a cestujícím by měla sloužit nejpozději za dva roky.",
    "Obyvatelé dotčených čtvrtí plán vítají, někteří však upozorňují, že stavba na několik měsíců uzavře hlavní silnici.",
]
PAGE = "\n".join(["Domů", "Přihlásit se", "Praha chystá nové tramvajové linky", *ARTICLE, "Sdílet", "Související články",
                  "Metro bude v létě jezdit častěji", "Nové autobusy vyjedou v září",
                  "Všechna práva vyhrazena © 2024 Pražský deník"])


def test_a_page_without_a_scored_body_keeps_its_sentence_paragraphs() -> None:
    doc = cleanwire.extract(PAGE)
    assert doc.body == "\n\n".join(ARTICLE)
    assert {b.rule for b in doc.blocks if b.text in ARTICLE} == {"prose-run"}
    assert cleanwire.clean(doc.body) == doc.body  # a fixed point, as every output


def test_the_rule_can_be_switched_off() -> None:
    # without it this page has no body at all (what the rule is for)
    assert cleanwire.clean(PAGE, disabled_rules={"prose-run"}) == ""


def test_furniture_between_the_paragraphs_does_not_cut_the_run() -> None:
    page = PAGE.replace(ARTICLE[1], "Autor: Jan Novák\n" + ARTICLE[1])
    doc = cleanwire.extract(page)
    assert [b.rule for b in doc.blocks if b.text in ARTICLE] == ["prose-run"] * 3
    assert [b.rule for b in doc.blocks if b.text == "Autor: Jan Novák"] == ["byline"]


def test_too_little_prose_is_no_run() -> None:
    # one sentence paragraph, under PROSE_RUN_MIN_WORDS words, between menu lines
    short = ARTICLE[1]
    assert len(short.split()) < PROSE_RUN_MIN_WORDS
    doc = cleanwire.extract("\n".join(["Domů", "Přihlásit se", short, "Sdílet", "Kontakt"]))
    assert all(b.rule != "prose-run" for b in doc.blocks)


def test_a_page_with_a_scored_body_does_not_use_it() -> None:
    page = "\n".join(["Home", "Sign in", "Night buses to run every twenty minutes",
                      "The council voted on Tuesday to extend the night bus service to the eastern suburbs, after a year in which ridership grew faster than forecast.",
                      "Officials said the new routes would run every twenty minutes between midnight and five in the morning.",
                      "Share", "Related articles", "Metro will run more often in summer", "New buses start in September"])
    doc = cleanwire.extract(page)
    assert doc.body and all(b.rule != "prose-run" for b in doc.blocks)


# --- a related list on a page whose prose the scorer does not read -------------------

def _related(texts: list[str], scores: list[float]) -> list[str | None]:
    """The rules ``related_lists`` gives a page whose first line is a section heading."""
    blocks = split_blocks("\n".join(texts))
    features = compute_features(blocks, load_lexicon(), "en")
    initial = [Decision(Label.CHROME, "section-label", "") if i == 0 else None for i in range(len(texts))]
    return [None if d is None else d.rule for d in related_lists(tuple(texts), features, initial, tuple(scores))]


TEASERS = ["Metro will run more often in summer", "New buses start in September"]
SENTENCES = ["The council voted on Tuesday to extend the night bus service to the eastern suburbs after a year of growth.",
             "Officials said the new routes would run every twenty minutes between midnight and five in the morning."]


def test_a_long_sentence_ends_a_related_list_where_no_sentence_scores_as_body() -> None:
    # every sentence of the page scored below zero: the scorer does not read its prose
    rules = _related(["Menu", *TEASERS, *SENTENCES], [0.0, -1.0, -1.0, -0.8, -0.7])
    assert rules == ["section-label", "related-list", None, None, None]  # the last teaser heads the prose


def test_low_scored_sentences_stay_in_the_list_where_the_scorer_reads_prose() -> None:
    # the page's prose scores above zero elsewhere: sentences it scores low under a
    # "Related" heading are teaser excerpts, part of the list
    rules = _related(["Related", *TEASERS, *SENTENCES, "A closing paragraph that the scorer reads as the article's prose and scores high."],
                     [0.0, -1.0, -1.0, -0.8, -0.7, 2.0])
    # (the list's last line, directly above the high-scored prose, reads as its subheading)
    assert rules == ["section-label", "related-list", "related-list", "related-list", None, None]
