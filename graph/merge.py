"""The corpus merge of a build, with the records held compactly.

extract.pipeline.to_corpus merges document results into a Corpus by copying every relation with
global entity ids while the results (local entities, local relations) are still held, so at
100,000 articles the records were in memory twice over and the merge stage passed 4 GiB. A build
instead makes each result compact as it is read (`compact`: one object for each repeated value,
the alias sets and class weights the merge only reads shared between documents, no scorer
features, which no output reads) and merges with `merge`, which gives the Corpus to_corpus gives
(tests/graph/test_merge.py) but rewrites ids in the relations themselves and lets go of each
result's local entities once they are merged.
"""
from __future__ import annotations

from extract.aliases import merge_corpus
from extract.records import Corpus, DocResult, Relation, Skipped


class Pool:
    """One object per distinct value: labels, classes, rules and dates repeat across documents."""

    def __init__(self):
        self.values: dict = {}
        self.weights: dict[tuple, dict] = {}

    def __call__(self, value):
        return self.values.setdefault(value, value)

    def weights_of(self, weights: dict) -> dict:
        """One dict for equal class weights (same items in the same order): the merge only reads them."""
        return self.weights.setdefault(tuple(weights.items()), weights)


NO_FEATURES: tuple = ()   # the edge scorer's features: read while extracting, by no output


def compact(result: DocResult, pool: Pool, mentions: bool = True) -> DocResult:
    """The same result held in less memory (in place): repeated values shared through `pool`, local
    entities' aliases as shared frozensets, relations' local ids the entities' own strings, scorer
    features dropped; mentions dropped too unless `mentions` (only a review's decisions read them)."""
    doc = result.document
    doc.publisher, doc.date, doc.author = pool(doc.publisher), pool(doc.date), pool(doc.author)
    ids = {}
    for e in result.entities:
        ids[e.id] = e.id
        e.label, e.cls, e.qualifier, e.wikidata = pool(e.label), pool(e.cls), pool(e.qualifier), pool(e.wikidata)
        e.aliases = pool(frozenset(pool(a) for a in e.aliases))
        e.weights = pool.weights_of(e.weights)
    sentences: dict[str, str] = {}   # per document: two relations of one sentence share its text
    for rel in (*result.relations, *result.held):
        rel.subject, rel.object = ids.get(rel.subject, rel.subject), ids.get(rel.object, rel.object)
        rel.prop, rel.rule, rel.attributed_to = pool(rel.prop), pool(rel.rule), pool(rel.attributed_to)
        rel.date, rel.date_precision, rel.date_source = pool(rel.date), pool(rel.date_precision), pool(rel.date_source)
        rel.date_text = pool(rel.date_text)
        rel.sentence = sentences.setdefault(rel.sentence, rel.sentence)
        rel.features = NO_FEATURES
    if not mentions:
        result.mentions = []
    return result


def _globally(relations: list[Relation], gid: dict[str, str]) -> list[Relation]:
    """The relations whose two ends were merged, with global ids (rewritten in place)."""
    out = []
    for rel in relations:
        if rel.subject in gid and rel.object in gid:
            rel.subject, rel.object = gid[rel.subject], gid[rel.object]
            rel.attributed_to = gid.get(rel.attributed_to, rel.attributed_to)
            out.append(rel)
    return out


def merge(results: list[DocResult], skipped: list[Skipped]) -> Corpus:
    """What extract.pipeline.to_corpus(results, skipped) returns, without copying the relations and
    mentions: they get their global ids in place, and each result is emptied once merged (the
    results are the build's own, read for this merge)."""
    entities, gid = merge_corpus(results)
    documents, relations, mentions, held = [], {}, {}, {}
    for r in results:
        doc_id = r.document.doc_id
        documents.append(r.document)
        relations[doc_id] = _globally(r.relations, gid)
        held[doc_id] = _globally(r.held, gid)
        kept = [m for m in r.mentions if m.entity in gid]
        for m in kept:
            m.entity = gid[m.entity]
        mentions[doc_id] = kept
        r.entities, r.relations, r.held, r.mentions = [], [], [], []
    return Corpus(documents, entities, relations, mentions, skipped, held)
