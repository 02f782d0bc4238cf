"""Themes suggested from a review's text: `finding` (which themes' terms a report's pages
mention, and how often) and `suggestions` (kept for an officer to accept or reject)."""

from .finding import ThemeFound, Vocabulary, find_themes, is_negated
from .suggestions import AlreadyDecided, accept, connect_signals, reject, suggest_from, waiting_for

__all__ = [
    "AlreadyDecided",
    "ThemeFound",
    "Vocabulary",
    "accept",
    "connect_signals",
    "find_themes",
    "is_negated",
    "reject",
    "suggest_from",
    "waiting_for",
]
