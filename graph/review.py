"""Review kept as data: a researcher's decisions on edges and actors, in one JSON-lines file beside the
articles (DOCS/actorgraph-review.jsonl), replayed on every build.

One decision a line, in the order they were made:
  {"op": "accept" | "reject", "s": ID, "p": PROPERTY, "o": ID, "doc": DOC_ID?, "note": ...}
  {"op": "rename", "entity": ID, "label": NEW NAME}
  {"op": "retype", "entity": ID, "cls": CLASS}
  {"op": "merge", "entity": ID (kept), "other": ID (merged into it)}
  {"op": "split", "entity": ID, "alias": ALIAS (becomes an actor of its own)}
  {"op": "date", "doc": DOC_ID, "date": "2014-11-25" | "2014-11" | "2014"} (the article's date; its events
   are dated again against it)
each with "time" (UTC, ISO 8601) and an optional "reviewer" and "note". IDs are the entity ids of the
build the decision was made on ("Agency/state_prosecutor__kazakhstan"); a build replays the file in order,
so an id a merge or split made is valid for the decisions after it. Entity ids (and so IRIs) stay as they
are on rename and retype, so later decisions and links keep pointing at the same actor.

A decision whose actor or edge is not in the build (the article changed) is reported by the build, never
dropped silently. Writing: `append_decision` checks a decision against the build (graph/review_check.py)
and appends it under a lock; nothing else is ever written outside OUT.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from extract.pipeline import REVIEW_FILE
from extract.records import Corpus, Entity

EDGE_OPS = ("accept", "reject")
FIELDS = {"accept": ("s", "p", "o"), "reject": ("s", "p", "o"), "rename": ("entity", "label"),
          "retype": ("entity", "cls"), "merge": ("entity", "other"), "split": ("entity", "alias"),
          "date": ("doc", "date")}
OPTIONAL = ("doc", "note", "reviewer", "time")
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
MAX_TEXT = 1000
MAX_LINE = 16 * 1024


class ReviewError(ValueError):
    """A review file or decision that cannot be used; the message names the file or field and why."""


@dataclass
class ReviewReport:
    path: Path
    applied: list[dict] = field(default_factory=list)
    stale: list[tuple[int, dict, str]] = field(default_factory=list)   # (line, decision, why)

    def lines(self) -> list[str]:
        if not self.applied and not self.stale:
            return []
        out = [f"review: {len(self.applied)} decision(s) applied from {self.path}"]
        out += [f"review: {self.path.name} line {n}: {d['op']} no longer matches: {why}" for n, d, why in self.stale]
        return out


def review_path(docs_dir: Path) -> Path:
    return Path(docs_dir) / REVIEW_FILE


def _text(value, name: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise ReviewError(f"{name} must be a string")
    value = value.strip()
    if not value or len(value) > limit or re.search(r"[\x00-\x1f\x7f]", value):
        raise ReviewError(f"{name} must be 1 to {limit} characters without control characters")
    return value


def check_shape(decision) -> dict:
    """The decision with its fields checked for shape (not against a build); ReviewError otherwise."""
    if not isinstance(decision, dict):
        raise ReviewError("a decision is a JSON object")
    op = decision.get("op")
    if op not in FIELDS:
        raise ReviewError(f"op must be one of {', '.join(FIELDS)}")
    unknown = set(decision) - {"op", *FIELDS[op], *OPTIONAL}
    if unknown:
        raise ReviewError(f"unknown field(s) for {op}: {', '.join(sorted(unknown))}")
    out = {"op": op}
    for name in FIELDS[op]:
        if name not in decision:
            raise ReviewError(f"{op} needs {name}")
        out[name] = _text(decision[name], name, 300)
    for name in OPTIONAL:
        if decision.get(name) not in (None, ""):
            out[name] = _text(decision[name], name, 100 if name == "reviewer" else MAX_TEXT)
    if op == "merge" and out["entity"] == out["other"]:
        raise ReviewError("cannot merge an actor with itself")
    if op == "date" and not _calendar(out["date"]):
        raise ReviewError("date must be a day, a month or a year: YYYY-MM-DD, YYYY-MM or YYYY")
    return out


def _calendar(value: str) -> bool:
    if not ISO_DATE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return parts[0] >= 1


def read_decisions(path: Path) -> list[tuple[int, dict]]:
    """(line number, decision) of every line of the review file; a file that is missing is empty."""
    path = Path(path)
    if path.is_symlink():   # it would be read from (and written to) wherever the link points
        raise ReviewError(f"{path}: is a symbolic link; the review file must be a plain file beside the articles")
    if not path.is_file():
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                out.append((n, check_shape(json.loads(line))))
            except (json.JSONDecodeError, ReviewError) as e:
                raise ReviewError(f"{path} line {n}: {e}") from None
    return out


def append_decision(docs_dir: Path, decision: dict, check=None) -> dict:
    """Stamp a decision with the time, check it (shape, then `check(decision)`, which raises ReviewError
    when the build has no such actor or edge), and append it to DOCS/actorgraph-review.jsonl."""
    record = check_shape({k: v for k, v in decision.items() if k != "time"})
    if check is not None:
        check(record)
    record["time"] = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    if len(line.encode()) > MAX_LINE:
        raise ReviewError("decision too long")
    path = review_path(docs_dir)
    try:   # O_NOFOLLOW: a link planted in the articles folder must not send the decision elsewhere
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as e:
        if path.is_symlink():
            raise ReviewError(f"{path}: is a symbolic link; the review file must be a plain file") from None
        raise ReviewError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return record


# ---- replaying the decisions on a corpus ----

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def _edge_matches(rel, d: dict) -> bool:
    return (rel.subject, rel.prop, rel.object) == (d["s"], d["p"], d["o"])


def apply_decision(corpus: Corpus, d: dict) -> str | None:
    """Apply one decision to the corpus in place; why it does not match, or None when applied."""
    ents = corpus.entities
    if d["op"] == "date":   # the article's own date, when its text gives none (or a wrong one)
        from extract.dates import date_relations
        doc = next((x for x in corpus.documents if x.doc_id == d["doc"]), None)
        if doc is None:
            return f"no document {d['doc']}"
        doc.date = d["date"]
        date_relations(doc, corpus.relations.get(doc.doc_id, []))
        return None
    if d["op"] in EDGE_OPS:
        docs = [d["doc"]] if d.get("doc") else list(corpus.relations)
        hits = [(doc, r) for doc in docs for r in corpus.relations.get(doc, []) if _edge_matches(r, d)]
        if not hits and d["op"] == "accept":   # an edge the scorer held back: the reviewer asserts it
            for doc in docs:
                promoted = [r for r in corpus.held.get(doc, []) if _edge_matches(r, d)]
                corpus.held[doc] = [r for r in corpus.held.get(doc, []) if not _edge_matches(r, d)]
                corpus.relations.setdefault(doc, []).extend(promoted)
                hits += [(doc, r) for r in promoted]
        if not hits:
            return f"no edge {d['s']} {d['p']} {d['o']}" + (f" in {d['doc']}" if d.get("doc") else "")
        for doc in docs:
            if d["op"] == "reject":
                corpus.relations[doc] = [r for r in corpus.relations.get(doc, []) if not _edge_matches(r, d)]
            else:
                for r in corpus.relations.get(doc, []):
                    if _edge_matches(r, d):
                        r.review = d
        return None
    e = ents.get(d["entity"])
    if e is None:
        return f"no actor {d['entity']}"
    if d["op"] == "rename":
        e.aliases.add(e.label)
        e.label = d["label"]
        e.aliases.add(d["label"])
    elif d["op"] == "retype":
        from extract.schema import classes
        if d["cls"] not in classes():
            return f"no class {d['cls']}"
        e.cls = d["cls"]
    elif d["op"] == "merge":
        other = ents.get(d["other"])
        if other is None:
            return f"no actor {d['other']}"
        e.aliases |= other.aliases | {other.label}
        e.docs |= other.docs
        del ents[other.id]
        _rename_ids(corpus, {other.id: e.id})
    elif d["op"] == "split":
        return _split(corpus, e, d["alias"])
    return None


def _rename_ids(corpus: Corpus, gid: dict[str, str]) -> None:
    for doc, rels in corpus.relations.items():
        corpus.relations[doc] = [replace(r, subject=gid.get(r.subject, r.subject), object=gid.get(r.object, r.object),
                                         attributed_to=gid.get(r.attributed_to, r.attributed_to)) for r in rels]
    for doc, mentions in corpus.mentions.items():
        corpus.mentions[doc] = [replace(m, entity=gid.get(m.entity, m.entity)) for m in mentions]


def _split(corpus: Corpus, e: Entity, alias: str) -> str | None:
    """The alias becomes an actor of its own: its mentions, and the edges of sentences where the actor is
    named only by that alias, move to it."""
    if alias not in e.aliases or alias == e.label:
        return f"{e.id} has no alias {alias!r} to split off"
    base = f"{e.cls}/{_slug(alias)}"
    new_id, n = base, 2
    while new_id in corpus.entities:
        new_id, n = f"{base}_{n}", n + 1
    new = Entity(new_id, alias, e.cls, {alias})
    corpus.entities[new_id] = new
    e.aliases.discard(alias)
    for doc, mentions in corpus.mentions.items():
        mine = [m for m in mentions if m.entity == e.id]
        moved = [m for m in mine if m.text == alias]
        if not moved:
            continue
        new.docs.add(doc)
        for m in moved:
            m.entity = new_id
        if len(moved) == len(mine):
            e.docs.discard(doc)
        spans = [(m.start, m.end, m.entity) for m in mentions]
        for r in corpus.relations.get(doc, []):
            named = {ent for s, t, ent in spans if r.start <= s and t <= r.end and ent in (e.id, new_id)}
            if named == {new_id}:
                r.subject = new_id if r.subject == e.id else r.subject
                r.object = new_id if r.object == e.id else r.object
    return None


def apply_review(corpus: Corpus, docs_dir: Path) -> ReviewReport:
    """Replay DOCS/actorgraph-review.jsonl on the corpus; what was applied and what no longer matches."""
    path = review_path(docs_dir)
    report = ReviewReport(path)
    corpus.reviews = []
    for n, d in read_decisions(path):
        why = apply_decision(corpus, d)
        if why:
            report.stale.append((n, d, why))
        else:
            report.applied.append(d)
            corpus.reviews.append(d)
    return report


def write_review_state(out: Path, docs_dir: Path, report: ReviewReport) -> None:
    """OUT/review.json: where the review file is (for `serve --review` and `review`), and what the build did."""
    state = {"review_file": str(report.path.resolve()), "docs_dir": str(Path(docs_dir).resolve()),
             "applied": len(report.applied),
             "stale": [{"line": n, "decision": d, "why": why} for n, d, why in report.stale]}
    (Path(out) / "review.json").write_text(json.dumps(state, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build_docs_dir(out_dir: Path) -> Path:
    """The articles folder a build was made from (OUT/review.json), where its review file lives."""
    state = Path(out_dir) / "review.json"
    try:
        return Path(json.loads(state.read_text(encoding="utf-8"))["docs_dir"])
    except (OSError, ValueError, KeyError, TypeError):
        raise ReviewError(f"{out_dir}: no review.json; rebuild it with this version of actorgraph") from None
