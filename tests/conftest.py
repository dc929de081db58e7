"""Shared fixtures: the loaded coder (spaCy model + KB) once per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from worldwire.pipeline import Coder
from worldwire.records import Article, content_id

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
# The seed page lives in the project's shared folder beside the repository.
SEED = ROOT.parent / "shared" / "seeds" / "000_0fb71f7b8e0cb2ab.txt"


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder.load()


@pytest.fixture(scope="session")
def code(coder):
    """Code hand-written sentences (no cleaning, any length): code(text, on) -> CodedArticle."""

    def run(text: str, on: date | None = date(2023, 3, 21)):
        article = Article(id=content_id(text), text=text, url=None, location="<test>", published=on)
        return coder.code([article])[0]

    return run


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, coder):
    """The sample corpus coded once per session into a store (tests only read it)."""
    from worldwire.pipeline import ingest
    from worldwire.store import open_store

    store = open_store(tmp_path_factory.mktemp("corpus_store") / "corpus.duckdb")
    list(ingest([str(CORPUS)], store, coder))
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, corpus_store) -> str:
    """A copy of the coded corpus store as a file, for CLI tests (they open it themselves)."""
    import shutil

    corpus_store.con.execute("CHECKPOINT")
    path = tmp_path_factory.mktemp("corpus_db") / "corpus.duckdb"
    shutil.copy(corpus_store.path, path)
    return str(path)
