"""Train the block scorer's weights (src/cleanwire/data/scorer.json) from the dev sets.

    PYTHONPATH=src python scripts/train_scorer.py [--data ../shared] [--out PATH] [--cv K]
        [--exclude-function-words none|unmeasured|all] [--stoplist-max N]

Per-line labels come from the annotations: a block of the text dump is "body" when
most of its tokens are covered by 4-token shingles (taken across the block's
neighbours too, so short lines get context) that occur in the gold text. Only blocks
no rule decided are training rows, because only those are scored. Rows are weighted
by their token count (the metrics count tokens, not lines), with pages of each data
set weighing the same in total. The model is an L2-regularised logistic regression
fitted by Newton's method in numpy (numpy is a training-only dependency: the `train`
extra). Two stages, as at inference: the block scorer on block features, then the
context scorer (``_smooth``) on the block scorer's in-sample scores of each page.
Deterministic: no sampling, no random initialisation. Takes about a minute.

``--cv K`` also reports grouped K-fold figures (WCXB-dev pages of one domain in one fold) and
the two cross-set figures (train on one data set, test on the other), with the
benchmark metrics of the whole pipeline on the held-out pages.

``--exclude-function-words`` leaves stopwords out of the vocabulary (see
``foreign_function_words``); measured on 2026-11-27 and not the default: it lifts the
multilingual fixtures but costs AEB text two Portuguese pages (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

from cleanwire._blocks import split_blocks
from cleanwire._features import compute_features, document_language
from cleanwire._pipeline import _extract
from cleanwire.bench.metrics import aeb_page, aeb_score, wcxb_page, wcxb_score
from cleanwire._smooth import CONTEXT_FEATURES, ContextModel, context_rows
from cleanwire._language import stopwords
from cleanwire._lexicon import load_lexicon
from cleanwire._options import Options
from cleanwire._rules import apply_block_rules
from cleanwire._scorer import FEATURES, Model, score_vector, vector
from cleanwire._vocab import VOCAB_CHARS, vocab_score


ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"\w+")
# A block is body when at least this share of its tokens is covered by gold shingles.
BODY_COVERAGE = 0.5
L2 = 1.0  # ridge penalty on the weights (not the bias), in units of total row weight 1
MAX_ROW_WEIGHT = 60  # tokens; a 500-word paragraph should not drown 50 short lines
VOCAB_WORD = re.compile(r"\w+")  # as cleanwire._vocab reads words
VOCAB_MIN_PAGES = 10  # a vocabulary word occurs on at least this many training pages
VOCAB_PRIOR = 3.0  # pages' worth of smoothing towards the base rate
VOCAB_MIN_WEIGHT = 0.05  # smaller log-odds are left out (they would weigh ~0 anyway)
# ``--exclude-function-words`` (measured 2026-11-27, not the default, see
# docs/benchmarks.md): leave out of the vocabulary the stopwords of every language with
# fewer than VOCAB_MIN_PAGES training pages ("unmeasured") or of every language ("all"),
# since function words are measured per language by the stopword ratio, and the
# vocabulary learns "de", "para", "com" from English pages (names, language menus,
# URLs), not from the prose of their own language. Only function-word lists count:
# jusText's lists longer than VOCAB_STOPLIST_MAX words are frequency lists that hold
# English names and loanwords ("video", "blog", "minister").
VOCAB_STOPLIST_MAX = 1000
EXCLUDE_FUNCTION_WORDS = "none"  # none | unmeasured | all (set by --exclude-function-words)


def page_types(data: Path) -> dict[str, str]:
    """WCXB-dev page id -> page type (AEB pages are all articles)."""
    gt = json.loads((data / "wcxb-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: v["page_type"] for k, v in gt.items()}


def load_pages(data: Path) -> dict[str, list[tuple[str, str, str]]]:
    """{set name: [(page id, dump text, gold text)]} for AEB and WCXB-dev."""
    aeb_in = json.loads((data / "aeb" / "html-text.json").read_text(encoding="utf-8"))["output"]
    aeb_gt = json.loads((data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    wc_in = json.loads(gzip.decompress((data / "wcxb-dev" / "html-text.json.gz").read_bytes()))
    wc_gt = json.loads((data / "wcxb-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    return {
        "aeb": [(k, aeb_in[k]["articleBody"], aeb_gt[k]["articleBody"]) for k in sorted(aeb_gt) if k in aeb_in],
        "wcxb": [(k, wc_in[k], wc_gt[k]["main_content"]) for k in sorted(wc_gt) if k in wc_in],
    }


def page_folds(data: Path, pages: dict[str, list[tuple[str, str, str]]], k: int) -> dict[str, list[int]]:
    """Fold of every page: WCXB-dev pages of one domain share a fold (the learned
    vocabulary must not be scored on the site it was learned from); AEB pages, one site
    each, go round-robin."""
    from urllib.parse import urlsplit

    gt = json.loads((data / "wcxb-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    out = {"aeb": [i % k for i in range(len(pages["aeb"]))]}
    domains = [urlsplit(gt[key].get("url") or "").netloc.removeprefix("www.") or key for key, _, _ in pages["wcxb"]]
    order = {d: i for i, d in enumerate(sorted(set(domains)))}
    out["wcxb"] = [order[d] % k for d in domains]
    return out


def line_labels(texts: list[str], gold: str) -> list[float]:
    """Share of each block's tokens covered by a gold 4-shingle (shingles may cross blocks)."""
    gold_toks = TOKEN.findall(gold.lower())
    gold_sh = {tuple(gold_toks[i : i + 4]) for i in range(max(0, len(gold_toks) - 3))}
    if len(gold_toks) < 4:
        gold_sh.add(tuple(gold_toks))
    toks: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(texts):
        for tok in TOKEN.findall(t.lower()):
            toks.append(tok)
            owner.append(i)
    covered = [False] * len(toks)
    for j in range(len(toks) - 3):
        if tuple(toks[j : j + 4]) in gold_sh:
            covered[j] = covered[j + 1] = covered[j + 2] = covered[j + 3] = True
    total = Counter(owner)
    hit = Counter(o for o, c in zip(owner, covered) if c)
    return [hit[i] / total[i] if total[i] else 0.0 for i in range(len(texts))]


def page_rows(text: str, gold: str):
    """(feature rows, labels, token weights) of the undecided blocks of one page."""
    blocks = split_blocks(text)
    lang = document_language(blocks, None)
    lexicon = load_lexicon()
    feats = compute_features(blocks, lexicon, lang)
    has_stop = bool(stopwords(lang or ""))
    cover = line_labels([b.text for b in blocks], gold)
    rows, ys, ws, undecided, words = [], [], [], [], []
    for b, f, c in zip(blocks, feats, cover):
        rule = apply_block_rules(b, f, lexicon, frozenset())
        if rule is not None:
            undecided.append(False)
            continue
        undecided.append(True)
        rows.append(vector(f, has_stop)[:-2])  # the vocabulary measurements come in train()
        ys.append(1.0 if c >= BODY_COVERAGE else 0.0)
        ws.append(min(f.words, MAX_ROW_WEIGHT) + 1)
        words.append(b.text)
    return rows, ys, ws, (feats, undecided, has_stop, words, lang)


def foreign_function_words(sets: dict[str, list]) -> frozenset[str]:
    """Stopwords (function-word lists only) of the languages the training pages do not
    measure: fewer than ``VOCAB_MIN_PAGES`` pages guessed in that language."""
    from cleanwire._language import _CODES, _OWN

    if EXCLUDE_FUNCTION_WORDS == "none":
        return frozenset()
    langs = Counter(p[3][4] for pages in sets.values() for p in pages if p[0])
    out: set[str] = set()
    for code in sorted(set(_CODES.values())) + list(_OWN):
        words = stopwords(code)
        if len(words) > VOCAB_STOPLIST_MAX:
            continue
        if EXCLUDE_FUNCTION_WORDS == "unmeasured" and langs[code] >= VOCAB_MIN_PAGES:
            continue
        out |= words
    return frozenset(out)


def learn_vocabulary(sets: dict[str, list]) -> dict[str, float]:
    """Per-word log-odds of body against chrome over the training blocks.

    Each block counts each distinct word once, weighted as its row is (token weight,
    every page of a data set weighing the same); a word must occur on at least
    ``VOCAB_MIN_PAGES`` pages (no site's names or brands) and its log-odds is shrunk
    towards 0 by ``VOCAB_PRIOR`` pages' worth of the base rate.
    """
    body: Counter[str] = Counter()
    chrome: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    for pages_of_set in sets.values():
        live = [p for p in pages_of_set if p[0]]
        for rows, ys, ws, (_, _, _, texts, _) in live:
            total = sum(ws) * len(live)
            seen: set[str] = set()
            for y, w, t in zip(ys, ws, texts):
                toks = set(VOCAB_WORD.findall(t[:VOCAB_CHARS].lower()))
                seen |= toks
                target = body if y else chrome
                for tok in toks:
                    target[tok] += w / total
            pages.update(seen)
    foreign = foreign_function_words(sets)
    B, C = sum(body.values()), sum(chrome.values())
    n_pages = sum(len(v) for v in sets.values())
    prior = VOCAB_PRIOR / n_pages  # weight of VOCAB_PRIOR pages
    out = {}
    for tok, n in pages.items():
        if n < VOCAB_MIN_PAGES or tok.isdigit() or len(tok) < 2 or tok in foreign:
            continue
        b = body[tok] / B + prior
        c = chrome[tok] / C + prior
        lo = round(float(np.log(b / c)), 2)
        if abs(lo) >= VOCAB_MIN_WEIGHT:
            out[tok] = lo
    return dict(sorted(out.items()))


def with_vocabulary(page, vocab: dict[str, float]):
    """A page's rows with the two vocabulary measurements appended."""
    rows, ys, ws, extra = page
    full = []
    for r, t in zip(rows, extra[3]):
        v = vocab_score(t, vocab)
        full.append(tuple(r) + (v, v * r[0]))  # r[0] is the length measurement
    return full, ys, ws, extra


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> tuple[float, np.ndarray]:
    """Weighted L2 logistic regression by Newton's method (deterministic)."""
    w = w / w.sum()
    A = np.hstack([np.ones((len(X), 1)), X])
    beta = np.zeros(A.shape[1])
    reg = np.full(A.shape[1], l2 / len(X) * 100)
    reg[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-A @ beta))
        grad = A.T @ (w * (p - y)) + reg * beta
        H = (A * (w * p * (1 - p))[:, None]).T @ A + np.diag(reg)
        step = np.linalg.solve(H, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(beta[0]), beta[1:]


def stack(pages, set_weight: float):
    X, y, w = [], [], []
    for rows, ys, ws, _ in pages:
        if not rows:
            continue
        X.extend(rows)
        y.extend(ys)
        total = sum(ws)
        w.extend(x / total * set_weight for x in ws)  # every page weighs the same
    return np.array(X, dtype=float), np.array(y), np.array(w)


def context_page(page, model: Model):
    """Stage-2 rows of one page: context features from the stage-1 model's scores."""
    rows, ys, ws, (feats, undecided, has_stop, _, _) = page
    it = iter(rows)
    first = [score_vector(next(it), model)[0] if u else None for u in undecided]
    crows = [r for r in context_rows(first, feats) if r is not None]
    return crows, ys, ws, None


def train(sets: dict[str, list]) -> Model:
    """Stage 1 (block scorer) on block features, then stage 2 (context) on its scores."""
    def fit_sets(pages_by_set):
        parts = [stack(pages, 1.0 / len(pages)) for pages in pages_by_set.values() if pages]
        X = np.vstack([p[0] for p in parts])
        y = np.concatenate([p[1] for p in parts])
        w = np.concatenate([p[2] for p in parts])
        return fit(X, y, w)

    vocab = learn_vocabulary(sets)
    sets = {n: [with_vocabulary(p, vocab) for p in pages] for n, pages in sets.items()}
    bias, weights = fit_sets(sets)
    first = Model(round(bias, 4), tuple(round(float(v), 4) for v in weights))
    cbias, cweights = fit_sets({n: [context_page(p, first) for p in pages] for n, pages in sets.items()})
    context = ContextModel(round(cbias, 4), tuple(round(float(v), 4) for v in cweights))
    return Model(first.bias, first.weights, context, vocabulary=vocab)


def predict(model: Model, pages: list[tuple[str, str, str]]) -> list[str]:
    """The whole pipeline's body for each page, with ``model``'s weights."""
    return [_extract(text, Options(), model).body for _, text, _ in pages]


def score(name: str, pages: list[tuple[str, str, str]], preds: list[str], types: dict[str, str]) -> str:
    """The data set's benchmark metric (cleanwire.bench.metrics), with WCXB's per-type F1."""
    if name == "aeb":
        s = aeb_score(aeb_page(gold, pred) for (_, _, gold), pred in zip(pages, preds))
        return f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}"
    per = [wcxb_page(gold, pred) for (_, _, gold), pred in zip(pages, preds)]
    s = wcxb_score(per)
    by_type: dict[str, list[float]] = {}
    for (key, _, _), page in zip(pages, per):
        by_type.setdefault(types[key], []).append(page.f1)
    kinds = " ".join(f"{k} {sum(v) / len(v):.3f}" for k, v in sorted(by_type.items()))
    return f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} ({kinds})"


def main() -> None:
    global EXCLUDE_FUNCTION_WORDS, VOCAB_STOPLIST_MAX
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "cleanwire" / "data" / "scorer.json")
    ap.add_argument("--cv", type=int, default=0, help="also report grouped K-fold and cross-set figures")
    ap.add_argument("--exclude-function-words", choices=("none", "unmeasured", "all"), default="none",
                    help="leave stopwords out of the vocabulary: of languages with too few training pages, or of all")
    ap.add_argument("--stoplist-max", type=int, default=VOCAB_STOPLIST_MAX, help="longest stoplist that counts as function words")
    args = ap.parse_args()
    EXCLUDE_FUNCTION_WORDS, VOCAB_STOPLIST_MAX = args.exclude_function_words, args.stoplist_max
    pages = load_pages(args.data)
    rows = {name: [page_rows(t, g) for _, t, g in ps] for name, ps in pages.items()}
    model = train(rows)
    out = {
        "comment": "Logistic-regression weights of the block scorer; written by scripts/train_scorer.py. Do not edit by hand.",
        "features": list(FEATURES),
        "bias": model.bias,
        "weights": list(model.weights),
        "context": {"features": list(CONTEXT_FEATURES), "bias": model.context.bias, "weights": list(model.context.weights)},
        "vocabulary": dict(model.vocabulary),
        "meta": {"trained_on": "AEB (181 pages) + WCXB-dev (1,497 pages), per-line labels from the annotations",
                 "rows": sum(len(r[0]) for rs in rows.values() for r in rs), "body_coverage": BODY_COVERAGE, "l2": L2,
                 "vocabulary_words": len(model.vocabulary), "vocabulary_min_pages": VOCAB_MIN_PAGES},
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    for name, weight in sorted(zip(FEATURES, model.weights), key=lambda kv: -abs(kv[1])):
        print(f"{name:>24} {weight:+.3f}")
    print(f"{'bias':>24} {model.bias:+.3f}")
    for name, weight in zip(CONTEXT_FEATURES, model.context.weights):
        print(f"{'context ' + name:>32} {weight:+.3f}")
    print(f"{'context bias':>32} {model.context.bias:+.3f}")
    if args.cv:
        types = page_types(args.data)
        for held, other in (("aeb", "wcxb"), ("wcxb", "aeb")):
            preds = predict(train({other: rows[other]}), pages[held])
            print(f"train on {other} only, test on {held}: {score(held, pages[held], preds, types)}")
        k = args.cv
        folds = page_folds(args.data, pages, k)
        for name in pages:
            preds = [""] * len(pages[name])
            fold_of = folds[name]
            for fold in range(k):  # pages of one domain share a fold; the other set is always in training
                train_rows = {n: [r for i, r in enumerate(rs) if n != name or fold_of[i] != fold] for n, rs in rows.items()}
                held = [i for i in range(len(pages[name])) if fold_of[i] == fold]
                for i, pred in zip(held, predict(train(train_rows), [pages[name][i] for i in held])):
                    preds[i] = pred
            print(f"{k}-fold by page, {name}: {score(name, pages[name], preds, types)}")
            print(f"in-sample, {name}: {score(name, pages[name], predict(model, pages[name]), types)}")


if __name__ == "__main__":
    main()
