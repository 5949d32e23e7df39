"""Keep the interface translations in step with the code.

    python resources/translations/update.py          # extract new strings, then compile
    python resources/translations/update.py --check  # report what is missing; exit 1 if any
    python resources/translations/update.py desktop_assistant/ui/chat_view.py …  # only these

Every module under ``desktop_assistant/`` with translatable strings (``self.tr``,
``QCoreApplication.translate``, ``i18n.translate``, ``QT_TRANSLATE_NOOP``) has its own source
file per language, ``zh_CN/<module>.ts`` (every string) and ``en/<module>.ts`` (plural forms
only: English is the source language). One file per module keeps translators' and developers'
changes apart; Qt Linguist opens them as usual. ``pyside6-lupdate`` extracts (without line
numbers, so moving code changes nothing) and ``pyside6-lrelease`` compiles each language into one
``desktop_assistant_<language>.qm`` beside this file, which the app loads.

``--check`` (run by tests/unit/test_translations.py) fails when a string is not yet in its
``.ts``, a translation is missing or unfinished, a translation drops or invents a ``{field}``
or ``%n`` placeholder, a ``.ts`` holds strings the code no longer has, or a ``.qm`` is older
than its sources.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = ROOT / "desktop_assistant"
LANGUAGES = {"zh_CN": [], "en": ["-pluralonly"]}
MARKERS = re.compile(r"\btr\(|\btranslate\(|QT_TRANSLATE_NOOP\(")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%n|%L?\d")


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    return str(Path(PySide6.__file__).parent / name)


def modules(only: list[Path] | None = None) -> list[Path]:
    return sorted(path for path in (only or PACKAGE.rglob("*.py"))
                  if MARKERS.search(path.read_text(encoding="utf-8")))


def ts_name(module: Path) -> str:
    return ".".join(module.relative_to(ROOT).with_suffix("").parts) + ".ts"


def extract(module: Path, ts_file: Path, language: str) -> None:
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", "-source-language",
         "en", "-target-language", language, *LANGUAGES[language], str(module),
         "-ts", str(ts_file)],
        check=True, capture_output=True, text=True,
    )


def compile_language(language: str, ts_files: list[Path], qm_file: Path) -> None:
    if not ts_files:
        qm_file.unlink(missing_ok=True)
        return
    subprocess.run([tool("lrelease"), "-silent", "-removeidentical" if language == "en" else
                    "-nounfinished", *map(str, ts_files), "-qm", str(qm_file)],
                   check=True, capture_output=True, text=True)


def messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    if not ts_file.exists():
        return []
    tree = ET.parse(ts_file)
    return [(context.findtext("name", ""), message.findtext("source", ""), message)
            for context in tree.getroot().iter("context") for message in context.iter("message")]


def problems_in(ts_file: Path) -> list[str]:
    problems = []
    for context, source, message in messages(ts_file):
        where = f"{ts_file.relative_to(HERE)}: [{context}] {source!r}"
        translation = message.find("translation")
        if translation is None or translation.get("type") in {"unfinished", "vanished",
                                                              "obsolete"}:
            problems.append(f"{where}: not translated")
            continue
        forms = [form.text or "" for form in translation.iter("numerusform")] or [
            translation.text or ""]
        if not all(form.strip() for form in forms):
            problems.append(f"{where}: empty translation")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for form in forms:
            if sorted(set(PLACEHOLDER.findall(form))) != wanted:
                problems.append(f"{where}: placeholders {wanted} differ in {form!r}")
    return problems


def qm_file(language: str, folder: Path = HERE) -> Path:
    return folder / f"desktop_assistant_{language}.qm"


def update(only: list[Path] | None = None) -> None:
    wanted = {language: {ts_name(module): module for module in modules(only)}
              for language in LANGUAGES}
    for language, files in wanted.items():
        folder = HERE / language
        for stale in folder.glob("*.ts"):
            if stale.name not in files and not only:
                stale.unlink()
        for name, module in files.items():
            extract(module, folder / name, language)
            if not messages(folder / name):
                (folder / name).unlink()
        written = sorted(folder.glob("*.ts"))
        compile_language(language, written, qm_file(language))
        print(f"{language}: {len(written)} files, {sum(len(messages(f)) for f in written)} "
              f"strings -> {qm_file(language).relative_to(ROOT)}")


def check(only: list[Path] | None = None) -> list[str]:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            folder = HERE / language
            committed = sorted(folder.glob("*.ts"))
            expected = set()
            for module in modules(only):
                name = ts_name(module)
                fresh = Path(scratch) / language / name
                fresh.parent.mkdir(parents=True, exist_ok=True)
                if (folder / name).exists():
                    shutil.copy(folder / name, fresh)
                extract(module, fresh, language)
                if not messages(fresh):
                    continue
                expected.add(name)
                if not (folder / name).exists():
                    problems.append(f"{language}/{name}: missing (run update.py)")
                elif fresh.read_bytes() != (folder / name).read_bytes():
                    ours = {(c, s) for c, s, _ in messages(folder / name)}
                    theirs = {(c, s) for c, s, _ in messages(fresh)}
                    for context, source in sorted(theirs - ours):
                        problems.append(f"{language}/{name}: [{context}] {source!r} is not in "
                                        "the .ts yet (run update.py)")
                    for context, source in sorted(ours - theirs):
                        problems.append(f"{language}/{name}: [{context}] {source!r} is no "
                                        "longer in the code (run update.py)")
                    if ours == theirs:
                        problems.append(f"{language}/{name}: out of date (run update.py)")
                problems += problems_in(folder / name) if (folder / name).exists() else []
            for ts_file in committed:
                if ts_file.name not in expected and not only:
                    problems.append(f"{language}/{ts_file.name}: its module has no strings "
                                    "(run update.py)")
            compiled = Path(scratch) / qm_file(language).name
            compile_language(language, committed, compiled)
            current = qm_file(language)
            if compiled.exists() != current.exists() or (
                    current.exists() and compiled.read_bytes() != current.read_bytes()):
                problems.append(f"{current.name}: not compiled from the current .ts files "
                                "(run update.py)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report problems; change nothing")
    parser.add_argument("modules", nargs="*", type=Path,
                        help="only these source files (default: the whole package)")
    args = parser.parse_args()
    only = [module.resolve() for module in args.modules] or None
    if not args.check:
        update(only)
    problems = check(only)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
