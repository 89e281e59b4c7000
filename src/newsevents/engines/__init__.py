"""Run the same Coder everywhere: in this process, in a local process pool, or on a Dask cluster.

- `coders.py`: what runs in a worker (a `CoderSpec`, the per-process cached coder, `code_partition`);
- `backends.py`: where partitions run (`local`, `processes`, `dask`);
- `run.py`: the `EngineCoder`: partitions, retries, near-duplicates, results merged back in input order;
- `parquet.py`: the events as a Parquet dataset partitioned by event date.

See docs/scale.md.
"""
from newsevents.engines.backends import ENGINES, default_workers
from newsevents.engines.coders import DEFAULT_FACTORY, CoderFactoryError, CoderSpec, cached_coder, load_factory
from newsevents.engines.run import (DEFAULT_PARTITION_SIZE, DEFAULT_RETRIES, CodedBefore, EngineCoder,
                                   EngineOptions, EngineReport, ReadBack)

__all__ = ["DEFAULT_FACTORY", "DEFAULT_PARTITION_SIZE", "DEFAULT_RETRIES", "ENGINES", "CodedBefore",
           "CoderFactoryError", "CoderSpec", "EngineCoder", "EngineOptions", "EngineReport", "ReadBack",
           "cached_coder", "default_workers", "load_factory"]
