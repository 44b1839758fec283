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


def _tree_expr(tree: Tree, j: int = 0) -> str:
    a, t, left, right = tree[j]
    if a < 0:
        return repr(float(t))
    return f"({_tree_expr(tree, left)} if r[{int(a)}] <= {float(t)!r} else {_tree_expr(tree, right)})"


@lru_cache(maxsize=4)
def _compiled(m: TreeModel) -> Callable[[list[float]], float]:
    """The model's logit as one Python expression over the row (a row is a list of
    floats; the expression holds only the trees' feature indices and numbers), built
    once per model: about 30x faster than walking the node tuples."""
    n = len(type(m).FEATURES)
    for tree in m.trees:
        for j, (a, t, left, right) in enumerate(tree):
            # children after their parent (no cycles), finite numbers only (repr stays a literal)
            inner_ok = a < 0 or (j < left < len(tree) and j < right < len(tree))
            if not (-1 <= a < n and inner_ok and math.isfinite(t)):
                raise ValueError(f"malformed {type(m).NAME} tree")
    body = " + ".join([repr(float(m.bias))] + [_tree_expr(tree) for tree in m.trees])
    return eval(compile(f"lambda r: {body}", f"<{type(m).NAME.replace(' ', '-')}>", "eval"), {"__builtins__": {}})


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
