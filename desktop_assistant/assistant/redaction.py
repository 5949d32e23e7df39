"""Redaction before a cloud call: sensitive values become stable placeholders, and back.

``find_sensitive`` finds email addresses, phone numbers, Chinese resident ID numbers, bank card
numbers, IBANs and API keys. Shapes come from regular expressions; whether a candidate is real
is decided by checksums and numbering plans from well-kept libraries (``phonenumbers`` for
phones, ``python-stdnum`` for resident IDs, Luhn and IBANs), so dates, amounts, order numbers
and hashes stay in the text. Where two findings overlap the more specific kind wins (API key
prefixes, emails, IBANs, IDs, cards, phones, then ``key=``-style secrets).

A ``Redactor`` keeps one conversation's placeholders: the same value always becomes the same
``[EMAIL_1]``, and ``restore`` puts the values back in what the model answers, including tool
call arguments, however the model mangled the brackets or the case.

Text that already looks like a placeholder (``[EMAIL_1]``, ``phone_2``) is never restored into
something else: the redactor skips those numbers when it numbers values, and ``restore`` only
touches placeholders it issued. So ``restore(redact(text)) == text`` for any text a fresh
redactor (or one that was shown the history with ``learn``) is given.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.cn import ric

CATEGORIES: tuple[str, ...] = ("email", "phone", "cn_id", "bank_card", "iban", "api_key")
CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "email": ("email address", "email addresses"),
    "phone": ("phone number", "phone numbers"),
    "cn_id": ("Chinese resident ID number", "Chinese resident ID numbers"),
    "bank_card": ("bank card number", "bank card numbers"),
    "iban": ("IBAN", "IBANs"),
    "api_key": ("API key or password", "API keys or passwords"),
}


@dataclass(frozen=True)
class Finding:
    """One sensitive value: its category and where it sits in the text."""

    category: str
    start: int
    end: int
    value: str


# --- detection ------------------------------------------------------------------------------

# Neighbours that make a number part of a bigger token (ORD-4111..., v1.2.3, a/b/c, x_1).
_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_JOINERS = frozenset("-./#")

# The local parts people use (RFC 5322 allows more, such as / and =, which in practice are
# URL and query text next to an address rather than part of it).
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])"
    r"[A-Za-z0-9_%+-][A-Za-z0-9_%+'-]{0,63}(?:\.[A-Za-z0-9_%+-][A-Za-z0-9_%+'-]{0,63}){0,8}"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,63}"
    r"(?![A-Za-z0-9-])"
)
_IBAN = re.compile(
    r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z][0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?"
    r"(?![A-Za-z0-9])"
)
# 6 digits of place, a birth date from 1800 to 2099, 3 digits of sequence, a check character;
# sometimes written 6-8-4 with spaces.
_CN_ID = re.compile(
    r"[1-9](?<![0-9A-Za-z][1-9])[0-9]{5} ?(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])"
    r"(?:0[1-9]|[12][0-9]|3[01]) ?[0-9]{3}[0-9Xx](?![0-9A-Za-z])"
)
_CARD = re.compile(
    r"[0-9](?<![0-9A-Za-z+][0-9])(?:[0-9]{12,18}|[0-9]{3,5}(?:[ -][0-9]{2,6}){2,4})"
    r"(?![0-9A-Za-z])"
)
_PHONE = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    # +CC or 00CC, then groups: +86 138 0013 8000, 0044 20 7946 0958, (+86) 10-12345678
    r"\(?(?:\+|＋|00)[0-9]{1,4}\)?(?:[ .-]?\(?[0-9]{1,6}\)?){1,6}"
    # a mainland mobile: 13812345678, 138-1234-5678, 138 1234 5678
    r"|1[3-9][0-9](?:[0-9]{8}|[ -][0-9]{4}[ -][0-9]{4})"
    # a trunk prefix and an area code: 010-12345678, (0755) 1234567, 020 7946 0958
    r"|\(?0[0-9]{2,4}\)?[ -]?[0-9]{3,4}(?:[ -]?[0-9]{3,4})?"
    # North American: (415) 555-0132, 415-555-0132, 1-800-555-0199
    r"|(?:1[ .-])?\(?[2-9][0-9]{2}\)?[ .-][0-9]{3}[ .-][0-9]{4}"
    r")(?![0-9A-Za-z])"
)
# Keys whose prefix says what they are.
_KEY_PREFIXED = re.compile(
    r"(?<![A-Za-z0-9_-])(?:"
    r"sk-(?:proj-|svcacct-|admin-|ant-(?:api[0-9]{2}-)?)?[A-Za-z0-9_-]{20,}"
    r"|[rs]k_(?:live|test)_[A-Za-z0-9]{16,}"
    r"|(?:AKIA|ASIA)[0-9A-Z]{16}"
    r"|gh[pousr]_[A-Za-z0-9]{30,}"
    r"|github_pat_[A-Za-z0-9_]{22,}"
    r"|glpat-[A-Za-z0-9_-]{20,}"
    r"|xox[bpasr]-[A-Za-z0-9-]{10,}"
    r"|AIza[0-9A-Za-z_-]{35}"
    r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"
    r")(?![A-Za-z0-9_-])"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]{0,8000}?-----END [A-Z ]*PRIVATE KEY-----"
)
_BEARER = re.compile(
    r"Bearer(?<![A-Za-z0-9_]Bearer)\s+([A-Za-z0-9._~+/-]{16,}=*)(?![A-Za-z0-9._~+/=-])"
)
# Literals one of which every prefixed key contains: texts without any skip the regex.
_KEY_MARKERS = ("sk-", "k_live_", "k_test_", "AKIA", "ASIA", "hp_", "ho_", "hu_", "hs_", "hr_",
                "github_pat_", "glpat-", "xox", "AIza", "eyJ", "-----BEGIN")
# A value after key=, token:, secret=, password:, 密码：… (the name may end a longer one,
# OPENAI_API_KEY=…, aws_secret_access_key = …, "password": "…"); after a password's name
# a space is enough (密码 Abc12345).
_SECRET_NAMES = ("key", "token", "secret", "passw", "pwd", "passcode", "密码", "密钥", "口令",
                 "令牌")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PASSWORD_NAMES = ("passw", "pwd", "passcode", "密码", "口令")
_SECRET_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~+/=!@#$%^&*-]{5,}")
_ASSIGNED = re.compile(r"(?:or)?d?[\"']?\s*(?:[=:：]|\bis\b|是)\s*[\"']?", re.IGNORECASE)
_SPACED = re.compile(r"(?:or)?d?\s+", re.IGNORECASE)

# Words before a number that say it is an order, invoice or ticket number, not a bank card.
_NOT_A_CARD = re.compile(
    r"(?i)(?:订单|单号|编号|流水|发票|工单|批次|序列号|快递|运单|order|invoice|tracking|ticket"
    r"|ref\b|reference|serial|batch|shipment|po\b|sku|txn|transaction)"
)

_PRIORITY = {"api_key": 0, "email": 1, "iban": 2, "cn_id": 3, "bank_card": 4, "phone": 5}
_CONTEXTUAL_KEY_PRIORITY = 6


def _isolated(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to letters or digits (CJK text may touch it)."""
    before = text[start - 1] if start > 0 else ""
    if before in _WORD or (before in _JOINERS and start > 1 and text[start - 2] in _WORD):
        return False
    after = text[end] if end < len(text) else ""
    return not (after in _WORD
                or (after in _JOINERS and end + 1 < len(text) and text[end + 1] in _WORD))


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def _shrinking(value: str) -> Iterator[str]:
    """The value, then the value without its last group, and so on (for greedy shapes)."""
    while value:
        yield value
        cut = max(value.rfind(" "), value.rfind("-"), value.rfind("."))
        if cut <= 0:
            return
        value = value[:cut].rstrip(" -.(")


@functools.lru_cache(maxsize=4096)
def _valid_phone(value: str) -> bool:
    """libphonenumber's verdict (cached: the agent re-reads the same history every turn)."""
    digits = _digits(value)
    if not 7 <= len(digits) <= 15:
        return False
    plain = value.lstrip("(")
    if plain.startswith(("+", "＋", "00")):
        regions: tuple[str, ...] = ("CN",)
    elif plain.startswith("0"):
        regions = ("CN", "GB")
    elif plain.startswith("1") and len(digits) == 11:
        regions = ("CN", "US")
    else:
        regions = ("US", "CN")
    for region in regions:
        try:
            number = phonenumbers.parse(value.replace("＋", "+"), region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


@functools.lru_cache(maxsize=1024)
def _valid_iban(value: str) -> bool:
    return stdnum_iban.is_valid(value)


def _valid_cn_id(value: str) -> bool:
    number = value.replace(" ", "").upper()
    if ric.calc_check_digit(number) != number[-1]:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def _card_network(digits: str) -> bool:
    """The first digits belong to a card network (Visa, Mastercard, Amex, UnionPay, JCB...)."""
    if digits[0] in "345689":
        return True
    return digits[0] == "2" and 222100 <= int(digits[:6]) <= 272099


def _valid_card(text: str, start: int, value: str) -> bool:
    digits = _digits(value)
    if not 13 <= len(digits) <= 19 or not _card_network(digits) or not luhn.is_valid(digits):
        return False
    return _NOT_A_CARD.search(text, max(0, start - 16), start) is None


def _entropy(value: str) -> float:
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in Counter(value).values())


def _secret_value(name: str, value: str) -> bool:
    """Whether what follows ``name=`` looks like a secret rather than prose, a path or a URL."""
    if "://" in value or value.startswith(("/", "~")) or value.upper().startswith("API_KEY_"):
        return False
    letters = any(c.isalpha() for c in value)
    digits = any(c.isdigit() for c in value)
    if name in _PASSWORD_NAMES:
        return not value.isalpha()
    return len(value) >= 16 and letters and digits and _entropy(value) >= 3.0


def _around_at_signs(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of text around each @ that could hold an email, merged, so the email regex
    never scans text without one."""
    reach_back, reach_on = 64 * 9 + 9, 64 * 9 + 9
    at = text.find("@")
    while at >= 0:
        start, end = max(0, at - reach_back), at + reach_on
        following = text.find("@", at + 1)
        while 0 <= following < end + reach_back:
            end = following + reach_on
            following = text.find("@", following + 1)
        yield start, min(end, len(text))
        at = following


def _candidates(text: str) -> Iterator[tuple[int, Finding]]:
    def finding(category: str, start: int, end: int) -> Finding:
        return Finding(category, start, end, text[start:end])

    if any(marker in text for marker in _KEY_MARKERS):
        for match in _KEY_PREFIXED.finditer(text):
            yield _PRIORITY["api_key"], finding("api_key", match.start(), match.end())
    if "Bearer" in text:
        for match in _BEARER.finditer(text):
            yield _PRIORITY["api_key"], finding("api_key", match.start(1), match.end(1))
    for start, end in _around_at_signs(text):
        for match in _EMAIL.finditer(text, start, end):
            yield _PRIORITY["email"], finding("email", match.start(), match.end())
    for match in _IBAN.finditer(text):
        for value in _shrinking(match.group()):
            if len(value) >= 15 and _valid_iban(value):
                yield _PRIORITY["iban"], finding("iban", match.start(), match.start() + len(value))
                break
    for match in _CN_ID.finditer(text):
        if _isolated(text, match.start(), match.end()) and _valid_cn_id(match.group()):
            yield _PRIORITY["cn_id"], finding("cn_id", match.start(), match.end())
    for match in _CARD.finditer(text):
        if _isolated(text, match.start(), match.end()) and _valid_card(
                text, match.start(), match.group()):
            yield _PRIORITY["bank_card"], finding("bank_card", match.start(), match.end())
    for match in _PHONE.finditer(text):
        if not _isolated(text, match.start(), match.end()):
            continue
        for value in _shrinking(match.group()):
            if _valid_phone(value):
                yield _PRIORITY["phone"], finding("phone", match.start(),
                                                  match.start() + len(value))
                break
    yield from _assigned_secrets(text)


def _assigned_secrets(text: str) -> Iterator[tuple[int, Finding]]:
    """Secrets after their name: found with str.find, which is far quicker than a regex with
    ten case-insensitive alternatives at every position of a long text."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters (İ)
        lowered = text.translate(_ASCII_LOWER)
    for name in _SECRET_NAMES:
        position = lowered.find(name)
        while position >= 0:
            after = position + len(name)
            separator = _ASSIGNED.match(text, after)
            if separator is None and name in _PASSWORD_NAMES:
                separator = _SPACED.match(text, after)
            value = separator and _SECRET_VALUE.match(text, separator.end())
            if value:
                secret = value.group().rstrip(".")
                if _secret_value(name, secret):
                    yield _CONTEXTUAL_KEY_PRIORITY, Finding(
                        "api_key", value.start(), value.start() + len(secret), secret)
            position = lowered.find(name, after)


def find_sensitive(text: str) -> list[Finding]:
    """The sensitive values in ``text``, in order, none overlapping another."""
    ranked = sorted(_candidates(text), key=lambda c: (c[0], c[1].start - c[1].end, c[1].start))
    starts: list[int] = []  # of the chosen findings, sorted; they never overlap
    chosen: list[Finding] = []
    for _, candidate in ranked:
        index = bisect.bisect_right(starts, candidate.start)
        if index > 0 and chosen[index - 1].end > candidate.start:
            continue
        if index < len(chosen) and chosen[index].start < candidate.end:
            continue
        starts.insert(index, candidate.start)
        chosen.insert(index, candidate)
    return chosen


# --- placeholders ---------------------------------------------------------------------------

_OPENERS = "[【［"
_CLOSERS = "]】］"
# [EMAIL_1] as issued; also EMAIL_1, 【EMAIL_1】, ［email_1］ and mixes, as models write them back.
_PLACEHOLDER = re.compile(
    rf"(?:(?P<open>[{re.escape(_OPENERS)}])|(?<![A-Za-z0-9_]))"
    r"(?P<name>EMAIL|PHONE|CN_ID|BANK_CARD|IBAN|API_KEY)_(?P<number>[0-9]+)"
    rf"(?:(?P<close>[{re.escape(_CLOSERS)}])|(?![A-Za-z0-9_]))",
    re.IGNORECASE | re.ASCII,
)
_PLACEHOLDER_STARTS = frozenset(_OPENERS + "EPCBIAepcbia")
# Every placeholder has this; most texts don't, and this search is far quicker than the above.
_PLACEHOLDER_HINT = re.compile(r"_[0-9]")


class Redactor:
    """Stable placeholders for one conversation: the same value always gets the same placeholder,
    numbered per category by first appearance: [EMAIL_1], [PHONE_2], [CN_ID_1], [BANK_CARD_1],
    [IBAN_1], [API_KEY_1].

    Values are kept exactly as written (``138-1234-5678`` and ``13812345678`` are two values),
    so restoring gives back the very text that was redacted.
    """

    def __init__(self) -> None:
        self._token_of: dict[str, str] = {}  # value -> "EMAIL_1"
        self._value_of: dict[str, str] = {}  # "EMAIL_1" -> value
        self._taken: set[str] = set()  # tokens issued or already present in the text as written
        self._next: dict[str, int] = dict.fromkeys(CATEGORIES, 1)
        self._replaced: dict[str, set[str]] = {category: set() for category in CATEGORIES}

    # numbering

    def _reserve_lookalikes(self, text: str) -> None:
        """Numbers that the text already uses as placeholder-like words are never issued."""
        if not _PLACEHOLDER_HINT.search(text):
            return
        for match in _PLACEHOLDER.finditer(text):
            self._taken.add(f"{match['name'].upper()}_{match['number']}")

    def _token(self, finding: Finding) -> str:
        token = self._token_of.get(finding.value)
        if token is None:
            name = finding.category.upper()
            while f"{name}_{self._next[finding.category]}" in self._taken:
                self._next[finding.category] += 1
            token = f"{name}_{self._next[finding.category]}"
            self._next[finding.category] += 1
            self._taken.add(token)
            self._token_of[finding.value] = token
            self._value_of[token] = finding.value
        return token

    def learn(self, text: str) -> None:
        """Number the values in ``text`` without redacting it, so earlier messages keep their
        numbers even when they are trimmed from what is sent."""
        self._reserve_lookalikes(text)
        for finding in find_sensitive(text):
            self._token(finding)

    # redacting

    def redact(self, text: str) -> str:
        """``text`` with each sensitive value replaced by its placeholder."""
        self._reserve_lookalikes(text)
        findings = find_sensitive(text)
        parts: list[str] = []
        position = 0
        for finding in findings:
            token = self._token(finding)
            self._replaced[finding.category].add(finding.value)
            parts += [text[position:finding.start], f"[{token}]"]
            position = finding.end
        parts.append(text[position:])
        return "".join(parts)

    def redact_messages(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """OpenAI chat messages with their text and tool call arguments redacted.

        A new list of shallow copies: ``content`` (a string or text parts) and each tool call's
        ``function.arguments`` are replaced, every other key is passed through as it is, and
        the input is not mutated.
        """
        redacted: list[dict[str, Any]] = []
        for message in messages:
            copy = dict(message)
            content = message.get("content")
            if isinstance(content, str):
                copy["content"] = self.redact(content)
            elif isinstance(content, list):
                copy["content"] = [
                    {**part, "text": self.redact(part["text"])}
                    if isinstance(part, dict) and isinstance(part.get("text"), str) else part
                    for part in content
                ]
            if isinstance(message.get("tool_calls"), list):
                copy["tool_calls"] = [self._redact_call(call) for call in message["tool_calls"]]
            redacted.append(copy)
        return redacted

    def _redact_call(self, call: Any) -> Any:
        function = call.get("function") if isinstance(call, dict) else None
        if not isinstance(function, dict) or not isinstance(function.get("arguments"), str):
            return call
        arguments = _map_json_strings(function["arguments"], self.redact)
        return {**call, "function": {**function, "arguments": arguments}}

    # restoring

    def _restore(self, text: str, before: str = "") -> str:
        def value(match: re.Match[str]) -> str:
            token = f"{match['name'].upper()}_{match['number']}"
            found = self._value_of.get(token)
            if found is None or (match.start() == 0 and not match["open"] and before in _WORD):
                return match.group()
            return found

        if not self._value_of or not _PLACEHOLDER_HINT.search(text):
            return text
        return _PLACEHOLDER.sub(value, text)

    def restore(self, text: str) -> str:
        """Placeholders this redactor issued put back to their values; anything else as it is."""
        return self._restore(text)

    def restore_json(self, raw: str) -> str:
        """Placeholders restored inside a JSON text (tool call arguments), each value
        JSON-escaped so the JSON stays valid; text that is not JSON is restored as text."""
        return _map_json_strings(raw, self.restore)

    def stream(self) -> StreamRestorer:
        """A restorer for an answer that arrives in pieces."""
        return StreamRestorer(self)

    # reporting

    def counts(self) -> dict[str, int]:
        """Category -> distinct values replaced by redact() so far (every category, maybe 0)."""
        return {category: len(values) for category, values in self._replaced.items()}

    @property
    def active(self) -> bool:
        """True once anything was replaced."""
        return any(self._replaced.values())

    def _issued(self) -> list[str]:
        """The placeholders handed out so far, without brackets ("EMAIL_1")."""
        return list(self._value_of)


def _map_json_strings(raw: str, change: Callable[[str], str]) -> str:
    """``change`` applied to every string (keys too) in the JSON text ``raw``; ``raw`` itself
    when nothing changes; ``change(raw)`` when ``raw`` is not JSON."""
    try:
        data = json.loads(raw)
    except ValueError:
        return change(raw)
    changed = False

    def walk(node: Any) -> Any:
        nonlocal changed
        if isinstance(node, str):
            new = change(node)
            changed = changed or new != node
            return new
        if isinstance(node, list):
            return [walk(item) for item in node]
        if isinstance(node, dict):
            return {walk(key): walk(item) for key, item in node.items()}
        return node

    result = walk(data)
    return json.dumps(result, ensure_ascii=False) if changed else raw


class StreamRestorer:
    """Restores placeholders in streamed text whose pieces may split a placeholder
    ("[EMA", "IL_1] ...")."""

    def __init__(self, redactor: Redactor) -> None:
        self._redactor = redactor
        self._held = ""
        self._before = ""  # the last character already passed on, for the word-boundary rule

    @staticmethod
    def _could_become_placeholder(text: str, before: str, issued: list[str]) -> bool:
        """Whether ``text`` (at the end of what arrived so far) may still turn out to be, or
        to end, a placeholder this redactor issued."""
        if text[0] in _OPENERS:
            body = text[1:]
        elif before in _WORD:
            return False
        else:
            body = text
        if not body.isascii():
            return False
        body = body.upper()
        return any(token.startswith(body) for token in issued)

    def feed(self, piece: str) -> str:
        """Restored text that is safe to show now; holds back only a trailing fragment that
        could still become a placeholder (never longer than the longest placeholder)."""
        text = self._held + piece
        issued = self._redactor._issued()
        longest = max((len(token) + 1 for token in issued), default=0)
        cut = len(text)
        for start in range(max(0, len(text) - longest), len(text)):
            if text[start] not in _PLACEHOLDER_STARTS:
                continue
            before = text[start - 1] if start > 0 else self._before
            if self._could_become_placeholder(text[start:], before, issued):
                cut = start
                break
        ready, self._held = text[:cut], text[cut:]
        return self._pass_on(ready)

    def flush(self) -> str:
        """Whatever is held back, restored."""
        ready, self._held = self._held, ""
        return self._pass_on(ready)

    def _pass_on(self, ready: str) -> str:
        if not ready:
            return ""
        restored = self._redactor._restore(ready, self._before)
        self._before = ready[-1]
        return restored
