"""A question typed in capitals, in title case or all in lower case, recased from the articles.

Names are read from capitals ("Who won the Norvalia election?"). A question typed ALL IN CAPITALS
or In Title Case names everything that way ("Did Windows 11 Ship On Time?" asks about a "Windows 11
Ship On Time"), and one typed all in lower case names nothing. Such a question is recased word by
word from how the retrieved passages write each word in mid-sentence (a name keeps its capitals,
"iPhone", "NASA"; a common word is lower case). A word the passages do not write is put in lower
case when it is a common word, capitalised when it is usually written so, and kept as typed
otherwise, so a name the archive lacks stays a name and its absence can still be told (a near miss).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from rag import lexical
from rag.chunking import encoding
from rag.question import cues

# A word as recased: letters first ("X5", "U.S.", "Lübeck's"); figures are kept as typed.
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
# A word opening a sentence or a line is capitalised whatever it is: no evidence of a name.
_OPENING = re.compile(r"(?:^|[.!?:;\n\"“‘(\[—–-])\s*$")
# What follows a word's stem as typed: a possessive, or the full stops of an abbreviation or a sentence.
_SUFFIX = re.compile(r"(?:['’]s)?\.*$", re.I)
# Title case: at least this share of the words after the first capitalised, a function word among them.
_TITLE_SHARE = 0.75
# What makes a lower-case "may" or "march" a month: a preposition before it, a day or year after it.
_MONTH_CONTEXT = re.compile(r"\b(?:in|since|from|until|till|by|before|after|of|early|late|mid|last|next|this|"
                            r"each|every|during|between|and|to|through)\s+$", re.I)
_DAY_OR_YEAR = re.compile(r"\s+\d{1,4}\b")
# What follows a word that is part of an address or a handle, never capitalised: "https://", "x.com/".
_ATTACHED = re.compile(r"[:/@.][^\s?!,;]")
# A form the passages give a word is taken when at least this share of its mid-sentence uses have it.
_MAJORITY = 2 / 3
# A word is usually capitalised when a tokenizer learnt from cased web text (cl100k_base) made its
# capitalised form fewer tokens (" Bristol" is one, " bristol" two), or one token merged at least this
# many times earlier, so more frequent, than the lower-case one (" China" and " china").
_CAPITALISED_RANK_RATIO = 4


def uninformative_case(question: str) -> str:
    """How `question`'s capitals say nothing of its names: "upper" (all capitals), "title" (title
    case, function words included), "lower" (no capital after its first letter), or "" (they do)."""
    words = _WORD.findall(question)
    if len(words) < 2:
        return ""
    if not any(c.islower() for c in question):
        return "upper"
    rest = words[1:]
    capitalised = [w for w in rest if w[0].isupper()]
    if (len(rest) >= 3 and len(capitalised) >= _TITLE_SHARE * len(rest)
            and any(lexical.is_stopword(w.lower()) for w in capitalised)):
        return "title"
    if not any(c.isupper() for c in question[1:]):
        return "lower"
    return ""


def recase(question: str, passages: Iterable[str], common: Callable[[str], bool], mode: str,
           lookup: Callable[[str], Iterable[str]] | None = None) -> str:
    """`question` (whose case says nothing: `uninformative_case` gave `mode`) with each word as the
    passages write it in mid-sentence, by a clear majority of its uses there, or else as the texts
    `lookup(word)` finds elsewhere in the archive write it. A word neither writes is in lower case
    when it is a function word or they write another word of its stem in lower case ("reopened" for
    a "reopen"); capitalised when it is usually written so ("bristol", "china": a name the archive
    lacks); else in lower case where `common(word)` says it is a common word or the question was
    typed in lower case, and as typed otherwise (in capitals, only its first letter: "ZORBLAT" is
    "Zorblat"). In title case, a word typed all in capitals is an acronym and stays so.
    A question typed in lower case keeps a common word in lower case however the passages write it
    ("the central bank" beside "the Reserve Bank") unless it is usually written capitalised, or the
    passages write it capitalised beside the word the question puts next to it ("harrow prize").
    An ambiguous month name ("may", "march") typed in lower case, or one the passages do not write,
    is a month only next to a day or year, or after "in", "since" and the like."""
    passages = list(passages)
    forms = _mid_sentence_forms(passages)
    out, at = [], 0
    for i, match in enumerate(_WORD.finditer(question)):
        word, suffix = _split(match.group(0))
        key = word.lower()
        written, found, found_forms = _as_written(key, forms), [], {}
        if written is None and lookup is not None and not lexical.is_stopword(key) \
                and key not in cues.AMBIGUOUS_MONTHS:
            found = list(lookup(key))
            found_forms = _mid_sentence_forms(found)
            written = _as_written(key, found_forms)
        if mode == "title" and len(word) > 1 and word.isupper():
            new = word  # an acronym typed in a title-case question: its capitals say something
        elif written is not None:
            # Typed in lower case, a common word the passages capitalise only in another name ("the
            # central bank" beside "the Reserve Bank", "in the news" beside "Fox News") is the word.
            in_another_name = (mode == "lower" and written != key and common(key) and not _usually_capitalised(key)
                               and not _named_with_neighbour(question, match, written, passages + found))
            new = key if in_another_name else written
        elif lexical.is_stopword(key) or _in_lower_case_elsewise(key, forms, found_forms):
            new = key
        elif key not in cues.AMBIGUOUS_MONTHS and _usually_capitalised(key):
            new = word if mode == "title" else key.capitalize()  # a name the archive lacks: "Bristol"
        elif mode == "lower" or common(key):
            new = key
        else:
            new = word if mode == "title" else word[0] + word[1:].lower()
        if key in cues.AMBIGUOUS_MONTHS and (mode == "lower" or written is None):
            # "what may happen": the user's lower case is the modal; "since may 2022" is the month
            dated = _MONTH_CONTEXT.search(question[max(0, match.start() - 12):match.start()]) or \
                _DAY_OR_YEAR.match(question, match.end())
            new = key.capitalize() if dated else key
        if i == 0 and new[:1].islower() and not _ATTACHED.match(question, match.end()):  # not "https://…"
            new = new[0].upper() + new[1:]
        out.append(question[at:match.start()] + new + suffix.lower())
        at = match.end()
    return "".join(out) + question[at:]


def _named_with_neighbour(question: str, match: re.Match, form: str, texts: list[str]) -> bool:
    """Whether `texts` write `form` (a capitalised word) beside the word the question puts next to it
    ("Harrow Prize" for "harrow prize", "Windows 11" for "windows 11"): the question names that name."""
    before = re.search(r"([\w’'-]+)\W*$", question[:match.start()])
    after = re.match(r"\W*([\w’'-]+)", question[match.end():])
    word = re.escape(form)
    phrases = ([rf"(?i:{re.escape(before.group(1))})\s+{word}\b"] if before else []) + \
              ([rf"\b{word}\s+(?i:{re.escape(after.group(1))})\b"] if after else [])
    return any(re.search(phrase, text) for phrase in phrases for text in texts)


def _as_written(key: str, forms: dict[str, Counter]) -> str | None:
    """`key` as `forms` write it by a clear majority (else in lower case); None when they lack it."""
    seen = forms.get(key)
    if not seen:
        return None
    form, count = seen.most_common(1)[0]
    return form if count >= _MAJORITY * sum(seen.values()) else key


def _in_lower_case_elsewise(key: str, *forms: dict[str, Counter]) -> bool:
    """Whether texts whose mid-sentence `forms` (`_mid_sentence_forms`) never write `key` write another
    word of its stem in lower case (the "reopened" of a "reopen"): a common word. A name may share a
    stem with one ("Selles" and "sell"), so a capitalised form of the stem says nothing."""
    stem = lexical.terms(key)
    return bool(stem) and any(lexical.terms(word) == stem and any(form.islower() for form in seen)
                              for written in forms for word, seen in written.items())


def _usually_capitalised(key: str) -> bool:
    """Whether the lower-case `key` is a word usually written capitalised, a name ("bristol", "china";
    not "apple", "mark" or "council"), as cl100k_base's merges tell (`_CAPITALISED_RANK_RATIO`)."""
    capitalised, lower = (encoding().encode_ordinary(" " + form) for form in (key.capitalize(), key))
    if len(capitalised) != len(lower):
        return len(capitalised) < len(lower)
    return len(lower) == 1 and capitalised[0] * _CAPITALISED_RANK_RATIO < lower[0]


def _split(word: str) -> tuple[str, str]:
    """(`word` without its possessive or closing full stops, what followed): "U.S." → ("U.S", ".")."""
    suffix = _SUFFIX.search(word).group(0)
    return (word[:len(word) - len(suffix)], suffix) if len(suffix) < len(word) else (word, "")


def _mid_sentence_forms(passages: Iterable[str]) -> dict[str, Counter]:
    """Each word's forms in mid-sentence (not opening a sentence, a line or a quote), by its lower case."""
    forms: dict[str, Counter] = {}
    for text in passages:
        for match in _WORD.finditer(text):
            if _OPENING.search(text[max(0, match.start() - 3):match.start()]):
                continue
            word = _split(match.group(0))[0]
            forms.setdefault(word.lower(), Counter())[word] += 1
    return forms
