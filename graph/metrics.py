"""The actor network as networkx sees it: links with their evidence, centrality, communities, layout.

A link is one (subject, property, object) triple of the corpus with every
sentence that states it; its support is the number of distinct sentences.
Layouts are computed here rather than by the browser's physics, so a large
view opens without a long simulation.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from extract.records import Corpus

BETWEENNESS_EXACT_MAX = 600   # above this many nodes, betweenness is estimated from a sample of sources
BETWEENNESS_SAMPLE = 300      # sources sampled at most ...
BETWEENNESS_MIN_SAMPLE = 32   # ... and at least
BETWEENNESS_WORK = 2_000_000  # sources x (nodes + edges): the sample shrinks as the graph grows
LOUVAIN_MAX = 20_000          # nodes; above this, communities by (seeded) label propagation, much cheaper
SPRING_MAX = 400              # above this many nodes, lay out community by community


@dataclass
class Evidence:
    doc: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    hedged: bool
    attributed_to: str | None = None
    date: str | None = None       # when the event happened (ag:eventDate), and where that date comes from
    date_source: str = ""
    reviewed: str = ""            # "accepted by NAME on DAY" when a reviewer accepted it (graph/review.py)


@dataclass
class Link:
    subject: str
    prop: str
    object: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def support(self) -> int:
        return len({(e.doc, e.start, e.end) for e in self.evidence})

    @property
    def hedged(self) -> bool:
        """Hedged when no sentence states it plainly."""
        return all(e.hedged for e in self.evidence)

    @property
    def docs(self) -> list[str]:
        return sorted({e.doc for e in self.evidence})


@dataclass
class NodeMetrics:
    degree: int = 0
    betweenness: float = 0.0
    community: int = -1


def reviewed_note(review: dict | None) -> str:
    if not review:
        return ""
    who = f" by {review['reviewer']}" if review.get("reviewer") else ""
    when = f" on {review['time'][:10]}" if review.get("time") else ""
    return f"{review['op']}ed{who}{when}"


def corpus_links(corpus: Corpus) -> list[Link]:
    """Relations grouped by triple, keeping only those whose ends are corpus entities."""
    by_key: dict[tuple[str, str, str], Link] = {}
    for doc_id, rels in corpus.relations.items():
        for r in rels:
            if r.subject not in corpus.entities or r.object not in corpus.entities:
                continue
            key = (r.subject, r.prop, r.object)
            link = by_key.setdefault(key, Link(*key))
            link.evidence.append(Evidence(doc_id, r.sentence, r.start, r.end, r.rule, float(r.confidence),
                                          bool(r.hedged), r.attributed_to, r.date, r.date_source,
                                          reviewed_note(r.review)))
    return sorted(by_key.values(), key=lambda lk: (lk.subject, lk.prop, lk.object))


def corpus_graph(corpus: Corpus, links: list[Link] | None = None) -> nx.MultiDiGraph:
    """Entities as nodes (label, cls), one edge per link keyed by property."""
    g = nx.MultiDiGraph()
    for e in corpus.entities.values():
        g.add_node(e.id, label=e.label, cls=e.cls)
    for lk in links if links is not None else corpus_links(corpus):
        g.add_edge(lk.subject, lk.object, key=lk.prop, prop=lk.prop, support=lk.support,
                   hedged=lk.hedged, link=lk)
    return g


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected, one edge per connected pair, weighted by total support."""
    s = nx.Graph()
    s.add_nodes_from(g.nodes)
    for u, v, data in g.edges(data=True):
        if u == v:
            continue
        w = s[u][v]["weight"] if s.has_edge(u, v) else 0
        s.add_edge(u, v, weight=w + data.get("support", 1))
    return s


def betweenness_sample(s: nx.Graph) -> int | None:
    """How many sources approximate betweenness (None: exact). Brandes' algorithm costs one pass over
    the graph per source, so the sample is cut to keep the work about constant on large graphs."""
    if len(s) <= BETWEENNESS_EXACT_MAX:
        return None
    k = BETWEENNESS_WORK // max(1, len(s) + s.number_of_edges())
    return max(BETWEENNESS_MIN_SAMPLE, min(BETWEENNESS_SAMPLE, k, len(s)))


def communities(s: nx.Graph, seed: int = 0) -> dict[str, int]:
    """Louvain communities (label propagation above LOUVAIN_MAX nodes) numbered by size
    (0 = largest); isolated nodes each get their own."""
    if not s.number_of_edges():
        parts = [{n} for n in s]
    elif len(s) > LOUVAIN_MAX:
        parts = list(nx.community.asyn_lpa_communities(s, seed=seed))
    else:
        parts = nx.community.louvain_communities(s, seed=seed)
    parts = sorted(parts, key=lambda c: (-len(c), min(map(str, c))))
    return {n: i for i, part in enumerate(parts) for n in part}


def node_metrics(g: nx.MultiDiGraph, seed: int = 0) -> dict[str, NodeMetrics]:
    s = simple_graph(g)
    k = betweenness_sample(s)
    btw = nx.betweenness_centrality(s, k=k, seed=seed) if k else nx.betweenness_centrality(s)
    comm = communities(s, seed)
    return {n: NodeMetrics(degree=s.degree(n), betweenness=round(btw.get(n, 0.0), 4), community=comm[n])
            for n in g.nodes}


def top_nodes(metrics: dict[str, NodeMetrics], limit: int) -> list[str]:
    """The most central actors: by degree, then betweenness, then id for a stable order."""
    ranked = sorted(metrics, key=lambda n: (-metrics[n].degree, -metrics[n].betweenness, n))
    return ranked[:limit]


def layout(s: nx.Graph, community: dict[str, int] | None = None, seed: int = 0,
           spacing: float = 70.0) -> dict[str, tuple[float, float]]:
    """Positions in screen pixels.

    Each connected component gets its own spring layout; a component too big
    for one is laid out community by community. The blocks are packed in rows,
    largest first, which stays fast without scipy and keeps communities
    visibly together. Actors without relations go in a grid last.
    """
    if len(s) == 0:
        return {}
    isolated = sorted(n for n in s if s.degree(n) == 0 or set(s[n]) == {n})
    connected = [n for n in s if n not in set(isolated)]
    groups: list[list[str]] = []
    for comp in sorted(nx.connected_components(s.subgraph(connected)), key=lambda c: (-len(c), min(c))):
        if len(comp) <= SPRING_MAX:
            groups.append(sorted(comp))
            continue
        community = community or communities(s, seed)
        blocks: dict[int, list[str]] = defaultdict(list)
        for node in sorted(comp):
            blocks[community.get(node, -1)].append(node)
        groups.extend(sorted(blocks.values(), key=len, reverse=True))
    if isolated:   # actors without relations share one block laid out as a grid, after the rest
        groups.append(isolated)
    placed: list[dict[str, tuple[float, float]]] = []
    for members in groups:
        placed.extend(_block_layouts(s, members, seed, spacing))
    pos = _pack(placed, spacing)
    if isolated and connected:   # a clear gap, so a view with physics does not push actors into the grid
        low, high = max(pos[n][1] for n in connected), min(pos[n][1] for n in connected)
        top = min(pos[n][1] for n in isolated)
        shift = max(0.0, low + max(3 * spacing, 0.6 * (low - high)) - top)
        for n in isolated:
            pos[n] = (pos[n][0], pos[n][1] + shift)
    if connected:   # centre the related actors on the origin, where vis-network's central gravity pulls
        cx = sum(pos[n][0] for n in connected) / len(connected)
        cy = sum(pos[n][1] for n in connected) / len(connected)
        pos = {n: (round(x - cx, 1), round(y - cy, 1)) for n, (x, y) in pos.items()}
    return pos


def _block_layouts(s: nx.Graph, members: list[str], seed: int, spacing: float):
    sub = _induced(s, members)
    if sub.number_of_edges() == 0:
        # labels are wider than tall: a grid twice as wide as high, with room for the text
        side = math.ceil(math.sqrt(2 * len(members)))
        yield {m: ((i % side) * spacing * 1.8, (i // side) * spacing) for i, m in enumerate(sorted(members))}
        return
    if len(members) <= 3:   # pairs and triples are common in sparse views: no need to simulate them
        corners = [(0.0, 0.0), (spacing * 1.8, 0.0), (spacing * 0.9, spacing * 1.4)]
        yield dict(zip(members, corners))
        return
    if len(members) <= SPRING_MAX:
        iterations = 100 if len(members) > 30 else 50
        yield _scaled(nx.spring_layout(sub, seed=seed, weight=None, iterations=iterations), len(members), spacing)
        return
    # a very large community: split it again so each spring layout stays small
    inner = communities(sub, seed)
    chunks: dict[int, list[str]] = defaultdict(list)
    for m in members:
        chunks[inner[m]].append(m)
    if len(chunks) == 1:   # Louvain would not split it: cut it into equal slices
        ordered = sorted(members)
        chunks = {i: ordered[i:i + SPRING_MAX] for i in range(0, len(ordered), SPRING_MAX)}
    for part in chunks.values():
        yield from _block_layouts(s, part, seed, spacing)


def _induced(s: nx.Graph, members: list[str]) -> nx.Graph:
    """The subgraph on members, nodes in the given order: networkx's subgraph views iterate a set for
    small subgraphs, which would make layouts change with Python's hash seed from run to run."""
    keep = set(members)
    sub = nx.Graph()
    sub.add_nodes_from(members)
    sub.add_edges_from((u, v) for u in members for v in s[u] if v in keep)
    return sub


def _scaled(pos: dict, n: int, spacing: float) -> dict[str, tuple[float, float]]:
    scale = spacing * max(1.0, math.sqrt(n)) * 1.2
    return {k: (float(v[0]) * scale, float(v[1]) * scale) for k, v in pos.items()}


def _pack(blocks: list[dict[str, tuple[float, float]]], spacing: float) -> dict[str, tuple[float, float]]:
    """Shelf-pack the blocks' bounding boxes into rows of roughly square overall shape."""
    boxes = []
    for pos in blocks:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + spacing, max(ys) - min(ys) + spacing))
    total = sum(w * h for _, _, _, w, h in boxes)
    row_width = max(math.sqrt(total) * 1.2, max(w for *_, w, _ in boxes))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for pos, x0, y0, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + spacing, 0.0
        for k, (px, py) in pos.items():
            out[k] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += w + spacing
        row_h = max(row_h, h)
    return out


def ego_layout(center: str, others: list[str], spacing: float = 70.0) -> dict[str, tuple[float, float]]:
    """The center in the middle, its neighbours on rings around it (in the given order)."""
    pos = {center: (0.0, 0.0)}
    ring, radius, i = 0, 0.0, 0
    while i < len(others):
        ring += 1
        radius = spacing * (1.5 + 1.2 * ring)
        capacity = max(6, int(2 * math.pi * radius / spacing))
        chunk = others[i:i + capacity]
        for j, node in enumerate(chunk):
            angle = 2 * math.pi * j / len(chunk) + ring * 0.3
            pos[node] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
        i += capacity
    return pos
