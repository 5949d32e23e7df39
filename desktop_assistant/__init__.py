"""Desktop Assistant: a desktop assistant for employees' internal operations."""

__version__ = "0.1.0"
