"""tall_teach: one Markdown course in, a deck, a handout and quizzes out."""

__version__ = "0.1.0"
