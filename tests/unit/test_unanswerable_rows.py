"""A row per rule that tells an adversarial unanswerable question from the sentence it imitates
(`rag.answering.tables`): opposite words, a denial of what the question takes for granted, a
negation that must concern what is asked, and a subject asked about outside its lifetime."""

from __future__ import annotations

import pytest

from rag.answering.evidence import acted_by_another
from rag.answering.tables.posts import another_titleholder
from rag.answering.tables.statements import (
    IRREGULAR_PAST, OPPOSITES, OUTSIDE_LIFE, asked_directions, denied_terms, goes_the_other_way, other_side_of_year,
    says_the_negation,
)


@pytest.mark.parametrize("question,sentence", [
    ("Which comet had the same ratio of deuterium as Earth's oceans?", "The comet's water had a different ratio of deuterium."),
    ("What is the minimum depth of the lake?", "With a maximum depth of 1,642 metres it is the deepest lake."),
    ("Which is the smallest lake in the world?", "With a depth of 1,642 metres it is the largest lake in the world."),
    ("The metal is about 45 percent heavier than what?", "It is as strong as steel but about 45 percent lighter."),
    ("How many years earlier than planned was the hall opened?", "The hall was opened ten years later than planned."),
    ("Where was the symphony an immediate failure?", "The symphony was an immediate success."),
    ("What did the society publish after accepting his paper?", "The society declined to publish his first paper."),
    ("Which king was satisfied with the line?", "The king, dissatisfied with that line, negotiated directly."),
    # the asked way said only of something else, the other way of what is asked
    ("Why did brass production increase after 1980?",
     "Production declined after 1980, when the price of zinc rose sharply."),
    # a superlative asked is not said by a comparative
    ("What is the smallest tributary of the Oss river?",
     "The river's largest tributary is the Lenn; smaller tributaries include the Fal and the Dee."),
    ("Who was the oldest member of the senate?", "The delegation was led by the youngest member of the senate."),
])
def test_a_sentence_saying_the_opposite_goes_the_other_way(question, sentence):
    assert goes_the_other_way(asked_directions(question), sentence)


@pytest.mark.parametrize("question,sentence", [
    ("What is the largest river flowing into the lake?", "More than 300 rivers flow into it, the largest being the Selenga."),
    ("What is the maximum depth of the lake?", "With a maximum depth of 1,642 metres it is the deepest lake."),
    ("Which animal experiences less daylight?", "Owls experience less daylight than larks and more than bats."),
    ("What is the longest journey by a pumpkin boat?", "He paddled 38 miles on his 60th birthday, no less."),
    ("When was the hall opened?", "The hall was opened ten years later than planned."),
    ("Why did brass production increase after 1980?",
     "Production increased after 1980, when the price of zinc fell."),
    ("Who took over as chief executive after Lee retired?", "Lee announced he would retire as chief executive."),
    ("Why did the dean step down?", "Professor Lee is leaving to become director of the archive."),
    # An opposite word said of something else than what the question qualifies.
    ("Who was detained the same day as the Dunmere mayor?",
     "Ilse Varga was detained on Tuesday as well, though prosecutors said she faces different charges."),
    ("What was the highest price paid for a Tolbek painting?",
     "The painting sold for 4.2 million euros at auction; the lowest estimate had been 1 million."),
    ("What was the lowest temperature in Dunmere on Saturday?",
     "The temperature in Dunmere fell to minus 18C on Saturday, with heavier snow in the hills."),
    ("What did the Vantar rocket carry on its successful launch?",
     "The Vantar rocket carried two weather satellites into orbit on Friday, after an earlier attempt failed in March."),
    ("What did the Velmar planning board approve on Monday?",
     "The Velmar planning board gave the go-ahead on Monday for a 30-storey tower, and turned down a request to "
     "demolish the old market."),
    ("Which group was pleased with the airport noise verdict?",
     "Residents' group Quiet Skies welcomed the court's verdict on Friday, saying residents had been unhappy with "
     "the noise for years."),
    # a start named as the time the question runs from is no way asked
    ("How has the household power price cap moved since it started?",
     "The cap will rise to 0.40 crowns from 1 April, ending a run of three cuts in a row."),
])
def test_a_sentence_saying_the_same_way_does_not(question, sentence):
    assert not goes_the_other_way(asked_directions(question), sentence)


def test_every_opposite_pair_is_asked_one_side_at_a_time():
    for one, other in OPPOSITES:
        for example in one.matches:
            assert not other.search(example) or one.search(example), (one.name, example)


@pytest.mark.parametrize("question,sentence,denied", [
    ("What did the harpoons hold on to after they fired?", "Its harpoons failed to fire and it bounced.", ["fire"]),
    ("Where did the line fall after its position was settled?", "The position of the line was never settled.", ["settl"]),
    ("Which folk song does the symphony quote?", "The work quotes no actual folk song.", ["folk", "song"]),
    ("Which epilogue did the London edition include?", "It appeared in London without its epilogue.", ["epilogu"]),
    ("What did the guide list after it was given away?", "The guide was sold rather than given away from 1920.",
     ["given"]),
])
def test_a_sentence_denying_what_the_question_takes_for_granted(question, sentence, denied):
    assert denied_terms(question, sentence) == denied


@pytest.mark.parametrize("question,sentence", [
    ("How many people were injured?", "No one was injured in the blast."),  # "no one" is the answer
    # A verb's negation denies the act, not its object; "rather than" one instance, not the kind.
    ("Which car did Orlan unveil in Velmar?", "Orlan unveiled the Vexa, an electric SUV, but did not price the car."),
    ("Which song did Tessa Lind perform at the final?", "Tessa Lind performed the ballad Glass Rivers rather than her hit song Stay."),
    ("When was the bridge opened?", "The bridge was not opened in 1999 but opened in 2000."),  # also said outright
    ("Who did not fall ill after the trial?", "Phipps did not fall ill."),  # asks the denial itself
    ("Who won the title?", "The club won not only the title but the cup."),
    # "no" opening a clause denies what its subject did, not the subject the question asks about
    ("How has the course record changed?", "Conditions helped, but no course records fell."),
    # a slogan, not a denial
    ("Activists glued themselves to which painting to protest new oil projects?",
     'They glued themselves to the frame and spray-painted "No New Oil" next to it.'),
    # the question asks about a denial itself
    ("A million people were without power due to which hurricane?", "A million people are without power after Fiona."),
    # what the question tells, not what it asks or its condition, may be denied
    ("Ukrainians this week celebrated the day marking their split from the Union in which year?",
     "The holiday marks the 1991 declaration, though many won't be celebrating much."),
    # "not … until" says when it will happen
    ("When is the berth expected to open?", "The cost has risen, and the berth will not open until the middle of 2025."),
    ("When will the line reopen?", "The line won't reopen till May, the operator said."),
])
def test_a_sentence_that_does_not_deny_what_is_asked(question, sentence):
    assert denied_terms(question, sentence) == []


@pytest.mark.parametrize("question,sentence,says", [
    ("Which town did not sign the treaty?", "Every town except Dunmere signed the treaty.", True),
    ("Who did not fall ill after the trial?", "Some weeks later Phipps did not fall ill.", True),
    ("Which countries have not signed?", "Greece has yet to sign.", True),
    ("Which government did the architect not dispute with?",
     "He resigned and left the country, never to return to see the building.", False),  # a negation of something else
    ("Which port did not join the league?", "The league brought together three ports.", False),
    # a denial worded otherwise, of what is asked about
    ("Which Dunmere Rovers player did not travel to Velmar?",
     "Striker Arno Tesk did not make the trip to Velmar because of injury.", True),
    ("Which Velmar Rovers player has never scored for the club?", "Defender Leo Mast has never found the net for the club.", True),
])
def test_a_negated_question_needs_a_negation_of_what_is_asked(question, sentence, says):
    assert says_the_negation(question, sentence) is says


def test_a_subject_asked_about_outside_its_lifetime():
    for question in OUTSIDE_LIFE.matches:
        assert OUTSIDE_LIFE.search(question), question
    for question in OUTSIDE_LIFE.misses:
        assert not OUTSIDE_LIFE.search(question), question


@pytest.mark.parametrize("names,question,sentence,other", [
    (["Peter Hall"], "When did Peter Hall resign?", "After disputes over payments, Utzon resigned in 1966.", "Utzon"),
    (["David Phillips"], "What did David Phillips observe in a drop of mucus?",
     "It was described in 1922 by Alexander Fleming, who observed that a drop of mucus dissolved bacteria.",
     "Alexander Fleming"),
    # a name may begin with any capital letter
    (["Peter Hall"], "When did Peter Hall resign?", "After disputes over payments, Ørsted Lund resigned in 1966.",
     "Ørsted Lund"),
])
def test_a_sentence_where_another_name_does_what_is_asked(names, question, sentence, other):
    assert acted_by_another(names, question, sentence).endswith(f"says {other} did")


@pytest.mark.parametrize("names,question,sentence", [
    (["Utzon"], "When did Utzon resign?", "After disputes over payments, Utzon resigned in 1966."),  # named
    (["Biden"], "What did Biden say about the strike?", "Press Secretary Karine Jean-Pierre said it would hurt."),
    # the name acts in the condition, not in what is asked
    (["Fleming"], "Whose team determined the structure before Fleming described the enzyme?",
     "In 1965 a team led by David Phillips at the Royal Institution in London determined its structure."),
    (["Peter Hall"], "When did Peter Hall resign?", "Utzon's spirituals were loved."),  # no verb of the question
    # the name is no subject of the question: the one doing it is the answer
    (["Ivy League"], "Which Ivy League school announced it will eliminate loans?",
     "Dartmouth College announced Tuesday it was eliminating loans."),
    (["Calder Cup"], "Who scored the winning goal in the Calder Cup final?", "Callum Reyes scored the winning goal."),
    (["Harbour Bridge"], "How many cables were replaced on the Harbour Bridge?", "Engineers replaced all 64 cables."),
    (["Harbour Bridge"], "When was the Harbour Bridge repaired?", "Engineers repaired all 64 cables."),  # a common noun
    # someone in a role acts for the one asked about
    (["Tarvo Holdings"], "When did Tarvo Holdings close the night shift?", "Chief executive Mira Oksen closed the night shift in March."),
    (["Ardan FC"], "When did Ardan FC fire Tomas Eld?", "Owner Lars Brenner fired Tomas Eld on Sunday night."),
    (["Tarvo Holdings"], "When did Tarvo Holdings confirm the job cuts?", "Spokeswoman Mira Oksen confirmed the cuts on Tuesday."),
    (["Velmar"], "When did Velmar police arrest the suspect?", "Officers from the Serious Crime Unit arrested a man on Friday."),
])
def test_a_sentence_where_no_other_name_does_it(names, question, sentence):
    assert acted_by_another(names, question, sentence) == ""


@pytest.mark.parametrize("question,sentence,other", [
    ("Where did the race finish before 1975?", "Since 1975 it has finished on the avenue.", True),
    ("Who ran the club after 2010?", "Until 2010 the club was run by its founder.", True),
    ("Where has the race finished since 1975?", "Since 1975 it has finished on the avenue.", False),
    ("Where did the race finish before 1975?", "Before 1975 it finished at the velodrome; since 1975 on the avenue.", False),
    ("Where did the race finish before 1975?", "Since 1980 it has finished on the avenue.", False),  # another year
    ("How many people lived in Velmar before 2000?",  # it names a year on the asked side too
     "The population grew from 40,000 in 1990 to 95,000 by 2020, most of the growth coming after 2000.", False),
])
def test_a_sentence_about_the_other_side_of_the_asked_year(question, sentence, other):
    assert other_side_of_year(question, sentence) is other


@pytest.mark.parametrize("question,sentence,another", [
    ("Which 12-time national champion is set to retire after the autumn games?",
     "Her older sister, a three-time national champion, won the title a year later.", True),
    ("Which twelve-time national champion is set to retire?", "The 3-time national champion retired in 2015.", True),
    ("Which 12-time national champion is set to retire after the autumn games?",
     "The 12-time national champion said the autumn games would be her last.", False),
    ("Which 12-time national champion is set to retire?",  # both holders: the asked one is there
     "The 12-time national champion beat the three-time national champion in the final.", False),
    ("Which 12-time national champion is set to retire?", "Her coach, a three-time marathon winner, wept.", False),
    ("Which national champion is set to retire?", "The three-time national champion will retire.", False),
])
def test_a_sentence_about_another_holder_of_the_counted_title(question, sentence, another):
    assert another_titleholder(question, sentence) is another


def test_only_the_sentence_that_asks_says_what_is_taken_for_granted():
    question = ("Storms knocked out power after the river flooded. Which town did the floods reach "
                "after the dam burst?")
    assert denied_terms(question, "The river never flooded the valley; the dam burst on Monday.") == []
    assert denied_terms(question, "The dam never burst.") == ["burst"]


@pytest.mark.parametrize("names,question,article,other", [
    # the asked act, said only of another: in apposition after a role, with an adverb between
    (["Nadia Orlov"], "When did Nadia Orlov serve as acting mayor?",
     "Mayor Nadia Orlov took office in 2015. Her deputy at the time, Ken Ablett, also served as acting mayor in 2017.",
     "Ken Ablett"),
    # in a relative clause, progressive
    (["Pia Lund"], "Where was Pia Lund filming the flood?",
     "Two people died, among them the photographer Tom Berg, who was filming the flood from a bridge, and Pia Lund, a farmer.",
     "Tom Berg"),
    # a single name opening its sentence, written so elsewhere too
    (["Ida Kerr"], "Which firm did Ida Kerr found?",
     "The board named Ida Kerr as interim chief. Varga, who founded the firm in 2009, stays on as chairman. Mr Varga is 61.",
     "Varga"),
    # an irregular past
    (["Osei"], "To whom did Osei sell the shipyard?",
     "The shipyard was nationalised under Osei. In 1990 the minister's rival Abu Tanko sold it to a Dutch group.",
     "Abu Tanko"),
    # a passive's agent
    (["Lena Fisk"], "When did Lena Fisk design the bridge?",
     "Lena Fisk chaired the committee. The bridge was designed by the engineer Oskar Brandt and opened in 1931.",
     "Oskar Brandt"),
    # a role of another name's ("the Velmar governor") does not act for the one asked about
    (["Arno Pell"], "When did Arno Pell close the port?",
     "Arno Pell built the port in 1902. In 1950 the Velmar governor Jon Ruud closed the port.", "Jon Ruud"),
    # asked by role: the one who did it has another role
    ([], "Why did the bank's chief executive resign?",
     "The bank's chief executive, Ana Sol, will leave in June. Its finance director, Rui Mota, resigned last week.",
     "Rui Mota"),
])
def test_an_article_saying_the_asked_act_only_of_others(names, question, article, other):
    assert acted_by_another(names, question, "Unrelated words.", article=article).endswith(f"says {other} did")


@pytest.mark.parametrize("names,question,article", [
    # the subject does it too: by name, in a pair, after "and by"
    (["Nadia Orlov"], "When did Nadia Orlov serve as acting mayor?",
     "Ken Ablett served as acting mayor in 2017. Nadia Orlov served as acting mayor in 2019."),
    (["Orlov"], "With whom did Orlov write the report?", "Orlov and her colleague Ken Ablett wrote the report in 2019."),
    (["Velmar"], "When did Velmar ratify the pact?", "The pact was ratified by Dunmere on 2 July and by Velmar on 5 May."),
    # a doer it cannot tell may be the subject: a pronoun, a common noun, a list
    (["Ida Kerr"], "Which firm did Ida Kerr found?", "Ida Kerr studied in Oslo. She founded the firm in 2009."),
    (["Ida Kerr"], "Which firm did Ida Kerr found?", "Engineers founded the firm in 2009 with Kerr's help."),
    (["Ida Kerr"], "Which firm did Ida Kerr found?", "Tom Berg, Ida Kerr and Varga founded the firm in 2009."),
    # the subject is what the act was done to
    (["Tarvo Motors"], "When was Tarvo Motors founded?", "Tarvo Motors was founded by Ana Sol in 2009."),
    # someone in a role acts for an organisation asked about; a speech verb is anyone's who speaks for it
    (["Tarvo Holdings"], "When did Tarvo Holdings close the plant?", "Chief executive Mira Oksen closed the plant in March."),
    (["Velmar"], "How does Velmar describe the strikes?", "Officials in Dunmere, Ana Sol among them, described them as lawful."),
    # asked by role: said of the one in that role, or of one given no role
    ([], "Why did the bank's chief executive resign?",
     "The bank's chief executive, Ana Sol, will leave in June. Sol resigned after a dispute."),
    ([], "Why did the bank's chief executive resign?", "Ana Sol resigned last week."),
])
def test_an_article_that_may_say_the_asked_act_of_the_subject(names, question, article):
    assert acted_by_another(names, question, "Unrelated words.", article=article) == ""


@pytest.mark.parametrize("base,forms", sorted(IRREGULAR_PAST.items()))
def test_each_irregular_past_is_found_as_the_asked_act(base, forms):
    for past in forms:
        article = f"Ken Ablett {past} it in 2017."
        assert acted_by_another(["Nadia Orlov"], f"When did Nadia Orlov {base} it?", "Unrelated words.",
                                article=article).endswith("says Ken Ablett did"), past


@pytest.mark.parametrize("names,question,article", [
    # the asked word stands only in another name's apposition, "of" phrase, or a pairing of two others
    (["Lia Berg"], "How old was Lia Berg when the dam broke?",
     "Two died: the engineer Lia Berg, who was inspecting the spillway, and Harry Rask, a 71-year-old farmer."),
    (["Lia Berg"], "Which university did Lia Berg teach at?",
     "The method was found by Ada Kern of the University of Oslo and the chemist Lia Berg."),
    (["Lia Berg"], "Whom did Lia Berg face in the opening final on grass?",
     "The new court was first used for an opening final between Ada Kern and Mia Holt. Lia Berg won in 2019."),
    (["Berg"], "Which medal did Berg win in the relay?",
     "Berg won the sprint in 2019. She is coached by Ada Kern, a former relay bronze medallist."),
])
def test_an_article_giving_the_asked_detail_only_of_others(names, question, article):
    assert " the article says it of " in acted_by_another(names, question, "Unrelated words.", article=article)


@pytest.mark.parametrize("names,question,article", [
    # the subject has it too, or whose it is cannot be told
    (["Lia Berg"], "Which university did Lia Berg teach at?",
     "Ada Kern of the University of Oslo met Lia Berg, who taught at a university in Bergen."),
    (["Berg"], "Which medal did Berg win in the relay?", "Berg won a relay medal in 2019, as did Ada Kern."),
    # the asked act, not a detail: the one it was done to ("When was Tarvo founded?")
    (["Tarvo Motors"], "When was Tarvo Motors founded?", "Ana Sol, who founded Tarvo Motors in 2009, left in 2020."),
    # a possessive is no owner of what a view is about
    (["Meridian Post"], "What did the Meridian Post's columnist argue about the toll?",
     "Velmar's new road toll of 3 dollars is overdue, the column argues."),
    # a number of the subject's own name is no detail asked, and an opening adverb no name
    (["Berth 7"], "What does the Berth 7 refurbishment cost?",
     "The Berth 9 expansion is late. Separately, the authority said the refurbishment of Berth 7 will cost 80 million."),
    (["Pier 4"], "What will the Pier 4 refurbishment cost?",
     "Meanwhile, the refurbishment of Pier 4 will cost 30 million, the port said."),
])
def test_an_article_that_may_give_the_asked_detail(names, question, article):
    assert acted_by_another(names, question, "Unrelated words.", article=article) == ""
