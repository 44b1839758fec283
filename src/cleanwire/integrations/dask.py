"""Dask: clean a ``dask.bag`` of records or a ``dask.dataframe`` column, partition by
partition, on whatever scheduler or cluster is active. Nothing of ours schedules work.

>>> import dask.bag as db
>>> from cleanwire.integrations.dask import clean_bag
>>> bag = db.from_sequence([{"id": 1, "text": "Menu\\nA sentence of prose long enough to be the body."}])
>>> clean_bag(bag).compute()[0]["body"]
'A sentence of prose long enough to be the body.'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import dask.bag as db

from .._options import Options, make_options
from .._records import clean_records

if TYPE_CHECKING:  # dask.dataframe needs pyarrow; clean_bag does not
    import dask.dataframe as dd


def _clean_partition(records: Any, **kwargs: Any) -> list[dict[str, Any]]:
    return list(clean_records(records, **kwargs))


def clean_bag(
    bag: db.Bag,
    *,
    field: str = "text",
    output_field: str = "body",
    title_field: str | None = "title",
    on_error: str = "raise",
    options: Options | None = None,
    **overrides: Any,
) -> db.Bag:
    """A bag of records (dicts) with the body (and title) added, in the same order;
    ``on_error="mark"`` keeps bad records with a ``cleanwire_error`` field."""
    opts = make_options(options, **overrides)
    return bag.map_partitions(_clean_partition, field=field, output_field=output_field,
                              title_field=title_field, options=opts, on_error=on_error)


def clean_dataframe(
    ddf: dd.DataFrame,
    *,
    field: str = "text",
    output_field: str = "body",
    title_field: str | None = "title",
    options: Options | None = None,
    **overrides: Any,
) -> dd.DataFrame:
    """``ddf`` with body and title columns added by ``clean_frame`` on each partition."""
    from .pandas import clean_frame
    opts = make_options(options, **overrides)
    kwargs = dict(field=field, output_field=output_field, title_field=title_field, options=opts)
    meta = clean_frame(ddf._meta, **kwargs)
    return ddf.map_partitions(clean_frame, **kwargs, meta=meta)
