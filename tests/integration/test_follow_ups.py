"""Conversations over a real index of articles written here: "Tell me more." quotes what the
earlier answers did not, and a follow-up's month alone is read against the story's date."""

from __future__ import annotations

import pytest

from conftest import ROOT
from rag import Assistant
from rag.question import Turn

ARCHIVE = ROOT / "data" / "archive-dev" / "articles"

TOLLS = """---
title: Mayor Brandt Sets Out Congestion Toll Plan
source: Harbour City Courier
published: 2024-03-04
---
Mayor Elena Brandt said on Monday that a congestion toll of four euros will apply to cars entering the old town on weekdays.

Brandt said the money raised by the toll would pay for two new tram lines to the eastern suburbs.

The mayor also said that residents of the old town and delivery vans before ten in the morning would be exempt from the charge.

Brandt promised that bus fares would be cut by a third from the day the toll starts.

She said the council would publish a review of traffic and air quality after the first year.

Shopkeepers in the old town warned that the toll could keep customers away.
"""

PORT = """---
title: Port Workers Reject Pay Offer
source: Coastal Gazette
published: 2023-09-14
---
Dock workers at the port of Velden voted on Wednesday to reject the operator's latest pay offer, the union said.

The union said the offer of a four percent rise fell short of inflation, and members backed a ban on overtime.

The operator and the union have agreed that formal talks on a new contract will begin in November, with a mediator chairing them.

A spokesperson for the operator said it hoped to reach a deal before the end of the year.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    """The two articles uploaded to an archive of some sixty others (a few seconds to build)."""
    folder = tmp_path_factory.mktemp("conversation")
    (folder / "articles").mkdir()
    (folder / "articles" / "brandt-tolls.md").write_text(TOLLS)
    (folder / "articles" / "port-pay.md").write_text(PORT)
    built = Assistant.build([ARCHIVE, folder / "articles"], folder / "index", embedder=embedder)
    assert {"brandt-tolls", "port-pay"} <= set(built.last_report.added) and not built.last_report.failed
    return built


def quotes(answer) -> set[str]:
    return {c.quote for c in answer.citations}


def test_tell_me_more_quotes_what_the_earlier_answers_did_not(assistant):
    first = assistant.ask("What did Mayor Elena Brandt say about tolls?")
    assert not first.refused and "congestion toll of four euros" in first.text
    history, shown = [first], quotes(first)
    more = assistant.ask("Tell me more.", history)
    assert more.kind == "answer" and not more.refused, more.text
    assert quotes(more) and not quotes(more) & shown, more.text  # other sentences, none quoted before
    assert "congestion toll of four euros" not in more.text
    assert all(c.article_id == "brandt-tolls" for c in more.citations)  # still the mayor's tolls
    history.append(more)
    shown |= quotes(more)
    third = assistant.ask("Tell me more.", history)
    if third.kind == "nothing_more":
        assert third.refused and third.citations == ()
    else:
        assert quotes(third) and not quotes(third) & shown, third.text  # it moves on again
    # Asked on, it never repeats a sentence and ends by saying plainly that nothing more is held.
    for more in ("What else?", "Go on.", "Tell me more.", "Anything else?", "Tell me more."):
        history.append(third)
        shown |= quotes(third)
        third = assistant.ask(more, history)
        assert not quotes(third) & shown, third.text
        if third.kind == "nothing_more":
            break
    assert third.kind == "nothing_more" and third.refused
    assert third.text == ("The indexed articles hold nothing more on “What did Mayor Elena Brandt say about "
                          "tolls?” than what was shown above.")
    assert "port" not in " ".join(shown).lower()  # the other article was never passed off as more on tolls


def test_turns_carry_what_was_quoted_as_answers_do(assistant):
    first = assistant.ask("What did Mayor Elena Brandt say about tolls?")
    by_answer = assistant.ask("Tell me more.", [first])
    by_turn = assistant.ask("Tell me more.", [Turn.of(first)])
    assert by_turn.text == by_answer.text and by_turn.citations == by_answer.citations
    streamed = list(assistant.stream("Go on.", [Turn(first.question, Turn.of(first).quoted)]))
    assert "".join(p for p in streamed[:-1]) == streamed[-1].text == by_answer.text


def test_a_follow_ups_month_is_read_against_the_storys_date(assistant):
    first = assistant.ask("Why did the port workers reject the pay offer?", as_of="2026-12-05")
    assert not first.refused and all(c.article_id == "port-pay" for c in first.citations)
    answer = assistant.ask("And what will happen in November?", [first], as_of="2026-12-05")
    assert not answer.refused and answer.kind == "answer", answer.text
    assert "formal talks on a new contract will begin in November" in answer.text
    assert "2026" not in answer.text
    # The same with the first question as text only.
    again = assistant.ask("And what will happen in November?", [first.question], as_of="2026-12-05")
    assert again.text == answer.text
    # A month the story says nothing of is refused, claiming no year the question did not give.
    march = assistant.ask("And what will happen in March?", [first], as_of="2026-12-05")
    assert march.refused and march.kind == "near_miss", march.text
    assert march.text.startswith("The articles don't answer this for March;") and "2026" not in march.text


def scripted(assistant, reply: str):
    """A chat answerer whose model replies `reply` (LangChain's fake chat model, streamed)."""
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    from rag.answering import ChatModelAnswerer
    from rag.citations import SupportJudge

    return ChatModelAnswerer(
        GenericFakeChatModel(messages=iter([AIMessage(reply)])), name="scripted", embedder=assistant.embedder,
        settings=assistant.settings, judge=SupportJudge(assistant.embedder), fallback=assistant.answerers["extractive"],
    )


def test_a_chat_models_tell_me_more_does_not_repeat_what_was_shown(assistant):
    from rag.question import read

    first = assistant.ask("What did Mayor Elena Brandt say about tolls?")
    query = read("Tell me more.", [first])
    passages = assistant.retriever.retrieve(query)
    toll = "Mayor Elena Brandt said on Monday that a congestion toll of four euros will apply to cars entering the old town"
    fares = "Brandt promised that bus fares would be cut by a third from the day the toll starts"
    answer = scripted(assistant, f"{toll} on weekdays [1]. {fares} [1].").answer(query, passages)
    assert fares in answer.text and toll not in answer.text, answer.text
    assert not {c.quote for c in answer.citations} & quotes(first)
    only_repeats = scripted(assistant, f"{toll} on weekdays [1].").answer(query, passages)
    assert only_repeats.notice == ("The language model's answer repeated what was shown above; "
                                   "this is the extractive answer.")
    assert toll not in only_repeats.text and not only_repeats.refused
    assert not {c.quote for c in only_repeats.citations} & quotes(first)


def test_a_passage_whose_every_sentence_was_quoted_gives_its_place_to_the_next(seed_assistant):
    from rag.question import Quoted, read

    first = seed_assistant.retriever.retrieve(read("What triggered the strikes?"))
    top = first[0].chunk
    turn = Turn("What triggered the strikes?", tuple(Quoted(top.article_id, a, b) for a, b in top.sentences))
    again = seed_assistant.retriever.retrieve(read("Tell me more.", [turn]))
    assert top.id not in {p.chunk.id for p in again}
    assert [p.chunk.id for p in again][:len(first) - 1] == [p.chunk.id for p in first[1:]]
    partly = Turn(turn.question, turn.quoted[:1])  # a sentence of it is left: it is still shown
    assert top.id in {p.chunk.id for p in seed_assistant.retriever.retrieve(read("Tell me more.", [partly]))}
