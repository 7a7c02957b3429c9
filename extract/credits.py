"""Credit lines: who wrote and who edited the article, for which outlet.

    By Irina Malakhova | Meridian Review
    (Reporting by Daniyar Omarov; additional reporting by Oleg Tarasov in Tomsk; Editing by Claire Hollis)
    Interview by Emir Hadzic for Radio Neretva        Compiled by Yara Semaan and Idris Lamrani
The writers (by, reporting, interview, compiled, updates, live coverage) wrote for the outlet, the
editors are its staff (doc.credit.wroteFor.v1 / doc.credit.memberOf.v1). The outlet is the one the
credit line names, else the article's publisher (dateline, footer, a "Name | ..." or "Name live
blog" header line). Only lines in the article's head or tail count, and only people the mention
finder found.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract.metadata import layout
from extract.places import static_words
from extract.records import Document, Mention, Relation

CONFIDENCE = 0.7
HEAD, TAIL = 700, 700
LINE = re.compile(r"(?im)^[^\n]*\bby\b[^\n]*$")


@lru_cache(maxsize=None)
def credit_start() -> re.Pattern:
    """A line part that opens a credit: a credit word of data/static.yaml (or none) and "by": "(Reporting
    by A", "editing by B", "By C, Outlet", "This week's edition was compiled by D", "A and B reporting from
    Kampala"."""
    words = "|".join(map(re.escape, static_words()["credit_words"]))
    return re.compile(rf"(?i)^\W*(?:this \w+(?:'s|\u2019s)? \w+ was )?(?:{words})?[ \t]*by\b"
                      r"|^\W*[A-Z][^,;|]{0,80}\breporting from\b")


EDITOR = re.compile(r"(?i)^\W*(?:editing|edited)\b")
STAFF = re.compile(r"(?i)\b(?:reporter|correspondent|editor|desk|staff|stringer)\b")
# a header line that names the publisher: "Tbilisi Courier live blog | ...", "A Southasia Ledger feature"
HEADER = re.compile(r"(?im)^[^\n]{0,80}?(?:\||\blive (?:blog|page|desk)\b|\bfeature\b|\bweekly\b|\broundup\b|"
                    r"\bedition\b|\b\d{4}\b)[^\n]*$")


def credit_relations(document: Document, mentions: list[Mention]) -> list[Relation]:
    text = document.text
    named = [m for m in mentions if m.entity and m.kind == "name"]
    regions = [(0, min(HEAD, len(text))), (max(0, len(text) - TAIL), len(text))]

    def inside(cls: str, lo: int, hi: int) -> list[Mention]:   # not "reporting by X in Rio de Janeiro"
        return [m for m in named if m.cls == cls and lo <= m.start and m.end <= hi
                and not re.search(r"\b(?:in|from)\s+$", text[max(lo, m.start - 6):m.start])]

    publisher = _publisher(document, text, inside)
    out: dict[tuple, Relation] = {}
    for rel in _own_staff(text, named, publisher):
        out.setdefault((rel.subject, rel.prop, rel.object), rel)
    for lo, hi in regions:
        for line in LINE.finditer(text, lo, hi):
            end = text.find("\n", line.start())
            if (end if end >= 0 else len(text)) - line.start() > 300:
                continue   # prose, not a credit line (measured to the line's end, past the region's edge)
            for seg_lo, seg_hi in _segments(text, line.start(), line.end()):
                seg = text[seg_lo:seg_hi]
                people = inside("Person", seg_lo, seg_hi)
                outlet = (inside("Outlet", seg_lo, seg_hi) or inside("Outlet", line.start(), line.end())
                          or publisher)
                if not people or not outlet or not credit_start().match(seg):
                    continue
                props = ["memberOf"] if EDITOR.match(seg) else ["wroteFor"]
                if props == ["wroteFor"] and STAFF.search(seg):
                    props.append("memberOf")   # "By X, court reporter, The Nile Courier"
                for p in people:
                    for prop in props:
                        out.setdefault((p.entity, prop, outlet[0].entity), Relation(
                            p.entity, prop, outlet[0].entity, text[line.start():line.end()].strip(),
                            line.start(), line.end(), f"doc.credit.{prop}.v1", CONFIDENCE))
    return list(out.values())


def _segments(text: str, lo: int, hi: int):
    """A credit line's parts: "(Reporting by A; editing by B)" -> "Reporting by A", "editing by B"."""
    start = lo
    for m in re.finditer(r"[;|]", text[lo:hi]):
        yield start, lo + m.start()
        start = lo + m.end()
    yield start, hi


def _publisher(document: Document, text: str, inside) -> list[Mention]:
    lay = layout(document)
    if lay.publisher and (found := inside("Outlet", *lay.publisher)):
        return found
    for m in HEADER.finditer(text, 0, min(HEAD, len(text))):
        if lay.headline and m.start() == lay.headline[0]:
            continue
        if found := inside("Outlet", m.start(), m.end()):
            return found
    return []


def _staff_pattern() -> tuple[re.Pattern, re.Pattern]:
    from extract.places import static_words
    staff = "|".join(sorted(static_words()["staff_nouns"], key=len, reverse=True))
    before = re.compile(rf"\b[Oo]ur\s+(?:[a-z-]+\s+){{0,2}}?(?:{staff})s?(?:\s+in\s+[^,.;\n]{{1,40}})?,?\s+"
                        r"(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?$")
    after = re.compile(rf"^,\s+our\s+(?:[a-z-]+\s+){{0,2}}?(?:{staff})\b")
    return before, after


def _own_staff(text: str, named: list[Mention], publisher: list[Mention]) -> list[Relation]:
    """'Our reporter X was detained', 'X, our court reporter': the publisher's own staff. Not inside a quote
    or an interview answer, where "our" is the speaker's outlet."""
    if not publisher:
        return []
    before, after = _staff_pattern()
    out = []
    for p in (m for m in named if m.cls == "Person"):
        if not (before.search(text[max(0, p.start - 80):p.start]) or after.match(text[p.end:p.end + 60])):
            continue
        line_start = text.rfind("\n", 0, p.start) + 1
        line = text[line_start:p.start]
        if re.match(r"\s*[A-Z][\w.'\u2019 -]{0,40}:", line) or len(re.findall(r'["\u201c\u201d]', line)) % 2:
            continue
        end = text.find("\n", p.end)
        end = len(text) if end < 0 else end
        while text[line_start].isspace():
            line_start += 1
        end = len(text[:end].rstrip())
        out.append(Relation(p.entity, "memberOf", publisher[0].entity, text[line_start:end], line_start, end,
                            "doc.credit.staff.v1", CONFIDENCE))
    return out

