import re

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from rag import Answer, Assistant, RagError
from rag.citations import markers, strip_markers
from rag.langchain import answerer_runnable

TRIGGER = "The immediate trigger for the strikes appears to have been a series of deadly exchanges"

OUT_OF_SCOPE = [
    "Who won the 2022 World Cup?",
    "What is the recipe for banana bread?",
    "How do I reset my iPhone password?",
    "What was Apple's revenue in 2023?",
    "Who is the lead singer of Coldplay?",
    "What is the boiling point of ethanol?",
]


def test_trigger_paragraph_ranks_first(seed_assistant):
    passages = seed_assistant.retriever.retrieve("what triggered the strikes?")
    assert passages[0].chunk.text.startswith(TRIGGER)
    assert [p.rank for p in passages] == list(range(1, len(passages) + 1))
    assert passages[0].dense_score is not None and passages[0].lexical_score is not None
    assert len({p.chunk.id for p in passages}) == len(passages) == 5


def test_k_is_configurable(seed_assistant):
    assert len(seed_assistant.retriever.retrieve("Kabul", k=2)) == 2
    assert len(seed_assistant.ask("What triggered the strikes?", k=8).passages) == 8


def assert_grounded(answer: Answer):
    """Every sentence carries [n]; [n] is passage n; the quoted sentence is in that passage."""
    sentences = re.split(r"(?<=[.!?…”])\s+(?=[A-Z“])", answer.text)
    assert answer.citations
    cited = {(c.marker, c.quote) for c in answer.citations}
    for sentence in sentences:
        numbers = markers(sentence)
        assert numbers, f"sentence without a marker: {sentence!r}"
        for n in numbers:
            passage = answer.passages[n - 1]
            claim = strip_markers(sentence)
            assert claim.rstrip(".") in passage.chunk.text, f"[{n}] does not contain {claim!r}"
            assert (n, next(q for m, q in cited if m == n and q in passage.chunk.text)) in cited
    for c in answer.citations:
        passage = answer.passages[c.marker - 1]
        assert passage.chunk.id == c.chunk_id
        assert passage.chunk.start <= c.start < c.end <= passage.chunk.end
        assert passage.chunk.text[c.start - passage.chunk.start:c.end - passage.chunk.start] == c.quote


def test_the_example_question(seed_assistant):
    answer = seed_assistant.ask("What triggered the strikes?")
    assert not answer.refused and answer.kind == "answer"
    assert "deadly exchanges" in answer.text and "Durand Line [1]." in answer.text
    assert_grounded(answer)
    citation = answer.citations[0]
    assert citation.marker == 1 and citation.quote.startswith(TRIGGER)
    assert citation.section == "Escalation From Border Skirmishes to Airstrikes"
    article = seed_assistant.index.article(citation.article_id)
    assert article.text[citation.start:citation.end] == citation.quote
    assert citation.title == article.title and citation.source == article.source


@pytest.mark.parametrize(
    "question, expected",
    [
        ("How did Afghan authorities respond to Pakistan's casualty figures?", ["disputed those figures", "Pakistani officials stated"]),
        ("Which group has carried out attacks inside Pakistan?", ["Tehrik-e-Taliban Pakistan"]),
        ("What has the United Nations urged?", ["maximum restraint"]),
        ("Near which crossing have families fled the shelling?", ["Torkham"]),
    ],
)
def test_answers_quote_the_right_sentences_with_attribution(seed_assistant, question, expected):
    answer = seed_assistant.ask(question)
    assert not answer.refused, answer.text
    for phrase in expected:
        assert phrase in answer.text
    assert_grounded(answer)


def test_competing_claims_show_both_sides(seed_assistant):
    answer = seed_assistant.ask("How many fighters did Pakistan say were killed?")
    assert "They claimed dozens of fighters were killed" in answer.text
    # The claim is attributed, and the other side's rebuttal comes with it.
    assert "Pakistani officials stated" in answer.text
    assert "Afghan authorities, however, disputed those figures" in answer.text
    assert answer.text.index("Pakistani officials") < answer.text.index("They claimed")
    assert_grounded(answer)


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_out_of_scope_questions_are_refused_with_the_closest_passages(seed_assistant, question):
    answer = seed_assistant.ask(question)
    assert answer.refused and answer.kind == "refusal"
    assert answer.text.startswith("The indexed articles don't answer “")
    assert question in answer.text
    assert answer.citations == () and not markers(answer.text)
    assert len(answer.passages) == 5


def test_empty_question_is_a_clear_error(seed_assistant):
    with pytest.raises(RagError, match="question is empty"):
        seed_assistant.ask("   ")


def test_stream_yields_text_then_the_answer(seed_assistant):
    parts = list(seed_assistant.stream("What triggered the strikes?"))
    *text, final = parts
    assert isinstance(final, Answer)
    assert "".join(text) == final.text


def test_langchain_retriever_and_chain(seed_assistant):
    retriever = seed_assistant.langchain_retriever(k=3)
    assert isinstance(retriever, BaseRetriever)
    documents = retriever.invoke("what triggered the strikes?")
    assert len(documents) == 3 and all(isinstance(d, Document) for d in documents)
    top = documents[0]
    assert top.page_content.startswith(TRIGGER)
    assert top.metadata["section"] == "Escalation From Border Skirmishes to Airstrikes"
    assert top.metadata["rank"] == 1 and top.metadata["article_id"] == "pakistan-airstrikes-on-kabul"
    answer = seed_assistant.chain(k=3).invoke("What triggered the strikes?")
    assert isinstance(answer, Answer)
    assert answer.text == seed_assistant.ask("What triggered the strikes?", k=3).text
    # The answerer also runs on documents from any other LangChain retriever.
    foreign = [Document(page_content="The strikes were triggered by a dispute over water rights.", metadata={"title": "Other"})]
    other = answerer_runnable(seed_assistant.answerer).invoke({"question": "What triggered the strikes?", "documents": foreign})
    assert other.citations[0].quote == foreign[0].page_content and other.citations[0].marker == 1


def test_near_duplicate_passages_are_collapsed(fresh_copy, tmp_path, embedder):
    assistant = Assistant.load(fresh_copy, embedder=embedder)
    text = (tmp_path / "x").parent / "wire"
    text.mkdir()
    body = "The port of Karachi was closed after a fire destroyed two cranes on Tuesday, officials said."
    (text / "wire-a.txt").write_text(f"---\ntitle: Karachi Port Fire\n---\n{body}\n")
    (text / "wire-b.txt").write_text(f"---\ntitle: Karachi Port Fire (updated)\n---\n{body} Investigators were sent.\n")
    assistant.ingest([text])
    passages = assistant.retriever.retrieve("Why was the port of Karachi closed?", k=5)
    karachi = [p for p in passages if "Karachi" in p.chunk.text]
    assert len(karachi) == 1, [p.chunk.id for p in passages]


def test_committed_answerability_settings_decide_as_the_calibration_does(seed_assistant):
    """The committed refusal settings make the decisions a refit on this machine makes.

    What is checked is the decisions, not the fitted numbers: the embedding's float kernels differ
    slightly between x86-64 CPUs (AVX2 vs AVX-512; mean cosine ≥ 0.99999 between them), and the
    logistic fit has a nearly flat direction (its first weight refits to −0.19 on a Xeon with VNNI
    and −0.43 on an emulated AVX2-only CPU), so weights to two decimals are CPU-dependent while the
    decisions are not (the committed settings decide all 56 questions alike on both). Stated
    tolerance: at most one of the 56 calibration questions decided differently from the refit, the
    thresholds within 0.02, and balanced accuracy within 0.02 of the refit and ≥ 0.85.
    """
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("calibrate", ROOT / "scripts" / "calibrate_refusal.py")
    calibrate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calibrate)
    records = calibrate.load_records(ROOT / calibrate.CALIBRATION_SETS[0][0])
    x, y = calibrate.features(seed_assistant, records)
    fitted = calibrate.calibrate(x, y)
    settings = seed_assistant.settings
    committed = {
        "answer_above": settings.answer_above, "refuse_below": settings.refuse_below,
        "answerability_weights": settings.answerability_weights,
        "answerability_bias": settings.answerability_bias,
    }
    assert fitted["answer_above"] == pytest.approx(committed["answer_above"], abs=0.021)
    assert fitted["refuse_below"] == pytest.approx(committed["refuse_below"], abs=0.021)
    ours, refit = calibrate.decide(x, committed), calibrate.decide(x, fitted)
    differing = [r["question"] for r, a, b in zip(records, ours, refit) if a != b]
    assert len(differing) <= 1, differing

    def balanced(answered):
        return (answered[y == 1].mean() + (~answered[y == 0]).mean()) / 2

    assert balanced(ours) >= 0.85
    assert balanced(ours) == pytest.approx(balanced(refit), abs=0.02)


def test_follow_up_questions_are_rewritten_from_the_conversation(seed_assistant):
    answer = seed_assistant.ask("And what did Kabul say about it?", ["What triggered the strikes?"])
    assert answer.question == "And what did Kabul say about it?"
    assert answer.query == "What did Kabul say about the strikes?"
    standalone = seed_assistant.ask("What did the United Nations urge?", ["What triggered the strikes?"])
    assert standalone.query == "What did the United Nations urge?"  # not elliptical: searched as asked
    elliptical = seed_assistant.ask("And the casualties?", ["What triggered the strikes?"])
    assert elliptical.query == "And the casualties? (following up on: What triggered the strikes?)"


def test_a_refused_follow_up_is_worded_with_the_users_question_in_the_stream_too(seed_assistant):
    question = "And what is the boiling point of it?"
    pieces = list(seed_assistant.stream(question, ["What triggered the strikes?"]))
    answer = pieces[-1]
    assert answer.refused and answer.kind == "refusal"
    assert answer.query == "What is the boiling point of the strikes?"
    assert answer.text.startswith(f"The indexed articles don't answer “{question}” — the closest passages, from “")
    assert "?”." not in answer.text and ".”." not in answer.text  # no double punctuation
    assert "".join(pieces[:-1]) == answer.text  # what was streamed is what the answer says


def test_acronyms_are_spelled_out_from_the_passages(seed_assistant):
    answer = seed_assistant.ask("What did the UN urge?")
    assert not answer.refused and "maximum restraint" in answer.text


def test_follow_up_quotes_the_party_it_asks_about(seed_assistant):
    """"And what did Kabul say about it?" after "What triggered the strikes?" quotes Kabul's side."""
    answer = seed_assistant.ask("And what did Kabul say about it?", ["What triggered the strikes?"])
    assert not answer.refused
    assert "authorities in Kabul have condemned the bombardment" in answer.text
    assert "accused Pakistan of violating Afghan sovereignty" in answer.text
    assert "Durand Line" not in answer.text  # the trigger sentence is the other side's account
    assert_grounded(answer)


@pytest.mark.parametrize("question, history", [
    ("And what did Kabul say about it?", ["What triggered the strikes?"]),
    ("What did Afghan authorities say about the areas that were hit?", []),
    ("How did Afghan authorities respond to Pakistan's casualty figures?", []),
])
def test_markers_are_numbered_from_one_in_order_of_first_use(seed_assistant, question, history):
    answer = seed_assistant.ask(question, history)
    used = list(dict.fromkeys(markers(answer.text)))
    assert used == list(range(1, len(used) + 1)), answer.text
    assert [p.rank for p in answer.passages] == list(range(1, len(answer.passages) + 1))
    assert_grounded(answer)


def test_renumbering_keeps_each_marker_on_its_passage(seed_assistant):
    from dataclasses import replace

    from rag.citations import cite, renumber

    passages = seed_assistant.retriever.retrieve("What triggered the strikes?")
    third, first = passages[2], passages[0]
    quote = lambda p: (p.chunk.sentences[0][0], p.chunk.sentences[0][1])  # noqa: E731
    text = f"{third.chunk.text[:quote(third)[1] - third.chunk.start]} [3] Then [1][3]."
    answer = Answer(text=text, citations=(cite(3, third, *quote(third)), cite(1, first, *quote(first))),
                    passages=tuple(passages), refused=False)
    renumbered = renumber(answer)
    assert renumbered.text.endswith("[1] Then [2][1].")
    assert renumbered.passages[0].chunk.id == third.chunk.id and renumbered.passages[1].chunk.id == first.chunk.id
    assert {c.marker: c.chunk_id for c in renumbered.citations} == {1: third.chunk.id, 2: first.chunk.id}
    assert renumber(replace(answer, refused=True)) == replace(answer, refused=True)


def _table_rows():
    import importlib
    import pkgutil

    from rag.answering import tables
    from rag.question import answer_types

    # Every row of every table module, found rather than listed, so a new row (or module) cannot go
    # untested. A module may import another's rows: each row is checked once.
    modules = [importlib.import_module(f"{tables.__name__}.{m.name}") for m in pkgutil.iter_modules(tables.__path__)]
    assert len(modules) >= 5
    cues = {}
    for module in (*modules, answer_types):
        for value in vars(module).values():
            rows = value if isinstance(value, tuple) else (value,)
            rows = tuple(cue for row in rows for cue in (row if isinstance(row, tuple) else (row,)))  # pairs of cues
            found = [row for row in rows if isinstance(row, answer_types.Cue)]
            found += [cue for row in rows if isinstance(row, answer_types.AnswerType) for cue in (row.asks, row.holds)]
            cues.update((id(c), c) for c in found)
    assert len(cues) > 20
    return list(cues.values())


@pytest.mark.parametrize("cue", _table_rows(), ids=lambda c: c.name)
def test_every_table_row_matches_its_examples_and_misses_its_counterexamples(cue):
    assert cue.matches and cue.misses
    assert [m for m in cue.matches if not cue.search(m)] == []
    assert [m for m in cue.misses if cue.search(m)] == []


def test_answer_types_pick_the_first_matching_row():
    from rag.question.answer_types import expected_answer_type

    assert expected_answer_type("How many people died?").name == "quantity"
    assert expected_answer_type("How much did the bridge cost?").name == "money"
    assert expected_answer_type("How much did the river rise?").name == "quantity"
    assert expected_answer_type("How much money did the appeal raise?").name == "money"
    assert expected_answer_type("What percentage of voters backed it?").name == "share"
    assert expected_answer_type("How long is the border?").name == "length"
    assert expected_answer_type("How long have they clashed?").name == "duration"
    assert expected_answer_type("Why did the talks fail?") is None


def test_no_corpus_proper_noun_in_the_answering_code():
    from conftest import ROOT

    files = [*(ROOT / "rag" / "answering").glob("*.py")] + [
        ROOT / "rag" / f for f in ("citations.py", "retrieval.py", "langchain.py", "llm.py", "assistant.py")]
    source = "\n".join(p.read_text() for p in files).lower()
    for noun in ("pakistan", "afghan", "kabul", "taliban", "durand", "torkham", "islamabad"):
        assert noun not in source, noun


@pytest.mark.parametrize("question,sentence,holds", [
    ("Who won the Calder Cup final?", "The attendance was the highest for a Calder Cup final.", False),
    ("Who won the Calder Cup final?", "Kestrel City won the Calder Cup final on Saturday.", True),
    ("Who won the Calder Cup final?", "VELMORA, May 3, 2025 (Wire) — The Calder Cup final was held.", False),
    ("Who will chair the inquiry?", "Without that, the next flood will find the valley unprepared.", False),
    ("Who will chair the inquiry?", "Officials said a retired judge would lead it.", True),
    ("Who is the chief executive of Corvane Systems?", "Corvane Systems reported higher revenue.", False),
    ("What is the name of the group Pakistan blames?", "Chief among them is Tehrik-e-Taliban Pakistan.", True),
])
def test_who_and_name_questions_want_a_name_the_question_does_not_give(question, sentence, holds):
    from rag.answering.tables.kinds import holds_answer
    from rag.question.answer_types import expected_answer_type

    kind = expected_answer_type(question)
    assert kind is not None and kind.beyond_question
    assert holds_answer(kind, sentence, question) is holds


def test_a_sentence_opening_word_is_a_name_when_the_passage_uses_it_as_one():
    from rag.answering.tables.kinds import holds_answer
    from rag.question.answer_types import expected_answer_type

    question = "Who is currently in charge of the company?"
    kind = expected_answer_type(question)
    assert not holds_answer(kind, "Brenner, 61, will stay until December.", question)
    assert holds_answer(kind, "Brenner, 61, will stay until December.", question,
                        "The company said chief executive Alicia Brenner would retire.")


def test_corpus_stats_are_what_an_answerer_knows_beyond_the_passages(seed_assistant, embedder):
    """Without stats an answerer knows only the passages (no term is unknown to it); with them it
    knows which of the question's terms the index has never seen, and refuses the more surely."""
    from rag.answering import ExtractiveAnswerer

    question = "Who won the 2022 World Cup?"
    passages = seed_assistant.retriever.retrieve(question)
    stats = seed_assistant.retriever.corpus_stats(question, passages)
    assert set(stats.idf) == {"won", "2022", "world", "cup"} and "cup" not in stats.known
    assert stats.article_texts == {}  # no one named: no article read
    answerer = ExtractiveAnswerer(embedder, seed_assistant.settings)
    _, informed = answerer.assess(question, passages, stats, full=True)
    _, blind = answerer.assess(question, passages, full=True)
    assert informed.unknown > 0.3 and blind.unknown == 0.0
    assert informed.z < blind.z


@pytest.mark.parametrize("question, opening", [
    ("Which group has carried out attacks inside Pakistan?",  # not the strikes inside Afghanistan
     "Chief among these groups is Tehrik-e-Taliban Pakistan (TTP), which has carried out numerous attacks inside Pakistan"),
    ("What does Kabul deny?",  # not what Kabul condemned
     "Kabul has repeatedly denied offering sanctuary to foreign militants"),
    ("When did the strikes happen?",  # a time ("within hours"), not the trigger
     "Within hours, Pakistani aircraft reportedly carried out strikes deep inside Afghan territory"),
])
def test_the_sentence_that_answers_the_questions_subject_and_type_opens_the_answer(seed_assistant, question, opening):
    answer = seed_assistant.ask(question)
    assert answer.text.startswith(opening), answer.text
