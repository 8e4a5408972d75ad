"""Conversation importers: program roster YAML, mentorlens JSONL/JSON, CSV with a column
mapping, Slack exports, WebVTT/SRT transcripts. Each format's schema is in its module's
docstring; :class:`Importer` redacts and stores, one transaction per file."""

from assistant.importers.errors import ImportFileError
from assistant.importers.service import FileResult, Importer, ImportSummary, Unit, plan

__all__ = ["FileResult", "ImportFileError", "ImportSummary", "Importer", "Unit", "plan"]
