"""Errors in permission exports and rosters: one line naming the file, the line and the column."""
from __future__ import annotations


class ExportFormatError(ValueError):
    def __init__(self, path: str, message: str, line: int | None = None, column: str | None = None):
        where = f"{path}:{line}" if line is not None else path
        col = f" column '{column}':" if column else ""
        super().__init__(f"{where}:{col} {message}")
        self.path, self.line, self.column = path, line, column
