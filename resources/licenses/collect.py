"""List the third-party components the app ships, with their licence texts, from what is installed.

    python resources/licenses/collect.py                 # rewrite third_party.json and texts/
    python resources/licenses/collect.py --output DIR    # write them into DIR instead

The components are every runtime dependency of desktop-assistant, recursively: the top-level
requirements from pyproject.toml (the source of truth in a checkout; an editable install's
metadata can lag behind it) and the installed distribution's Requires-Dist, then each installed
dependency's own Requires-Dist, with environment markers evaluated for this interpreter and the
extras a requirement asks for. Test-only extras are not followed. The Python interpreter itself
is listed too (the bundle carries it).

For each: name, version, licence (the SPDX expression the package declares, else its License
field or classifiers, with a few vague declarations made exact below), homepage, and the
licence files from its ``.dist-info`` copied into ``texts/<name>/``. Packages that ship no
licence file (PySide6-Essentials and shiboken6) get the standard texts from Debian's
``/usr/share/common-licenses``. Output is sorted and has no dates, so two runs on the same
environment give the same files (tests/packaging/test_installers.py checks that, and that
nothing installed is missing).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import re
import shutil
import sys
import sysconfig
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
APP = "desktop-assistant"
JSON_NAME = "third_party.json"
COMMON_LICENSES = Path("/usr/share/common-licenses")

LICENSE_FILE = re.compile(r"(?i)^(licen[cs]es?|copying|notice|authors|copyright)([._-].*)?$")

# Declarations too vague to show as they are, made exact from the package's own licence files.
EXACT_LICENSES = {
    "caldav": "Apache-2.0 OR GPL-3.0",  # "GPL" + COPYING.APACHE and COPYING.GPL (version 3)
    "python-dateutil": "Apache-2.0 AND BSD-3-Clause",  # "Dual License": see its LICENSE
    "python-stdnum": "LGPL-2.1-or-later",  # "LGPL"; COPYING is the LGPL 2.1, "or later"
    "pyasn1-modules": "BSD-2-Clause",  # "BSD"; LICENSE.txt has two clauses
}
# Free-text License fields and classifiers as SPDX identifiers.
SPDX = {
    "mit": "MIT", "mit license": "MIT",
    "apache": "Apache-2.0", "apache 2.0": "Apache-2.0", "apache-2.0": "Apache-2.0",
    "apache license, version 2.0": "Apache-2.0", "apache software license": "Apache-2.0",
    "3-clause bsd license": "BSD-3-Clause", "bsd 3-clause": "BSD-3-Clause",
    "mozilla public license 2.0 (mpl 2.0)": "MPL-2.0",
    "gnu lesser general public license v3 or later (lgplv3+)": "LGPL-3.0-or-later",
    "public domain": "Public Domain", "isc license (iscl)": "ISC",
}
# Standard texts for packages that ship none (file names in /usr/share/common-licenses).
COMMON_TEXTS = {
    # PySide6/Qt is used under the LGPL 3, which is the GPL 3 plus extra permissions: both.
    "pyside6-essentials": ("LGPL-3", "GPL-3"),
    "shiboken6": ("LGPL-3", "GPL-3"),
}
HOMEPAGE_LABELS = ("homepage", "home", "source", "source code", "repository", "github", "code")


def top_level_requirements() -> list[Requirement]:
    """desktop-assistant's own runtime requirements: pyproject.toml's and the installed ones."""
    texts = list(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["project"]["dependencies"])
    with contextlib.suppress(metadata.PackageNotFoundError):
        texts += metadata.distribution(APP).requires or []
    return [Requirement(text) for text in texts]


def applies(requirement: Requirement, extras: set[str]) -> bool:
    """Whether ``requirement`` holds here, for a distribution installed with ``extras``."""
    if requirement.marker is None:
        return True
    environment = dict(default_environment())
    return any(requirement.marker.evaluate({**environment, "extra": extra})
               for extra in extras | {""})


def runtime_distributions() -> dict[str, tuple[metadata.Distribution, set[str]]]:
    """Every installed distribution the app needs at run time, by canonical name, with the
    extras asked of it. A requirement that is not installed is an error: the list would lie."""
    found: dict[str, tuple[metadata.Distribution, set[str]]] = {}
    pending = [(requirement, set[str]()) for requirement in top_level_requirements()]
    while pending:
        requirement, parent_extras = pending.pop()
        if not applies(requirement, parent_extras):
            continue
        key = canonicalize_name(requirement.name)
        extras = set(requirement.extras)
        if key in found and extras <= found[key][1]:
            continue
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            raise SystemExit(f"{requirement} is required but not installed") from None
        known = found[key][1] if key in found else set()
        found[key] = (distribution, known | extras)
        pending += [(Requirement(text), known | extras) for text in distribution.requires or []]
    return found


def license_of(key: str, meta: metadata.PackageMetadata) -> str:
    """The licence as an SPDX expression where the package lets us tell."""
    if key in EXACT_LICENSES:
        return EXACT_LICENSES[key]
    if meta.get("License-Expression"):
        return str(meta["License-Expression"]).strip()
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and field.upper() != "UNKNOWN":
        return SPDX.get(field.lower(), field)
    classifiers = [c.rsplit("::", 1)[1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    names = [SPDX.get(c.lower(), c) for c in classifiers]
    return " OR ".join(dict.fromkeys(names)) or "UNKNOWN"


def homepage_of(meta: metadata.PackageMetadata) -> str:
    if (meta.get("Home-page") or "UNKNOWN").upper() != "UNKNOWN":
        return str(meta["Home-page"])
    urls = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls.setdefault(label.strip().lower(), url.strip())
    for label in HOMEPAGE_LABELS:
        if label in urls:
            return urls[label]
    return next(iter(urls.values()), f"https://pypi.org/project/{meta['Name']}/")


def license_files(distribution: metadata.Distribution) -> list[tuple[str, Path]]:
    """(name to copy to, source path) of the licence files in the distribution's metadata."""
    chosen = []
    for file in distribution.files or []:
        parts = file.parts
        if not parts or not parts[0].endswith((".dist-info", ".egg-info")):
            continue
        inside = parts[1:]
        if inside and inside[0] == "licenses":
            inside = inside[1:]
        elif not LICENSE_FILE.match(file.name):
            continue
        if inside:
            chosen.append(("_".join(inside), Path(str(file.locate()))))
    return sorted(chosen)


def python_component(texts: Path) -> dict[str, object]:
    """The interpreter the bundle carries, with its LICENSE.txt."""
    folder = texts / "python"
    source = Path(sysconfig.get_path("stdlib")) / "LICENSE.txt"
    copied = []
    if source.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / "LICENSE.txt")
        copied.append("texts/python/LICENSE.txt")
    return {"name": "Python", "version": platform.python_version(), "license": "PSF-2.0",
            "homepage": "https://www.python.org/", "texts": copied}


def collect(output: Path) -> list[dict[str, object]]:
    """Write ``third_party.json`` and ``texts/`` into ``output``; return the components."""
    texts = output / "texts"
    if texts.exists():
        shutil.rmtree(texts)
    texts.mkdir(parents=True)
    components = [python_component(texts)]
    for key, (distribution, _) in sorted(runtime_distributions().items()):
        if key == APP:
            continue
        folder = texts / key
        copied = []
        sources = license_files(distribution) or [
            (f"{name}.txt", COMMON_LICENSES / name) for name in COMMON_TEXTS.get(key, ())
            if (COMMON_LICENSES / name).is_file()]
        for name, source in sources:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / name)
            copied.append(f"texts/{key}/{name}")
        meta = distribution.metadata
        components.append({
            "name": str(meta["Name"]), "version": distribution.version,
            "license": license_of(key, meta), "homepage": homepage_of(meta), "texts": copied,
        })
    document = {
        "about": "Third-party components bundled with Desktop Assistant; written by "
                 "resources/licenses/collect.py from the installed packages. Do not edit.",
        "components": components,
    }
    (output / JSON_NAME).write_text(
        json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return components


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=HERE,
                        help="folder for third_party.json and texts/ (default: beside this)")
    args = parser.parse_args()
    components = collect(args.output)
    print(f"{len(components)} components -> {args.output / JSON_NAME}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
