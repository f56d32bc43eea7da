"""Cheaper gradebook commits: SQLite's write-ahead log on a local disk.

nbgrader commits its gradebook some 40 times per graded notebook
(``SaveAutoGrades`` finds or creates each grade and comment row, one commit
each), and in SQLite's default rollback-journal mode with ``synchronous=FULL``
every commit waits for the disk twice.  On one machine that made the single
gradebook writer of a ``--jobs`` run the slowest part of it.

:func:`use_wal` makes every SQLite connection SQLAlchemy opens in this process
to a gradebook on a **local** file system use ``journal_mode=WAL`` with
``synchronous=NORMAL``: a commit appends to the log without waiting for the
disk; the database cannot be corrupted by a crash of the process or of the
machine, and a power loss can undo at most the last commits — which the next
``nncourse autograde`` regrades (it retries every student whose grades are
incomplete).  Readers (formgrader, ``nncourse report``) keep working while it
writes.  On a network file system (NFS, CIFS, ...) SQLite's log cannot be
shared safely, so nothing changes there.
"""

from __future__ import annotations

import os

NETWORK_FILESYSTEMS = ("nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre",
                       "gpfs", "beegfs", "fuse", "fuseblk", "virtiofs")
MOUNTS = "/proc/self/mounts"
_INSTALLED = []


def filesystem_type(path: str) -> str | None:
    """The type of the file system holding ``path`` (:data:`MOUNTS`), or None if unknown."""
    path = os.path.realpath(path)
    best, kind = "", None
    try:
        with open(MOUNTS) as fh:
            for line in fh:
                parts = line.split()
                if len(parts) < 3:
                    continue
                point = parts[1].replace("\\040", " ")
                inside = path == point or path.startswith(point.rstrip("/") + "/")
                if inside and len(point) > len(best):
                    best, kind = point, parts[2]
    except OSError:
        return None
    return kind


def local_disk(path: str) -> bool:
    """Whether ``path`` is on a file system where SQLite's write-ahead log is safe."""
    kind = filesystem_type(path)
    return kind is not None and not kind.startswith(NETWORK_FILESYSTEMS)


def _on_connect(dbapi_connection, connection_record) -> None:
    import sqlite3

    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        row = cursor.execute("PRAGMA database_list").fetchone()
        path = row[2] if row else ""
        if path and local_disk(path):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def use_wal() -> None:
    """Apply the settings above to every SQLite connection SQLAlchemy opens in this process (once)."""
    if _INSTALLED:
        return
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    event.listen(Engine, "connect", _on_connect)
    _INSTALLED.append(True)
