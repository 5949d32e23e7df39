"""Finding and checking model servers, against the scripted server on loopback."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from desktop_assistant.assistant.llm import ModelConfig
from desktop_assistant.assistant.model_errors import (
    AuthenticationFailed,
    ModelNotFound,
    Unreachable,
)
from desktop_assistant.assistant.providers import (
    LOCAL_SERVERS,
    FoundServer,
    LocalServer,
    check_connection,
    list_models,
    probe_local_servers,
)
from tests.support.openai_server import Fault, ScriptedServer, Text


def port_of(server: ScriptedServer) -> int:
    return int(server.base_url.rsplit(":", 1)[1].split("/")[0])


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _NotOpenAI(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html>an intranet page</html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def other_web_server() -> Iterator[int]:
    """Something on a port that answers HTTP, but not like OpenAI."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotOpenAI)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def config(server: ScriptedServer, model: str = "test-model", key: str = "k") -> ModelConfig:
    return ModelConfig("compatible", model, server.base_url, key, timeout=5.0, max_retries=0)


def test_the_usual_local_servers_are_probed() -> None:
    assert [(s.name, s.port) for s in LOCAL_SERVERS] == [
        ("Ollama", 11434), ("LM Studio", 1234), ("llama.cpp", 8080), ("vLLM", 8000)
    ]


def test_probe_finds_the_server_and_its_models(server: ScriptedServer) -> None:
    found = probe_local_servers(ports=[("Scripted", port_of(server))])
    assert found == [FoundServer("Scripted", server.base_url, ("other-model", "test-model"))]
    assert found[0].describe() == f"Scripted at {server.base_url} (2 models)"


def test_a_closed_port_gives_nothing() -> None:
    assert probe_local_servers(ports=[closed_port()], timeout=0.5) == []


def test_probe_keeps_the_order_given_and_skips_what_is_not_openai(
    server: ScriptedServer, other_web_server: int
) -> None:
    with ScriptedServer(models=["llama3"]) as second:
        found = probe_local_servers(
            ports=[
                LocalServer("First", port_of(second)),
                ("Closed", closed_port()),
                ("Web page", other_web_server),
                port_of(server),
            ],
            timeout=0.5,
        )
    assert [(f.name, f.models) for f in found] == [
        ("First", ("llama3",)),
        (f"Server on port {port_of(server)}", ("other-model", "test-model")),
    ]


def test_list_models_needs_no_model_name(server: ScriptedServer) -> None:
    assert list_models(config(server, model="")) == ["other-model", "test-model"]


def test_check_connection_says_what_works(server: ScriptedServer) -> None:
    server.enqueue(Text(["ok"]))
    said = check_connection(config(server))
    assert said == f"Connected to {server.base_url}; the model 'test-model' answered."
    assert server.requests[0].body["max_tokens"] == 5


def test_check_connection_says_the_key_was_refused(server: ScriptedServer) -> None:
    server.enqueue(Fault(401, "Incorrect API key provided"))
    with pytest.raises(AuthenticationFailed, match="refused the API key"):
        check_connection(config(server, key="wrong"))


def test_check_connection_names_an_unknown_model(server: ScriptedServer) -> None:
    with pytest.raises(ModelNotFound, match="does not know the model 'gpt-99'"):
        check_connection(config(server, model="gpt-99"))


def test_check_connection_says_when_nothing_listens() -> None:
    dead = ModelConfig("compatible", "m", f"http://127.0.0.1:{closed_port()}/v1", "k",
                       timeout=2.0, max_retries=0)
    with pytest.raises(Unreachable, match="Cannot reach the model server"):
        check_connection(dead)
