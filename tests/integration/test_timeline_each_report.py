""""How did the death toll rise?" tells one step per dated report: a long live report's many
passages do not crowd the other days' reports out of what is read, and several outlets' reports of
the same day give that day once. On a real index of made-up dated reports."""

from __future__ import annotations

import re

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report


LIVE_UPDATES = [
    "Rescuers at the Brannock mine worked through the night, and the death toll from the collapse stood at 15.",
    "The regional governor said the death toll from the Brannock mine collapse was 15 on Wednesday.",
    "Families waited at the gates of the Brannock mine as officials confirmed the death toll of 15 from the collapse.",
    "Engineers said the shaft that collapsed at the Brannock mine had been inspected in the spring.",
    "The mine's owner said the death toll from the Brannock mine collapse, 15 so far, was the worst in its history.",
    "Union leaders called for an inquiry into the Brannock mine collapse, in which 15 people have died.",
    "A second rescue team arrived at the Brannock mine from the capital in the afternoon.",
    "Officials repeated that the death toll from the Brannock mine collapse was 15 at an evening briefing.",
    "Shops in the town closed early as the death toll from the Brannock mine collapse reached 15.",
    "Church bells rang in the valley for the 15 people killed in the Brannock mine collapse.",
    "The death toll from the Brannock mine collapse of 15 includes three brothers from one village.",
    "Hospitals near the Brannock mine treated 40 injured miners after the collapse, and the death toll stayed at 15.",
    "The prime minister sent condolences over the Brannock mine collapse, whose death toll is 15.",
    "Police closed the road to the Brannock mine while the death toll from the collapse was confirmed at 15.",
    "Volunteers brought food to the rescuers at the Brannock mine, where the collapse has killed 15.",
    "Safety inspectors will visit every mine in the region after the Brannock collapse killed 15 miners.",
    "The Brannock mine collapse death toll of 15 makes it the country's deadliest mining accident in decades.",
    "Local radio read out the names of the 15 people killed in the Brannock mine collapse.",
    "Schools near the Brannock mine will stay closed after the collapse that killed 15.",
    "The death toll from the Brannock mine collapse was still 15 at midnight, officials said.",
]

ARTICLES = {
    "day-1.md": report("Mine collapses in Brannock", "Valley Courier", "2025-02-03",
                       "The death toll from the Brannock mine collapse was 4 miners on Monday night, officials "
                       "said.\n\nDozens of workers were brought to the surface."),
    "day-2.md": report("Brannock toll rises", "Coastal Gazette", "2025-02-04",
                       "The death toll from the Brannock mine collapse has risen to 9, officials said on Tuesday."
                       "\n\nRescue teams are still searching two galleries."),
    "day-3-live.md": report("Brannock mine collapse live updates", "Northern Wire", "2025-02-05",
                            "\n\n".join(LIVE_UPDATES)),
    "day-3-a.md": report("Brannock mourns", "Valley Courier", "2025-02-05",
                         "Fifteen people are now known to have died in the Brannock mine collapse, the owner said on "
                         "Wednesday.\n\nFlags flew at half mast in the town."),
    "day-3-b.md": report("Governor visits Brannock", "Coastal Gazette", "2025-02-05",
                         "The Brannock mine collapse has killed 15 people, the regional governor said on a visit on "
                         "Wednesday.\n\nShe promised an inquiry."),
    "day-3-c.md": report("Brannock death toll climbs", "Evening Standard Post", "2025-02-05",
                         "Rescuers said the death toll from the Brannock mine collapse had climbed to 15 by Wednesday "
                         "evening.\n\nThe search has been paused for the night."),
    "day-4.md": report("Two more bodies found at Brannock", "Coastal Gazette", "2025-02-07",
                       "The death toll from the Brannock mine collapse rose to 18 on Friday as rescuers reached the "
                       "lowest gallery.\n\nThe owner has suspended work at its other mines."),
    "day-5.md": report("Brannock search ends", "Northern Wire", "2025-02-09",
                       "The search at the Brannock mine ended on Sunday with the final death toll from the collapse "
                       "put at 21.\n\nThe inquiry will open next month."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("each-report"), ARTICLES, embedder)


def test_each_day_s_report_is_one_step_of_the_course(assistant):
    answer = assistant.ask("How did the death toll from the Brannock mine collapse rise?", as_of="2025-02-12")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    for figure in ("4 miners", "9", "15", "18", "21"):
        assert re.search(rf"\b{figure}\b", text), (figure, text)
    days = [c.meta.published for c in answer.citations]
    assert days == sorted(days) and len(days) == len(set(days)), days  # oldest first, one report a day


WIRE = {
    "wire-1.md": report("Floods hit Kessa valley", "Harbor Times", "2025-05-01",
                        "The death toll from the flooding in the Kessa valley has risen to 12, the emergency service said."),
    "wire-2.md": report("Kessa flood toll climbs", "Capital Ledger", "2025-05-02",
                        "The death toll from the flooding in the Kessa valley has risen to 19, the emergency service said."),
    "wire-3.md": report("Kessa valley floods worsen", "Harbor Times", "2025-05-03",
                        "The death toll from the flooding in the Kessa valley has risen to 27, the emergency service said."),
}


def test_a_wire_update_worded_like_the_last_but_with_a_new_figure_is_a_step(tmp_path, embedder):
    # Word for word the same but for the count: not a copy of the earlier update.
    assistant = index_of(tmp_path, WIRE, embedder)
    answer = assistant.ask("How did the death toll from the Kessa valley flooding rise?", as_of="2025-05-05")
    text = strip_markers(answer.text)
    assert all(f"risen to {toll}" in text for toll in (12, 19, 27)), text
