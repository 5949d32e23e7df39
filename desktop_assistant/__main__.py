"""``python -m desktop_assistant`` behaves like the ``desktop-assistant`` command."""

from desktop_assistant.cli import main

raise SystemExit(main())
