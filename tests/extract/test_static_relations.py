"""Static relations (leads, memberOf, partOf, basedIn, livesIn, locatedIn, wroteFor) in titles, appositions
and place phrases, on sentences written for these tests (invented places, outlets and people).

Mentions are given by hand, so each test checks the construction, not the mention finder:
`rels(text, [(surface, class, entity), ...])`.
"""
from __future__ import annotations

import pytest


def test_a_place_named_with_its_kind_lies_in_the_larger_place(rels):
    assert ("Pastrovo", "locatedIn", "Velgrad") in rels(
        "Volkov moved to Velgrad's Pastrovo district in 2019.",
        [("Volkov", "Person"), ("Velgrad", "Place"), ("Pastrovo", "Place")])
    assert ("Dravnik", "locatedIn", "Korlan") in rels(
        "The rally was held in the town of Dravnik in the Korlan region.",
        [("Dravnik", "Place"), ("Korlan", "Place")])
    assert ("Tesmar", "locatedIn", "Orlandia") in rels(
        "Soldiers searched houses in the Tesmar region of Orlandia.",
        [("Tesmar", "Place"), ("Orlandia", "State")])


def test_a_place_north_of_another_is_not_in_it(rels):
    ents = [("Dravnik", "Place"), ("Korlan", "Place")]
    assert not rels("Reporters were held in Dravnik, north of Korlan, for a week.", ents)
    assert ("Dravnik", "locatedIn", "Korlan") in rels("Reporters were held in Dravnik, a suburb of Korlan, for a week.",
                                                      ents)


def test_a_list_of_districts_is_no_containment(rels):
    found = rels("Connections failed in the districts of Senvar and Ostilla on Monday.",
                 [("Senvar", "Place"), ("Ostilla", "Place")])
    assert not {r for r in found if r[1] == "locatedIn"}


def test_an_unknown_place_before_the_kind_is_not_taken_as_inside(rels):
    # "the Brenic town of Pirva": which holds which is not in the words; no edge rather than a wrong one
    found = rels("Police searched a flat in the Brenic town of Pirva.", [("Brenic", "Place"), ("Pirva", "Place")])
    assert ("Brenic", "locatedIn", "Pirva") not in found


def test_a_place_in_a_state_named_after_it_or_before_its_kind(rels):
    ents = [("Pirva", "Place"), ("Orlandia", "State")]
    assert ("Pirva", "locatedIn", "Orlandia") in rels(
        "Police raided a radio station in Pirva in southern Orlandia on Monday.", ents)
    assert ("Pirva", "locatedIn", "Orlandia") in rels("The reporter was held in the Orlandia town of Pirva.", ents)
    # two places neither of which the gazetteer knows: which holds which is not in the words
    assert not rels("Police raided a radio station in Pirva in Dravnik on Monday.",
                    [("Pirva", "Place"), ("Dravnik", "Place")])
    # "in A and B in C": C holds B, not A (CoNLL04: "Liberec in Czechoslovakia and Gmund in Austria")
    found = rels("It is bounded by Velka, Lesno and Liberk in Czechia and Gmund in Austria.",
                 [("Czechia", "Place"), ("Gmund", "Place"), ("Austria", "State"), ("Velka", "Place")])
    assert ("Czechia", "locatedIn", "Austria") not in found


def test_a_place_after_a_comma_and_a_direction(rels):
    assert ("Grodvik", "locatedIn", "Belarus") in rels(
        "The paper was founded in Grodvik, in western Belarus, in 2011.",
        [("Grodvik", "Place"), ("Belarus", "State")])


def test_an_office_places_its_organisation(rels):
    assert ("Drava Courier", "basedIn", "Lendava") in rels(
        "The Drava Courier offices in the Lendava district were searched on Monday.",
        [("Drava Courier", "Outlet"), ("Lendava", "Place")])
    assert ("Kestrel Weekly", "basedIn", "Velgrad") in rels(
        "Masked men broke into the Velgrad office of the news site Kestrel Weekly.",
        [("Kestrel Weekly", "Outlet"), ("Velgrad", "Place")])
    assert ("Fenwick Radio", "basedIn", "Ostrava") in rels(
        "Officers searched Fenwick Radio's headquarters in Ostrava on Monday.",
        [("Fenwick Radio", "Outlet"), ("Ostrava", "Place")])


def test_a_dateline_town_lies_in_the_place_after_its_comma(rels):
    text = "By Ana Rus\n\nPERVOMAR, Orlandia, June 9 - Gunmen attacked a press club in Pervomar on Thursday."
    assert ("Pervomar", "locatedIn", "Orlandia") in rels(text, [("Pervomar", "Place"), ("Orlandia", "State")])


def test_its_before_a_role_is_the_body_the_sentence_before_is_about(rels):
    ents = [("Radio Velmar", "Outlet"), ("Anna Kovalenko", "Person")]
    assert ("Anna Kovalenko", "leads", "Radio Velmar") in rels(
        "Radio Velmar, one of the most popular stations in the north, was among them. "
        "Months later, its director, Anna Kovalenko, runs a reduced team.", ents)
    assert ("Anna Kovalenko", "memberOf", "Radio Velmar") in rels(
        "Radio Velmar was taken off the air on Friday, and its spokeswoman, Anna Kovalenko, was detained.", ents)


def test_its_is_left_open_when_another_body_comes_between(rels):
    found = rels("Officers of the Tarn Security Service searched the offices of the Kestrel Weekly and copied "
                 "the files of its deputy editor, Ilya Brandt.",
                 [("Tarn Security Service", "Agency"), ("Kestrel Weekly", "Outlet"), ("Ilya Brandt", "Person")])
    assert ("Ilya Brandt", "memberOf", "Tarn Security Service") not in found


def test_a_portfolio_title_names_the_ministry(rels):
    ents = [("Paolo Renzi", "Person"), ("Ministry of Information and Culture", "Agency")]
    assert ("Paolo Renzi", "leads", "Ministry of Information and Culture") in rels(
        "Information Minister Paolo Renzi said the Ministry of Information and Culture would review the licence.", ents)
    assert ("Paolo Renzi", "memberOf", "Ministry of Information and Culture") in rels(
        "Deputy Information Minister Paolo Renzi said the Ministry of Information and Culture would act.", ents)


def test_a_portfolio_title_after_its_states_possessive_names_the_ministry(rels):
    ents = [("Paolo Renzi", "Person"), ("Ministry of Communications", "Agency"), ("Orlandia", "State")]
    found = rels("The Ministry of Communications closed the channel. Orlandia's Communications Minister Paolo Renzi "
                 "called it a mouthpiece.", ents)
    assert ("Paolo Renzi", "leads", "Ministry of Communications") in found


def test_a_portfolio_title_does_not_take_another_portfolio_or_another_states_ministry(rels):
    assert not rels("Interior Minister Paolo Renzi said the Ministry of Information would act.",
                    [("Paolo Renzi", "Person"), ("Ministry of Information", "Agency")])
    found = rels("Ghana's Information Minister Kofi Mensah spoke in Accra. Ghana has not jailed journalists, "
                 "Ghana says. The Eritrean Ministry of Information was also criticised.",
                 [("Kofi Mensah", "Person"), ("Eritrean Ministry of Information", "Agency"), ("Ghana", "State")])
    assert ("Kofi Mensah", "leads", "Eritrean Ministry of Information") not in found


def test_a_body_word_before_a_role_is_the_body_named_before(rels):
    ents = [("Broadcasting Oversight Commission", "Agency"), ("Irina Stoica", "Person"),
            ("Ministry of Transport", "Agency")]
    assert ("Irina Stoica", "memberOf", "Broadcasting Oversight Commission") in rels(
        "The Broadcasting Oversight Commission fined the station on Monday. "
        "Commission member Irina Stoica voted against the decision.", ents)
    assert ("Irina Stoica", "memberOf", "Ministry of Transport") not in rels(
        "The Ministry of Transport said nothing. Commission member Irina Stoica voted against.", ents)


def test_an_occupation_in_a_place_is_where_the_person_lives(rels):
    assert ("Mehmet Arslan", "livesIn", "Ankara") in rels(
        "Mehmet Arslan, a lawyer in Ankara, said the order was unlawful.",
        [("Mehmet Arslan", "Person"), ("Ankara", "Place")])


def test_a_country_named_before_a_role_is_a_beat_not_a_nationality(rels):
    ents = [("Salma Idris", "Person"), ("Yemen", "State"), ("Mashreq Watch", "Organization")]
    found = rels("Salma Idris is the Yemen editor of Mashreq Watch.", ents)
    assert ("Salma Idris", "nationalOf", "Yemen") not in found
    assert ("Salma Idris", "memberOf", "Mashreq Watch") in found


def test_the_head_of_a_part_is_a_member_of_the_body(rels):
    ents = [("Radio Velmar", "Outlet"), ("Ana Petrova", "Person")]
    assert rels("Radio Velmar's news director, Ana Petrova, rejected the accusation.", ents) \
        == {("Ana Petrova", "memberOf", "Radio Velmar")}
    assert ("Ana Petrova", "memberOf", "Radio Velmar") in rels(
        "Ana Petrova, head of investigations at Radio Velmar, said the team stood by the film.", ents)
    for text in ("Radio Velmar's managing director, Ana Petrova, rejected the accusation.",
                 "Radio Velmar's director, Ana Petrova, rejected the accusation."):
        assert rels(text, ents) == {("Ana Petrova", "leads", "Radio Velmar")}


def test_a_state_named_inside_an_agencys_name(rels):
    ents = [("Orlandia Police Force", "Agency"), ("Orlandia", "State")]
    assert ("Orlandia Police Force", "partOf", "Orlandia") in rels(
        "The Orlandia Police Force arrested two reporters in Orlandia.", ents)
    assert not rels("The Orlandia Times reported from Orlandia.", [("Orlandia Times", "Outlet"), ("Orlandia", "State")]) \
        & {("Orlandia Times", "partOf", "Orlandia")}


def test_a_state_named_inside_a_name_is_the_longest_one(rels):
    # "North Orlandia" holds "Orlandia": the body belongs to the longer name only
    ents = [("North Orlandia Media Board", "Agency"), ("North Orlandia", "State"), ("Orlandia", "State")]
    got = rels("The North Orlandia Media Board suspended a weekly. Orlandia and North Orlandia share a border.", ents)
    assert ("North Orlandia Media Board", "partOf", "North Orlandia") in got
    assert ("North Orlandia Media Board", "partOf", "Orlandia") not in got


def test_a_body_placed_under_another_is_part_of_it(rels):
    ents = [("Online Falsehoods Office", "Agency"), ("Ministry of Communications", "Agency")]
    assert ("Online Falsehoods Office", "partOf", "Ministry of Communications") in rels(
        "The Online Falsehoods Office operates under the Ministry of Communications.", ents)
    assert not rels("Journalists were detained under the Ministry of Communications' orders.",
                    [("Ministry of Communications", "Agency")])


def test_its_on_a_title_written_without_commas(rels):
    ents = [("Velmar Weekly", "Outlet"), ("Fikriye Durmaz", "Person")]
    assert ("Fikriye Durmaz", "leads", "Velmar Weekly") in rels(
        "Velmar Weekly was added to the list by mistake, its editor-in-chief Fikriye Durmaz said.", ents)


def test_its_skips_the_subjects_own_modifiers(rels):
    ents = [("Velmar Press Union", "Organization"), ("Kestrel Weekly", "Outlet"), ("Servan Ates", "Person")]
    found = rels("The Velmar Press Union, a group whose members include several Kestrel Weekly contributors, "
                 "accused the office of bias, its spokesman Servan Ates said.", ents)
    assert ("Servan Ates", "memberOf", "Velmar Press Union") in found
    assert ("Servan Ates", "memberOf", "Kestrel Weekly") not in found


def test_every_name_of_a_described_list_is_described(rels):
    ents = [("Kazakhstan", "State"), ("Dala Kuryer", "Outlet"), ("Kezek Info", "Outlet")]
    found = rels("The regulator blocked two Kazakhstan-based news outlets, Dala Kuryer and Kezek Info, on Monday.", ents)
    assert {("Dala Kuryer", "basedIn", "Kazakhstan"), ("Kezek Info", "basedIn", "Kazakhstan")} <= found
    found = rels("Among those affected are the Tarfaya station Radio Noor and the exiled newsroom Kestrel Weekly, "
                 "which works from abroad.", [("Tarfaya", "Place"), ("Radio Noor", "Outlet"), ("Kestrel Weekly", "Outlet")])
    assert ("Kestrel Weekly", "basedIn", "Tarfaya") not in found


def test_a_demonym_inside_a_name_places_the_body_but_a_hyphenated_prefix_does_not(rels):
    found = rels("The Kazakh Press Agency and the Inter-Kazakh Commission on Rights criticised the bill. "
                 "Kazakhstan did not answer.",
                 [("Kazakh Press Agency", "Agency"), ("Inter-Kazakh Commission on Rights", "Agency"),
                  ("Kazakhstan", "State")])
    assert ("Kazakh Press Agency", "partOf", "Kazakhstan") in found
    assert not {r for r in found if r[0].startswith("Inter-")}


def test_a_capital_lies_in_its_own_state_only(rels):
    found = rels("A sentence in Tehran, a cartoonist in Cairo and more. Tehran is the capital of Iran.",
                 [("Tehran", "Place"), ("Cairo", "Place"), ("Iran", "State")])
    assert ("Tehran", "locatedIn", "Cairo") not in found
    assert ("Tehran", "locatedIn", "Iran") in found


def test_a_description_followed_by_its_own_name_places_that_name_only(rels):
    ents = [("Kuzey Haber", "Outlet"), ("Rojin Ajans", "Outlet"), ("Velmar", "Place"), ("Haber Meydan", "Outlet"),
            ("Postasi Yeni", "Outlet")]
    found = rels("The ruling covers Kuzey Haber, the Kurdish-language agency Rojin Ajans, the Velmar-based news site "
                 "Haber Meydan and Postasi Yeni, a regional weekly.", ents)
    assert ("Haber Meydan", "basedIn", "Velmar") in found
    assert {r for r in found if r[1] == "basedIn"} == {("Haber Meydan", "basedIn", "Velmar")}
    ents = [("Diario Torre", "Outlet"), ("Revista Lago", "Outlet"), ("Esteli", "Place"), ("Radio Castro", "Outlet")]
    found = rels("Among those affected are the newspaper Diario Torre, the magazine Revista Lago, the Esteli station "
                 "Radio Castro and others.", ents)
    assert not {r for r in found if r[0] in ("Diario Torre", "Revista Lago")}
    assert ("Kloop", "basedIn", "Bishkek") in rels("Kloop is a Bishkek-based outlet.",
                                                   [("Kloop", "Outlet"), ("Bishkek", "Place")])


def test_a_plural_role_holds_for_every_name_of_its_list(rels):
    # "Kotva.bg reporters A and B": both are members; a singular role is the first name's only
    found = rels("Kotva Daily reporters Nikolai Tsvetan and Mila Yordanka were detained.",
                 [("Kotva Daily", "Outlet"), ("Nikolai Tsvetan", "Person"), ("Mila Yordanka", "Person")])
    assert {("Nikolai Tsvetan", "memberOf", "Kotva Daily"), ("Mila Yordanka", "memberOf", "Kotva Daily")} <= found
    found = rels("Nikolai Tsvetan and Mila Yordanka, reporters at Kotva Daily, were detained on Monday.",
                 [("Kotva Daily", "Outlet"), ("Nikolai Tsvetan", "Person"), ("Mila Yordanka", "Person")])
    assert ("Mila Yordanka", "memberOf", "Kotva Daily") in found
    found = rels("Kotva Daily editor Nikolai Tsvetan and lawyer Mila Yordanka were detained.",
                 [("Kotva Daily", "Outlet"), ("Nikolai Tsvetan", "Person"), ("Mila Yordanka", "Person")])
    assert not {r for r in found if r[0] == "Mila Yordanka"}


def test_people_listed_after_a_plural_role_are_its_holders(rels):
    ents = [("Sahel Tihama", "Outlet"), ("Ali Mahdi", "Person"), ("Khaled Qadhi", "Person"),
            ("its", "Outlet", "Sahel Tihama", "pronoun")]
    found = rels("Police detained two reporters for the weekly Sahel Tihama, Ali Mahdi and Khaled Qadhi.", ents)
    assert {("Ali Mahdi", "memberOf", "Sahel Tihama"), ("Khaled Qadhi", "memberOf", "Sahel Tihama")} <= found
    found = rels("The weekly said two of its reporters, Ali Mahdi and Khaled Qadhi, were detained.", ents)
    assert ("Khaled Qadhi", "memberOf", "Sahel Tihama") in found
    # the speaker after a comma is no member: "reporters for Y, X said"
    found = rels("Police questioned reporters for Sahel Tihama, Ali Mahdi said.", ents)
    assert ("Ali Mahdi", "memberOf", "Sahel Tihama") not in found


def test_where_one_works_from_is_where_one_is_based(rels):
    ents = [("Aigerim Lind", "Person"), ("Almaty", "Place"), ("Kesk Monitor", "Outlet"), ("Accra", "Place")]
    assert ("Aigerim Lind", "livesIn", "Almaty") in rels("Aigerim Lind runs the newsroom from Almaty.", ents)
    assert ("Kesk Monitor", "basedIn", "Accra") in rels(
        "Kesk Monitor is an independent newsletter published from Accra.", ents)
    # travelling from a place says nothing of where one lives
    assert rels("Aigerim Lind travelled from Almaty to Accra.", ents) == set()


def test_where_and_whose_clauses_carry_the_place_and_the_body(rels):
    ents = [("Oren Malik", "Person"), ("Velgrad", "Place"), ("Radio Tessel", "Outlet"), ("Kampor", "Place")]
    assert ("Oren Malik", "livesIn", "Velgrad") in rels(
        "Oren Malik spoke to reporters in Velgrad, where he has lived since February.",
        ents + [("he", "Person", "Oren Malik", "pronoun")])
    assert ("Radio Tessel", "basedIn", "Kampor") in rels("The tests began in Kampor, where Radio Tessel is based.", ents)
    assert ("Oren Malik", "leads", "Radio Tessel") in rels("Radio Tessel, whose director is Oren Malik, was closed.", ents)
    # "where" after a place that is no antecedent of the clause: nothing
    assert not {r for r in rels("Oren Malik asked where Radio Tessel is based.", ents) if r[1] == "basedIn"}


def test_editing_an_outlet_leads_it_but_editing_a_piece_about_it_does_not(rels):
    ents = [("Oren Malik", "Person"), ("Radio Tessel", "Outlet")]
    assert ("Oren Malik", "leads", "Radio Tessel") in rels("Radio Tessel is edited from abroad by Oren Malik.", ents)
    assert ("Oren Malik", "leads", "Radio Tessel") in rels("Oren Malik edits Radio Tessel from abroad.", ents)
    assert rels("Oren Malik edited the report on Radio Tessel.", ents) == set()


def test_a_writers_beat_is_not_the_body_of_that_kind_named_before(rels):
    ents = [("Velgrad District Court", "Agency"), ("Oren Malik", "Person"), ("Tessel Post", "Outlet")]
    got = rels("The Velgrad District Court fined the paper. Oren Malik, who worked as a court reporter for the daily "
               "Tessel Post, said she would appeal.", ents)
    assert ("Oren Malik", "memberOf", "Velgrad District Court") not in got
    assert ("Oren Malik", "memberOf", "Tessel Post") in got


def test_a_contact_line_names_the_role_and_then_the_body(rels):
    ents = [("Mira Holt", "Person"), ("Aran Press Network", "Organization"), ("Ivo Marek", "Person"),
            ("Lena Dorn", "Person")]
    got = rels("Media contact: Mira Holt, communications officer, Aran Press Network.", ents)
    assert ("Mira Holt", "memberOf", "Aran Press Network") in got
    got = rels("The statement was signed by Mira Holt, director, Aran Press Network.", ents)
    assert ("Mira Holt", "leads", "Aran Press Network") in got
    got = rels("Mira Holt, a reporter, Ivo Marek and Lena Dorn were detained.", ents)
    assert not any(p in ("memberOf", "leads") for _, p, _ in got)


@pytest.mark.parametrize("text, edge", [
    ("The Netherlands-based Tulip Fund paid the fees.", ("Tulip Fund", "basedIn", "Netherlands")),
    ("The Amsterdam-based Tulip Fund paid the fees.", ("Tulip Fund", "basedIn", "Amsterdam")),
    # "daily" before the name is tagged an adverb
    ("The Hamburg daily Tessel Post reported the raid.", ("Tessel Post", "basedIn", "Hamburg")),
])
def test_a_place_based_or_named_before_the_description_and_the_name(rels, text, edge):
    ents = [("Tulip Fund", "Organization"), ("Netherlands", "State"), ("Amsterdam", "Place"),
            ("Tessel Post", "Outlet"), ("Hamburg", "Place")]
    assert edge in rels(text, ents)


def test_a_manager_or_director_general_leads_and_a_qualified_manager_is_a_member(rels):
    ents = [("Radio Tessel", "Outlet"), ("Oren Malik", "Person"), ("Media Board", "Agency"), ("Lena Dorn", "Person")]
    got = rels("Radio Tessel's general manager, Oren Malik, said the station would sue.", ents)
    assert ("Oren Malik", "leads", "Radio Tessel") in got and ("Oren Malik", "memberOf", "Radio Tessel") not in got
    got = rels("Media Board Director-General Lena Dorn replied in a letter.", ents)
    assert ("Lena Dorn", "leads", "Media Board") in got
    got = rels("Radio Tessel's operations manager, Oren Malik, was warned.", ents)
    assert ("Oren Malik", "leads", "Radio Tessel") not in got


def test_a_leaders_title_before_the_body_and_the_name_leads_it(rels):
    # the parser makes the name the object of "of" and the body its modifier
    got = rels("Chairman of the Velka Press Council Omar Tadesse resigned.",
               [("Velka Press Council", "Organization"), ("Omar Tadesse", "Person")])
    assert ("Omar Tadesse", "leads", "Velka Press Council") in got
    assert ("Omar Tadesse", "memberOf", "Velka Press Council") not in got


def test_an_editor_in_chief_written_in_words_leads_the_outlet(rels):
    ents = [("Radio Tamu", "Outlet"), ("Kelo Daily", "Outlet"), ("Ana Lusi", "Person"), ("Iryna Velk", "Person"),
            ("Omar Dalil", "Person")]
    got = rels("Radio Tamu's editor in chief, Ana Lusi, said nothing. Kelo Daily's editor in chief Iryna Velk was "
               "handed four years. The deputy editor in chief of Radio Tamu, Omar Dalil, agreed.", ents)
    assert {("Ana Lusi", "leads", "Radio Tamu"), ("Iryna Velk", "leads", "Kelo Daily"),
            ("Omar Dalil", "memberOf", "Radio Tamu")} <= got
    assert ("Omar Dalil", "leads", "Radio Tamu") not in got


def test_a_state_officers_title_with_a_demonym_or_a_possessive_gives_the_nationality(rels):
    ents = [("Daniel Orvega", "Person"), ("Nicaragua", "State"), ("Turkey", "State"), ("Mert Kaya", "Person")]
    got = rels("Nicaraguan President Daniel Orvega spoke on Monday. Turkey's Interior Minister Mert Kaya agreed.",
               ents + [("Nicaraguan", "State", "Nicaragua", "demonym")])
    assert {("Daniel Orvega", "nationalOf", "Nicaragua"), ("Mert Kaya", "nationalOf", "Turkey")} <= got
    # the parser hangs both the possessive and a one-word title on the name: "Turkey's President Mert Kaya"
    got = rels("Turkey's President Mert Kaya agreed on Monday.", ents)
    assert ("Mert Kaya", "nationalOf", "Turkey") in got


def test_a_demonym_describing_an_outlet_or_organisation_is_where_it_is_based(analyse_text):
    # "the Senegalese association X", "X, a leading Iraqi station": based in the State, named or not elsewhere
    # (the rules' reading: the learned models weigh it, as the blind corpus seldom annotates it)
    from extract.learned import CLASSES, EDGES, PAIRS, disabled
    for text, body, state in (("The Senegalese digital-rights association Jonction Nuhmeri condemned the cut.",
                               "Jonction Nuhmeri", "Senegal"),
                              ("Radio Dijla Tamu, a leading Iraqi station, was suspended on Monday.",
                               "Radio Dijla Tamu", "Iraq")):
        with disabled(CLASSES, EDGES, PAIRS):
            r = analyse_text(text)
        label = {e.id: e.label for e in r.entities}
        assert (body, "basedIn", state) in {(label[x.subject], x.prop, label[x.object]) for x in r.relations + r.held}


def test_a_chief_executive_officer_leads_and_the_next_title_in_the_list_is_its_own(rels):
    # the parser hangs both names on the first "officer" and the possessive on it alone
    ents = [("Harbour Post", "Outlet"), ("Ana Lusi", "Person"), ("Ivo Marek", "Person")]
    got = rels("Harbour Post's chief executive officer Ana Lusi and chief operating officer Ivo Marek were arrested.",
               ents)
    assert ("Ana Lusi", "leads", "Harbour Post") in got and ("Ivo Marek", "memberOf", "Harbour Post") in got
    assert ("Ivo Marek", "leads", "Harbour Post") not in got


def test_a_second_title_in_a_pair_shares_the_first_ones_body(rels):
    ents = [("Harbour Post", "Outlet"), ("Zora Daily", "Outlet"), ("Ana Lusi", "Person"), ("Ivo Marek", "Person")]
    assert ("Ivo Marek", "memberOf", "Harbour Post") in rels(
        "Harbour Post editor Ana Lusi and reporter Ivo Marek were questioned.", ents)
    got = rels("Harbour Post editor Ana Lusi and Zora Daily reporter Ivo Marek were questioned.", ents)
    assert ("Ivo Marek", "memberOf", "Zora Daily") in got and ("Ivo Marek", "memberOf", "Harbour Post") not in got


def test_a_general_secretary_leads_the_body_and_a_deputy_one_is_a_member(rels):
    ents = [("Ilya Brod", "Person"), ("Press Union of Korlan", "Organization"), ("PUK", "Organization")]
    assert ("Ilya Brod", "leads", "Press Union of Korlan") in rels(
        "Ilya Brod, general secretary of the Press Union of Korlan, condemned the raid.", ents)
    assert ("Ilya Brod", "leads", "PUK") in rels("PUK Secretary General Ilya Brod said it was unlawful.", ents)
    got = rels("Ilya Brod, deputy general secretary of the Press Union of Korlan, condemned the raid.", ents)
    assert ("Ilya Brod", "memberOf", "Press Union of Korlan") in got
    assert ("Ilya Brod", "leads", "Press Union of Korlan") not in got


def test_a_known_acronym_before_a_region_and_a_title_is_the_body(analyse_text):
    r = analyse_text("CPJ Middle East and North Africa Program Coordinator Mira Sandev said police must free him.")
    label = {e.id: e.label for e in r.entities}
    edges = {(label[x.subject], x.prop, label[x.object]) for x in r.relations}
    assert ("Mira Sandev", "memberOf", "Committee to Protect Journalists") in edges
    assert not any(p == "livesIn" for _, p, _ in edges)


def test_a_world_region_after_a_title_is_a_place_not_a_body(analyse_text):
    r = analyse_text("Amnesty International's Deputy Regional Director for East Africa, Mira Sandev, said the order "
                     "was unlawful.")
    assert {e.label: e.cls for e in r.entities}.get("East Africa") == "Place"


def test_the_head_of_a_named_website_given_after_a_comma_leads_the_outlet(rels):
    ents = [("Vesna Orlic", "Person"), ("Glas Dunava", "Outlet")]
    assert ("Vesna Orlic", "leads", "Glas Dunava") in rels(
        "The editor-in-chief of the Glas Dunava website, Vesna Orlic, said the site would close.", ents)


def test_a_deputy_anywhere_in_a_title_makes_a_member_not_the_head(rels):
    found = rels("The fine was over remarks by VDP Deputy Group Chair Arvo Kessler, who criticised the minister.",
                 [("VDP", "Group"), ("Arvo Kessler", "Person")])
    assert ("Arvo Kessler", "memberOf", "VDP") in found and ("Arvo Kessler", "leads", "VDP") not in found


def test_coordinated_titles_go_to_coordinated_names_in_order(rels):
    found = rels("Ilse Varga and Tomas Rehak, the president and vice-president of the Union of Meridan Journalists, "
                 "were arrested on Monday.",
                 [("Ilse Varga", "Person"), ("Tomas Rehak", "Person"), ("Union of Meridan Journalists", "Organization")])
    assert {r for r in found if r[1] in ("leads", "memberOf")} == {
        ("Ilse Varga", "leads", "Union of Meridan Journalists"),
        ("Tomas Rehak", "memberOf", "Union of Meridan Journalists")}


def test_a_place_before_an_office_is_its_seat_not_where_the_holder_lives(rels):
    found = rels("The channel aired criticism of Velgrad Chief Prosecutor Oren Talbak on Monday.",
                 [("Velgrad", "Place"), ("Oren Talbak", "Person")])
    assert ("Oren Talbak", "livesIn", "Velgrad") not in found


@pytest.mark.parametrize("text, edge", [
    # a title after a body's acronym in brackets; the text's own expansion of a listed acronym wins
    ("The president reinstated National Inspection Agency (NIA) Director-General Musa Danjuma. The NIA said nothing.",
     ("Musa Danjuma", "leads", "National Inspection Agency")),
    # lower-case words of a section between the body and the title ("Without" in a name denies nothing)
    ('"The law is vague," said Reporters Without Borders assistant research director Helene Marchand.',
     ("Helene Marchand", "memberOf", "Reporters Without Borders")),
    # a title in apposition the parser hung on the noun before the name
    ("Radio Vesta broadcast a recording by Sheikh Omar Dheere, the spokesman of the Islamist rebel group Harakat "
     "Nur.", ("Omar Dheere", "memberOf", "Harakat Nur")),
])
def test_a_title_finds_its_body_across_brackets_section_words_and_misattached_appositions(analyse_text, text,
                                                                                            edge):
    r = analyse_text(text)
    label = {e.id: e.label for e in r.entities}
    assert edge in {(label[x.subject], x.prop, label[x.object]) for x in r.relations}
    assert "National Investigation Agency" not in label.values()   # the listed body of that acronym


def test_an_office_named_after_a_title_is_no_persons_name(analyse_text):
    r = analyse_text("The president reinstated the Director-General of the National Inspection Agency (NIA), "
                     "Musa Danjuma.")
    assert {e.label: e.cls for e in r.entities}.get("National Inspection Agency") == "Agency"
