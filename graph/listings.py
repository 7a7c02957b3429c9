"""Pages of the listing queries, kept in the edge layer (graph id:edges) beside the edges.

A listing query (edges_with_support, who_blocked_whom, ...) would return thousands of rows at 10M
quads, and the store sorts all of them before it can hand out the first. So the rows are ordered
here, once per build, in the query's own ORDER BY, cut into pages of PAGE_SIZE rows, and each page's
number is written on the node a row hangs from (its "anchor": an edge, an entity, a document or an
assertion): `?edge ag:supportPage 3`. A saved query binds ?page (graph.query binds 1 when the user
does not) and reads one page by an exact match, then sorts those rows only. Rows of one anchor, and
rows with the same key (two entities with one label), are never split between pages, so a page may
hold a few more than PAGE_SIZE rows.

Also here: the per-document counts of document_summaries and the per-rule sums of edges_by_rule,
so neither walks every assertion at query time.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator

from rdflib import XSD, Literal, URIRef

from graph.rdf import AG, ID, assertion_iri_of, doc_iri, entity_iri

PAGE_SIZE = 100
TARGETING = ("blocked", "requestedRemoval", "pressured", "threatened")
MEMBERSHIP = ("leads", "memberOf", "wroteFor")


def pages(ordered: Iterable[tuple], size: int = PAGE_SIZE) -> dict:
    """(row key, anchor, rows) in listing order -> {anchor: page}, pages from 1; a page is closed once it
    holds `size` rows, never between two items of the same row key."""
    out, page, count, last = {}, 1, 0, object()
    for key, anchor, rows in ordered:
        if key != last:
            if count >= size:
                page, count = page + 1, 0
            count += rows
            last = key
        out.setdefault(anchor, page)
    return out


@lru_cache(maxsize=1 << 16)
def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


class _Terms:
    """Terms made once per build of the listings: an edge's IRI is written up to seven times, an entity's
    many more, and making rdflib terms (and hashing edge keys) was most of the listings' time."""

    def __init__(self):
        from graph.edges import edge_iri
        self._edge_iri = edge_iri
        self.edges: dict[tuple, URIRef] = {}
        self.entities: dict[str, URIRef] = {}
        self.props: dict[str, URIRef] = {}

    def edge(self, key: tuple) -> URIRef:
        iri = self.edges.get(key)
        if iri is None:
            iri = self.edges[key] = self._edge_iri(key)
        return iri

    def entity(self, gid: str) -> URIRef:
        iri = self.entities.get(gid)
        if iri is None:
            iri = self.entities[gid] = entity_iri(gid)
        return iri

    def __getattr__(self, name: str) -> URIRef:   # AG.<name>, made once
        if name.startswith("_"):
            raise AttributeError(name)
        iri = self.props.get(name)
        if iri is None:
            iri = self.props[name] = AG[name]
        return iri


def listing_triples(edges: dict, labels: dict[str, str], classes: dict[str, str],
                    mentions: dict[str, int] | None = None, doc_ids: Iterable[str] = ()) -> Iterator[tuple]:
    """The page numbers, document counts and rule sums of the layer (`edges`: graph.edges' dict;
    `labels`, `classes`: entity id -> label, class; `mentions`: doc id -> entities mentioning it)."""
    def label(e):
        return labels.get(e, "")

    def edge_pages(pred, keyed):   # keyed: (sort key, row key, edge key)
        for key, page in pages((row, k, 1) for _, row, k in sorted(keyed)).items():
            yield tm.edge(key), pred, _int(page)

    tm = _Terms()
    items = list(edges.items())

    support: dict[tuple, list[dict]] = {}   # row -> its edges' parts (doc id -> part): references, not a set of copies
    for (s, p, o), edge in items:
        support.setdefault((label(s), p, label(o)), []).append(edge.parts)
    counts = {r: len(set().union(*parts)) for r, parts in support.items()}
    yield from edge_pages(tm.supportPage, (((-counts[r],) + r, r, k) for k, _ in items
                                            for r in [(label(k[0]), k[1], label(k[2]))]))
    for k, _ in sorted(items):   # each edge keeps its row's documents: the busiest rows have thousands
        row = (label(k[0]), k[1], label(k[2]))
        yield tm.edge(k), tm.supportDocuments, _int(counts[row])
        yield tm.edge(k), tm.supportDocumentIds, Literal("; ".join(sorted(set().union(*support[row]))))
    del support, counts
    hedged = {k: (label(k[0]), k[1], label(k[2])) for k, e in items if all(part.hedged_only for part in e.parts.values())}
    yield from edge_pages(tm.hedgedPage, ((row, row, k) for k, row in hedged.items()))
    yield from _row_values(tm, tm.hedgedAssertions, hedged, dict(items),
                           lambda e: sum(len(part.assertions) for part in e.parts.values()), sum)
    yield from edge_pages(tm.blockedPage, (((label(s), label(o)),) * 2 + ((s, p, o),) for (s, p, o), _ in items
                                           if p == "blocked"))
    for (s, p, o), edge in items:   # who_blocked_whom reads each sentence from its assertion, by its IRI
        if p == "blocked":
            for doc_id, part in sorted(edge.parts.items()):
                for start, rule in sorted(part.assertions):
                    yield tm.edge((s, p, o)), tm.blockedAssertion, assertion_iri_of(doc_id, s, p, o, start, rule)
    members = {(s, p, o): (label(o), p, label(s), classes.get(o, "")) for (s, p, o), _ in items if p in MEMBERSHIP}
    yield from edge_pages(tm.membershipPage, ((row, row, k) for k, row in members.items()))
    yield from _row_values(tm, tm.membershipDocuments, members, dict(items), lambda e: set(e.parts),
                           lambda sets: len(set().union(*sets)))
    states_of: dict[str, set[str]] = {}   # agency -> the states it is part of
    for (s, p, o), _ in items:
        if p == "partOf" and classes.get(s) == "Agency" and classes.get(o) == "State":
            states_of.setdefault(s, set()).add(o)
    agencies = {(s, "partOf", o): (label(o), label(s)) for s, states in states_of.items() for o in states}
    yield from edge_pages(tm.agencyPage, ((row, row, k) for k, row in agencies.items()))
    yield from _agency_actions(tm, items, agencies, labels)
    yield from _target_pages(tm, items, classes, states_of, label)
    yield from _chain_pages(tm, items, label)
    yield from _claim_pages(tm, items, labels, label)
    yield from _document_counts(tm, items, mentions or {}, doc_ids)
    yield from _rule_sums(tm, items)


def _row_values(tm, prop, rows: dict, edges: dict, value, combine) -> Iterator[tuple]:
    """`prop` on every edge of a listing row (`rows`: edge key -> row key), the value the row shows
    (`combine` of each of its edges' `value`), so the query reads it instead of aggregating at query time."""
    parts: dict[tuple, list] = {}
    for k, row in rows.items():
        parts.setdefault(row, []).append(value(edges[k]))
    totals = {row: _int(combine(v)) for row, v in parts.items()}
    for k, row in sorted(rows.items()):
        yield tm.edge(k), prop, totals[row]


def _agency_actions(tm, items, agencies: dict, labels: dict[str, str]) -> Iterator[tuple]:
    """state_agencies' ag:agencyActions on each partOf edge of a row: what the row's agencies did
    ("blocked Free Wire"), distinct, sorted, joined by "; " (empty when they did nothing)."""
    acts: dict[str, set[str]] = {}
    for (s, p, o), _ in items:
        if p != "partOf" and o in labels:
            acts.setdefault(s, set()).add(f"{p} {labels[o]}")
    # row -> its agencies; a row's actions are joined when written, not copied into every row (an agency
    # part of many states has many rows)
    rows: dict[tuple, set[str]] = {}
    for (s, _, _), row in agencies.items():
        rows.setdefault(row, set()).add(s)
    for k, row in sorted(agencies.items()):
        done = set().union(*(acts.get(s, ()) for s in rows[row]))
        yield tm.edge(k), tm.agencyActions, Literal("; ".join(sorted(done)))


def _states_behind(s: str, classes: dict, states_of: dict) -> set[str]:
    """The states behind an act of `s`: itself if a state, those it is part of if an agency."""
    if classes.get(s) == "State":
        return {s}
    return states_of.get(s, set()) if classes.get(s) == "Agency" else set()


def _target_pages(tm, items, classes, states_of, label) -> Iterator[tuple]:
    """ag:stateBehind on each targeting edge (the state that acted, itself or through an agency), then
    outlets_targeted_by_states (a target with two or more states behind it, most states first; its count and
    the states' labels kept on it) and removal_requests_by_state (one row node per state and target)."""
    states: dict[str, set[str]] = {}      # target label -> states behind (two entities with one label are one row)
    anchors: dict[str, set[str]] = {}     # target label -> its entities
    by_entity: dict[str, set[str]] = {}   # target -> the states behind the acts aimed at it
    # (state label, target label) -> [its edges' parts (doc id -> part), requester labels, least state, least
    # target]: references, not sets of copies; the rows are states x targets, and an agency may be part of many states
    removal: dict[tuple, list] = {}
    for (s, p, o), edge in items:
        if p in TARGETING:
            for st in sorted(_states_behind(s, classes, states_of)):
                yield tm.edge((s, p, o)), tm.stateBehind, tm.entity(st)
        if p in TARGETING and classes.get(o) in ("Outlet", "Platform"):
            by_entity.setdefault(o, set()).update(_states_behind(s, classes, states_of))
            states.setdefault(label(o), set()).update(_states_behind(s, classes, states_of))
            anchors.setdefault(label(o), set()).add(o)
        if p == "requestedRemoval":
            for st in _states_behind(s, classes, states_of):
                row = removal.get((label(st), label(o)))
                if row is None:
                    removal[(label(st), label(o))] = [[edge.parts], [label(s)], st, o]
                else:
                    row[0].append(edge.parts)
                    row[1].append(label(s))
                    row[2], row[3] = min(row[2], st), min(row[3], o)
    for o in sorted(by_entity):
        for st in sorted(by_entity[o]):
            yield tm.entity(o), tm.targetedByState, tm.entity(st)
    many = sorted((-len(st), t) for t, st in states.items() if len(st) >= 2)
    for t, page in pages((t, t, 1) for _, t in many).items():
        by_states = Literal("; ".join(sorted({label(st) for st in states[t]})))
        for o in sorted(anchors[t]):
            yield tm.entity(o), tm.targetedPage, _int(page)
            yield tm.entity(o), tm.targetedStateCount, _int(len(states[t]))
            yield tm.entity(o), tm.targetedByStates, by_states
    documents = {key: len(set().union(*parts)) for key, (parts, *_) in removal.items()}
    order = sorted((-n, key) for key, n in documents.items())
    for key, page in pages((key, key, 1) for _, key in order).items():
        _, via, state, target = removal[key]
        # a row names one state and one target entity: two entities with one label show the same label
        row = ID["row/removal/" + hashlib.sha1("|".join(key).encode("utf-8")).hexdigest()[:20]]
        yield row, tm.removalPage, _int(page)
        yield row, tm.rowState, tm.entity(state)
        yield row, tm.rowTarget, tm.entity(target)
        yield row, tm.removalDocuments, _int(documents[key])
        yield row, tm.removalRequesters, Literal("; ".join(sorted(set(via))))


def _chain_pages(tm, items, label) -> Iterator[tuple]:
    """pressure_chains: A pressured (threatened) B, B blocked (asked to remove) C; a page holds whole
    first edges (A -> B) in the order of A, B."""
    acts: dict[str, set[str]] = {}
    for (s, p, o), _ in items:
        if p in ("blocked", "requestedRemoval"):
            acts.setdefault(s, set()).add((p, o))
    order = []
    for (x, p, y), _ in items:
        if p in ("pressured", "threatened") and y in acts:
            rows = sum(1 for _, z in acts[y] if z != x)
            if rows:
                order.append(((label(x), label(y)), (x, p, y), rows))
    for key, page in pages(sorted(order)).items():
        yield tm.edge(key), tm.chainPage, _int(page)


def _claim_pages(tm, items, labels, label) -> Iterator[tuple]:
    """attributed_claims: one row per attributed assertion, ordered by who said it, then document."""
    from graph.rdf import is_entity_id
    order = []
    for (s, p, o), edge in items:
        for doc_id, part in edge.parts.items():
            for start, rule, by in part.claims:
                said = labels.get(by, str(tm.entity(by))) if is_entity_id(by) else by
                a = assertion_iri_of(doc_id, s, p, o, start, rule)
                order.append(((said, doc_id), a))
    order.sort(key=lambda item: (item[0], str(item[1])))
    for a, page in pages((key, a, 1) for key, a in order).items():   # a row per assertion: each its own key
        yield a, tm.claimPage, _int(page)


def _document_counts(tm, items, mentions: dict[str, int], doc_ids: Iterable[str]) -> Iterator[tuple]:
    """document_summaries: entities mentioning each document, its assertions and the hedged ones, and
    its page (ordered by identifier)."""
    relations: dict[str, int] = {}
    hedged: dict[str, int] = {}
    for _, edge in items:
        for doc_id, part in edge.parts.items():
            relations[doc_id] = relations.get(doc_id, 0) + len(part.assertions)
            hedged[doc_id] = hedged.get(doc_id, 0) + len(part.hedged)
    for doc_id, page in pages((d, d, 1) for d in sorted(set(doc_ids))).items():
        d = doc_iri(doc_id)
        yield d, tm.documentPage, _int(page)
        yield d, tm.entityCount, _int(mentions.get(doc_id, 0))
        yield d, tm.relationCount, _int(relations.get(doc_id, 0))
        yield d, tm.hedgedCount, _int(hedged.get(doc_id, 0))


def _rule_sums(tm, items) -> Iterator[tuple]:
    """edges_by_rule: assertions and the sum of their confidences per rule and property."""
    sums: dict[tuple[str, str], list] = {}
    for (_, p, _), edge in items:
        for part in edge.parts.values():
            for _, rule, confidence in part.rule_confidences:
                total = sums.setdefault((rule, p), [0, Decimal(0)])
                total[0] += 1
                total[1] += confidence
    for (rule, p), (n, total) in sorted(sums.items()):
        node = ID["rule/" + hashlib.sha1(f"{rule}|{p}".encode("utf-8")).hexdigest()[:20]]
        yield node, tm.ruleName, Literal(rule)
        yield node, tm.ruleProperty, Literal(p)
        yield node, tm.ruleAssertions, _int(n)
        yield node, tm.ruleConfidenceSum, Literal(total, datatype=XSD.decimal)
