"""Train the text model (src/cleanwire/data/text_model.json), text mode's learned second look.

    PYTHONPATH=src:scripts python scripts/dump_text_blocks.py /tmp/text.pkl
    PYTHONPATH=src:scripts python scripts/train_text_model.py /tmp/text.pkl --margin 0.1 [--cv 5 --pipeline --no-baseline] [--out PATH]

Input: the text pipeline's state before the text model on every AEB and WCXB-dev page
(``dump_text_blocks.py``). Per-line labels come from the gold text as in
``train_scorer.py`` (``line_labels``: a line is content when at least half of its
tokens are covered by 4-token shingles of the gold). Rows are weighted by their token
count (capped), every page weighing the same in total (AEB pages ``AEB_WEIGHT`` times a
WCXB page). Lines the model may not keep (``may_keep``: fixed rules, cue lines, one-word
low-score lines) are not training rows.

The model runs in every labelling, the re-check's too, and there it sees the kept text
alone, a page without most of its chrome. ``--recheck`` adds those states: the pipeline
is run with site-grouped cross-validation models (each page decided by a model not
trained on it), the rows of every re-check labelling are recorded, labelled from the
gold and added (``RECHECK_WEIGHT`` of the page's weight), and the model is trained again.
Measured (2026-11-26, margin 0.25, whole pipeline, 5-fold by site): WCXB-dev 0.814
without those rows, 0.813 with them; so the shipped model is trained without.

The model is scikit-learn's gradient boosting (shallow regression trees on the logistic
loss; scikit-learn is a training-only dependency), exported as plain trees by
``train_block_model.export``. ``--cv K`` reports K-fold figures grouped by site (the
page URL's host, so no site is in both the training and the held-out folds): each
fold's pages are decided by a model trained on the other folds and scored with the
benchmark metrics, beside the pipeline without the model and in-sample. The quick
figures relabel the first labelling's kept lines; ``--pipeline`` runs the whole
pipeline (``clean()``, with its re-check) with each fold's model instead. (With
``--recheck`` the second stage's figures leak a little: its training pages' re-check
states were recorded with first-stage models that had seen the held-out fold; their
labels never come from the held-out gold.)
"""

from __future__ import annotations

import argparse
import json
import pickle
import zlib
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

import cleanwire._text_model as text_model
from cleanwire._text_model import FEATURE_NAMES, TextModel, may_keep, predict, text_rows
from cleanwire._types import Label
from cleanwire.bench.datasets import load_aeb, load_wcxb
from cleanwire.bench.metrics import aeb_page, aeb_score, wcxb_page, wcxb_score
from train_block_model import export  # plain trees out of scikit-learn, as for the HTML model
from train_block_model import fit as fit_trees  # the same learner, with this model's settings
from train_scorer import line_labels  # the same per-line gold labels as the line scorer

ROOT = Path(__file__).resolve().parents[1]
BODY_COVERAGE = 0.5
MAX_ROW_WEIGHT = 60
AEB_WEIGHT = 2.0
# The trees: few and shallow, so that inference stays cheap per line.
N_TREES = 60
DEPTH = 3
LEARNING_RATE = 0.15
MIN_LEAF_ROWS = 200
THRESHOLD = 0.0
# Keep a dropped line when its logit is past THRESHOLD + MARGIN. 0.1 measured best on
# WCXB-dev with AEB text precision still >= 0.90 (0.0: WCXB +0.002, AEB P 0.898 in the
# quick in-sample figure; 0.25: WCXB -0.003).
MARGIN = 0.1
# The re-check labels the kept text again and the model runs there too, on a page
# without most of its chrome: its rows (recorded by running the pipeline with the
# cross-validation folds' models) are training rows too, this much of a page's weight.
RECHECK_WEIGHT = 0.5


def prepare(pages):
    """Per page: rows (np array), labels, token weights (cached beside the dump)."""
    out = []
    for name, pid, ptype, url, gold, blocks, feats, ruled, v, prose, list_share in pages:
        if not blocks:
            out.append(None)
            continue
        rows = np.array(text_rows(feats, ruled, v, prose, list_share), dtype=np.float64)
        cover = np.array(line_labels([b.text for b in blocks], gold))
        y = (cover >= BODY_COVERAGE).astype(float)
        w = np.array([min(f.words, MAX_ROW_WEIGHT) + 1 for f in feats], dtype=float)
        out.append((rows, y, w))
    return out


def weigh(pages, cached):
    """Per page: rows, labels, weights (only the lines the model may keep, ``may_keep``;
    every page weighing the same), trainable mask."""
    out = []
    for page, c in zip(pages, cached):
        if c is None:
            out.append(None)
            continue
        rows, y, w = c
        feats, v = page[6], page[8]
        mask = np.array([may_keep(f, d, ins) for f, d, ins in zip(feats, v.state, v.inside)])
        w = w * mask
        if w.sum():
            w = w / w.sum() * (AEB_WEIGHT if page[0] == "aeb" else 1.0)
        out.append((rows, y, w, mask))
    return out


def site(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def fold_of(page, k: int) -> int:
    return zlib.crc32(site(page[3]).encode()) % k


DROPPED_ONLY = False


def fit(prepared, idx):
    if DROPPED_ONLY:  # the kept lines' rows weigh nothing (the model only acts on dropped ones)
        prepared = [None if p is None else (p[0], p[1], p[2] * (p[0][:, 0] == 0), p[3]) for p in prepared]
    return fit_trees(prepared, idx, N_TREES, DEPTH, LEARNING_RATE, MIN_LEAF_ROWS)


def to_model(d: dict, threshold: float, margin: float) -> TextModel:
    trees = tuple(tuple((int(a), float(t), int(l), int(r)) for a, t, l, r in tree) for tree in d["trees"])
    return TextModel(d["bias"], trees, threshold, margin)


def gate_ok(page, gate: str) -> bool:
    if gate == "all":
        return True
    prose = page[9]
    return prose < 0.6  # the pages the rules already treat as non-articles


def quick_output(page, z, threshold, margin, gate="all") -> str:
    """The first labelling's kept lines, relabelled where the model is past the margin."""
    blocks, feats, v = page[5], page[6], page[8]
    if not blocks:
        return ""
    kept = [label is Label.BODY for label in v.labels()]
    if z is not None and gate_ok(page, gate):
        new = list(kept)
        for i, d in enumerate(v.state):
            if not may_keep(feats[i], d, v.inside[i]):
                continue
            if not kept[i] and z[i] > threshold + margin:
                new[i] = True  # as text_model_pass: the model only keeps
        kept = new
    return "\n\n".join(b.text for b, k in zip(blocks, kept) if k)


def report(pages, outputs, label):
    aeb = [aeb_page(p[4], o) for p, o in zip(pages, outputs) if p[0] == "aeb"]
    wc = [(p[2], wcxb_page(p[4], o)) for p, o in zip(pages, outputs) if p[0] == "wcxb"]
    sa = aeb_score(aeb)
    sw = wcxb_score(x for _, x in wc)
    by: dict[str, list[float]] = {}
    for t, x in wc:
        by.setdefault(t, []).append(x.f1)
    kinds = " ".join(f"{k[:4]} {sum(v) / len(v):.3f}" for k, v in sorted(by.items()))
    print(f"{label:>28}: AEB P {sa.precision:.3f} R {sa.recall:.3f} F1 {sa.f1:.3f} | WCXB F1 {sw.f1:.3f} ({kinds})", flush=True)


_TEXTS: dict[tuple[str, str], str] = {}


def _clean_with(args):
    """clean() of one page with ``model``; with ``record``, also the model's rows of every
    re-check labelling (the kept text labelled again) with the re-check blocks' texts."""
    key, model, record = args
    import cleanwire._labels as labels
    from cleanwire import clean
    text_model.default_text_model = lambda: model  # the fold's model (None: the pipeline without it)
    if not record:
        return clean(_TEXTS[key]), ()
    calls = []
    run = text_model.text_model_pass

    def rec(blocks, features, ruled, v, prose, list_share, disabled, model=None):
        if calls is not None and len(blocks) <= text_model.MAX_BLOCKS:
            rows = np.array(text_rows(features, ruled, v, prose, list_share), dtype=np.float32)
            mask = np.array([may_keep(f, d, ins) for f, d, ins in zip(features, v.state, v.inside)])
            calls.append((tuple(b.text for b in blocks), rows, mask, np.array([f.words for f in features])))
        return run(blocks, features, ruled, v, prose, list_share, disabled, model)

    labels.text_model_pass = rec
    try:
        out = clean(_TEXTS[key])
    finally:
        labels.text_model_pass = run
    return out, tuple(calls[1:])  # the first is the first labelling: its rows are in the dump


def pipeline_outputs(pages, models: dict[int, TextModel | None], jobs: int = 2, record: bool = False):
    """clean() of every page with the model given for it (page index -> model); with
    ``record``, (outputs, the re-check rows of every page)."""
    if not _TEXTS:
        for name, loader in (("aeb", load_aeb), ("wcxb", load_wcxb)):
            for p in loader():
                _TEXTS[(name, p.id)] = p.text
    work = [((p[0], p[1]), models.get(i), record) for i, p in enumerate(pages)]
    with Pool(jobs) as pool:
        res = pool.map(_clean_with, work, chunksize=8)
    if record:
        return [o for o, _ in res], [r for _, r in res]
    return [o for o, _ in res]


def with_rechecks(pages, prepared, rechecks):
    """``prepared`` with each page's re-check rows added (labelled from the gold like the
    first labelling's), weighing ``RECHECK_WEIGHT`` of the page's first-labelling rows."""
    out = list(prepared)
    for i, (page, calls) in enumerate(zip(pages, rechecks)):
        if out[i] is None or not calls:
            continue
        rows, y, w, mask = out[i]
        rs, ys, ws = [rows], [y], [w]
        for texts, r, m, words in calls:
            cover = np.array(line_labels(list(texts), page[4]))
            wr = (np.minimum(words, MAX_ROW_WEIGHT) + 1.0) * m
            if wr.sum():
                wr = wr / wr.sum() * w.sum() * RECHECK_WEIGHT / len(calls)
            rs.append(r.astype(np.float64))
            ys.append((cover >= BODY_COVERAGE).astype(float))
            ws.append(wr)
        out[i] = (np.vstack(rs), np.concatenate(ys), np.concatenate(ws), mask)
    return out


RECHECK_FOLDS = 5


def cross_validate(pages, prepared, ok, k, grid, stage):
    """Site-grouped K-fold models (page index -> the model not trained on it); with a
    ``stage`` label, the quick held-out figures too."""
    z_cv: dict[int, np.ndarray] = {}
    fold_models: dict[int, TextModel] = {}
    for fold in range(k):
        train = [i for i in ok if fold_of(pages[i], k) != fold]
        test = [i for i in ok if fold_of(pages[i], k) == fold]
        clf = fit(prepared, train)
        m = to_model(export(clf), THRESHOLD, MARGIN)
        for i in test:
            z_cv[i] = clf.decision_function(prepared[i][0][: len(pages[i][5])])
            fold_models[i] = m
        print(f"fold {fold}: {len(test)} pages", flush=True)
    if stage is not None:
        for thr, mar in grid:
            outs = [quick_output(p, z_cv.get(i), thr, mar) for i, p in enumerate(pages)]
            report(pages, outs, f"CV{k} t{thr:+.1f} m{mar:.1f} {stage}")
    return fold_models


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dump", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "cleanwire" / "data" / "text_model.json")
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--pipeline", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--gate", default="all")
    ap.add_argument("--grid", action="store_true", help="also report other thresholds and margins")
    ap.add_argument("--trees", type=int, default=N_TREES)
    ap.add_argument("--depth", type=int, default=DEPTH)
    ap.add_argument("--margin", type=float, default=MARGIN)
    ap.add_argument("--recheck", action="store_true", help="train on the re-check's rows too (recorded with the CV folds' models)")
    ap.add_argument("--no-baseline", action="store_true", help="with --pipeline: skip the runs without the model and in-sample")
    ap.add_argument("--dropped-only", action="store_true", help="train only on the lines the labelling dropped")
    args = ap.parse_args()
    globals().update(N_TREES=args.trees, DEPTH=args.depth, MARGIN=args.margin, DROPPED_ONLY=args.dropped_only)
    pages = pickle.loads(args.dump.read_bytes())
    cache = Path(str(args.dump) + ".rows.pkl")
    if cache.is_file() and cache.stat().st_mtime > Path(text_model.__file__).stat().st_mtime:
        prepared = pickle.loads(cache.read_bytes())
    else:
        prepared = prepare(pages)
        cache.write_bytes(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
    prepared = weigh(pages, prepared)
    ok = [i for i, p in enumerate(prepared) if p is not None]
    if args.grid or not args.pipeline:
        report(pages, [quick_output(p, None, 0, 0) for p in pages], "without the model")
    grid = ((THRESHOLD, MARGIN),) + (((0.0, 0.25), (0.0, 0.5), (-0.25, 0.0), (0.25, 0.0)) if args.grid else ())
    if args.pipeline and args.cv and not args.no_baseline:
        report(pages, pipeline_outputs(pages, {}), "pipeline, without")
    k = args.cv or (RECHECK_FOLDS if args.recheck else 0)
    for stage in (("first labelling", "with re-check rows") if args.recheck else ("",)):
        if not k:
            break
        fold_models = cross_validate(pages, prepared, ok, k, grid, stage if args.cv else None)
        if args.recheck and stage == "first labelling":
            outs, rechecks = pipeline_outputs(pages, fold_models, record=True)
            if args.cv and args.pipeline:
                report(pages, outs, f"pipeline CV{k} ({stage})")
            prepared = with_rechecks(pages, prepared, rechecks)
        elif args.cv and args.pipeline:
            report(pages, pipeline_outputs(pages, fold_models), f"pipeline CV{k} {stage}")
    clf = fit(prepared, ok)
    z_in = {i: clf.decision_function(prepared[i][0][: len(pages[i][5])]) for i in ok}
    for thr, mar in grid:
        report(pages, [quick_output(p, z_in.get(i), thr, mar, args.gate) for i, p in enumerate(pages)], f"in-sample t{thr:+.1f} m{mar:.1f}")
    d = export(clf)
    m = to_model(d, THRESHOLD, MARGIN)
    i0 = ok[0]
    mine = [predict(list(r), m)[0] for r in prepared[i0][0][:50]]
    assert np.allclose(mine, z_in[i0][:50], atol=1e-3), (mine[:5], z_in[i0][:5])
    if args.pipeline and not args.no_baseline:
        report(pages, pipeline_outputs(pages, {i: m for i in ok}), f"pipeline in-sample")
    if not args.no_write:
        data = {
            "comment": "Gradient-boosted trees of the text model; written by scripts/train_text_model.py. Do not edit by hand.",
            "features": list(FEATURE_NAMES), "threshold": THRESHOLD, "margin": MARGIN, **d,
            "meta": {"trees": N_TREES, "depth": DEPTH, "learning_rate": LEARNING_RATE, "aeb_weight": AEB_WEIGHT,
                     "recheck_rows": args.recheck, "dropped_only": args.dropped_only},
        }
        args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print("wrote", args.out)


if __name__ == "__main__":
    main()
