from __future__ import annotations

from extract.language import is_english, is_english_text, non_english_tokens


def test_scripts_and_languages():
    assert is_english_text("The regulator blocked the site on Tuesday evening.")
    assert not is_english_text("Регулятор заблокировал сайт во вторник вечером.")
    assert not is_english_text("Le régulateur a bloqué le site mardi soir sans explication.")
    assert is_english_text("Insha'allah.")   # too short to judge: kept


def test_mixed_document_masks_only_the_quote(nlp):
    doc = nlp("The editor wrote:\nМы не будем удалять статью.\nWe will not delete the article, she said.")
    foreign = non_english_tokens(doc)
    words = {doc[i].text for i in foreign}
    assert "удалять" in words and "delete" not in words and "editor" not in words
    sents = list(doc.sents)
    assert is_english(sents[0]) or is_english(doc[0:3])
