"""Every prompt template loads, renders with exactly its declared variables, and fails clearly."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from prompts import PromptError, VersionedPrompt, available_prompts, load_prompt
from prompts.loader import PROMPTS_DIR, parse_prompt

ALL_PROMPTS = [(name, v) for name, versions in available_prompts().items() for v in versions]


def test_the_two_product_prompts_exist() -> None:
    assert {"session_prep", "resource_answer"} <= set(available_prompts())


@pytest.mark.parametrize(("name", "version"), ALL_PROMPTS)
def test_every_template_renders_with_its_declared_variables(name: str, version: int) -> None:
    prompt = load_prompt(name, version)
    assert isinstance(prompt, VersionedPrompt)
    assert prompt.prompt_id == f"{name}.v{version}"
    values = {var: f"<<{var}>>" for var in prompt.input_variables}
    text = prompt.format(**values)
    for marker in values.values():
        assert marker in text
    assert "{" + prompt.input_variables[0] + "}" not in text


@pytest.mark.parametrize(("name", "version"), ALL_PROMPTS)
def test_a_missing_variable_is_named_in_the_error(name: str, version: int) -> None:
    prompt = load_prompt(name, version)
    values = {var: "x" for var in prompt.input_variables}
    dropped = prompt.input_variables[0]
    del values[dropped]
    with pytest.raises(PromptError, match=f"missing.*{dropped}"):
        prompt.format(**values)


def test_an_unexpected_variable_is_refused() -> None:
    prompt = load_prompt("resource_answer")
    with pytest.raises(PromptError, match=r"unexpected.*answer"):
        prompt.format(question="q", passages="p", answer="a")


def test_works_as_a_langchain_prompt() -> None:
    value = load_prompt("resource_answer").invoke({"question": "When?", "passages": "[r:1] x"})
    assert "Question: When?" in value.to_string()


def test_latest_version_is_the_default() -> None:
    name, versions = next(iter(available_prompts().items()))
    assert load_prompt(name).prompt_version == max(versions)


@pytest.mark.parametrize(
    ("name", "version", "message"),
    [
        ("no_such_prompt", None, "unknown prompt 'no_such_prompt'"),
        ("session_prep", 999, "has no version 999"),
    ],
)
def test_unknown_name_or_version_is_a_clear_error(
    name: str, version: int | None, message: str
) -> None:
    with pytest.raises(PromptError, match=message):
        load_prompt(name, version)


def test_json_braces_in_session_prep_render_literally() -> None:
    text = load_prompt("session_prep").format(evidence="[m:1] hello")
    assert '{"text":' in text


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        ("a.v1.txt", "no front matter\n", "front matter"),
        ("a.v1.txt", "---\nname: b\nversion: 1\nvariables: []\n---\nx\n", "names must agree"),
        ("a.v1.txt", "---\nname: a\nversion: 1\nvariables: [x]\n---\n{y}\n", "declares"),
        ("a.v1.txt", "---\nname: a\nversion: 1\nvariables: []\n---\n{\n", "double literal"),
        ("a.v1.txt", "---\nname: a\nversion: 1\nvariables: x\n---\nx\n", "list of names"),
    ],
)
def test_malformed_templates_are_refused(
    tmp_path: Path, file_name: str, content: str, message: str
) -> None:
    path = tmp_path / file_name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PromptError, match=message):
        parse_prompt(path)


def test_templates_ship_as_package_data() -> None:
    pyproject = tomllib.loads((PROMPTS_DIR.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.txt" in pyproject["tool"]["setuptools"]["package-data"]["prompts"]
