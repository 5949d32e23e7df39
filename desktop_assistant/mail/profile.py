"""The person a draft is from: name, title, signature, tone, language, disclosure.

It comes from settings (Settings → Profile); the address is ``mail_from``, else the calendar's
``calendar_email``. :func:`prompt_lines` tells the model how to write in the person's voice,
:func:`finish_body` adds the signature and, to text the model wrote, the disclosure line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_assistant.analysis import cjk_runs

if TYPE_CHECKING:
    from desktop_assistant.settings import Settings

DISCLOSURE = {"en": "Drafted with AI assistance", "zh": "本邮件由 AI 协助起草"}
_TONES = {
    "formal": "formal and polite",
    "friendly": "warm and friendly, still professional",
    "concise": "brief and to the point",
}
_LANGUAGES = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True)
class Profile:
    """What drafts say about their sender."""

    name: str = ""
    title: str = ""
    signature: str = ""
    tone: str = "formal"
    language: str = ""  # "zh", "en" or "" (follow the conversation)
    address: str = ""
    disclosure: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> Profile:
        return cls(
            name=settings.profile_name.strip(),
            title=settings.profile_title.strip(),
            signature=settings.profile_signature.strip("\n"),
            tone=settings.profile_tone,
            language=settings.language.strip().lower()[:2],
            address=(settings.mail_from or settings.calendar_email).strip(),
            disclosure=settings.mail_disclosure,
        )

    @property
    def sender(self) -> str:
        """The From line, ``Name <address>``; empty when no address is set."""
        if not self.address:
            return ""
        from email.headerregistry import Address

        try:
            return str(Address(display_name=self.name, addr_spec=self.address))
        except (ValueError, IndexError):
            return self.address

    def signature_block(self) -> str:
        """The signature as set, else the name and title on their own lines."""
        if self.signature.strip():
            return self.signature.strip("\n")
        return "\n".join(part for part in (self.name, self.title) if part)


def draft_language(text: str, preferred: str = "") -> str:
    """"zh" when ``text`` is mostly Chinese, "en" when it has Latin letters, else the
    preferred language (default English)."""
    chinese = sum(len(run) for run in cjk_runs(text))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if chinese and chinese * 3 >= latin:
        return "zh"
    if latin:
        return "en"
    return "zh" if preferred == "zh" else "en"


def disclosure_line(language: str) -> str:
    return DISCLOSURE["zh" if language == "zh" else "en"]


def closing(profile: Profile, body: str, *, written_by_model: bool, subject: str = "",
            signature: bool = True) -> list[str]:
    """What goes below ``body``: the signature (unless it is there already) and, when the
    model wrote it and the company asks for it, the disclosure line in the draft's language."""
    blocks = []
    block = profile.signature_block()
    if signature and block and block.strip() not in body:
        blocks.append(block)
    if written_by_model and profile.disclosure:
        line = disclosure_line(draft_language(f"{subject}\n{body}", profile.language))
        if line not in body:
            blocks.append(line)
    return blocks


def finish_body(profile: Profile, body: str, *, written_by_model: bool,
                subject: str = "", signature: bool = True) -> str:
    """``body`` with its :func:`closing`."""
    text = body.rstrip()
    for block in closing(profile, text, written_by_model=written_by_model, subject=subject,
                         signature=signature):
        text = f"{text}\n\n{block}"
    return text + "\n"


def finish_html(profile: Profile, html: str, body: str, *, written_by_model: bool,
                subject: str = "", signature: bool = True) -> str:
    """The HTML version with the same closing as the text (decided on the text ``body``),
    as paragraphs at the end of the document."""
    from html import escape

    blocks = closing(profile, body, written_by_model=written_by_model, subject=subject,
                     signature=signature)
    if not html or not blocks:
        return html
    added = "".join(f"<p>{'<br>'.join(escape(line) for line in block.split(chr(10)))}</p>"
                    for block in blocks)
    end = html.lower().rfind("</body>")
    return f"{html[:end]}{added}{html[end:]}" if end >= 0 else f"{html}\n{added}"


def prompt_lines(profile: Profile) -> list[str]:
    """Sentences for the system prompt, so drafts and answers sound like the person."""
    lines = []
    if profile.name:
        who = f"{profile.name}, {profile.title}" if profile.title else profile.name
        lines.append(f"The person is {who}; emails you draft are sent by them, in their name.")
    elif profile.title:
        lines.append(f"The person's job title is {profile.title}.")
    tone = _TONES.get(profile.tone, _TONES["formal"])
    lines.append(f"Write emails in a {tone} tone. Do not add a signature or a disclosure "
                 "line: the app adds the person's own.")
    language = _LANGUAGES.get(profile.language)
    if language:
        lines.append(f"The person prefers {language}: write emails in {language} unless they "
                     "ask otherwise or the recipient wrote in another language.")
    return lines
