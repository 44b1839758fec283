"""pandas: add body and title columns to a DataFrame.

>>> import pandas as pd
>>> from cleanwire.integrations.pandas import clean_frame
>>> clean_frame(pd.DataFrame({"text": ["Menu\\nA sentence of prose that is long enough to be the body."]}))["body"][0]
'A sentence of prose that is long enough to be the body.'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._options import Options, make_options
from .._pipeline import extract


def clean_frame(
    df: pd.DataFrame,
    *,
    field: str = "text",
    output_field: str = "body",
    title_field: str | None = "title",
    options: Options | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """A copy of ``df`` with ``output_field`` (and ``title_field``) added, row for row.

    A missing or non-string text (``None``, ``NaN``) gives a missing body and title:
    no row is dropped and nothing raises.
    """
    if field not in df.columns:
        raise KeyError(f"no column {field!r} (columns: {', '.join(map(str, df.columns))})")
    opts = make_options(options, **overrides)
    docs = [extract(t, options=opts) if isinstance(t, str) else None for t in df[field]]
    # object dtype: the title may be None, and dask needs one dtype for its meta
    out = df.copy()
    out[output_field] = pd.Series([d.body if d else None for d in docs], index=df.index, dtype=object)
    if title_field:
        out[title_field] = pd.Series([d.title if d else None for d in docs], index=df.index, dtype=object)
    return out
