"""The pandas and Dask adapters, the Dask ones on a distributed LocalCluster."""

from __future__ import annotations

import pandas as pd
import pytest
from distributed import Client, LocalCluster

import cleanwire
from cleanwire.integrations.dask import clean_bag, clean_dataframe
from cleanwire.integrations.pandas import clean_frame
from conftest import shared_path


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))] * 8


@pytest.fixture(scope="module")
def client():
    # threads_per_worker=1 and two in-process workers: a real scheduler and real task
    # transfer, started in about a second.
    with LocalCluster(n_workers=2, processes=False, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            yield c


def test_clean_frame_adds_columns_and_keeps_rows(pages: list[str]) -> None:
    df = pd.DataFrame({"id": range(len(pages) + 1), "text": [*pages, None]})
    out = clean_frame(df, keep_title=True)
    assert list(out.columns) == ["id", "text", "body", "title"] and len(out) == len(df)
    assert out["body"].tolist()[:-1] == [cleanwire.clean(p, keep_title=True) for p in pages]
    assert out["body"].iloc[-1] is None and out["title"].iloc[-1] is None
    assert "body" not in df.columns  # the input is not modified


def test_dask_bag_on_a_local_cluster(client, pages: list[str]) -> None:
    import dask.bag as db

    records = [{"id": i, "text": t} for i, t in enumerate(pages)] + [{"id": "bad"}]
    bag = db.from_sequence(records, npartitions=4)
    out = clean_bag(bag, on_error="mark").compute()
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert [r.get("body") for r in out[:-1]] == [cleanwire.clean(t) for t in pages]
    assert "cleanwire_error" in out[-1]


def test_dask_dataframe_on_a_local_cluster(client, pages: list[str]) -> None:
    import dask.dataframe as dd

    df = pd.DataFrame({"id": range(len(pages)), "content": pages})
    ddf = dd.from_pandas(df, npartitions=3)
    out = clean_dataframe(ddf, field="content", output_field="clean").compute()
    assert out["id"].tolist() == list(range(len(pages)))
    assert out["clean"].tolist() == [cleanwire.clean(t) for t in pages]
    assert out["title"].tolist() == [cleanwire.extract(t).title for t in pages]
