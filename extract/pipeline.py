"""One article through the stages: read -> parse -> mentions -> entities -> relations; then the corpus merge."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extract.aliases import merge_corpus, resolve_document
from extract.mentions import find_mentions
from extract.metadata import read_metadata
from extract.model import load_nlp
from extract.reader import read_corpus
from extract.records import Corpus, DocResult, Document, Skipped
from extract.relations import extract_relations

BATCH_SIZE = 32


def analyse(document: Document, parsed) -> DocResult:
    """Everything actorgraph learns from one parsed document."""
    from extract.aliases import drop_latent, qualifier_relations
    from extract.coref import resolve_references
    from extract.features import document_edge_features
    from extract.learned import retype_entities, score_edges
    from extract.metadata import metadata_relations
    read_metadata(document)
    mentions = find_mentions(parsed, document=document)
    entities = retype_entities(resolve_document(mentions, document.doc_id), mentions, parsed)
    mentions = sorted(mentions + resolve_references(parsed, mentions, entities), key=lambda m: m.start)
    mentions, entities = drop_latent(mentions, entities)
    relations = extract_relations(parsed, mentions)
    have = {(r.subject, r.prop, r.object) for r in relations}
    for r in qualifier_relations(parsed, mentions, entities) + metadata_relations(document, mentions, entities):
        if (r.subject, r.prop, r.object) not in have:
            have.add((r.subject, r.prop, r.object))
            relations.append(r)
    document_edge_features(relations, {e.id: e for e in entities})
    return DocResult(document, entities, mentions, score_edges(relations))


def analyse_safely(document: Document, parsed) -> DocResult | Skipped:
    """analyse(), with a failure on one document turned into a skip naming it, so the build goes on."""
    try:
        return analyse(document, parsed)
    except Exception as e:  # noqa: BLE001 -- any bug or odd input in one article must not stop the corpus
        return Skipped(document.source, f"extraction failed: {type(e).__name__}: {e}")


def analyse_texts(documents: list[Document]) -> list[DocResult | Skipped]:
    nlp = load_nlp()
    parsed = nlp.pipe((d.text for d in documents), batch_size=BATCH_SIZE)
    return [analyse_safely(d, p) for d, p in zip(documents, parsed)]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_documents(documents: Iterable[Document], jobs: int = 1,
                      progress: Callable[[int], None] | None = None, *,
                      engine: str = "local", scheduler: str | None = None) -> Iterator[DocResult | Skipped]:
    """Parse and analyse documents in input order: in `jobs` worker processes when jobs > 1,
    or on a Dask cluster with engine="dask" (see extract/engines.py)."""
    from extract.engines import run_engine

    for batch in run_engine(engine, analyse_texts, _batches(documents, BATCH_SIZE), jobs, scheduler):
        for result in batch:
            if progress:
                progress(1)
            yield result


def to_corpus(results: list[DocResult], skipped: list[Skipped]) -> Corpus:
    """Merge document results: global entity ids on every mention and relation."""
    entities, gid = merge_corpus(results)
    relations, mentions = {}, {}
    for r in results:
        doc_id = r.document.doc_id
        relations[doc_id] = [replace(rel, subject=gid[rel.subject], object=gid[rel.object],
                                     attributed_to=gid.get(rel.attributed_to, rel.attributed_to))
                             for rel in r.relations]
        mentions[doc_id] = [replace(m, entity=gid[m.entity]) for m in r.mentions if m.entity in gid]
    return Corpus([r.document for r in results], entities, relations, mentions, skipped)


def read_documents(docs_dir: Path) -> tuple[list[Document], list[Skipped]]:
    documents, skipped = [], []
    for item in read_corpus(Path(docs_dir)):
        (skipped if isinstance(item, Skipped) else documents).append(item)
    return documents, skipped


def build_corpus(docs_dir: Path, jobs: int = 1,
                 progress: Callable[[int], None] | None = None, *,
                 engine: str = "local", scheduler: str | None = None) -> Corpus:
    documents, skipped = read_documents(docs_dir)
    results = []
    for r in analyse_documents(documents, jobs, progress, engine=engine, scheduler=scheduler):
        (skipped if isinstance(r, Skipped) else results).append(r)
    return to_corpus(results, skipped)
