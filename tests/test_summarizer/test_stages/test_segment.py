from __future__ import annotations

import pytest

from summarizer.stages.clean import find_paragraphs
from summarizer.stages.segment import MAX_WORDS, split_sentences
from summarizer.types import Sentence


def _split(text: str, doc_id: str = "doc") -> list[Sentence]:
    return list(split_sentences(doc_id, text, find_paragraphs(text).paragraphs).sentences)


def test_every_sentence_is_verbatim_at_its_offsets() -> None:
    text = "Xi met Putin.\n\nThe talks were held\nin the Great Hall of the People. \u201cWe agree,\u201d Xi said.\n"

    sentences = _split(text)

    assert [s.text for s in sentences] == [
        "Xi met Putin.", "The talks were held\nin the Great Hall of the People.", "\u201cWe agree,\u201d Xi said."]
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_abbreviations_decimals_and_quotes_do_not_break_sentences() -> None:
    text = ("The U.S. economy grew 2.5% last year, Dr. Jane Smith of the Federal Reserve said on Tuesday. "
            "\u201cWe are not there yet,\u201d she said. Mr. Biden, speaking in St. Louis at 3 p.m., disagreed. "
            "The vote was 5-4 \u2014 a narrow margin \u2014 and the bill passed.")

    assert [s.text for s in _split(text)] == [
        "The U.S. economy grew 2.5% last year, Dr. Jane Smith of the Federal Reserve said on Tuesday.",
        "\u201cWe are not there yet,\u201d she said.",
        "Mr. Biden, speaking in St. Louis at 3 p.m., disagreed.",
        "The vote was 5-4 \u2014 a narrow margin \u2014 and the bill passed.",
    ]


@pytest.mark.parametrize("dateline", [
    "Hong Kong (CNN) \u2014 ", "BEIJING (Agencies): ", "WASHINGTON (AP) - ", "BEIJING \u2014 ",
    "LAUSANNE, Switzerland (AP) _ ", "BEIJING, January 26 (Xinhua) -- ", "NEW DELHI, December 3 (Xinhua)-- ",
    "ALBANY, N.Y. (AP) -- ", "COLUMBIA, S.C. _ ", "ATLANTA -- ", "HIDA VILLAGE, Japan _ ", "_ ",
])
def test_a_dateline_is_left_outside_the_sentence(dateline: str) -> None:
    body = "Chinese leader Xi Jinping and Russian President Vladimir Putin pledged to deepen their partnership."
    text = dateline + body

    (sentence,) = _split(text)

    assert sentence.text == body and sentence.start == len(dateline)


@pytest.mark.parametrize("text", [
    "NATO and Russia signed the agreement in Paris on Tuesday after long talks.",
    "U.S. officials said the agreement would be signed in Paris on Tuesday.",
    "ABC has agreed to televise the championship through the 2005 season.",
])
def test_a_sentence_opening_with_capitals_but_no_dateline_is_kept_whole(text: str) -> None:
    (sentence,) = _split(text)

    assert sentence.text == text and sentence.start == 0


def test_words_are_counted_after_the_dateline() -> None:
    (sentence,) = _split("BEIJING, August 22 (Xinhua) -- Flooding on the river remains serious, officials said.")

    assert sentence.words == 8


def test_a_headline_is_kept_but_not_a_candidate() -> None:
    text = "Putin arrives in China for a state visit\n\nPutin arrived in Beijing on Thursday for a two-day visit.\n"

    headline, lead = _split(text)

    assert (headline.candidate, headline.reason) == (False, "headline")
    assert lead.candidate and lead.position == 1


def test_inline_advertisement_markers_are_dropped() -> None:
    text = "The leaders signed a joint statement on their partnership. Advertisement\n"

    result = split_sentences("upi", text, find_paragraphs(text).paragraphs)

    assert [s.text for s in result.sentences] == ["The leaders signed a joint statement on their partnership."]
    assert result.boilerplate == 1


def test_a_body_repeated_in_the_same_article_is_kept_once_preferring_the_unwrapped_copy() -> None:
    wrapped = "Xi welcomed Putin to Beijing on Thursday with a\nmilitary band and a gun salute.\n"
    flat = "Xi welcomed Putin to Beijing on Thursday with a military band and a gun salute.\n"
    text = wrapped + "\n" + flat

    result = split_sentences("cnn", text, find_paragraphs(text).paragraphs)

    assert [s.text for s in result.sentences] == [flat.strip()]
    assert result.repeated == 1 and result.sentences[0].position == 0


@pytest.mark.parametrize(("text", "reason"), [
    ("Too short to use.", "fragment"),
    ("Will Xi and Putin sign a new agreement on energy this week?", "question"),
    ("\u201cWe think such alliances are counterproductive and harmful to everyone.\u201d", "quote"),
    ("``We think such alliances are counterproductive and harmful to everyone.''", "quote"),
    ("``I have observed a lot of people driving and using a cell phone.", "quote"),
    ("\u201cThere is a great demand for cashew in the world today.", "quote"),
    ("\"There is a great demand for cashew in the world today.", "quote"),
    (" ".join(["word"] * (MAX_WORDS + 5)) + ".", "too long"),
    ("Eds: UPDATES with four more deaths in Poland and Romania.", "label"),
    ("EDITOR'S NOTE: The department is asking consumers to call it.", "label"),
    ("Representation: No one will know for sure until January whether it worked.", "label"),
])
def test_sentences_that_do_not_stand_alone_are_not_candidates(text: str, reason: str) -> None:
    sentences = _split(text)

    assert [(s.candidate, s.reason) for s in sentences] == [(False, reason)]


@pytest.mark.parametrize("text", [
    "\u201cWe think such alliances are counterproductive and harmful,\u201d Putin said on Thursday.",
    "``It's a miracle,'' crowed Elizabeth Armstrong, general manager of the hotel.",
    "\u201cNuclear talks\u201d resumed on Tuesday in Geneva after a long pause.",
    "``The country was far from recovered,'' he said.",
    "He added: ``When windshield wipers were first introduced, people worried too.''",
    "The Y2K committee: A company should have a committee to spearhead its preparation.",
])
def test_an_attributed_quote_or_one_closed_before_the_sentence_ends_is_a_candidate(text: str) -> None:
    (sentence,) = _split(text)

    assert sentence.candidate


@pytest.mark.parametrize(("opening", "closing"), [("``", "''"), ("\u201c", "\u201d"), ('"', '"')])
def test_a_sentence_inside_a_quotation_begun_before_it_is_not_a_candidate(opening: str, closing: str) -> None:
    text = (f"{opening}We tried hard to reach an agreement with them this week. It has been the fulfillment of my "
            f"ambition. The neutrino is barely a fact.{closing} Nobody else commented on the talks on Friday.")

    sentences = _split(text)

    assert [(s.candidate, s.reason) for s in sentences] == [
        (False, "quote"), (False, "quote"), (False, "quote"), (True, "")]


def test_a_quotation_closed_with_its_speaker_named_stays_a_candidate_and_a_new_paragraph_starts_outside() -> None:
    text = ("``Our talks were long and hard this week. The government has to be open,'' Danforth said on Friday.\n\n"
            "``The lesson is plain to all of us here.\n\n"
            "The report will be published in full next month, officials said.")

    sentences = _split(text)

    assert [(s.text[:12], s.candidate) for s in sentences] == [
        ("``Our talks ", False), ("The governme", True), ("``The lesson", False), ("The report w", True)]


@pytest.mark.parametrize("headline", ["", "Xi rolls out red carpet for Putin in show of unity\n\n"])
def test_a_photo_caption_without_its_credit_opening_the_page_is_not_a_candidate(headline: str) -> None:
    caption = ("Russian President Vladimir Putin and Chinese leader Xi Jinping meet in Beijing's Great Hall of the "
               "People on May 16 during Putin's state visit to China.")
    body = "Chinese leader Xi Jinping welcomed Vladimir Putin to Beijing on Thursday with a military band."

    sentences = [s for s in _split(headline + caption + "\n\n" + body) if s.reason != "headline"]

    assert [(s.candidate, s.reason) for s in sentences] == [(False, "caption"), (True, "")]


_LATER = "The talks ran late into the night in the Great Hall."


@pytest.mark.parametrize("text", [
    # the past tense: the article's own lead
    "President Vladimir Putin of Russia met Chinese leader Xi Jinping in Beijing on Thursday.\n\n" + _LATER,
    # a noun, not a verb
    "Putin arrived in Beijing for a two-day visit on Thursday after a long flight.\n\n" + _LATER,
    # an infinitive, not the present tense
    "The agency on Thursday ordered airlines to inspect two cockpit switches.\n\n" + _LATER,
    # the present tense, but not the page's first paragraph
    _LATER + "\n\nXi and Putin meet again in Moscow on June 3 for more talks.",
    # the first paragraph, but not alone in it
    "Xi and Putin meet in Beijing on May 16 for talks. They signed a joint statement after the talks.\n\n" + _LATER,
])
def test_a_dated_sentence_that_is_not_an_opening_caption_stays_a_candidate(text: str) -> None:
    sentences = _split(text)

    assert len(sentences) == text.count(".")  # every sentence is there (each ends on the only full stop)
    assert all(s.candidate for s in sentences)


@pytest.mark.parametrize("headline", ["", "Pakistan and China pledge closer ties in Islamabad talks\n\n"])
def test_a_place_and_a_colon_opening_the_article_is_its_dateline_and_further_in_a_label(headline: str) -> None:
    text = (headline + "ISLAMABAD: Pakistan's prime minister met the Chinese envoy in the capital on Monday.\n\n"
            "EDITOR'S NOTE: The department is asking readers to call it.\n\n"
            "DELEGATES: 54 Democratic, 25 Republican, winner take all.")

    sentences = [s for s in _split(text) if s.reason != "headline"]

    assert [(s.text[:20], s.candidate) for s in sentences] == [
        ("Pakistan's prime min", True), ("EDITOR'S NOTE: The d", False), ("DELEGATES: 54 Democr", False)]
    assert text[sentences[0].start:sentences[0].end] == sentences[0].text


def test_offsets_count_characters_outside_the_basic_plane() -> None:
    text = "\U0001F600 Emoji first. Putin arrived in Beijing on Thursday for the visit."

    sentences = _split(text)

    assert [s.text for s in sentences] == [
        "\U0001F600 Emoji first.", "Putin arrived in Beijing on Thursday for the visit."]
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_titles_before_names_neither_split_nor_glue_sentences() -> None:
    text = "It rained in Washington on Monday. Gen. Mark Milley left early. Then Dr. Smith came in."

    assert [s.text for s in _split(text)] == [
        "It rained in Washington on Monday.", "Gen. Mark Milley left early.", "Then Dr. Smith came in."]


@pytest.mark.parametrize("text", [
    "Sen. Gordon Smith, R-Ore., will announce that he is sponsoring a bill with Sen. Patrick Leahy, D-Vt., that "
    "would provide competent lawyers for defendants.",
    "Schulz is survived by his children: Meredith Hodges, of Loveland, Colo.; Charles, Jr. (called Monte), of Nevada "
    "City, Calif.; Craig, of Santa Rosa, Calif.; and 18 grandchildren.",
])
def test_a_piece_opening_on_a_comma_or_semicolon_goes_back_to_its_sentence(text: str) -> None:
    (sentence,) = _split(text)

    assert sentence.text == text
    assert sentence.candidate


def test_a_paragraph_opening_on_a_semicolon_is_a_fragment() -> None:
    text = "; and Lisa Brockway, of Ashland, Ore., and their 18 grandchildren."
    (sentence,) = _split(text)

    assert (sentence.candidate, sentence.reason) == (False, "fragment")
