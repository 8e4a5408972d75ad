"""mentorlens tests package."""
