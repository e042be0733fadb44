"""The offline support judge, on hand-labelled (claim, passage) pairs from the seed article."""

import pytest

from rag.citations import SupportJudge, numbers_and_dates

P_CASUALTIES = (
    "Pakistani officials stated that the strikes targeted militant infrastructure and security installations "
    "allegedly linked to anti-Pakistan armed groups. They claimed dozens of fighters were killed and several "
    "facilities destroyed. Afghan authorities, however, disputed those figures and asserted that civilian "
    "casualties had occurred."
)
P_TRIGGER = (
    "The immediate trigger for the strikes appears to have been a series of deadly exchanges along the disputed "
    "frontier, particularly near the historically contentious Durand Line. Pakistani officials say Afghan-based "
    "militants and border forces launched coordinated attacks on their positions, prompting what they describe "
    "as a proportionate military response."
)
P_TTP = (
    "Chief among these groups is Tehrik-e-Taliban Pakistan (TTP), which has carried out numerous attacks inside "
    "Pakistan in recent years. The resurgence of militant violence since the Taliban’s return to power in 2021 "
    "has significantly strained bilateral relations."
)
P_UN = "The United Nations has urged both sides to exercise maximum restraint and prioritize the protection of civilians."

# (claim, passages, supported?) — labelled by hand.
PAIRS = [
    ("They claimed dozens of fighters were killed and several facilities destroyed.", [P_CASUALTIES], True),
    ("Pakistani officials said dozens of fighters were killed in the strikes.", [P_CASUALTIES], True),
    ("Afghan authorities disputed Pakistan's figures and said civilians were among the casualties.", [P_CASUALTIES], True),
    ("The strikes were triggered by deadly exchanges near the Durand Line.", [P_TRIGGER], True),
    ("Pakistan describes its military response as proportionate.", [P_TRIGGER], True),
    ("The TTP has carried out numerous attacks inside Pakistan.", [P_TTP], True),
    ("Militant violence has resurged since the Taliban returned to power in 2021.", [P_TTP], True),
    ("The UN urged both sides to exercise maximum restraint.", [P_UN], True),
    ("The TTP has carried out numerous attacks inside Pakistan since 2019.", [P_TTP], False),
    ("Pakistani officials said 43 fighters were killed.", [P_CASUALTIES], False),
    ("The strikes took place on 12 March.", [P_TRIGGER], False),
    ("The New England Patriots won the Super Bowl.", [P_TRIGGER, P_UN], False),
    ("The United Nations sent peacekeepers to the Durand Line.", [P_UN], False),
    ("China condemned the strikes and recalled its ambassador.", [P_CASUALTIES, P_UN], False),
    ("Residents fled Kabul by the thousands as the airport closed.", [P_TRIGGER], False),
    ("The immediate trigger was a dispute over water rights on the Kabul River.", [P_TRIGGER], False),
]


@pytest.fixture(scope="module")
def judge(embedder):
    return SupportJudge(embedder)


def test_judge_on_hand_labelled_pairs(judge):
    verdicts = [(claim, judge.explain(claim, passages), label) for claim, passages, label in PAIRS]
    wrong = [(claim, why, label) for claim, (verdict, why), label in verdicts if verdict != label]
    # Every unsupported claim must be caught; at most one supported paraphrase may be missed.
    assert not [w for w in wrong if w[2] is False], wrong
    assert len(wrong) <= 1, wrong


def test_judge_explains_its_verdict(judge):
    ok, why = judge.explain("Pakistani officials said 43 fighters were killed.", [P_CASUALTIES])
    assert not ok and "43" in why
    ok, why = judge.explain("They claimed dozens of fighters were killed [1].", [P_CASUALTIES])
    assert ok and why == "quoted verbatim"


def test_numbers_and_dates():
    assert numbers_and_dates("On 12 March 2021, 1,200 people — 3.5% — fled.") == ["12", "march", "2021", "1,200", "3.5"]


def test_a_citation_marker_is_not_a_number_of_the_claim(judge):
    """"[3]" names a passage; a passage need not hold the digit 3 to support the sentence. (The
    harness judged marked sentences, the answer check bare ones: a quarter of the chat path's
    citations scored unsupported for this alone.)"""
    claim = "The UN urged both sides to exercise maximum restraint."
    assert judge(claim, [P_UN])
    for marked in ("The UN urged both sides to exercise maximum restraint [3].",
                   "The UN urged both sides to exercise maximum restraint [1][2]."):
        assert judge.explain(marked, [P_UN]) == judge.explain(claim, [P_UN]), marked
    # A number in the claim itself still has to be in the passage.
    ok, why = judge.explain("The UN urged 3 sides to exercise maximum restraint [3].", [P_UN])
    assert not ok and "3" in why


def test_the_source_line_a_passage_is_shown_with_is_judged_too(judge):
    """The answer check and the harness judge a passage as its card shows it (`as_shown`)."""
    from rag.citations import as_shown
    from rag.records import ArticleMeta, Chunk, Passage

    chunk = Chunk(id="c1", article_id="a1", title="UN appeal", section="", text=P_UN, start=0, end=len(P_UN),
                  sentences=((0, len(P_UN)),))
    meta = ArticleMeta(title="UN appeal", source="Northern Wire", published="2025-03-03")
    passage = Passage(chunk=chunk, score=1.0, rank=1, meta=meta)
    shown = as_shown(passage)
    assert shown == f"Northern Wire, 3 March 2025\n{P_UN}"
    assert as_shown(passage, "other text").endswith("\nother text")
    assert judge("Northern Wire, 3 March 2025: The UN urged both sides to exercise maximum restraint [1].", [shown])
    assert not judge("Northern Wire, 4 March 2025: The UN urged both sides to exercise maximum restraint [1].", [shown])
    # asked who held a post then, the label names the asked time before the report's metadata
    assert judge("Latest report as of January 2026 (Northern Wire, 3 March 2025): The UN urged both sides to "
                 "exercise maximum restraint [1].", [shown])
    assert not judge("Latest report as of January 2026 (Northern Wire, 4 March 2025): The UN urged both sides to "
                     "exercise maximum restraint [1].", [shown])
