"""Settings → Appearance: the interface language and the theme.

The theme applies at once (ui/theme.py). The language applies at the next start: the
translations are installed before any widget is built, and a window half in one language is
worse than a restart. After a changed language is saved, a box offers to restart now (quit,
then start the same command again: ``application.restart``) or later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QMessageBox, QWidget

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui import theme
from desktop_assistant.ui.forms import choice_box, fill_tab, status_label
from desktop_assistant.ui.status import say

if TYPE_CHECKING:
    from desktop_assistant.app import Services

# Each language is named in itself, so a person who can't read the current one finds theirs.
INTERFACE_LANGUAGES = {"": QT_TRANSLATE_NOOP("AppearanceSettings", "Follow the system"),
                       "en": "English",
                       "zh_CN": "中文（简体）"}
THEME_CHOICES = {"": QT_TRANSLATE_NOOP("AppearanceSettings", "Follow the system"),
                 "light": QT_TRANSLATE_NOOP("AppearanceSettings", "Light"),
                 "dark": QT_TRANSLATE_NOOP("AppearanceSettings", "Dark")}


def _restart() -> None:
    from desktop_assistant.ui.application import restart

    restart()


class AppearanceSettings(QWidget):
    """The form; ``save`` stores it, shows the theme, and offers a restart for the language.
    ``restart`` quits and starts the app again (a test passes one that only records)."""

    saved = Signal(str, bool)

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 restart: Callable[[], None] = _restart) -> None:
        super().__init__(parent)
        self.setObjectName("appearanceSettings")
        self._services = services
        self._restart = restart
        self.restart_offer: QMessageBox | None = None
        settings = services.settings
        self.language = self._choices("interfaceLanguage", INTERFACE_LANGUAGES,
                                      settings.interface_language,
                                      self.tr("Interface language"))
        self.theme = self._choices("theme", THEME_CHOICES, settings.theme, self.tr("Theme"))
        form = QFormLayout()
        form.addRow(self.tr("Interface language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        note = QLabel(self.tr("The theme changes at once. A new interface language is used "
                              "from the next start of Desktop Assistant. The language of "
                              "answers and drafts is under Profile."))
        note.setWordWrap(True)
        note.setObjectName("settingsNote")
        self.status = status_label()
        fill_tab(self, "appearance", [note, form], self.status)

    def _choices(self, name: str, labels: dict[str, str], current: str,
                 accessible: str) -> QComboBox:
        return choice_box(name, {key: self.tr(label) for key, label in labels.items()},
                          current, accessible)

    def values(self) -> dict[str, str]:
        return {"interface_language": str(self.language.currentData()),
                "theme": str(self.theme.currentData())}

    def save(self) -> bool:
        values = self.values()
        language_changed = self._language_changes(values["interface_language"])
        try:
            self._services.update_settings(**values)
        except OSError as error:
            say(self.status, self.tr("The settings could not be written: {error}").format(
                error=error), "error")
            return False
        theme.set_theme(values["theme"])
        say(self.status, self.tr("Saved."), "ok")
        self.saved.emit(self.tr("Appearance saved."), False)
        if language_changed:
            self.offer_restart()
        return True

    def _language_changes(self, setting: str) -> bool:
        """Whether ``setting`` means another language than the one shown now (choosing
        "Follow the system" when the system's language is the one shown changes nothing)."""
        from desktop_assistant.ui.translations import effective_language

        app = QCoreApplication.instance()
        shown = app.property("interfaceLanguage") if app is not None else None
        if not shown:  # no catalog installed (tests): compare the settings
            return setting != self._services.settings.interface_language
        return effective_language(setting) != str(shown)

    def offer_restart(self) -> QMessageBox:
        """Ask to restart now for the new language, without blocking. The box belongs to the
        main window: the settings dialog closes once the tab is saved."""
        dialog = self.window()
        owner = dialog.parentWidget() or dialog
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restart Desktop Assistant?"),
                          self.tr("The new interface language is used after a restart. "
                                  "Restart now? An answer being written is stopped, and a "
                                  "message you have not sent is not kept."), parent=owner)
        box.setObjectName("restartOffer")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        now = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        now.setObjectName("restartNow")
        later = box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("restartLater")
        box.setDefaultButton(later)
        now.clicked.connect(self._restart)
        self.restart_offer = box
        box.open()
        return box
