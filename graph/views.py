"""Interactive offline views of the actor network (pyvis) and the entry page."""
from __future__ import annotations

import html
from pathlib import Path

import networkx as nx

from extract.records import Corpus
from graph.offline_pyvis import offline_network

CLASS_STYLE = {  # colour, shape
    "Person": ("#4e79a7", "dot"), "Outlet": ("#f28e2b", "square"), "State": ("#e15759", "diamond"),
    "Agency": ("#b07aa1", "triangle"), "Group": ("#59a14f", "star"), "Organization": ("#9c755f", "box"),
    "Platform": ("#76b7b2", "triangleDown"), "Place": ("#bab0ac", "ellipse"), "Work": ("#edc948", "hexagon"),
}


def corpus_graph(corpus: Corpus) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for e in corpus.entities.values():
        g.add_node(e.id, label=e.label, cls=e.cls)
    for doc_id, rels in corpus.relations.items():
        for r in rels:
            g.add_edge(r.subject, r.object, prop=r.prop, doc=doc_id, sentence=r.sentence,
                       rule=r.rule, hedged=r.hedged, confidence=r.confidence)
    return g


def network_html(g: nx.MultiDiGraph, heading: str) -> str:
    """One pyvis page; every article-derived string is escaped before it reaches HTML."""
    net = offline_network(height="800px", width="100%", directed=True, heading=heading)
    for node, data in g.nodes(data=True):
        colour, shape = CLASS_STYLE.get(data["cls"], ("#999999", "dot"))
        net.add_node(node, label=data["label"], shape=shape, color=colour,
                     title=html.escape(f"{data['label']} ({data['cls']})"))
    for s, o, data in g.edges(data=True):
        title = html.escape(f"{data['prop']}: {data['sentence']} [{data['doc']}, {data['rule']}]")
        net.add_edge(s, o, label=data["prop"], title=title, dashes=bool(data["hedged"]))
    return net.generate_html()


def index_html(corpus: Corpus, views: list[tuple[str, str]]) -> str:
    esc = html.escape
    n_rel = sum(len(v) for v in corpus.relations.values())
    links = "\n".join(f'<li><a href="{esc(href)}">{esc(title)}</a></li>' for href, title in views)
    docs = "\n".join(f"<tr><td>{esc(d.doc_id)}</td><td>{esc(d.headline or '')}</td>"
                     f"<td>{esc(d.author or '')}</td><td>{esc(d.date or '')}</td></tr>" for d in corpus.documents)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>actorgraph</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}} td{{padding:.2em .6em}}</style>
</head><body>
<h1>actorgraph</h1>
<p>{len(corpus.documents)} documents, {len(corpus.entities)} entities, {n_rel} relations.</p>
<h2>Views</h2><ul>{links}</ul>
<h2>Documents</h2><table><tr><th>id</th><th>headline</th><th>author</th><th>date</th></tr>{docs}</table>
</body></html>
"""


def write_views(corpus: Corpus, out_dir: Path) -> list[Path]:
    g = corpus_graph(corpus)
    written = []
    path = out_dir / "network.html"
    path.write_text(network_html(g, "Actor network"), encoding="utf-8")
    written.append(path)
    index = out_dir / "index.html"
    index.write_text(index_html(corpus, [("network.html", "Full actor network")]), encoding="utf-8")
    written.append(index)
    return written
