"""Loads the versioned prompt templates that sit next to this file.

Each template is ``<name>.v<version>.txt``: YAML front matter (``name``, ``version``,
``variables``, ``description``) between ``---`` lines, then the template body in
``str.format`` syntax (literal braces doubled). A changed prompt is a new file with the next
version, so evaluation results stay tied to the exact text that produced them.

Example::

    prompt = load_prompt("resource_answer")          # the latest version
    text = prompt.format(question=q, passages=p)     # raises on a missing variable
"""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from langchain_core.prompts import PromptTemplate

PROMPTS_DIR = Path(__file__).resolve().parent
_FILE_NAME = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.txt$")
_FRONT_MATTER = re.compile(r"\A---\n(?P<header>.*?)\n---\n(?P<body>.*)\Z", re.DOTALL)


class PromptError(ValueError):
    """A prompt is unknown, malformed, or was rendered with the wrong variables."""


class VersionedPrompt(PromptTemplate):
    """A LangChain ``PromptTemplate`` that knows its name and version and checks its inputs."""

    prompt_name: str
    prompt_version: int
    description: str = ""

    @property
    def prompt_id(self) -> str:
        """``name.vN``: what audit events and eval results record."""
        return f"{self.prompt_name}.v{self.prompt_version}"

    def format(self, **kwargs: Any) -> str:
        missing = sorted(set(self.input_variables) - set(kwargs))
        unknown = sorted(set(kwargs) - set(self.input_variables) - set(self.partial_variables))
        if missing or unknown:
            problems = []
            if missing:
                problems.append(f"missing {missing}")
            if unknown:
                problems.append(f"unexpected {unknown}")
            takes = sorted(self.input_variables)
            raise PromptError(f"prompt {self.prompt_id}: {', '.join(problems)}; it takes {takes}")
        return super().format(**kwargs)


def available_prompts(directory: Path = PROMPTS_DIR) -> dict[str, list[int]]:
    """Every prompt name with its versions, ascending."""
    found: dict[str, list[int]] = {}
    for path in directory.glob("*.txt"):
        match = _FILE_NAME.match(path.name)
        if match:
            found.setdefault(match["name"], []).append(int(match["version"]))
    return {name: sorted(versions) for name, versions in sorted(found.items())}


def load_prompt(name: str, version: int | None = None) -> VersionedPrompt:
    """The named prompt at ``version``, or its latest version when none is given."""
    return _load(name, version, PROMPTS_DIR)


@cache
def _load(name: str, version: int | None, directory: Path) -> VersionedPrompt:
    versions = available_prompts(directory).get(name)
    if not versions:
        known = ", ".join(available_prompts(directory)) or "none"
        raise PromptError(f"unknown prompt {name!r}; known prompts: {known}")
    chosen = versions[-1] if version is None else version
    if chosen not in versions:
        raise PromptError(f"prompt {name!r} has no version {version}; it has {versions}")
    return parse_prompt(directory / f"{name}.v{chosen}.txt")


def parse_prompt(path: Path) -> VersionedPrompt:
    """Parse one template file, checking its header against its name and its body."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        raise PromptError(f"{path.name}: expected front matter between '---' lines")
    header = yaml.safe_load(match["header"])
    if not isinstance(header, dict):
        raise PromptError(f"{path.name}: front matter must be a mapping")
    body = match["body"].strip() + "\n"
    name, version = header.get("name"), header.get("version")
    declared = header.get("variables")
    file_match = _FILE_NAME.match(path.name)
    if file_match is None or (name, version) != (file_match["name"], int(file_match["version"])):
        raise PromptError(f"{path.name}: header says {name}.v{version}; names must agree")
    if not isinstance(declared, list) or not all(isinstance(v, str) for v in declared):
        raise PromptError(f"{path.name}: 'variables' must be a list of names")
    used = _placeholders(body, path.name)
    if used != set(declared):
        raise PromptError(
            f"{path.name}: declares {sorted(declared)} but the body uses {sorted(used)}"
        )
    return VersionedPrompt(
        template=body,
        input_variables=sorted(declared),
        template_format="f-string",
        prompt_name=str(name),
        prompt_version=int(file_match["version"]),
        description=str(header.get("description", "")),
    )


def _placeholders(body: str, file_name: str) -> set[str]:
    try:
        fields = {field for _, field, _, _ in string.Formatter().parse(body) if field is not None}
    except ValueError as exc:  # an unbalanced brace
        raise PromptError(f"{file_name}: {exc} (double literal braces)") from exc
    bad = sorted(f for f in fields if not f.isidentifier())
    if bad:
        raise PromptError(f"{file_name}: placeholders must be plain names, got {bad}")
    return fields
