"""Pages with little prose: a list (titles, names, prices) keeps its items (``LIST_PAGE_SHARE``),
a landing page its short statements (``PROSE_PAGE_SHARE``), a listing its run of records
(``record-list``, see ``_record_runs``)."""

from __future__ import annotations

import pytest

import cleanwire
from cleanwire import _labels

MENU = ["Home", "Shop", "Sign in", "Cart (0)"]
ITEMS = [
    line
    for n, (name, maker) in enumerate(
        [("Oak side table", "Nordwood"), ("Walnut desk lamp", "Lumen & Co"), ("Linen armchair", "Casa Verde"),
         ("Ceramic vase set", "Terra Studio"), ("Wool rug, grey", "Loomcraft"), ("Pine bookshelf", "Nordwood"),
         ("Glass pendant light", "Lumen & Co"), ("Velvet footstool", "Casa Verde"), ("Birch coat rack", "Nordwood"),
         ("Brass floor lamp", "Lumen & Co"), ("Cotton cushion pair", "Casa Verde"), ("Stoneware bowl", "Terra Studio")],
        start=1,
    )
    for line in (f"{name}", f"{maker} · {n + 2} colours", f"€{40 + 15 * n},00")
]
PAGE = "\n".join(MENU + ["Living room furniture"] + ITEMS + ["Privacy policy", "© 2024 Example Shop"])


def _kept(text: str, **options: object) -> list[str]:
    return [lb.text for lb in cleanwire.extract(text, **options).blocks if lb.label is cleanwire.Label.BODY]


def test_a_list_page_keeps_its_items() -> None:
    kept = _kept(PAGE)
    names = [i for i in ITEMS[::3]]
    assert sum(n in kept for n in names) >= len(names) - 1
    assert "Sign in" not in kept and "© 2024 Example Shop" not in kept


def test_without_the_list_page_rule_the_items_are_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_labels, "LIST_PAGE_SHARE", 0.0)
    kept = _kept(PAGE, disabled_rules={"record-list"})  # its prices would find the records too
    assert sum(n in kept for n in ITEMS[::3]) < len(ITEMS[::3]) // 2


SERVICE = [
    "Garden design for small city plots",
    "We plan, plant and look after gardens of every size in the north of the city.",
    "Planting plans drawn for your soil and light",
    "Seasonal care visits from spring to late autumn",
    "Hard landscaping with local stone and reclaimed brick",
]
SERVICE_PAGE = "\n".join(["Sign in", "Cart (0)"] + SERVICE + [
    "Water-wise borders",
    "Free first visit",
    "Book a visit",
    "Our prices",
    "Privacy policy",
    "© 2024 Green Plot",
])


def test_a_page_with_little_prose_keeps_its_likelier_lines() -> None:
    # PROSE_PAGE_SHARE: a landing page's short statements join the body at 0.35
    # (the headline above them may be taken as the page's title instead)
    doc = cleanwire.extract(SERVICE_PAGE)
    kept = _kept(SERVICE_PAGE)
    assert all(line in kept for line in SERVICE[1:])
    assert SERVICE[0] in kept or doc.title == SERVICE[0]
    assert "Sign in" not in kept and "Privacy policy" not in kept


def test_without_the_low_prose_threshold_the_statements_are_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_labels, "PROSE_PAGE_SHARE", 0.0)
    # the threshold alone (the text model may keep such lines as well)
    kept = _kept(SERVICE_PAGE, disabled_rules={"text-model"})
    assert SERVICE[1] not in kept and SERVICE[0] not in kept


# A jobs board: each record is a title, a byline and a date (record-list).
JOBS = [
    ("Night shift warehouse lead for the river depot", "Harbour Logistics", "3 March 2024"),
    ("Junior gardener for a walled kitchen garden", "Greenfold Estate", "2 March 2024"),
    ("Bookkeeper, two days a week", "Alder & Finch", "2 March 2024"),
    ("Bus driver for the new night routes", "Eastline Transit", "1 March 2024"),
    ("Sous chef in a small harbour restaurant", "The Tidewater", "29 February 2024"),
    ("Part-time librarian for the mobile library", "County Libraries", "28 February 2024"),
]
JOB_LINES = [line for title, who, when in JOBS for line in (title, f"By {who}", when)]
JOBS_PAGE = "\n".join(["Home", "Jobs", "Sign in", "Latest vacancies"] + JOB_LINES + ["Privacy policy", "© 2024 Town Jobs"])


def test_a_run_of_records_is_the_content_of_a_list_page() -> None:
    doc = cleanwire.extract(JOBS_PAGE)
    rules = {lb.text: lb.rule for lb in doc.blocks}
    assert all(rules[title] == "record-list" for title, _, _ in JOBS)
    assert rules["3 March 2024"] == "record-list"  # the date is part of the record
    assert "Sign in" not in doc.body and "© 2024 Town Jobs" not in doc.body
    assert cleanwire.clean(doc.body) == doc.body  # the records are found again in the output


def test_a_shop_grid_is_found_by_its_recurring_price_lines() -> None:
    doc = cleanwire.extract(PAGE, disabled_rules={"dateline", "byline"})
    assert sum(lb.rule == "record-list" for lb in doc.blocks) >= len(ITEMS) - 3


def test_without_the_record_rule_the_records_are_lost() -> None:
    doc = cleanwire.extract(JOBS_PAGE, disabled_rules={"record-list"})
    assert sum(title in doc.body for title, _, _ in JOBS) <= 1


def test_records_under_an_article_stay_chrome() -> None:
    article = [
        "The council voted on Tuesday to extend the night bus service to the eastern suburbs, after a year in which ridership on the existing routes grew faster than anyone had forecast.",
        "Officials said the new routes would run every twenty minutes between midnight and five in the morning, and that drivers had already been hired for the first three months of the trial.",
        "Residents who spoke at the meeting welcomed the decision, although several asked why the service would not reach the industrial estate where many of them work the late shift.",
    ]
    page = "\n".join(["Night buses to run to the eastern suburbs"] + article + ["More news"] + JOB_LINES[:12])
    doc = cleanwire.extract(page)
    assert all(p in doc.body for p in article)
    assert not any(lb.rule == "record-list" for lb in doc.blocks)


def test_a_run_does_not_take_in_the_article_above_it() -> None:
    # the item's own byline and date would head the run of teaser records below it;
    # that first record is much longer than the others, so the run starts after it
    item = [
        "Night buses to run to the eastern suburbs",
        "By Staff Reporter",
        "4 March 2024",
        "The council voted on Tuesday to extend the night bus service to the eastern suburbs after ridership grew.",
        "Officials said that the new routes would run every twenty minutes between midnight and five in the morning.",
    ]
    teasers = [
        line
        for n in range(12)
        for line in (f"Council announces plan number {n + 1} for the harbour", "By Staff Reporter", f"{n + 1} March 2024")
    ]
    doc = cleanwire.extract("\n".join(["Home", "News"] + item + teasers + ["© 2024 Town News"]))
    rules = [lb.rule for lb in doc.blocks]
    assert rules[3:7] == ["byline", "dateline", "body", "body"]
    assert rules[7] == "record-list"  # the first teaser
