"""graph.merge: the build's merge of compact records gives the corpus extract.pipeline.to_corpus gives."""
from __future__ import annotations

from dataclasses import replace

from extract.pipeline import to_corpus
from graph.manifest import load_results
from graph.merge import NO_FEATURES, Pool, compact, merge


def _plain(corpus):
    """The corpus as comparable values; the scorer's features aside (compact drops them)."""
    def rels(by_doc):
        return {d: [replace(r, features=NO_FEATURES) for r in rs] for d, rs in by_doc.items()}
    return (corpus.documents, corpus.entities, rels(corpus.relations), rels(corpus.held), corpus.mentions,
            corpus.skipped)


def test_merge_of_compact_results_equals_to_corpus(sample_build):
    expected = to_corpus(load_results(sample_build), [])
    pool = Pool()
    results = [compact(r, pool) for r in load_results(sample_build)]
    got = merge(results, [])
    assert _plain(got) == _plain(expected)
    assert sum(map(len, got.relations.values())) > 20 and any(got.mentions.values())
    assert all(not r.entities and not r.relations for r in results)   # each result let go once merged


def test_compact_shares_repeated_values_and_can_drop_mentions(sample_build):
    pool = Pool()
    a, b = (compact(r, pool, mentions=False) for r in load_results(sample_build)[:2])
    assert not a.mentions and not b.mentions
    labels = {e.label: e for e in a.entities}
    shared = [e for e in b.entities if e.label in labels]
    assert shared and all(e.label is labels[e.label].label for e in shared)
    for e in shared:
        assert e.aliases != labels[e.label].aliases or e.aliases is labels[e.label].aliases
    rel = a.relations[0]
    assert rel.subject in {e.id for e in a.entities} and rel.features == ()
    assert next(e.id for e in a.entities if e.id == rel.subject) is rel.subject
