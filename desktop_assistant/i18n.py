"""Translation for code outside the GUI layer, and which interface language to use.

Qt's translation system holds the strings (``resources/translations``: ``.ts`` sources per
module, compiled into one ``.qm`` per language). Widgets call ``self.tr(...)``. Modules that
must not import PySide6 (error messages, confirmation summaries) call ``translate(context,
text)`` from here: ``pyside6-lupdate`` finds those calls like Qt's own, and the GUI installs
``QCoreApplication.translate`` as the hook when it starts (ui/translations.py). Without the GUI
(the command line, tests of the core) ``translate`` returns the English source text.

Placeholders are ``str.format`` fields, filled after translation::

    translate("ModelErrors", "The server {host} refused the connection.").format(host=host)

``QT_TRANSLATE_NOOP`` marks a string for lupdate where it is defined (a table of labels) and
returns it unchanged; ``translate`` it with the same context where it is shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "zh_CN")
"""The interface languages the app ships; English is the source language."""

Hook = Callable[[str, str, "str | None", int], str]
Worded = tuple[str, str]
"""A sentence in English (logs, the model, the command line) and in the interface language."""


def _untranslated(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return text


_hook: Hook = _untranslated


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the interface language (English until the GUI installs its translator)."""
    return _hook(context, text, disambiguation, n)


def worded(context: str, template: str, **fields: object) -> Worded:
    """``template`` (marked in ``context``) filled with ``fields``, in English and in the
    interface language; a field given as a ``Worded`` pair is used in each language."""

    def filled(text: str, side: int) -> str:
        return text.format(**{key: value[side] if isinstance(value, tuple) else value
                              for key, value in fields.items()})

    return filled(template, 0), filled(translate(context, template), 1)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks ``text`` for translation in ``context`` without translating it yet."""
    return text


def install(hook: Hook | None) -> None:
    """Route ``translate`` through ``hook`` (None: back to English source text)."""
    global _hook
    _hook = hook or _untranslated


def language_from_locale(name: str) -> str:
    """"zh_CN" for any Chinese locale name ("zh_CN.UTF-8", "zh-Hans-CN", "zh_TW"), else "en"."""
    return "zh_CN" if name.strip().lower().replace("-", "_").startswith("zh") else "en"


def system_language(environ: Mapping[str, str] = os.environ) -> str:
    """The interface language the environment's locale asks for (POSIX variables; the GUI
    asks Qt instead, which also knows Windows' and macOS's settings)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        if environ.get(variable):
            return language_from_locale(environ[variable])
    return "en"


def chosen_language(settings_file: Path) -> str:
    """The ``interface_language`` setting, read before the window is built (``settings.peek``):
    "" (follow the system), "en" or "zh_CN"."""
    from desktop_assistant.settings import peek

    return peek(settings_file, "interface_language", LANGUAGES)
