"""Settings → Profile: who the person is, as the assistant's answers and drafts should know it.

Name, role, email address, signature, tone and language go into the system prompt and into
every draft (the signature is added below the body). The disclosure switch adds "Drafted with
AI assistance" to drafts the assistant wrote, as many companies ask. Below, the notification
settings (ui/notification_settings.py); saving applies "Start at login" to the system.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.forms import (
    cannot_write,
    choice_box,
    fill_tab,
    line_edit,
    status_label,
)
from desktop_assistant.ui.notification_settings import NotificationSettings
from desktop_assistant.ui.status import say

if TYPE_CHECKING:
    from desktop_assistant.app import Services

TONES = {"formal": QT_TRANSLATE_NOOP("ProfileSettings", "Formal"),
         "friendly": QT_TRANSLATE_NOOP("ProfileSettings", "Friendly"),
         "concise": QT_TRANSLATE_NOOP("ProfileSettings", "Concise")}
#: The language of answers and drafts (not of the interface: that is under Appearance).
LANGUAGES = {"": QT_TRANSLATE_NOOP("ProfileSettings", "The language I write in"),
             "en": QT_TRANSLATE_NOOP("ProfileSettings", "English"),
             "zh": QT_TRANSLATE_NOOP("ProfileSettings", "中文 (Chinese)")}


class ProfileSettings(QWidget):
    """The form; ``save`` checks and stores it."""

    saved = Signal(str, bool)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileSettings")
        self._services = services
        settings = services.settings
        self.name = line_edit("profileName", settings.profile_name, self.tr("Li Lei 李雷"),
                              self.tr("Your name"))
        self.title = line_edit("profileTitle", settings.profile_title,
                               self.tr("Finance analyst"), self.tr("Your role"))
        self.email = line_edit("profileEmail", settings.mail_from,
                               settings.calendar_email or "you@company.example",
                               self.tr("Your email"))
        self.signature = QPlainTextEdit(settings.profile_signature)
        self.signature.setObjectName("profileSignature")
        self.signature.setAccessibleName(self.tr("Signature"))
        self.signature.setPlaceholderText(self.tr("Li Lei\nFinance · Corp Example\n+86 …"))
        self.signature.setTabChangesFocus(True)
        self.signature.setMaximumHeight(96)
        self.tone = self._choices("profileTone", TONES, settings.profile_tone,
                                  self.tr("Tone of drafts"))
        self.language = self._choices("profileLanguage", LANGUAGES, settings.language,
                                      self.tr("Language of answers and drafts"))
        self.disclosure = QCheckBox(self.tr("Add “Drafted with AI assistance” to drafts the "
                                            "assistant writes"))
        self.disclosure.setObjectName("profileDisclosure")
        self.disclosure.setChecked(settings.mail_disclosure)
        self.notifications = NotificationSettings(services)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.title)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Signature"), self.signature)
        form.addRow(self.tr("Tone"), self.tone)
        form.addRow(self.tr("Language"), self.language)  # of answers and drafts
        form.addRow("", self.disclosure)
        note = QLabel(self.tr("The assistant uses these in its answers and in the emails it "
                              "drafts. They stay on this computer, in the settings file."))
        note.setWordWrap(True)
        note.setObjectName("settingsNote")
        self.status = status_label()
        fill_tab(self, "profile", [note, form, self.notifications], self.status)

    def _choices(self, name: str, labels: dict[str, str], current: str,
                 accessible: str) -> QComboBox:
        return choice_box(name, {key: self.tr(label) for key, label in labels.items()},
                          current, accessible)

    def values(self) -> dict[str, Any]:
        return {
            "profile_name": " ".join(self.name.text().split()),
            "profile_title": " ".join(self.title.text().split()),
            "mail_from": self.email.text().strip(),
            "profile_signature": self.signature.toPlainText().strip(),
            "profile_tone": str(self.tone.currentData()),
            "language": str(self.language.currentData()),
            "mail_disclosure": self.disclosure.isChecked(),
            **self.notifications.values(),
        }

    def problem(self) -> str | None:
        from desktop_assistant.mail.draft import address_problem

        values = self.values()
        email = values["mail_from"]
        if email and address_problem(email):
            return self.tr("Your email {email} is not an email address.").format(
                email=repr(email))
        return self.notifications.problem(values)

    def save(self) -> bool:
        problem = self.problem()
        if problem:
            say(self.status, problem, "error")
            return False
        values = self.values()
        if values["start_at_login"] != self._services.settings.start_at_login:
            from desktop_assistant import autostart

            try:
                autostart.apply(values["start_at_login"])
            except OSError as error:
                say(self.status, self.tr("Starting at login could not be set up: {error}")
                    .format(error=error), "error")
                return False
        try:
            self._services.update_settings(**values)
        except OSError as error:
            say(self.status, cannot_write(error), "error")
            return False
        say(self.status, self.tr("Saved."), "ok")
        self.saved.emit(self.tr("Profile saved."), False)
        return True
