"""mentorlens prompts package."""
