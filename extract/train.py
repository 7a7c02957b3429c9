"""Train the learned decisions from the annotated corpus: `actorgraph train` (or `make train`).

Reads data/models/train.yaml, parses the train split, labels what the rules propose with the gold
annotations (a name's class, or 'none'; an edge as asserted or not), fits three logistic models,
picks their thresholds on the dev split (the edge scorer's on dev and on the train split scored out of
fold, together), and writes data/models/{classes,edges,pairs}.json, their SHA-256
in SHA256SUMS.json and the dev figures in metrics.json. The test split is never read here.
Deterministic on CPU: same corpus and config, same bytes.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from extract import DATA_DIR
from extract.aliases import norm
from extract.learned import CLASSES, EDGES, MAX_PAIR_MENTIONS, MODELS_DIR, PAIRS, SUMS, disabled, load, probabilities

CONFIG = MODELS_DIR / "train.yaml"


@dataclass
class Example:
    features: list[str]
    label: str
    doc: str = ""
    key: tuple = ()


def read_config(path: Path = CONFIG) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _edge_keys(gold: dict) -> set[tuple]:
    return {(r["doc"], r["s"], r["p"], r["o"]) for r in gold["relations"]}


def _gold_edges(gold_path: Path) -> set[tuple]:
    return _edge_keys(json.loads(Path(gold_path).read_text(encoding="utf-8")))


def _gold_index(gold: dict):
    by_doc: dict[str, list[tuple[str, str, set[str]]]] = {}
    for g in gold["entities"]:
        names = {norm(n) for n in [g["name"], *g.get("aliases", [])]} - {""}
        for d in g.get("docs", []):
            by_doc.setdefault(d, []).append((g["name"], g["type"], names))
    rels = _edge_keys(gold)
    return by_doc, rels


def _match(entity, candidates, partial: bool = False) -> tuple[str, str] | None:
    """The gold entity (name, class) this entity is, by a shared name or alias; with partial=True also
    one whose name holds this name ("Supreme Court" in "Supreme Court of Tajikistan"): for learning a
    class, a real entity found with a shorter name is still that class, not 'no entity'."""
    label = norm(entity.label)
    names = {label} | {norm(a) for a in entity.aliases}
    hits = [(n, t, gn) for n, t, gn in candidates if names & gn]
    if not hits and partial:
        padded = [f" {x} " for x in names if x]
        hits = [(n, t, gn) for n, t, gn in candidates if any(p in f" {g} " for p in padded for g in gn)]
        if len({t for _, t, _ in hits}) != 1:
            return None
    if not hits:
        return None
    # the gold entity this entity's own label names first: a State whose gazetteer aliases hold its
    # capital must not become the gold Place of that capital when the document names both
    n, t, _ = sorted(hits, key=lambda h: (label not in h[2], norm(h[0]) not in names))[0]
    return n, t


_PARSED: dict[Path, list] = {}


def parsed_split(split_dir: Path, processes: int = 1) -> list:
    """(document, parsed) of every article in a folder, parsed once per training run: the three stages
    read the same splits (cleared by train()). Several processes give the same parses as one."""
    from extract.model import load_nlp
    from extract.pipeline import read_documents
    key = Path(split_dir).resolve()
    if key not in _PARSED:
        documents, _ = read_documents(key)
        texts = [d.text for d in documents]
        parsed = load_nlp().pipe(texts, n_process=max(1, min(processes, len(texts))), batch_size=8)
        _PARSED[key] = list(zip(documents, parsed))
    return _PARSED[key]


def collect(split_dir: Path, gold_path: Path, stage: str) -> list[Example]:
    """Examples of one split: stage 'classes' gives one per local entity, 'edges' one per
    (document, subject, property, object) the rules propose, with the gold label."""
    from extract.aliases import resolve_document
    from extract.features import entity_features
    from extract.mentions import find_mentions
    from extract.metadata import read_metadata
    from extract.pipeline import analyse

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    by_doc, gold_rels = _gold_index(gold)
    out: list[Example] = []
    for document, parsed in parsed_split(split_dir):
        doc_id, cands = document.doc_id, by_doc.get(document.doc_id, [])
        if stage == CLASSES:
            read_metadata(document)
            mentions = find_mentions(parsed, document=document)
            entities = resolve_document(mentions, doc_id)
            for e in entities:
                hit = _match(e, cands, partial=True)
                out.append(Example(entity_features(e, [m for m in mentions if m.entity == e.id], parsed), hit[1] if hit else "none", doc_id,
                                   (e.cls, e.weights.get(e.cls, 0.0))))
            continue
        with disabled(EDGES):
            result = analyse(document, parsed)
        gold_of = {e.id: (_match(e, cands) or (None,))[0] for e in result.entities}
        best: dict[tuple, Example] = {}
        for r in result.relations:
            key = (doc_id, gold_of.get(r.subject), r.prop, gold_of.get(r.object))
            label = "yes" if key in gold_rels else "no"
            ex = best.setdefault((doc_id, r.subject, r.prop, r.object), Example([], label, doc_id, key))
            ex.features = sorted(set(ex.features) | set(r.features))
        out += best.values()
    return out


def collect_pairs(split_dir: Path, gold_path: Path) -> tuple[list[Example], set[tuple]]:
    """One example per ordered pair of entities named in one sentence, labelled with the property the gold
    states between them in an evidence overlapping that sentence (or 'none'); and the (doc, s, p, o) keys
    of the edges the rules and the edge scorer already assert."""
    from extract.features import pair_features
    from extract.patterns import Sentences
    from extract.pipeline import analyse

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    by_doc, _ = _gold_index(gold)
    spans: dict[tuple, list[tuple[int, int, str]]] = {}
    texts = {d.doc_id: d.text for d, _ in parsed_split(split_dir)}
    for r in gold["relations"]:
        text, at = texts.get(r["doc"], ""), -1
        while (at := text.find(r["evidence"], at + 1)) >= 0:
            spans.setdefault((r["doc"], r["s"], r["o"]), []).append((at, at + len(r["evidence"]), r["p"]))
    examples, asserted = [], set()
    for document, parsed in parsed_split(split_dir):
        doc_id = document.doc_id
        with disabled(PAIRS):
            result = analyse(document, parsed)
        gold_of = {e.id: (_match(e, by_doc.get(doc_id, [])) or (None,))[0] for e in result.entities}
        cls = {e.id: e.cls for e in result.entities}
        asserted |= {(doc_id, gold_of.get(r.subject), r.prop, gold_of.get(r.object)) for r in result.relations}
        sents = Sentences(parsed)
        by_sent: dict[int, list] = {}
        for m in result.mentions:
            if m.entity in cls and 0 <= m.tok_start < m.tok_end <= len(parsed):
                by_sent.setdefault(sents.index[m.tok_start], []).append(m)
        for k, group in by_sent.items():
            sent = sents.spans[k]
            for a in group[:MAX_PAIR_MENTIONS]:
                for b in group[:MAX_PAIR_MENTIONS]:
                    if a.entity == b.entity:
                        continue
                    gs, go = gold_of.get(a.entity), gold_of.get(b.entity)
                    label = next((p for lo, hi, p in spans.get((doc_id, gs, go), [])
                                  if lo < sent.end_char and sent.start_char < hi), "none")
                    examples.append(Example(pair_features(parsed, a, b, cls[a.entity], cls[b.entity]), label,
                                            doc_id, (doc_id, gs, go, cls[a.entity], cls[b.entity])))
    return examples, asserted


def pair_curve(model: dict, examples: list[Example], asserted: set, gold: set) -> list[dict]:
    """Dev P/R/F1 of the rules' edges plus the pair model's, at each threshold of the pair model."""
    from extract.relations import lexicon
    props = lexicon()["properties"]
    scored = []
    for ex in examples:
        probs = probabilities(model, ex.features)
        prop = max((p for p in probs if p != "none"), key=probs.get)
        doc, gs, go, sc, oc = ex.key
        if sc in props[prop]["subject"] and oc in props[prop]["object"]:
            scored.append((probs[prop], (doc, gs, prop, go)))
    curve = []
    for t in [round(0.05 * k, 2) for k in range(4, 20)] + [1.01]:
        pred = asserted | {key for p, key in scored if p >= t}
        tp = len(pred & gold)
        curve.append({"threshold": t, **_prf(tp, len(pred) - tp, len(gold) - tp)})
    return curve


def fit(examples: list[Example], classes: list[str], cfg: dict, chunk: int = 8192) -> dict:
    """Multinomial logistic regression, L2, full-batch gradient descent with momentum from zeros:
    deterministic. Features are binary and sparse (index arrays, no dense matrix); rows are taken in
    chunks so that memory stays bounded however many examples there are."""
    counts: dict[str, int] = {}
    for ex in examples:
        for f in set(ex.features):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= cfg["min_count"])
    index = {f: i for i, f in enumerate(vocab)}
    n, k = len(examples), len(classes)
    parts = []   # per chunk: row offsets, columns, and the columns sorted for the gradient
    for lo in range(0, n, chunk):
        rows, cols = [], []
        for r, ex in enumerate(examples[lo:lo + chunk]):
            for f in sorted({index[f] for f in ex.features if f in index}):
                rows.append(r)
                cols.append(f)
        rows, cols = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
        m = min(chunk, n - lo)
        has = np.bincount(rows, minlength=m) > 0
        by_col = np.argsort(cols, kind="stable")
        col_ids, col_start = np.unique(cols[by_col], return_index=True)
        parts.append((lo, m, rows, cols, has, np.searchsorted(rows, np.arange(m)), by_col, col_ids, col_start))
    y = np.array([classes.index(ex.label) for ex in examples])
    w, b = np.zeros((len(vocab), k)), np.zeros(k)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    lr, mom, l2 = cfg["learning_rate"], 0.9, cfg["l2"]
    for _ in range(cfg["iterations"]):
        gw, gb = l2 * w, np.zeros(k)
        for lo, m, rows, cols, has, row_start, by_col, col_ids, col_start in parts:
            z = np.zeros((m, k))
            if len(rows):
                z[has] = np.add.reduceat(w[cols], row_start[has], axis=0)
            z += b
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(m), y[lo:lo + m]] -= 1.0
            g = p / n
            if len(rows):
                gw[col_ids] += np.add.reduceat(g[rows[by_col]], col_start, axis=0)
            gb += g.sum(axis=0)
        vw = mom * vw - lr * gw
        vb = mom * vb - lr * gb
        w += vw
        b += vb
    weights = {f: [round(float(v), 5) for v in w[i]] for f, i in index.items() if np.abs(w[i]).max() >= 1e-5}
    return {"classes": classes, "bias": [round(float(v), 5) for v in b], "weights": weights}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "fp": fp, "fn": fn}


def fold_of(doc_id: str, folds: int) -> int:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % folds


def out_of_fold(examples: list[Example], cfg: dict, folds: int) -> list[tuple[float, bool, str]]:
    """Every training edge scored by a model fitted without its document's fold (folds by the SHA-256 of
    the document id): how the scorer does on articles it has not seen, over the whole training split
    instead of dev's two dozen articles, which five rounds of rules were read on."""
    out = []
    for k in range(folds):
        rest = [x for x in examples if fold_of(x.doc, folds) != k]
        held = [x for x in examples if fold_of(x.doc, folds) == k]
        if rest and held:
            model = fit(rest, ["no", "yes"], cfg)
            out += [scored(model, x) for x in held]
    return out


def rule_of(x: Example) -> str:
    return next((f[5:] for f in x.features if f.startswith("rule=")), "")


def scored(model: dict, x: Example) -> tuple[float, bool, str]:
    """An edge's probability, whether it is gold, and the rule that proposed it."""
    return probabilities(model, x.features)["yes"], x.label == "yes", rule_of(x)


def trusted(scored_edges: list[tuple[float, bool, str]], rules: list[str]) -> list[tuple[float, bool, str]]:
    """The scored edges with those of trusted rules at probability 1: the scorer does not decide them."""
    return [(1.0 if rule in rules else p, ok, rule) for p, ok, rule in scored_edges]


def held_rules(scored_edges: list[tuple[float, bool, str]], threshold: float, floor: float, least: int,
               z: float) -> dict:
    """The rules whose edges kept at the threshold are less precise than `floor` beyond doubt (the upper end of
    the Wilson interval at z standard errors is under it), judged on edges the scorer has not seen (train out
    of fold and dev), for rules with at least `least` kept edges: their edges are held for a reviewer, never
    asserted. {rule: [true, false]}"""
    counts: dict[str, list[int]] = {}
    for p, ok, rule in scored_edges:
        if p >= threshold:
            counts.setdefault(rule, [0, 0])[0 if ok else 1] += 1
    return {r: tf for r, tf in sorted(counts.items()) if sum(tf) >= least and wilson_upper(*tf, z) < floor}


def wilson_upper(tp: int, fp: int, z: float) -> float:
    n = tp + fp
    p, z2 = tp / n, z * z
    return (p + z2 / (2 * n) + z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n)


def scored_curve(scored_edges: list[tuple], n_gold: int) -> list[dict]:
    """Precision, recall and F1 of the (probability, is gold) edges kept at each threshold (recall over all
    n_gold gold edges)."""
    curve = []
    for t in [round(0.05 * k, 2) for k in range(0, 20)]:
        tp = sum(1 for p, ok, *_ in scored_edges if p >= t and ok)
        fp = sum(1 for p, ok, *_ in scored_edges if p >= t and not ok)
        curve.append({"threshold": t, **_prf(tp, fp, n_gold - tp)})
    return curve


def tied_thresholds(curve: list[dict], beta: float, tie: float = 0.0) -> list[float]:
    """The thresholds with the best F-beta (beta < 1 weighs precision more: a false edge is worse than a
    missed one), highest first. Those within `tie` of the best are a tie: the curve is flat near its top,
    a few edges either way."""
    best = max(fbeta(c, beta) for c in curve)
    return sorted((c["threshold"] for c in curve if fbeta(c, beta) >= best - tie - 1e-12), reverse=True)


def fbeta(row: dict, beta: float) -> float:
    b2 = beta * beta
    return (1 + b2) * row["precision"] * row["recall"] / (b2 * row["precision"] + row["recall"]) \
        if row["precision"] + row["recall"] else 0.0


def pick_threshold(curve: list[dict], beta: float, tie: float = 0.0) -> float:
    """The best threshold on the curve; a tie goes to the highest: precision first."""
    return tied_thresholds(curve, beta, tie)[0]


def choose(model: dict, curve: list[dict], cfg: dict) -> dict:
    """Set the model's threshold (best F-beta on dev) and return the dev row there."""
    model["threshold"] = pick_threshold(curve, cfg["beta"], cfg.get("tie", 0.0))
    return next(row for row in curve if row["threshold"] == model["threshold"])


def precision_point(curve: list[dict], target: float) -> dict | None:
    """The lowest threshold whose dev precision reaches the target, for users who want fewer false edges
    (they can filter on confidence); None when no threshold does."""
    return next((c for c in curve if c["precision"] >= target and c["tp"]), None)


def class_accuracy(model: dict | None, examples: list[Example], threshold: float, drop: float) -> dict:
    """How many names end with the right class (a 'none' kept is wrong, a 'none' dropped is right)."""
    from extract.learned import decide_class
    right = 0
    for ex in examples:
        cls, weight = ex.key
        if model is not None:
            cls = decide_class({**model, "threshold": threshold, "drop_threshold": drop},
                               lambda: ex.features, cls, weight)
        right += cls == ex.label
    return {"accuracy": round(right / len(examples), 4), "n": len(examples)}


def train(config_path: Path = CONFIG, models_dir: Path = MODELS_DIR, log=print) -> dict:
    """Fit both models into models_dir (the pipeline reads its models from there meanwhile)."""
    from extract import learned
    saved = learned.MODELS_DIR
    learned.MODELS_DIR = Path(models_dir)
    try:
        return _train(read_config(config_path), Path(models_dir), log)
    finally:
        learned.MODELS_DIR = saved
        load.cache_clear()
        _PARSED.clear()


def _train(cfg: dict, models_dir: Path, log) -> dict:
    corpus = DATA_DIR.parent / cfg["corpus"]
    split = {s: (corpus / s, corpus / f"{s}.json") for s in ("train", "dev")}
    also = [(DATA_DIR.parent / d, DATA_DIR.parent / g) for d, g in cfg.get("also_train", [])]
    for folder, _ in [*split.values(), *also]:
        parsed_split(folder, cfg.get("processes", 1))
    models_dir.mkdir(parents=True, exist_ok=True)
    metrics: dict = {"config": cfg}
    written: dict[str, bytes] = {}
    load.cache_clear()
    _write(models_dir, {})   # rules only while the training data is gathered

    # 1. the class of a name
    c = cfg["classes"]
    train_x = [x for d, g in [split["train"], *also] for x in collect(d, g, CLASSES)]
    dev_x = collect(*split["dev"], CLASSES)
    labels = sorted({ex.label for ex in train_x} | {"none"})
    model = {**fit(train_x, labels, c), "threshold": 0.0, "drop_threshold": 1.01, "trust_weight": 4.0,
             "trust_rules": [f"m_rule_cls={r}" for r in c["trust_rules"]]}
    rules = class_accuracy(None, dev_x, 1.0, 1.01)
    grid = [(t, d, w) for t in c["thresholds"] for d in c["drop_thresholds"] for w in c["trust_weights"]]
    best = max(grid, key=lambda tdw: (class_accuracy({**model, "trust_weight": tdw[2]}, dev_x, *tdw[:2])["accuracy"],
                                      tdw[2], tdw[:2]))
    model["threshold"], model["drop_threshold"], model["trust_weight"] = best
    learned = class_accuracy(model, dev_x, *best[:2])
    metrics["classes"] = {"train_names": len(train_x), "dev_rules": rules, "dev_learned": learned,
                          "threshold": best[0], "drop_threshold": best[1], "trust_weight": best[2],
                          "kept": learned["accuracy"] > rules["accuracy"]}
    log(f"classes: dev accuracy rules {rules['accuracy']} -> learned {learned['accuracy']} "
        f"(threshold {best[0]}, drop {best[1]}, trust {best[2]}, {len(train_x)} training names)")
    if metrics["classes"]["kept"]:
        written[f"{CLASSES}.json"] = _dumps(model)
    _write(models_dir, written)

    # 2. the edge scorer, on what the rules (and the kept class model) propose
    e = cfg["edges"]
    train_x = [x for d, g in [split["train"], *also] for x in collect(d, g, EDGES)]
    dev_x = collect(*split["dev"], EDGES)
    n_gold = len(_gold_edges(split["dev"][1]))
    model = fit(train_x, ["no", "yes"], e)
    trust = sorted(e.get("trust_rules", []))   # asserted whatever the scorer says: kept at every threshold
    model["trusted_rules"] = trust
    dev_scored = trusted([scored(model, x) for x in dev_x], trust)
    curve = scored_curve(dev_scored, n_gold)
    n_train = sum(len(_gold_edges(g)) for _, g in [split["train"], *also])
    oof = trusted(out_of_fold(train_x, e, e["folds"]), trust)
    pooled = scored_curve(oof + dev_scored, n_train + n_gold)
    model["threshold"] = pick_threshold(pooled, e["beta"], e.get("tie", 0.0))
    # kept edges of precision p add to F-beta only when p > F-beta / (1 + beta^2): a rule under that is held
    row = next(r for r in pooled if r["threshold"] == model["threshold"])
    floor = round(fbeta(row, e["beta"]) / (1 + e["beta"] ** 2), 4)
    held = {"floor": floor, "rules": {r: tf for r, tf in held_rules(
        oof + dev_scored, model["threshold"], floor, e["held_rule_least"], e["held_rule_z"]).items() if r not in trust}}
    model["held_rules"] = sorted(held["rules"])
    log(f"edges: rules held under the precision floor {floor} (true, false kept): {held['rules']}")
    rules_row = curve[0]   # then the curves and the threshold again, those rules' edges never kept
    hold = lambda xs: [(-1.0 if r in held["rules"] else p, ok, r) for p, ok, r in xs]  # noqa: E731
    curve, pooled = scored_curve(hold(dev_scored), n_gold), scored_curve(hold(oof + dev_scored), n_train + n_gold)
    model["threshold"] = pick_threshold(pooled, e["beta"], e.get("tie", 0.0))
    at = next(row for row in curve if row["threshold"] == model["threshold"])
    metrics["edges"] = {"train_candidates": len(train_x), "train_positive": sum(x.label == "yes" for x in train_x),
                        "dev_candidates": len(dev_x), "dev_gold": n_gold, "dev_rules": rules_row,
                        "dev_learned": at, "threshold": model["threshold"], "curve": curve, "held_rules": held,
                        "train_out_of_fold_curve": scored_curve(hold(oof), n_train), "pooled_curve": pooled,
                        "precision_point": precision_point(curve, e["precision_target"]),
                        "kept": at["f1"] >= rules_row["f1"] or at["precision"] > rules_row["precision"]}
    log(f"edges: dev P/R/F1 rules {rules_row['precision']}/{rules_row['recall']}/{rules_row['f1']} -> "
        f"scored {at['precision']}/{at['recall']}/{at['f1']} at threshold {model['threshold']} "
        f"(chosen on train out-of-fold and dev together)")
    if metrics["edges"]["kept"]:
        written[f"{EDGES}.json"] = _dumps(model)
    _write(models_dir, written)

    # 3. the pair model, for edges the rules do not propose
    pc = cfg["pairs"]
    train_x = [x for d, g in [split["train"], *also] for x in collect_pairs(d, g)[0]]
    dev_x, asserted = collect_pairs(*split["dev"])
    gold_keys = _gold_edges(split["dev"][1])
    labels = sorted({ex.label for ex in train_x} | {"none"})
    model = fit(train_x, labels, pc)
    curve = pair_curve(model, dev_x, asserted, gold_keys)
    at, without = choose(model, curve, e), curve[-1]
    metrics["pairs"] = {"train_pairs": len(train_x), "train_positive": sum(x.label != "none" for x in train_x),
                        "dev_without": without, "dev_with": at, "threshold": model["threshold"], "curve": curve,
                        "precision_point": precision_point(curve, e["precision_target"]),
                        "kept": model["threshold"] <= 1.0}
    log(f"pairs: dev P/R/F1 without {without['precision']}/{without['recall']}/{without['f1']} -> "
        f"with {at['precision']}/{at['recall']}/{at['f1']} at threshold {model['threshold']} "
        f"({len(train_x)} training pairs)")
    if metrics["pairs"]["kept"]:
        written[f"{PAIRS}.json"] = _dumps(model)
    _write(models_dir, written)
    if e.get("demo_floor") and also and metrics["edges"]["kept"]:
        metrics["edges"]["demo"] = keep_demo_floor(also[0], models_dir, written, pooled, e, log)
    (models_dir / "metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return metrics


def keep_demo_floor(demo: tuple[Path, Path], models_dir: Path, written: dict[str, bytes], pooled: list[dict],
                    cfg: dict, log) -> dict:
    """The demo corpus is a promise to a new user (strict relations F1 >= `demo_floor` on its gold). Among
    the edge thresholds tied on the pooled F-beta (`tie`), take the highest that keeps it; none does: the
    highest, as before. Only ties are open: the objective is not traded for the demo."""
    import tempfile

    from extract import learned
    from graph.build import build
    from graph.evaluate import score
    tied = tied_thresholds(pooled, cfg["beta"], cfg.get("tie", 0.0))
    model = json.loads(written[f"{EDGES}.json"])
    tried = []
    saved, learned.MODELS_DIR = learned.MODELS_DIR, models_dir   # the demo is built with the models just written
    try:
        for t in tied:
            written[f"{EDGES}.json"] = _dumps({**model, "threshold": t})
            _write(models_dir, written)
            with tempfile.TemporaryDirectory() as tmp:
                build(demo[0], Path(tmp) / "out", incremental=False)
                f1 = score(Path(tmp) / "out" / "graph.trig", demo[1]).relations_strict.f1
            tried.append({"threshold": t, "demo_strict_f1": round(f1, 4)})
            if f1 >= cfg["demo_floor"]:
                break
        else:
            written[f"{EDGES}.json"] = _dumps({**model, "threshold": tied[0]})
            _write(models_dir, written)
    finally:
        learned.MODELS_DIR = saved
        load.cache_clear()
    chosen = json.loads(written[f"{EDGES}.json"])["threshold"]
    log(f"edges: demo corpus strict F1 at the tied thresholds {tried}; threshold {chosen}")
    return {"tied": tied, "tried": tried, "threshold": chosen}


def _dumps(model: dict) -> bytes:
    return (json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def _write(models_dir: Path, files: dict[str, bytes]) -> None:
    """Write the model files and their checksums; remove model files not in `files`."""
    for name in (f"{CLASSES}.json", f"{EDGES}.json", f"{PAIRS}.json"):
        path = models_dir / name
        if name in files:
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(files[name])
            tmp.replace(path)
        elif path.exists():
            path.unlink()
    sums = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    (models_dir / SUMS.name).write_text(json.dumps(sums, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    load.cache_clear()


if __name__ == "__main__":
    train()
