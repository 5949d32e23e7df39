"""Meeting scheduling: one event model, calendars behind one interface, free-slot search, invites.

The package is Qt-free and cheap to import: every module imports its heavy libraries
(``icalendar``, ``recurring_ical_events``, the Google client, ``caldav``, ``dateparser``) inside
the functions that need them. The GUI, the CLI, the slash commands and the agent's tools all go
through :class:`desktop_assistant.calendar.service.CalendarService`, built by
:func:`desktop_assistant.calendar.service.open_calendar`.

Inside this package the standard library's ``calendar`` module is still ``import calendar``
(absolute imports); nothing here needs it.
"""
