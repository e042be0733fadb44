"""The answerers' language knowledge, as data: cue words in article sentences and model replies.

Written for news in general (no place, party or person of any one corpus). Every row carries
examples it must match and examples it must not, and tests/integration/test_answers.py checks
each row against them, so a change to a pattern is a change to data with its own evidence. The
kinds of answer a question asks for are in `rag.question.answer_types`. By topic:

- `kinds`: whether a sentence can hold the kind of answer asked (`holds_answer`);
- `figures`: figures in sentences (levels and changes, forecasts, shares, spans, ages, counts of times);
- `measures`: what figure a question measures and whether a sentence gives it;
- `posts`: people and posts (who holds, took or left a post; first holders; titleholders);
- `statements`: what a sentence says of the asked (attribution, negation, opposites, aliases,
  verb kin, the asked act, directions, anaphora);
- `reasons`: why questions and the sentences that give a reason;
- `furniture`: text that is not news (page furniture, the chat model's own words, instructions).
"""

from __future__ import annotations

import re

from rag.question.cues import LATER_TENS, NUMBER_WORDS


def _re(pattern: str, flags: int = re.I) -> re.Pattern:
    return re.compile(pattern, flags)


# A count in words ("three", "twelve", "sixty") and its value; the pattern longest first.
_WORD_VALUES = {**{w: n for w, n in NUMBER_WORDS.items() if len(w) > 2}, **LATER_TENS}
_NUMBER_WORD = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))


_WORD = re.compile(r"[\w’'-]+")
