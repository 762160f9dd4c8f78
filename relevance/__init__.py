"""Measured relevance: a fixed test corpus, graded queries and the `evaluate` command."""
