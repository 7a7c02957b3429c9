from __future__ import annotations

from extract.metadata import layout, read_metadata
from extract.records import Document


def test_date_headline_byline_footer():
    text = ("3 March 2021\n\nRegulator Blocks Two Independent Sites\n\nBy Aida Nurlanova and Tom Reed\n\n"
            "The regulator blocked two sites. Both said they would appeal.\n\n"
            "This article first appeared on Steppe Monitor")
    d = read_metadata(Document("x", "x.txt", text))
    assert d.date == "2021-03-03"
    assert d.headline == "Regulator Blocks Two Independent Sites"
    assert d.author == "Aida Nurlanova"
    assert d.publisher == "Steppe Monitor"
    lay = layout(d)
    assert text[slice(*lay.author)] == "Aida Nurlanova"


def test_prose_first_line_is_not_a_headline():
    text = "The regulator blocked two sites on Monday, officials said, and more may follow.\nSecond line."
    d = read_metadata(Document("x", "x.txt", text))
    assert d.headline is None and d.author is None and d.publisher is None


def test_wire_dateline_names_the_publisher_and_credits_are_skipped():
    text = ("BISHKEK (Kabar Wire) - The regulator blocked two sites on Monday.\n"
            "Photo: Steppe Images/Handout\nThe sites said they would appeal.")
    d = read_metadata(Document("x", "x.txt", text))
    assert d.publisher == "Kabar Wire"
    lay = layout(d)
    credit = text.index("Photo:")
    assert any(s <= credit < e for s, e in lay.skipped())


def test_a_credit_line_with_by_is_skipped_and_a_sentence_with_by_is_not():
    text = ("The regulator blocked two sites on Monday.\nIllustrations by Joan Pérez-Whitcombe\n"
            "Photos by the ministry were shown.\nThe sites said they would appeal.")
    lay = layout(read_metadata(Document("x", "x.txt", text)))
    credit, prose = text.index("Illustrations by"), text.index("Photos by the")
    assert any(s <= credit < e for s, e in lay.skipped())
    assert not any(s <= prose < e for s, e in lay.skipped())


def test_title_case_question_headline_and_other_credit_forms():
    text = ("Is Kyrgyzstan Next In Line For A Media Crackdown?\n\nWritten by Bakyt Osmonov\n\n"
            "The regulator blocked two sites. Both said they would appeal.\n\n"
            "This article was originally published by Steppe Monitor.")
    d = read_metadata(Document("x", "x.txt", text))
    assert d.headline == "Is Kyrgyzstan Next In Line For A Media Crackdown?"
    assert d.author == "Bakyt Osmonov"
    assert d.publisher == "Steppe Monitor"


def test_wire_dateline_with_a_day_and_no_year_names_the_publisher():
    text = ("Ministry blocks three sites\n\nBy Lena Varga\n\n"
            "OSIJEK, March 3 (Drava Wire) - The ministry blocked three sites on Monday.\n")
    assert read_metadata(Document("x", "x.txt", text)).publisher == "Drava Wire"
    text = "NOVI GRAD, Jan. 12 (Sava) - The ministry blocked three sites on Monday.\n"
    assert read_metadata(Document("x", "x.txt", text)).publisher == "Sava"
    # a bracketed aside in a line of prose is no dateline
    text = "On March 3 (a Monday) - so the ministry said - three sites were blocked.\n"
    assert read_metadata(Document("x", "x.txt", text)).publisher is None
