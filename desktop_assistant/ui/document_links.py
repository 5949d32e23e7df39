"""Opening the links in the chat: web and mail links in their apps, file links only to documents.

Answers cite their sources as ``file://`` links (``Hit.link``, with ``#page=N`` where the file
has pages). A click opens the file with the system's viewer through ``QDesktopServices``, but
only if it is a document indexed from the person's folders: an answer is written by a model
that read the documents, and a link it was talked into (a program, a file outside the folders)
is refused with a sentence in the window instead of being opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.workers import errors, run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services


def open_link(services: Services, link: str, *, context: QObject | None = None) -> None:
    """Open ``link`` from a chat message; a file link after checking it (in a worker)."""
    url = QUrl(link)
    if not url.isLocalFile():
        QDesktopServices.openUrl(url)
        return
    path = url.toLocalFile()

    def refused(error: Exception) -> None:
        from desktop_assistant.documents.service import DocumentError

        if not isinstance(error, DocumentError):
            errors.report_exception(QT_TRANSLATE_NOOP("Workers", "Opening the document failed"),
                                    error)
            return
        errors.report(QCoreApplication.translate(
            "DocumentLinks", "Not opened: {path} is not one of your indexed documents. Links "
            "in the chat open only files from the folders in Settings → Documents.")
            .format(path=path))

    def checked(_real: str) -> None:
        QDesktopServices.openUrl(url)

    run_task(lambda: services.documents.confined_path(path), checked, refused, context=context,
             cleanup=services.release_thread, description="opening the document")
