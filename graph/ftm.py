"""A build as FollowTheMoney entities, for Aleph and the `ftm` tools (see docs/ftm.md).

Read from the build's store, so it holds exactly what the graph holds (review decisions applied):
- each actor: Person, Organization, PublicBody, Company, Address (a place) or Article (a work), as
  data/ftm.yaml maps its class, with its name and aliases;
- each document: an Article with its title, date, author, publisher and file name;
- each distinct edge (subject, property, object): an interval entity (Membership, Directorship, Employment,
  or UnknownLink with the property as its role) with startDate/endDate (the first and last event date of
  its sentences), every evidence sentence in `description`, and the documents as `proof`.

The output is FtM's line-based JSON (one {"id", "schema", "properties"} object a line), which
`ftm validate`, `ftm aggregate` and `alephclient write-entities` read. Entity ids are digests of the
graph's IRIs, so a re-export of the same graph gives the same ids.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import yaml

from actorgraph import DATA_DIR

FTM_FILE = DATA_DIR / "ftm.yaml"
PREFIXES = """PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""
ENTITIES = PREFIXES + """SELECT ?e ?cls ?label ?alias WHERE {
  ?e a ?c ; rdfs:label ?label . FILTER(STRSTARTS(STR(?c), STR(ag:)))
  BIND(STRAFTER(STR(?c), "#") AS ?cls)
  OPTIONAL { ?e skos:altLabel ?alias }
} ORDER BY ?e"""
DOCUMENTS = PREFIXES + """SELECT ?d ?id ?source ?headline ?date ?author ?publisher WHERE {
  ?d a schema:NewsArticle ; dcterms:identifier ?id ; dcterms:source ?source .
  OPTIONAL { ?d schema:headline ?headline } OPTIONAL { ?d schema:datePublished ?date }
  OPTIONAL { ?d schema:author ?author } OPTIONAL { ?d schema:publisher ?publisher }
} ORDER BY ?id"""
ASSERTIONS = PREFIXES + """SELECT ?s ?p ?o ?d ?sentence ?hedged ?date WHERE {
  GRAPH ?d { ?a a ag:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ag:sentence ?sentence .
             OPTIONAL { ?a ag:hedged ?hedged } OPTIONAL { ?a ag:eventDate ?date } }
  FILTER EXISTS { GRAPH ?d { ?s ?p ?o } }
} ORDER BY ?s ?p ?o ?d"""


@lru_cache(maxsize=None)
def mapping() -> dict:
    return yaml.safe_load(FTM_FILE.read_text(encoding="utf-8"))


def ftm_id(iri: str) -> str:
    return "ag-" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:24]


def _entity(iri: str, schema: str, props: dict[str, list[str]]) -> dict:
    clean = {k: sorted({v for v in vs if v}) for k, vs in props.items()}
    return {"id": ftm_id(iri), "schema": schema, "properties": {k: v for k, v in sorted(clean.items()) if v}}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def actor_entities(store) -> tuple[list[dict], dict[str, str]]:
    """The actors as FtM entities, and each actor IRI's FtM schema."""
    from graph.query import select
    rows: dict[str, dict] = {}
    for r in select(store, ENTITIES):
        e = rows.setdefault(r["e"], {"cls": r["cls"], "label": r["label"], "aliases": set()})
        if r.get("alias"):
            e["aliases"].add(r["alias"])
    classes = mapping()["classes"]
    out, schemata = [], {}
    for iri, e in rows.items():
        schema = classes.get(e["cls"])
        if schema is None:
            continue
        schemata[iri] = schema
        aliases = sorted(e["aliases"] - {e["label"]})
        props = {"name": [e["label"]], "alias": aliases}
        if schema == "Address":
            props["full"] = [e["label"]]
        elif schema == "Article":
            props["title"] = [e["label"]]
        props["sourceUrl"] = [iri]
        out.append(_entity(iri, schema, props))
    return out, schemata


def document_entities(store) -> list[dict]:
    from graph.query import select
    out = []
    for r in select(store, DOCUMENTS):
        out.append(_entity(r["d"], "Article", {
            "title": [r.get("headline") or r["id"]], "name": [r["id"]], "fileName": [r["source"]],
            "publishedAt": [r["date"]] if r.get("date") else [], "author": [r.get("author")],
            "publisher": [r.get("publisher")], "sourceUrl": [r["d"]]}))
    return out


def edge_schema(prop: str, subject_schema: str, object_schema: str) -> dict:
    """The interval schema and end properties of one relation property between two FtM schemata."""
    m = mapping()
    spec = m["relations"].get(prop)
    accepts = m["accepts"]
    if spec and subject_schema in accepts.get(spec["subject"], []) and object_schema in accepts.get(spec["object"], []):
        return spec
    return {**m["default"], "role": prop}


def edge_entities(store, schemata: dict[str, str]) -> Iterator[dict]:
    from graph.query import select
    edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in select(store, ASSERTIONS):
        if r["s"] in schemata and r["o"] in schemata:
            edges[(r["s"], r["p"], r["o"])].append(r)
    for (s, p, o), rows in sorted(edges.items()):
        prop = _local(p)
        spec = edge_schema(prop, schemata[s], schemata[o])
        dates = sorted(r["date"] for r in rows if r.get("date"))
        docs = sorted({r["d"] for r in rows})
        hedged = sum(1 for r in rows if r.get("hedged") == "true")
        summary = f"{prop}: {len(rows)} sentence(s) in {len(docs)} document(s)"
        if hedged:
            summary += f", {hedged} hedged"
        yield _entity(f"{s}|{p}|{o}", spec["schema"], {
            spec["subject"]: [ftm_id(s)], spec["object"]: [ftm_id(o)], "role": [spec.get("role", prop)],
            "startDate": dates[:1], "endDate": dates[-1:], "summary": [summary],
            "description": [r["sentence"] for r in rows], "proof": [ftm_id(d) for d in docs]})


def ftm_entities(out_dir: Path) -> Iterator[dict]:
    """Every FtM entity of a build: actors, documents, then edges."""
    from graph.query import open_store
    store = open_store(Path(out_dir))
    actors, schemata = actor_entities(store)
    yield from actors
    yield from document_entities(store)
    yield from edge_entities(store, schemata)


def write_ftm(out_dir: Path, path: Path | None) -> int:
    """Write the entities as FtM JSON lines to `path` (atomically; None: standard output). Returns the count."""
    import sys
    n = 0
    if path is None:
        for entity in ftm_entities(out_dir):
            sys.stdout.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
        return n
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for entity in ftm_entities(out_dir):
                f.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
