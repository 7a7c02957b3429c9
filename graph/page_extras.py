"""What a page shows besides its network and evidence table: an actor's timeline of dated events, and a
document's own text with every evidence sentence marked, so a link from an edge can land on its sentence."""
from __future__ import annotations

DOC_TEXT_MAX = 300_000   # characters of an article shown on its page; a longer one is cut, and says so


def sentence_anchor(start: int) -> str:
    """Where an evidence sentence sits on its document's page."""
    return f"#s-{start}"


def evidence_anchor(site, doc_id: str, start: int, end: int) -> str:
    """The anchor of a sentence on its document's page, when that page shows it (its text reaches that far)."""
    return sentence_anchor(start) if end <= min(site.doc_lengths.get(doc_id, 0), DOC_TEXT_MAX) else ""


def text_segments(text: str, spans: list[tuple[int, int]]) -> list[dict]:
    """The text cut into plain and marked pieces; a marked piece has the anchor id of its sentence."""
    out, pos = [], 0
    for start, end in sorted(set(spans)):
        if end <= start or end > len(text):
            continue
        if start < pos:   # overlaps the sentence before, which keeps the marking: its anchor goes just after it
            out.append({"text": "", "id": sentence_anchor(start)[1:]})
            continue
        if start > pos:
            out.append({"text": text[pos:start], "id": ""})
        out.append({"text": text[start:end], "id": sentence_anchor(start)[1:]})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "id": ""})
    return out


def timeline(rows: list[dict]) -> list[dict]:
    """The dated event rows of an actor's table, oldest first."""
    return sorted((r for r in rows if r.get("date")), key=lambda r: (r["date"], r["prop"], r["subject"], r["object"]))


def page_extras(site, view, rows: list[dict], inline: bool) -> dict:
    extra = {"doc_text": None, "doc_text_note": "", "timeline": None, "doc_id": None if inline else view.doc_id}
    if view.center:
        extra["timeline"] = timeline(rows)
    if view.doc_id and not inline:
        doc = next((d for d in site.corpus.documents if d.doc_id == view.doc_id), None)
        if doc is not None:
            text = doc.text[:DOC_TEXT_MAX]
            spans = [(ev.start, ev.end) for lk in view.rows_from or [] for ev in lk.evidence if ev.doc == doc.doc_id]
            extra["doc_text"] = text_segments(text, spans)
            if len(doc.text) > DOC_TEXT_MAX:
                extra["doc_text_note"] = f"The first {DOC_TEXT_MAX:,} of {len(doc.text):,} characters."
    return extra
