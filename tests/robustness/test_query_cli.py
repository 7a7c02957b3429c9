"""Issue 12, command side: `actorgraph query` refuses SERVICE unless told, refuses deep nesting before parsing,
and `query` / `eval` turn bad input files and folders into one-line errors that name the file."""
from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from test_endpoint_hardening import DEEP, SMUGGLED, Listener, make_build


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return make_build(tmp_path_factory.mktemp("cli") / "out")


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def one_line_error(result, *names: str) -> str:
    """The error of a failed command: exit status 1 or 2, no traceback, one line naming each of `names`."""
    assert result.exit_code in (1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    text = result.output.strip()
    assert "Traceback" not in text and len(text.splitlines()) == 1, text
    for name in names:
        assert name in text, (name, text)
    return text


@pytest.mark.parametrize("template", SMUGGLED)
def test_query_refuses_service_and_contacts_nothing(build, listener, template):
    result = CliRunner().invoke(main, ["query", str(build), template.format(port=listener.port)])
    assert not listener.contacted.wait(0.5), "actorgraph query made a network request"
    one_line_error(result)
    assert "SERVICE" in result.output or "syntax" in result.output.lower()


def test_query_runs_service_with_allow_service(build, listener):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
    result = CliRunner().invoke(main, ["query", str(build), query, "--allow-service"])
    assert listener.contacted.wait(10)
    one_line_error(result)   # the listener is no SPARQL endpoint; that is reported on one line


def run_cli(*args: str, memory: int | None = None) -> subprocess.CompletedProcess:
    def limit():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return subprocess.run([sys.executable, "-m", "actorgraph.cli", *args], capture_output=True, text=True,
                          timeout=120, preexec_fn=limit)


@pytest.mark.parametrize("kind", ["braces", "negations", "closers hidden in strings"])
def test_a_deeply_nested_query_is_a_one_line_error(build, tmp_path, kind):
    path = tmp_path / "deep.rq"
    path.write_text(DEEP[kind], encoding="utf-8")
    done = run_cli("query", str(build), "--file", str(path))
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "nest" in lines[0] and "Traceback" not in done.stderr, done.stderr[-500:]


def test_ordinary_queries_still_run(build):
    result = CliRunner().invoke(main, ["query", str(build), "SELECT ?l WHERE { ?s rdfs:label ?l }",
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["l", "A"]
    result = CliRunner().invoke(main, ["query", str(build), 'SELECT ?x WHERE { BIND("customer service" AS ?x) }',
                                       "--format", "csv"])
    assert [line for line in result.output.splitlines() if line] == ["x", "customer service"]


def test_a_long_query_that_names_service_still_runs(build):
    # the word makes the SERVICE check parse it; rdflib's parser recurses once per triple pattern
    patterns = " <urn:ex:s1> <urn:ex:p> ?service ." * 150
    result = CliRunner().invoke(main, ["query", str(build), f"SELECT ?service WHERE {{{patterns} }}",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"service": "urn:ex:o1"}]


@pytest.mark.parametrize("content,problem", [
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "binary"),
    ("SELECT * WHERE { ?s ?p \"caf\xe9\" }".encode("latin-1"), "UTF-8"),
    (b"", "empty"),
])
def test_query_file_that_is_not_a_query(build, tmp_path, content, problem):
    path = tmp_path / "q.rq"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["query", str(build), "--file", str(path)])
    one_line_error(result, str(path), problem)


def test_query_file_from_dev_zero_is_read_only_so_far(build):
    # the process may not grow past 1.5 GB: an unbounded read would fail with a MemoryError traceback
    done = run_cli("query", str(build), "--file", "/dev/zero", memory=1536 * 2**20)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "/dev/zero" in lines[0], done.stderr[-500:]


def test_query_and_eval_on_a_folder_that_is_not_a_build(build, tmp_path):
    empty = tmp_path / "not-a-build"
    empty.mkdir()
    (empty / "notes.txt").write_text("hello", encoding="utf-8")
    one_line_error(CliRunner().invoke(main, ["query", str(empty), "ASK {}"]), str(empty), "build")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"docs": [], "entities": [], "relations": []}), encoding="utf-8")
    one_line_error(CliRunner().invoke(main, ["eval", str(empty), "--gold", str(gold)]), str(empty), "build")


def test_query_and_eval_on_a_damaged_build(tmp_path):
    out = tmp_path / "damaged"
    out.mkdir()
    (out / "graph.trig").write_text("garbage {{{", encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"docs": [], "entities": [], "relations": []}), encoding="utf-8")
    one_line_error(CliRunner().invoke(main, ["query", str(out), "ASK {}"]), "graph.trig", "not valid TriG")
    one_line_error(CliRunner().invoke(main, ["eval", str(out), "--gold", str(gold)]), "graph.trig", "not valid TriG")
    (out / "store").mkdir()   # a store folder that holds no store
    one_line_error(CliRunner().invoke(main, ["query", str(out), "ASK {}"]), "store", "cannot open")


@pytest.mark.parametrize("content,problem", [
    (b'{"docs": [], "entities": [', "not valid JSON"),
    (b"\xff\xfe{}", "UTF-8"),
    (b"[1, 2, 3]", "docs"),
    (b'{"docs": [], "entities": 3, "relations": []}', "entities"),
    (b'{"docs": [], "entities": [{"name": "X"}], "relations": []}', "entities[0]"),
    (b'{"docs": [], "entities": [], "relations": [{"s": "a", "p": "b"}]}', "relations[0]"),
    (b'{"docs": [], "entities": [{"name": "X", "type": "State", "aliases": "Y"}], "relations": []}', "aliases"),
])
def test_eval_with_a_malformed_gold_file(build, tmp_path, content, problem):
    gold = tmp_path / "gold.json"
    gold.write_bytes(content)
    one_line_error(CliRunner().invoke(main, ["eval", str(build), "--gold", str(gold)]), str(gold), problem)


def test_eval_still_scores_a_good_gold_file(build, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"docs": [], "entities": [{"name": "A", "type": "State"}], "relations": []}),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(build), "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    assert "relations_strict" in json.loads(result.output)
