"""Where two reports of one point give different figures: flagged only when the figures are of one fact."""

from __future__ import annotations

import pytest

from summarizer.stages.disagree import differing_figures, disagreements
from summarizer.types import Support


def flagged(a: str, b: str) -> list[tuple[str, str]]:
    return [(a[f.start:f.end], b[g.start:g.end]) for f, g in differing_figures(a, b)]


@pytest.mark.parametrize(("a", "b", "expected"), [
    # the same place of near-identical wording
    ("At least 12 people were killed when the market hall collapsed.",
     "At least 15 people were killed when the market hall collapsed.", [("12", "15")]),
    ("The death toll from the cold has reached 83, after a man froze to death.",
     "The death toll from the cold reached 85 on Saturday, after two men froze to death.", [("83", "85")]),
    ("Support for the plan fell to 56 percent in the poll.", "Support for the plan fell to 52.4 percent in the poll.",
     [("56 percent", "52.4 percent")]),
    ("The company paid $3 million to settle the case.", "The company paid $4.5 million to settle the case.",
     [("$3 million", "$4.5 million")]),
    ("The trial opened on May 16, 1998 in the capital.", "The trial opened on May 18 in the capital.",
     [("May 16, 1998", "May 18")]),
    # attached to the same noun, with the words around agreeing
    ("The storm killed at least 82 people, flattened crops and cut power.",
     "Officials said the storm had killed at least 129 people in the province by Sunday.", [("82", "129")]),
    ("A 43-year-old driver was arrested on Friday.", "Officers said a 44-year-old driver was arrested.",
     [("43-year-old", "44-year-old")]),
    # two different floors of one toll
    ("The floods have killed more than 150 people so far.", "The floods have killed at least 156 people so far.",
     [("150", "156")]),
])
def test_figures_of_one_fact_that_differ_are_flagged(a: str, b: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(a, b) == expected


@pytest.mark.parametrize(("a", "b"), [
    # different facts next to the figure
    ("12 killed in the blast at the market.", "15 injured in the blast at the market."),
    ("12 people were killed in the blast at the market.", "15 people were injured in the blast at the market."),
    ("The blast killed 12 people at the market.", "The blast injured 15 people at the market."),
    # a different scope: a place named by one only, a part of a whole, "there"
    ("The cold wave has killed 32 people in Poland, police said.",
     "The cold wave has killed at least 62 people across Europe, police said."),
    ("Three types of neutrinos are known to exist.", "The first two types of neutrinos were seen long ago."),
    ("An estimated 600,000 people there have been affected by the flooding.",
     "An estimated 950,000 people have been affected by the flooding."),
    # reconciled by a bound, an approximation or rounding
    ("At least 75 cult members were killed in the fire.", "Some 80 cult members were killed in the fire."),
    ("About 300 people were killed in the quake.", "A total of 296 people were killed in the quake."),
    ("The census failed to count 8.4 million people.", "The census failed to count 8 million people."),
    # the same value written two ways, different currencies, vague quantities, measures, identifiers
    ("Fifteen of the 19 new legislators are Inuit.", "15 of the 19 new legislators are Inuit."),
    ("The bank paid $5 million in fines.", "The bank paid 5 million euros in fines."),
    ("A dozen people were killed in the blast.", "12 people were killed in the blast."),
    ("The river rose to 35.92 meters at the dam.", "The river rose to 35.87 meters at the dam."),
    ("Flight 800 crashed off Long Island.", "Flight 111 crashed off Long Island."),
    # a value the other sentence also gives: they agree there, whatever else it holds
    ("In 1997, 20 million out of 30 million people voted for Khatami.",
     "In 1997, 20 million people voted for Khatami."),
])
def test_figures_that_are_not_one_fact_or_agree_are_not_flagged(a: str, b: str) -> None:
    assert flagged(a, b) == []


def test_a_disagreement_lists_the_sentences_value_first_with_offsets_into_each_document() -> None:
    own = Support("ap", 40, 101, "At least 12 people were killed when the market hall collapsed.", 1.0)
    copy = Support("afp", 0, 61, "At least 12 people were killed when the market hall collapsed.", 1.0)
    other = Support("upi", 7, 68, "At least 15 people were killed when the market hall collapsed.", 0.9)
    later = Support("herald", 3, 64, "At least 17 people were killed when the market hall collapsed.", 0.9)

    (found,) = disagreements(own, [copy, other, later])

    assert [(v.document_id, v.start, v.end, v.text) for v in found.values] == [
        ("ap", 49, 51, "12"), ("upi", 16, 18, "15"), ("herald", 12, 14, "17")]


def test_a_sentence_whose_sources_agree_has_no_disagreement() -> None:
    own = Support("ap", 0, 61, "At least 12 people were killed when the market hall collapsed.", 1.0)

    assert disagreements(own, [own, Support("upi", 0, 30, "Nobody was hurt, police said.", 0.8)]) == ()
