"""mentorlens retrieval package."""
