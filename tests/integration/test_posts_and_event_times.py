"""A post no report names, and an event named by its time.

- "Who is Ostland's foreign minister?" over reports that name only the education minister and a
  union's general secretary: no line can say who holds the post; the answer is a refusal, not
  the education minister.
- "What was the damage estimate in June 2024?" of a June report saying "April's flood caused about
  2.9 billion crowns of damage": "April's" names the flood, not the time of the figure, which is
  the report's; asked of April, the first (April) estimate answers.

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
