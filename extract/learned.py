"""The learned decisions: an edge scorer and a name classifier, both logistic models over the
sparse features of extract/features.py, stored as JSON in data/models/ and trained by
`actorgraph train` (extract/train.py).

A model file is data: its SHA-256 is recorded in data/models/SHA256SUMS.json and checked
before it is used, so a changed or swapped file stops the build with a message naming it.
A missing model file means the rules decide alone (and the build says nothing is learned).
"""
from __future__ import annotations

import hashlib
import json
import math
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from extract import DATA_DIR
from extract.records import LocalEntity, Mention, Relation

MODELS_DIR = DATA_DIR / "models"
SUMS = MODELS_DIR / "SHA256SUMS.json"
EDGES, CLASSES, PAIRS = "edges", "classes", "pairs"
MAX_PAIR_MENTIONS = 12   # a sentence naming more is a list; its first twelve mentions are paired
_off: set[str] = set()


class ModelFileError(RuntimeError):
    pass


@contextmanager
def disabled(*names: str):
    """Run the pipeline without some learned parts (training uses it to see the rules' output)."""
    before = set(_off)
    _off.update(names)
    try:
        yield
    finally:
        _off.clear()
        _off.update(before)


@lru_cache(maxsize=None)
def load(name: str, models_dir: Path | None = None) -> dict | None:
    """The model `name`, verified against SHA256SUMS.json; None when it was never trained."""
    models_dir = models_dir or MODELS_DIR
    path = models_dir / f"{name}.json"
    if not path.exists():
        return None
    sums_path = models_dir / SUMS.name
    try:
        sums = json.loads(sums_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelFileError(f"{sums_path}: cannot read the model checksums ({e})") from None
    data = path.read_bytes()
    if sums.get(path.name) != hashlib.sha256(data).hexdigest():
        raise ModelFileError(f"{path}: SHA-256 does not match {sums_path.name}; retrain with "
                             "`actorgraph train` or restore the file")
    return json.loads(data)


def active(name: str) -> dict | None:
    return None if name in _off else load(name)


_MATRICES: dict[int, tuple] = {}


def _matrix(model: dict):
    """The model's weights as one array (features -> row), built once per weights table (copies of a
    model with other thresholds share it)."""
    key = id(model["weights"])
    if key not in _MATRICES:
        import numpy as np
        names = sorted(model["weights"])
        w = np.array([model["weights"][f] for f in names], dtype=float).reshape(len(names), len(model["bias"]))
        _MATRICES[key] = (model["weights"], {f: i for i, f in enumerate(names)}, w,
                          np.array(model["bias"], dtype=float))
    return _MATRICES[key][1:]


def probabilities(model: dict, features: list[str]) -> dict[str, float]:
    """Class -> probability (softmax; a binary model has the classes [no, yes])."""
    import numpy as np
    index, w, b = _matrix(model)
    rows = [index[f] for f in features if f in index]
    z = b + w[rows].sum(axis=0) if rows else b.copy()
    e = np.exp(z - z.max())
    e /= e.sum()
    return dict(zip(model["classes"], e.tolist()))


def score_edges(relations: list[Relation], held: list[Relation] | None = None) -> list[Relation]:
    """Every edge's confidence becomes the scorer's probability that a careful reader would assert
    it; edges under the model's threshold are not asserted (they go to `held`, for a reviewer)."""
    model = active(EDGES)
    if model is None:
        return relations
    out, unsure = [], set(model.get("held_rules", ()))   # rules mostly wrong on unseen articles (train.held_rules)
    trusted = set(model.get("trusted_rules", ()))   # rules for articles unlike the training corpus (train.yaml)
    for r in relations:
        if r.rule in trusted:
            out.append(r)   # asserted at the rule's own confidence
            continue
        p = probabilities(model, r.features)["yes"]
        r.confidence = round(p, 3)
        (out if p >= model["threshold"] and r.rule not in unsure else held if held is not None else []).append(r)
    return out


def decide_class(model: dict, features, cls: str, weight: float) -> str:
    """The class a name ends with: the rules' when the gazetteer vouches for it (weight) or the
    classifier is unsure, else the classifier's; 'none' when it is sure this is no entity."""
    if weight >= model["trust_weight"]:
        return cls
    feats = features()
    if any(f.split(">")[0] in model.get("trust_rules", ()) for f in feats if f.startswith("m_rule_cls=")):
        return cls   # the text says what the name is ("Vlast, an independent news site")
    probs = probabilities(model, feats)
    best = max(probs, key=probs.get)
    if best == "none":
        return "none" if probs[best] >= model["drop_threshold"] else cls
    return best if probs[best] >= model["threshold"] else cls


def retype_entities(entities: list[LocalEntity], mentions: list[Mention], doc) -> list[LocalEntity]:
    """A name the gazetteer does not know takes the class the classifier gives it from its
    context, when the classifier is sure enough; 'none' drops it as no entity at all."""
    from extract.features import entity_features
    model = active(CLASSES)
    if model is None:
        return entities
    own: dict[str, list[Mention]] = {}
    for m in mentions:
        own.setdefault(m.entity, []).append(m)
    keep, dropped = [], set()
    for e in entities:
        cls = decide_class(model, lambda: entity_features(e, own.get(e.id, []), doc), e.cls,
                           e.weights.get(e.cls, 0.0))
        if cls == "none":
            dropped.add(e.id)
            continue
        if cls != e.cls:
            e.weights[cls] = max(e.weights.values(), default=0.0) + 1.0
            e.cls = cls
            for m in mentions:
                if m.entity == e.id:
                    m.cls = cls
        keep.append(e)
    for m in mentions:
        if m.entity in dropped:
            m.entity = ""
    return keep


def pair_relations(doc, mentions: list[Mention], entities: list[LocalEntity],
                   asserted: list[Relation]) -> list[Relation]:
    """Edges the rules did not propose, from the pair model: every ordered pair of entities named in one
    sentence, classified into a property or none; kept when the model is sure enough, the classes fit the
    property and the sentence does not deny it (rule learned.pair.v1, confidence = the probability).
    A pair the rules already relate in that sentence keeps the rules' property alone ("X, Y's
    editor-in-chief" is `leads`, not also `memberOf`), and the speaker of an act the rules found is not made
    a second doer of it ("X says Moscow has blocked A": not also X blocked A)."""
    model = active(PAIRS)
    if model is None:
        return []
    from extract.features import pair_features, token_table
    from extract.patterns import Sentences
    from extract.qualifiers import hedged, negated
    from extract.relations import lexicon
    props = lexicon()["properties"]
    cls = {e.id: e.cls for e in entities}
    sents = Sentences(doc)
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.entity in cls and 0 <= m.tok_start < m.tok_end <= len(doc):
            by_sent.setdefault(sents.index[m.tok_start], []).append(m)
    fits = {(sc, oc) for spec in props.values() for sc in spec["subject"] for oc in spec["object"]}
    known = {(r.subject, r.prop, r.object) for r in asserted}
    related = {(frozenset((r.subject, r.object)), r.start) for r in asserted}
    # "X says Moscow has blocked A": the one who reports an act the rules found is not a second doer of it
    reported = {(r.prop, r.object, r.start, r.attributed_to) for r in asserted if r.attributed_to}
    best: dict[tuple, Relation] = {}
    for k, group in by_sent.items():
        sent = sents.spans[k]
        for a in group[:MAX_PAIR_MENTIONS]:
            for b in group[:MAX_PAIR_MENTIONS]:
                if a.entity == b.entity or (cls[a.entity], cls[b.entity]) not in fits \
                        or (frozenset((a.entity, b.entity)), sent.start_char) in related:
                    continue
                probs = probabilities(model, pair_features(doc, a, b, cls[a.entity], cls[b.entity]))
                prop = max((p for p in probs if p != "none"), key=probs.get)
                p = probs[prop]
                if p < model["threshold"] or (a.entity, prop, b.entity) in known \
                        or (prop, b.entity, sent.start_char, a.entity) in reported \
                        or cls[a.entity] not in props[prop]["subject"] or cls[b.entity] not in props[prop]["object"]:
                    continue
                table = token_table(doc)
                _, _, top = table.path(table.root(a.tok_start, a.tok_end), table.root(b.tok_start, b.tok_end))
                if top is None or negated(doc[top]):
                    continue
                top = doc[top]
                key = (a.entity, prop, b.entity, sent.start_char)
                if key not in best or best[key].confidence < p:
                    best[key] = Relation(a.entity, prop, b.entity, sent.text, sent.start_char, sent.end_char,
                                         "learned.pair.v1", round(p, 3), hedged(top, sent=sent))
    return list(best.values())

