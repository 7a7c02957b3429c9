"""One article through the stages: read -> parse -> mentions -> entities -> relations; then the corpus merge."""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import replace
from functools import partial
from pathlib import Path
from time import monotonic
from typing import Callable, Iterable, Iterator

from extract.aliases import merge_corpus, resolve_document
from extract.dates import date_relations
from extract.mentions import find_mentions
from extract.metadata import read_metadata
from extract.model import load_nlp
from extract.reader import read_corpus
from extract.records import Corpus, DocResult, Document, Skipped
from extract.relations import extract_relations

BATCH_SIZE = 32
REVIEW_FILE = "actorgraph-review.jsonl"   # a reviewer's decisions beside the articles (graph/review.py): not an article
# Seconds one document may spend in the stages after its parse (the parse itself is bounded by
# reader.MAX_CHARS). A document over it is skipped with a reason, so one pathological article cannot
# stall a build; the check runs between stages, so a stage already running is not cut short.
DOC_SECONDS = 300.0
_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)


class OverBudget(Exception):
    """The document's time budget ran out; the message names the last stage it finished."""


def checkpoint(stage: str) -> None:
    """Between two stages of one document: stop it when its time budget (set by analyse_safely) is spent."""
    end = _deadline.get()
    if end is not None and monotonic() > end:
        raise OverBudget(stage)


def analyse(document: Document, parsed) -> DocResult:
    """Everything actorgraph learns from one parsed document."""
    from extract.aliases import drop_latent, qualifier_relations
    from extract.generic_bodies import fold_government, fold_lone_heads, unknown_states
    from extract.coref import resolve_references
    from extract.credits import credit_relations
    from extract.features import document_edge_features
    from extract.learned import pair_relations, retype_entities, score_edges
    from extract.metadata import metadata_relations
    read_metadata(document)
    checkpoint("metadata")
    mentions = find_mentions(parsed, document=document)
    checkpoint("mentions")
    entities = retype_entities(resolve_document(mentions, document.doc_id), mentions, parsed)
    checkpoint("entities")
    mentions = sorted(mentions + resolve_references(parsed, mentions, entities), key=lambda m: m.start)
    mentions, entities = fold_government(parsed, *fold_lone_heads(*drop_latent(mentions, entities)))
    entities = unknown_states(mentions, entities)
    checkpoint("references")
    relations = extract_relations(parsed, mentions)
    checkpoint("relations")
    more = qualifier_relations(parsed, mentions, entities) + metadata_relations(document, mentions, entities) \
        + credit_relations(document, mentions)
    checkpoint("qualifiers")
    have = {(r.subject, r.prop, r.object) for r in relations}
    for r in more:
        if (r.subject, r.prop, r.object) not in have:
            have.add((r.subject, r.prop, r.object))
            relations.append(r)
    document_edge_features(relations, {e.id: e for e in entities}, mentions)
    held: list = []
    relations = score_edges(relations, held)
    relations += pair_relations(parsed, mentions, entities, relations)
    have = {(r.subject, r.prop, r.object) for r in relations}   # the pair model may assert what a rule held
    held = [r for r in held if (r.subject, r.prop, r.object) not in have]
    date_relations(document, relations + held)   # a held edge a reviewer accepts keeps its date
    return DocResult(document, entities, mentions, relations, held)


def analyse_safely(document: Document, parsed, seconds: float | None = DOC_SECONDS) -> DocResult | Skipped:
    """analyse(), with a failure on one document, or its running over `seconds` (None: no limit),
    turned into a skip naming it, so the build goes on."""
    token = _deadline.set(monotonic() + seconds if seconds else None)
    try:
        return analyse(document, parsed)
    except OverBudget as e:
        return Skipped(document.source, f"took too long: over the time budget of {seconds:g} s per document "
                                        f"(stopped after the {e} stage)")
    except Exception as e:  # noqa: BLE001 -- any bug or odd input in one article must not stop the corpus
        return Skipped(document.source, f"extraction failed: {type(e).__name__}: {e}")
    finally:
        _deadline.reset(token)


def analyse_texts(documents: list[Document], seconds: float | None = DOC_SECONDS) -> list[DocResult | Skipped]:
    nlp = load_nlp()
    parsed = nlp.pipe((d.text for d in documents), batch_size=BATCH_SIZE)
    return [analyse_safely(d, p, seconds) for d, p in zip(documents, parsed)]


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
                      engine: str = "local", scheduler: str | None = None,
                      doc_seconds: float | None = DOC_SECONDS) -> Iterator[DocResult | Skipped]:
    """Parse and analyse documents in input order: in `jobs` worker processes when jobs > 1,
    or on a Dask cluster with engine="dask" (see extract/engines.py). A document that spends more
    than `doc_seconds` after its parse (None: no limit) is skipped with a reason."""
    from extract.engines import run_engine

    func = partial(analyse_texts, seconds=doc_seconds)
    for batch in run_engine(engine, func, _batches(documents, BATCH_SIZE), jobs, scheduler):
        for result in batch:
            if progress:
                progress(1)
            yield result


def to_corpus(results: list[DocResult], skipped: list[Skipped]) -> Corpus:
    """Merge document results: global entity ids on every mention and relation."""
    entities, gid = merge_corpus(results)
    relations, mentions, held = {}, {}, {}

    def globally(rels):
        return [replace(rel, subject=gid[rel.subject], object=gid[rel.object],
                        attributed_to=gid.get(rel.attributed_to, rel.attributed_to))
                for rel in rels if rel.subject in gid and rel.object in gid]

    for r in results:
        doc_id = r.document.doc_id
        relations[doc_id] = globally(r.relations)
        held[doc_id] = globally(r.held)
        mentions[doc_id] = [replace(m, entity=gid[m.entity]) for m in r.mentions if m.entity in gid]
    return Corpus([r.document for r in results], entities, relations, mentions, skipped, held)


def read_documents(docs_dir: Path, follow_links: bool = False) -> tuple[list[Document], list[Skipped]]:
    documents, skipped = [], []
    for item in read_corpus(Path(docs_dir), follow_links):
        if isinstance(item, Skipped) and item.source == REVIEW_FILE:
            continue
        (skipped if isinstance(item, Skipped) else documents).append(item)
    return documents, skipped


def build_corpus(docs_dir: Path, jobs: int = 1,
                 progress: Callable[[int], None] | None = None, *,
                 engine: str = "local", scheduler: str | None = None, follow_links: bool = False,
                 doc_seconds: float | None = DOC_SECONDS) -> Corpus:
    documents, skipped = read_documents(docs_dir, follow_links)
    results = []
    for r in analyse_documents(documents, jobs, progress, engine=engine, scheduler=scheduler,
                               doc_seconds=doc_seconds):
        (skipped if isinstance(r, Skipped) else results).append(r)
    return to_corpus(results, skipped)
