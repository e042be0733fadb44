"""An article title shown as a headline label (`_headline`), and the label read back as a dated
line's (`DATED_LINE`): one row per case."""

from __future__ import annotations

import pytest

from rag.answering.extractive import _headline
from rag.citations import DATED_LINE


@pytest.mark.parametrize("title, outlet, shown, cut", [
    ("Ann Roe and Per Lund are the final candidates in the race to lead the ...", "dailyrecord.example",
     "Ann Roe and Per Lund are the final candidates in the race to lead the", True),
    ("Flu jabs begin for children under 5 at city clinics - Daily Record", "dailyrecord.example",
     "Flu jabs begin for children under 5 at city clinics", False),
    ("Flu jabs begin for children under 5 at city clinics | Daily Record", "Daily Record",
     "Flu jabs begin for children under 5 at city clinics", False),
    ("Ivo Brandt: the voice of the radio serial dies aged 81 | The ...", "eveningstar.example",
     "Ivo Brandt: the voice of the radio serial dies aged 81", True),
    # a dash before words that are not the outlet's name is the headline's own
    ("New ferry operator picked by the harbour board – Lund Lines beats Kell", "harbourtimes.example",
     "New ferry operator picked by the harbour board – Lund Lines beats Kell", False),
    ("Ostby Marine wins the “Harbour Link” contract", "", "Ostby Marine wins the ‘Harbour Link’ contract", False),
    ("Cup final updates | Holt raises injury concern ahead of the semi", "coastledger.example",
     "Cup final updates | Holt raises injury concern ahead of the semi", False),
    ("Port - Harbour", "harbour.example", "Port - Harbour", False),  # too short a headline to have an outlet's suffix
    ("  Floods   close the   ring road  ", "", "Floods close the ring road", False),
])
def test_headline(title, outlet, shown, cut):
    assert _headline(title, outlet) == (shown, cut)


@pytest.mark.parametrize("line, label", [
    ("“Open 2022: Holt withdraws with injury” (Norland Wire, 7 July 2022): Holt pulled out on Thursday.",
     "“Open 2022: Holt withdraws with injury” (Norland Wire, 7 July 2022)"),
    ("Norland Wire, 3 March 2025: The UN urged restraint.", "Norland Wire, 3 March 2025"),
    ("Latest report (Norland Wire, 3 March 2025): The UN urged restraint.", "Latest report (Norland Wire, 3 March 2025)"),
    ("The UN said: talks resume on 3 March 2025.", None),
    ("“A quote that says: 3 March 2025” is what she said: yes.", None),
])
def test_dated_line_label(line, label):
    found = DATED_LINE.match(line)
    assert (found.group("label") if found else None) == label
