"""Score a built dataset (graph.trig) against gold annotations, as SCHEMA.md describes.

Entities: P/R/F1 over (entity, class); a second predicted entity that maps to
an already matched gold entity is a false positive, counted as a missed merge.
Relations: P/R/F1 over (document, subject, property, object), strict; relaxed
counts any property between the same two entities (either direction).
"""
from __future__ import annotations

import json

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import DCTERMS, SKOS

from extract.aliases import norm
from extract.schema import classes, properties
from graph.rdf import AG


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    entities: Score
    entities_untyped: Score
    missed_merges: int
    relations_strict: Score
    relations_relaxed: Score
    per_property: dict[str, Score] = field(default_factory=dict)
    false_entities: list[str] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)
    false_relations: list[tuple] = field(default_factory=list)
    missed_relations: list[tuple] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"entities": self.entities.as_dict(), "entities_untyped": self.entities_untyped.as_dict(),
                "missed_merges": self.missed_merges, "relations_strict": self.relations_strict.as_dict(),
                "relations_relaxed": self.relations_relaxed.as_dict(),
                "per_property": {p: s.as_dict() for p, s in sorted(self.per_property.items())},
                "false_entities": self.false_entities, "missed_entities": self.missed_entities,
                "false_relations": [list(t) for t in self.false_relations],
                "missed_relations": [list(t) for t in self.missed_relations]}


def predicted_entities(ds: Dataset) -> dict[URIRef, tuple[str, set[str]]]:
    """Entity IRI -> (class, normalised names) from the default graph."""
    known = {AG[c]: c for c in classes()}
    out = {}
    for e, _, c in ds.triples((None, RDF.type, None)):
        if c in known:
            names = {norm(str(x)) for x in ds.objects(e, RDFS.label)}
            names |= {norm(str(x)) for x in ds.objects(e, SKOS.altLabel)}
            out[e] = (known[c], names - {""})
    return out


def predicted_relations(ds: Dataset) -> set[tuple[str, URIRef, str, URIRef]]:
    props = {AG[p]: p for p in properties()}
    ident = {d: str(i) for d, i in ds.subject_objects(DCTERMS.identifier)}
    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        g = getattr(g, "identifier", g)
        if p in props and g in ident:
            out.add((ident[g], s, props[p], o))
    return out


MAX_GOLD_BYTES = 64 * 2**20
GOLD_FIELDS = {"entities": ("name", "type"), "relations": ("doc", "s", "p", "o")}


def load_gold(path: Path) -> dict:
    """The gold annotations; ValueError names the file and what is wrong with it (see SCHEMA.md)."""
    from graph.query import read_text_file
    text = read_text_file(path, MAX_GOLD_BYTES, "a gold file")
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    if not isinstance(gold, dict) or not all(isinstance(gold.get(k), list) for k in ("docs", *GOLD_FIELDS)):
        raise ValueError(f"{path}: expected a JSON object with the lists 'docs', 'entities' and 'relations'")
    for key, fields in GOLD_FIELDS.items():
        for i, item in enumerate(gold[key]):
            if not isinstance(item, dict) or not all(isinstance(item.get(f), str) for f in fields):
                raise ValueError(f"{path}: {key}[{i}] needs the text fields {', '.join(fields)}")
            aliases = item.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise ValueError(f"{path}: {key}[{i}]: aliases must be a list of names")
    if not all(isinstance(d, str) for d in gold["docs"]):
        raise ValueError(f"{path}: docs must be a list of document ids")
    return gold


def score(trig: Path, gold_path: Path) -> Report:
    gold = load_gold(gold_path)
    if not Path(trig).is_file():
        raise FileNotFoundError(f"{Path(trig).parent}: not a build (no graph.trig); run `actorgraph build` first")
    ds = Dataset()
    try:
        ds.parse(trig, format="trig")
    except SyntaxError as e:   # rdflib's BadSyntax
        raise ValueError(f"{trig}: not valid TriG: {' '.join(str(e).split())[:300]}") from None
    gold_names = {g["name"]: {norm(n) for n in [g["name"], *g.get("aliases", [])]} for g in gold["entities"]}
    gold_cls = {g["name"]: g["type"] for g in gold["entities"]}
    pred = predicted_entities(ds)

    # predicted IRI -> the gold entities it may be (a shared name), and the one it is taken for: first one
    # the predicted label names, then one whose canonical name is among the predicted names, then gold order
    # ("State Security Service of Uzbekistan", alias "State Security Service", is not Latvia's service that
    # the gold calls "State Security Service")
    hits_of: dict[URIRef, list[str]] = {}
    for iri, (_, names) in pred.items():
        if hits := [g for g, gn in gold_names.items() if names & gn]:
            label = norm(str(ds.value(iri, RDFS.label) or ""))
            hits_of[iri] = sorted(hits, key=lambda g: (label not in gold_names[g], norm(g) not in names))
    mapping = {iri: hits[0] for iri, hits in hits_of.items()}

    typed, untyped = Score(), Score()
    matched_typed, matched_any, merges = set(), set(), 0
    false_entities = []
    # a claimant of the gold entity's class goes first (the Place "Delhi" does not take the State India,
    # alias Delhi, from the State)
    right_class = lambda iri: iri in mapping and pred[iri][0] == gold_cls[mapping[iri]]  # noqa: E731
    for iri in sorted(pred, key=lambda iri: (not right_class(iri), str(iri))):
        cls, _ = pred[iri]
        g = mapping.get(iri)
        if g is None:
            typed.fp += 1
            untyped.fp += 1
            false_entities.append(f"{iri} ({cls})")
            continue
        if g in matched_any:
            merges += 1
            typed.fp += 1
            untyped.fp += 1
            false_entities.append(f"{iri} ({cls}) duplicates {g}")
            continue
        matched_any.add(g)
        untyped.tp += 1
        if cls == gold_cls[g]:
            typed.tp += 1
            matched_typed.add(g)
        else:
            typed.fp += 1
            false_entities.append(f"{iri} ({cls}) should be {gold_cls[g]}")
    typed.fn = len(gold_names) - len(matched_typed)
    untyped.fn = len(gold_names) - len(matched_any)
    missed_entities = sorted(set(gold_names) - matched_typed)

    docs = set(gold["docs"])
    in_docs = {g["name"]: set(g.get("docs", [])) for g in gold["entities"]}

    def named(iri, doc):   # in a document, the gold entity of that document it may be, in the order above
        return next((g for g in hits_of.get(iri, ()) if doc in in_docs[g]), mapping.get(iri, str(iri)))
    pr = {(d, named(s, d), p, named(o, d)) for d, s, p, o in predicted_relations(ds) if d in docs}
    gr = {(r["doc"], r["s"], r["p"], r["o"]) for r in gold["relations"]}
    strict = Score(len(pr & gr), len(pr - gr), len(gr - pr))
    pair = lambda t: (t[0], frozenset((t[1], t[3])))  # noqa: E731
    pp, gp = {pair(t) for t in pr}, {pair(t) for t in gr}
    relaxed = Score(len(pp & gp), len(pp - gp), len(gp - pp))
    per_property = {}
    for p in sorted({t[2] for t in pr | gr}):
        a, b = {t for t in pr if t[2] == p}, {t for t in gr if t[2] == p}
        per_property[p] = Score(len(a & b), len(a - b), len(b - a))
    return Report(typed, untyped, merges, strict, relaxed, per_property, false_entities, missed_entities,
                  sorted(pr - gr), sorted(gr - pr))


def format_report(report: Report, verbose: bool = False) -> str:
    def row(name, s):
        return f"{name:<22} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}  (tp={s.tp} fp={s.fp} fn={s.fn})"
    lines = [row("entities (typed)", report.entities), row("entities (untyped)", report.entities_untyped),
             f"{'missed merges':<22} {report.missed_merges}",
             row("relations strict", report.relations_strict), row("relations relaxed", report.relations_relaxed),
             "per property:"]
    lines += ["  " + row(p, s) for p, s in report.per_property.items()]
    if verbose:
        lines += ["false entities:"] + [f"  {x}" for x in report.false_entities]
        lines += ["missed entities:"] + [f"  {x}" for x in report.missed_entities]
        lines += ["false relations:"] + [f"  {x}" for x in report.false_relations]
        lines += ["missed relations:"] + [f"  {x}" for x in report.missed_relations]
    return "\n".join(lines)


