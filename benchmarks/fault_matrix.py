"""The model-server fault matrix (issue 7), run outside pytest: one row per fault.

Each case (tests/support/model_faults.py, the same matrix tests/trust/test_model_faults.py
asserts) runs one turn into the fault through the real app services and the real ``openai``
client against the scripted server on loopback, then presses Retry and sends a next message.
Prints, per case: the error kind, the start of the message, whether the person's message and
the partial answer were kept, whether Retry and the next message worked, whether anything
crashed, and how long the turn took to end; then how long Stop takes while the server has not
sent its first byte, and while the client waits out a Retry-After. Asserts nothing.

    python benchmarks/fault_matrix.py [--only SUBSTRING]

Settings as in the tests: no client retries and a 5 s request timeout, unless a case sets them.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def services_for(base_url: str) -> Any:
    from desktop_assistant.app import Services

    os.environ.update(DESKTOP_ASSISTANT_BASE_URL=base_url, DESKTOP_ASSISTANT_MODEL="test-model",
                      OPENAI_API_KEY="benchmark-key")
    services = Services.from_environment()
    services.settings = dataclasses.replace(services.settings, max_retries=0,
                                            request_timeout=5.0)
    return services


def yes(flag: bool) -> str:
    return "y" if flag else "n"


def matrix(only: str) -> int:
    """Print the table; returns the number of crashes."""
    from tests.support.model_faults import case_list, run_case
    from tests.support.openai_server import ScriptedServer

    cases = [case for case in case_list() if only.lower() in case.name.lower()]
    header = (f"{'case':<40} {'error kind':<18} {'message (first 80 chars)':<80} "
              f"{'kept':>4} {'retry':>5} {'crash':>5} {'as told':>7} {'s':>6}")
    print(header)
    print("-" * len(header))
    crashes = 0
    with ScriptedServer(models=["test-model"]) as server:
        services = services_for(server.base_url)
        try:
            for case in cases:
                outcome = run_case(services, server, case)
                crashed = outcome.crashed is not None
                crashes += crashed
                told = (outcome.kind == case.kind and outcome.reason == case.reason
                        and all(w.lower() in outcome.message.lower() for w in case.words))
                message = " ".join(outcome.message.split())[:80]
                print(f"{case.name:<40} {outcome.kind or '-':<18} {message:<80} "
                      f"{yes(outcome.partial_kept):>4} {yes(outcome.recovered):>5} "
                      f"{yes(crashed):>5} {yes(told):>7} {outcome.seconds:6.2f}")
                if crashed:
                    print(outcome.crashed)
        finally:
            services.close()
        if server.errors:
            print(f"scripted server handler errors: {server.errors!r}")
    print(f"\nfault cases: {len(cases)}, crashes: {crashes}")
    return crashes


def stop_latency(label: str, replies: list[Any], **settings: Any) -> None:
    """Seconds from Stop to the end of the turn, the server still holding its answer."""
    from desktop_assistant.assistant.agent import Event, TurnDone
    from tests.support.openai_server import ScriptedServer

    with ScriptedServer(models=["test-model"]) as server:
        services = services_for(server.base_url)
        services.settings = dataclasses.replace(services.settings, **settings)
        server.enqueue(*replies)
        turn = services.agent().start(None, "Stop me")
        events: list[Event] = []
        worker = threading.Thread(target=lambda: events.extend(turn), name="turn")
        worker.start()
        server.wait_for_requests(1)
        time.sleep(0.3)  # well into the wait
        stopped = time.perf_counter()
        turn.cancel()
        worker.join(120)
        took = time.perf_counter() - stopped
        last = events[-1] if events else None
        reason = last.reason if isinstance(last, TurnDone) else "no end"
        print(f"Stop {label:<52} {took * 1000:8.1f} ms  ({reason})")
        services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="fault-matrix-")
    os.environ["DESKTOP_ASSISTANT_HOME"] = home
    # Never the developer's keyring or desktop session.
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/fault-matrix"
    crashes = matrix(args.only)
    if not args.only:
        from tests.support.openai_server import Fault, SlowFirstByte, Text

        print()
        stop_latency("waiting for the first byte (timeout 1 h)",
                     [SlowFirstByte(3600.0, Text(["late"]))], request_timeout=3600.0)
        stop_latency("in a 429 Retry-After 5 s wait (client retry)",
                     [Fault(429, "slow down", headers={"Retry-After": "5"}), Text(["ok"])],
                     max_retries=1)
        stop_latency("in a 503 backoff (client retry, default 2 retries)",
                     [Fault(503, "busy"), Fault(503, "busy"), Text(["ok"])], max_retries=2)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
