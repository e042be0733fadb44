"""RealTimeQA weeks as a real-news development set: conversion, splits and open-answer scoring.

The quiz gives four choices; our product is asked without them. An open answer is right when it
names the gold choice and names it more than any other choice. A choice is *named* when the
answer holds at least half of the choice's distinctive content words (those no other choice of
the question has: "North Dakota" vs "South Dakota" differ by one word each), so a surname names a
person and "63" names "63"; a word is found in its inflections ("European" names "Europe"). Ties (the answer names two choices as strongly) are not right.

The article texts belong to their publishers: `convert` writes them to a folder outside the
repository at run time; nothing here stores a text or a question.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rag.errors import RagError
from rag.eval.metrics import FUNCTION_WORDS

# Weeks up to this one (inclusive) form the calibration split later work may fit on; the rest is
# the test split, only reported.
LAST_CALIBRATION_WEEK = "20220812"

NAMED_SHARE = 0.5  # share of a choice's distinctive content words an answer must hold to name it

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f](?=\d{3}\b)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_NON_WORD = re.compile(r"[^\w\u2024]+")  # \u2024 holds a decimal point through the split


@dataclass(frozen=True)
class Question:
    id: str
    week: str  # YYYYMMDD
    as_of: str  # YYYY-MM-DD: the question is asked as of this day
    question: str
    choices: tuple[str, ...]
    gold: int
    retrieved_urls: tuple[str, ...]

    @property
    def split(self) -> str:
        return split_of(self.week)


def split_of(week: str) -> str:
    return "calibration" if week <= LAST_CALIBRATION_WEEK else "test"


# ----- conversion --------------------------------------------------------------------------------


def article_id(url: str) -> str:
    """A stable id per URL: the outlet's host and a hash (slugs of long URLs collide when cut)."""
    return f"{outlet(url).replace('.', '-') or 'web'}-{hashlib.sha1(url.encode()).hexdigest()[:12]}"


def outlet(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def iso_date(value: str | None) -> str:
    """"2022/06/12" → "2022-06-12"; "" when absent."""
    return value.replace("/", "-") if value else ""


SHARD_ARTICLES = 250  # records per written file: each stays far below the ingest's per-file size limit


def convert(source_dir: str | Path, out_dir: str | Path, *, urls: set[str] | None = None) -> Path:
    """Write the articles (those of `urls` only, when given) as records `rag ingest` reads
    (`out_dir/articles-NNN.jsonl`); return `out_dir`.

    A file is rewritten only when its content would change, so an index built from the folder
    stays current (the ingest skips unchanged articles by content hash anyway).
    """
    source = Path(source_dir) / "articles.jsonl"
    if not source.is_file():
        raise RagError(f"{source} does not exist; point RAG_REALTIMEQA_DIR at the RealTimeQA folder.")
    lines = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            url = record["url"]
            if urls is not None and url not in urls:
                continue
            lines.append(json.dumps({
                "id": article_id(url), "title": record["title"], "text": record["text"], "url": url,
                "source": outlet(url), "authors": list(record.get("authors") or []),
                "published": iso_date(record.get("publish_date")),
            }, ensure_ascii=False))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise RagError(f"{source}:{number}: not an article record ({exc}); expected url, title, text.") from None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wanted = {}
    for n, start in enumerate(range(0, len(lines), SHARD_ARTICLES)):
        wanted[out / f"articles-{n:03d}.jsonl"] = "\n".join(lines[start:start + SHARD_ARTICLES]) + "\n"
    for stale in set(out.glob("articles-*.jsonl")) - set(wanted):
        stale.unlink()
    for path, content in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    return out


def load_questions(source_dir: str | Path) -> list[Question]:
    path = Path(source_dir) / "qa.jsonl"
    if not path.is_file():
        raise RagError(f"{path} does not exist; point RAG_REALTIMEQA_DIR at the RealTimeQA folder.")
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            out.append(Question(
                id=str(r["id"]), week=str(r["week"]), as_of=iso_date(r["question_date"]), question=r["question"],
                choices=tuple(r["choices"]), gold=int(r["answer"]), retrieved_urls=tuple(r.get("retrieved_urls") or ()),
            ))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise RagError(f"{path}:{number}: not a question record ({exc}).") from None
    return out


# ----- open-answer scoring -----------------------------------------------------------------------


# "one" is left a word: "one of many" names no figure.
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split(), start=2)} | {w: str(n * 10) for n, w in enumerate(
        "thirty forty fifty sixty seventy eighty ninety".split(), start=3)}
_SCALED = re.compile(r"^(\d+(?:\.\d+)?)(m|bn)$")
_SCALES = {"m": "million", "bn": "billion"}


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens: curly quotes straightened, "19,000" → "19000", "2.5" kept whole,
    "McDonald's" → "mcdonalds", every other mark (dashes included) a separator. A number is one
    token however it is written: "six" → "6", "£7m" → "7 million"."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _THOUSANDS.sub("", text)
    text = _APOSTROPHE.sub("", text)
    text = _DECIMAL.sub("\u2024", text)
    out = []
    for t in _NON_WORD.split(text):
        if not t or t == "_":
            continue
        t = t.replace("\u2024", ".")
        scaled = _SCALED.match(t)
        out += [scaled.group(1), _SCALES[scaled.group(2)]] if scaled else [_NUMBER_WORDS.get(t, t)]
    return out


SUFFIX_LETTERS = 3  # "European" names "Europe", "waves" names "wave": a word may carry this many more letters
MIN_STEM = 4


def word_counts(text: str) -> Counter:
    """How often each word occurs in `text`, a word also counting for its stems of at least four
    letters (up to three letters shorter): a choice word is found inside its inflections."""
    exact = Counter(tokens(text))
    counts = Counter(exact)
    for word, n in exact.items():
        if word.isalpha():
            for cut in range(1, SUFFIX_LETTERS + 1):
                if len(word) - cut >= MIN_STEM:
                    counts[word[:-cut]] += n
    return counts


def content_words(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in FUNCTION_WORDS]


def distinctive_words(choices: Sequence[str]) -> list[set[str]]:
    """Each choice's content words that no other choice has (all its words when none is its own)."""
    words = [set(content_words(c)) for c in choices]
    out = []
    for i, own in enumerate(words):
        others = set().union(*(w for j, w in enumerate(words) if j != i))
        out.append((own - others) or own)
    return out


def choice_strengths(text: str | Counter, choices: Sequence[str]) -> list[tuple[float, float]]:
    """Per choice: (share of its distinctive words in `text`, mean count of those present).

    `text` may be given as its `word_counts`, to score many questions against one text."""
    counts = text if isinstance(text, Counter) else word_counts(text)
    out = []
    for words in distinctive_words(choices):
        present = [w for w in words if counts[w]]
        share = len(present) / len(words) if words else 0.0
        out.append((share, sum(counts[w] for w in present) / len(present) if present else 0.0))
    return out


def named(strength: tuple[float, float]) -> bool:
    return strength[0] >= NAMED_SHARE and strength[1] > 0


def names_choice(text: str | Counter, choices: Sequence[str], index: int) -> bool:
    """`text` names choice `index` (whether or not it names others too)."""
    return named(choice_strengths(text, choices)[index])


def verdict(answer: str, choices: Sequence[str], gold: int) -> str:
    """"gold": names the gold choice more than any other; "other": names another choice at least as
    much; "none": names no choice.

    A named choice whose words all belong to another named choice ("one metre" inside "one
    thousandth of a metre") is not counted: the text names the longer one.
    """
    strengths = choice_strengths(answer, choices)
    words = [set(content_words(c)) for c in choices]
    shown = {i for i, s in enumerate(strengths) if named(s)}
    shown -= {i for i in shown if any(words[i] < words[j] for j in shown)}
    rivals = [strengths[i] for i in shown if i != gold]
    if gold in shown and all(strengths[gold] > s for s in rivals):
        return "gold"
    return "other" if rivals else "none"


# ----- question types ----------------------------------------------------------------------------

_NEEDS_CHOICES = re.compile(r"\b(?:of the following|of these|of the options|of the choices)\b|\bNOT\b|\bEXCEPT\b")
_TYPES = (
    ("how many", re.compile(r"\bhow (?:many|much|long|old|far|big)\b", re.I)),
    ("when", re.compile(r"\bwhen\b|\bwhat (?:year|day|date|month)\b", re.I)),
    ("who", re.compile(r"\bwho(?:m|se)?\b", re.I)),
    ("where", re.compile(r"\bwhere\b|\bwhich (?:country|city|state|nation)\b", re.I)),
    ("which", re.compile(r"\bwhich\b", re.I)),
    ("what", re.compile(r"\bwhat\b", re.I)),
)


def needs_choices(question: str) -> bool:
    """"Which of the following …", "which … NOT …": unanswerable in the open without the choices."""
    return bool(_NEEDS_CHOICES.search(question))


def question_type(question: str) -> str:
    """A cheap typing by the question word; "choices" for those that need the choices."""
    if needs_choices(question):
        return "choices"
    return next((name for name, pattern in _TYPES if pattern.search(question)), "other")
