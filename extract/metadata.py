"""Document metadata from the text itself: date, headline, byline, publisher footer.

`layout()` also says where those lines are, so that mention finding can skip
them (a title-case headline or a footer would otherwise make junk entities)
and turn the byline author and the footer outlet into entity mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from extract.gazetteer import default_gazetteer
from extract.records import Document

DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%Y-%m-%d", "%d %b %Y", "%b %d, %Y")
NAME = r"[A-Z][\w'’.-]+(?:[ \t]+(?:[A-Z][\w'’.-]+|van|von|de|al|bin))*"
BYLINE = re.compile(rf"^[ \t]*(?:[Bb]y|BY|Written by|Author:|Words by)[ \t]+({NAME})(?:[ \t]*(?:,|and|&|\|).*)?[ \t]*$", re.M)
PUBLISHER = r"((?:The\s+)?[A-Z0-9][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,4})"
FOOTERS = [
    re.compile(rf"^[ \t]*(?:Read|Continue reading|See) (?:the )?(?:full|whole|rest of the|original|more)?\s*"
               rf"(?:story|article|piece|report)?\s*(?:at|on|in)\s+{PUBLISHER}", re.M),
    re.compile(rf"^[ \t]*(?:This (?:article|story|piece) (?:was )?(?:first|originally) (?:appeared|published) "
               rf"(?:on|in|at|by))\s+{PUBLISHER}", re.M),
    re.compile(rf"^[ \t]*(?:Originally published|First published) (?:by|on|in|at)\s+{PUBLISHER}", re.M),
    re.compile(rf"^[ \t]*This (?:article|story|piece) was (?:originally |first )?published (?:by|on|in|at)\s+{PUBLISHER}", re.M),
    re.compile(rf"^[ \t]*Republished with (?:the )?permission (?:of|from)\s+{PUBLISHER}", re.M),
    re.compile(rf"^[ \t]*Get\s+{PUBLISHER}\s+(?:stories|news|articles|updates|headlines)\b", re.M),
    re.compile(rf"^[ \t]*(?:©|\(c\)|Copyright)\s*(?:\d{{4}}\s+)?{PUBLISHER}", re.M),
]
# "ALMATY (Reuters) - ...": a wire dateline names the publisher
# "NOVOSIBIRSK, Russia, Oct 17, 2012 (Northline News Agency) - ", "PARIS, March 17, 2015 (Agence X)" + line end,
# "ADEN, March 3 (Meridian) - " (a day without the year)
DATELINE = re.compile(r"^[ \t]*[A-ZÀ-Þ][A-ZÀ-Þ .,'’-]{1,40}(?:[^\n()]{0,40}?\d{1,4})?\s*\(([A-ZÀ-Þ][\w.&' -]{1,40})\)"
                      r"[ \t]*(?:[-–—]|$)", re.M)
# photo credits and captions are not prose. Only [ \t] between the words: with \s (which crosses
# lines) around an optional word, a long whitespace run after "Photo" was retried in every split.
# "Photo: X", "Illustrations by X" (a line with "by" and no full stop: not "Photos by the ministry were shown.")
CREDIT = re.compile(r"^[ \t]*(?:Photo|Photograph|Image|Picture|Credit|Illustration|Video)s?[ \t]*(?:credit[ \t]*)?"
                    r"(?::.*|(?<=[ \t])by[ \t][^.\n]*)$", re.M | re.I)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.A)
FOOTER_WINDOW = 600
BYLINE_WINDOW = 2000


@dataclass
class Layout:
    """Character ranges of the non-prose lines, and of the names in them."""
    headline: tuple[int, int] | None = None
    credits: tuple[tuple[int, int], ...] = ()
    byline: tuple[int, int] | None = None
    author: tuple[int, int] | None = None
    footer: tuple[int, int] | None = None
    publisher: tuple[int, int] | None = None

    def skipped(self) -> list[tuple[int, int]]:
        return [r for r in (self.headline, self.byline, self.footer) if r] + list(self.credits)


def iso_date(value: str) -> str | None:
    """The YYYY-MM-DD date value starts with ("2021-03-04T10:00Z"), if it is a real calendar day."""
    m = ISO_DATE.match(value.strip())
    try:
        return datetime.fromisoformat(m.group(0)).date().isoformat() if m else None
    except ValueError:   # 2015-13-45, 2021-02-30, year 0
        return None


def _date(line: str) -> str | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(line.strip(), fmt).date().isoformat()
        except ValueError:
            pass
    return None


def _lines(text: str, limit: int):
    pos = 0
    for n, line in enumerate(text.split("\n")):
        if n >= limit:
            return
        yield pos, line
        pos += len(line) + 1


def _headline(text: str) -> tuple[int, int] | None:
    seen = 0
    for pos, line in _lines(text, 8):
        if not line.strip():
            continue
        seen += 1
        if seen == 1 and _date(line):
            continue
        words = line.split()
        content = [w for w in words if len(w) > 3]
        title_case = bool(content) and sum(w[:1].isupper() for w in content) >= 0.7 * len(content)
        ending = line.rstrip()[-1:]
        more = text[pos + len(line):].strip() != ""
        if more and len(words) <= 16 and (ending not in ".?!:" or (title_case and ending in "?!")) \
                and not BYLINE.match(line):
            lead = len(line) - len(line.lstrip())
            return pos + lead, pos + len(line.rstrip())
        return None
    return None


def layout(document: Document) -> Layout:
    text = document.text
    out = Layout(headline=_headline(text))
    if m := BYLINE.search(text[:BYLINE_WINDOW]):
        out.byline, out.author = (m.start(), m.end()), m.span(1)
    out.credits = tuple(m.span() for m in CREDIT.finditer(text))
    tail = max(0, len(text) - FOOTER_WINDOW)
    for pattern in FOOTERS:
        for m in pattern.finditer(text, tail):
            name_start, name_end = m.span(1)
            line_end = text.find("\n", m.start())
            out.footer = (m.start(), line_end if line_end >= 0 else len(text))
            name = text[name_start:name_end].rstrip(".!,")
            out.publisher = (name_start, name_start + len(name))
            break
        if out.footer:
            break
    if out.publisher is None and (m := DATELINE.search(text[:BYLINE_WINDOW])):
        out.publisher = m.span(1)
    if out.publisher is None and out.author:   # "By X | Meridian Review", "By X, court reporter, The Nile Courier"
        out.publisher = _byline_outlet(text, out.author[1], out.byline[1])
    return out


BYLINE_OUTLET = re.compile(r"(?:The )?[A-Z][\w'’.&-]*(?: (?:[A-Z][\w'’.&-]*|of|de|du|del|la|al|and|&)){0,5}")
STAFF_WORDS = re.compile(r"(?i)\b(?:correspondent|reporter|editor|desk|staff|writer|contributor|affairs|in)\b")


def _byline_outlet(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The outlet a byline names after its author's name, as its last '|' or ',' part."""
    cut = max(text.rfind("|", lo, hi), text.rfind(",", lo, hi))
    if cut < 0:
        return None
    part = text[cut + 1:hi]
    start = cut + 1 + len(part) - len(part.lstrip())
    name = part.strip()
    if not BYLINE_OUTLET.fullmatch(name) or STAFF_WORDS.search(name) or _date(name) or any(ch.isdigit() for ch in name):
        return None
    known = default_gazetteer().lookup(name)
    if known is not None and known.cls in ("Place", "State"):
        return None   # "By Adaeze Okonkwo, Abuja": where the reporter filed from
    return start, start + len(name)


def read_metadata(document: Document) -> Document:
    lines = [ln for ln in document.text.split("\n")[:6] if ln.strip()]
    if lines and (date := _date(lines[0])):
        document.date = date
    lay = layout(document)
    if lay.headline:
        document.headline = document.text[slice(*lay.headline)]
    if lay.author:
        document.author = document.text[slice(*lay.author)]
    if lay.publisher:
        document.publisher = document.text[slice(*lay.publisher)]
    return document


def metadata_relations(document: Document, mentions, entities) -> list:
    """The byline author wrote for the footer's publisher ("metadata.wroteFor.v1")."""
    from extract.records import Relation
    lay = layout(document)
    if not (lay.author and lay.publisher):
        return []
    def entity_at(rng, cls):
        return next((m.entity for m in mentions if m.cls == cls and m.start < rng[1] and rng[0] < m.end), None)
    author, outlet = entity_at(lay.author, "Person"), entity_at(lay.publisher, "Outlet")
    if not (author and outlet):
        return []
    start, end = lay.footer or lay.publisher
    return [Relation(author, "wroteFor", outlet, document.text[start:end], start, end, "metadata.wroteFor.v1", 0.7)]
