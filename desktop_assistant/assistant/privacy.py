"""Where the person's messages may go: the provider mode (cloud, local-only, off).

``cloud`` allows any server. ``local_only`` allows only this computer and the company network:
loopback and private addresses, ``localhost``, names under ``.internal``, ``.lan``, ``.local``
and ``.home.arpa`` (reserved for private networks), and the domains, hosts and networks listed in
the ``company_hosts`` setting. ``off`` calls no model at all; slash commands still work.

The check runs where every model call starts (``ChatClient``), so the chat, the connection test
and the model list all obey it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from desktop_assistant.assistant.model_errors import LLMError
from desktop_assistant.i18n import QT_TRANSLATE_NOOP

MODES: tuple[str, ...] = ("cloud", "local_only", "off")
# English; show them with translate("PrivacyModes", label) (QCoreApplication.translate in ui/).
MODE_LABELS: dict[str, str] = {
    "cloud": QT_TRANSLATE_NOOP("PrivacyModes", "Cloud or any server (OpenAI, Azure, others)"),
    "local_only": QT_TRANSLATE_NOOP("PrivacyModes", "Only this computer and the company network"),
    "off": QT_TRANSLATE_NOOP("PrivacyModes", "Off: slash commands only, no model"),
}
# Suffixes reserved for names that never leave a private network (RFC 6762, RFC 8375, ICANN 2024).
PRIVATE_SUFFIXES: tuple[str, ...] = (".localhost", ".internal", ".lan", ".local", ".home.arpa")
OPENAI_HOST = "api.openai.com"


class ModelOff(LLMError):
    kind = "model_off"


class EndpointRefused(LLMError):
    kind = "endpoint_refused"


def endpoint_host(provider: str, base_url: str | None) -> str:
    """The host a model call would reach, lower-case, without port ('' if unknown)."""
    if not base_url:
        return OPENAI_HOST if provider in ("openai", "") else ""
    address = base_url if "//" in base_url else f"//{base_url}"
    try:
        return (urlsplit(address).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def _entries(company_hosts: str) -> list[str]:
    text = company_hosts.replace(";", ",").replace("\n", ",")
    return [part.strip().lower().lstrip("*").lstrip(".") for part in text.split(",")
            if part.strip()]


def is_company_host(host: str, company_hosts: str = "") -> bool:
    """True when ``host`` is this computer, a private address, or listed as the company's."""
    host = host.lower().strip("[]").rstrip(".")
    if not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if address.is_loopback or address.is_private or address.is_link_local:
            return True
    elif host == "localhost" or host.endswith(PRIVATE_SUFFIXES):
        return True
    for entry in _entries(company_hosts):
        if "/" in entry:
            try:
                network = ipaddress.ip_network(entry, strict=False)
            except ValueError:
                continue
            if address is not None and address in network:
                return True
        elif host == entry or host.endswith("." + entry):
            return True
    return False


def invalid_company_hosts(company_hosts: str) -> list[str]:
    """Entries of ``company_hosts`` that are neither a name nor a network."""
    bad = []
    for entry in _entries(company_hosts):
        if "/" in entry:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                bad.append(entry)
        elif not all(part.isalnum() or part.replace("-", "").isalnum()
                     for part in entry.split(".")):
            bad.append(entry)
    return bad


def model_access_problem(
    mode: str, provider: str, base_url: str | None, company_hosts: str = ""
) -> LLMError | None:
    """Why a model call must not happen in ``mode`` (an ``LLMError`` to raise), or None."""
    if mode == "off":
        return ModelOff(QT_TRANSLATE_NOOP(
            "ModelErrors",
            "The model is turned off in Settings → Privacy, so nothing is sent anywhere. Slash "
            "commands still work: type /help to see them."))
    if mode != "local_only":
        return None
    host = endpoint_host(provider, base_url)
    if provider in ("openai", "azure") and not base_url:
        host = host or OPENAI_HOST
    if host and is_company_host(host, company_hosts):
        return None
    if not host:
        return EndpointRefused(QT_TRANSLATE_NOOP(
            "ModelErrors",
            "Settings → Privacy allows only models on this computer or the company network, and "
            "an unknown server is neither, so nothing was sent. Choose a local server in "
            "Settings → Model, or add the server's domain to the company hosts in Settings → "
            "Privacy."))
    return EndpointRefused(QT_TRANSLATE_NOOP(
        "ModelErrors",
        "Settings → Privacy allows only models on this computer or the company network, and "
        "{host} is neither, so nothing was sent. Choose a local server in Settings → Model, or "
        "add the server's domain to the company hosts in Settings → Privacy."), host=host)
