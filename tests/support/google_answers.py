"""Scripted answers of Google's APIs for ``HttpMockSequence``: success, and errors in Google's
own JSON shape (status, reason, message)."""

from __future__ import annotations

import json


def ok(body: object) -> tuple[dict[str, str], str]:
    return {"status": "200"}, json.dumps(body)


def fail(status: int, reason: str = "", message: str = "scripted") -> tuple[dict[str, str], str]:
    errors = [{"reason": reason, "message": message}] if reason else []
    return {"status": str(status)}, json.dumps(
        {"error": {"code": status, "message": message, "errors": errors}})
