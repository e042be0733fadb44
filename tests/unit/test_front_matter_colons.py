"""A hand-written front-matter block whose value holds a colon ("title: Correction: …") is read as
plain `key: value` lines, which strict YAML refuses; a block broken in any other way is still refused
with the file named."""

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


@pytest.mark.parametrize("block", [
    "title: [unclosed\n",  # another YAML error
    "title: Correction: x\n  bad: indent\n",  # a line of another shape beside the colon
])
def test_other_broken_blocks_are_still_refused(block):
    with pytest.raises(InputError, match="front-matter block"):
        parse_text("bad.md", f"---\n{block}---\n{BODY}", markdown=True)
