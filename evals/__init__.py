"""mentorlens evals package."""
