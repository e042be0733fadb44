"""A post no report names, and an event named by its time.

- "Who is Ostland's foreign minister?" over reports that name only the education minister and a
  union's general secretary: no line can say who holds the post; the answer is a refusal, not
  the education minister.
- "What was the damage estimate in June 2024?" of a June report saying "April's flood caused about
  2.9 billion crowns of damage": "April's" names the flood, not the time of the figure, which is
  the report's; asked of April, the first (April) estimate answers.
- "On what date did the court reject Lund's appeal?" of a Friday report saying the court "on
  Tuesday rejected" it: the answer gives the date, Tuesday 19 November 2024, worked out from the
  report's; not where a line gives the date itself, nor from a day that tells something else ("the
  union said on Monday" of a strike that began in March).

On a real index with the real model."""

from __future__ import annotations

import pytest

from sample_articles import index_of, report


ARTICLES = {
    "teachers.md": report("Teachers reject pay offer", "Ostland Wire", "2024-11-21", """
Ostland's largest teaching union has rejected a 3% pay offer from the government and will ask its members to vote for strike action.

Education Minister Hana Ostrova said the offer was "what the country can responsibly afford".

Marta Kovel, the union's general secretary, said teachers "will not be asked to go backwards again".
""".strip()),
    "first-estimate.md": report("Flood damage put at 1.4 billion crowns in first estimate", "Ostland Wire", "2024-04-22", """
The Vell valley flood caused about 1.4 billion crowns of damage, the insurance industry said on Monday in its first estimate.

More than 600 homes were flooded when the river burst its banks on April 9.
""".strip()),
    "june-estimate.md": report("Government puts flood damage at 2.9 billion crowns", "Ostland Wire", "2024-06-18", """
April's flood in the Vell valley caused about 2.9 billion crowns of damage, more than double the insurance industry's estimate, the government said on Tuesday in its first official assessment.

The figure includes 1.6 billion crowns of damage to housing.
""".strip()),
    "appeal.md": report("Lund loses final appeal", "Ostland Wire", "2024-11-22", """
Former port chief Erik Lund has lost his last chance to overturn his bribery conviction after the Supreme Court on Tuesday rejected his final appeal.

The decision means Lund must serve the sentence set by the Court of Appeal.
""".strip()),
    "strike.md": report("Dock strike enters third week", "Ostland Wire", "2024-03-20", """
The dock strike, which began in early March, has closed three of the port's five terminals, the union said on Monday.

The port authority's board met on 12 March to discuss the dispute.
""".strip()),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return index_of(tmp_path_factory.mktemp("posts-events"), ARTICLES, embedder)


def test_a_post_no_report_names_is_not_answered_by_another_posts_holder(assistant):
    answer = assistant.ask("Who is Ostland's foreign minister?", as_of="2025-01-10")
    assert answer.refused, answer.text
    assert "Ostrova" not in answer.text and "Kovel" not in answer.text
    named = assistant.ask("Who is Ostland's education minister?", as_of="2025-01-10")
    assert not named.refused and "Hana Ostrova" in named.text, named.text


def test_an_event_named_by_its_month_does_not_date_the_figure_of_a_later_report(assistant):
    answer = assistant.ask("What was the government's estimate of the Vell valley flood damage in June 2024?",
                           as_of="2025-01-10")
    assert not answer.refused, answer.text
    assert "2.9 billion" in answer.text and "1.4 billion" not in answer.text
    first = assistant.ask("What was the estimate of the Vell valley flood damage in April 2024?", as_of="2025-01-10")
    assert not first.refused and "1.4 billion" in first.text, first.text


def test_a_day_told_by_its_reports_date_is_given_by_its_own(assistant):
    answer = assistant.ask("On what date did the Supreme Court reject Erik Lund's final appeal?", as_of="2025-01-10")
    assert not answer.refused, answer.text
    assert answer.text.startswith("Tuesday 19 November 2024"), answer.text
    assert "report of 22 November 2024" in answer.text


def test_no_date_is_worked_out_from_a_day_that_tells_something_else(assistant):
    began = assistant.ask("When did the dock strike begin?", as_of="2025-01-10")
    assert not began.refused, began.text
    assert "early March" in began.text and "18 March" not in began.text, began.text
    met = assistant.ask("When did the port authority's board meet about the dock strike?", as_of="2025-01-10")
    assert "12 March" in met.text and "(“" not in met.text, met.text
    # A date given elsewhere in the answer does not stop the asked day from being worked out.
    said = assistant.ask("On what day did the union say the strike had closed three terminals?", as_of="2025-01-10")
    assert said.text.startswith("Monday 18 March 2024"), said.text
