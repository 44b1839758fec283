"""Record the text pipeline's state just before the text model, for every page of AEB
and WCXB-dev (the training input of scripts/train_text_model.py).

    PYTHONPATH=src python scripts/dump_text_blocks.py OUT.pkl [--jobs 2] [--data ../shared]

Per page: (data set, page id, page type, url, gold text, blocks, features, block-rule
decisions, verdicts, prose share, list share) of the first labelling (not the
re-check's). The text model itself is disabled while recording.
"""

from __future__ import annotations

import cleanwire._labels as labels
from cleanwire import clean
from dump_html_blocks import dump_all  # the same pages, workers and pickle, our per-page state

_STATE: list = []


def _record(blocks, features, ruled, v, prose, list_share, disabled, model=None):
    _STATE.append((blocks, features, list(ruled), v, prose, list_share))
    return v


def _one(args):
    name, page = args
    labels.text_model_pass = _record
    _STATE.clear()
    clean(page.text)
    state = _STATE[0] if _STATE else ((), (), [], None, 0.0, 0.0)
    return (name, page.id, page.page_type, page.url, page.gold) + state


def main() -> None:
    dump_all(_one)


if __name__ == "__main__":
    main()
