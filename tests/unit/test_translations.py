"""The interface translations are complete and compiled (resources/translations/update.py).

A string marked for translation in the code but not yet in its ``.ts``, a Chinese translation
missing or unfinished, a placeholder lost in translation, or a ``.qm`` not rebuilt from the
current ``.ts`` files fails here with the command that fixes it. Strings not marked at all are
found by the GUI tests that walk each window in Chinese (tests/support/i18n.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop_assistant import i18n
from desktop_assistant.resources import resource_path

UPDATE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "update.py"


def test_every_marked_string_is_translated_and_compiled() -> None:
    result = subprocess.run([sys.executable, str(UPDATE), "--check"], capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr


def test_the_chinese_catalog_is_shipped() -> None:
    assert resource_path("translations", "desktop_assistant_zh_CN.qm").stat().st_size > 1000


def test_the_check_catches_an_untranslated_string(tmp_path: Path) -> None:
    ts_file = tmp_path / "x.ts"
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1">\n'
        "<context><name>A</name>"
        "<message><source>Saved {name}</source><translation>已保存</translation></message>"
        "<message><source>Open</source><translation type=\"unfinished\"></translation></message>"
        "<message><source>Close</source><translation>关闭</translation></message>"
        "</context></TS>\n", encoding="utf-8")
    sys.path.insert(0, str(UPDATE.parent))
    try:
        import update  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(UPDATE.parent))
    update.HERE = tmp_path
    problems = update.problems_in(ts_file)
    assert len(problems) == 2
    assert "placeholders ['{name}']" in problems[0]
    assert "'Open': not translated" in problems[1]


def test_locale_names_choose_the_interface_language() -> None:
    assert i18n.language_from_locale("zh_CN.UTF-8") == "zh_CN"
    assert i18n.language_from_locale("zh-Hans-CN") == "zh_CN"
    assert i18n.language_from_locale("en_GB.UTF-8") == "en"
    assert i18n.system_language({"LANG": "zh_TW.UTF-8"}) == "zh_CN"
    assert i18n.system_language({"LC_ALL": "de_DE", "LANG": "zh_CN"}) == "en"
    assert i18n.system_language({}) == "en"


def test_the_setting_is_read_before_the_window_without_failing(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    assert i18n.chosen_language(settings) == ""  # no file yet
    settings.write_text('interface_language = "zh_CN"\n', encoding="utf-8")
    assert i18n.chosen_language(settings) == "zh_CN"
    settings.write_text('interface_language = "klingon"\n', encoding="utf-8")
    assert i18n.chosen_language(settings) == ""
    settings.write_text("this is [not toml", encoding="utf-8")
    assert i18n.chosen_language(settings) == ""  # the full load reports it after first paint
