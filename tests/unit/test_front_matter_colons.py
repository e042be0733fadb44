"""A hand-written front-matter block whose value holds a colon ("title: Correction: …"), or opens with a
quoted phrase the line goes on after ('title: "Salt Orchard" wins …'), is read as plain `key: value`
lines, which strict YAML refuses; a block broken in any other way is still refused with the file
named."""

from __future__ import annotations

import pytest

from rag.errors import InputError
from rag.readers.formats import parse_text

BODY = "The correct figure is 185 confirmed cases, the ministry said on Tuesday.\n"


def test_a_colon_inside_a_value_is_part_of_the_value():
    article = parse_text("fix.md", "---\ntitle: Correction: Fever case count\ndate: 2025-08-20\n"
                                   "source: 'Velmora Gazette'\n---\n" + BODY, markdown=True)
    assert article.meta.title == "Correction: Fever case count"
    assert article.meta.source == "Velmora Gazette"
    assert article.meta.published == "2025-08-20"


@pytest.mark.parametrize(("block", "title"), [
    ('title: "The Salt Orchard" wins the Golden Lantern\n', '"The Salt Orchard" wins the Golden Lantern'),
    ('title: "48,200 of us, still waiting" - the queue hits a new high\n',
     '"48,200 of us, still waiting" - the queue hits a new high'),
    ("title: 'It's like a second rent' - homeowners feel the pinch\n",
     "'It's like a second rent' - homeowners feel the pinch"),
    ('title: "Salt" and "Pepper" - a kitchen\'s year\n', '"Salt" and "Pepper" - a kitchen\'s year'),
])
def test_a_quoted_phrase_opening_a_value_is_part_of_the_value(block, title):
    article = parse_text("quote.md", f"---\n{block}date: 2023-09-05\n---\n{BODY}", markdown=True)
    assert article.meta.title == title
    assert article.meta.published == "2023-09-05"


@pytest.mark.parametrize("block", [
    "title: [unclosed\n",  # another YAML error
    "title: {unclosed\n",
    'title: "Salt Orchard\npublished: 2001-01-01" wins\n',  # one title to YAML: no key of its own
    "title: x\ntags: - a\n",
    "title: !!python/object:os.system 'echo pwned'\n",
    "title: Correction: x\n  bad: indent\n",  # a line of another shape beside the colon
])
def test_other_broken_blocks_are_still_refused(block):
    with pytest.raises(InputError, match="front-matter block"):
        parse_text("bad.md", f"---\n{block}---\n{BODY}", markdown=True)
