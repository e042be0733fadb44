"""Edge values of a request (question, k, as_of) are refused at the edge, the same way everywhere.

`rag.question.validate_request` is the one check; each value goes through the `rag ask` command
(a subprocess), the web API (gradio_client against a real server) and `Assistant.ask`, and each
answer is one message naming the field and what it allows: no traceback, exit code 1 at the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from rag.errors import RagError, RequestError
from conftest import ROOT, free_port

QUESTION = "What triggered the strikes?"
NOT_TEXT = "is not text"
K_RULE = "k (the number of passages) is"
K_ALLOWED = "give a whole number from 1 to 50"
AS_OF_RANGE = "is out of range; give the day the question is asked on from 1000-01-01 to 8999-12-31"
AS_OF_FORMAT = "is not a date; give the day the question is asked on as YYYY-MM-DD"

# (what, question, k, as_of, what the message must say); None for a field leaves it out.
REFUSED = [
    ("k is NaN", QUESTION, float("nan"), None, (K_RULE, K_ALLOWED)),
    ("k is 2.5", QUESTION, 2.5, None, (K_RULE, K_ALLOWED)),
    ("k is 0", QUESTION, 0, None, (K_RULE, K_ALLOWED)),
    ("k is 51", QUESTION, 51, None, (K_RULE, K_ALLOWED)),
    ("k is a word", QUESTION, "five", None, (K_RULE, K_ALLOWED)),
    ("k is True", QUESTION, True, None, (K_RULE, K_ALLOWED)),
    ("as_of is the last day a date holds", QUESTION, None, "9999-12-31", ("as_of 9999-12-31", AS_OF_RANGE)),
    ("as_of has trailing garbage", QUESTION, None, "2024-01-01garbage", ("as_of '2024-01-01garbage'", AS_OF_FORMAT)),
    ("as_of is not a date", QUESTION, None, "last tuesday", ("as_of 'last tuesday'", AS_OF_FORMAT)),
    ("question holds a lone surrogate", "What \ud800 triggered the strikes?", None, None, ("U+D800", NOT_TEXT)),
]


def _cli(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], cwd=ROOT, capture_output=True, timeout=300,
                          env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}, **kwargs)


def _assert_one_line_error(proc: subprocess.CompletedProcess, says) -> None:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert "Traceback" not in err and proc.stdout == b""
    for part in says:
        assert part in err, err


# ----- Python ------------------------------------------------------------------------------------

@pytest.mark.parametrize("what, question, k, as_of, says", REFUSED, ids=[r[0] for r in REFUSED])
def test_python_refuses(seed_assistant, what, question, k, as_of, says):
    with pytest.raises(RequestError) as raised:
        seed_assistant.ask(question, k=k, as_of=as_of)
    assert isinstance(raised.value, RagError)
    for part in says:
        assert part in str(raised.value), str(raised.value)


@pytest.mark.parametrize("as_of", [dt.date.max, dt.date.min, dt.datetime.max])
def test_python_refuses_dates_at_the_ends_of_the_calendar(seed_assistant, as_of):
    with pytest.raises(RequestError, match=AS_OF_RANGE):
        seed_assistant.ask("What happened in the past week?", as_of=as_of)


def test_python_refuses_an_undecodable_byte_from_the_command_line(seed_assistant):
    question = b"What \xff triggered the strikes?".decode("utf-8", "surrogateescape")
    with pytest.raises(RequestError, match=f"U\\+DCFF at character 6, which {NOT_TEXT}"):
        seed_assistant.ask(question)


@pytest.mark.parametrize("k", ["5", " 5 ", 5.0, np.int64(5)])
def test_a_whole_number_k_in_another_type_is_taken(seed_assistant, k):
    answer = seed_assistant.ask(QUESTION, k=k, as_of="2026-01-01")
    assert not answer.refused and "Durand Line" in answer.text and len(answer.passages) == 5


@pytest.mark.parametrize("as_of", ["2025-03-01", " 2025-03-01 ", "2025-03-01T10:30:00", dt.date(1000, 1, 1),
                                   dt.date(8999, 12, 31)])
def test_dates_inside_the_range_are_taken(seed_assistant, as_of):
    for question in ("What happened in the past week?", "What is the latest on the strikes?", "What happened next year?"):
        assert seed_assistant.ask(question, as_of=as_of).text


# ----- the command line --------------------------------------------------------------------------

@pytest.mark.parametrize("what, question, k, as_of, says",
                         [r for r in REFUSED if "surrogate" not in r[0]], ids=[r[0] for r in REFUSED if "surrogate" not in r[0]])
def test_cli_refuses_in_one_line(seed_index, what, question, k, as_of, says):
    args = ["ask", question, "--index", str(seed_index)]
    args += ["-k", str(k)] if k is not None else []
    args += ["--as-of", as_of] if as_of is not None else []
    _assert_one_line_error(_cli(*args), says)


def test_cli_refuses_a_question_with_a_byte_that_is_not_utf8(seed_index):
    proc = _cli(b"ask", b"What \xff triggered the strikes?", b"--index", str(seed_index).encode())
    _assert_one_line_error(proc, ("U+DCFF at character 6", NOT_TEXT))


def test_cli_takes_a_datetime_as_of_and_answers(seed_index):
    proc = _cli("ask", QUESTION, "--index", str(seed_index), "-k", "3", "--as-of", "2026-01-01T08:00:00")
    assert proc.returncode == 0, proc.stderr
    assert "Durand Line" in proc.stdout.decode()


# ----- the web API -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def api(seed_assistant):
    from gradio_client import Client

    from ui.app import build_app, launch_kwargs, launch_options

    app = build_app(seed_assistant)
    app.queue()
    port = free_port()
    app.launch(**launch_kwargs(launch_options("127.0.0.1", port, allow_unauthenticated=False, env={}), seed_assistant),
               prevent_thread_lock=True, quiet=True)
    yield Client(f"http://127.0.0.1:{port}", verbose=False)
    app.close()


def _raw_call(url: str, body: str) -> str:
    """The web API called over plain HTTP with `body` as sent (gradio_client will not send NaN):
    what its event stream says."""
    import urllib.request

    post = urllib.request.Request(f"{url}/gradio_api/call/ask", data=body.encode(), method="POST",
                                  headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(post, timeout=60) as response:
        event = json.load(response)["event_id"]
    with urllib.request.urlopen(f"{url}/gradio_api/call/ask/{event}", timeout=120) as response:
        return response.read().decode()


@pytest.mark.parametrize("what, question, k, as_of, says", REFUSED, ids=[r[0] for r in REFUSED])
def test_api_refuses_with_the_message(api, capfd, what, question, k, as_of, says):
    if k != k or not question.isascii():
        # gradio_client sends neither NaN (not JSON, but the server's parser takes the literal)
        # nor a lone surrogate (a valid JSON escape): plain HTTP does.
        body = json.dumps({"data": [question, 5 if k is None else k, as_of or ""]})
        message = _raw_call(api.src.rstrip("/"), body)
        assert "event: error" in message, message
        message = json.loads(message.split("data:", 1)[1].strip())["error"]
    else:
        with pytest.raises(Exception) as raised:
            api.predict(question, 5 if k is None else k, "" if as_of is None else as_of, api_name="/ask")
        message = str(raised.value)
    for part in says:
        assert part.replace("'", "&#x27;") in message or part in message, message
    assert "TextEncodeInput" not in message and "Traceback" not in capfd.readouterr().err


def test_api_answers_with_k_as_text_and_a_stated_day(api):
    result = api.predict(QUESTION, "5", "2026-01-01", api_name="/ask")
    assert result["refused"] is False and "Durand Line" in result["answer"] and len(result["passages"]) == 5
