"""bench/heldout.py's table of why relations were missed or false."""
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from heldout import analyse_errors  # noqa: E402


def test_an_edge_true_of_a_namesake_is_told_apart_from_a_false_one(tmp_path):
    # two Foreign Ministries share the name "Foreign Ministry" in the corpus-wide gold; the build drew the
    # edge of the Latvian one but the scorer matched its end to the Polish one
    gold = {"docs": ["d1"], "entities": [
        {"name": "Foreign Ministry", "type": "Agency"},
        {"name": "Latvian Foreign Ministry", "type": "Agency", "aliases": ["Foreign Ministry"]},
        {"name": "Baltic Wave", "type": "Outlet"}, {"name": "Radio Kurs", "type": "Outlet"}],
        "relations": [{"doc": "d1", "s": "Latvian Foreign Ministry", "p": "accused", "o": "Baltic Wave",
                       "evidence": "x"},
                      {"doc": "d1", "s": "Radio Kurs", "p": "criticized", "o": "Baltic Wave", "evidence": "y"}]}
    trig = tmp_path / "graph.trig"
    trig.write_text("", encoding="utf-8")
    report = SimpleNamespace(
        false_relations=[("d1", "Foreign Ministry", "accused", "Baltic Wave"),
                         ("d1", "Radio Kurs", "accused", "Baltic Wave")],
        missed_relations=[("d1", "Latvian Foreign Ministry", "accused", "Baltic Wave"),
                          ("d1", "Radio Kurs", "criticized", "Baltic Wave")])
    errors = analyse_errors(trig, gold, report)
    assert errors["false"]["true of a namesake (same-name entities of the corpus-wide gold)"] == 1
    assert errors["false"]["right pair, wrong property or direction"] == 1
    assert errors["missed"]["a namesake's edge drawn instead (same-name entities of the corpus-wide gold)"] == 1
    assert sum(errors["missed"].values()) == 2
