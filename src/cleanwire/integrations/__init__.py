"""Thin adapters for other engines: ``cleanwire.integrations.pandas`` and
``cleanwire.integrations.dask``. Each imports its engine only when imported itself."""
