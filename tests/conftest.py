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


@pytest.fixture
def rels(nlp):
    """Relation frames on mentions given by hand: `rels(text, [(surface, class, entity, kind), ...])`, so a
    test checks the patterns, not the mention finder. `relabel` ({word: dependency label}) puts a parse the
    parser gives on other sentences onto this one."""
    import re

    from extract.records import Mention
    from extract.relations import extract_relations

    def run(text: str, ents: list[tuple], full: bool = False, relabel: dict[str, str] | None = None):
        doc = nlp(text)
        for t in doc:
            if relabel and t.text in relabel:
                t.dep_ = relabel[t.text]
        mentions = []
        for surface, cls, *rest in ents:
            ident = rest[0] if rest else surface
            kind = rest[1] if len(rest) > 1 else "name"
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                mentions.append(Mention(m.start(), m.end(), surface, cls, entity=ident, kind=kind,
                                        tok_start=span.start, tok_end=span.end))
        found = extract_relations(doc, mentions)
        for r in found:   # evidence is always verbatim
            assert text[r.start:r.end] == r.sentence
        return found if full else {(r.subject, r.prop, r.object) for r in found}
    return run
