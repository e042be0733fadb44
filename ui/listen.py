"""Whether `rag serve` can listen where it was asked: checked before Gradio or the model is loaded."""

from __future__ import annotations

import errno
import socket

from rag.errors import RagError


class PortInUse(RagError):
    """The port `rag serve` was asked to listen on is taken."""


def check_port(host: str, port: int) -> None:
    """Fail fast, with one line, when the port is taken (before the model is loaded)."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise RagError(f"Cannot listen on {host}: {exc.strerror}; check --host.") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            s.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise port_in_use(host, port) from None
            raise RagError(f"Cannot listen on {host}:{port} ({exc.strerror}); check --host and --port.") from None


def port_in_use(host: str, port: int) -> PortInUse:
    return PortInUse(f"port {port} on {host} is already in use; choose another with --port N (or $RAG_UI_PORT).")
