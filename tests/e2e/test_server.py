"""`rag serve` as users run it: startup messages, a taken port, a CLI change beside it, throttled logins."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT, free_port

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}


def rag(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, env=ENV,
                          timeout=180, **kwargs)


def test_port_in_use_is_one_line_and_exit_2(seed_index):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        started = time.perf_counter()
        done = rag("serve", "--index", str(seed_index), "--port", str(port))
        seconds = time.perf_counter() - started
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(port) in lines[0] and "--port" in lines[0] and "Traceback" not in done.stderr
    assert "GRADIO_SERVER_PORT" not in done.stderr
    assert "loading model" not in done.stderr  # refused before the model is loaded
    print(f"port in use refused in {seconds:.1f} s")


@pytest.fixture(scope="module")
def served(seed_index, tmp_path_factory):
    """A real `rag serve` process over a private copy of the seed index."""
    index = tmp_path_factory.mktemp("served") / "index"
    shutil.copytree(seed_index, index)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "serve", "--index", str(index), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )
    stderr: list[str] = []
    threading.Thread(target=lambda: stderr.extend(proc.stderr), daemon=True).start()
    started = time.perf_counter()
    ready = proc.stdout.readline()  # blocks until the first stdout line: "ready at …"
    ready_s = time.perf_counter() - started
    try:
        assert ready.strip() == f"ready at http://127.0.0.1:{port}", (ready, stderr)
        assert any("loading model" in line for line in stderr), stderr
        print(f"rag serve ready in {ready_s:.1f} s")
        yield f"http://127.0.0.1:{port}", index, stderr
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_server_sees_what_the_cli_commits(served, tmp_path):
    from gradio_client import Client

    url, index, stderr = served
    client = Client(url, verbose=False)
    question = "Which bridge over the estuary reopened?"
    assert client.predict(question, 3, api_name="/ask")["refused"] is True

    article = tmp_path / "estuary-bridge.md"
    article.write_text("# Estuary Bridge Reopens\n\nThe Kessock estuary bridge reopened to traffic on Tuesday "
                       "after six weeks of repairs to its expansion joints, the roads agency said.\n")
    done = rag("ingest", str(article), "--index", str(index))
    assert done.returncode == 0, done.stderr
    result = client.predict(question, 3, api_name="/ask")
    assert result["refused"] is False and "Kessock" in result["answer"], result
    assert result["citations"][0]["article_id"] == "estuary-bridge"

    done = rag("remove", "estuary-bridge", "--index", str(index))
    assert done.returncode == 0, done.stderr
    assert all(p["article_id"] != "estuary-bridge" for p in client.predict(question, 5, api_name="/ask")["passages"])
    assert not any("Traceback" in line for line in stderr), "".join(stderr)


# ----- logins ----------------------------------------------------------------------------


def test_throttle_locks_address_and_user_name_and_expires():
    from ui.login import LoginLocked, LoginThrottle

    now = [0.0]
    throttle = LoginThrottle("ana", "s3cret", max_failures=3, window_s=60, lockout_s=10, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.attempt("ana", "wrong", "10.0.0.1") is False
    with pytest.raises(LoginLocked):  # the address is locked, even with the right password
        throttle.attempt("ana", "s3cret", "10.0.0.1")
    with pytest.raises(LoginLocked):  # so is the user name, from another address
        throttle.attempt("ANA", "s3cret", "10.0.0.2")
    assert throttle.attempt("bob", "wrong", "10.0.0.3") is False  # others are not affected
    now[0] = 10.5
    assert throttle.attempt("ana", "s3cret", "10.0.0.1") is True  # after the lockout it works again
    for _ in range(3):
        throttle.attempt("eve", "wrong", "10.0.0.9")
    now[0] += 10.5  # the first lockout (10 s) is over; three more failures lock for 20 s
    for _ in range(3):
        throttle.attempt("eve", "wrong", "10.0.0.9")
    now[0] += 15
    with pytest.raises(LoginLocked):
        throttle.attempt("eve", "wrong", "10.0.0.9")
    now[0] += 6
    assert throttle.attempt("eve", "wrong", "10.0.0.9") is False


def test_password_guessing_is_locked_out_on_a_real_server(seed_assistant, caplog):
    import httpx

    from ui.app import build_app, launch_kwargs, launch_options

    env = {"RAG_UI_USERNAME": "ana", "RAG_UI_PASSWORD": "s3cret", "RAG_UI_LOGIN_MAX_FAILURES": "5",
           "RAG_UI_LOGIN_LOCKOUT_SECONDS": "2"}
    app = build_app(seed_assistant)
    port = free_port()
    options = launch_options("127.0.0.1", port, allow_unauthenticated=False, env=env)
    app.launch(**launch_kwargs(options, seed_assistant), prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{port}/login"
    try:
        with httpx.Client(timeout=30) as http, caplog.at_level("WARNING", logger="rag.ui.login"):
            statuses = []
            started = time.perf_counter()
            for i in range(20):
                statuses.append(http.post(url, data={"username": "ana", "password": f"guess-{i}"}).status_code)
            seconds = time.perf_counter() - started
            assert statuses[:5] == [400] * 5 and statuses[5:] == [429] * 15, statuses
            locked = http.post(url, data={"username": "ana", "password": "s3cret"})
            assert locked.status_code == 429 and "try again in" in locked.json()["detail"]
            time.sleep(2.2)
            assert http.post(url, data={"username": "ana", "password": "s3cret"}).status_code == 200
        assert any("failed login" in r.getMessage() for r in caplog.records)
        assert any("login locked" in r.getMessage() for r in caplog.records)
        print(f"20 wrong passwords: {statuses.count(400)} checked, {statuses.count(429)} refused as locked, "
              f"in {seconds:.2f} s")
    finally:
        app.close()
