"""The learned decisions: checked before use, deterministic to train, and they decide as documented."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from extract import learned
from extract.records import LocalEntity, Mention, Relation

ROOT = Path(__file__).resolve().parents[2]


def write_model(folder: Path, name: str, model: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(model).encode()
    (folder / f"{name}.json").write_bytes(data)
    sums = folder / "SHA256SUMS.json"
    old = json.loads(sums.read_text()) if sums.exists() else {}
    sums.write_text(json.dumps({**old, f"{name}.json": hashlib.sha256(data).hexdigest()}))


EDGE_MODEL = {"classes": ["no", "yes"], "bias": [0.0, 0.0], "weights": {"hedged": [1.5, -1.5]}, "threshold": 0.5}


@pytest.fixture
def models(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    monkeypatch.setattr(learned, "MODELS_DIR", folder)
    learned.load.cache_clear()
    yield folder
    learned.load.cache_clear()


def rel(features):
    return Relation("a", "blocked", "b", "A blocked B.", 0, 12, "dep.block.verb.v1", 0.8, features=features)


def test_a_changed_model_file_is_refused(models):
    write_model(models, "edges", EDGE_MODEL)
    with open(models / "edges.json", "ab") as f:
        f.write(b" ")
    with pytest.raises(learned.ModelFileError, match="edges.json: SHA-256 does not match"):
        learned.score_edges([rel([])])


def test_without_a_model_the_rules_decide(models):
    r = rel(["hedged"])
    assert learned.score_edges([r]) == [r] and r.confidence == 0.8


def test_the_edge_scorer_sets_confidence_and_drops_what_is_under_the_threshold(models):
    write_model(models, "edges", EDGE_MODEL)
    plain, hedged = rel([]), rel(["hedged"])
    held = []
    kept = learned.score_edges([plain, hedged], held)
    assert kept == [plain] and plain.confidence == 0.5
    assert held == [hedged]   # not asserted, but kept for a reviewer (held.csv)
    assert hedged.confidence == pytest.approx(0.047, abs=0.001)
    with learned.disabled(learned.EDGES):
        assert len(learned.score_edges([rel(["hedged"])])) == 1


def test_the_name_classifier_retypes_drops_and_trusts_the_gazetteer(models, nlp):
    text = "Vecherni Glas reported that Foo Bar met Nova Zora."
    doc = nlp(text)
    model = {"classes": ["Outlet", "Person", "none"], "bias": [0, 0, 0], "threshold": 0.6, "drop_threshold": 0.6,
             "trust_weight": 4.0,
             "weights": {"word=zora": [3, 0, 0], "word=bar": [0, 0, 3], "word=glas": [0, 3, 0]}}
    write_model(models, "classes", model)

    def ent(label, cls, weight, start):
        e = LocalEntity(label, label, cls, weights={cls: weight})
        m = Mention(start, start + len(label), label, cls, entity=label)
        return e, m
    spans = [ent("Nova Zora", "Person", 1.0, text.index("Nova")), ent("Foo Bar", "Person", 1.0, text.index("Foo")),
             ent("Vecherni Glas", "Outlet", 4.0, 0)]
    entities, mentions = [e for e, _ in spans], [m for _, m in spans]
    kept = learned.retype_entities(entities, mentions, doc)
    assert [(e.label, e.cls) for e in kept] == [("Nova Zora", "Outlet"), ("Vecherni Glas", "Outlet")]
    assert mentions[0].cls == "Outlet" and mentions[1].entity == ""


def test_a_weight_on_a_word_ending_reaches_names_never_seen(models, nlp):
    # trained on "Kesknet", the model knows "-net" names; "Orlanet" shares only the ending
    text = "Orlanet said it had restored access."
    doc = nlp(text)
    write_model(models, "classes", {"classes": ["Organization", "Person", "none"], "bias": [0, 0, 0],
                                    "threshold": 0.6, "drop_threshold": 1.01, "trust_weight": 4.0,
                                    "weights": {"wsuf3=net": [4, 0, 0]}})
    e = LocalEntity("Orlanet", "Orlanet", "Person", weights={"Person": 1.0})
    m = Mention(0, 7, "Orlanet", "Person", entity="Orlanet", tok_start=0, tok_end=1)
    kept = learned.retype_entities([e], [m], doc)
    assert [(x.label, x.cls) for x in kept] == [("Orlanet", "Organization")]


def test_training_is_deterministic_and_never_reads_test(tmp_path):
    from extract.train import train
    corpus = tmp_path / "corpus"
    for split in ("train", "dev"):
        shutil.copytree(ROOT / "data" / "articles", corpus / split, ignore=shutil.ignore_patterns("*.md"))
        shutil.copyfile(ROOT / "data" / "gold" / "seeds.json", corpus / f"{split}.json")
    (corpus / "test").mkdir()
    (corpus / "test" / "x.txt").write_bytes(b"\xff\xfe broken")
    (corpus / "test.json").write_text("{ not json")    # training would fail on reading either
    cfg = yaml.safe_load((ROOT / "data" / "models" / "train.yaml").read_text())
    cfg.update(corpus=str(corpus))
    for part in ("classes", "edges", "pairs"):
        cfg[part]["iterations"] = 60
    (tmp_path / "train.yaml").write_text(yaml.safe_dump(cfg))
    runs = []
    for name in ("a", "b"):
        metrics = train(tmp_path / "train.yaml", tmp_path / name, log=lambda *_: None)
        runs.append({p.name: p.read_bytes() for p in (tmp_path / name).iterdir()})
    assert runs[0] == runs[1]
    assert "SHA256SUMS.json" in runs[0] and metrics["classes"]["train_names"] > 40
    sums = json.loads(runs[0]["SHA256SUMS.json"])
    assert all(hashlib.sha256(runs[0][n]).hexdigest() == h for n, h in sums.items())


def test_the_token_table_reads_what_spacy_tokens_say(nlp):
    from extract.features import TokenTable
    for text in ["The Caracas daily Nova Vista was not fined, and a reporter (Ana) was detained. Then rain.", ""]:
        doc = nlp(text)
        table = TokenTable(doc)
        assert table.lemma == [t.lemma_.lower() for t in doc]
        assert table.dep == [t.dep_ for t in doc] and table.pos == [t.pos_ for t in doc]
        assert table.head == [t.head.i for t in doc]
        assert table.keep == [not t.is_punct or t.text in (",", "(") for t in doc]
        assert table.negated == {t.head.i for t in doc if t.dep_ == "neg"}
        for a, b in ((1, 2), (3, 5), (1, 5), (10, 12)):   # name-like spans with one head
            if b <= len(doc):
                assert table.root(a, b) == doc[a:b].root.i


def test_out_of_fold_scores_come_from_models_that_never_saw_the_document():
    """A feature that marks every true edge of one document only is worth nothing to the model that
    scores that document: it was fitted without it. In sample, the same feature looks decisive."""
    from extract.learned import probabilities
    from extract.train import Example, fit, fold_of, out_of_fold
    cfg = {"min_count": 1, "l2": 0.001, "learning_rate": 0.5, "iterations": 200}
    docs = [f"d{i}" for i in range(20)]
    marked = next(d for d in docs if sum(fold_of(x, 5) == fold_of(d, 5) for x in docs) == 1)
    examples = [Example(["common"] + (["mark"] if d == marked and label == "yes" else []), label, d)
                for d in docs for label in ("yes", "no", "no")]
    scored = out_of_fold(examples, cfg, 5)
    assert len(scored) == len(examples)
    in_sample = fit(examples, ["no", "yes"], cfg)
    mark_ex = next(x for x in examples if "mark" in x.features)
    assert probabilities(in_sample, mark_ex.features)["yes"] > 0.6
    assert max(p for p, ok, _ in scored if ok) < 0.5


def test_a_threshold_within_the_tie_of_the_best_f_beta_goes_to_the_highest():
    from extract.train import pick_threshold
    curve = [{"threshold": 0.4, "precision": 0.7493, "recall": 0.2289},   # F0.5 0.5151, the best
             {"threshold": 0.45, "precision": 0.768, "recall": 0.2216},   # 0.5144
             {"threshold": 0.5, "precision": 0.7801, "recall": 0.2153}]   # 0.5117
    assert pick_threshold(curve, 0.5) == 0.4
    assert pick_threshold(curve, 0.5, tie=0.001) == 0.45
    assert pick_threshold(curve, 0.5, tie=0.01) == 0.5


def test_the_analysis_does_not_depend_on_the_processes_hash_seed(tmp_path):
    """Training parses in worker processes and each Python process orders sets by its own hash seed: an
    extraction that walks a set gives other edges (and other training data) from run to run. Two
    processes with different seeds analyse the same articles (a State named twice inside agencies' names,
    where a set walk once chose which mention to cite) and must agree exactly."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from extract.model import load_nlp\n"
        "from extract.pipeline import analyse, read_documents\n"
        "docs, _ = read_documents(Path(sys.argv[1]))\n"
        "docs = [d for d in docs if d.doc_id in ('w13_05_dushanbe_extremist_videos', 'w14_09_roskomnadzor_mass_block')]\n"
        "assert len(docs) == 2, [d.doc_id for d in docs]\n"
        "out = []\n"
        "for d in docs:\n"
        "    r = analyse(d, load_nlp()(d.text))\n"
        "    out.append(sorted((x.subject, x.prop, x.object, x.start, x.rule, x.confidence, sorted(x.features))\n"
        "                      for x in r.relations + r.held))\n"
        "print(json.dumps(out))\n")
    got = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script, str(root / "data" / "corpus" / "train")], cwd=root,
                             env=env, capture_output=True, text=True, check=True)
        got.append(json.loads(run.stdout))
    assert got[0] and got[0] == got[1]


def test_a_tie_on_the_edge_threshold_goes_to_the_highest_that_keeps_the_demo_floor(tmp_path, monkeypatch):
    import graph.build
    import graph.evaluate
    from extract import train as T

    def curve(f45):   # precision/recall rows whose F0.5 is 0.5 at 0.40 and `f45` at 0.45
        return [{"threshold": 0.4, "precision": 0.5, "recall": 0.5}, {"threshold": 0.45, "precision": f45, "recall": f45}]

    def fake_build(docs, out, incremental=True):
        out.mkdir(parents=True)
        (out / "graph.trig").write_text(str(json.loads((tmp_path / "m" / "edges.json").read_text())["threshold"]))

    class Rep:
        def __init__(self, f1):
            self.relations_strict = type("S", (), {"f1": f1})()
    # the demo corpus reaches its floor only at 0.40
    monkeypatch.setattr(graph.build, "build", fake_build)
    monkeypatch.setattr(graph.evaluate, "score", lambda trig, gold: Rep(0.86 if trig.read_text() == "0.4" else 0.80))
    cfg = {"beta": 0.5, "tie": 0.001, "demo_floor": 0.85}
    (tmp_path / "m").mkdir()
    for f45, expected in ((0.5005, 0.4), (0.52, 0.45)):   # tied: the floor decides; not tied: the objective does
        written = {"classes.json": b"{}", "edges.json": T._dumps({"threshold": 0.45}), "pairs.json": b"{}"}
        got = T.keep_demo_floor((tmp_path, tmp_path / "gold.json"), tmp_path / "m", written, curve(f45), cfg, print)
        assert got["threshold"] == expected
        assert json.loads((tmp_path / "m" / "edges.json").read_text())["threshold"] == expected


def test_a_rule_mostly_wrong_on_unseen_articles_is_held():
    """held_rules: kept edges (at or over the threshold) of a rule whose precision is under the floor, with enough
    of them to judge; edges under the threshold and small rules do not count."""
    from extract.train import held_rules
    scored = ([(0.9, True, "good")] * 30 + [(0.9, False, "good")] * 10
              + [(0.6, True, "weak")] * 8 + [(0.6, False, "weak")] * 20 + [(0.1, True, "weak")] * 50
              + [(0.7, False, "rare")] * 5)
    assert held_rules(scored, 0.4, 0.45, 20, 1.0) == {"weak": [8, 20]}
    assert held_rules(scored, 0.4, 0.2, 20, 1.0) == {}          # 0.29 is over a floor of 0.2
    assert "rare" in held_rules(scored, 0.4, 0.45, 5, 1.0)       # five edges are enough when `least` is five
    assert held_rules(scored, 0.4, 0.45, 20, 3.0) == {}          # 8 of 28 is not under 0.45 beyond three errors


def test_the_edge_scorer_holds_the_edges_of_a_held_rule(models):
    write_model(models, "edges", {**EDGE_MODEL, "held_rules": ["dep.weak.v1"]})
    weak, good = rel([]), rel([])
    weak.rule = "dep.weak.v1"
    held: list = []
    assert learned.score_edges([weak, good], held) == [good]
    assert held == [weak] and weak.confidence == 0.5   # the reviewer still sees the scorer's probability


def test_the_edge_scorer_leaves_a_trusted_rule_to_the_rules(models):
    # train.yaml trust_rules: a rule for articles unlike the training corpus is asserted at its own confidence
    write_model(models, "edges", {**EDGE_MODEL, "trusted_rules": ["dep.pressure.inferred_state.v1"]})
    lone, other = rel(["hedged"]), rel(["hedged"])
    lone.rule = "dep.pressure.inferred_state.v1"
    held: list = []
    assert learned.score_edges([lone, other], held) == [lone] and held == [other]
    assert lone.confidence == 0.8


def test_trusted_rules_are_kept_at_every_threshold_and_never_held():
    from extract.train import trusted
    assert trusted([(0.1, True, "a"), (0.2, False, "b")], ["a"]) == [(1.0, True, "a"), (0.2, False, "b")]


def test_the_pair_model_makes_no_reporter_a_doer_of_the_act_reported(models, nlp):
    # a pair model sure that every Organization -> Outlet pair is "blocked"
    write_model(models, "pairs", {"classes": ["blocked", "none"], "bias": [3.0, 0.0], "weights": {},
                                  "threshold": 0.5})
    text = "Press Watch says that Velgrad has blocked Radio Tamu."
    doc = nlp(text)

    def ment(surface, cls, ident):
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface))
        return Mention(start, start + len(surface), surface, cls, ident, "name", "test", span.start, span.end)
    mentions = [ment("Press Watch", "Organization", "pw"), ment("Velgrad", "State", "vg"),
                ment("Radio Tamu", "Outlet", "rt")]
    entities = [LocalEntity("pw", "Press Watch", "Organization"), LocalEntity("vg", "Velgrad", "State"),
                LocalEntity("rt", "Radio Tamu", "Outlet")]
    rule = Relation("vg", "blocked", "rt", text, 0, len(text), "dep.block.verb.v1", 0.8, attributed_to="pw")
    assert not [r for r in learned.pair_relations(doc, mentions, entities, [rule])   # Press Watch reports the
                if r.object == "rt"]                                                     # block, it did not do it
    assert ("pw", "blocked", "rt") in {(r.subject, r.prop, r.object) for r in
                                       learned.pair_relations(doc, mentions, entities, [])}


def test_a_later_member_of_a_list_is_as_near_the_verb_as_the_first(analyse_text):
    """"blocked A, B, C, D and E": the edge scorer sees E at A's distance, marked as a later conjunct."""
    r = analyse_text("The regulator Velkom has blocked the websites of Nova Zora, Glas Tuzle, Radio Medved, "
                     "Dnevnik Plus and Kanal Vetar.")
    label = {e.id: e.label for e in r.entities}
    feats = {label[x.object]: set(x.features) for x in r.relations + r.held if x.prop == "blocked"}
    first, last = feats["Nova Zora"], feats["Kanal Vetar"]
    assert "o_conj" in last and "o_conj" not in first
    assert {f for f in last if f.startswith(("trig_o=", "gap="))} == {f for f in first if f.startswith(("trig_o=",
                                                                                                        "gap="))}
