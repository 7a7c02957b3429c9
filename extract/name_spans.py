"""Name spans: trimming a token span to the name it holds and telling a name from noise."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from extract.entity_cues import cues
from extract.gazetteer import Gazetteer, default_gazetteer
from extract.model import base_words


def clean(span: Span) -> Span:
    """Drop a leading article or quote and a trailing possessive or punctuation; a name ends at a line break
    ("By Selin Aktas" / "ISTANBUL, Oct 14" are two lines)."""
    cut = next((t.i for t in span[:-1] if "\n" in t.whitespace_ or "\n" in t.text), None)
    if cut is not None:
        span = span.doc[span.start:cut + 1] if "\n" not in span.doc[cut].text else span.doc[span.start:cut]
    colon = next((t.i for t in span[:-1] if t.text == ":"), None)
    if colon is not None and span.label_ != "WORK_OF_ART":   # "the Court: Federal Court of Velmar": a label first
        span = span.doc[colon + 1:span.end]
    while len(span) and (span[0].lower_ in ("the", "a", "an") or span[0].is_punct or len(span) > 2 and
                         span[0].pos_ == "ADV" and span[1].lower_ == "the"):   # "Later the Tashkent City Court"
        span = span[1:]
    paren = next((t.i for t in span[1:] if t.text == "("), None)
    if paren is not None:   # "Socio-Economic Rights Project (SERAP)": the acronym is its own mention
        span = span.doc[span.start:paren]
    while len(span) and (span[-1].tag_ == "POS" or span[-1].is_punct or span[-1].text in ("'s", "’s", "and", "&")):
        span = span[:-1]
    titles = cues()["person_titles"]
    while len(span) > 1 and span.end < len(span.doc) and span[-1].lower_ in titles \
            and span.doc[span.end].lower_.rstrip(".") in titles:
        span = span[:-1]   # "[EFJ] General Secretary X": a title begun inside NER's name
    return span


HYPHENS = ("-", "\u2013")


def joined(doc: Doc, i: int) -> bool:
    """Token i is a hyphen inside a word ("Sanda-Leclerc", "Pak-lun"): no space on either side."""
    return 0 < i < len(doc) - 1 and doc[i].text in HYPHENS and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_ and doc[i - 1].is_alpha and doc[i + 1].is_alpha


def particle_joined(doc: Doc, i: int) -> bool:
    """Tokens i..i+2 are "-e-", "-ut-", "-al-" inside one word between two capitalised parts."""
    return i > 0 and i + 3 < len(doc) and doc[i].text in HYPHENS and doc[i + 2].text in HYPHENS \
        and doc[i + 1].is_lower and doc[i + 1].is_alpha and len(doc[i + 1]) <= 3 and doc[i + 3].is_title \
        and doc[i - 1].is_title and not any(doc[k].whitespace_ for k in range(i - 1, i + 3))


def particle_tail(doc: Doc, i: int) -> bool:
    """Tokens i..i+1 are "-i", "-e", "-ul" ending a word before another capitalised word ("Minbar-i Khurasan")."""
    return i > 0 and i + 2 < len(doc) and doc[i].text in HYPHENS and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_ and doc[i + 1].is_lower and doc[i + 1].is_alpha and len(doc[i + 1]) <= 3 \
        and doc[i + 1].whitespace_ == " " and doc[i - 1].is_title and doc[i + 2].is_title


def whole_words(span: Span) -> Span:
    """A name covers whole words: spaCy splits a word at its hyphens, and NER or a capitalised run may
    stop at one ("Mahamadou [Sanda]-Leclerc", "Eugène Ntaganzwa-[Mutabazi]"). A capitalised part joins;
    so does a lower-case one after a person's name ("Leung Ka-fai")."""
    doc, start, end = span.doc, span.start, span.end
    while True:
        if joined(doc, end) and (doc[end + 1].is_title or span.label_ == "PERSON"):
            end += 2
        elif particle_joined(doc, end):   # "[Tehreek]-e-Adl", "[Hizb]-ut-Tahrir"
            end += 4
        else:
            break
    while True:
        if joined(doc, start - 1) and doc[start - 2].is_title:
            start -= 2
        elif start >= 4 and particle_joined(doc, start - 3):
            start -= 4
        elif start >= 3 and particle_tail(doc, start - 2):   # "Minbar-i [Khurasan]"
            start -= 3
        else:
            break
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label_)


def split_coordinated(span: Span, gaz: Gazetteer) -> list[Span]:
    """"Osh and Jalalabad", "Kurfi and Gwadabe": two names the tagger ran together. A name that holds
    'and' itself stays whole when the gazetteer knows it or it reads as one ("Bosnia and Herzegovina",
    "Committee for Peace and Justice", "Peace and Development Party"). A person's name NER ran across a comma
    is as many names ("journalists [A, B] and C")."""
    commas = [t.i for t in span if t.text == ","]
    if commas and not gaz.lookup(span.text) and span.label_ in ("PERSON", "ORG"):
        # NER's "[Nikolai Tsvetan, Mila Yordanka] and Ivan Petrov", "[Current Time, Voice of America]",
        # "[International Partnership for Human Rights, Civil Rights Defenders]" (a part the gazetteer knows),
        # not "the Ministry of Communication, Telecommunications and ..."
        cuts = [span.start, *[i + 1 for i in commas]]
        ends = [*commas, span.end]
        parts = [Span(span.doc, a, b, label=span.label_) for a, b in zip(cuts, ends) if b > a]
        joined_words = span.label_ == "ORG" and any(t.lower_ in ("of", "for", "and", "&")
                                                    for t in span.doc[span.start:commas[0]])
        if all(len(p) > 1 and (p[0].is_title or p[0].lower_ == "the") for p in parts) and (
                not joined_words or any(gaz.lookup(clean(p).text) for p in parts)):
            return [q for p in parts for q in split_coordinated(p, gaz)]
    ands = [t.i for t in span if t.lower_ in ("and", "&")]
    if len(ands) != 1 or gaz.lookup(span.text) or any(t.lower_ in ("of", "for", "the", "on", "in") for t in span):
        return [span]
    k = ands[0]
    left, right = span.doc[span.start:k], span.doc[k + 1:span.end]
    if not len(left) or not len(right) or not left[0].is_title or not right[0].is_title:
        return [span]
    own = next((t.i + 1 for t in left if t.tag_ == "POS"), left.start)   # "Iraq's Communications and ..."
    words = [t for t in span.doc[own:k] if t.lower_ != "the"]
    if cues()["_heads"].get(right[-1].lower_) and (len(words) == 1 or _domain_run(words, gaz)):
        return [span]   # "Peace and Development Party", "Malaysian Communications and Multimedia Commission"
    return [Span(span.doc, left.start, left.end, label=span.label_),
            Span(span.doc, right.start, right.end, label=span.label_)]


def split_at_verbs(ents) -> list[Span]:
    """NER's "[The Ministry of Information ordered Radio Velka]": a lower-case verb ends a name; the words after
    it are a name of their own."""
    out: list[Span] = []
    for e in ents:
        cuts = [t.i for t in e if t.is_lower and t.pos_ in ("VERB", "AUX") and t.i > e.start] \
            if e.label_ in ("ORG", "PERSON", "GPE", "LOC", "FAC", "NORP") else []
        if not cuts:
            out.append(e)
            continue
        bounds = [e.start, *cuts, e.end]
        for a, b in zip(bounds, bounds[1:]):
            a += a in cuts
            if b > a and e.doc[a].is_title:
                out.append(Span(e.doc, a, b, label=e.label_))
    return out


def join_possessive_pairs(ents) -> list[Span]:
    """NER's "[the Prosecutor General's] [Office of the Republic of Belarus]": a name cut right after a possessive,
    before a body's head noun, is one name."""
    out: list[Span] = []
    heads = cues()["_heads"]
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.end == e.start and prev[-1].tag_ == "POS" and e[0].is_title \
                and heads.get(e[0].lower_) in ("Agency", "Organization") and "ORG" in (prev.label_, e.label_):
            out[-1] = Span(e.doc, prev.start, e.end, label="ORG")
        else:
            out.append(e)
    return out


def join_domain_pairs(ents, gaz: Gazetteer) -> list[Span]:
    """One body's name that holds "and", which NER cut in two (entity_cues.yaml domain_words, head_nouns):
    "[Malaysian Communications] and [Multimedia Commission]" (policy-area words after a demonym, "and",
    a name ending in a head noun); "[Agency] for Audio and Audiovisual [Media Services]" (a head noun,
    for/of/on and capitalised words); "[Ministry of Communication, Telecommunications] and [the Digital
    Economy]" (a head noun's of-phrase goes on over a name without a head of its own that no list knows);
    "[Ministry of Digital Communication and] [Postal Services]"; "the Cybercrime and [Intellectual
    Property Bureau]" (capitalised words no tagger or list took, after "the")."""
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and _one_body(prev, e, gaz):
            out[-1] = Span(e.doc, prev.start, e.end, label="ORG" if "ORG" in (prev.label_, e.label_) else e.label_)
        else:
            out.append(_extend_left_and(e, gaz, prev.end if prev is not None else 0))
    return out


def _one_body(prev: Span, e: Span, gaz: Gazetteer) -> bool:
    c = cues()
    doc, heads = e.doc, c["_heads"]
    gap = doc[prev.end:e.start]
    if len(gap) > 6 or "ORG" not in (prev.label_, e.label_) \
            or any("\n" in t.whitespace_ for t in doc[prev.start:e.end - 1]):
        return False
    words = [t for t in prev if t.tag_ != "POS" and t.lower_ != "the"]
    head_first = any(t.lower_ in heads for t in prev[:2]) and any(t.lower_ in ("of", "for", "on") for t in prev)
    if not len(gap) and prev[-1].lower_ in ("and", "&") and len(prev) > 1 and prev[-2].is_title and e[0].is_title:
        return True   # "[Ministry of Digital Communication and] [Postal Services]", "[Counter Terrorism and] [...]"
    if len(gap) == 1 and gap[0].lower_ in ("and", "&"):
        if heads.get(e[-1].lower_) and _domain_run(words, gaz):
            return True   # "[Communications] and [Media Commission]", "[Malaysian Communications] and [...]"
        if heads.get(e[-1].lower_) and len(e) <= 3 \
                and all(t.is_title and (t.lower_ in common_words() or t.lower_ in heads) for t in e):
            return True   # "[Pannon Press] and [Media Foundation]": common words and a head are no name alone
        own_head = e[-1].lower_ in heads and not (e[-1].tag_ == "NNPS" or e[-1].lower_.endswith("s"))
        if head_first and e.label_ == "ORG" and not own_head and not gaz.lookup(e.text) \
                and all(t.is_title or t.lower_ == "the" for t in e):
            return True   # "[Ministry of Communication, Telecommunications] and [the Digital Economy]",
            # "[Ministry of Foreign Affairs] and [International Cooperation]" (its head is its last word)
    return len(gap) > 0 and gap[0].lower_ in ("for", "of", "on") and heads.get(prev[-1].lower_) \
        and all(t.is_title or t.lower_ in ("the", "and", "of", "&", ",") for t in gap[1:]) \
        and (len(gap) == 1 or gap[-1].is_title or (gap[-1].lower_ in ("and", "&") and gap[-2].is_title)) \
        and all(t.is_title or t.lower_ in ("the", "and", "of") for t in e)   # "[Office] for Cyber and [Media Offences]"


def common_words() -> frozenset[str]:
    from extract.features import english_words
    return english_words()


def _domain_run(words, gaz: Gazetteer) -> bool:
    """Policy-area words, the first of them perhaps a demonym: "Communications", "Malaysian Communications"."""
    domain = cues()["domain_words"]
    return bool(words) and all(t.lower_ in domain for t in words[1:]) \
        and (words[0].lower_ in domain or gaz.by_demonym.get(words[0].text) is not None)


def _extend_left_and(e: Span, gaz: Gazetteer, floor: int) -> Span:
    """"the Cybercrime and [Intellectual Property Bureau]": one or two capitalised words no tagger or list
    took, "and", a body's name ending in its head noun, after "the"."""
    doc = e.doc
    if e.label_ != "ORG" or not cues()["_heads"].get(e[-1].lower_) or e.start < 3 \
            or doc[e.start - 1].lower_ not in ("and", "&"):
        return e
    for n in (1, 2):
        left = doc[e.start - 1 - n:e.start - 1]
        if left.start <= floor or gaz.lookup(left.text) \
                or not all(t.is_title and t.is_alpha and not t.ent_type_ for t in left):
            return e
        if doc[left.start - 1].lower_ == "the":
            return Span(doc, left.start, e.end, label=e.label_)
    return e


def extend_of_place(span: Span) -> Span:
    """NER's "[the Supreme Court] of [India]": a body's name cut before "of" + a country or place; also
    "[The Ministry of Information of] [Cuba]", cut after it."""
    doc = span.doc
    heads = cues()["_heads"]
    if span.label_ == "ORG" and len(span) > 2 and span[-1].lower_ == "of" \
            and any(heads.get(t.lower_) for t in span[:3]):
        return Span(doc, span.start, span.end - 1, label=span.label_)   # the State stays a name (_qualify)
    if span.label_ != "ORG" or not heads.get(span[-1].lower_) or span.end + 1 >= len(doc) \
            or doc[span.end].lower_ != "of":
        return span
    j = span.end + 1
    if doc[j].lower_ == "the" and doc[j].ent_iob_ != "B":
        j += 1
    if j >= len(doc) or doc[j].ent_type_ not in ("GPE", "LOC", "NORP") or doc[j].ent_iob_ != "B":
        return span
    k = j + 1
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    return Span(doc, span.start, k, label=span.label_)


def join_foreign_names(ents) -> list[Span]:
    """One foreign name NER cut at its lower-case words: "[Asociación de Periodistas] del [Oriente Boliviano]",
    "[Comité] por la Libre Expresión de [Honduras]". Joined when the words between are such particles and
    untagged capitalised words, at least one a particle; a body's label wins over a place's."""
    foreign = cues()["_foreign"]
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and 0 < e.start - prev.end <= 6:
            doc = e.doc
            gap = doc[prev.end:e.start]
            if any(t.lower_ in foreign for t in gap) and prev[-1].is_title \
                    and all(t.lower_ in foreign or (t.is_title and t.is_alpha and not t.ent_type_) for t in gap) \
                    and not any("\n" in t.whitespace_ for t in doc[prev.start:e.end - 1]):
                labels = {prev.label_, e.label_}
                label = "ORG" if "ORG" in labels else e.label_ if prev.label_ in ("GPE", "LOC", "NORP") else prev.label_
                out[-1] = Span(doc, prev.start, e.end, label=label)
                continue
        out.append(e)
    return out


def join_adjacent_people(ents) -> list[Span]:
    """"[Abd-Rabbu] [Mansour Hadi]", "[Bilawal Bhutto] [Zardari]": NER cut one person's long name in two; two
    names with nothing between them on one line are one name."""
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == e.label_ == "PERSON" and prev.end == e.start \
                and "\n" not in prev[-1].whitespace_ and e[0].is_title:
            out[-1] = Span(e.doc, prev.start, e.end, label="PERSON")
            continue
        out.append(e)
    return out


def join_first_names(ents, gaz: Gazetteer) -> list[Span]:
    """"[Yacouba] [Ladji Bama]": NER took a first name no list knows for a place just before a person's name."""
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and e.label_ == "PERSON" and prev.end == e.start and len(prev) == 1 \
                and prev.label_ in ("GPE", "LOC", "NORP") and prev[0].is_title and prev[0].dep_ == "compound" \
                and prev[0].head.i in range(e.start, e.end) and "\n" not in prev[0].whitespace_ \
                and not gaz.lookup(prev.text) and not gaz.state(prev.text) \
                and prev[0].lower_.rstrip(".") not in cues()["person_titles"]:
            out[-1] = Span(e.doc, prev.start, e.end, label="PERSON")
            continue
        out.append(e)
    return out


def extend_state_and(span: Span, gaz: Gazetteer) -> Span:
    """"[the Prosecutor's Office of Bosnia] and Herzegovina": a name that ends in a State's name NER cut at
    that name's own "and" (Bosnia and Herzegovina, Trinidad and Tobago)."""
    doc, j = span.doc, span.end
    if span.label_ not in ("ORG", "GPE") or j + 1 >= len(doc) or doc[j].lower_ != "and" or not doc[j + 1].is_title:
        return span
    for i in range(max(span.start, j - 3), j):
        for k in (j + 2, j + 3):
            state = gaz.state(doc[i:k].text) if k <= len(doc) else None
            if state is not None and doc[i:k].text.lower() == state.name.lower():
                return Span(doc, span.start, k, label=span.label_)
    return span


def extend_right(span: Span, gaz: Gazetteer) -> Span:
    """NER's "[Republika] Srpska", "[Ordem] e Progresso Já": a place or body name cut before a
    capitalised word NER left untagged, or before a foreign "and" ("e", "y", "et") and more of the name."""
    doc = span.doc
    if span.label_ not in ("GPE", "LOC", "ORG", "NORP", "FAC", "PERSON"):
        return span
    c = cues()
    j = span.end
    linked = span.label_ != "PERSON"   # a person's name goes on only past particles ("Luis de la Fuente")
    while j < len(doc):
        t = doc[j]
        k = j
        while k < len(doc) and k - j < 2 and doc[k].lower_ in c["_foreign"]:
            k += 1
        if k > j and k < len(doc) and doc[k].is_title and not doc[k].ent_type_:   # "pour la Presse Libre"
            j, linked = k, True
            continue
        if linked and j > span.end and t.text in ("-", "–") and not doc[j - 1].whitespace_ and not t.whitespace_ \
                and j + 1 < len(doc) and doc[j + 1].is_title and not doc[j + 1].ent_type_:
            j += 1   # "Specialised [Inter-District Criminal Court]"
            continue
        if linked and t.lower_ == "general" and t.is_title and doc[j - 1].lower_ in c["office_titles"]:
            j += 1   # "the Office of the Attorney [General]": a title word, but here part of the office's name
            continue
        if linked and t.is_title and t.is_alpha and t.pos_ == "PROPN" \
                and (not t.ent_type_ or (t.ent_type_ == "DATE" and span.label_ in ("ORG", "GPE", "LOC")
                                         and c["_heads"].get(t.lower_) == "Outlet")) \
                and "\n" not in doc[j - 1].whitespace_ \
                and t.lower_.rstrip(".") not in c["person_titles"] and not gaz.lookup(t.text) and not t.is_sent_start:
            j += 1
            continue
        break
    while j > span.end and doc[j - 1].lower_ in c["_foreign"]:
        j -= 1
    if span.label_ == "PERSON" and j < len(doc) and doc[j].lower_ in c["patronymic_words"] \
            and "\n" not in doc[j - 1].whitespace_:
        j += 1   # "Makhabat Tazhibek kyzy", "Bolot Temir uulu": the patronymic word is part of the name
    return span if j == span.end else Span(doc, span.start, j, label=span.label_)


NUMBER = re.compile(r"\d{1,3}(?:\.\d)?")   # "24", "98.1": a channel's or station's number


def number_ends_name(doc: Doc, j: int) -> bool:
    """Token j is a number that ends the name before it ("[Canal Andino] 24 said", "[Radio Yaque] 98.1 was
    closed"; NER calls it a date or a cardinal), not a quantity ("Kloop 24 hours"): the word after it must
    end the name (punctuation, a verb, a conjunction, a preposition)."""
    if j >= len(doc) or not NUMBER.fullmatch(doc[j].text) or doc[j - 1].whitespace_ != " ":
        return False
    if j + 1 < len(doc) and doc[j + 1].text in ("%", "per", "percent"):
        return False   # "fined Kanal Marmara 3% of its revenue"
    return j + 1 == len(doc) or doc[j + 1].is_punct or doc[j + 1].pos_ in ("VERB", "AUX", "CCONJ", "ADP", "PART")


def extend_number(span: Span) -> Span:
    """A body's name NER cut before its number. A person's name ends in no number: NER's "[Roj Bakur] 24"
    and "[Rustavi 2]" as persons are bodies."""
    if span.label_ == "PERSON" and len(span) > 1 and NUMBER.fullmatch(span[-1].text):
        return Span(span.doc, span.start, span.end, label="ORG")
    if span.label_ not in ("ORG", "PERSON") or not number_ends_name(span.doc, span.end):
        return span
    return Span(span.doc, span.start, span.end + 1, label="ORG")


def extend_for(span: Span) -> Span:
    """"[the Nordic Fund] for Eastern Media": a body's name "X Fund / Centre / Agency for Y" that NER cut
    before "for"; extended over the capitalised words after it ("of", "the" and one "and" between them)."""
    doc = span.doc
    if span.label_ != "ORG" or span.end + 1 >= len(doc) or doc[span.end].lower_ != "for" \
            or cues()["_heads"].get(span[-1].lower_) not in ("Organization", "Agency", "Group"):
        return span
    j, last, cut = span.end + 1, None, None
    while j < len(doc) and "\n" not in doc[j - 1].whitespace_:
        t = doc[j]
        if t.is_title and t.is_alpha and t.ent_type_ not in ("PERSON", "DATE", "TIME", "CARDINAL", "MONEY"):
            j += 1
            last = j
        elif last == j and t.lower_ in ("of", "the", "and", "&") and not (cut and t.lower_ in ("and", "&")):
            cut = j if t.lower_ in ("and", "&") else cut
            j += 1
        else:
            break
    if cut is not None and last is not None and (last - cut > 3 or cues()["_heads"].get(doc[last - 1].lower_)):
        last = cut   # "... for Minority Media [and Open Society Foundations]": a second body after "and"
    return span if last is None or last <= span.end + 1 else Span(doc, span.start, last, label=span.label_)


def extend_of_and(span: Span, gaz: Gazetteer) -> Span:
    """"[Ministry of Communications] and Mass Media", "[Agency for Media] and Information Space": a body's name
    "X of / for A and B" that NER cut at "and". Extended only over a capitalised run NER left untagged and no
    list knows, so that "the Ministry of Information and Kazakhtelecom" stays two names."""
    doc = span.doc
    if span.label_ != "ORG" or not any(t.lower_ in ("of", "for") for t in span) or span.end + 1 >= len(doc) \
            or doc[span.end].lower_ not in ("and", "&"):
        return span
    j = span.end + 1
    while j < len(doc) and doc[j].is_title and doc[j].is_alpha and "\n" not in doc[j - 1].whitespace_:
        j += 1
    right = doc[span.end + 1:j]
    domain = cues()["domain_words"]
    if not len(right) or len(right) > 3 or gaz.lookup(right.text) \
            or cues()["_heads"].get(right[-1].lower_) in ("Agency", "Organization", "Group", "Platform") \
            or (j < len(doc) and doc[j].pos_ == "PROPN"):
        return span
    if any(t.ent_type_ for t in right) and not all(t.lower_ in domain for t in right):
        return span   # NER's own name after "and": "the Ministry of Information and Kazakhtelecom"
    return Span(doc, span.start, j, label=span.label_)


def another_name(doc: Doc, at: int) -> bool:
    """'the Ministry of Communication [to Facebook]', 'the ban imposed by the Media Council [on Radio Nur]': the
    token at `at` is "to" or "on" and a platform, outlet or person the gazetteer knows, or an outlet's head word
    ("Radio", "TV") and a name, starts after it (not "the OSCE Mission to Serbia", "the Committee on Human Rights")."""
    if doc[at].lower_ not in ("to", "on") or at + 1 >= len(doc):
        return False
    i, heads, gaz = at + 1, cues()["_heads"], default_gazetteer()
    if doc[at].dep_ in ("prep", "dative") and doc[at].head.pos_ == "VERB" and doc[at].head.i < at \
            and not any((k := gaz.lookup(doc[i:i + n].text)) is not None and k.cls in ("State", "Place")
                        for n in range(1, 4) if i + n <= len(doc)):
        return True   # "donated by the foundation X [to Y]": the phrase belongs to the verb before the name (not
        # "expressed by the OSCE Mission to Skopje", where the parser hung "to" on the verb)
    if heads.get(doc[i].lower_) == "Outlet" and i + 1 < len(doc) and doc[i + 1].is_title \
            and not heads.get(doc[i + 1].lower_):   # "Radio Nur", not "[Council on] Television and Radio"
        return True
    return any((k := gaz.lookup(doc[i:i + n].text)) is not None and k.cls in ("Platform", "Outlet", "Person")
               for n in range(1, 5) if i + n <= len(doc))


def cut_before_other_name(span: Span) -> Span:
    """NER's "[the Media Council] on Radio Nur", "[the Ministry of Communication] to Facebook": the name ends
    before "on" or "to" when another name starts after it (see another_name)."""
    for t in span[1:-1]:
        if another_name(span.doc, t.i):
            return Span(span.doc, span.start, t.i, label=span.label_)
    return span


def cut_known_before_region(span: Span, gaz) -> Span:
    """NER's "[CPJ Africa Program] Coordinator X": a known body's name, then a region opening an officer's
    title. The name ends before the region."""
    for k in range(1, min(4, len(span))):
        known = gaz.lookup(span[:k].text)
        if known is None or known.cls in ("Place", "State", "Person"):
            continue
        for j in range(k + 1, min(k + 4, len(span) + 1)):   # "[CPJ] Middle East", "[CPJ] Europe": NER's span
            region = gaz.lookup(span[k:j].text)            # may end with the region
            if region is not None and region.cls == "Place":
                return span[:k]
    return span


def split_state_name(span: Span, gaz) -> list[Span]:
    """A place "[Serbia Aleksandar Vučić]" ("the President of Serbia Aleksandar Vučić", NER's "Serbia" run on
    over the untagged name): a listed State, then a name of two or more capitalised words with no body's head
    noun, a person."""
    if span.label_ != "GPE" or len(span) < 3 or gaz.lookup(span.text) is not None:
        return [span]
    for k in range(1, min(4, len(span) - 1)):
        known = gaz.lookup(span[:k].text)
        if known is not None and known.cls == "State":
            rest = span[k:]
            if all(t.is_title and not cues()["_heads"].get(t.lower_) for t in rest):
                return [Span(span.doc, span.start, span.start + k, label="GPE"),
                        Span(span.doc, rest.start, rest.end, label="PERSON")]
            break
    return [span]


def strip_titles(span: Span) -> Span:
    """A person's name without the titles before it: "Lawyer Ana Petrova" is Ana Petrova."""
    titles = cues()["person_titles"]

    def title(word: str, names_after: int) -> bool:   # "Journalists A and B": a plural title before two names
        return word.rstrip(".") in titles or word.endswith("s") and word[:-1] in titles and names_after > 1 \
            or word in ("-", "in", "chief", "his", "her", "said", "says", "told", "asked")
    while len(span) > 1 and title(span[0].lower_, len(span) - 1):
        span = span[1:]
    return span


@lru_cache(maxsize=None)
def description_words() -> frozenset[str]:
    """Every noun that describes what a name is ("foundation", "daily", "reporter"), of any class."""
    return frozenset(n for words in cues()["description_nouns"].values() for n in words)


def strip_description(span: Span, demonyms: set[str]) -> Span:
    """A body's name without the description NER took in before it: "[Dutch foundation] Free Press Unlimited",
    "[Kenyan broadcaster] Mwangaza TV" (the description, left outside the name, still types it)."""
    nouns = description_words()
    for k in range(1, min(len(span), 5)):   # "[Kandahar daily] Tolo Afghan": the place stays a name of its own
        if span[k - 1].is_lower and span[k - 1].lower_ in nouns and span[k].is_title:
            return span[k:]
        if not (span[k - 1].is_title or span[k - 1].is_lower or span[k - 1].text in demonyms):
            break
    return span


def unit_joint(doc: Doc, k: int) -> bool:
    """Tokens k, k+1 are "of the" after a unit's head word: "the Cybercrime Unit [of the] Public Security
    Directorate" (mentions._split_units makes two names of it, relations.Extractor.unit_of the partOf)."""
    return 0 < k and k + 2 < len(doc) and doc[k].lower_ == "of" and doc[k + 1].lower_ == "the" \
        and doc[k - 1].lower_ in cues()["unit_heads"]


CAMEL = re.compile(r"[a-z]{1,3}[A-Z]")


APOSTROPHE_WORD = re.compile(r"[^\W\d_]+['\u2019][^\W\d_]{2,}")


def name_word(tok) -> bool:
    """A token a capitalised run may hold: letters, a dotted domain, or letters around an apostrophe ("M’hamed",
    "O'Brien")."""
    return tok.is_alpha or "." in tok.text or APOSTROPHE_WORD.fullmatch(tok.text) is not None


def capitalised(word: str) -> bool:
    """A word that can be part of a name: capitalised, or a brand's lower-case prefix ("eSafety", "elPeriódico")."""
    return word[:1].isupper() or CAMEL.match(word) is not None


def junk(span: Span, gaz: Gazetteer, demonyms: set[str]) -> bool:
    c = cues()
    text = span.text.strip()
    if not any(ch.isalpha() for ch in text) or text.lower() in c["_not"] or text in demonyms \
            or (len(span) > 1 and span[-1].lower_ in c["_not"] and span[-1].lower_ not in c["_heads"]
                and span[-1].lower_ not in ("east", "west", "state", "states")):
        return True
    if all(not capitalised(t.text) for t in span if any(ch.isalpha() for ch in t.text)):
        return True
    if span[-1].lower_ in c["job_title_ends"] and span[0].lower_ != "the" and not gaz.lookup(text):
        return True   # "Africa Campaigner", "Programme Coordinator": a job title, no name
    if len(span) > 1 and span[-1].lower_ in c["event_ends"] and not any(t.lower_ in ("of", "for") for t in span):
        return True   # "the Lebanese Civil War": an event, no actor (not "Ministry of War")
    if len(span) > 1 and span[-1].lower_ in c["award_ends"]:
        return True   # "the Maria Moors Cabot Award": an award, no actor
    words = [t for t in span if t.is_alpha]
    if words and all(t.lower_ in c["_heads"] for t in words) and not gaz.lookup(text) and (
            any(t.is_lower for t in words)
            or len(words) == 1 and words[0].is_upper and span.root.dep_ == "compound" and span.root.head.is_lower):
        return True   # "the TV network's facilities", "three TV stations": kind words, no name (not "Council member
        # X", "Dispatch staff": the council, the Dispatch named before)
    if span[-1].text.islower() and c["_heads"].get(span[-1].lower_) != "Platform" and not joined(span.doc, span.end - 2) \
            and span[-1].lower_ not in c["patronymic_words"]:
        return True
    if len(span) == 1 and span[0].tag_ == "NNPS" and not gaz.lookup(text):
        return True    # "Kazakhs", "Kazakhstanis": people of a nation, not a named thing
    if text.lower().startswith("non-") or (span.start > 0 and span.doc[span.start - 1].lower_ == "ethnic"):
        return True
    after = [t.lower_ for t in span.doc[span.end:span.end + 2]]
    if after[:1] in (["language"], ["languages"]) or after[:2] in (["-", "language"], ["-", "speaking"]) \
            or (text.lower() in c["_languages"] and not gaz.lookup(text)):
        return True    # "a Hausa-language station", "broadcasts in Urdu": a language, not a place
    words = [w for w in re.split(r"[\s\-]+", text.lower()) if w]
    if words and all(w.rstrip(".") in c["person_titles"] or w in ("general", "in", "of", "chief", "vice", "deputy")
                     for w in words):
        return True    # a bare title: "Director-General", "Editor-in-Chief"
    if len(span) == 1 and span[0].is_sent_start and span[0].pos_ != "PROPN" and not gaz.lookup(text) \
            and (text.lower() in lower_words(span.doc)
                 or span[0].tag_ in c["sentence_opener_tags"] and span[0].lower_ in base_words(span.doc.vocab)):
        return True    # "Video posted by colleagues shows ...": a common noun the text also writes in lower case;
        # "Furthermore, ...", "Articles or ...", "Gunmen attacked ...": an English word the tagger saw as no name
    doc = span.doc
    if len(span) == 1 and span.end < len(doc) and span[0].is_sent_start and doc[span.end].text == ":" \
            and span[0].lower_ in c["label_words"]:
        return True    # "Source: Dunyo Axboroti news agency website"
    if len(span) == 1 and span.end < len(doc) and c["_heads"].get(span[0].lower_) \
            and doc[span.end].lower_ in c["beat_nouns"]:
        return True    # "Court report - Lima", "Court reporter's summary": a beat, not a body
    return len(span) == 1 and (span[0].is_stop or len(text) < 2)


def lower_words(doc: Doc) -> set[str]:
    """The words a document writes in lower case (computed once per document)."""
    if "lower_words" not in doc.user_data:
        doc.user_data["lower_words"] = {t.text for t in doc if t.is_lower}
    return doc.user_data["lower_words"]


def latent(span: Span) -> bool:
    """A name-like run no cue typed: "Islamic State" split by NER, a bare "IS"."""
    if any(t.ent_type_ == "PERSON" for t in span) or any(t.is_sent_start for t in span[:1]):
        return False
    if len(span) == 1:
        t = span[0].text
        return t.isupper() and t.isalpha() and 2 <= len(t) <= 6 and t not in ("I", "II", "III", "IV", "OK", "TV")
    return all(t.is_title or t.lower_ in cues()["name_connectors"] for t in span)


def surname_shaped(span: Span) -> bool:
    """Two to four capitalised words, the last with a family-name ending ("Ulugbek Sheraliev")."""
    words = [t for t in span if t.text != "-"]
    last = words[-1].lower_ if words else ""
    return 2 <= len(words) <= 4 and all(t.is_title and t.is_alpha for t in words) and len(last) >= 5 \
        and last.endswith(tuple(cues()["surname_endings"])) \
        and not any(cues()["_heads"].get(t.lower_) for t in words)


def quoted(span: Span) -> bool:
    doc = span.doc
    before = doc[max(0, span.start - 2):span.start].text
    after = doc[span.end:span.end + 2].text
    return any(q in before for q in "“\"«'‘") and any(q in after for q in "”\"»'’")


def extend_left(span: Span, gaz: Gazetteer) -> Span:
    """NER's "[TV] Tsiskari", "[Radio] Orbeli" (an outlet's lead word left out, the rest often taken for a
    person) and "[Sugbo] Sentinel's editor ..." (a body's name cut after the sentence's first word, a
    capitalised proper noun NER left untagged), "[Attorney] General's Office" (an office's title word)."""
    doc = span.doc
    if span.start == 0:
        return span
    t, c = doc[span.start - 1], cues()
    if t.tag_ == "POS" and t.text in ("'", "’") and c["_heads"].get(span[0].lower_) and span.start >= 3 \
            and doc[span.start - 2].is_title and (doc[span.start - 2].tag_ in ("NNS", "NNPS")
                                                 or doc[span.start - 2].tag_ == "NNP" and doc[span.start - 2].lower_.endswith("s")) \
            and not doc[span.start - 2].ent_type_:   # "[Velka Editors'] Guild": the members' possessive in a name
        start = span.start - 2
        while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].is_sent_start:
            start -= 1
        if start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].is_stop:
            start -= 1   # the sentence's first word
        return Span(doc, start, span.end, label="ORG")
    if t.ent_type_ or not t.is_alpha:
        return span
    if (t.is_title or t.is_upper) and t.lower_ in c["lead_nouns"]["Outlet"] \
            and span.label_ in ("ORG", "PERSON", "GPE", "LOC", "NORP", "FAC"):
        return Span(doc, t.i, span.end, label="ORG")
    if span.label_ == "ORG" and span[0].lower_ == "general" and t.is_title and t.lower_ in c["office_titles"]:
        return Span(doc, t.i, span.end, label=span.label_)   # "[Attorney] General's Office"
    if span.label_ == "ORG" and t.is_sent_start and t.is_title and t.pos_ == "PROPN" and not t.is_stop \
            and t.lower_.rstrip(".") not in c["person_titles"] and not gaz.lookup(t.text):
        return Span(doc, t.i, span.end, label=span.label_)
    return span


def extend_possessive_name(span: Span) -> Span:
    """NER often stops at a possessive inside a name: "[the Prosecutor General's] Office of Tajikistan"."""
    doc = span.doc
    if not (span[-1].tag_ == "POS" and span.end < len(doc) and doc[span.end].is_title):
        return span
    end = span.end
    while end < len(doc) and (doc[end].is_title or (doc[end].lower_ in ("of", "for") and end + 1 < len(doc)
                                                     and doc[end + 1].is_title)):
        end += 1
    words = [t.lower_ for t in doc[span.end:end] if t.lower_ not in ("of", "for")]
    if any(w in cues()["_heads"] for w in words):
        start = span.start   # "Attorney [General's] Office": the title NER left out
        if span[0].lower_ == "general" and start > 0 and doc[start - 1].is_title and not doc[start - 1].ent_type_:
            start -= 1
        return doc[start:end]
    return span


def split_possessive(span: Span, gaz: Gazetteer) -> tuple[Span | None, Span]:
    """"Kazakhstan's National Security Committee" -> (Kazakhstan, National Security Committee)."""
    for t in span[:-1]:
        if t.tag_ == "POS" or t.text in ("'s", "’s"):
            return span.doc[span.start:t.i], span.doc[t.i + 1:span.end]
    return None, span


def paren_partner(doc: Doc, span: Span) -> Span | None:
    if span.end + 2 < len(doc) and doc[span.end].text == "(":
        close = next((t.i for t in doc[span.end + 1:span.end + 8] if t.text == ")"), None)
        if close:
            return doc[span.end + 1:close]
    return None
