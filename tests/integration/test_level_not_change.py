""""What is the interest rate now?" asks a level: a sentence that gives only a change ("raised its
rate by 0.75 percentage point") does not answer it; "By what percentage …?" is still answered. On a real
index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

MARCH = """---
title: Central bank raises rates again
source: Valley Courier
published: 2024-03-21
---
The Westmark central bank raised its benchmark interest rate by 0.5 percentage point on Wednesday, its second increase this year.

Officials said the benchmark interest rate now stands in a range of 0.75% to 1%.

Mortgage lenders are expected to follow within days.
"""

MAY = """---
title: Central bank lifts rates for a third time
source: Valley Courier
published: 2024-05-02
---
The Westmark central bank raised its benchmark interest rate by 0.75 percentage point on Wednesday, its third increase this year.

Officials said the benchmark interest rate now stands in a range of 1.5% to 1.75%.

Savers welcomed the move, but builders warned of a slowdown.
"""

LEVY = """---
title: Transit levy passes
source: Coastal Gazette
published: 2024-05-08
---
The Westmark transit levy was backed by 52% of voters on Tuesday, the county clerk said.
"""

HARBOUR = """---
title: Harbour dredging to start in autumn
source: Coastal Gazette
published: 2024-05-01
---
Dredging of the harbour channel will start in October and take about six weeks, the port authority said.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("level"),
                    {"rates-march.md": MARCH, "rates-may.md": MAY, "levy.md": LEVY, "harbour.md": HARBOUR}, embedder)


def test_the_rate_now_is_the_level_not_the_change(assistant):
    answer = assistant.ask("What is the Westmark central bank's benchmark interest rate now?", as_of="2024-05-10")
    assert not answer.refused, answer.text
    first = strip_markers(answer.text).split("Earlier report")[0]
    assert "1.5% to 1.75%" in first and "0.75 percentage point" not in first, answer.text


def test_a_change_asked_for_is_still_answered(assistant):
    answer = assistant.ask("By what percentage did the Westmark central bank raise its benchmark rate in May?",
                           as_of="2024-05-10")
    assert not answer.refused, answer.text


def test_a_level_after_a_passive_by_is_a_level(assistant):
    answer = assistant.ask("What percentage of voters backed the Westmark transit levy?", as_of="2024-05-10")
    assert not answer.refused, answer.text
    assert "52%" in strip_markers(answer.text), answer.text
