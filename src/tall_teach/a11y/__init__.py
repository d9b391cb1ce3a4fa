"""Accessibility checks of our own: the theme palette's contrast, the deck read back from
its file (PowerPoint Accessibility Checker's rules) and what the content itself causes."""
