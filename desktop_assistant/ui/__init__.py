"""The Qt layer: main window, chat view, cards, dialogs and the worker plumbing.

Only this package (and ``app.run_gui``, lazily) imports PySide6. Widgets call the services
built in ``app.py``; anything slow runs in a worker from ``ui.workers``.
"""
