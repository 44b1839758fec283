"""The Hugging Face datasets recipe of docs/pipelines.md, run as written there."""

from __future__ import annotations

import datasets  # in the test extra: light once pyarrow is there for dask.dataframe

import cleanwire
from conftest import shared_path


def add_body(batch: dict) -> dict:
    docs = [cleanwire.extract(text) for text in batch["text"]]
    return {"body": [d.body for d in docs], "title": [d.title for d in docs]}


def test_datasets_map_batched() -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]
    ds = datasets.Dataset.from_dict({"id": list(range(len(pages))), "text": pages})
    out = ds.map(add_body, batched=True, batch_size=2)
    assert out["id"] == list(range(len(pages)))
    assert out["body"] == [cleanwire.clean(p) for p in pages]
    assert out["title"] == [cleanwire.extract(p).title for p in pages]
