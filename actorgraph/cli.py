"""The `actorgraph` command: a thin layer over the Python API."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group(help="Turn a folder of news articles into a knowledge graph of actors; explore and query it.")
@click.version_option(package_name="actorgraph")
def main():
    pass


@main.command(help="Build the graph of the articles in DOCS_DIR into OUT_DIR "
                   "(graph.trig, graph.ttl, store/, index.html and views).")
@click.argument("docs_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the build into (replaced atomically).")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for parsing and extraction.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where parsing and extraction run: local processes, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler of a running cluster (tcp://host:8786); "
                   "without it a LocalCluster of --jobs workers is started.")
@click.option("--full", is_flag=True,
              help="Parse every article again instead of reusing OUT_DIR/cache for unchanged ones.")
@click.option("--strict", is_flag=True,
              help="Exit with status 1 when any file was skipped (unreadable, binary, too large, ...).")
@click.option("--follow-links", is_flag=True,
              help="Also read files that symbolic links in DOCS_DIR point to outside it (skipped by default).")
@click.option("--file-dates", is_flag=True,
              help="Date the events of articles that give no date of their own by their file's modification day "
                   "(marked ag:dateSource \"file\"; off by default, as a copied file's date may be meaningless).")
def build(docs_dir: Path, out_dir: Path, jobs: int, engine: str, scheduler: str | None, full: bool,
          strict: bool, follow_links: bool, file_dates: bool):
    from tqdm import tqdm

    from extract.reader import list_sources
    from extract.model import ModelIntegrityError
    from graph.build import build as run_build
    from graph.outdir import OutDirError, check_out_dir
    from graph.review import ReviewError

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    total = len(list_sources(docs_dir, follow_links))
    try:
        check_out_dir(docs_dir, out_dir)
        with tqdm(total=total, unit="doc", file=sys.stderr, desc="extracting") as bar:
            summary = run_build(docs_dir, out_dir, jobs=jobs, progress=bar.update, engine=engine,
                                scheduler=scheduler, incremental=not full, follow_links=follow_links,
                                file_dates=file_dates)
    except (OutDirError, ModelIntegrityError, ReviewError) as e:
        raise click.ClickException(str(e))
    except OSError as e:  # disk full, read-only folder, ...: one line naming the file
        raise click.ClickException(f"cannot write the build: {e.strerror or e}"
                                   + (f": {e.filename}" if e.filename else ""))
    click.echo(summary.text())
    click.echo(f"open {summary.out_dir / 'index.html'} in a browser; "
               f"query with: actorgraph query {out_dir} --file data/queries/<name>.rq")
    if summary.documents == 0:
        raise click.ClickException("no document could be processed")
    if strict and summary.skipped:
        raise click.ClickException(f"--strict: {len(summary.skipped)} file(s) skipped (listed above)")


@main.command(help="Retrain the learned decisions (a name's class, an edge's confidence) from the annotated "
                   "corpus named in data/models/train.yaml; writes data/models/ and prints the dev figures.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Training config (default: data/models/train.yaml).")
@click.option("--models-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the models (default: data/models).")
def train(config_path: Path | None, models_dir: Path | None):
    from extract.learned import MODELS_DIR
    from extract.train import CONFIG, train as run_train

    run_train(config_path or CONFIG, models_dir or MODELS_DIR, log=click.echo)


@main.command(help="Run a SPARQL query over a built OUT_DIR (all named graphs included).")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file (UTF-8, at most 1 MB).")
@click.option("--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable to a value (an IRI or a literal), never pasted into the text.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--allow-service", is_flag=True,
              help="Let the query call other endpoints with SERVICE (refused by default: a query file from "
                   "elsewhere could make this machine send requests).")
def query(out_dir: Path, sparql: str | None, query_file: Path | None, binds: tuple[str, ...], fmt: str,
          allow_service: bool):
    from graph.query import QueryRefused, format_result, open_store, read_query_file, run_query

    if bool(sparql) == bool(query_file):
        raise click.UsageError("give either a SPARQL string or --file, not both")
    bindings = {}
    for b in binds:
        name, sep, value = b.partition("=")
        if not sep:
            raise click.UsageError(f"--bind {b!r}: expected NAME=VALUE")
        bindings[name.lstrip("?$")] = value
    try:
        text = read_query_file(query_file) if query_file else sparql
        result = run_query(open_store(out_dir), text, bindings, allow_service=allow_service)
        click.echo(format_result(result, fmt))
    except QueryRefused as e:
        hint = " (--allow-service permits it)" if "SERVICE" in str(e) and not allow_service else ""
        raise click.ClickException(f"{e}{hint}")
    except SyntaxError as e:
        raise click.ClickException(f"SPARQL syntax error: {one_line(e)}")
    except (ValueError, OSError, RuntimeError) as e:   # a --bind the query cannot use, a file, the store
        raise click.ClickException(one_line(e))


def one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


@main.command("eval", help="Score a built OUT_DIR against gold annotations (see SCHEMA.md).")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List false and missed entities and relations.")
def evaluate(out_dir: Path, gold: Path, as_json: bool, verbose: bool):
    import json

    from graph.evaluate import format_report, score

    try:
        report = score(out_dir / "graph.trig", gold)
    except (ValueError, OSError) as e:   # the gold file or the build
        raise click.ClickException(one_line(e))
    click.echo(json.dumps(report.as_dict(), indent=1) if as_json else format_report(report, verbose))


@main.command(help="Record a review decision on a built OUT_DIR: accept or reject an edge, rename, retype, merge or "
                   "split an actor, date an article. Decisions go to DOCS_DIR/actorgraph-review.jsonl (beside the articles) and are "
                   "applied by every build from then on; each is checked against OUT_DIR first. Without a decision, "
                   "lists the decisions and those the last build could not apply.")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--accept", nargs=3, metavar="SUBJECT PROPERTY OBJECT", help="Accept an edge (entity ids, property).")
@click.option("--reject", nargs=3, metavar="SUBJECT PROPERTY OBJECT",
              help="Reject an edge: it leaves the graph on every build.")
@click.option("--doc", metavar="DOC_ID", help="With --accept/--reject: only the edge as this document states it.")
@click.option("--rename", nargs=2, metavar="ENTITY NAME", help="Give an actor another name.")
@click.option("--retype", nargs=2, metavar="ENTITY CLASS", help="Change an actor's class.")
@click.option("--merge", nargs=2, metavar="KEEP OTHER", help="Merge actor OTHER into actor KEEP.")
@click.option("--split", nargs=2, metavar="ENTITY ALIAS", help="Make an alias of an actor an actor of its own.")
@click.option("--date", "doc_date", nargs=2, metavar="DOC_ID DATE",
              help="Give an article its date (YYYY-MM-DD, YYYY-MM or YYYY) when its text gives none; put the source "
                   "in --note. Its events are dated against it.")
@click.option("--note", help="A note kept with the decision.")
@click.option("--reviewer", help="Who decides (kept with the decision).")
def review(out_dir: Path, accept, reject, doc, rename, retype, merge, split, doc_date, note, reviewer):
    import json

    from graph.review import ReviewError, build_docs_dir, read_decisions, review_path
    from graph.review_check import record_decision

    given = {op: v for op, v in [("accept", accept), ("reject", reject), ("rename", rename), ("retype", retype),
                                 ("merge", merge), ("split", split), ("date", doc_date)] if v}
    if len(given) > 1:
        raise click.UsageError("give one decision at a time")
    try:
        docs_dir = build_docs_dir(out_dir)
        if not given:
            for n, d in read_decisions(review_path(docs_dir)):
                click.echo(f"{n}: {json.dumps(d, ensure_ascii=False, sort_keys=True)}")
            state = json.loads((out_dir / "review.json").read_text(encoding="utf-8"))
            for s in state.get("stale", []):
                click.echo(f"line {s['line']} no longer matches the last build: {s['why']}")
            return
        op, values = next(iter(given.items()))
        names = {"accept": ("s", "p", "o"), "reject": ("s", "p", "o"), "rename": ("entity", "label"),
                 "retype": ("entity", "cls"), "merge": ("entity", "other"), "split": ("entity", "alias"),
                 "date": ("doc", "date")}[op]
        decision = {"op": op, "doc": doc, **dict(zip(names, values)), "note": note, "reviewer": reviewer}
        record = record_decision(out_dir, decision)
    except (ReviewError, OSError) as e:
        raise click.ClickException(one_line(e))
    click.echo(f"recorded in {review_path(docs_dir)}: {json.dumps(record, ensure_ascii=False, sort_keys=True)}")
    click.echo(f"rebuild to apply it: actorgraph build {docs_dir} --out {out_dir}")


EXPORT_FORMATS = {   # name -> (module, function, what it writes); graph/ftm.py for "ftm"
    "ftm": ("graph.ftm", "write_ftm", "FollowTheMoney entities as JSON lines, for Aleph (see docs/ftm.md)"),
}


@main.command(help="Load a built OUT_DIR into a SPARQL 1.1 Graph Store Protocol server: one PUT per graph "
                   "(the default graph and each document's named graph). Credentials, if the server "
                   "needs them, come from ACTORGRAPH_PUSH_USER and ACTORGRAPH_PUSH_PASSWORD.")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                   "http://localhost:3030/DATASET/data (Fuseki), "
                   "http://localhost:7200/repositories/REPO/rdf-graphs/service (GraphDB).")
@click.option("--timeout", default=60.0, show_default=True, help="Seconds to wait for each request.")
def push(out_dir: Path, endpoint: str, timeout: float):
    from graph.push import PushError, push_dataset

    try:
        report = push_dataset(out_dir / "graph.trig", endpoint, timeout=timeout)
    except (PushError, FileNotFoundError) as e:
        raise click.ClickException(str(e))
    click.echo(report.text())


@main.command(help="Export a built OUT_DIR for other tools. Written into OUT_DIR and kept current by later "
                   "builds: jsonld (graph.jsonld), graphml (graph.graphml), gexf (graph.gexf), csv (edges.csv), "
                   "turtle (graph.ttl again). --format ftm writes FollowTheMoney entities (actors, documents, "
                   "relations as interval entities with evidence) as JSON lines to -o FILE or standard output.")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "formats", multiple=True, required=True, metavar="NAME",
              help="An export format (repeat for several): jsonld, turtle, graphml, gexf, csv; or ftm alone.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="With --format ftm: the file to write (replaced atomically); standard output when left out. "
                   "Not inside OUT_DIR, which the next build replaces whole.")
def export(out_dir: Path, formats: tuple[str, ...], output: Path | None):
    from graph.exports import FORMATS, export as run_export
    from graph.outdir import OutDirError

    formats = tuple(dict.fromkeys(formats))
    for name in formats:
        if name not in FORMATS and name not in EXPORT_FORMATS:
            raise click.BadParameter(f"{name!r}; choose from {', '.join([*FORMATS, *EXPORT_FORMATS])}",
                                     param_hint="--format")
    streamed = [f for f in formats if f in EXPORT_FORMATS]
    if streamed:
        if len(formats) > 1:
            raise click.UsageError(f"--format {streamed[0]} goes alone: it writes to -o FILE or standard output")
        return export_stream(out_dir, streamed[0], output)
    if output is not None:
        raise click.UsageError("-o is for --format ftm; the other formats are written into OUT_DIR")
    try:
        for path in run_export(out_dir, list(formats)):
            click.echo(f"wrote {path}")
    except (OutDirError, FileNotFoundError, ValueError) as e:
        raise click.ClickException(one_line(e))
    except OSError as e:
        raise click.ClickException(f"cannot write the export: {e.strerror or e}"
                                   + (f": {e.filename}" if e.filename else ""))


def export_stream(out_dir: Path, fmt: str, output: Path | None) -> None:
    """An export written outside the build folder (EXPORT_FORMATS): to a file, or standard output."""
    import importlib

    if output is not None:
        target = output.absolute().resolve()
        if out_dir.resolve() in target.parents:
            raise click.UsageError(f"--output {output}: inside {out_dir}, which the next build replaces; "
                                   "write it elsewhere")
        if not target.parent.is_dir():
            raise click.UsageError(f"--output {output}: the folder {target.parent} does not exist")
    module, func, _ = EXPORT_FORMATS[fmt]
    try:
        n = getattr(importlib.import_module(module), func)(out_dir, output)
    except (OSError, RuntimeError, ValueError) as e:
        raise click.ClickException(one_line(e))
    if output is not None:
        click.echo(f"{n} {fmt} entities -> {output}", err=True)


@main.command(help="Serve a built OUT_DIR read-only: a SPARQL 1.1 Protocol endpoint at /sparql, "
                   "an offline query page at / and the views beside it.")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (IPv4 or IPv6); anything but a loopback address (127.0.0.0/8, ::1, "
                   "localhost) exposes the graph to the network.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds a query may run before it is cancelled (503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1),
              help="Rows (or triples) per result; larger results are cut and flagged.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 32),
              help="Query worker processes (one more, the fast lane, answers short queries while these are busy).")
@click.option("--max-memory", default=1024, show_default=True, type=click.IntRange(256),
              help="MB of memory a query worker may use; a query that needs more gets 503.")
@click.option("--review", is_flag=True,
              help="Review mode: the views get accept/reject buttons and actor forms; decisions are appended to "
                   "actorgraph-review.jsonl beside the articles (the only file written) and applied by the next build.")
@click.option("--reviewer", metavar="NAME", help="With --review: the name kept with each decision.")
def serve(out_dir: Path, host: str, port: int, timeout: float, max_rows: int, workers: int, max_memory: int,
          review: bool, reviewer: str | None):
    from graph.review import ReviewError
    from graph.serve import serve as run_server

    try:
        run_server(out_dir, host, port, timeout=timeout, max_rows=max_rows, workers=workers, max_memory=max_memory,
                   review=review, reviewer=reviewer)
    except (FileNotFoundError, OSError, RuntimeError, ReviewError) as e:
        raise click.ClickException(one_line(e))


if __name__ == "__main__":
    main()
