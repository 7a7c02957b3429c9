"""Interactive offline views of the actor network: an overview, one page per
entity, per relation property and per document, and the entry page.

Nodes and edges are assembled with pyvis; positions come from networkx
(graph.metrics) so physics can be switched off for large views; pages are
rendered by graph.pages from data/templates. Nothing on a page loads from
the network: vis-network and our script sit in OUT/assets (or inline).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import networkx as nx

from extract.records import Corpus
from graph.metrics import (Link, NodeMetrics, corpus_graph, corpus_links, ego_layout, layout, node_metrics,
                           simple_graph, top_nodes)
from graph.held_page import HELD_PAGE, held_html
from graph.offline_pyvis import offline_network
from graph.pages import page_name, render, write_assets
from graph.page_extras import evidence_anchor, page_extras

CLASS_STYLE = {  # colour, vis-network shape (the legend draws the same shape)
    "Person": ("#4e79a7", "dot"), "Outlet": ("#f28e2b", "square"), "State": ("#e15759", "diamond"),
    "Agency": ("#b07aa1", "triangle"), "Group": ("#59a14f", "star"), "Organization": ("#9c755f", "box"),
    "Platform": ("#76b7b2", "triangleDown"), "Place": ("#bab0ac", "ellipse"), "Work": ("#edc948", "hexagon"),
}
OTHER_STYLE = ("#999999", "dot")
COMMUNITY_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                     "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
                     "#f7b6d2", "#dbdb8d", "#9edae5"]
SMALL_COMMUNITY = "#d0d0d0"   # communities past the palette share one light grey

PHYSICS_MAX = 150        # nodes; above this the layout from networkx is final and physics stays off
OVERVIEW_MAX = 2000      # nodes; above this the overview keeps the most central actors
PROPERTY_MAX = 500       # nodes drawn on a relation's page (the most central); its table lists every edge
EDGE_LABEL_MAX = 1500    # edges; above this edge labels are left to the tooltip and panel
EGO_MAX = 300            # neighbours drawn on an entity page
TITLE_CHARS = 400
LABEL_CHARS = 40         # a longer name is cut on the drawing (tooltip, panel and page give it whole)
ROWS_MAX = 3000          # evidence rows in one page's table


@dataclass
class View:
    """What one network page shows."""
    path: str                          # relative to OUT
    title: str
    nodes: list[str]
    links: list[Link]
    facts: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    rows_from: list[Link] | None = None   # evidence table; None: no table
    center: str | None = None             # an ego view's entity: drawn in the middle
    note_href: str = ""                   # where the note points to, e.g. the table of every actor
    doc_id: str | None = None             # a document's view: its text is shown, evidence sentences marked


@dataclass
class Site:
    corpus: Corpus
    links: list[Link]
    metrics: dict[str, NodeMetrics]
    entity_pages: dict[str, str]
    doc_pages: dict[str, str]
    prop_pages: dict[str, str]
    by_entity: dict[str, list[Link]] = field(default_factory=dict)   # links touching each entity
    by_doc: dict[str, list[Link]] = field(default_factory=dict)      # links with a sentence in each document
    entities_of_doc: dict[str, set[str]] = field(default_factory=dict)   # entities each document mentions
    adjacent: dict[str, dict[str, list[Link]]] = field(default_factory=dict)   # entity -> neighbour -> links
    order: dict[int, int] = field(default_factory=dict)                       # id(link) -> its place in links
    doc_titles: dict[str, str] = field(default_factory=dict)
    doc_dates: dict[str, str] = field(default_factory=dict)
    doc_lengths: dict[str, int] = field(default_factory=dict)
    doc_texts: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.doc_titles = {d.doc_id: d.headline or d.doc_id for d in self.corpus.documents}
        self.doc_dates = {d.doc_id: d.date for d in self.corpus.documents if d.date}
        self.doc_lengths = {d.doc_id: len(d.text) for d in self.corpus.documents}
        self.doc_texts = {d.doc_id: d.text for d in self.corpus.documents}
        for lk in self.links:
            self.by_entity.setdefault(lk.subject, []).append(lk)
            if lk.object != lk.subject:
                self.by_entity.setdefault(lk.object, []).append(lk)
            for d in lk.docs:
                self.by_doc.setdefault(d, []).append(lk)
        for e in self.corpus.entities.values():
            for d in e.docs:
                self.entities_of_doc.setdefault(d, set()).add(e.id)
        for i, lk in enumerate(self.links):
            self.order[id(lk)] = i
            self.adjacent.setdefault(lk.subject, {}).setdefault(lk.object, []).append(lk)
            if lk.object != lk.subject:
                self.adjacent.setdefault(lk.object, {}).setdefault(lk.subject, []).append(lk)


def build_site(corpus: Corpus) -> Site:
    links = corpus_links(corpus)
    metrics = node_metrics(corpus_graph(corpus, links))
    props = sorted({lk.prop for lk in links})
    return Site(corpus, links, metrics,
                {e: page_name("entity", e) for e in corpus.entities},
                {d.doc_id: page_name("document", d.doc_id) for d in corpus.documents},
                {p: page_name("property", p) for p in props})


# ---- the network payload ----

def _root(path: str) -> str:
    return "../" * path.count("/")


def _clip(text: str, n: int = TITLE_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def network_payload(site: Site, view: View, pages: bool = True) -> dict:
    """Nodes, edges, options and legend data for one view, as the page's script reads them.

    `pages=False` leaves out links to the other pages (a single page shown on its own, as in a notebook)."""
    corpus, metrics, root = site.corpus, site.metrics, _root(view.path)
    shown = [n for n in view.nodes if n in corpus.entities]
    keep = set(shown)
    links = [lk for lk in view.links if lk.subject in keep and lk.object in keep]
    s = simple_graph(corpus_graph_subset(shown, links))
    if view.center in keep:
        others = sorted((n for n in shown if n != view.center), key=lambda n: (corpus.entities[n].cls, n))
        pos = ego_layout(view.center, others)
    else:
        pos = layout(s, {n: metrics[n].community for n in shown})
    physics = len(shown) <= PHYSICS_MAX and bool(links)   # only related actors take part in physics
    net = offline_network(directed=True)
    for n in shown:
        e, m = corpus.entities[n], metrics[n]
        colour, shape = CLASS_STYLE.get(e.cls, OTHER_STYLE)
        community_colour = COMMUNITY_COLOURS[m.community] if 0 <= m.community < len(COMMUNITY_COLOURS) \
            else SMALL_COMMUNITY
        x, y = pos.get(n, (0.0, 0.0))
        extra = {} if s.degree(n) else {"physics": False}   # actors without relations stay in their grid
        # titles are plain text: vis-network shows a string title with innerText, never as HTML
        net.add_node(n, label=_clip(e.label, LABEL_CHARS), name=e.label, shape=shape, color=colour, x=x, y=y, value=1 + m.degree,
                     title=f"{e.label} ({e.cls})\ndegree {m.degree} · community {m.community}",
                     cls=e.cls, degree=m.degree, betweenness=m.betweenness, community=m.community,
                     classColor=colour, communityColor=community_colour, href=root + site.entity_pages[n] if pages else "",
                     aliases=sorted(a for a in e.aliases if a != e.label)[:20], **extra)
    parallel: Counter = Counter()
    for i, lk in enumerate(links):
        pair = tuple(sorted((lk.subject, lk.object)))
        k = parallel[pair]
        parallel[pair] += 1
        first = lk.evidence[0]
        more = f"\n(+{lk.support - 1} more)" if lk.support > 1 else ""
        title = (f"{corpus.entities[lk.subject].label} {lk.prop} {corpus.entities[lk.object].label}\n"
                 f"“{_clip(' '.join(first.sentence.split()))}”\n{first.doc} · {first.rule}{more}")
        extra = {} if k == 0 else {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.18 * k}}
        if len(links) <= EDGE_LABEL_MAX:
            extra["label"] = lk.prop
        net.add_edge(lk.subject, lk.object, id=f"e{i}", title=title, dashes=lk.hedged, value=lk.support,
                     prop=lk.prop, support=lk.support, hedged=lk.hedged,
                     dates=sorted({ev.date for ev in lk.evidence if ev.date}),
                     evidence=[{"sentence": ev.sentence, "doc": ev.doc, "rule": ev.rule,
                                "confidence": ev.confidence, "hedged": ev.hedged,
                                "attributedTo": _attribution(corpus, ev.attributed_to),
                                "docTitle": site.doc_titles.get(ev.doc, ev.doc),
                                "docDate": site.doc_dates.get(ev.doc, ""), "date": ev.date or "",
                                "dateSource": ev.date_source, "reviewed": ev.reviewed,
                                "docHref": root + site.doc_pages[ev.doc]
                                + evidence_anchor(site, ev.doc, ev.start, ev.end)
                                if pages and ev.doc in site.doc_pages else ""}
                               for ev in lk.evidence], **extra)
    classes = Counter(corpus.entities[n].cls for n in shown)
    return {
        "nodes": net.nodes, "edges": net.edges, "options": _options(len(shown), len(links), physics),
        "classes": [{"name": c, "count": classes[c], "color": CLASS_STYLE.get(c, OTHER_STYLE)[0],
                     "shape": CLASS_STYLE.get(c, OTHER_STYLE)[1]} for c in sorted(classes)],
        "props": [{"name": p, "count": c} for p, c in sorted(Counter(lk.prop for lk in links).items())],
        "communityCount": len({metrics[n].community for n in shown}),
    }


def corpus_graph_subset(nodes: list[str], links: list[Link]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes)
    for lk in links:
        g.add_edge(lk.subject, lk.object, key=lk.prop, support=lk.support)
    return g


def _attribution(corpus: Corpus, who: str | None) -> str:
    if not who:
        return ""
    return corpus.entities[who].label if who in corpus.entities else who


def _options(n_nodes: int, n_edges: int, physics: bool) -> dict:
    big = n_nodes > PHYSICS_MAX
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 0},
        # a small view has room: longer springs and stronger repulsion keep its labels apart
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"springLength": 110 if big else 170, "avoidOverlap": 0.3 if big else 1.0,
                                  "gravitationalConstant": -3000 if big else -7000},
                    "stabilization": {"enabled": physics, "iterations": 150, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": True, "navigationButtons": False, "keyboard": False},
        "nodes": {"borderWidth": 1, "font": {"size": 16},
                  "scaling": {"min": 8, "max": 36, "label": {"enabled": True, "min": 16, "max": 28,
                                                             "drawThreshold": 5}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9aa3ad", "highlight": "#d62728", "hover": "#444"},
                  "font": {"size": 11, "color": "#555", "strokeWidth": 3, "align": "middle"},
                  "scaling": {"min": 1, "max": 8, "label": {"enabled": False}},
                  "selectionWidth": 2, "hoverWidth": 1.5,
                  "smooth": {"enabled": True, "type": "continuous"} if physics else False},
    }


# ---- the views ----

def overview(site: Site, limit: int = OVERVIEW_MAX) -> View:
    everyone = sorted(site.corpus.entities)
    note = ""
    nodes = everyone
    if len(everyone) > limit:
        nodes = top_nodes(site.metrics, limit)
        note = (f"Showing the {limit} most central of {len(everyone)} actors (by degree, then betweenness). "
                "Every actor has its own page with its ego network: find it in the table on the entry page.")
    return View("network.html", "Actor network", nodes, site.links, note=note,
                note_href="index.html#ag-metrics" if note else "")


def entity_view(site: Site, entity_id: str) -> View:
    e = site.corpus.entities[entity_id]
    mine = site.by_entity.get(entity_id, [])
    neighbours = {lk.object if lk.subject == entity_id else lk.subject for lk in mine} - {entity_id}
    note = ""
    if len(neighbours) > EGO_MAX:
        note = f"Drawing the {EGO_MAX} most connected of {len(neighbours)} neighbours; the table lists all."
        neighbours = set(sorted(neighbours, key=lambda n: (-site.metrics[n].degree, n))[:EGO_MAX])
    nodes = [entity_id] + sorted(neighbours)
    keep = set(nodes)
    m = site.metrics[entity_id]
    facts = [("class", e.cls), ("also called", "; ".join(sorted(a for a in e.aliases if a != e.label)) or "—"),
             ("documents", str(len(e.docs))), ("degree", str(m.degree)), ("betweenness", f"{m.betweenness:.4f}"),
             ("community", str(m.community))]
    if e.wikidata:
        facts.append(("Wikidata", e.wikidata))
    return View(site.entity_pages[entity_id], e.label, nodes, links_among(site, nodes), facts, note, mine,
                entity_id)


def links_among(site: Site, nodes: list[str]) -> list[Link]:
    """The links between the given nodes, in the order of the nodes, then of site.links. Each node's
    neighbours are looked up in the smaller of its adjacency and the node set, so a hub among
    three hundred nodes costs three hundred lookups, not its whole degree."""
    place = {n: i for i, n in enumerate(nodes)}
    found: dict[int, tuple[tuple[int, int], Link]] = {}
    for n in nodes:
        adj = site.adjacent.get(n, {})
        others = [m for m in place if m in adj] if len(adj) > len(place) else [m for m in adj if m in place]
        for m in others:
            for lk in adj[m]:
                found.setdefault(id(lk), ((min(place[lk.subject], place[lk.object]), site.order[id(lk)]), lk))
    return [lk for _, lk in sorted(found.values(), key=lambda item: item[0])]


def property_view(site: Site, prop: str) -> View:
    mine = [lk for lk in site.links if lk.prop == prop]
    ends = sorted({lk.subject for lk in mine} | {lk.object for lk in mine})
    note = ""
    if len(ends) > PROPERTY_MAX:   # laying out thousands of actors per relation page is where large builds spent minutes
        ends = sorted(top_nodes({n: site.metrics[n] for n in ends}, PROPERTY_MAX))
        note = f"Showing the {PROPERTY_MAX} most central actors with this relation; the table lists all."
    return View(site.prop_pages[prop], f"Relation: {prop}", ends, mine,
                [("relations", str(len(mine))), ("sentences", str(sum(lk.support for lk in mine)))], note, mine)


def document_view(site: Site, doc_id: str, docs_by_id: dict | None = None) -> View:
    doc = (docs_by_id or {d.doc_id: d for d in site.corpus.documents})[doc_id]
    mine = []
    for lk in site.by_doc.get(doc_id, []):
        evidence = [ev for ev in lk.evidence if ev.doc == doc_id]
        if evidence:
            mine.append(replace(lk, evidence=evidence))
    nodes = set(site.entities_of_doc.get(doc_id, ()))
    nodes |= {lk.subject for lk in mine} | {lk.object for lk in mine}
    facts = [(k, v) for k, v in [("headline", doc.headline), ("author", doc.author), ("date", doc.date),
                                 ("outlet", doc.publisher), ("source file", doc.source)] if v]
    return View(site.doc_pages[doc_id], f"Document: {doc.headline or doc_id}", sorted(nodes), mine, facts,
                "", mine, doc_id=doc_id)


def evidence_rows(site: Site, view: View) -> list[dict]:
    root, ents = _root(view.path), site.corpus.entities
    rows = []
    for lk in view.rows_from or []:
        for ev in lk.evidence:
            rows.append({"s_id": lk.subject, "o_id": lk.object,
                         "subject": ents[lk.subject].label, "subject_href": root + site.entity_pages[lk.subject],
                         "prop": lk.prop, "object": ents[lk.object].label,
                         "object_href": root + site.entity_pages[lk.object], "sentence": ev.sentence,
                         "doc": ev.doc,
                         "doc_href": root + site.doc_pages[ev.doc] + evidence_anchor(site, ev.doc, ev.start, ev.end)
                         if ev.doc in site.doc_pages else "", "date": ev.date or "", "date_source": ev.date_source,
                         "reviewed": ev.reviewed,
                         "rule": ev.rule,
                         "confidence": ev.confidence, "hedged": ev.hedged,
                         "attributed_to": _attribution(site.corpus, ev.attributed_to)})
    return rows


def view_html(site: Site, view: View, inline: bool = False) -> str:
    """A network page; `inline` makes it self-contained (scripts inlined, no links to other pages)."""
    rows = evidence_rows(site, view)
    note = view.note
    if len(rows) > ROWS_MAX:
        note = f"{note} The table lists the first {ROWS_MAX} of {len(rows)} sentences.".strip()
        rows = rows[:ROWS_MAX]
    if inline:
        rows = [{**r, "subject_href": "", "object_href": "", "doc_href": ""} for r in rows]
    extra = page_extras(site, view, rows, inline)
    return render("page.html", inline=inline, root=None if inline else _root(view.path), title=view.title,
                  heading=view.title, graph=network_payload(site, view, pages=not inline), facts=view.facts,
                  note=note, note_href="" if inline else view.note_href, rows=rows, entity_id=view.center, **extra)


def index_html(site: Site, overview_view: View) -> str:
    corpus, metrics = site.corpus, site.metrics
    n_rel = sum(len(v) for v in corpus.relations.values())
    per_prop = Counter(lk.prop for lk in site.links)
    per_doc: dict[str, int] = defaultdict(int)
    for lk in site.links:
        for d in lk.docs:
            per_doc[d] += 1
    entities = sorted(corpus.entities.values(), key=lambda e: (-metrics[e.id].degree, e.label))
    sizes = Counter(m.community for m in metrics.values())
    groups = sum(1 for n in sizes.values() if n > 1)
    return render(
        "index.html", root="", is_index=True, title="actor network", heading="actorgraph: the actor network",
        summary=(f"{len(corpus.documents)} documents, {len(corpus.entities)} actors, {n_rel} extracted relations "
                 f"({len(site.links)} distinct), {groups} communities of two or more actors."),
        overview_title=f"{overview_view.title} ({len(overview_view.nodes)} actors)", overview_note=overview_view.note,
        properties=[{"name": p, "count": per_prop[p], "href": site.prop_pages[p]} for p in sorted(per_prop)],
        documents=[{"title": d.headline or d.doc_id, "count": per_doc.get(d.doc_id, 0),
                    "href": site.doc_pages[d.doc_id]} for d in corpus.documents],
        entities=[{"label": e.label, "cls": e.cls, "degree": metrics[e.id].degree,
                   "betweenness": metrics[e.id].betweenness, "community": metrics[e.id].community,
                   "docs": len(e.docs), "href": site.entity_pages[e.id]} for e in entities],
        skipped=corpus.skipped, n_held=sum(len(v) for v in corpus.held.values()), held_href=HELD_PAGE)


def write_views(corpus: Corpus, out_dir: Path, overview_limit: int = OVERVIEW_MAX,
                entity_pages: bool = True, previous: Path | None = None) -> list[Path]:
    """Write OUT/index.html, OUT/network.html, the entity/property/document pages and OUT/assets.
    With `previous` (the build folder being replaced), entity and document pages that show what they
    showed there are hard-linked from it instead of rendered again (graph.view_reuse)."""
    from graph.view_reuse import read_digests, reuse, view_digest, write_digests
    out_dir = Path(out_dir)
    site = build_site(corpus)
    written = write_assets(out_dir)
    main = overview(site, overview_limit)
    old, digests, link_digests = read_digests(previous), {}, {}

    def write(view: View, reusable: bool) -> None:
        path = out_dir / view.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if reusable:
            digests[view.path] = view_digest(site, view, link_digests)
            if reuse(previous, old, view.path, digests[view.path], path):
                written.append(path)
                return
        path.write_text(view_html(site, view), encoding="utf-8")
        written.append(path)
    # one view at a time, so a large corpus never holds every page's data at once
    for view in [main] + [property_view(site, p) for p in sorted(site.prop_pages)]:
        write(view, False)
    for e in sorted(corpus.entities) if entity_pages else []:
        write(entity_view(site, e), True)
    docs_by_id = {d.doc_id: d for d in corpus.documents}
    for d in corpus.documents:
        write(document_view(site, d.doc_id, docs_by_id), True)
    write_digests(out_dir, digests)
    held = out_dir / HELD_PAGE
    held.write_text(held_html(corpus, site.entity_pages, site.doc_pages), encoding="utf-8")
    written.append(held)
    index = out_dir / "index.html"
    index.write_text(index_html(site, main), encoding="utf-8")
    written.append(index)
    return written


def inline_view(corpus: Corpus, entity: str | None = None) -> str:
    """One self-contained page (scripts inline): the overview, or one entity's ego network. For notebooks."""
    site = build_site(corpus)
    view = entity_view(site, entity) if entity else overview(site)
    return view_html(site, view, inline=True)
