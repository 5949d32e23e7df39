"""A document service on a real database file and a real index, in the test's folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_assistant.db import Database
from desktop_assistant.documents.schema import MIGRATIONS
from desktop_assistant.documents.service import DocumentService


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = Database(tmp_path / "assistant.db", MIGRATIONS)
    yield opened
    opened.close_all()


@pytest.fixture
def docs(tmp_path: Path, database: Database) -> Iterator[DocumentService]:
    service = DocumentService(lambda: database, tmp_path / "documents-index")
    yield service
    service.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "shared-drive"
    made.mkdir()
    return made
