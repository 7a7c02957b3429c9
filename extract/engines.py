"""Where parsing and extraction run: in this process, in local worker processes, or on a Dask cluster.

Every engine maps the same function (pipeline.analyse_texts) over the same
batches of documents and yields the batch results in input order, so the
engine chosen never changes what a build contains.

The Dask engine needs, on every worker, the same actorgraph install and the
pinned spaCy model (each worker loads and verifies it once). Without
`scheduler` it starts a LocalCluster of `jobs` single-threaded worker
processes; with `scheduler` ("tcp://host:8786") it uses that cluster.
"""
from __future__ import annotations

import os
from collections import deque
from typing import Callable, Iterable, Iterator

ENGINES = ("local", "dask")


def local_map(func: Callable, batches: Iterable[list], jobs: int = 1) -> Iterator:
    if jobs <= 1:
        yield from map(func, batches)
        return
    import multiprocessing as mp
    ctx = mp.get_context("spawn" if os.name == "nt" else "fork")
    with ctx.Pool(jobs) as pool:
        # imap keeps input order and streams: results are yielded as batches finish
        yield from pool.imap(func, batches)


def dask_map(func: Callable, batches: Iterable[list], jobs: int = 1, scheduler: str | None = None,
             in_flight: int | None = None) -> Iterator:
    """Map func over batches on a Dask cluster, a bounded number of batches in flight at once."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        limit = in_flight or 4 * workers
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(func, batch, pure=False))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_engine(engine: str, func: Callable, batches: Iterable[list], jobs: int = 1,
               scheduler: str | None = None) -> Iterator:
    if engine == "local":
        if scheduler:
            raise ValueError("--scheduler needs --engine dask")
        return local_map(func, batches, jobs)
    if engine == "dask":
        return dask_map(func, batches, jobs, scheduler)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
