"""Big single articles: refused above `max_article_chunks` (named, fast, memory bounded); below it,
embedded with progress shown while the one article is embedded."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from rag import Assistant, Settings
from test_fuzz_ingest import run_cli as run_measured  # exit code, output and peak RSS of a CLI run

ROOT = Path(__file__).resolve().parents[2]
GOOD = "The harbour ferry reopened on Monday after repairs to the pier, officials said."
WORDS = ("the council said on tuesday that budget for new bridge would rise by percent after engineers found "
         "cracks in river piers officials warned traffic delays residents protested outside city hall").split()


def one_line_article(size: int, seed: int = 1) -> str:
    """A title, then one line of `size` characters of sentences (the shape of a pasted dump)."""
    rng = random.Random(seed)
    sentences, n = [], 0
    while n < size:
        s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize() + f" {rng.randint(1, 9999)}."
        sentences.append(s)
        n += len(s) + 1
    return "Big Report\n\n" + " ".join(sentences)[:size] + "\n"


def run_cli(*args: str, cwd: Path) -> tuple[int, str, str, int, float]:
    """`python -m rag.cli ARGS` → exit code, stdout, stderr, peak RSS (bytes) and wall seconds."""
    started = time.monotonic()
    return (*run_measured(*args, cwd=cwd), time.monotonic() - started)


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory) -> int:
    """Peak RSS of `rag ingest` of one small article: the model, the runtime and the store."""
    work = tmp_path_factory.mktemp("baseline")
    (work / "in").mkdir()
    (work / "in" / "good.txt").write_text(GOOD)
    code, _, err, rss, _ = run_cli("ingest", str(work / "in"), "--index", str(work / "index"), cwd=work)
    assert code == 0, err
    return rss


def test_a_ten_megabyte_one_line_article_is_refused_fast_named_and_memory_bounded(tmp_path, baseline_rss):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dump.txt").write_text(one_line_article(9_900_000))
    (folder / "good.txt").write_text(GOOD)
    code, out, err, rss, seconds = run_cli("ingest", str(folder), "--index", str(tmp_path / "index"), cwd=tmp_path)
    assert code == 1 and "Traceback" not in err, err[-2000:]
    failures = [line for line in err.splitlines() if line.startswith("failed:")]
    assert failures == [
        f"failed: {folder / 'dump.txt'} — article 'dump' is too long to index: it makes more than 5,000 passages "
        "(max_article_chunks); split it into separate articles or raise max_article_chunks"
    ]
    assert "1 added" in out and "1 failed" in out
    # Before the cap it made 38,819 chunks, grew by 1.4 GB and committed nothing in 150 s.
    assert seconds < 90, f"took {seconds:.0f}s"
    assert rss - baseline_rss < 400e6, f"peak RSS grew by {(rss - baseline_rss) / 1e6:.0f} MB"


def test_a_big_article_under_the_cap_shows_progress_while_it_is_embedded(tmp_path, baseline_rss):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long-report.txt").write_text(one_line_article(300_000))
    code, out, err, rss, _ = run_cli("ingest", str(folder), "--index", str(tmp_path / "index"), cwd=tmp_path)
    assert code == 0 and "Traceback" not in err, err[-2000:]
    match = re.search(r"1 added, .* \((\d+) chunks embedded", out)
    assert match and int(match.group(1)) > 512, out
    total = int(match.group(1))
    # The progress line moves while the one article is embedded: chunk counts before it is done.
    shown = [int(n) for n in re.findall(r"0/1 \[[^\]]*?(\d+) chunks embedded\]", err)]
    assert {256, 512} <= set(shown) and max(shown) < total, err[-1500:]
    assert rss - baseline_rss < 300e6, f"peak RSS grew by {(rss - baseline_rss) / 1e6:.0f} MB"
    code, info, _, _, _ = run_cli("info", "--index", str(tmp_path / "index"), cwd=tmp_path)
    assert code == 0 and f"long-report  Big Report  [{total} chunks]" in info, info


def test_the_cap_is_a_setting_and_a_refused_article_leaves_nothing_behind(tmp_path, embedder):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(one_line_article(20_000))
    (folder / "good.txt").write_text(GOOD)
    settings = Settings(max_article_chunks=10)
    assistant = Assistant.build([folder], tmp_path / "index", settings=settings, embedder=embedder)
    report = assistant.last_report
    assert report.added == ("good",)
    (failure,) = report.failed
    assert failure.path == str(folder / "long.txt")
    assert failure.problem.startswith("article 'long' is too long to index: it makes more than 10 passages")
    assert [a.id for a in assistant.articles()] == ["good"]
    # Within the cap it goes in whole.
    roomy = Assistant.open(tmp_path / "index", settings=Settings(max_article_chunks=1_000), embedder=embedder)
    report = roomy.ingest([folder])
    assert report.added == ("long",) and report.unchanged == ("good",) and 10 < report.chunks_added <= 1_000
