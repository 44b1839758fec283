"""Record the text pipeline's state just before the text model, for every page of AEB
and WCXB-dev (the training input of scripts/train_text_model.py).

    PYTHONPATH=src python scripts/dump_text_blocks.py OUT.pkl [--jobs 2] [--data ../shared]

Per page: (data set, page id, page type, url, gold text, blocks, features, block-rule
decisions, verdicts, prose share, list share) of the first labelling (not the
re-check's). The text model itself is disabled while recording.
"""

from __future__ import annotations

import argparse
import pickle
from multiprocessing import Pool
from pathlib import Path

import cleanwire._labels as labels
from cleanwire import clean
from cleanwire.bench.datasets import load_aeb, load_wcxb

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
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--data", type=Path, default=None)
    args = ap.parse_args()
    work = [("aeb", p) for p in load_aeb(args.data)] + [("wcxb", p) for p in load_wcxb(args.data)]
    with Pool(args.jobs) as pool:
        pages = pool.map(_one, work, chunksize=8)
    with open(args.out, "wb") as fh:
        pickle.dump(pages, fh, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{len(pages)} pages -> {args.out}")


if __name__ == "__main__":
    main()
