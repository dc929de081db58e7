"""Run the coding stages on a Dask cluster: a local one (``--workers N``,
one process a worker) or an existing one (``--scheduler ADDRESS``, e.g. from
dask-jobqueue on SLURM or dask-kubernetes).

Workers need worldwire and its model installed; each loads the model and
the knowledge base once (``run.local.coder_for``). The driver reads the
inputs and writes the shards, so workers need no shared file system.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date

from ..settings import Settings
from .local import RunStats, run


@contextmanager
def client(workers: int | None = None, scheduler: str | None = None, memory_limit: str | None = None):
    """A Dask client on a new local cluster of ``workers`` processes, or on ``scheduler``."""
    from distributed import Client, LocalCluster

    if scheduler:
        from pathlib import Path

        # an address (tcp://host:8786) or the file `dask scheduler --scheduler-file F` wrote
        kw = {"scheduler_file": scheduler} if scheduler.endswith(".json") and Path(scheduler).is_file() else {
            "address": scheduler}
        with Client(**kw) as c:
            yield c
        return
    kwargs = {"memory_limit": memory_limit} if memory_limit else {}
    with LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None,
                      **kwargs) as cluster, Client(cluster) as c:
        yield c


def run_on_dask(paths: Iterable[str], out: str, workers: int | None = None, scheduler: str | None = None,
                settings: Settings | None = None, default_date: date | None = None, batch: int = 64,
                stop_after: int | None = None, stories: bool = True) -> RunStats:
    """Code ``paths`` into shards under ``out`` on a Dask cluster (two batches in flight per worker)."""
    with client(workers, scheduler) as c:
        n = len(c.scheduler_info().get("workers", {})) or (workers or 1)

        def submit(fn, *args):
            return c.submit(fn, *args, pure=False)

        return run(paths, out, submit, settings, default_date, batch=batch, max_inflight=2 * n + 1,
                   stop_after=stop_after, stories=stories)
