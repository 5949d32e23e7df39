"""Finding and checking model servers for the settings screen: no Qt here.

``probe_local_servers`` asks the usual local ports (Ollama, LM Studio, llama.cpp, vLLM) at
once, with a short timeout, which of them answer ``GET /v1/models``. ``list_models`` and
``check_connection`` wrap ``ChatClient`` so the dialog gets the same readable ``LLMError``
messages as a chat turn. All of these block: call them from a worker thread.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from desktop_assistant.assistant.llm import ChatClient, ModelConfig
from desktop_assistant.i18n import translate


@dataclass(frozen=True)
class LocalServer:
    """A kind of local OpenAI-compatible server and the port it listens on by default."""

    name: str
    port: int


LOCAL_SERVERS: tuple[LocalServer, ...] = (
    LocalServer("Ollama", 11434),
    LocalServer("LM Studio", 1234),
    LocalServer("llama.cpp", 8080),
    LocalServer("vLLM", 8000),
)


@dataclass(frozen=True)
class FoundServer:
    """A server that answered: where it is and the models it offers."""

    name: str
    base_url: str
    models: tuple[str, ...]

    def describe(self) -> str:
        count = len(self.models)
        offers = f"{count} model{'s' if count != 1 else ''}" if count else "no models loaded"
        return f"{self.name} at {self.base_url} ({offers})"


def as_local_server(item: LocalServer | tuple[str, int] | int) -> LocalServer:
    """A ``LocalServer`` from itself, a ``(name, port)`` pair or a bare port number."""
    if isinstance(item, LocalServer):
        return item
    if isinstance(item, int):
        # The name is shown in the setup dialog's list: in the interface language.
        return LocalServer(translate("Providers", "Server on port {port}").format(port=item), item)
    name, port = item
    return LocalServer(name, port)


def _probe(host: str, server: LocalServer, timeout: float) -> FoundServer | None:
    import httpx

    base_url = f"http://{host}:{server.port}/v1"
    try:
        # trust_env=False: a proxy from the environment must not see loopback probes.
        with httpx.Client(timeout=timeout, trust_env=False) as client:
            response = client.get(f"{base_url}/models")
        if response.status_code != 200:
            return None
        data = response.json().get("data")
    except (httpx.HTTPError, ValueError, AttributeError):
        return None
    if not isinstance(data, list):
        return None
    models = sorted(
        str(entry["id"]) for entry in data if isinstance(entry, dict) and entry.get("id")
    )
    return FoundServer(server.name, base_url, tuple(models))


def probe_local_servers(
    host: str = "127.0.0.1",
    ports: Iterable[LocalServer | tuple[str, int] | int] = LOCAL_SERVERS,
    timeout: float = 0.5,
) -> list[FoundServer]:
    """The servers on ``host`` that answer like OpenAI, in the order of ``ports``.

    Each port is asked once, all at the same time, so the whole probe takes about
    ``timeout`` seconds at most. ``ports`` holds ``LocalServer``s, ``(name, port)`` pairs or
    bare port numbers.
    """
    servers = [as_local_server(item) for item in ports]
    if not servers:
        return []
    with ThreadPoolExecutor(max_workers=len(servers), thread_name_prefix="probe") as pool:
        found = list(pool.map(lambda server: _probe(host, server, timeout), servers))
    return [each for each in found if each is not None]


def list_models(config: ModelConfig) -> list[str]:
    """The models the configured server lists; raises ``LLMError`` saying what went wrong."""
    # Listing needs no model, but ChatClient insists on one; the name is never sent.
    client = ChatClient(dataclasses.replace(config, model=config.model or "(listing models)"))
    try:
        return client.list_models()
    finally:
        client.close()


def check_connection(config: ModelConfig) -> str:
    """Ask the model for one word; a sentence saying what works, or ``LLMError``."""
    client = ChatClient(config)
    try:
        return client.test_connection()
    finally:
        client.close()
