"""`[n]` markers ↔ passages, and the check that every answer sentence is supported by what it cites.

`[n]` always means the n-th passage shown to the user (`Answer.passages[n - 1]`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations

from rag.question.times import published_day
from rag.records import Answer, Citation, Passage

MARKER = re.compile(r"\s*\[(\d+)\]")
# A bracketed number inside article text ("… on Wednesday.[2]", a footnote) is not one of our markers.
# Quoted into an answer it gets a word joiner (invisible) after its "[", so MARKER never reads it.
INERT = "\u2060"
_ARTICLE_MARKER = re.compile(r"\[(?=\d+\])")
_CLOSING = re.compile(r"([.!?…]+(?:\[\u2060\d+\])*)$")


def quoted(text: str) -> str:
    """Article text as an answer quotes it: its own bracketed numbers made inert (see `INERT`)."""
    return _ARTICLE_MARKER.sub("[" + INERT, text)


def add_marker(sentence: str, marker: int) -> str:
    """'… the border.' → '… the border [1].' (after closing quotes, the marker trails).

    `sentence` is quoted article text: a footnote it carries stays inert ('… Wednesday [1].[2]')."""
    sentence = quoted(sentence.rstrip())
    match = _CLOSING.search(sentence)
    if match:
        return f"{sentence[:match.start()]} [{marker}]{match.group(1)}"
    return f"{sentence} [{marker}]"


def day_label(published: str) -> str:
    """ "2025-03-03" → "3 March 2025", as dates are shown beside citations; "" stays "" (unknown)."""
    value = (published or "").strip()
    day = published_day(value)
    return f"{day.day} {day:%B %Y}" if day is not None else value


def source_line(passage: Passage) -> str:
    """ "Northern Wire, 3 March 2025": who published a passage, and when (what is known of it)."""
    return ", ".join(x for x in (passage.source, day_label(passage.published)) if x)


def as_shown(passage: Passage, text: str | None = None) -> str:
    """A passage as its source card shows it: who published it and when, then its text (`text`
    in place of the chunk's, e.g. less injected instructions). The one form every support check
    judges against, the answer check and the evaluation alike, so a dated claim is judged against
    the cited article's own metadata."""
    where = source_line(passage)
    body = passage.chunk.text if text is None else text
    return f"{where}\n{body}" if where else body


# A dated answer line, "Northern Wire, 3 March 2025: <quote>", "Latest report (…, 3 March 2025): <quote>"
# or "“<headline>” (…, 3 March 2025): <quote>": the label is the cited passage's own metadata (headline,
# outlet and date), the rest a verbatim quote.
DATED_LINE = re.compile(r"^(?P<label>(?:“[^”\n]{1,300}” )?[^:\n“]{0,100}?\b\d{1,2} [A-Z][a-z]{2,8} \d{4}\)?):\s+")


def markers(sentence: str) -> list[int]:
    return [int(m) for m in MARKER.findall(sentence)]


def strip_markers(sentence: str) -> str:
    return MARKER.sub("", sentence).strip()


def cite(marker: int, passage: Passage, start: int, end: int) -> Citation:
    chunk = passage.chunk
    return Citation(
        marker=marker, chunk_id=chunk.id, article_id=chunk.article_id, section=chunk.section,
        quote=chunk.text[start - chunk.start:end - chunk.start], start=start, end=end, meta=passage.meta,
    )


# judge(claim, passage texts) -> does the set of passages support the claim?
Judge = Callable[[str, Sequence[str]], bool]

_NUMBER = re.compile(
    r"\b(\d[\d,.]*\d|\d)\b|\b(January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b", re.I,
)


def numbers_and_dates(text: str) -> list[str]:
    """Digits and month names: the tokens whose invention is the strongest hallucination signal."""
    return [m.group(0).lower().rstrip(".,") for m in _NUMBER.finditer(text)]


def _normal(text: str) -> str:
    text = strip_markers(text.replace(INERT, "")).lower()  # quoted footnotes are left out, as markers are
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().rstrip(".!?")


def supported_verbatim(claim: str, passages: Sequence[str]) -> bool:
    """The strictest judge: the claim appears word for word in one of the passages."""
    needle = _normal(claim)
    return bool(needle) and any(needle in _normal(p) for p in passages)


class SupportJudge:
    """Offline support check, used by the answer check and by the evaluation harness.

    A claim is supported when it is quoted verbatim from the passages, or when all three hold:
    every number and date in it occurs in the passages; most of its content words (stemmed)
    occur in the passages (`coverage`); and it is close in meaning (MiniLM cosine ≥ `similarity`)
    to a passage sentence or a pair of adjacent sentences. Thresholds were set on the
    hand-labelled pairs in tests/test_judge.py.
    """

    def __init__(self, embedder, *, similarity: float = 0.7, coverage: float = 0.6):
        self.embedder = embedder
        self.similarity = similarity
        self.coverage = coverage
        self._vectors: dict[str, object] = {}

    def __call__(self, claim: str, passages: Sequence[str]) -> bool:
        return self.explain(claim, passages)[0]

    def explain(self, claim: str, passages: Sequence[str]) -> tuple[bool, str]:
        from rag import lexical
        from rag.chunking import split_sentences

        claim = strip_markers(claim)  # "[2]" cites a passage; it is not a number the passage must hold
        if supported_verbatim(claim, passages):
            return True, "quoted verbatim"
        text = " ".join(passages)
        dated = DATED_LINE.match(strip_markers(claim))
        if dated:  # "Outlet, 3 March 2025: <quote>": the label must be the passages' metadata, the quote supported
            label = dated.group("label")
            # "Latest report as of January 2023 (Outlet, 13 September 2022)": the metadata is in parentheses,
            # the asked time before them is the question's
            metadata = label[label.rfind("(") + 1:] if "(" in label else label
            missing = [n for n in numbers_and_dates(metadata) if n not in set(numbers_and_dates(text))]
            if missing:
                return False, f"date not in the passages: {', '.join(missing)}"
            ok, why = self.explain(strip_markers(claim)[dated.end():], passages)
            return ok, f"dated line; {why}"
        source_numbers = set(numbers_and_dates(text))
        missing = [n for n in numbers_and_dates(claim) if n not in source_numbers]
        if missing:
            return False, f"numbers or dates not in the passages: {', '.join(missing)}"
        claim_terms = set(lexical.terms(strip_markers(claim)))
        if not claim_terms:
            return False, "no content words"
        covered = len(claim_terms & set(lexical.terms(text))) / len(claim_terms)
        if covered < self.coverage:
            return False, f"only {covered:.0%} of its content words are in the passages"
        windows = []
        for passage in passages:
            sentences = [passage[a:b] for a, b in split_sentences(passage)]
            windows += sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]
        similarity = max((float(self._vector(w) @ self._vector(strip_markers(claim))) for w in windows), default=0.0)
        if similarity < self.similarity:
            return False, f"closest passage sentence has similarity {similarity:.2f}"
        return True, f"paraphrase (similarity {similarity:.2f}, {covered:.0%} of content words)"

    def _vector(self, text: str):
        if text not in self._vectors:
            if len(self._vectors) > 50_000:
                self._vectors.clear()
            pieces = self.embedder.count_wordpieces([text])[0]
            if pieces + 2 > self.embedder.max_wordpieces:  # judge long windows by their start
                text_for_model = " ".join(text.split()[:150])
            else:
                text_for_model = text
            self._vectors[text] = self.embedder.embed_documents([text_for_model])[0]
        return self._vectors[text]


def check_sentences(
    sentences: Sequence[str], passages: Sequence[Passage], judge: Judge = supported_verbatim
) -> tuple[list[str], list[tuple[str, str]]]:
    """Keep sentences that cite valid passages which support them.

    Returns (kept sentences, [(removed sentence, reason)]).
    """
    kept, removed = [], []
    for sentence in sentences:
        numbers = markers(sentence)
        if not numbers:
            removed.append((sentence, "cites no passage"))
            continue
        invalid = [n for n in numbers if not 1 <= n <= len(passages)]
        if invalid:
            removed.append((sentence, f"cites passage(s) {invalid} that do not exist"))
            continue
        if not judge(strip_markers(sentence), [passages[n - 1].chunk.text for n in numbers]):
            removed.append((sentence, "not supported by the passages it cites"))
            continue
        kept.append(sentence)
    return kept, removed


def split_answer(text: str) -> list[str]:
    """An answer's sentences; a `[n]` marker stays with the sentence it ends."""
    from rag.chunking import split_sentences

    merged: list[str] = []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        # A bare marker cut off its sentence ("… Line" | "[1].") is glued back on.
        if merged and markers(sentence) and not re.sub(r"[\W_]+", "", strip_markers(sentence)):
            merged[-1] += " " + sentence
        else:
            merged.append(sentence)
    return merged


def attribute(claim: str, passages: Sequence[str], judge: "SupportJudge") -> tuple[list[int], str] | None:
    """Post-hoc attribution: the 1-based numbers of the passage (or pair) that supports `claim`.

    A passage that quotes it verbatim first; then, in rank order, one passage, then pairs, as ALCE-style "attribute after
    generation" does; None when no passage or pair supports it. Returns (numbers, the judge's why).
    """
    for n, text in enumerate(passages, start=1):  # a quotation belongs to the passage it quotes
        if supported_verbatim(claim, [text]):
            return [n], "quoted verbatim"
    for n, text in enumerate(passages, start=1):
        ok, why = judge.explain(claim, [text])
        if ok:
            return [n], why
    for a, b in combinations(range(1, len(passages) + 1), 2):
        ok, why = judge.explain(claim, [passages[a - 1], passages[b - 1]])
        if ok:
            return [a, b], why
    return None


def set_markers(sentence: str, numbers: Sequence[int]) -> str:
    """The sentence with its markers replaced by `numbers` (placed where `add_marker` puts them)."""
    bare = strip_markers(sentence)
    if not numbers:
        return bare
    match = _CLOSING.search(bare)
    tags = "".join(f"[{n}]" for n in numbers)
    return f"{bare[:match.start()]} {tags}{match.group(1)}" if match else f"{bare} {tags}."


class Renumbering:
    """Markers numbered from [1] in order of first use, and the passages reordered to match.

    Feed it the answer's sentences in order (`sentence`, `citation`); `passages()` then gives the
    cited passages first, in order of first citation, then the rest in rank order, each with its
    new rank, so `[n]` is always `passages[n - 1]`.
    """

    def __init__(self, passages: Sequence[Passage]):
        self._passages = list(passages)
        self._new: dict[int, int] = {}

    def number(self, old: int) -> int:
        if old not in self._new:
            self._new[old] = len(self._new) + 1
        return self._new[old]

    def sentence(self, text: str) -> str:
        return MARKER.sub(lambda m: f"{m.group(0)[:m.group(0).index('[')]}[{self.number(int(m.group(1)))}]", text)

    def citation(self, citation: Citation) -> Citation:
        return replace(citation, marker=self.number(citation.marker))

    def passages(self) -> tuple[Passage, ...]:
        order = sorted(self._new, key=self._new.get)
        order += [n for n in range(1, len(self._passages) + 1) if n not in self._new]
        return tuple(replace(self._passages[n - 1], rank=i) for i, n in enumerate(order, start=1))


def renumber(answer: Answer) -> Answer:
    """The same answer with markers from [1] in order of first use (see `Renumbering`)."""
    if answer.refused or not answer.citations:
        return answer
    numbering = Renumbering(answer.passages)
    text = numbering.sentence(answer.text)  # in text order, so first use decides
    citations = tuple(numbering.citation(c) for c in answer.citations)
    return replace(answer, text=text, citations=citations, passages=numbering.passages())
