"""Reminders, meeting alerts and the daily briefing: the Qt-free core behind the tray.

Everything here is plain Python over the app's SQLite database. The timer never counts down in
memory: the UI asks :meth:`ReminderService.next_due` when to look again (capped at a minute, so
clock jumps and sleep are caught) and :meth:`ReminderService.poll` for what is due, each
notification delivered once even when two processes poll the same database. The pure rule of
what is due when is :func:`desktop_assistant.reminders.due.due`.

The GUI, the CLI, the slash commands and the agent's tools all go through
:class:`desktop_assistant.reminders.service.ReminderService`, built by
:func:`desktop_assistant.reminders.service.open_reminders`. ``dateparser`` is imported only when
a phrase is read.
"""
