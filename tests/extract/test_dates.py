"""extract/dates.py: event dates read from a sentence and resolved against the article's date."""
from datetime import date

from extract.dates import article_date, date_relations, find_dates
from extract.records import Document, Relation

THURSDAY = date(2014, 10, 30)


def first(text, anchor=THURSDAY, precision="day"):
    found = [f for f in find_dates(text, anchor, precision) if not f.bounding]
    return (found[0].value, found[0].precision) if found else None


def test_absolute_dates_keep_the_precision_the_text_gives():
    assert first("Kloop was blocked on 28 October 2013.") == ("2013-10-28", "day")
    assert first("The court banned it on Sept. 14, 2011, citing extremism.") == ("2011-09-14", "day")
    assert first("In May 2021, the regulator fined the site.") == ("2021-05", "month")
    assert first("The law passed in 2016.") == ("2016", "year")
    assert first("Published 2019-02-30 and 2019-03-01.") == ("2019-03-01", "day")   # no 30 February


def test_dates_without_a_year_take_the_articles_year_or_the_one_before():
    assert first("The ministry wrote on October 28.") == ("2014-10-28", "day")
    assert first("The ministry wrote on December 28.") == ("2013-12-28", "day")   # not in the article's future
    assert first("In March they met.") == ("2014-03", "month")
    assert first("In November they met.") == ("2013-11", "month")


def test_relative_dates_resolve_against_a_day():
    assert first("On Thursday the FSB raided it.") == ("2014-10-30", "day")
    assert first("On Monday the FSB raided it.") == ("2014-10-27", "day")
    assert first("Police detained him yesterday.") == ("2014-10-29", "day")
    assert first("Three days ago police detained him.") == ("2014-10-27", "day")
    assert first("The ministry last week demanded removal.") == ("2014-10-20", "week")   # Monday of that week
    assert first("Earlier this month it was blocked.") == ("2014-10", "month")
    assert first("Last year it was blocked.") == ("2013", "year")


def test_relative_dates_need_a_day_to_resolve_against():
    assert first("On Thursday the FSB raided it.", None, None) is None
    assert first("On Thursday the FSB raided it.", date(2014, 10, 1), "month") is None
    assert first("The site was blocked on 3 March 2012.", None, None) == ("2012-03-03", "day")


def test_a_date_that_ends_a_period_does_not_date_the_event():
    assert first("The site stays blocked until May 2019.") is None
    assert first("The site has been blocked since May 2019.") == ("2019-05", "month")
    assert first("He may leave.") is None   # the verb is not a month


def test_article_date_from_the_first_line_a_dateline_or_a_header():
    assert article_date(Document("a", "a.txt", "x", date="2015-01-20")) == ("2015-01-20", "day")
    wire = "Headline here\n\nALMATY, Dec 19, 2011 (Caspian Newswire) - Kazakhstan's watchdog restricted access."
    assert article_date(Document("b", "b.txt", wire)) == ("2011-12-19", "day")
    blog = "The rapper who fell out\n\nPosted on the Horn Watch blog by Tom Reilly | September 2013\n\nText."
    assert article_date(Document("c", "c.txt", blog)) == ("2013-09", "month")
    assert article_date(Document("d", "d.txt", "Nothing dated here.\n\nIn May 2019 it began, a long story.")) is None


def test_event_edges_get_a_date_and_say_where_it_comes_from():
    text = "15 April 2016\n\nThe FSB blocked Kloop on Tuesday.\nThe FSB criticized Kloop. Ana is a member of Kloop."
    doc = Document("d", "d.txt", text, date="2016-04-15")
    rels = [Relation("FSB", "blocked", "Kloop", "The FSB blocked Kloop on Tuesday.", 15, 48, "r", 0.9),
            Relation("FSB", "criticized", "Kloop", "The FSB criticized Kloop.", 49, 74, "r", 0.9),
            Relation("Ana", "memberOf", "Kloop", "Ana is a member of Kloop.", 75, 100, "r", 0.9)]
    date_relations(doc, rels)
    assert (rels[0].date, rels[0].date_precision, rels[0].date_source, rels[0].date_text) == \
        ("2016-04-12", "day", "text", "on Tuesday")
    assert (rels[1].date, rels[1].date_source) == ("2016-04-15", "article")
    assert rels[2].date is None   # a standing relation is not an event


def test_an_undated_article_gets_the_file_date_only_when_asked():
    doc = Document("d", "d.txt", "The FSB blocked Kloop on Tuesday.")
    rel = Relation("FSB", "blocked", "Kloop", doc.text, 0, len(doc.text), "r", 0.9)
    date_relations(doc, [rel])
    assert rel.date is None
    date_relations(doc, [rel], fallback="2016-04-15")
    assert (rel.date, rel.date_source) == ("2016-04-12", "file")   # read against the file's day: marked so


def test_a_sentence_without_a_date_takes_a_day_named_earlier_in_its_paragraph():
    text = ("24 August 2019\n\nAccess to Vadi Times was cut on Friday evening. Two portals went offline too. "
            "The network had run ads since June.\nThe ministry criticized the portals.")
    doc = Document("d", "d.txt", text, date="2019-08-24")
    second = text.index("Two portals")
    third = text.index("The network")
    fourth = text.index("The ministry")
    rels = [Relation("M", "blocked", "P", "Two portals went offline too.", second, second + 29, "r", 0.9),
            Relation("M", "supported", "N", "The network had run ads since June.", third, third + 35, "r", 0.9),
            Relation("M", "criticized", "P", "The ministry criticized the portals.", fourth, len(text), "r", 0.9)]
    date_relations(doc, rels)
    assert (rels[0].date, rels[0].date_source, rels[0].date_text) == ("2019-08-23", "context", "on Friday")
    assert (rels[1].date, rels[1].date_source) == ("2019-06", "text")        # its own sentence first
    assert (rels[2].date, rels[2].date_source) == ("2019-08-24", "article")  # another paragraph: not carried over
