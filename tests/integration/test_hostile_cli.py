"""Article data printed by the `rag` command cannot drive the terminal or forge a line of its output."""

import json
import os
import subprocess
import sys

from conftest import ARTICLES, ROOT

ESC = "\x1b"
# Clear screen, set the window title (OSC 0), write the clipboard (OSC 52), an 8-bit CSI, a bidi override.
HOSTILE_ID = f"evil{ESC}[2J{ESC}[H"
HOSTILE_TITLE = f"Budget Vote{ESC}]0;pwned{chr(7)}{ESC}]52;c;cm0gLXJmIH4={chr(7)}\u202e"
HOSTILE_SOURCE = "Wire\ncheck:     ok\x9b31m"


def rag(*args):
    proc = subprocess.run([sys.executable, "-m", "rag.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)})
    return proc


def test_control_characters_from_articles_are_printed_escaped(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    record = {"id": HOSTILE_ID, "title": HOSTILE_TITLE, "source": HOSTILE_SOURCE, "published": "2025-03-05",
              "text": "The city council approved the harbour budget on Wednesday after a long debate."}
    (articles / "evil.jsonl").write_text(json.dumps(record) + "\n")
    index = tmp_path / "idx"
    done = rag("ingest", ARTICLES, articles, "--index", index)
    assert done.returncode == 0, done.stderr

    info = rag("info", "--index", index)
    assert info.returncode == 0, info.stderr
    ask = rag("ask", "When did the city council approve the harbour budget?", "--index", index)
    assert ask.returncode == 0, ask.stderr
    assert "Wednesday" in ask.stdout and "Budget Vote" in ask.stdout
    as_json = rag("ask", "When did the city council approve the harbour budget?", "--json", "--index", index)
    assert json.loads(as_json.stdout)["citations"][0]["title"] == HOSTILE_TITLE  # data intact, only escaped
    for out in (info.stdout, info.stderr, ask.stdout, ask.stderr, as_json.stdout):
        assert ESC not in out and chr(7) not in out and "\x9b" not in out and "\u202e" not in out, out
    assert [line for line in info.stdout.splitlines() if line.startswith("check:")] == ["check:     ok"]
    assert not any(line.startswith("check:") for line in ask.stdout.splitlines())
    # The escapes are shown, readable, on the article's own line.
    line = next(line for line in info.stdout.splitlines() if "evil" in line)
    assert r"evil\x1b[2J\x1b[H  Budget Vote\x1b]0;pwned\x07\x1b]52;c;cm0gLXJmIH4=\x07\u202e" in line
    assert r"Wire\ncheck:     ok\x9b31m" in line
    assert r"Wire\ncheck:     ok\x9b31m" in ask.stdout
