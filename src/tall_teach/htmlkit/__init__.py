"""Shared helpers of the HTML-based writers (handout, quiz): Jinja2 and WeasyPrint live here."""
