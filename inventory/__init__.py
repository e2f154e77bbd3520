"""Inventory: the application layer. Scan loop, SQLite store, runs, diffs, reports and the CLI."""

__version__ = "0.1.0"
