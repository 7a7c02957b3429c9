"""The process that runs SPARQL queries for the endpoint (graph/endpoint.py).

Each worker holds the build's store opened read-only and answers one query
at a time over a pipe. A query that runs past the timeout has its worker
killed and replaced, so a runaway query cannot hold the server; a rebuilt
OUT_DIR is noticed by its stamp and the worker restarted on it.

A worker is also boxed in: its address space is capped (RLIMIT_AS), a result
past `max_bytes` is refused rather than sent, and where Linux allows it the
process runs in a network namespace of its own, with no interface up, so
the store cannot reach any host even if a SERVICE got past the check.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import threading
from pathlib import Path

from graph.lookup import keyed_bindings
from graph.query import names_its_graphs
from graph.sparql_request import query_problem
from graph.sparql_results import GRAPH_TYPES, RESULT_TYPES, pick_type, serialize_boolean, serialize_solutions

TEXT = "text/plain; charset=utf-8"


def _graphs(request: dict) -> dict:
    """Dataset and binding arguments of Store.query; ValueError names the parameter with a bad IRI."""
    import pyoxigraph as ox

    def iris(param: str, values: list[str]) -> list:
        try:
            return [ox.NamedNode(v) for v in values]
        except ValueError as e:
            raise ValueError(f"{param} is not an absolute IRI: {e}") from None

    kwargs = {"prefixes": request.get("prefixes")}
    if request.get("default_graph"):
        kwargs["default_graph"] = iris("default-graph-uri", request["default_graph"])
    elif not names_its_graphs(request["query"]):   # a query that names its graphs reads the dataset as it is
        kwargs["use_default_graph_as_union"] = True
    if request.get("named_graphs"):
        kwargs["named_graphs"] = iris("named-graph-uri", request["named_graphs"])
    if request.get("bindings"):   # values for variables, never pasted into the query text
        kwargs["substitutions"] = {
            ox.Variable(k): iris(f"the value of {k}", [v])[0] if v.startswith(("http://", "https://", "urn:"))
            else ox.Literal(v) for k, v in keyed_bindings(request["query"], request["bindings"]).items()}
    return kwargs


def _size(term) -> int:
    return 0 if term is None else len(term.value) + 16


def execute(store, request: dict) -> tuple[int, str, bytes, dict]:
    """Run one query on the store: (status, content type, body, extra headers)."""
    import pyoxigraph as ox
    problem = query_problem(request["query"])
    if problem:
        return 400, TEXT, f"{problem}\n".encode(), {}
    try:
        result = store.query(request["query"], **_graphs(request))
    except SyntaxError as e:
        return 400, TEXT, f"SPARQL syntax error: {e}\n".encode(), {}
    except OSError as e:
        return 500, TEXT, f"store error: {e}\n".encode(), {}
    except (ValueError, RuntimeError) as e:
        return 400, TEXT, f"query error: {e}\n".encode(), {}
    cap, max_bytes, accepted = request["max_rows"], request.get("max_bytes"), request["accept"]
    too_large = (503, TEXT, f"query stopped: its result is larger than {max_bytes} bytes; "
                            f"ask for fewer rows or shorter values\n".encode(), {})
    if isinstance(result, ox.QueryBoolean):
        mt = pick_type(accepted, RESULT_TYPES)
        if mt is None:
            return 406, TEXT, b"no acceptable format for an ASK result\n", {}
        return 200, mt + "; charset=utf-8", serialize_boolean(bool(result), RESULT_TYPES[mt]), {}
    size, headers = 0, {}
    if isinstance(result, ox.QueryTriples):
        mt = pick_type(accepted, GRAPH_TYPES)
        if mt is None:
            return 406, TEXT, b"no acceptable format for a graph result\n", {}
        triples = []
        for t in result:
            if len(triples) == cap:
                headers["X-Result-Truncated"] = "true"
                break
            size += _size(t.subject) + _size(t.predicate) + _size(t.object)
            if max_bytes and size > max_bytes:
                return too_large
            triples.append(t)
        body = ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_TYPES[mt]))
    else:
        mt = pick_type(accepted, RESULT_TYPES)
        if mt is None:
            return 406, TEXT, b"no acceptable format for a SELECT result\n", {}
        names = [v.value for v in result.variables]
        rows = []
        for sol in result:
            if len(rows) == cap:
                headers["X-Result-Truncated"] = "true"
                break
            row = {n: sol[n] for n in names}
            size += sum(_size(t) for t in row.values())
            if max_bytes and size > max_bytes:   # checked as rows arrive: a huge result is never held whole
                return too_large
            rows.append(row)
        body = serialize_solutions(names, rows, RESULT_TYPES[mt])
    if max_bytes and len(body) > max_bytes:
        return too_large
    return 200, mt + "; charset=utf-8", body, headers


def open_read_only(out_dir: str):
    import pyoxigraph as ox
    out = Path(out_dir)
    if (out / "store").is_dir():
        return ox.Store.read_only(str(out / "store"))
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    return store


def limit_memory(megabytes: int | None) -> None:
    """Cap this process's address space: an allocation past it fails (MemoryError, or an abort in Rust)."""
    import resource
    if not megabytes:
        return
    few_arenas()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def few_arenas(count: int = 2) -> None:
    """Let glibc's malloc keep at most `count` arenas. Each thread that finds the arenas busy would otherwise
    reserve a new one of 64 MB of address space, so how much of the cap the store's threads take at start
    depended on timing (462 to 910 MB measured): under load a worker could fail to start within 768 MB."""
    import ctypes
    import ctypes.util
    m_arena_max = -8
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or None).mallopt(m_arena_max, count)
    except (OSError, AttributeError):   # not glibc: nothing to do
        pass


def isolate_network() -> bool:
    """Move this (single-threaded) process into new user and network namespaces, where no interface is up:
    every connection then fails, whatever the query asks. False where the system does not allow it."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(0x10000000 | 0x40000000) == 0   # CLONE_NEWUSER | CLONE_NEWNET
    except (OSError, AttributeError):
        return False


def worker_main(out_dir: str, conn, max_memory: int | None = None) -> None:
    limit_memory(max_memory)
    isolate_network()   # before the store starts its threads
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
        except MemoryError:
            conn.send((503, TEXT, memory_message(max_memory), {}))
        except Exception as e:  # report, keep serving
            conn.send((500, TEXT, f"internal error: {type(e).__name__}: {e}\n".encode(), {}))


def memory_message(max_memory: int | None) -> bytes:
    return (f"query stopped: it needed more memory than a query worker may use ({max_memory} MB); "
            "the worker was restarted\n").encode()


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

    def __init__(self, out_dir: Path, max_memory: int | None = None):
        self.out_dir = str(out_dir)
        self.max_memory = max_memory
        self._stopping = threading.Lock()
        self.start()

    def start(self) -> None:
        self.stamp = build_stamp(self.out_dir)
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(self.out_dir, child, self.max_memory), daemon=True)
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

    def run(self, request: dict, timeout: float, why: str = "") -> tuple[int, str, bytes, dict]:
        try:
            self.conn.send(request)
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError):
            self.proc.join(5)
            code = self.proc.exitcode
            self.restart()
            if code == -signal.SIGABRT and self.max_memory:   # Rust aborts when an allocation fails
                return 503, TEXT, memory_message(self.max_memory), {}
            return 500, TEXT, f"the query worker died (exit status {code}); try again\n".encode(), {}
        self.restart()
        return 503, TEXT, f"query cancelled: it ran longer than the {timeout:g} s timeout{why}\n".encode(), {}

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        """Kill the process and close its pipe; safe to call from two threads at once (the server closing
        while a request thread restarts an overrun worker): the second call finds it closed."""
        with self._stopping:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(5)
            if not self.conn.closed:
                self.conn.close()
