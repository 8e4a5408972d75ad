"""mentorlens assistant package."""
