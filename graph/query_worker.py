"""The process that runs SPARQL queries for the endpoint (graph/endpoint.py).

Each worker holds the build's store opened read-only and answers one query
at a time over a pipe. A query that runs past the timeout has its worker
killed and replaced, so a runaway query cannot hold the server; a rebuilt
OUT_DIR is noticed by its stamp and the worker restarted on it.
"""
from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from graph.sparql_results import GRAPH_TYPES, RESULT_TYPES, pick_type, serialize_boolean, serialize_solutions


def execute(store, request: dict) -> tuple[int, str, bytes, dict]:
    """Run one query on the store: (status, content type, body, extra headers)."""
    import pyoxigraph as ox
    kwargs = {"prefixes": request.get("prefixes")}
    if request.get("default_graph"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request["default_graph"]]
    else:
        kwargs["use_default_graph_as_union"] = True
    if request.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    if request.get("bindings"):   # values for variables, never pasted into the query text
        kwargs["substitutions"] = {
            ox.Variable(k): ox.NamedNode(v) if v.startswith(("http://", "https://", "urn:")) else ox.Literal(v)
            for k, v in request["bindings"].items()}
    try:
        result = store.query(request["query"], **kwargs)
    except SyntaxError as e:
        return 400, "text/plain; charset=utf-8", f"SPARQL syntax error: {e}\n".encode(), {}
    except OSError as e:
        return 500, "text/plain; charset=utf-8", f"store error: {e}\n".encode(), {}
    except (ValueError, RuntimeError) as e:
        return 400, "text/plain; charset=utf-8", f"query error: {e}\n".encode(), {}
    cap, accepted = request["max_rows"], request["accept"]
    if isinstance(result, ox.QueryBoolean):
        mt = pick_type(accepted, RESULT_TYPES)
        if mt is None:
            return 406, "text/plain; charset=utf-8", b"no acceptable format for an ASK result\n", {}
        return 200, mt + "; charset=utf-8", serialize_boolean(bool(result), RESULT_TYPES[mt]), {}
    if isinstance(result, ox.QueryTriples):
        mt = pick_type(accepted, GRAPH_TYPES)
        if mt is None:
            return 406, "text/plain; charset=utf-8", b"no acceptable format for a graph result\n", {}
        triples = []
        for t in result:
            if len(triples) == cap:
                return 200, mt + "; charset=utf-8", _graph_bytes(triples, mt), {"X-Result-Truncated": "true"}
            triples.append(t)
        return 200, mt + "; charset=utf-8", _graph_bytes(triples, mt), {}
    mt = pick_type(accepted, RESULT_TYPES)
    if mt is None:
        return 406, "text/plain; charset=utf-8", b"no acceptable format for a SELECT result\n", {}
    names = [v.value for v in result.variables]
    rows, headers = [], {}
    for sol in result:
        if len(rows) == cap:
            headers["X-Result-Truncated"] = "true"
            break
        rows.append({n: sol[n] for n in names})
    return 200, mt + "; charset=utf-8", serialize_solutions(names, rows, RESULT_TYPES[mt]), headers


def _graph_bytes(triples: list, media_type: str) -> bytes:
    import pyoxigraph as ox
    return ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_TYPES[media_type]))


def open_read_only(out_dir: str):
    import pyoxigraph as ox
    out = Path(out_dir)
    if (out / "store").is_dir():
        return ox.Store.read_only(str(out / "store"))
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    return store


def worker_main(out_dir: str, conn) -> None:
    store = open_read_only(out_dir)
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        try:
            conn.send(execute(store, request))
        except Exception as e:  # report, keep serving
            conn.send((500, "text/plain; charset=utf-8", f"internal error: {type(e).__name__}: {e}\n".encode(), {}))


def build_stamp(out_dir: str) -> tuple:
    """Identifies the build in out_dir: a rebuild swaps in a new folder, so the store's inode changes."""
    out = Path(out_dir)
    for p in (out / "store", out / "graph.trig"):
        try:
            st = p.stat()
            return (st.st_ino, st.st_mtime_ns)
        except OSError:
            continue
    return ()


class Worker:
    """One process with the read-only store; killed and replaced when a query overruns, and
    restarted on the next query after OUT_DIR is rebuilt, so a rebuild shows without a restart."""

    def __init__(self, out_dir: Path):
        self.out_dir = str(out_dir)
        self.start()

    def start(self) -> None:
        self.stamp = build_stamp(self.out_dir)
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(self.out_dir, child), daemon=True)
        self.proc.start()
        child.close()
        try:
            ready = self.conn.poll(60) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise RuntimeError(f"the query worker could not start or open the store in {self.out_dir} "
                               "(a worker is a spawned process: run from a script file, a module or a notebook)")

    def run(self, request: dict, timeout: float) -> tuple[int, str, bytes, dict]:
        try:
            self.conn.send(request)
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.restart()
            return 500, "text/plain; charset=utf-8", b"the query worker died; try again\n", {}
        self.restart()
        return (503, "text/plain; charset=utf-8",
                f"query cancelled: it ran longer than the {timeout:g} s timeout\n".encode(), {})

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

