"""Checking a review decision against a build before it is written: the actor, the edge, the alias and the
class must exist in the build the reviewer is looking at. Read once from the build's store."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from extract.schema import classes, properties
from graph.rdf import AG, ID
from graph.review import ReviewError

ACTORS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?c ?label ?alias WHERE { ?e a ?c ; rdfs:label ?label . OPTIONAL { ?e skos:altLabel ?alias } }"""
DOCS = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id WHERE { ?d a <https://schema.org/NewsArticle> ; dcterms:identifier ?id }"""
EDGES = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?s ?p ?o ?doc WHERE { GRAPH ?g { ?s ?p ?o } ?g dcterms:identifier ?doc . FILTER(isIRI(?o)) }"""


class NotFound(ReviewError):
    """The decision names an actor, edge or document the build does not have (404)."""


@dataclass
class Actor:
    id: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)


@dataclass
class BuildIndex:
    actors: dict[str, Actor]
    edges: set[tuple[str, str, str, str]]   # (subject id, property, object id, doc id)
    docs: set[str] = field(default_factory=set)
    held: set[tuple[str, str, str, str]] = field(default_factory=set)   # held back by the scorer (held.csv)

    @classmethod
    def load(cls, out_dir: Path) -> "BuildIndex":
        from graph.query import open_store, select
        store = open_store(Path(out_dir))
        names, props = set(classes()), set(properties())
        actors: dict[str, Actor] = {}
        for r in select(store, ACTORS):
            gid, c = _gid(r["e"]), r["c"].rsplit("#", 1)[-1]
            if gid is None or c not in names or not r["c"].startswith(str(AG)):
                continue
            a = actors.setdefault(gid, Actor(gid, c, r["label"]))
            if r.get("alias"):
                a.aliases.add(r["alias"])
        edges = set()
        for r in select(store, EDGES):
            s, o, p = _gid(r["s"]), _gid(r["o"]), r["p"].rsplit("#", 1)[-1]
            if s in actors and o in actors and p in props and r["p"].startswith(str(AG)):
                edges.add((s, p, o, r["doc"]))
        return cls(actors, edges, {r["id"] for r in select(store, DOCS)}, _held(Path(out_dir), actors, props))

    def check(self, d: dict) -> None:
        """Raise NotFound or ReviewError when the decision does not fit this build."""
        if d["op"] == "date":
            if d["doc"] not in self.docs:
                raise NotFound(f"no document {d['doc']!r} in this build")
            return
        if d["op"] in ("accept", "reject"):
            for end in ("s", "o"):
                self._actor(d[end])
            if d["p"] not in properties():
                raise ReviewError(f"unknown property {d['p']!r}")
            known = self.edges | (self.held if d["op"] == "accept" else set())
            if not any(e[:3] == (d["s"], d["p"], d["o"]) and (not d.get("doc") or e[3] == d["doc"])
                       for e in known):
                raise NotFound(f"no edge {d['s']} {d['p']} {d['o']}" + (f" in {d['doc']}" if d.get("doc") else ""))
            return
        actor = self._actor(d["entity"])
        if d["op"] == "retype" and d["cls"] not in classes():
            raise ReviewError(f"unknown class {d['cls']!r}; one of {', '.join(classes())}")
        if d["op"] == "retype" and d["cls"] == actor.cls:
            raise ReviewError(f"{actor.label} is already a {actor.cls}")
        if d["op"] == "merge":
            self._actor(d["other"])
        if d["op"] == "split" and (d["alias"] not in actor.aliases or d["alias"] == actor.label):
            raise ReviewError(f"{actor.label} has no alias {d['alias']!r} to split off")

    def _actor(self, gid: str) -> Actor:
        if gid not in self.actors:
            raise NotFound(f"no actor {gid!r} in this build")
        return self.actors[gid]


def _held(out_dir: Path, actors: dict, props) -> set[tuple[str, str, str, str]]:
    """The edges the build held back (held.csv), which a reviewer may accept."""
    import csv
    path = out_dir / "held.csv"
    if not path.is_file():
        return set()
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["subject"], r["property"], r["object"], r["doc"]) for r in csv.DictReader(f)
                if r["subject"] in actors and r["object"] in actors and r["property"] in props}


def _gid(iri: str) -> str | None:
    base = str(ID)
    if not iri.startswith(base) or iri[len(base):].startswith(("doc/", "source/", "review/", "build/")):
        return None
    return unquote(iri[len(base):])


def record_decision(out_dir: Path, decision: dict) -> dict:
    """Check a decision against the build in out_dir and append it to the review file beside that build's
    articles: the Python form of `actorgraph review OUT --reject ...`. Returns the recorded decision."""
    from graph.review import append_decision, build_docs_dir
    return append_decision(build_docs_dir(out_dir), decision, BuildIndex.load(out_dir).check)
