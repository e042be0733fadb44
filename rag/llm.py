"""Chat models by name: an OpenAI-compatible endpoint, Ollama, or a local GGUF file.

Settings come from keyword arguments (the CLI's flags), else the environment
(`RAG_LLM_BASE_URL`, `RAG_LLM_MODEL`, `RAG_LLM_MODEL_PATH`, API key in `RAG_LLM_API_KEY` or
`OPENAI_API_KEY`), else a TOML file named by `RAG_CONFIG` with an `[llm]` table.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from rag.errors import ConfigError

KINDS = ("openai", "ollama", "llamacpp")


@dataclass(frozen=True)
class LLMConfig:
    kind: str
    base_url: str = ""
    model: str = ""
    model_path: str = ""
    api_key: str = field(default="", repr=False)
    timeout: float = 60.0  # seconds per request
    max_retries: int = 1
    max_tokens: int = 256  # answer length
    context_tokens: int = 2048  # the model's window; passages fill what the prompt leaves

    @classmethod
    def resolve(cls, kind: str, **given) -> "LLMConfig":
        """Flags (non-empty `given`) over environment over the `RAG_CONFIG` file."""
        if kind not in KINDS:
            raise ConfigError(f"Unknown answerer '{kind}'; choose extractive, {', '.join(KINDS)}.")
        values: dict = {}
        config_file = os.environ.get("RAG_CONFIG")
        if config_file:
            try:
                table = tomllib.loads(Path(config_file).read_text()).get("llm", {})
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"Cannot read RAG_CONFIG file {config_file} ({exc}).") from None
            unknown = set(table) - {f.name for f in fields(cls)}
            if unknown:
                raise ConfigError(f"{config_file} [llm]: unknown key(s) {sorted(unknown)}.")
            values.update(table)
        env = {
            "base_url": os.environ.get("RAG_LLM_BASE_URL"),
            "model": os.environ.get("RAG_LLM_MODEL"),
            "model_path": os.environ.get("RAG_LLM_MODEL_PATH"),
            "api_key": os.environ.get("RAG_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY"),
        }
        values.update({k: v for k, v in env.items() if v})
        values.update({k: v for k, v in given.items() if v not in (None, "")})
        values["kind"] = kind
        config = cls(**values)
        if kind == "llamacpp" and not config.model_path:
            raise ConfigError("--answerer llamacpp needs --model-path FILE (a GGUF model) or RAG_LLM_MODEL_PATH.")
        if kind in ("openai", "ollama") and not config.model:
            raise ConfigError(f"--answerer {kind} needs --model NAME (or RAG_LLM_MODEL).")
        if kind == "openai" and not config.base_url and not config.api_key:
            raise ConfigError("--answerer openai needs --base-url URL for a local server, or an API key in RAG_LLM_API_KEY.")
        return config

    def describe(self) -> str:
        where = self.model_path or self.base_url or "default endpoint"
        return f"{self.kind}:{self.model or Path(self.model_path).name} at {where}"



def chat_model(config: LLMConfig):
    """The LangChain chat model for `config`, deterministic (temperature 0), with timeouts."""
    if config.kind == "openai":
        from langchain_openai import ChatOpenAI

        # Self-hosted OpenAI-compatible servers (llama.cpp, older vLLM) read `max_tokens`, not the
        # newer `max_completion_tokens` that langchain-openai sends; without it they write until
        # the window is full.
        extra = {"extra_body": {"max_tokens": config.max_tokens}} if config.base_url else {}
        return ChatOpenAI(
            model=config.model, base_url=config.base_url or None, api_key=config.api_key or "not-needed",
            timeout=config.timeout, max_retries=config.max_retries, temperature=0.0, max_tokens=config.max_tokens,
            **extra,
        )
    if config.kind == "ollama":
        try:
            from langchain_ollama import ChatOllama
        except ImportError:
            raise ConfigError("The Ollama answerer needs langchain-ollama: pip install 'news-rag[ollama]'.") from None
        return ChatOllama(
            model=config.model, base_url=config.base_url or None, temperature=0.0, num_predict=config.max_tokens,
            client_kwargs={"timeout": config.timeout},
        )
    try:
        from langchain_community.chat_models import ChatLlamaCpp
        import llama_cpp  # noqa: F401
    except ImportError:
        raise ConfigError("The llamacpp answerer needs llama-cpp-python: pip install 'news-rag[local-llm]'.") from None
    if not Path(config.model_path).is_file():
        raise ConfigError(f"No GGUF model file at {config.model_path}.")
    return ChatLlamaCpp(
        model_path=config.model_path, n_ctx=config.context_tokens, max_tokens=config.max_tokens,
        temperature=0.0, verbose=False, n_threads=max(1, os.cpu_count() or 1),
    )


@contextlib.contextmanager
def llama_cpp_server(model_path: str, *, alias: str = "local", context_tokens: int = 2048, threads: int = 2,
                     start_timeout: float = 120.0) -> Iterator[str]:
    """Run llama.cpp's OpenAI-compatible server on a free loopback port; yields its base URL.

    For tests and benchmarks: the `openai` answerer talks to it as to any hosted endpoint.
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", model_path, "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", str(context_tokens), "--n_threads", str(threads), "--n_threads_batch", str(threads),
         "--model_alias", alias],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.time() + start_timeout
        while True:
            try:
                urllib.request.urlopen(f"{url}/models", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    raise ConfigError(f"llama_cpp.server exited at start-up (model {model_path}).") from None
                if time.time() > deadline:
                    raise ConfigError(f"llama_cpp.server did not start within {start_timeout:.0f} s.") from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
