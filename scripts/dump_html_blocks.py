"""Record the HTML pipeline's state just before the block model, for every page of AEB
and WCXB-dev (the training input of scripts/train_block_model.py).

    PYTHONPATH=src python scripts/dump_html_blocks.py OUT.pkl [--jobs 2] [--data ../shared]

Per page: (data set, page id, page type, gold text, blocks, features, decisions,
context scores, own scores). The block model itself is disabled while recording.
"""

from __future__ import annotations

import argparse
import pickle
from multiprocessing import Pool
from pathlib import Path

import cleanwire._labels as labels
from cleanwire._html_pipeline import extract_html
from cleanwire.bench.datasets import load_aeb, load_wcxb, read_html

ROOT = Path(__file__).resolve().parents[1]
_STATE: list = []


def _record(blocks, features, final, scores, own, disabled, model=None):
    _STATE.append((blocks, features, list(final), scores, own))
    return final


def _one(args):
    name, page = args
    labels.block_model_pass = _record
    _STATE.clear()
    extract_html(read_html(page), url=page.url)
    state = _STATE[-1] if _STATE else ((), (), [], (), ())
    return (name, page.id, page.page_type, page.gold) + state


def main() -> None:
    dump_all(_one)


def dump_all(one) -> None:
    """Run ``one`` over every AEB and WCXB-dev page in worker processes and pickle the
    results to the path given on the command line (the text model's dump script uses it
    too, with its own per-page function)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--data", type=Path, default=None)
    args = ap.parse_args()
    work = [("aeb", p) for p in load_aeb(args.data)] + [("wcxb", p) for p in load_wcxb(args.data)]
    with Pool(args.jobs) as pool:
        pages = pool.map(one, work, chunksize=8)
    with open(args.out, "wb") as fh:
        pickle.dump(pages, fh, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{len(pages)} pages -> {args.out}")


if __name__ == "__main__":
    main()
