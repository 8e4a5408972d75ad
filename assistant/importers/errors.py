"""Import errors that say where (file, line, field) and why, and never what the text was."""

from __future__ import annotations


class ImportFileError(ValueError):
    """A malformed file: ``path:line: field: reason``. Nothing from the file is kept."""

    def __init__(self, source: str, line: int | None, field: str | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"
