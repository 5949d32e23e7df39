"""Migrations: ordered, named, recorded, run once; WAL and foreign keys on."""

import sqlite3
from pathlib import Path

from desktop_assistant.db import MIGRATIONS, Database, applied_migrations, connect, migrate


def test_migrations_are_recorded_in_order_and_run_once(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    database = Database(path)
    names = [name for name, _ in MIGRATIONS]
    assert applied_migrations(database.conn) == names
    assert migrate(database.conn) == []
    database.close_all()
    reopened = Database(path)
    assert applied_migrations(reopened.conn) == names
    reopened.close_all()


def test_a_new_migration_runs_on_an_existing_database(tmp_path: Path) -> None:
    conn = connect(tmp_path / "b.db")
    migrate(conn)

    def m999_add_column(c: sqlite3.Connection) -> None:
        c.execute("ALTER TABLE memories ADD COLUMN source TEXT")

    MIGRATIONS.append(("m999_add_column", m999_add_column))
    try:
        assert migrate(conn) == ["m999_add_column"]
    finally:
        MIGRATIONS.pop()
    columns = [row[1] for row in conn.execute("PRAGMA table_info(memories)")]
    assert "source" in columns
    conn.close()


def test_a_failing_migration_leaves_nothing_half_done(tmp_path: Path) -> None:
    conn = connect(tmp_path / "c.db")
    migrate(conn)

    def m998_broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half (x)")
        c.execute("THIS IS NOT SQL")

    MIGRATIONS.append(("m998_broken", m998_broken))
    try:
        try:
            migrate(conn)
        except sqlite3.OperationalError:
            pass
        else:
            raise AssertionError("the broken migration should have raised")
    finally:
        MIGRATIONS.pop()
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables
    assert "m998_broken" not in applied_migrations(conn)
    conn.close()


def test_wal_and_foreign_keys(tmp_path: Path) -> None:
    database = Database(tmp_path / "d.db")
    conn = database.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    database.close_all()


def test_each_thread_gets_its_own_connection(tmp_path: Path) -> None:
    import threading

    database = Database(tmp_path / "e.db")
    seen: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: seen.append(database.conn))
    thread.start()
    thread.join()
    assert seen[0] is not database.conn
    database.close_all()


def test_feature_migrations_run_after_the_core_and_once(tmp_path: Path) -> None:
    def documents_m001_files(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE document_files (path TEXT PRIMARY KEY)")

    features = [("documents_m001_files", documents_m001_files)]
    database = Database(tmp_path / "f.db", features)
    names = applied_migrations(database.conn)
    assert names[-1] == "documents_m001_files"
    assert names[:-1] == [name for name, _ in MIGRATIONS]
    database.close_all()
    again = Database(tmp_path / "f.db", features)
    assert applied_migrations(again.conn) == names
    again.close_all()
