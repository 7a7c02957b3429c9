"""Write the answers of saved queries on a build, as the fixture tests/graph/test_query_layer.py compares.

    python tests/graph/data/capture_answers.py OUT [--queries DIR] [--to FILE]

Run on a build of data/articles with the queries from before the query layer (kept in
tests/graph/data/queries_v1/): its output, saved_answers.json, is what the rewritten queries must still
answer. It was first written from the code before the layer; when extraction changes the sample's graph
(a merge of main), it is written again the same way: the old query texts on the new build. The bindings of the two bound queries are picked from the build (the edge with
the most support, and its subject's label in lower case) and saved with the answers.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent.parent))

from graph.query import open_store, saved_queries, select  # noqa: E402

QUERIES_V1 = HERE / "queries_v1"


def pick_bindings(store) -> dict[str, dict[str, str]]:
    edge = select(store, """
        SELECT ?s ?p ?o ?label (COUNT(DISTINCT ?g) AS ?n) WHERE {
          GRAPH ?g { ?a <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
                        <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
                        <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o }
          ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }
        GROUP BY ?s ?p ?o ?label ORDER BY DESC(?n) ?s ?p ?o LIMIT 1""")[0]
    return {"edge_sources": {k: edge[k] for k in "spo"}, "entity_profile": {"name": edge["label"].lower()}}


def answers(store, folder: Path, bindings: dict[str, dict[str, str]]) -> dict:
    out = {}
    for q in saved_queries(folder):
        binds = bindings.get(q.name, {})
        rows = select(store, q.text, binds)
        columns = sorted(rows[0]) if rows else []
        out[q.name] = {"bindings": binds, "rows": rows}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--queries", type=Path, default=QUERIES_V1)
    ap.add_argument("--to", type=Path, default=HERE / "saved_answers.json")
    args = ap.parse_args()
    store = open_store(args.out)
    data = answers(store, args.queries, pick_bindings(store))
    args.to.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{sum(len(v['rows']) for v in data.values())} rows of {len(data)} queries -> {args.to}")


if __name__ == "__main__":
    main()
