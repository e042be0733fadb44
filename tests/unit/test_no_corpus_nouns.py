"""The code is built for news in general: no named entity of any bundled corpus appears in `rag/`.

The entities are read from the corpora at test time, so a new article's names are covered at
once: capitalised words (at least three letters, possessives and hyphenated parts split off) that
never occur in lower case anywhere in the corpora, minus ordinary English words that only happen
to stand at the start of a sentence or in a headline there (COMMON_WORDS, reviewed by eye). Every
file under `rag/` is then searched for them, case-insensitively and as whole words.
"""

import re


from conftest import ROOT

CORPORA = [ROOT / "data" / "articles", ROOT / "data" / "archive-dev" / "articles"]

# Capitalised-only in the corpora, but ordinary words any news code may use: calendar names,
# headline and sentence-initial words, and common nouns that are only part of a name there.
COMMON_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
anything commuters competing councillor defending deputy despite eight engineers escalate factor
fallout fiction finance fourteen hospitals instead launches ledger library local minister mortgage
narratives nations night shift opinion opposition orchard please prime prospects regulators
skirmishes spending square stop subscribe talks tenants tension thieves tonight turnout uncertain
united wire coastal marine foundation athletic airways chronicle courier daughter tides salt ash
based led northern grace sell
""".split())

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def corpus_entities() -> set[str]:
    words: list[str] = []
    for folder in CORPORA:
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                text = path.read_text(encoding="utf-8")
                text = re.sub(r"https?://\S+|\"id\":\s*\"[^\"]*\"", " ", text)  # slugs are lower-cased names
                for token in WORD.findall(text):
                    token = re.sub(r"['’]s$", "", token)
                    words += [part for part in token.split("-") if part]
    lower = {w for w in words if w.islower()}
    return {
        w for w in words
        if len(w) >= 3 and w[0].isupper() and not w.isupper()
        and w.lower() not in lower and w.lower() not in COMMON_WORDS
    }


def violations() -> list[str]:
    entities = corpus_entities()
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, entities), key=len, reverse=True)) + r")\b", re.IGNORECASE)
    found = []
    for path in sorted((ROOT / "rag").rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in {".pyc", ".so"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for match in pattern.finditer(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    return found


def test_entities_are_extracted_from_every_corpus():
    entities = corpus_entities()
    # One name from the seed article and from each kind of archive file; none of the common words.
    assert {"Kabul", "Durand", "Torkham", "Taliban", "Velmora", "Corvane", "Halvorsen", "Dornach"} <= entities
    assert not {"Thursday", "March", "Opinion", "United", "The"} & entities
    assert len(entities) > 150


def test_no_corpus_entity_in_rag():
    found = violations()
    assert not found, "named entities of a corpus in rag/ (build for news in general):\n" + "\n".join(found)
