"""Shallow regression trees summed into a logit: the inference shared by the learned
block models (HTML: ``_block_model``; text: ``_text_model``).

Weights are data, trained by scikit-learn's gradient boosting and exported as plain
trees; inference is pure Python and deterministic. A model's class names its features
(``FEATURES``): a row is a list of floats in that order.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable, ClassVar, TypeVar

# A tree is a flat tuple of nodes: ``(feature, threshold, left, right)`` for a split
# (left when the value is <= threshold) and ``(-1, value, 0, 0)`` for a leaf.
Tree = tuple[tuple[int, float, int, int], ...]


@dataclass(frozen=True)
class TreeModel:
    """Shallow regression trees summed into a logit, and the decision threshold.

    A tree is a flat tuple of nodes: ``(feature, threshold, left, right)`` for a split
    (left when the value is <= threshold) and ``(-1, value, 0, 0)`` for a leaf.
    """

    bias: float
    trees: tuple[Tree, ...]
    threshold: float
    margin: float
    meta: tuple[tuple[str, str], ...] = ()

    FEATURES: ClassVar[tuple[str, ...]] = ()
    NAME: ClassVar[str] = "tree model"

    @property
    def logit(self) -> Callable[[list[float]], float]:
        return _compiled(self)

    def __hash__(self) -> int:
        # Models are cache keys (``_compiled``, ``_screen``): a few fields stand for the
        # whole (equal models hash equal), where the generated hash of every node of
        # every tree cost 1% of a text run, at each look-up.
        return hash((type(self), self.bias, self.threshold, self.margin, len(self.trees)))

    def above(self, limit: float) -> Callable[[list[float]], float | None]:
        """A function of a row: its logit when that is over ``limit``, else None; the
        same answer as ``logit``, in about half its work when most rows are below."""
        return _screen(self, limit)


def _tree_expr(tree: Tree, j: int = 0) -> str:
    """One tree as a conditional expression over the locals ``x<feature>``."""
    a, t, left, right = tree[j]
    if a < 0:
        return repr(float(t))
    return f"({_tree_expr(tree, left)} if x{int(a)} <= {float(t)!r} else {_tree_expr(tree, right)})"


def _checked(m: TreeModel) -> None:
    """Refuse a malformed tree before any of it is compiled."""
    n = len(type(m).FEATURES)
    for tree in m.trees:
        for j, (a, t, left, right) in enumerate(tree):
            # children after their parent (no cycles), finite numbers only (repr stays a literal)
            inner_ok = a < 0 or (j < left < len(tree) and j < right < len(tree))
            if not (-1 <= a < n and inner_ok and math.isfinite(t)):
                raise ValueError(f"malformed {type(m).NAME} tree")


def _function(m: TreeModel, body: list[str]) -> Callable:
    """``def f(r)``: the row unpacked into the locals ``x0, x1, ...`` (one bytecode for
    the whole row, where ``r[i]`` at every split costs three), then ``body``. The source
    holds only the trees' feature indices and numbers."""
    n = len(type(m).FEATURES)
    unpack = [f"{', '.join(f'x{i}' for i in range(n))}, = r"] if n else []
    source = "def f(r):\n" + "".join(f"    {line}\n" for line in unpack + body)
    namespace: dict = {"__builtins__": {}}
    exec(compile(source, f"<{type(m).NAME.replace(' ', '-')}>", "exec"), namespace)
    return namespace["f"]


@lru_cache(maxsize=4)
def _compiled(m: TreeModel) -> Callable[[list[float]], float]:
    """The model's logit as one Python expression over the row (a row is a list of
    ``len(FEATURES)`` floats), built once per model: about 30x faster than walking the
    node tuples."""
    _checked(m)
    return _function(m, ["return " + " + ".join([repr(float(m.bias))] + [_tree_expr(tree) for tree in m.trees])])


# Where ``_screen`` asks whether the row can still pass its limit: after the first
# SCREEN_FIRST trees, then every SCREEN_EVERY trees (about 40 of the text model's 60
# trees are read on an AEB line, for 60 without the checks; a check costs about a
# third of a tree).
SCREEN_FIRST = 24
SCREEN_EVERY = 3
# Slack for float rounding: the screen's sum runs in another order than the logit's.
SCREEN_SLACK = 1e-9


@lru_cache(maxsize=4)
def _screen(m: TreeModel, limit: float) -> Callable[[list[float]], float | None]:
    """``TreeModel.above``: the trees summed widest first (largest spread of leaf
    values), and a row given up as soon as the sum so far plus the largest leaves of
    the trees left cannot pass ``limit``. A row that may pass gets its exact logit
    from ``_compiled`` (the order of a float sum changes its last bits)."""
    exact = _compiled(m)  # also checks the trees
    spread = [max(leaves) - min(leaves) for leaves in ([t for a, t, _, _ in tree if a < 0] for tree in m.trees)]
    order = sorted(range(len(m.trees)), key=lambda k: (-spread[k], k))
    best_left = [0.0] * (len(order) + 1)  # the largest leaves of the trees from k on, summed
    for k in range(len(order) - 1, -1, -1):
        best_left[k] = best_left[k + 1] + max(t for a, t, _, _ in m.trees[order[k]] if a < 0)
    body = [f"s = {float(m.bias)!r}"]
    for k, tree in enumerate(order):
        if k >= SCREEN_FIRST and (k - SCREEN_FIRST) % SCREEN_EVERY == 0:
            body.append(f"if s <= {limit - best_left[k] - SCREEN_SLACK!r}: return None")
        body.append(f"s += {_tree_expr(m.trees[tree])}")
    body += [f"if s <= {limit - SCREEN_SLACK!r}: return None", "z = exact(r)", f"return z if z > {float(limit)!r} else None"]
    screen = _function(m, body)
    screen.__globals__["exact"] = exact
    return screen


M = TypeVar("M", bound=TreeModel)


def model_from_json(cls: type[M], data: dict) -> M:
    """A ``cls`` model from its JSON weights (refused when written for other features)."""
    if tuple(data["features"]) != cls.FEATURES:
        raise ValueError(f"{cls.NAME} weights are for other features than FEATURE_NAMES")
    trees = tuple(tuple((int(a), float(t), int(l), int(r)) for a, t, l, r in tree) for tree in data["trees"])
    meta = tuple(sorted((k, str(v)) for k, v in data.get("meta", {}).items()))
    return cls(float(data["bias"]), trees, float(data["threshold"]), float(data["margin"]), meta)


EVIDENCE_TOP = 3


def shipped(cls: type[M], filename: str) -> M | None:
    """The model shipped as ``cleanwire/data/<filename>``, None when the file is absent."""
    path = resources.files("cleanwire") / "data" / filename
    if not path.is_file():
        return None
    return model_from_json(cls, json.loads(path.read_text(encoding="utf-8")))


def predict(row: list[float], m: TreeModel) -> tuple[float, tuple[tuple[str, float], ...]]:
    """Logit of ``row`` and the features whose splits moved it most (summed per feature)."""
    names = type(m).FEATURES
    total = m.bias
    moved: dict[int, float] = {}
    for tree in m.trees:
        node = tree[0]
        j = 0
        path_feats: list[int] = []
        while node[0] >= 0:
            path_feats.append(node[0])
            j = node[2] if row[node[0]] <= node[1] else node[3]
            node = tree[j]
        total += node[1]
        if path_feats:  # credit the leaf value to the features on its path
            share = node[1] / len(path_feats)
            for a in path_feats:
                moved[a] = moved.get(a, 0.0) + share
    top = sorted(moved.items(), key=lambda kv: -abs(kv[1]))[:EVIDENCE_TOP]
    return total, tuple((names[a], round(v, 2)) for a, v in top)
