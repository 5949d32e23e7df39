"""Walking an indexed folder: which files are in it, by the folder's include/exclude patterns.

Symbolic links are never followed. A link loop, a broken link, a link out of the folder (which
``read_document`` could not open either) and a link to something indexed at its own place are
all reported as skipped with the reason, as are sockets, pipes and devices (opening a pipe
would block the indexer). Folders that cannot be listed are reported, and the walk goes on.

Patterns are shell-style (``*.pdf``, ``drafts``, ``2023/*``) and case-insensitive. One without a
slash matches a file or folder name at any depth; one with a slash matches the path relative
to the indexed folder.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import PurePath

DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".*", "~$*", "~*.tmp", "*.tmp", "Thumbs.db", "desktop.ini", "node_modules", "__pycache__",
)


@dataclass(frozen=True)
class FoundFile:
    """A file the walk found; ``problem`` says why it is skipped without being read."""

    path: str
    size: int
    mtime_ns: int
    problem: str | None = None


def _matches(name: str, relative: str, patterns: Sequence[str]) -> bool:
    name, relative = name.lower(), relative.lower()
    for pattern in patterns:
        pattern = pattern.lower().replace("\\", "/").strip("/")
        if fnmatchcase(relative if "/" in pattern else name, pattern):
            return True
    return False


class FolderRules:
    """A folder's include and exclude patterns, applied to paths relative to it."""

    def __init__(self, root: str, include: Sequence[str], exclude: Sequence[str]) -> None:
        self.root = root
        self.include = tuple(include) or ("*",)
        self.exclude = tuple(exclude)

    def relative(self, path: str) -> str:
        return PurePath(path).relative_to(self.root).as_posix()

    def excludes_folder(self, path: str) -> bool:
        relative = self.relative(path)
        return _matches(PurePath(path).name, relative, self.exclude)

    def wants_file(self, path: str) -> bool:
        relative = self.relative(path)
        name = PurePath(path).name
        if _matches(name, relative, self.exclude):
            return False
        return _matches(name, relative, self.include)

    def within(self, path: str) -> bool:
        """True if ``path`` is in the folder and no folder on the way there is excluded."""
        try:
            parts = PurePath(path).relative_to(self.root).parts
        except ValueError:
            return False
        current = PurePath(self.root)
        for part in parts[:-1]:
            current = current / part
            if self.excludes_folder(str(current)):
                return False
        return True


def _link_problem(path: str, root: str) -> str:
    try:
        target = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        return "broken symbolic link"
    real = os.path.realpath(path)
    try:
        inside = os.path.commonpath([real, os.path.realpath(root)]) == os.path.realpath(root)
    except ValueError:  # another drive on Windows
        inside = False
    if not inside:
        return "symbolic link to a place outside the indexed folder (not followed)"
    kind = "folder" if stat.S_ISDIR(target.st_mode) else "file"
    return f"symbolic link to a {kind} indexed at its own place (not followed)"


def walk(
    rules: FolderRules, start: str | None = None, stop: Callable[[], bool] = lambda: False
) -> Iterator[FoundFile]:
    """Every file under ``start`` (default: the folder itself) that the rules want, a
    folder's files before its subfolders', names in order, without following links. A folder
    that cannot be listed is reported as a ``FoundFile`` with its problem. ``stop`` is asked
    between folders."""
    pending = [start or rules.root]
    while pending:
        if stop():
            return
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            reason = error.strerror or str(error)
            yield FoundFile(directory, 0, 0, f"folder could not be read: {reason}")
            continue
        subfolders = []
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:  # gone since the listing
                continue
            if stat.S_ISDIR(info.st_mode):
                if not rules.excludes_folder(entry.path):
                    subfolders.append(entry.path)
                continue
            if rules.wants_file(entry.path):
                yield FoundFile(entry.path, info.st_size, info.st_mtime_ns,
                                _problem(entry.path, info.st_mode, rules.root))
        pending.extend(reversed(subfolders))


def _problem(path: str, mode: int, root: str) -> str | None:
    if stat.S_ISLNK(mode):
        return _link_problem(path, root)
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device)"
    return None


def look_at(rules: FolderRules, path: str) -> FoundFile | None:
    """The one file at ``path`` as a walk would report it; None if gone or not wanted."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode) or not rules.within(path) or not rules.wants_file(path):
        return None
    return FoundFile(path, info.st_size, info.st_mtime_ns,
                     _problem(path, info.st_mode, rules.root))
