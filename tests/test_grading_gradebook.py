"""The gradebook's SQLite settings (nncourse.grading.sqlite_wal) and the trusted-cells cache."""

import os
import sqlite3

from nbgrader.api import Gradebook
from traitlets.config import Config

from nncourse.grading import gradebook, sqlite_wal
from nncourse.grading.config import configure


def _journal(db: str) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]


def _gradebook(tmp_path) -> str:
    configure(Config(), repo=str(tmp_path / "repo"), workspace=str(tmp_path / "ws"))
    db = str(tmp_path / "gradebook.db")
    with Gradebook("sqlite:///" + db) as gb:
        gb.add_student("s1")
    return db


def test_a_local_gradebook_commits_through_the_write_ahead_log(tmp_path):
    assert sqlite_wal.local_disk(str(tmp_path))
    assert _journal(_gradebook(tmp_path)) == "wal"


def test_a_gradebook_on_a_network_file_system_keeps_sqlites_defaults(tmp_path, monkeypatch):
    mounts = tmp_path / "mounts"
    mounts.write_text(f"rootfs / ext4 rw 0 0\nserver:/export {tmp_path} nfs4 rw 0 0\n")
    monkeypatch.setattr(sqlite_wal, "MOUNTS", str(mounts))
    assert sqlite_wal.filesystem_type(str(tmp_path / "x" / "gradebook.db")) == "nfs4"
    assert sqlite_wal.filesystem_type("/elsewhere") == "ext4"
    assert not sqlite_wal.local_disk(str(tmp_path))
    assert _journal(_gradebook(tmp_path)) == "delete"


def test_unknown_file_systems_count_as_not_local(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_wal, "MOUNTS", str(tmp_path / "missing"))
    assert sqlite_wal.filesystem_type("/") is None
    assert not sqlite_wal.local_disk("/")


def test_trusted_cells_are_read_again_when_the_gradebook_changes(tmp_path, monkeypatch):
    calls = []

    class Fake:
        def __init__(self, url):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def find_notebook(self, notebook, assignment):
            calls.append(notebook)
            return type("NB", (), {"grade_cells": [], "solution_cells": [], "source_cells": []})()

    import nbgrader.api

    monkeypatch.setattr(nbgrader.api, "Gradebook", Fake)
    db = tmp_path / "gradebook.db"
    db.write_bytes(b"one")
    url = "sqlite:///" + str(db)
    gradebook.read_trusted(url, "nb", "a")
    gradebook.read_trusted(url, "nb", "a")
    assert calls == ["nb"]                      # unchanged file: read once
    db.write_bytes(b"two, longer")
    os.utime(db, ns=(1, 1))
    gradebook.read_trusted(url, "nb", "a")
    assert calls == ["nb", "nb"]                # changed file: read again
