"""A build: articles in, OUT_DIR with the dataset, exports, store and views.

Everything is written into a fresh folder beside OUT_DIR and swapped in at
the end, so an interrupted build leaves the previous OUT_DIR whole.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from actorgraph import __version__
from extract.dates import apply_file_dates
from extract.pipeline import DOC_SECONDS, analyse_documents, read_documents
from extract.records import Corpus, DocResult, Skipped
from graph.manifest import CACHE_DIR, DocCache
from graph.memory import give_back
from graph.merge import Pool, compact, merge
from graph.exports import FORMATS
from graph.outdir import build_lock, check_out_dir, folder_mode, requested_exports, write_marker
from graph.review import apply_review, review_path, write_review_state
from graph.views import write_views


@dataclass
class Summary:
    documents: int
    entities: int
    relations: int
    seconds: float
    out_dir: Path
    skipped: list[Skipped] = field(default_factory=list)
    parsed: int = 0        # documents parsed in this run
    reused: int = 0        # documents whose cached result was reused (incremental build)
    kept_previous: bool = False   # nothing was processed, so the previous OUT_DIR was left as it was
    review: list[str] = field(default_factory=list)   # review decisions applied, and those that no longer match
    stages: dict[str, float] = field(default_factory=dict)   # seconds per stage, for bench/
    peaks: dict[str, float] = field(default_factory=dict)    # peak RSS (MiB) of the process as each stage ended

    def text(self) -> str:
        lines = [f"{self.documents} documents, {self.entities} entities, {self.relations} relations "
                 f"in {self.seconds:.1f} s -> {self.out_dir}"]
        if self.reused:
            lines.append(f"incremental: {self.parsed} parsed, {self.reused} unchanged reused from the cache")
        lines += self.review
        if self.skipped:
            lines.append(f"{len(self.skipped)} file(s) skipped:")
        lines += [f"skipped {s.source}: {s.reason}" for s in self.skipped]
        if self.kept_previous:
            lines.append(f"nothing could be processed: the previous build in {self.out_dir} was kept")
        elif not self.documents:
            lines.append(f"nothing could be processed: nothing was written to {self.out_dir}")
        return "\n".join(lines)


class Stopwatch(dict):
    """Seconds per named stage of a build (Summary.stages); `peaks`: the process's peak RSS in MiB
    when each stage ended (Linux and macOS; for bench/)."""

    def __init__(self):
        super().__init__()
        self._t = time.perf_counter()
        self.peaks: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self[name] = self.get(name, 0.0) + now - self._t
        self._t = now
        try:
            import resource
            self.peaks[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        except (ImportError, OSError):
            pass


def write_outputs(corpus: Corpus, out: Path, exports: list[str] = (), clock: Stopwatch | None = None,
                  previous: Path | None = None) -> None:
    """The dataset streamed one document at a time (graph.stream: graph.nq, graph.trig,
    graph.ttl, store/), the ontology and shapes, the exports asked for (`actorgraph export`
    formats, by name), then the views (reusing unchanged pages of `previous`, the build replaced)."""
    from graph.exports import HELD, copy_descriptions, write_exports, write_held_csv
    from graph.rdf import current_build_info
    from graph.stream import write_dataset

    clock = clock if clock is not None else Stopwatch()
    write_dataset(corpus, out, build_info=current_build_info(), previous=previous)
    copy_descriptions(out)
    write_held_csv(corpus, out / HELD)
    give_back()   # the store loader's memory
    clock.lap("dataset (nq, trig, ttl, store)")
    if exports:
        write_exports(corpus, None, out, exports)
        clock.lap("exports asked for")
    write_views(corpus, out, previous=previous)
    clock.lap("views")


def swap_in(tmp: Path, out_dir: Path) -> None:
    """Put the finished build tmp in place of out_dir; the old build is removed last.

    The new files are fsynced first. On Linux the two folders are exchanged in
    one atomic renameat2(RENAME_EXCHANGE), so at every instant out_dir is the
    whole old build or the whole new one. Where that call is missing, two
    renames; the old build waits beside out_dir as .NAME.old-PID until the new
    one is in place, and leftovers of killed builds are removed here.
    """
    _fsync_tree(tmp)
    _remove_stale(out_dir)
    if out_dir.is_dir() and not out_dir.is_symlink() and _exchange(tmp, out_dir):
        _fsync_dir(out_dir.parent)
        shutil.rmtree(tmp, ignore_errors=True)   # tmp now holds the old build
        return
    old = None
    if out_dir.exists() or out_dir.is_symlink():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    _fsync_dir(out_dir.parent)
    if old:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes
    import sys
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _fsync_dir(path: Path | str) -> None:
    """fsync a file or a folder; best effort (some file systems refuse it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    """Flush every file of a build to disk, so a power cut after the swap cannot leave it half-written.
    A file with more than one link is the previous build's, hard-linked in (cache entries, kept
    N-Quads, unchanged pages): it was flushed when that build was swapped in, so only its new
    folder entry needs flushing (the folders are). At 10,000 articles that is most of the files."""
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            try:
                if os.lstat(path).st_nlink > 1:
                    continue
            except OSError:
                continue
            _fsync_dir(path)
        _fsync_dir(folder)


def _remove_stale(out_dir: Path) -> None:
    """.NAME.old-PID and .NAME.tmp-PID-* folders of builds that are no longer running (killed ones)."""
    for old in out_dir.parent.glob(f".{out_dir.name}.*-*"):
        match = re.fullmatch(rf"\.{re.escape(out_dir.name)}\.(?:old-(\d+)|tmp-(\d+)-\w+)", old.name)
        pid = match and int(match.group(1) or match.group(2))
        if pid and pid != os.getpid() and not _alive(pid):
            shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def analyse_incremental(docs_dir: Path, cache: DocCache | None, jobs: int = 1,
                        progress: Callable[[int], None] | None = None, *,
                        engine: str = "local", scheduler: str | None = None, follow_links: bool = False,
                        doc_seconds: float | None = DOC_SECONDS, clock: Stopwatch | None = None,
                        mentions: bool = True) -> Corpus:
    """The corpus of docs_dir, parsing only documents the cache has no result for.

    The merge runs over every document's result in folder order, cached or
    new, so the corpus is the one a full rebuild gives. Each result is held compactly
    from the moment it is read (graph.merge.compact); mentions=False drops its mentions
    too (the merge does not read them, and only a review's decisions do after it).
    """
    clock = clock if clock is not None else Stopwatch()
    documents, skipped = read_documents(docs_dir, follow_links)
    clock.lap("read articles")
    results: list[DocResult | None] = []
    todo = []
    pool = Pool()
    for document in documents:
        hit = cache.get(document, mentions) if cache else None
        results.append(hit if hit is None else compact(hit, pool, mentions))
        if hit is None:
            todo.append(document)
        elif progress:
            progress(1)
    clock.lap("cache lookup")
    fresh = analyse_documents(todo, jobs, progress, engine=engine, scheduler=scheduler, doc_seconds=doc_seconds)
    for i, slot in enumerate(results):
        if slot is None:
            result = next(fresh)
            if isinstance(result, Skipped):
                skipped.append(result)
                continue
            if cache:
                cache.put(result)
            results[i] = compact(result, pool, mentions)
    for _ in fresh:  # drain, so worker pools shut down now
        raise RuntimeError("the engine returned more results than documents")
    done = [r for r in results if r is not None]
    del results, pool
    if cache:
        cache.write_manifest([r.document.source for r in done])
        cache.write_records(done)   # before the merge gives the relations global ids
    clock.lap("parse new or changed")
    corpus = merge(done, skipped)
    give_back()   # the decoded entries' freed pages, before the outputs' peaks come on top
    clock.lap("merge")
    return corpus


def build(docs_dir: Path, out_dir: Path, jobs: int = 1,
          progress: Callable[[int], None] | None = None, *,
          engine: str = "local", scheduler: str | None = None, incremental: bool = True,
          follow_links: bool = False, doc_seconds: float | None = DOC_SECONDS,
          file_dates: bool = False) -> Summary:
    """Build OUT_DIR from docs_dir. With incremental=True (the default) documents whose text and
    pipeline are unchanged since the last build into OUT_DIR are not parsed again. follow_links reads
    files that symbolic links point to outside docs_dir; doc_seconds bounds one article's extraction;
    file_dates dates the events of undated articles by their file's day. The review file beside the
    articles (graph/review.py) is replayed on the result."""
    start = time.perf_counter()
    docs_dir, out_dir = Path(docs_dir), Path(out_dir).absolute()
    check_out_dir(docs_dir, out_dir)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(out_dir):
        check_out_dir(docs_dir, out_dir)   # again: another build may have finished while we waited
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-{os.getpid()}-", dir=out_dir.parent))
        try:
            clock = Stopwatch()
            cache = DocCache(out_dir / CACHE_DIR if incremental else None, tmp / CACHE_DIR)
            corpus = analyse_incremental(docs_dir, cache, jobs, progress, engine=engine, scheduler=scheduler,
                                         follow_links=follow_links, doc_seconds=doc_seconds, clock=clock,
                                         mentions=review_path(docs_dir).exists())
            if file_dates:
                apply_file_dates(corpus.documents, corpus.relations, docs_dir)
            review = apply_review(corpus, docs_dir)
            corpus.mentions.clear()   # no output reads them, and they are the bulk of the records in memory
            kept = not corpus.documents
            if kept:  # nothing could be read: keep the previous build (or none) rather than write an empty one
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                exports = [f for f in requested_exports(out_dir) if f in FORMATS]   # kept fresh once asked for
                previous = out_dir if incremental and out_dir.is_dir() else None
                write_outputs(corpus, tmp, exports, clock, previous=previous)
                write_review_state(tmp, docs_dir, review)
                write_marker(tmp, __version__, exports)
                tmp.chmod(folder_mode(out_dir))
                swap_in(tmp, out_dir)
                clock.lap("swap in (fsync)")
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    n_rel = sum(len(v) for v in corpus.relations.values())
    return Summary(len(corpus.documents), len(corpus.entities), n_rel,
                   time.perf_counter() - start, out_dir, corpus.skipped,
                   parsed=cache.misses, reused=cache.hits, kept_previous=kept and out_dir.exists(),
                   review=review.lines(), stages=dict(clock), peaks=dict(clock.peaks))
