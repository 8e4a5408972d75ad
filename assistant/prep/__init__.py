"""Session prep: talking points for a mentor's next meeting, grounded in the pair's record."""
