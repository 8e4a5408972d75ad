"""Prompt templates as versioned text files (``<name>.v<N>.txt``), plus their loader."""

from prompts.loader import PromptError, VersionedPrompt, available_prompts, load_prompt

__all__ = ["PromptError", "VersionedPrompt", "available_prompts", "load_prompt"]
