"""Definite descriptions and pronouns -> the entity they stand for ("the outlet refused" -> Kloop).

A rule-based resolver, kept deliberately cautious because relations are built
on its output: "the <noun>" (data/entity_cues.yaml: anaphoric_descriptions)
takes the nearest preceding entity of the matching class within a few
sentences; a description that finds only an untyped name ("Kommersant ...
The paper also noted") also teaches that name its class. he/she/his/her take
the nearest Person; it/its the nearest actor that was a clause subject in the
same or the previous sentence.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from extract.language import non_english_tokens
from extract.entity_cues import W_DESC, cues
from extract.generic_bodies import based_only, home_state, names_word
from extract.patterns import name_lists, placed
from extract.qualifiers import cues as qualifier_cues
from extract.records import LocalEntity, Mention

WINDOW_SENTS = 4
GROUP_WINDOW_SENTS = 15
GROUP_AHEAD_SENTS = 5
ACTORS = {"Outlet", "Agency", "Group", "Organization", "State", "Platform"}


def _sent_index(doc: Doc) -> dict[int, int]:
    out = {}
    for n, s in enumerate(doc.sents):
        for t in s:
            out[t.i] = n
    return out


def _home_state(doc: Doc, named: list[Mention], by_id: dict) -> Mention | None:
    """The first mention of the State an article names at least twice as often as any other, if one does."""
    return home_state(doc, [m for m in named if by_id[m.entity].cls == "State"])


def _main_argument(span) -> bool:
    """A name that is (in apposition, compound or coordination to) its clause's subject or object, not inside a
    modifier clause."""
    root = _head_noun(span.root, ("appos", "compound", "conj"))
    return root.dep_ in ("nsubj", "nsubjpass", "dobj") and root.head.dep_ not in ("acl", "relcl", "pcomp", "amod")


METADATA_RULES = ("footer.v1", "byline.v1")


def resolve_references(doc: Doc, mentions: list[Mention], entities: list[LocalEntity]) -> list[Mention]:
    """New description/pronoun mentions; may retype an entity typed only by a weak cue."""
    c = cues()
    table = c["anaphoric_descriptions"]
    by_id = {e.id: e for e in entities}
    taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    foreign = non_english_tokens(doc)
    sent_of = _sent_index(doc)
    # the byline's author and the dateline's publisher are no antecedents: "(Sahel Wire Service) - ... the
    # station's presenter" is another station
    own = tuple(m.text.lower() for m in mentions if m.rule == "footer.v1")   # the publisher, also when it is
    named = sorted((m for m in mentions if m.entity in by_id and m.tok_start >= 0 and m.rule not in METADATA_RULES
                    and not (m.cls == "Outlet" and own and any(p.startswith(m.text.lower()) for p in own))),
                   key=lambda m: m.tok_start)   # named in the text ("told Sahel Wire by telephone")
    out: list[Mention] = []
    home = _home_state(doc, named, by_id)
    referents = {n for k, nouns in table.items() if k != "Person" for n in nouns}
    press = set(c["press_modifiers"])   # "its station manager": an outlet's role
    name_at = {i: m for m in named for i in range(m.tok_start, m.tok_end)}   # names only: fixed during the walk

    def before(i: int, window: int = WINDOW_SENTS):
        for m in reversed(named):
            if m.tok_end <= i and sent_of.get(i, 0) - sent_of.get(m.tok_start, 0) <= window:
                yield m
            elif m.tok_end <= i:
                return

    def link(tok, ante: Mention) -> None:
        out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, by_id[ante.entity].cls, ante.entity,
                           "pronoun", "coref.pronoun.v1", tok.i, tok.i + 1, weight=0.0))
        if tok.dep_ in ("nsubj", "nsubjpass"):   # "It is a small outlet ... its editor": a chain
            named.append(out[-1])
            named.sort(key=lambda m: m.tok_start)

    for tok in doc:
        if tok.i in taken or tok.i in foreign:
            continue
        det = doc[tok.i - 1] if tok.i > 0 else None
        if tok.lower_ == "authorities" and not placed(tok) and not any(
                ch.dep_ in ("amod", "compound", "poss", "prep") or ch.dep_ == "det" and ch.lower_ != "the"
                for ch in tok.children):   # not "Authorities in Tajikistan", whatever the parser hung "in" on
            # "the authorities detained X", bare "Authorities also claimed ...": the State named in the lines
            # before (not only where someone is based), else the State the article is about
            ante = next((m for m in before(tok.i) if by_id[m.entity].cls == "State" and not based_only(doc, m)
                         and sent_of.get(tok.i, 0) - sent_of.get(m.tok_start, 0) <= 2), home)
            first = tok.i - 1 if det is not None and det.lower_ == "the" and det.head.i == tok.i else tok.i
            if ante is not None:
                out.append(Mention(doc[first].idx, tok.idx + len(tok.text), doc[first:tok.i + 1].text, "State",
                                   ante.entity, "description", "coref.authorities.v1", first, tok.i + 1, weight=0.0))
                taken |= set(range(first, tok.i + 1))
            continue
        if tok.lower_ in c["authority_nouns"] and tok.tag_ == "NNS" and (det is None or det.lower_ not in ("the",)) \
                and not placed(tok) and not any(ch.dep_ in ("amod", "compound", "det", "poss") for ch in tok.children):
            # bare "Officials also claimed ..." after "Kazakh officials ...": the same State
            ante = next((m for m in before(tok.i) if m.kind == "demonym" and by_id[m.entity].cls == "State"
                         and sent_of.get(tok.i, 0) - sent_of.get(m.tok_start, 0) <= 2), None)
            if ante is not None:
                out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "State", ante.entity, "description",
                                   "coref.authorities.v1", tok.i, tok.i + 1, weight=0.0))
                taken.add(tok.i)
            continue
        mods = [ch for ch in tok.children if ch.dep_ == "compound" and ch.is_lower and ch.i < tok.i] \
            if tok.lower_ in c["body_members"] else []
        if tok.lower_ in c["body_members"] \
                and not any(ch.dep_ in ("amod", "poss", "prep", "nummod") or (ch.dep_ == "det" and ch.lower_ != "the")
                            or ch.dep_ == "compound" and ch not in mods for ch in tok.children) \
                and ((ante := _body_of(tok, named, by_id, [m.lower_ for m in mods])) is not None or not mods):
            # "the security services summoned X" after the "National Intelligence and Security Service"
            if ante is None and tok.lower_ == "police" and tok.dep_ in ("nsubj", "agent", "pobj") and (
                    tok.dep_ != "pobj" or tok.head.lower_ == "by"):   # "police raided X", "detained by police":
                ante = next((m for m in before(tok.i, 2) if by_id[m.entity].cls == "State"   # no police force named,
                             and not based_only(doc, m)), home)                           # the State's police
            if ante is not None:   # "Prosecutors accuse the three ..." after the prosecutor's office was named
                first = min([tok.i, *(m.i for m in mods)])
                if first > 0 and doc[first - 1].lower_ == "the" and doc[first - 1].head.i == tok.i:
                    first -= 1
                state = by_id[ante.entity].cls == "State"
                out.append(Mention(doc[first].idx, tok.idx + len(tok.text), doc[first:tok.i + 1].text,
                                   by_id[ante.entity].cls, ante.entity, "description",
                                   "coref.police_state.v1" if state else "coref.body.v1", first, tok.i + 1, weight=0.0))
                taken |= set(range(first, tok.i + 1))
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        titled = tok.is_title and tok.pos_ == "PROPN" and (nxt is None or nxt.pos_ != "PROPN" and nxt.lower_ != "of")
        misread = tok.pos_ in ("ADJ", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
            and tok.lower_ in referents and (not tok.is_title or titled)   # "the portal" tagged an adjective,
        # "The Ministry asked ..." in a press release: still a description, not a name
        if (tok.pos_ == "NOUN" and tok.tag_ == "NN" or misread) and det is not None and det.lower_ == "the" and tok.i + 1 < len(doc) \
                and not _names_of(doc, tok.i + 1) and tok.i + 1 not in name_at:   # "the journalist Reem al-Sabah"
            # is the name that follows, not the last journalist named before
            lemma = tok.lemma_.lower()
            classes = [k for k, nouns in table.items() if lemma in nouns or tok.lower_ in nouns]
            if not classes:
                continue
            # "the agency" may be a news agency or a state one: the nearest body of either kind, one whose
            # name has the word first ("the Agency for Digital Content Supervision")
            near = [m for m in before(tok.i) if by_id[m.entity].cls in classes
                    and not (by_id[m.entity].cls == "State" and based_only(doc, m))]   # not "the US-based X"
            ante = next((m for m in near if names_word(by_id[m.entity], lemma)), near[0] if near else None)
            if ante is not None and by_id[ante.entity].cls == "Person":   # "Journalist X ... President Y ... the
                ante = next((m for m in near if _described(doc, m.entity, lemma, named, tok.i)), ante)   # journalist"
            if ante is not None and by_id[ante.entity].cls == "State" and home is not None \
                    and sent_of.get(ante.tok_start) != sent_of.get(tok.i):
                ante = home   # "the government" is the article's own State unless its sentence names another
            cls = by_id[ante.entity].cls if ante is not None else classes[0]
            if lemma in c["description_heads_named"]:   # "the ministry" is a body named as a ministry
                ante = next((m for m in reversed(named) if m.tok_end <= tok.i and by_id[m.entity].cls == cls
                             and names_word(by_id[m.entity], lemma)), None)
            if misread and tok.is_title and cls not in ("State", "Person"):   # "The Service informs ...": a release's
                # own body, the first one named with the word
                ante = next((m for m in named if m.tok_end <= tok.i and by_id[m.entity].cls in classes
                             and names_word(by_id[m.entity], lemma)), None)
                cls = by_id[ante.entity].cls if ante is not None else cls
            people = {e.id for e in entities if e.cls == "Person"}
            if ante is None and cls == "Person" and len(people) == 1:   # "The author is ..." far below the one name
                ante = next((m for m in named if m.entity in people and m.tok_end <= tok.i), None)
            if ante is None and cls == "State":   # "the government" far below the one State the article names
                states = {m.entity: m for m in named if m.tok_end <= tok.i and by_id[m.entity].cls == "State"
                          and not based_only(doc, m)}
                ante = next(iter(states.values())) if len(states) == 1 else None
            if ante is None and cls == "State" and lemma in c["country_nouns"] and not any(
                    by_id[m.entity].cls == "State" for m in named if m.tok_end <= tok.i):
                # "the country" after a place no list knows, in a text that names no known State: the place is
                # one (a text that names States has them in the gazetteer; "Wuhan ... the country" is China)
                ante = next((m for m in before(tok.i) if by_id[m.entity].cls == "Place"
                             and max(by_id[m.entity].weights.values(), default=0) < 2.0), None)
                if ante is not None:
                    ent = by_id[ante.entity]
                    ent.weights["State"] = ent.weights.get("State", 0) + W_DESC
                    if ent.weights["State"] > ent.weights.get(ent.cls, 0):
                        ent.cls = "State"
                        for m in mentions:
                            if m.entity == ent.id:
                                m.cls = "State"
            rule = "coref.description.v1"
            if ante is None and cls not in ("Person", "State"):   # "the site" far below: the article's own outlet
                ante = _salient(named, by_id, tok.i, cls, lemma if lemma in c["description_heads_named"] else "")
                rule = "coref.salient.v1"
            if ante is None and cls not in ("Person", "State"):
                rule = "coref.description.v1"
                ante = next((m for m in before(tok.i) if by_id[m.entity].cls == "Organization"
                             and "Person" not in by_id[m.entity].weights
                             and (lemma not in c["description_heads_named"] or names_word(by_id[m.entity], lemma))
                             and max(by_id[m.entity].weights.values(), default=0) < 2.0), None)
                if ante is not None:   # "Kommersant ... The paper also noted": the name is an outlet
                    ent = by_id[ante.entity]
                    ent.weights[cls] = ent.weights.get(cls, 0) + W_DESC
                    if ent.weights[cls] > ent.weights.get(ent.cls, 0):
                        ent.cls = cls
                        for m in mentions:
                            if m.entity == ent.id:
                                m.cls = cls
            if ante is None:
                continue
            out.append(Mention(det.idx, tok.idx + len(tok.text), doc[det.i:tok.i + 1].text,
                               by_id[ante.entity].cls, ante.entity, "description", rule,
                               det.i, tok.i + 1, weight=0.0))
            named.append(out[-1])   # "The outlet ... said it would not pay": later pronouns may take it
            named.sort(key=lambda m: m.tok_start)
            taken |= {det.i, tok.i}
            continue
        if tok.pos_ == "NOUN" and (det := _indefinite(tok)) is not None and tok.dep_ not in ("attr", "appos") \
                and not any(i in taken for i in range(det.i, tok.i + 1)):
            cls = next((k for k, nouns in table.items() if k != "Person"
                        and (tok.lemma_.lower() in nouns or tok.lower_ in nouns)), None)
            ante = _named_later(doc, tok, cls, named, by_id, name_at) if cls else None
            if ante is not None:   # "a media outlet in neighbouring Kyrgyzstan" ... "Kyrgyzstan's Kloop"
                out.append(Mention(det.idx, tok.idx + len(tok.text), doc[det.i:tok.i + 1].text, cls, ante,
                                   "description", "coref.indefinite.v1", det.i, tok.i + 1, weight=0.0))
                taken |= set(range(det.i, tok.i + 1))
            continue
        n = 2 if tok.lower_ == "both" else COUNTS.get(tok.lower_, 0) if det is not None and det.lower_ == "the" else 0
        if n and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and tok.pos_ in ("NUM", "PRON", "DET", "NOUN"):
            # "accused the three of ...", "charged both": the last list of that many actors
            listed = list(dict.fromkeys(m.entity for m in _last_list(doc, tok, named, by_id, [*ACTORS, "Person"], sent_of)))
            if len(listed) == n:
                first = det.i if det is not None and det.lower_ == "the" and tok.lower_ != "both" else tok.i
                out += _group_mentions(doc, first, tok, listed, by_id)
                taken |= set(range(first, tok.i + 1))
            continue
        kinds = [k for k, nouns in table.items() if tok.lemma_.lower() in nouns]
        if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and kinds and (size := _group_size(tok)):
            # a counted group reaches further back than a pronoun: "the two men" names its size;
            # "the sites", "the four outlets": the last list of such names written before
            listed = _last_list(doc, tok, named, by_id, kinds, sent_of)
            if size == -1 or len(listed) == size:
                people = list(dict.fromkeys(m.entity for m in listed))
                size = len(people) or -1
            else:
                people = list({m.entity: m for m in before(tok.i, GROUP_WINDOW_SENTS)
                               if by_id[m.entity].cls in kinds})[:size]
            first = min([tok.i, *(ch.i for ch in tok.children if ch.dep_ in ("det", "nummod", "predet"))])
            if len(people) != size and size > 1 and not listed and _exact(tok):   # "the four men ... named as A, B"
                people = [m.entity for m in _next_list(doc, tok, named, by_id, kinds, sent_of, size)]
            if len(people) == size:   # "these two men", "both journalists": the last people named
                out += _group_mentions(doc, first, tok, people, by_id)
                taken |= set(range(first, tok.i + 1))
            continue
        if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and kinds and (size := _counted(tok)):
            # "detained six journalists ... These are A, B, C, D, E and F": the list of that many written next
            people = [m.entity for m in _next_list(doc, tok, named, by_id, kinds, sent_of, size)]
            first = min([tok.i, *(ch.i for ch in tok.children if ch.dep_ in ("nummod", "amod"))])
            if any(i in name_at for i in range(first, tok.i)):   # "two other Kano broadcasters": keep Kano
                first = tok.i
            if people:
                out += _group_mentions(doc, first, tok, people, by_id)
                taken |= set(range(first, tok.i + 1))
            continue
        low = tok.lower_
        if tok.pos_ == "PRON" and low in c["pronouns"]["Plural"]:
            for ante in _plural_antecedents(doc, tok, named + out, by_id, sent_of):
                out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, by_id[ante.entity].cls, ante.entity,
                                   "pronoun", "coref.plural.v1", tok.i, tok.i + 1, weight=0.0))
            continue
        # "Dozhd, which said it was threatened by X": the name the relative clause is about, before all else
        ante = _relative_speaker(doc, tok, name_at, by_id) if tok.pos_ == "PRON" and (
            low in c["pronouns"]["Person"] or low in c["pronouns"]["Thing"]) else None
        if ante is not None:
            link(tok, ante)
            continue
        if tok.pos_ == "PRON" and low in c["pronouns"]["Person"]:
            near = [m for m in before(tok.i) if by_id[m.entity].cls == "Person"
                    and sent_of.get(tok.i, 0) - sent_of.get(m.tok_start, 0) <= 1]
            # an argument of its sentence's main verb beats a name buried in a modifier clause
            ante = next((m for m in near if _main_argument(doc[m.tok_start:m.tok_end])), near[0] if near else None)
        elif tok.pos_ == "PRON" and low in c["pronouns"]["Thing"] and (tok.dep_ == "poss" or (
                tok.dep_ in ("nsubj", "nsubjpass", "dobj") and (tok.head.lemma_ != "be" or _reported(tok)))):
            kinds = ACTORS
            if tok.dep_ == "poss" and (tok.head.lower_ in c["_press_words"] or any(   # "its owner", "its station
                    ch.dep_ in ("compound", "amod") and ch.lower_ in press for ch in tok.head.children)):   # manager"
                kinds = ACTORS - {"Agency", "State"}   # are no agency's or State's
            subjects = [m for m in before(tok.i) if by_id[m.entity].cls in kinds
                        and sent_of.get(tok.i, 0) - sent_of.get(m.tok_start, 0) <= 1
                        and _head_noun(_root(doc, m)).dep_ in ("nsubj", "nsubjpass")]
            act = tok.head.head if tok.dep_ == "poss" and tok.head.dep_ == "dobj" else None
            if act is not None and act.lemma_.lower() in c["acts_on_others"]:   # "X said police raided its
                doers = {m.entity for m in subjects if _head_noun(_root(doc, m)).head.i == act.i}   # offices":
                subjects = [m for m in subjects if m.entity not in doers]                        # not the police's
            else:
                doers = set()
            ante, parallel = (subjects[0] if subjects else None), False
            main = next((m for m in subjects if _clause_subject(_head_noun(_root(doc, m)))), None)
            if tok.dep_ != "poss" and _clause_subject(tok) and main is not None \
                    and sent_of.get(main.tok_start) == sent_of.get(ante.tok_start):
                # "The ministry has asked that Facebook remove them. It also asked ...": a main clause's
                # subject pronoun takes the last main clause's subject; names and nouns in its other clauses
                # do not compete
                ante, parallel = main, True
            # an unnamed candidate in between ("... wrote to a media outlet to request that its report ..."),
            # or another actor named in between: too close to call
            if ante is not None and any(t.pos_ == "NOUN" and t.i not in taken
                                        and name_at.get(t.i, ante).entity not in doers
                                        and (t.lemma_.lower() in referents or t.lower_ in press)
                                        and t.dep_ not in ("attr", "appos")   # "X is a small weekly. Its ..."
                                        and not (parallel and not _clause_subject(t))
                                        for t in doc[ante.tok_end:tok.i]):
                ante = None
            if ante is not None and not parallel and any(m.entity != ante.entity and m.cls in ACTORS
                                        and m.entity not in doers
                                        and ante.tok_end <= m.tok_start and m.tok_end <= tok.i
                                        for m in mentions + out if m.entity in by_id or m.kind == "name"):
                ante = None   # (also a name the class model dropped: "a complaint against El Faro and its director")
        else:
            continue
        if ante is not None:
            link(tok, ante)
    at = {i: m for m in named + out if m.entity in by_id for i in range(m.tok_start, m.tok_end)}
    voice = _voice(doc, at, by_id)
    for tok in doc:
        if tok.lower_ in c["pronouns"]["First"] and tok.pos_ == "PRON" and tok.i not in taken and tok.i not in foreign:
            if _quoted(tok):
                ante, rule = _speaker(tok, at), "coref.speaker.v1"
                ante = ante if ante is not None and by_id[ante.entity].cls == "Person" else None
            else:
                ante, rule = (voice, "coref.voice.v1") if tok.lower_ in c["pronouns"]["We"] else (None, "")
            if ante is not None:
                out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, by_id[ante.entity].cls, ante.entity,
                                   "pronoun", rule, tok.i, tok.i + 1, weight=0.0))
    return out


def _salient(named: list[Mention], by_id: dict, i: int, cls: str, head: str) -> Mention | None:
    """The entity of a class an article is about: named first of its class before token i, and by name more
    often than any other (at least twice; with `head`, only names with that word: "the ministry")."""
    counts: dict[str, int] = {}   # in order of first mention
    for m in named:
        if m.tok_end <= i and m.kind == "name" and by_id[m.entity].cls == cls \
                and (not head or names_word(by_id[m.entity], head)):
            counts[m.entity] = counts.get(m.entity, 0) + 1
    first, *others = list(counts) or [None]
    if first is None or counts[first] < 2 or any(counts[e] >= counts[first] for e in others):
        return None
    return next(m for m in reversed(named) if m.entity == first and m.tok_end <= i)


def _voice(doc: Doc, at: dict, by_id: dict) -> Mention | None:
    """Who "we" is outside quotations: the body whose statement the text is. A statement opens with its
    issuer and a verb of statements in the present tense ("The Bilqis Centre for Press Freedom condemns ...");
    the first sentence whose main verb has a named subject decides: a report ("Police detained ...") or a
    live blog ("NetBlocks says ...") has no voice."""
    for sent in doc.sents:
        subj = [t for t in sent.root.children if t.dep_ == "nsubj" and t.i in at]
        ends = [t for t in sent if not t.is_space]
        if not subj or not ends or ends[-1].text not in (".", "!") or sent.start == 0:
            continue   # a headline ("Taliban declare ..."): present tense, but no statement
        m = at[subj[0].i]
        if sent.root.tag_ in ("VBZ", "VBP") and sent.root.lemma_.lower() in cues()["statement_verbs"] \
                and by_id[m.entity].cls in ("Organization", "Outlet", "Agency", "Group"):
            return m
        return None
    return None


QUOTES = "\"“”«»"   # no single quotes: an apostrophe ("it's") would flip the count


def _quoted(tok) -> bool:
    """tok is inside a quotation of its sentence (an odd number of quotation marks before it)."""
    return sum(t.text in QUOTES for t in tok.sent if t.i < tok.i) % 2 == 1


def _speaker(tok, at: dict) -> Mention | None:
    """The one who says a quotation that holds tok: "'We did not remove it,' she said", "X said: 'I ...'".
    The speaker is the subject of a reporting verb of the same sentence outside the quotation."""
    sent = tok.sent
    marks = [t.i for t in sent if t.text in QUOTES]
    opening = [i for i in marks if i < tok.i]
    closing = [i for i in marks if i > tok.i]
    if not closing:   # a quotation that does not close in this sentence
        return None
    inside = range(opening[-1], closing[0] + 1)
    verbs = qualifier_cues()["reporting_verbs"]
    for v in sent:
        if v.i in inside or v.lemma_.lower() not in verbs:
            continue
        for subj in v.children:
            if subj.dep_ == "nsubj" and subj.i not in inside and subj.i in at:
                return at[subj.i]
    return None


def _body_of(tok, named: list[Mention], by_id: dict, mods: list[str] = ()) -> Mention | None:
    """The last Agency named before tok whose name has a word starting with tok's singular
    ("prosecutors" -> "Chief Public Prosecutor's Office", "regulators" -> "... Regulatory Authority";
    not "officers" -> "... Office"), and every modifier word ("security services": "... Security Service")."""
    stem = tok.lemma_.lower()
    for m in reversed(named):
        if m.tok_end > tok.i or by_id[m.entity].cls != "Agency":
            continue
        ent = by_id[m.entity]
        words = {w.lower() for name in {ent.label, *ent.aliases} for w in name.split()}
        if any(w.startswith(stem) for w in words) and all(x in words for x in mods):
            return m
    return None


def _relative_speaker(doc: Doc, tok, name_at: dict, by_id: dict) -> Mention | None:
    """The subject pronoun of a clause reported in a relative clause ("X, which said it was threatened",
    "Y, who says he was beaten") stands for the name right before the relative pronoun."""
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp" or verb.head.dep_ != "relcl":
        return None
    rel = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.lower_ in ("which", "who", "that")), None)
    if rel is None or rel.i < 1:
        return None
    k = rel.i - 1 - (doc[rel.i - 1].text == ",")
    m = name_at.get(k)
    if m is None or m.entity not in by_id or (by_id[m.entity].cls == "Person") != (rel.lower_ == "who"):
        return None
    return m


def _head_noun(tok, through: tuple[str, ...] = ("appos", "compound")):
    """The noun a name stands in apposition or compound to ("the newspaper X": newspaper)."""
    while tok.dep_ in through and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _clause_subject(tok) -> bool:
    """The subject of its sentence's main verb (or of a verb conjoined to it)."""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return tok.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "ROOT"


def _root(doc: Doc, m: Mention):
    """The token of a mention's span whose head lies outside it ("Committee" in "Committee to Protect Journalists")."""
    return next((t for t in doc[m.tok_start:m.tok_end] if not m.tok_start <= t.head.i < m.tok_end or t.head.i == t.i),
                doc[m.tok_end - 1])


def _names_of(doc: Doc, i: int) -> bool:
    """'the ministry of Defence' names a body; 'accused the inspectorate of "doing ..."' does not."""
    if doc[i].lower_ != "of":
        return False
    nxt = next((t for t in doc[i + 1:i + 3] if not t.is_punct and t.lower_ != "the"), None)
    obj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)   # "the office of the weekly X"
    return nxt is None or nxt.is_title or nxt.pos_ == "PROPN" or obj is not None and obj.pos_ == "PROPN"


def _indefinite(tok):
    """The article of an indefinite noun phrase ("a media outlet"), or None."""
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    return det if det is not None and det.lower_ in ("a", "an") else None


def _place_of(tok, at: dict) -> set[str]:
    """Entities a noun phrase is tied to as a place: "in Kyrgyzstan", "Kyrgyzstan's X", "a Kyrgyz X"."""
    out = set()
    for ch in tok.children:
        if ch.dep_ in ("poss", "compound", "amod", "nmod") and ch.i in at:
            out.add(at[ch.i].entity)
        elif ch.dep_ == "prep" and ch.lower_ in ("in", "from", "of"):   # "in (neighbouring) Kyrgyzstan"
            out |= {at[p.i].entity for p in ch.subtree if p.i in at and p.dep_ in ("pobj", "dobj", "conj")}
    return out


def _named_later(doc: Doc, tok, cls: str, named: list[Mention], by_id: dict, at: dict) -> str | None:
    """An indefinite description tied to a place names the one entity of its class tied to that place
    elsewhere in the text; none when no place is given or several entities fit."""
    places = {e for e in _place_of(tok, at) if by_id[e].cls in ("State", "Place")}
    if not places:
        return None
    fits = set()
    for m in named:
        if m.entity not in by_id or by_id[m.entity].cls != cls or m.kind not in ("name", "acronym"):
            continue
        root = doc[m.tok_start:m.tok_end].root
        if _place_of(root, at) & places or root.dep_ == "appos" and _place_of(root.head, at) & places:
            fits.add(m.entity)
    return fits.pop() if len(fits) == 1 else None


def _plural_antecedents(doc: Doc, tok, named: list[Mention], by_id: dict, sent_of: dict) -> list[Mention]:
    """they/their/them: the named entities coordinated as the subject ("X and Y said they ...") of the
    same or the previous sentence, or a collective actor named as a plural ("Turkish authorities ...
    they"); none when a plural noun subject stands in between."""
    head = tok.head
    reported = head.dep_ == "ccomp" and head.head.lemma_.lower() in qualifier_cues()["reporting_verbs"]
    if tok.dep_ in ("nsubj", "nsubjpass") and reported:
        reporters = [m for s in head.head.children if s.dep_ == "nsubj" for m in _mentions_at(s, named)]
        if len({m.entity for m in reporters}) == 1 and by_id[reporters[0].entity].cls in ACTORS - {"Outlet", "Platform"}:
            return reporters[:1]   # "Kosovo Police said they had asked ...": the body that says it
    here = sent_of.get(tok.i, 0)
    lo = tok.i
    while lo > 0 and here - sent_of.get(lo - 1, 0) <= 1:   # this sentence and the one before, no further
        lo -= 1
    subjects = [t for t in doc[lo:tok.i] if t.dep_ in ("nsubj", "nsubjpass")]
    named = [m for m in named if m.tok_end > lo and m.tok_start < tok.i]   # only these can sit on a subject
    for s in reversed(subjects):
        group = [x for x in [s, *s.conjuncts] if x.i <= tok.i]
        # "X and his brother Y": a conjunct may be a description with the name in apposition
        ments = [_mentions_at(x, named) or [m for a in x.children if a.dep_ == "appos"
                                            or a.dep_ == "compound" and a.pos_ == "PROPN"
                                            for m in _mentions_at(a, named)] for x in group]
        found = list({m.entity: m for ms in ments for m in ms}.values())
        if len(found) == 1 and all(ments):   # "A and B had ...": the parser may hang A on B as a modifier
            found = _listed_before(doc, found[0], named, by_id) + found
        classes = {by_id[m.entity].cls for m in found}
        if all(ments) and len(found) > 1 and (classes == {"Person"} or classes <= ACTORS):
            return found   # "X and Y said they", "these two men ... they"
        if len(found) == 1 and classes <= ACTORS - {"Outlet", "Platform"} \
                and doc[found[0].tok_end - 1].tag_ in ("NNS", "NNPS"):
            return found   # "Turkish authorities ... they"
        if s.tag_ in ("NNS", "NNPS") and s.pos_ == "NOUN" and not found:
            return []   # "The children ... they": an unnamed plural stands nearer
    return []


def _listed_before(doc: Doc, m: Mention, pool: list[Mention], by_id: dict) -> list[Mention]:
    """The names of m's class listed right before it in the text ("A, B and C"), first to last."""
    ends = {x.tok_end: x for x in pool}
    out, k = [], m.tok_start
    while k > 0 and doc[k - 1].lower_ in ("and", ",") and (prev := ends.get(k - 1)) is not None \
            and by_id[prev.entity].cls == by_id[m.entity].cls and prev.entity != m.entity:
        out.insert(0, prev)
        k = prev.tok_start
    return out


def _mentions_at(tok, pool: list[Mention]) -> list[Mention]:
    return [m for m in pool if m.tok_start <= tok.i < m.tok_end]


COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _number(word: str) -> int:
    """A list's size written as a word or digits ("four", "12"), 2-20; 0 for anything else."""
    return COUNTS.get(word) or (int(word) if word.isdigit() and 1 < int(word) <= 20 else 0)


def _group_size(tok) -> int:
    """2 for "these two men" / "both men", 4 for "the four sites"; -1 for an uncounted "the sites"; 0 otherwise."""
    kids = {ch.dep_: ch.lower_ for ch in tok.children}
    if kids.get("det") == "both" or kids.get("predet") == "both":
        return 2
    if kids.get("det") in ("the", "these", "those", "all"):
        if "nummod" not in kids and any(ch.dep_ == "relcl" and (kids.get("det") == "all" or any(
                g.dep_ == "neg" for g in ch.children)) for ch in tok.children):
            return 0   # "all platforms that register", "the sites that did not comply": not the list named before
        return _number(kids.get("nummod", "")) or (-1 if "nummod" not in kids else 0)
    return 0


def _described(doc: Doc, ident: str, word: str, named: list[Mention], upto: int) -> bool:
    """Someone written before `upto` with this noun: "Journalist X", "the Honduran journalist X", or an earlier
    "the journalist" that stood for them."""
    for m in named:
        if m.entity != ident or m.tok_end > upto:
            continue
        if m.kind == "description" and doc[m.tok_end - 1].lemma_.lower() == word:
            return True
        if m.kind == "name" and any(t.lemma_.lower() == word for t in doc[max(0, m.tok_start - 2):m.tok_start]):
            return True
    return False


def _counted(tok) -> int:
    """4 for "four journalists", with no determiner ("the four" is _group_size's); 0 otherwise."""
    kids = {ch.dep_: ch.lower_ for ch in tok.children}
    if "det" in kids or "poss" in kids or not _exact(tok):
        return 0
    return _number(kids.get("nummod", ""))


def _exact(tok) -> bool:
    """The count is exact: not "at least four", "more than six", "some 20"."""
    return not any(ch.dep_ == "nummod" and any(g.dep_ in ("quantmod", "advmod", "amod") for g in ch.children)
                   for ch in tok.children)


def _next_list(doc, tok, named: list[Mention], by_id: dict, kinds: list[str], sent_of: dict,
               size: int) -> list[Mention]:
    """The first list of names of these kinds written after tok, within GROUP_AHEAD_SENTS sentences, when it
    names exactly `size` of them; none otherwise."""
    here = sent_of.get(tok.i, 0)
    at = {i: m for m in named if m.kind == "name" and m.tok_start > tok.i
          and sent_of.get(m.tok_start, 0) - here <= GROUP_AHEAD_SENTS for i in range(m.tok_start, m.tok_end)}
    for start, others in sorted(name_lists(doc, at, loose=True).items()):
        group = sorted([at[start], *others], key=lambda m: m.tok_start)
        if all(by_id[m.entity].cls in kinds for m in group):
            return list({m.entity: m for m in group}.values()) if len({m.entity for m in group}) == size else []
    return []


def _group_mentions(doc, first: int, tok, idents: list[str], by_id: dict) -> list[Mention]:
    """One description mention per member over the same words ("the three", "these two men")."""
    return [Mention(doc[first].idx, tok.idx + len(tok.text), doc[first:tok.i + 1].text, by_id[i].cls, i,
                    "description", "coref.group.v1", first, tok.i + 1, weight=0.0) for i in idents]


def _last_list(doc, tok, named: list[Mention], by_id: dict, kinds: list[str], sent_of: dict) -> list[Mention]:
    """The last list of names written before tok ("A, B, C and D") whose names are all of these kinds."""
    at = {i: m for m in named if m.kind == "name" and m.tok_end <= tok.i
          and sent_of.get(tok.i, 0) - sent_of.get(m.tok_start, 0) <= GROUP_WINDOW_SENTS for i in range(m.tok_start, m.tok_end)}
    best: list[Mention] = []
    for start, others in name_lists(doc, at).items():
        group = [at[start], *others]
        if all(by_id[m.entity].cls in kinds for m in group) and (not best or group[0].tok_start > best[0].tok_start):
            best = sorted(group, key=lambda m: m.tok_start)
    return best


def _reported(tok: Token) -> bool:
    """'X said it was deeply concerned': "it" is the subject of what a speaker said, not an expletive
    ("It is a small outlet")."""
    clause = tok.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in qualifier_cues()["reporting_verbs"] \
        and any(d.dep_ == "nsubj" for d in clause.head.children)
