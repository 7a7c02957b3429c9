"""Shared fixtures: the verified spaCy pipeline and one build of the sample corpus per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"
GOLD = ROOT / "data" / "gold" / "seeds.json"


@pytest.fixture(scope="session")
def nlp():
    from extract.model import load_nlp
    return load_nlp()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """OUT_DIR of `actorgraph build data/articles`."""
    from graph.build import build
    out = tmp_path_factory.mktemp("sample") / "out"
    build(SAMPLE, out)
    return out


@pytest.fixture
def analyse_text(nlp):
    """Run the whole per-document pipeline on a text of the test's own."""
    from extract.pipeline import analyse
    from extract.records import Document

    def run(text: str, doc_id: str = "t"):
        return analyse(Document(doc_id, f"{doc_id}.txt", text), nlp(text))
    return run
