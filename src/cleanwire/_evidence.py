"""Evidence written when it is read: the contributions ``explain()`` shows.

Every labelling needs each block's scores; only ``extract()`` and ``explain()`` read
the contributions behind them (``Decision.evidence``). Sorting and rounding those for
every block of every pass cost about a sixth of ``clean()``'s time, so a labelling keeps
what they are computed from (a block's measurements, the context contributions) and
``Evidence`` works out a block's when it is asked for: the same values, by the same
functions, as computing them all up front.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ._scorer import Model, block_evidence
from ._smooth import Context, context_evidence

Contributions = tuple[tuple[str, float], ...]


class Scored(NamedTuple):
    """An undecided block's pass-1 score and what its evidence is computed from."""

    score: float
    vector: tuple[float, ...]
    """The block's measurements (``_scorer.vector``)."""
    extra: Contributions = ()
    """DOM contributions (HTML mode), already counted in ``score``."""


def scored_evidence(x: Scored, m: Model) -> Contributions:
    """The evidence of a pass-1 score: its largest contributions, then the DOM ones."""
    return block_evidence(x.vector, m) + x.extra


class Evidence(Sequence[Contributions]):
    """Each block's evidence: its pass-1 contributions (none for a rule-decided block),
    then its largest context contributions. Item ``i`` is computed when read; nothing
    is stored, so reading it twice gives equal values."""

    __slots__ = ("_scored", "_context", "_model")

    def __init__(self, scored: Sequence[Scored | None], context: Context | None, model: Model) -> None:
        self._scored = scored
        self._context = context
        self._model = model

    def __len__(self) -> int:
        return len(self._scored)

    def __getitem__(self, i: int) -> Contributions:  # type: ignore[override]
        x = self._scored[i]
        c = () if self._context is None else context_evidence(self._context, i)
        return c if x is None else scored_evidence(x, self._model) + c

    def __iter__(self) -> Iterator[Contributions]:
        return map(self.__getitem__, range(len(self)))
