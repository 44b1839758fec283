"""Train the text model (src/cleanwire/data/text_model.json), text mode's learned second look.

    PYTHONPATH=src python scripts/dump_text_blocks.py /tmp/text.pkl
    PYTHONPATH=src:scripts python scripts/train_text_model.py /tmp/text.pkl [--cv 5] [--pipeline] [--out PATH]

Input: the text pipeline's state before the text model on every AEB and WCXB-dev page
(``dump_text_blocks.py``). Per-line labels come from the gold text as in
``train_scorer.py`` (``line_labels``: a line is content when at least half of its
tokens are covered by 4-token shingles of the gold). Rows are weighted by their token
count (capped), every page weighing the same in total (AEB pages ``AEB_WEIGHT`` times a
WCXB page). Lines whose rule the model may not overrule (``FIXED_RULES``) are not
training rows.

The model is scikit-learn's gradient boosting (shallow regression trees on the logistic
loss; scikit-learn is a training-only dependency), exported as plain trees by
``train_block_model.export``. ``--cv K`` reports K-fold figures grouped by site (the
page URL's host, so no site is in both the training and the held-out folds): each
fold's pages are decided by a model trained on the other folds and scored with the
benchmark metrics, beside the pipeline without the model and in-sample. The quick
figures relabel the first labelling's kept lines; ``--pipeline`` runs the whole
pipeline (``clean()``, with its re-check) with each fold's model instead.
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
from cleanwire._text_model import FEATURE_NAMES, FIXED_RULES, TextModel, predict, text_rows
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
MARGIN = 0.0


def prepare(pages):
    """Per page: rows (np array), labels, weights, trainable mask."""
    out = []
    for name, pid, ptype, url, gold, blocks, feats, ruled, v, prose, list_share in pages:
        if not blocks:
            out.append(None)
            continue
        rows = np.array(text_rows(feats, ruled, v, prose, list_share), dtype=np.float64)
        cover = np.array(line_labels([b.text for b in blocks], gold))
        y = (cover >= BODY_COVERAGE).astype(float)
        w = np.array([min(f.words, MAX_ROW_WEIGHT) + 1 for f in feats], dtype=float)
        mask = np.array([d is None or d.rule not in FIXED_RULES for d in v.state])
        w = w * mask
        if w.sum():
            w = w / w.sum() * (AEB_WEIGHT if name == "aeb" else 1.0)
        out.append((rows, y, w, mask))
    return out


def site(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def fold_of(page, k: int) -> int:
    return zlib.crc32(site(page[3]).encode()) % k


def fit(prepared, idx):
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
    blocks, v = page[5], page[8]
    if not blocks:
        return ""
    kept = [label is Label.BODY for label in v.labels()]
    if z is not None and gate_ok(page, gate):
        new = list(kept)
        for i, d in enumerate(v.state):
            if d is not None and d.rule in FIXED_RULES:
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
    key, model = args
    from cleanwire import clean
    text_model.default_text_model = lambda: model  # the fold's model (None: the pipeline without it)
    return clean(_TEXTS[key])


def pipeline_outputs(pages, models: dict[int, TextModel | None], jobs: int = 2) -> list[str]:
    """clean() of every page with the model given for it (page index -> model)."""
    if not _TEXTS:
        for name, loader in (("aeb", load_aeb), ("wcxb", load_wcxb)):
            for p in loader():
                _TEXTS[(name, p.id)] = p.text
    work = [((p[0], p[1]), models.get(i)) for i, p in enumerate(pages)]
    with Pool(jobs) as pool:
        return pool.map(_clean_with, work, chunksize=8)


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
    args = ap.parse_args()
    globals().update(N_TREES=args.trees, DEPTH=args.depth, MARGIN=args.margin)
    pages = pickle.loads(args.dump.read_bytes())
    cache = Path(str(args.dump) + ".rows.pkl")
    if cache.is_file() and cache.stat().st_mtime > Path(text_model.__file__).stat().st_mtime:
        prepared = pickle.loads(cache.read_bytes())
    else:
        prepared = prepare(pages)
        cache.write_bytes(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
    ok = [i for i, p in enumerate(prepared) if p is not None]
    if args.grid or not args.pipeline:
        report(pages, [quick_output(p, None, 0, 0) for p in pages], "without the model")
    grid = ((THRESHOLD, MARGIN),) + (((0.0, 0.25), (0.0, 0.5), (-0.25, 0.0), (0.25, 0.0)) if args.grid else ())
    if args.cv:
        z_cv: dict[int, np.ndarray] = {}
        fold_models: dict[int, TextModel] = {}
        for k in range(args.cv):
            train = [i for i in ok if fold_of(pages[i], args.cv) != k]
            test = [i for i in ok if fold_of(pages[i], args.cv) == k]
            clf = fit(prepared, train)
            m = to_model(export(clf), THRESHOLD, MARGIN)
            for i in test:
                z_cv[i] = clf.decision_function(prepared[i][0])
                fold_models[i] = m
            print(f"fold {k}: {len(test)} pages", flush=True)
        pickle.dump(fold_models, open(str(args.dump) + ".folds.pkl", "wb"))
        for gate in ("all",):
            for thr, mar in grid:
                outs = [quick_output(p, z_cv.get(i), thr, mar, gate) for i, p in enumerate(pages)]
                report(pages, outs, f"CV{args.cv} {gate} t{thr:+.1f} m{mar:.1f}")
        if args.pipeline:
            report(pages, pipeline_outputs(pages, {}), "pipeline, without")
            report(pages, pipeline_outputs(pages, fold_models), f"pipeline CV{args.cv} t{THRESHOLD:+.1f} m{MARGIN:.1f}")
    clf = fit(prepared, ok)
    z_in = {i: clf.decision_function(prepared[i][0]) for i in ok}
    for thr, mar in grid:
        report(pages, [quick_output(p, z_in.get(i), thr, mar, args.gate) for i, p in enumerate(pages)], f"in-sample t{thr:+.1f} m{mar:.1f}")
    d = export(clf)
    m = to_model(d, THRESHOLD, MARGIN)
    i0 = ok[0]
    mine = [predict(list(r), m)[0] for r in prepared[i0][0][:50]]
    assert np.allclose(mine, z_in[i0][:50], atol=1e-3), (mine[:5], z_in[i0][:5])
    if args.pipeline:
        report(pages, pipeline_outputs(pages, {i: m for i in ok}), f"pipeline in-sample")
    if not args.no_write:
        data = {
            "comment": "Gradient-boosted trees of the text model; written by scripts/train_text_model.py. Do not edit by hand.",
            "features": list(FEATURE_NAMES), "threshold": THRESHOLD, "margin": MARGIN, **d,
            "meta": {"trees": N_TREES, "depth": DEPTH, "learning_rate": LEARNING_RATE, "aeb_weight": AEB_WEIGHT},
        }
        args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print("wrote", args.out)


if __name__ == "__main__":
    main()
