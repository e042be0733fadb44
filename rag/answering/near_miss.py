"""Wording the refusal for a near miss: the archive covers the event, not the instance asked for."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rag.answering.evidence import join_words
from rag.question import cues
from rag.question.constraints import QuestionConstraints
from rag.question.times import DateRange, coarsest


def near_miss_message(constraints: QuestionConstraints, available: Sequence[DateRange | str],
                      *, markers: Sequence[int] = (), violations: Sequence[str] = ()) -> str:
    """The refusal for a question the archive almost covers: what it lacks, then what it has.

    `available` are the instances the retrieved passages are about (their `evidence_time` ranges,
    or labels such as another person's name); ranges are named at the question's granularity,
    nearest to the asked time first (at most four), then put in time order. `markers` ([n] of the
    passages that show them) are cited at the end. `violations` (why the closest sentences do not
    answer) say which of the asked names, figures or categories the archive lacks: "for children"
    when the fares it gives are adults', not the place both name.

    "The articles don't say who won the 2019 final; they cover the 2021 and 2022 finals [1][2]."
    """
    asked = constraints.times
    granularity = coarsest(asked) if asked else ("month" if constraints.months else "day")
    ranges = [a for a in available if isinstance(a, DateRange) and not any(a.overlaps(t) for t in asked)]
    if asked:
        ranges.sort(key=lambda r: min(abs((r.start - t.start).days) for t in asked))
    seen: dict[str, dt.date] = {}
    for r in ranges:
        label = r.label_at(granularity)
        if label not in seen and len(seen) < 4:
            seen[label] = r.start
    labels = [label for label, _ in sorted(seen.items(), key=lambda item: item[1])]
    labels += list(dict.fromkeys(a.strip() for a in available if isinstance(a, str) and a.strip()))
    question = constraints.question.strip().rstrip("?.! ").strip()
    if cues.INDIRECT_START.match(question):
        lacking = f"The articles don't say {question[0].lower()}{question[1:]}"
    else:
        target = join_words(constraints.time_labels, "or") if constraints.time_labels else join_words(
            _lacking(constraints, violations) or list(constraints.names) or [n.text for n in constraints.numbers]
            or [cues.qualifier_label(q) for q in constraints.qualifiers] or list(constraints.background_names), "or")
        lacking = f"The articles don't answer this for {target}" if target else "The articles don't answer this"
    cited = "".join(f"[{m}]" for m in markers)
    if not labels:
        return f"{lacking}{' ' + cited if cited else ''}."
    event = constraints.event
    if event and all(isinstance(a, DateRange) for a in available):
        having = f"they cover the {join_words(labels, 'and')} {_plural(event) if len(labels) > 1 else event}"
    else:
        having = f"they cover {join_words(labels, 'and')}"
    return f"{lacking}; {having}{' ' + cited if cited else ''}."


def no_reason_message(markers: Sequence[int] = ()) -> str:
    """The refusal for "Why …?" of an event the articles report without saying why."""
    cited = "".join(f"[{m}]" for m in markers)
    return f"The articles report this but don't say why{' ' + cited if cited else ''}."


def withheld_message(markers: Sequence[int] = ()) -> str:
    """The refusal for a detail the closest report says was not given ("The price was not disclosed")."""
    cited = "".join(f"[{m}]" for m in markers)
    return f"The articles don't say: the closest report says this was not made known{' ' + cited if cited else ''}."


def _lacking(constraints: QuestionConstraints, violations: Sequence[str]) -> list[str]:
    """The asked names, figures and categories that `violations` say the evidence lacks."""
    asked = [*constraints.names, *(n.text for n in constraints.numbers),
             *(cues.qualifier_label(q) for q in constraints.qualifiers), *constraints.background_names,
             *(cues.body_label(body) for body in constraints.bodies)]
    return list(dict.fromkeys(label for label in asked if any(f"asks about {label};" in v for v in violations)))


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(sh|ch|x|z)$", noun):
        return noun + "es"
    return noun + "s"
