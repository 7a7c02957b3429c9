"""When an event happened: a date for every event edge, read from its evidence sentence and resolved
against the article's own date ("on Thursday", "last week", "in May", "on October 28").

Each event relation (data/dates.yaml `event_properties`) gets `date` (ISO: "2014-10-28", "2014-10" or
"2014"), `date_precision` (day, week, month, year: what the text gave) and `date_source`: "text" when
the sentence dates it, "context" when an earlier sentence of its paragraph names the day, "article" when
it falls back to the article's date. The words are data
(data/dates.yaml); this module is the mechanism. A week is given as the ISO date of its Monday.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import yaml

from extract.records import Document, Relation
from extract import DATA_DIR

DATES_FILE = DATA_DIR / "dates.yaml"
PRECISION_CHARS = {"day": 10, "week": 10, "month": 7, "year": 4}
SHORT_LINE = 120   # a header line (dateline, byline) rather than prose


@dataclass(frozen=True)
class Found:
    """A date expression in a text: where it is, what it resolves to, and whether it bounds a period."""
    start: int
    end: int
    value: str
    precision: str
    bounding: bool = False
    anchored: bool = False   # resolved against the anchor ("on Thursday"), not read whole ("28 October 2014")
    lead: str = ""           # the preposition it opens with ("in", "on"); a dateline or header date has none


@lru_cache(maxsize=None)
def lexicon() -> dict:
    data = yaml.safe_load(DATES_FILE.read_text(encoding="utf-8"))
    months = sorted(data["months"], key=len, reverse=True)
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    month = r"(?P<m>" + "|".join(w.capitalize() for w in months) + r")\.?"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<y>(?:1[89]|20)\d\d)"
    lead = r"(?:(?P<lead>(?i:in|on|during|since|until|till|by|from|through|to|before|of|early|late|mid|last|this))[\s-]+)?"
    weekday = "|".join(w.capitalize() for w in data["weekdays"])
    patterns = [   # most specific first; an expression inside an earlier match is not read again
        ("iso", rf"\b{lead}(?P<y>\d{{4}})-(?P<mo>\d\d)-(?P<d>\d\d)\b"),
        ("dmy", rf"\b{lead}{day}\s+(?:of\s+)?{month},?\s+{year}\b"),
        ("mdy", rf"\b{lead}{month}\s+{day},?\s+{year}\b"),
        ("my", rf"\b{lead}(?:(?:early|late|mid)[\s-]+)?{month},?\s+(?:of\s+)?{year}\b"),
        ("dm", rf"\b{lead}{day}\s+(?:of\s+)?{month}(?![\w])"),
        ("md", rf"\b{lead}{month}\s+{day}\b(?!,?\s+\d)"),
        ("m", rf"\b(?P<lead>(?i:in|during|since|until|by|last|this|early|late|mid))[\s-]+(?:(?:early|late|mid)[\s-]+)?"
              rf"{month}(?![\w])"),
        ("y", rf"\b(?P<lead>(?i:in|during|since|until|by|from|through|early|late|mid))[\s-]+{year}\b(?![-–]\d)"),
        ("wd", rf"\b(?:(?P<lead>(?i:on|last|this|since|until|by|before))\s+)?(?P<wd>{weekday})\b"),
        ("ago", rf"(?i:\b(?P<n>{alt(data['numbers'])}|\d+)\s+(?P<u>{alt(data['units'])})\s+ago\b)"),
        ("rel", rf"(?i:\b(?P<rel>{alt(data['relative_days'])})\b)"),
        ("period", rf"(?i:\b(?P<per>{alt(data['relative_periods'])})\b)"),
    ]
    return {**data, "compiled": [(kind, re.compile(p)) for kind, p in patterns],
            "bounding": set(data["bounding_words"])}


def _shift_month(d: date, months: int) -> date:
    n = d.year * 12 + d.month - 1 + months
    return date(n // 12, n % 12 + 1, 1)


def _iso(d: date, precision: str) -> str:
    if precision == "week":
        d = d - timedelta(days=d.weekday())
    return d.isoformat()[:PRECISION_CHARS[precision]]


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve(kind: str, m: re.Match, anchor: date | None, anchor_precision: str | None) -> tuple[str, str] | None:
    """(ISO value, precision) of one match, or None when it cannot be resolved against the anchor."""
    lex = lexicon()
    g = m.groupdict()
    month = lex["months"][g["m"].lower()] if g.get("m") else None
    day_ok = anchor is not None and anchor_precision == "day"
    if kind == "iso":
        d = _day(int(g["y"]), int(g["mo"]), int(g["d"]))
        return (d.isoformat(), "day") if d else None
    if kind in ("dmy", "mdy"):
        d = _day(int(g["y"]), month, int(g["d"]))
        return (d.isoformat(), "day") if d else None
    if kind == "my":
        return f"{int(g['y']):04d}-{month:02d}", "month"
    if kind == "y":
        return g["y"], "year"
    if anchor is None:
        return None
    if kind in ("dm", "md"):   # the year of the article, or the one before when that would be in its future
        d = _day(anchor.year, month, int(g["d"]))
        if d and anchor_precision == "day" and d > anchor + timedelta(days=7):
            d = _day(anchor.year - 1, month, int(g["d"]))
        return (d.isoformat(), "day") if d else None
    if kind == "m":
        y = anchor.year - 1 if anchor_precision in ("day", "month") and month > anchor.month else anchor.year
        return f"{y:04d}-{month:02d}", "month"
    if not day_ok:
        return None
    if kind == "wd":
        back = (anchor.weekday() - lex["weekdays"][g["wd"].lower()]) % 7
        if back == 0 and g.get("lead") == "last":
            back = 7
        return (anchor - timedelta(days=back)).isoformat(), "day"
    if kind == "rel":
        return (anchor + timedelta(days=lex["relative_days"][g["rel"].lower()])).isoformat(), "day"
    unit, n = (lex["relative_periods"][g["per"].lower()] if kind == "period"
               else (lex["units"][g["u"].lower()], -int(lex["numbers"].get(g["n"].lower(), g["n"]))))
    if unit in ("day", "week"):
        return _iso(anchor + timedelta(days=n * (7 if unit == "week" else 1)), unit), unit
    if unit == "month":
        return _iso(_shift_month(anchor, n), "month"), "month"
    return f"{anchor.year + n:04d}", "year"


def find_dates(text: str, anchor: date | None = None, anchor_precision: str | None = "day") -> list[Found]:
    """Every date expression of the text that resolves, in text order."""
    lex = lexicon()
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in lex["compiled"]:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = resolve(kind, m, anchor, anchor_precision)
            if value is None:
                continue
            taken.append(m.span())
            lead = (m.groupdict().get("lead") or "").lower()
            before = text[max(0, m.start() - 12):m.start()].split()
            bounding = lead in lex["bounding"] or (not lead and bool(before) and before[-1].lower() in lex["bounding"])
            found.append(Found(m.start(), m.end(), value[0], value[1], bounding,
                               kind not in ("iso", "dmy", "mdy", "my", "y"), lead))
    return sorted(found, key=lambda f: f.start)


def _parse_iso(value: str) -> tuple[date, str]:
    parts = [int(p) for p in value.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1), precision


def article_date(document: Document) -> tuple[str, str] | None:
    """The article's own date (ISO value, precision): its metadata date, else the first full date in a
    header line or at the head of the dateline paragraph, else a month and year in a header line."""
    if document.date:   # a reviewer may give only a month or a year (graph/review.py)
        return document.date, {10: "day", 7: "month", 4: "year"}.get(len(document.date), "day")
    head = document.text[:lexicon()["header_chars"]]
    best = None
    pos = 0
    for n, line in enumerate(head.split("\n")):
        for f in find_dates(line):
            if f.lead:   # "In May 2019, police ..." is prose about an event, not the article's date
                continue
            short = len(line) <= SHORT_LINE or f.start < 60
            if short and f.precision == "day":
                return f.value, "day"
            if short and f.precision == "month" and len(line) <= SHORT_LINE and best is None:
                best = (f.value, "month")
        pos += len(line) + 1
    return best


def date_relations(document: Document, relations: list[Relation], fallback: str | None = None) -> None:
    """Set the date of every event relation in place. `fallback` (an ISO day, e.g. the file's date) is used
    only when the article has no date of its own, and only when the caller asks for it."""
    lex = lexicon()
    events = set(lex["event_properties"])
    anchor_value = article_date(document)
    source = "article"
    if anchor_value is None and fallback:
        anchor_value, source = (fallback, "day"), "file"
    anchor, precision = _parse_iso(anchor_value[0])[0] if anchor_value else None, (anchor_value or (None, None))[1]
    per_sentence: dict[tuple[int, int], Found | None] = {}
    for rel in relations:
        if rel.prop not in events:
            continue
        key = (rel.start, rel.end)
        if key not in per_sentence:
            found = find_dates(rel.sentence, anchor, precision)
            per_sentence[key] = next((f for f in found if not f.bounding), None)
        f = per_sentence[key]
        before = None if f is not None else context_date(document, rel.start, anchor, precision)
        if f is not None:
            # a day read against the file's date is only as good as that date
            rel.date, rel.date_precision = f.value, f.precision
            rel.date_source = "file" if f.anchored and source == "file" else "text"
            rel.date_text = rel.sentence[f.start:f.end]
        elif before is not None:
            rel.date, rel.date_precision, rel.date_text = before[0].value, "day", before[1]
            rel.date_source = "file" if before[0].anchored and source == "file" else "context"
        elif anchor_value:
            rel.date, rel.date_precision, rel.date_source = anchor_value[0], anchor_value[1], source


def context_date(document: Document, start: int, anchor: date | None, precision: str | None):
    """(Found, its words) of the last day named earlier in the paragraph of a sentence that names none:
    "Access was cut on Friday. Two smaller portals went offline around the same time." Only a day: a month
    or a year before ("since June") more often sets the scene than dates the next sentence's event."""
    text = document.text
    if not 0 < start <= len(text):
        return None
    paragraph = text.rfind("\n", 0, start) + 1
    found = [f for f in find_dates(text[paragraph:start], anchor, precision) if not f.bounding and f.precision == "day"]
    if not found:
        return None
    f = found[-1]
    return f, text[paragraph + f.start:paragraph + f.end]


def apply_file_dates(documents: list[Document], relations: dict[str, list[Relation]], docs_dir) -> int:
    """For articles with no date of their own, date their event edges against the file's modification day
    (asked for with `build --file-dates`; a copied or checked-out file's date may say nothing about the
    article). Runs at build time, after the cache, so a touched file is read afresh. Returns how many edges
    got a date this way."""
    from datetime import datetime, timezone
    from pathlib import Path
    n = 0
    for doc in documents:
        if article_date(doc) is not None:
            continue
        try:
            mtime = (Path(docs_dir) / doc.source).stat().st_mtime
        except OSError:
            continue
        rels = relations.get(doc.doc_id, [])
        date_relations(doc, rels, datetime.fromtimestamp(mtime, timezone.utc).date().isoformat())
        n += sum(1 for r in rels if r.date_source == "file")
    return n
