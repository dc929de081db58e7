"""Read snapshots: how a reader keeps answering while an ingest writes.

DuckDB lets one process write a database file, or many processes read it,
never both. A long ``worldwire ingest`` would otherwise lock the web server
out for its whole run. So readers that must keep answering (``worldwire
serve``) read a *snapshot*: a byte copy of the store taken at a moment when
it was consistent, kept in the folder ``<store>.snapshots/``.

- Snapshots are wanted only when that folder exists; the server creates it.
- The writer publishes one after a commit, at most every ``interval``
  seconds and never spending more than about 5% of its time copying:
  ``CHECKPOINT`` (all committed data is in the main file, the WAL is
  empty), copy to a temporary name, ``fsync``, rename. A reader never sees a
  half-written snapshot, and never a half-written article: the copy is taken
  between transactions.
- When the writer closes the store after committing anything, it publishes
  a last snapshot (whatever the interval), so a reader is current the
  moment the writer has finished.
- When no one writes, the reader refreshes the snapshot itself from the main
  file, holding a read-only connection (DuckDB's shared lock) while copying,
  so a writer cannot start in the middle of the copy.
- Each snapshot has its own file name (the main file's modification time in
  nanoseconds), so a connection to an older snapshot keeps reading it
  consistently until its request ends, and DuckDB's in-process instance
  cache never hands out a stale database under a reused name.

A snapshot lags the store by at most the publishing interval while an
ingest runs (answers say how old they are: ``Snapshot.taken_at``), and by
nothing once it has finished.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

SUFFIX = ".snapshots"
KEEP = 2  # snapshots kept on disk: the newest and the one before it


def folder(db_path: str | Path) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def wanted(db_path: str | Path) -> bool:
    return folder(db_path).is_dir()


def _main_version(db_path: str | Path) -> int:
    return os.stat(db_path).st_mtime_ns


def _snapshots(target_dir: Path) -> list[Path]:
    """The complete snapshots in a snapshot folder, oldest first."""
    return sorted((p for p in target_dir.iterdir() if p.suffix == ".duckdb" and p.stem.isdigit()),
                  key=lambda p: int(p.stem))


def newest(db_path: str | Path) -> Path | None:
    """The newest complete snapshot of the store, or None."""
    try:
        snaps = _snapshots(folder(db_path))
    except FileNotFoundError:
        return None
    return snaps[-1] if snaps else None


def _copy(db_path: str | Path, version: int) -> Path:
    """Copy the main file to ``<version>.duckdb`` in the snapshot folder, atomically."""
    target_dir = folder(db_path)
    target_dir.mkdir(exist_ok=True)
    final = target_dir / f"{version}.duckdb"
    tmp = target_dir / f".{version}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        shutil.copyfile(db_path, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    _prune(target_dir)
    return final


def _prune(target_dir: Path) -> None:
    """Remove all but the newest KEEP snapshots, and temporary files left by a killed copy.

    On POSIX systems a reader still holding a removed snapshot keeps reading it.
    """
    for p in _snapshots(target_dir)[:-KEEP]:
        p.unlink(missing_ok=True)
    for p in target_dir.glob(".*.tmp"):
        if time.time() - p.stat().st_mtime > 600:
            p.unlink(missing_ok=True)


class Publisher:
    """The writer's side: publish a snapshot after a commit when one is due."""

    def __init__(self, db_path: str | Path, con: duckdb.DuckDBPyConnection, interval: float = 5.0):
        self.db_path = str(db_path)
        self.con = con
        self.interval = interval
        self.last = 0.0
        self.cost = 0.0  # seconds the last copy took
        self.unpublished = False  # commits since the last snapshot

    def due(self) -> bool:
        if not wanted(self.db_path):
            return False
        # at least `interval` apart, and copying at most ~5% of the time
        return time.monotonic() - self.last >= max(self.interval, 20 * self.cost)

    def publish(self) -> Path:
        """Checkpoint and copy; call only between transactions."""
        start = time.monotonic()
        self.con.execute("CHECKPOINT")
        path = _copy(self.db_path, _main_version(self.db_path))
        self.last = time.monotonic()
        self.cost = self.last - start
        self.unpublished = False
        return path

    def after_commit(self) -> None:
        self.unpublished = True
        if self.due():
            self.publish()

    def before_close(self) -> None:
        """The last snapshot, when readers want one and commits are not in it yet."""
        if self.unpublished and wanted(self.db_path):
            self.publish()


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: float  # seconds since the epoch (the main file's modification time)


class Reader:
    """The reader's side: the newest snapshot, refreshed from the main file when no one writes.

    Thread-safe; a refresh runs in one thread at a time while the others go
    on with the snapshot they have.
    """

    def __init__(self, db_path: str | Path, min_refresh_interval: float = 1.0):
        self.db_path = str(db_path)
        self.min_refresh_interval = min_refresh_interval
        self._lock = threading.Lock()
        self._last_try = 0.0
        folder(self.db_path).mkdir(exist_ok=True)

    def current(self) -> Snapshot | None:
        """The snapshot to read now (refreshing it first when it is stale and the store is free)."""
        snap = newest(self.db_path)
        try:
            version = _main_version(self.db_path)
        except FileNotFoundError:
            return None
        stale = snap is None or int(snap.stem) < version
        if stale and self._lock.acquire(blocking=snap is None):
            try:
                now = time.monotonic()
                if snap is None or now - self._last_try >= self.min_refresh_interval:
                    self._last_try = now
                    snap = self._refresh() or snap
            finally:
                self._lock.release()
        if snap is None:
            return None
        return Snapshot(snap, int(snap.stem) / 1e9)

    def _refresh(self) -> Path | None:
        """Copy the main file while holding DuckDB's shared lock; None if a writer holds it."""
        if os.path.exists(f"{self.db_path}.wal"):
            # a writer is running, or one was killed: its log is not in the main file yet
            return None
        try:
            con = duckdb.connect(self.db_path, read_only=True)
        except duckdb.Error:
            return None  # locked by a writer
        try:
            if os.path.exists(f"{self.db_path}.wal"):
                return None
            return _copy(self.db_path, _main_version(self.db_path))
        finally:
            con.close()
