"""A time after "until" that runs past the report ("a contract until 2027") is how long something
lasts, not when the report's news happened: it does not rule the sentence out of the asked year."""

from __future__ import annotations

import datetime as dt

from rag.answering.evidence import check_evidence
from rag.question import constraints_of

AS_OF = dt.date(2024, 12, 1)


def test_a_term_running_past_the_report_is_not_its_time():
    q = constraints_of("How did the coaching of Fenwick Town change in 2024?", AS_OF)
    hired = "Fenwick Town have appointed Jon Abaro as their coach on a deal until 2027, the club said on Thursday."
    assert check_evidence(q, hired, hired, "Fenwick appoint Abaro", dt.date(2024, 4, 18)).satisfied


def test_a_time_until_then_still_rules_out_another_year():
    q = constraints_of("How did the coaching of Fenwick Town change in 2024?", AS_OF)
    old = "Aldo Preiss coached Fenwick Town from 2019 until 2021."  # reported after the end: its own time
    assert not check_evidence(q, old, old, "Fenwick history", dt.date(2022, 1, 10)).satisfied
    hired = "Fenwick Town have appointed Jon Abaro as their coach on a deal until 2027, the club said on Thursday."
    assert not check_evidence(q, hired, hired, "Fenwick appoint Abaro", dt.date(2025, 4, 17)).satisfied


def test_a_question_asking_until_the_term_s_end_is_met_by_the_term():
    q = constraints_of("Who will lead the central bank until 2028?", dt.date(2025, 9, 1))
    lead = "Ann Lee will lead the central bank until 2028, the finance ministry said on Tuesday."
    assert check_evidence(q, lead, lead, "Lee to lead bank", dt.date(2025, 2, 11)).satisfied
