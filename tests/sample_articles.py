"""Small articles several test tiers ask about (one copy each, imported like tests/ui_driver.py)."""

TOLLS = """---
title: Mayor Sets Out Congestion Toll Plan
source: Harbour City Courier
published: 2024-03-04
---
Mayor Elena Brandt said on Monday that a congestion toll of four euros will apply to cars entering the old town on weekdays.

Brandt said the money raised by the toll would pay for two new tram lines to the eastern suburbs.

She said cyclists would get 14 kilometres of protected lanes along the river, built by the end of next year.

Shopkeepers in the old town warned that the toll could keep customers away.
"""


def report(title: str, source: str, published: str, body: str) -> str:
    """A dated article in the front-matter format the readers take."""
    return f"---\ntitle: {title}\nsource: {source}\npublished: {published}\n---\n{body}\n"


def index_of(folder, articles: dict, embedder):
    """An `Assistant` over `articles` (file name → text), written into `folder`, indexed in `folder/index`."""
    from rag import Assistant

    for name, text in articles.items():
        (folder / name).write_text(text)
    return Assistant.build([folder], folder / "index", embedder=embedder)
