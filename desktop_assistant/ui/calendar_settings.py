"""Settings → Calendars: where new events go, your working time, Google sign-in, CalDAV.

Values are checked with :meth:`CalendarPreferences.from_settings` before they are written, and
a bad one is named in the status line. The CalDAV password goes to the keyring (through
``Services.secrets``), never to the settings file. Signing in to Google (which waits while the
browser flow runs) and testing a CalDAV server run in workers and show the exact outcome.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_assistant.calendar.preferences import parse_days
from desktop_assistant.calendar.when import parse_duration
from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.forms import (
    DAY_NAMES,
    day_toggles,
    fill_tab,
    line_edit,
    run_from_button,
    status_label,
    store_form,
)
from desktop_assistant.ui.status import say

if TYPE_CHECKING:
    from desktop_assistant.app import Services

# Labels are translated where shown (context "CalendarSettings").
BACKEND_LABELS = {
    "local": QT_TRANSLATE_NOOP("CalendarSettings", "This computer (no account)"),
    "google": QT_TRANSLATE_NOOP("CalendarSettings", "Google Calendar"),
    "caldav": QT_TRANSLATE_NOOP("CalendarSettings", "CalDAV (Nextcloud, Fastmail, iCloud …)"),
}
FIELD_LABELS = {
    "calendar_work_hours": QT_TRANSLATE_NOOP("CalendarSettings", "Working hours"),
    "calendar_work_days": QT_TRANSLATE_NOOP("CalendarSettings", "Working days"),
    "calendar_breaks": QT_TRANSLATE_NOOP("CalendarSettings", "Breaks"),
    "calendar_buffer": QT_TRANSLATE_NOOP("CalendarSettings", "Buffer"),
    "calendar_notice": QT_TRANSLATE_NOOP("CalendarSettings", "Minimum notice"),
    "calendar_backend": QT_TRANSLATE_NOOP("CalendarSettings", "Calendar"),
}
CHECK_DAYS = 7


def days_text(days: set[int]) -> str:
    """{0, 1, 2, 3, 4} → "Mon-Fri"; other sets as "Mon,Wed,Fri"."""
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return ",".join(DAY_NAMES[d] for d in ordered)


def readable(message: str) -> str:
    """A preferences error with the settings key replaced by the field's label."""
    for key, label in FIELD_LABELS.items():
        message = message.replace(key, QCoreApplication.translate("CalendarSettings", label))
    return message


def check_caldav(services: Services, url: str, username: str, password: str
                 ) -> tuple[str, int]:
    """Read a week of the CalDAV calendar at ``url``: the calendar's label and how many events
    it has in the next ``CHECK_DAYS`` days, or the CalendarError.

    ``password`` empty: the one in the keyring. Runs in a worker.
    """
    from desktop_assistant.calendar.caldav_calendar import PASSWORD_SECRET, CalDAVCalendar

    secret = password or services.secrets.get(PASSWORD_SECRET)
    calendar = CalDAVCalendar(url, username, secret, services.zone,
                              services.settings.calendar_timeout)
    try:
        now = datetime.now(services.zone())
        found = calendar.events(now, now + timedelta(days=CHECK_DAYS))
    finally:
        calendar.close()
    return calendar.label, len(found.events)


def google_sign_in(services: Services, client_file: str) -> str:
    """The browser sign-in with ``client_file``; blocks until it ends. Runs in a worker."""
    from desktop_assistant.calendar.google_auth import sign_in

    said = sign_in(client_file, services.secrets)
    services.calendar.close()  # built again with the new token on next use
    return said


class CalendarSettings(QWidget):
    """The Calendars tab: a form, Google and CalDAV parts for the chosen calendar, a status."""

    #: Saved: a message for the person, and whether it is a warning (password kept for now only).
    saved = Signal(str, bool)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarSettings")
        self._services = services
        settings = services.settings

        self.backend = QComboBox()
        self.backend.setObjectName("calendarBackend")
        self.backend.setAccessibleName(self.tr("New events go to"))
        for key, label in BACKEND_LABELS.items():
            self.backend.addItem(self.tr(label), key)
        self.email = line_edit("calendarEmail", settings.calendar_email, "you@corp.example",
                               self.tr("Your email"))
        self.email.setToolTip(self.tr("The organizer of the invitations you send"))
        self.work_hours = line_edit("workHours", settings.calendar_work_hours, "09:00-18:00",
                                    self.tr("Working hours"))
        self.breaks = line_edit("breaks", settings.calendar_breaks,
                                "12:00-13:00, 15:00-15:30", self.tr("Breaks"))
        self.breaks.setToolTip(self.tr("Lunch and focus blocks, kept free every working day"))
        days_box, self.day_buttons = day_toggles("day", self.tr("Work on"))
        self.buffer = self._minutes("bufferMinutes", 0, 240, 5,
                                    self.tr("Buffer between meetings"))
        self.notice = self._minutes("noticeMinutes", 0, 7 * 24 * 60, 15,
                                    self.tr("Minimum notice"))

        self.client_file = line_edit(
            "googleClientFile", settings.calendar_google_client_file,
            self.tr("client_secret_….json from your company's Google Cloud"),
            self.tr("OAuth client file"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("chooseClientFile")
        browse.setAccessibleName(self.tr("Choose the OAuth client file"))
        browse.clicked.connect(self.choose_client_file)
        self.sign_in_button = QPushButton(self.tr("Sign in with Google"))
        self.sign_in_button.setObjectName("googleSignIn")
        self.sign_in_button.clicked.connect(self.sign_in)
        file_row = QHBoxLayout()
        file_row.addWidget(self.client_file, 1)
        file_row.addWidget(browse)
        google_form = QFormLayout()
        google_form.addRow(self.tr("OAuth client file"), file_row)
        google_form.addRow("", self.sign_in_button)
        self.google_box = QGroupBox(self.tr("Google Calendar"))
        self.google_box.setLayout(google_form)

        self.caldav_url = line_edit("caldavUrl", settings.calendar_caldav_url,
                                    "https://cloud.corp.example/remote.php/dav/calendars/you/work/",
                                    self.tr("Calendar address"))
        self.caldav_username = line_edit("caldavUsername", settings.calendar_caldav_username,
                                         "", self.tr("Username"))
        self.caldav_password = line_edit(
            "caldavPassword", "", self.tr("Kept in the system keyring; empty keeps the saved one"),
            self.tr("Password"))
        self.caldav_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("caldavTest")
        self.test_button.clicked.connect(self.test_connection)
        caldav_form = QFormLayout()
        caldav_form.addRow(self.tr("Calendar address"), self.caldav_url)
        caldav_form.addRow(self.tr("Username"), self.caldav_username)
        caldav_form.addRow(self.tr("Password"), self.caldav_password)
        caldav_form.addRow("", self.test_button)
        self.caldav_box = QGroupBox("CalDAV")
        self.caldav_box.setLayout(caldav_form)

        self.status = status_label()
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("New events go to"), self.backend)
        form.addRow(self.tr("Your email"), self.email)
        form.addRow(self.tr("Working hours"), self.work_hours)
        form.addRow(self.tr("Working days"), days_box)
        form.addRow(self.tr("Breaks"), self.breaks)
        form.addRow(self.tr("Buffer between meetings"), self.buffer)
        form.addRow(self.tr("Minimum notice"), self.notice)
        fill_tab(self, "calendar", [form, self.google_box, self.caldav_box], self.status)

        self._fill_times()
        self.backend.currentIndexChanged.connect(self._backend_changed)
        self.backend.setCurrentIndex(max(0, self.backend.findData(
            (settings.calendar_backend or "local").lower())))
        self._backend_changed()

    def _minutes(self, name: str, low: int, high: int, step: int, accessible: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(low, high)
        box.setSingleStep(step)
        box.setSuffix(self.tr(" min"))
        box.setAccessibleName(accessible)
        return box

    def _fill_times(self) -> None:
        """Days, buffer and notice from the settings; an unreadable value is said, not fatal."""
        settings = self._services.settings
        problems = []
        try:
            days = parse_days(settings.calendar_work_days or "Mon-Fri", self.tr("Working days"))
        except ValueError as error:
            days, problems = frozenset(range(5)), [getattr(error, "message", str(error))]
        for number, button in enumerate(self.day_buttons):
            button.setChecked(number in days)
        for box, text, label in ((self.buffer, settings.calendar_buffer, self.tr("Buffer")),
                                 (self.notice, settings.calendar_notice,
                                  self.tr("Minimum notice"))):
            try:
                minutes = parse_duration(text or "0m", allow_zero=True) // timedelta(minutes=1)
            except ValueError as error:
                minutes = 0
                problems.append(self.tr("{field}: {problem}").format(field=label, problem=error))
            box.setValue(int(minutes))
        if problems:
            self._say(self.tr("The saved settings had values that could not be read; check "
                              "them: {problems}").format(problems=" ".join(problems)), "warning")

    # Values --------------------------------------------------------------------------------

    def backend_key(self) -> str:
        return str(self.backend.currentData())

    def values(self) -> dict[str, Any]:
        """The form as settings (every key a ``calendar_*`` field of Settings)."""
        days = {n for n, button in enumerate(self.day_buttons) if button.isChecked()}
        return {
            "calendar_backend": self.backend_key(),
            "calendar_email": self.email.text().strip(),
            "calendar_work_hours": self.work_hours.text().strip(),
            "calendar_work_days": days_text(days),
            "calendar_breaks": self.breaks.text().strip(),
            "calendar_buffer": f"{self.buffer.value()}m",
            "calendar_notice": f"{self.notice.value()}m",
            "calendar_google_client_file": self.client_file.text().strip(),
            "calendar_caldav_url": self.caldav_url.text().strip(),
            "calendar_caldav_username": self.caldav_username.text().strip(),
        }

    def problem(self) -> str | None:
        """What is wrong with the form, in a sentence, or None."""
        from desktop_assistant.calendar.contacts import EMAIL
        from desktop_assistant.calendar.preferences import CalendarPreferences

        values = self.values()
        if not values["calendar_work_days"]:
            return self.tr("Choose at least one working day.")
        try:
            CalendarPreferences.from_settings(
                dataclasses.replace(self._services.settings, **values))
        except ValueError as error:
            return readable(getattr(error, "message", str(error)))
        email = values["calendar_email"]
        if email and not EMAIL.fullmatch(email):
            return self.tr("Your email {email} is not an email address.").format(
                email=repr(email))
        backend = values["calendar_backend"]
        if backend == "google" and not values["calendar_google_client_file"]:
            return self.tr("Choose your company's OAuth client file for Google Calendar.")
        if backend == "caldav" and not values["calendar_caldav_url"].startswith(
                ("https://", "http://")):
            return self.tr("Enter the CalDAV calendar's address (https://…).")
        return None

    def _backend_changed(self, *_: object) -> None:
        backend = self.backend_key()
        self.google_box.setVisible(backend == "google")
        self.caldav_box.setVisible(backend == "caldav")

    def _say(self, text: str, state: str = "") -> None:
        say(self.status, text, state)

    # Actions -------------------------------------------------------------------------------

    def save(self) -> bool:
        """Check and store the settings (the password in the keyring, in a worker)."""
        problem = self.problem()
        if problem:
            self._say(problem, "error")
            return False
        from desktop_assistant.calendar.caldav_calendar import PASSWORD_SECRET

        return store_form(self, self._services, self.values(), self.status, self.saved,
                          saying=self.tr("Calendar settings saved."),
                          password=self.caldav_password,
                          secret=PASSWORD_SECRET, secret_label="CalDAV")

    def choose_client_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Your company's Google OAuth client file"), "",
            self.tr("OAuth client (*.json);;All files (*)"))
        if name:
            self.client_file.setText(name)

    def sign_in(self) -> None:
        """Open the browser to sign in to Google; the token goes to the keyring."""
        client_file = self.client_file.text().strip()
        if not client_file:
            self._say(self.tr("Choose your company's OAuth client file first."), "error")
            return
        services = self._services
        run_from_button(self.sign_in_button, self.status,
                        lambda: google_sign_in(services, client_file),
                        busy=self.tr("Waiting for you to sign in in the browser (up to 5 "
                                     "minutes)…"),
                        failure=lambda error: self.tr("Google sign-in failed: {error}").format(
                            error=error),
                        cleanup=services.release_thread, description="signing in to Google")

    def test_connection(self) -> None:
        """Read a week of the CalDAV calendar with the values in the form."""
        url = self.caldav_url.text().strip()
        if not url.startswith(("https://", "http://")):
            self._say(self.tr("Enter the CalDAV calendar's address (https://…) first."),
                      "error")
            return
        from desktop_assistant.ui.agenda_view import describe

        services = self._services
        username, password = self.caldav_username.text().strip(), self.caldav_password.text()
        run_from_button(self.test_button, self.status,
                        lambda: check_caldav(services, url, username, password),
                        busy=self.tr("Connecting to the CalDAV server…"),
                        success=lambda found: self.tr(
                            "Connected to {calendar}: %n event(s) in the next {days} days.", "",
                            found[1]).format(calendar=found[0], days=CHECK_DAYS),
                        failure=describe,
                        description="testing the CalDAV server")
