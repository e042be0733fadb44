"""A dated report shown by two or more later passages is shown by its opening instead of its weakest
(`rag.retrieval._with_leads`): its news is told by its lead. The opening is its first passage that
holds a sentence's words, not a page's section label ("Premier Division") in a passage of its own."""

from __future__ import annotations

from rag.records import ArticleMeta, Chunk
from rag.retrieval import _with_leads
from rag.store import StoredChunk

META = ArticleMeta(title="Rovers sack their coach", source="Sportline", published="2022-11-07")
LABEL = "Premier Division"
LEAD = "Harbour Rovers sacked head coach Piet Alder on Sunday night, hours after a 3-0 home defeat."
LATER = ["Assistant coach Greta Holm will take charge of the first team on an interim basis.",
         "Alder was appointed in June 2019 and took Rovers to fifth place in his first full season."]


def _stored(key: int, text: str, start: int) -> StoredChunk:
    chunk = Chunk(id=f"c{key}", article_id="a1", title=META.title, section="", text=text, start=start,
                  end=start + len(text))
    return StoredChunk(key=key, chunk=chunk, meta=META)


def test_the_opening_is_the_lead_not_a_section_label():
    label, lead = _stored(0, LABEL, 0), _stored(1, LEAD, 20)
    later = [_stored(2, LATER[0], 130), _stored(3, LATER[1], 230)]
    chosen = [(2, later[0]), (3, later[1])]
    shown = _with_leads(chosen, [(0, label), (1, lead), (2, later[0]), (3, later[1])])
    assert [stored.chunk.text for _, stored in shown] == [LATER[0], LEAD]


def test_a_report_already_shown_by_its_opening_is_left_as_it_is():
    label, lead, later = _stored(0, LABEL, 0), _stored(1, LEAD, 20), _stored(2, LATER[0], 130)
    chosen = [(1, lead), (2, later)]
    assert _with_leads(chosen, [(0, label), (1, lead), (2, later)]) == chosen
