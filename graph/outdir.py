"""Which folders a build may replace, and one build at a time per folder.

A build swaps a whole new folder in for OUT_DIR, so whatever OUT_DIR held is
gone afterwards. It may only hold a previous build: a build writes a marker
file listing the entries it wrote, and a folder holding anything else is
refused before any work, naming what it would have destroyed.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path

MARKER = ".actorgraph-build"
# what builds wrote before the marker existed; such a folder is still a build
LEGACY_ENTRIES = frozenset({
    "graph.trig", "graph.ttl", "graph.nq", "graph.jsonld", "graph.graphml", "graph.gexf", "edges.csv",
    "store", "cache", "index.html", "network.html", "entity", "property", "document", "assets",
    "ontology.ttl", "shapes.ttl", "query.html",
})


class OutDirError(ValueError):
    """OUT_DIR cannot be used: the message names the folder and the reason."""


def check_out_dir(docs_dir: Path, out_dir: Path) -> None:
    """Refuse an OUT_DIR whose replacement would destroy something the user did not hand us."""
    docs, out = Path(docs_dir).resolve(), Path(out_dir).absolute()
    if out.is_symlink():
        raise OutDirError(f"{out}: is a symbolic link; give the folder it points to, or a new folder")
    out = out.resolve()
    if out == Path(out.anchor) or out == Path.home().resolve() or os.path.ismount(out):
        raise OutDirError(f"{out}: refusing to build into the root, the home folder or a mount point; "
                          f"give a new folder inside it, e.g. {out / 'actorgraph-out'}")
    if out == docs or docs in out.parents:
        raise OutDirError(f"{out}: the output folder is inside the articles folder {docs}; "
                          "put it elsewhere, or the build would read and replace its own input")
    if out in docs.parents:
        raise OutDirError(f"{out}: the articles folder {docs} is inside the output folder, "
                          "which a build replaces whole; choose another output folder")
    if not out.exists():
        return
    if not out.is_dir():
        raise OutDirError(f"{out}: exists and is not a folder")
    entries = sorted(p.name for p in out.iterdir())
    if not entries:
        return
    allowed = _build_entries(out)
    if allowed is None:
        raise OutDirError(f"{out}: is not empty and is not an actorgraph build (it has no {MARKER} file); "
                          f"a build replaces the whole folder, which would delete {_sample(entries)}. "
                          "Choose a new or empty folder")
    foreign = [name for name in entries if name not in allowed]
    if foreign:
        raise OutDirError(f"{out}: holds files a build did not write ({_sample(foreign)}); a rebuild "
                          "would delete them. Move them out, or choose another output folder")


def _build_entries(out: Path) -> set[str] | None:
    """The top-level names a previous build wrote into out, or None when out is no build."""
    marker = out / MARKER
    if marker.is_file():
        try:
            return set(json.loads(marker.read_text(encoding="utf-8"))["entries"]) | {MARKER}
        except (OSError, ValueError, KeyError, TypeError):
            return None
    if (out / "graph.trig").is_file() and (out / "cache").is_dir():
        return set(LEGACY_ENTRIES)
    return None


def _sample(names: list[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def write_marker(build_dir: Path, version: str, exports: list[str] = ()) -> None:
    """Record, inside a finished build, that it is one, which entries it wrote and which exports
    were asked for (`actorgraph export`), so the next build writes them again."""
    entries = sorted(p.name for p in build_dir.iterdir())
    _write_marker(build_dir, {"actorgraph": version, "entries": entries, "exports": sorted(set(exports))})


def _write_marker(build_dir: Path, data: dict) -> None:
    tmp = build_dir / f"{MARKER}.part"
    tmp.write_text(json.dumps(data) + "\n", encoding="utf-8")
    os.replace(tmp, build_dir / MARKER)


def read_marker(out: Path) -> dict:
    try:
        data = json.loads((Path(out) / MARKER).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def is_build(out: Path) -> bool:
    return _build_entries(Path(out)) is not None


def requested_exports(out: Path) -> list[str]:
    """The export formats `actorgraph export` wrote into the build at out (from its marker)."""
    exports = read_marker(out).get("exports", [])
    return [e for e in exports if isinstance(e, str)] if isinstance(exports, list) else []


def add_marker_entries(out: Path, names: list[str], exports: list[str] = ()) -> None:
    """Add files written into a finished build (by `actorgraph export`) to its marker."""
    data = read_marker(out) or {"actorgraph": "", "entries": sorted(LEGACY_ENTRIES & {p.name for p in out.iterdir()})}
    data["entries"] = sorted(set(data.get("entries", [])) | set(names))
    data["exports"] = sorted(set(requested_exports(out)) | set(exports))
    _write_marker(out, data)


@contextmanager
def build_lock(out_dir: Path):
    """Hold .NAME.lock beside out_dir for the whole build; a second build into it fails at once."""
    path = out_dir.parent / f".{out_dir.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EACCES):
                raise OutDirError(f"{out_dir}: another build is writing this folder "
                                  f"(lock {path}); wait for it to finish") from None
            raise
        yield
    finally:
        os.close(fd)


def folder_mode(out_dir: Path) -> int:
    """The mode a new build folder gets: the old one's, or what the umask gives a new folder."""
    try:
        return out_dir.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o777 & ~umask
