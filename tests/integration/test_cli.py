"""The `rag` command end to end, in subprocesses, as a user runs it."""

import json
import os
import subprocess
import sys

import pytest

from conftest import ARTICLES, ROOT

RAG = [sys.executable, "-m", "rag.cli"]


def rag(*args, check_rc=0):
    proc = subprocess.run([*RAG, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert proc.returncode == check_rc, (proc.returncode, proc.stdout, proc.stderr)
    return proc


def test_cli_end_to_end(tmp_path):
    index = tmp_path / "idx"
    out = rag("ingest", ARTICLES, "--index", index).stdout
    assert "1 added, 0 replaced, 0 unchanged, 0 failed" in out
    assert "0 added, 0 replaced, 1 unchanged" in rag("ingest", ARTICLES, "--index", index).stdout

    answer = json.loads(rag("ask", "What triggered the strikes?", "--json", "--index", index).stdout)
    assert set(answer) >= {"text", "citations", "passages", "refused"}
    assert answer["refused"] is False and "Durand Line [1]." in answer["text"]
    citation = answer["citations"][0]
    assert citation["marker"] == 1 and citation["end"] > citation["start"]
    assert citation["quote"] in answer["passages"][0]["chunk"]["text"]
    assert answer["passages"][0]["score"] > 0 and answer["passages"][0]["rank"] == 1

    text = rag("ask", "Who won the 2022 World Cup?", "-k", "3", "--index", index).stdout
    assert text.startswith("The indexed articles don't answer “") and "Closest passages" in text
    listed = text.split("Closest passages:")[1]
    assert "\\n" not in listed, listed  # a snippet's paragraphs run on, no newline spelled out

    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "ferry.md").write_text("# Ferry Service Resumes\n\nThe ferry between the islands resumed on Sunday.\n")
    (extra / "broken.jsonl").write_text('{"title": "x"\n')
    proc = rag("ingest", extra, "--index", index, check_rc=1)
    assert "1 added" in proc.stdout
    assert f"failed: {extra / 'broken.jsonl'}:1 — malformed JSON" in proc.stderr
    assert "1 input(s) could not be ingested" in proc.stderr

    info = rag("info", "--index", index).stdout
    assert "2 articles" in info and "ferry  Ferry Service Resumes" in info
    assert "pakistan-airstrikes-on-kabul  Pakistan Launches Airstrikes on Kabul" in info
    assert "sentence-transformers/all-MiniLM-L6-v2" in info and "segments:  2" in info
    assert "((" not in info and "))" not in info and "check:     ok" in info

    assert "removed ferry" in rag("remove", "ferry", "--index", index).stdout
    info = rag("info", "--index", index).stdout
    assert "1 article," in info and "1 articles" not in info
    assert "1 → 1 segment(s), 1 article, 10 chunks" in rag("compact", "--index", index).stdout
    proc = rag("remove", "ferry", "--index", index, check_rc=1)
    assert proc.stderr.strip() == f"error: No article 'ferry' in the index at {index}; `rag info` lists them."


@pytest.mark.parametrize(
    "args, message",
    [
        (["ask", "anything", "--index", "/nonexistent/idx"], "error: No index at /nonexistent/idx"),
        (["info", "--index", "/nonexistent/idx"], "rag ingest ARTICLES... --index /nonexistent/idx"),
        (["ingest", "/nonexistent/articles", "--index", "{tmp}/i"], "does not exist"),
    ],
)
def test_cli_errors_are_one_line_without_traceback(tmp_path, args, message):
    proc = rag(*[a.replace("{tmp}", str(tmp_path)) for a in args], check_rc=1)
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_piped_into_head_exits_quietly(tmp_path):
    index = tmp_path / "idx"
    rag("ingest", ARTICLES, "--index", index)
    for args in (["info", "--index", index], ["--help"]):
        proc = subprocess.run(
            " ".join([*RAG, *map(str, args)]) + " | head -1", shell=True, cwd=ROOT, capture_output=True, text=True,
            timeout=120, env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        assert proc.returncode == 0 and proc.stdout.count("\n") == 1, proc
        assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


def test_eval_scores_a_gold_set_on_its_own_index_never_the_users(tmp_path):
    """Without --index, `rag eval` reads index/eval-<set> (what `make eval` builds), not
    index/default or $RAG_INDEX, which hold whatever the user uploaded."""
    gold = tmp_path / "mini.jsonl"
    gold.write_text("".join((ROOT / "eval" / "gold" / "seed.jsonl").read_text().splitlines(keepends=True)[:2]))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "RAG_INDEX": str(tmp_path / "index" / "default")}

    def run(*args):
        return subprocess.run([*RAG, *map(str, args)], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env,
                              check=False)

    assert run("ingest", ARTICLES, "--index", tmp_path / "index" / "default").returncode == 0  # the user's own index
    missing = run("eval", "--gold", gold, "--no-baseline", "--out", tmp_path / "report")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1, missing.stderr
    assert "No index for the gold set" in missing.stderr and "index/eval-mini/" in missing.stderr, missing.stderr
    assert not (tmp_path / "report").exists()

    assert run("ingest", ARTICLES, "--index", "index/eval-mini").returncode == 0
    done = run("eval", "--gold", gold, "--no-baseline", "--out", tmp_path / "report")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "report" / "report.json").read_text())["config"]["index"] == "index/eval-mini"
