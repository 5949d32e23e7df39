"""The installers' recipes and what they carry: the Linux launcher passes desktop-file-validate
and installs for one person, the AppImage's AppDir starts the bundle, the Inno Setup script and
Info.plist hold what Windows and macOS need (start at login as the app itself writes it, data
removal through the app's own command), the version lives only in ``__version__``, the icon
files have every size, and the bundled-licence list covers every installed runtime dependency
exactly as collect.py writes it."""

from __future__ import annotations

import configparser
import json
import os
import plistlib
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import desktop_assistant
from desktop_assistant import autostart, cli
from desktop_assistant.licenses import bundled_components
from desktop_assistant.settings import Paths

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"
LINUX = INSTALLERS / "linux"
DESKTOP_FILE = LINUX / "desktop-assistant.desktop"
ISS = INSTALLERS / "windows" / "desktop-assistant.iss"
INFO_PLIST = INSTALLERS / "macos" / "Info.plist"
ICONS = ROOT / "resources" / "icons"
LICENSES = ROOT / "resources" / "licenses"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def _validate(desktop_file: Path) -> None:
    """desktop-file-validate (Debian's desktop-file-utils) says nothing and exits 0."""
    done = subprocess.run(["desktop-file-validate", str(desktop_file)], capture_output=True,
                          text=True, check=False)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def _desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def _fake_bundle(folder: Path) -> Path:
    """A stand-in for dist/desktop-assistant: a program that prints its arguments."""
    bundle = folder / "desktop-assistant"
    bundle.mkdir(parents=True)
    program = bundle / "desktop-assistant"
    program.write_text('#!/bin/sh\necho "started with: $*"\n', encoding="utf-8")
    program.chmod(0o755)
    return bundle


# Linux -------------------------------------------------------------------------------------


def test_the_desktop_file_is_valid_and_complete() -> None:
    _validate(DESKTOP_FILE)
    entry = _desktop_entry(DESKTOP_FILE)
    for key in ("Name", "Name[zh_CN]", "Comment", "Comment[zh_CN]", "Exec", "Icon",
                "Categories", "StartupWMClass"):
        assert entry.get(key), key
    assert entry["Name"] == "Desktop Assistant"
    assert entry["Name[zh_CN]"] == "桌面助手"
    assert entry["Exec"] == "desktop-assistant"
    assert entry["StartupWMClass"] == "desktop-assistant"
    assert "Office" in entry["Categories"].split(";")
    icon = entry["Icon"]
    for size in HICOLOR_SIZES:
        assert (ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{icon}.png").is_file()


def test_the_appstream_metadata_launches_the_desktop_file() -> None:
    (metainfo,) = LINUX.glob("*.metainfo.xml")
    component = ET.parse(metainfo).getroot()
    assert component.get("type") == "desktop-application"
    assert metainfo.name == f"{component.findtext('id')}.metainfo.xml"
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.findtext("project_license") == "MIT"


def test_install_icons_puts_launcher_and_icons_in_the_persons_data_folder(
        tmp_path: Path) -> None:
    program = _fake_bundle(tmp_path / "my apps") / "desktop-assistant"
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    subprocess.run([str(LINUX / "install-icons.sh"), "--exec", str(program)], env=env,
                   check=True, capture_output=True)

    installed = data / "applications" / "desktop-assistant.desktop"
    _validate(installed)
    assert shlex.split(_desktop_entry(installed)["Exec"]) == [str(program)]
    for size in HICOLOR_SIZES:
        png = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "desktop-assistant.png"
        assert png.read_bytes() == (
            ICONS / "hicolor" / f"{size}x{size}" / "apps" / "desktop-assistant.png").read_bytes()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "desktop-assistant.svg").is_file()

    subprocess.run([str(LINUX / "install-icons.sh"), "--uninstall"], env=env, check=True,
                   capture_output=True)
    assert not installed.exists()
    assert not list((data / "icons").rglob("desktop-assistant.*"))


def test_the_appdir_starts_the_bundle_with_its_arguments(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "dist")
    appdir = tmp_path / "AppDir"
    env = {**os.environ, "BUNDLE": str(bundle), "APPDIR": str(appdir),
           "PYTHON": sys.executable}
    subprocess.run([str(LINUX / "build-appimage.sh"), "--appdir-only"], env=env, check=True,
                   capture_output=True)

    _validate(appdir / "desktop-assistant.desktop")
    assert (appdir / ".DirIcon").resolve().read_bytes() == (
        ICONS / "hicolor" / "256x256" / "apps" / "desktop-assistant.png").read_bytes()
    assert list((appdir / "usr" / "share" / "metainfo").glob("*.metainfo.xml"))
    started = subprocess.run([str(appdir / "AppRun"), "--self-check"], capture_output=True,
                             text=True, check=True)
    assert started.stdout == "started with: --self-check\n"
    linked = subprocess.run([str(appdir / "usr" / "bin" / "desktop-assistant"), "--demo"],
                            capture_output=True, text=True, check=True)
    assert linked.stdout == "started with: --demo\n"


# Windows -----------------------------------------------------------------------------------


def _iss() -> tuple[str, dict[str, list[str]], dict[str, str]]:
    """The script's text, its lines per [Section], and its #define values."""
    text = ISS.read_text(encoding="utf-8-sig")
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    defines = dict(re.findall(r'^#define (\w+) "([^"]*)"', text, re.MULTILINE))
    return text, sections, defines


def _entry(line: str) -> dict[str, str]:
    """An Inno Setup entry line ``Key: "value"; Key: value`` as a dict (quotes doubled inside)."""
    fields = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
    return {key: value[1:-1].replace('""', '"') if value.startswith('"') else value.strip()
            for key, value in fields}


def _expand(value: str, defines: dict[str, str], app: str) -> str:
    for name, defined in defines.items():
        value = value.replace(f"{{#{name}}}", defined)
    return value.replace("{app}", app)


def test_the_windows_installer_is_per_user_and_takes_the_version_from_the_command_line(
        ) -> None:
    text, sections, _ = _iss()
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")  # Chinese messages need UTF-8 + BOM
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{localappdata}\\Programs\\")
    assert setup["AppVersion"] == "{#AppVersion}"
    assert re.search(r"#ifndef AppVersion\s+#error", text)
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])
    assert (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve() == (
        ICONS / "desktop-assistant.ico")
    icons = [_entry(line) for line in sections["Icons"]]
    assert any(icon["Name"].startswith("{autoprograms}") for icon in icons)
    languages = {_entry(line)["Name"] for line in sections["Languages"]}
    assert languages == {"english", "chinesesimplified"}


def test_start_at_sign_in_writes_what_the_apps_own_setting_writes() -> None:
    _, sections, defines = _iss()
    tasks = {_entry(line)["Name"]: _entry(line) for line in sections["Tasks"]}
    assert tasks["startatlogin"]["Flags"] == "unchecked"
    (run,) = [_entry(line) for line in sections["Registry"]
              if _entry(line).get("Tasks") == "startatlogin"]
    assert run["Root"] == "HKCU"
    assert run["Subkey"] == autostart.RUN_KEY
    assert _expand(run["ValueName"], defines, "") == autostart.APP_NAME
    assert "uninsdeletevalue" in run["Flags"]
    app = r"C:\Users\Wei Zhang\AppData\Local\Programs\Desktop Assistant"
    # autostart.launch_command() in the frozen app: the exe beside it, then --background,
    # joined with Windows quoting (subprocess_line on Windows).
    expected = subprocess.list2cmdline([f"{app}\\desktop-assistant.exe",
                                        autostart.BACKGROUND_FLAG])
    assert _expand(run["ValueData"], defines, app) == expected


def test_the_uninstallers_data_removal_is_the_apps_own_non_interactive_delete_all(
        home: Path) -> None:
    text, _, defines = _iss()
    (arguments,) = re.findall(r"Exec\(ExpandConstant\('\{app\}\\\{#AppExe\}'\), '([^']*)'",
                              text)
    assert defines["AppExe"] == "desktop-assistant.exe"
    assert "MB_DEFBUTTON2" in text  # "No" (keep the data) is the default answer
    paths = Paths.resolve()
    paths.ensure()
    paths.settings_file.write_text('model = "gpt-4o-mini"\n', encoding="utf-8")
    paths.database.write_bytes(b"")
    # What the uninstaller runs, with no terminal to answer on:
    assert cli.main(shlex.split(arguments)) == 0
    assert not paths.config_dir.exists()
    assert not paths.data_dir.exists()


# macOS -------------------------------------------------------------------------------------


def test_info_plist_has_the_keys_macos_needs_and_takes_the_version_when_built() -> None:
    raw = INFO_PLIST.read_bytes()
    assert raw.count(b"@VERSION@") == 2
    info = plistlib.loads(raw.replace(b"@VERSION@", desktop_assistant.__version__.encode()))
    assert info["CFBundleShortVersionString"] == desktop_assistant.__version__
    assert info["CFBundleVersion"] == desktop_assistant.__version__
    assert info["CFBundleIdentifier"] == "com.example.desktop-assistant"
    assert info["CFBundleExecutable"] == "desktop-assistant"
    assert info["CFBundleLocalizations"] == ["en", "zh_CN"]
    assert info["LSApplicationCategoryType"] == "public.app-category.productivity"
    assert info["NSHighResolutionCapable"] is True
    assert tuple(int(part) for part in info["LSMinimumSystemVersion"].split(".")) >= (12, 0)
    assert (ICONS / info["CFBundleIconFile"]).is_file()
    script = (INSTALLERS / "macos" / "build-dmg.sh").read_text(encoding="utf-8")
    assert "hdiutil create" in script
    readme = (INSTALLERS / "macos" / "README.md").read_text(encoding="utf-8")
    for step in ("--options runtime", "notarytool submit", "stapler staple", "TEAM_ID"):
        assert step in readme


# One version -------------------------------------------------------------------------------


def test_nothing_under_installers_names_the_version() -> None:
    version = re.compile(rf"(?<![\d.]){re.escape(desktop_assistant.__version__)}(?![\d.])")
    files = [path for path in INSTALLERS.rglob("*") if path.is_file()]
    assert len(files) >= 10
    for path in files:
        assert not version.search(path.read_text(encoding="utf-8-sig")), path
    for script in ("linux/build-appimage.sh", "macos/build-dmg.sh"):
        assert "desktop_assistant.__version__" in (INSTALLERS / script).read_text()


# Icons -------------------------------------------------------------------------------------


def test_the_icon_files_hold_every_size(qapp: object) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    from desktop_assistant.ui.app_icon import app_icon

    for size in HICOLOR_SIZES:
        image = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" /
                           "desktop-assistant.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    assert set(app_icon().availableSizes()) == {QSize(size, size) for size in HICOLOR_SIZES}
    assert (ICONS / "hicolor" / "scalable" / "apps" / "desktop-assistant.svg").read_bytes() == (
        ICONS / "desktop-assistant.svg").read_bytes()

    ico = (ICONS / "desktop-assistant.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = {ico[6 + 16 * n] or 256 for n in range(count)}  # 0 means 256
    assert {16, 24, 32, 48, 256} <= sizes
    icns = (ICONS / "desktop-assistant.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack_from(">I", icns, 4)[0] == len(icns)


# Bundled licences --------------------------------------------------------------------------


def _installed_runtime_requirements() -> set[str]:
    """desktop-assistant's runtime requirements, recursively, as installed (markers evaluated
    for this interpreter, extras followed where a requirement asks for them)."""
    declared = list(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                    ["project"]["dependencies"])
    declared += metadata.distribution("desktop-assistant").requires or []
    pending = [(Requirement(text), "") for text in declared]
    seen: set[tuple[str, str]] = set()
    names: set[str] = set()
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        for wanted in requirement.extras or {""}:
            key = (canonicalize_name(requirement.name), wanted)
            if key in seen:
                continue
            seen.add(key)
            names.add(key[0])
            pending += [(Requirement(text), wanted)
                        for text in metadata.distribution(requirement.name).requires or []]
    return names


def test_every_installed_runtime_dependency_has_a_licence_entry() -> None:
    listed = {canonicalize_name(component.name) for component in bundled_components()}
    required = _installed_runtime_requirements()
    assert {"pyside6-essentials", "shiboken6", "openai", "python-stdnum"} <= required
    missing = sorted(required - listed)
    assert missing == [], f"run python resources/licenses/collect.py; missing: {missing}"


def test_every_component_has_its_licence_text_and_the_lgpl_ones_are_called_out() -> None:
    components = bundled_components()
    for component in components:
        assert component.texts, component.name
        assert component.license not in ("", "UNKNOWN"), component.name
        assert component.homepage.startswith(("https://", "http://")), component.name
        assert len(component.license_text()) > 200, component.name
    lgpl = {canonicalize_name(component.name) for component in components if component.lgpl}
    assert {"pyside6-essentials", "shiboken6", "python-stdnum"} <= lgpl
    assert "openai" not in lgpl
    pyside = next(c for c in components if canonicalize_name(c.name) == "pyside6-essentials")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in pyside.license_text()
    assert "GNU GENERAL PUBLIC LICENSE" in pyside.license_text()


def test_the_licence_list_is_what_collect_writes(tmp_path: Path) -> None:
    """Entries for the versions installed here are exactly what collect.py writes (versions
    that differ, on a machine with newer releases, are compared by name only above)."""
    subprocess.run([sys.executable, str(LICENSES / "collect.py"), "--output", str(tmp_path)],
                   check=True, capture_output=True)
    fresh = {c["name"]: c for c in json.loads(
        (tmp_path / "third_party.json").read_text(encoding="utf-8"))["components"]}
    committed = json.loads((LICENSES / "third_party.json").read_text(encoding="utf-8"))
    assert set(fresh) == {c["name"] for c in committed["components"]}
    compared = 0
    for entry in committed["components"]:
        if fresh[entry["name"]]["version"] != entry["version"]:
            continue
        assert fresh[entry["name"]] == entry
        for text in entry["texts"]:
            assert (tmp_path / text).read_bytes() == (LICENSES / text).read_bytes(), text
        compared += 1
    assert compared > 0  # else the list is stale for every package: run collect.py
    written = {path.relative_to(LICENSES).as_posix()
               for path in (LICENSES / "texts").rglob("*") if path.is_file()}
    assert written == {text for entry in committed["components"] for text in entry["texts"]}


def test_desktop_file_validate_is_installed() -> None:
    assert shutil.which("desktop-file-validate"), "apt-get install desktop-file-utils"
