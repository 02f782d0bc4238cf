"""Marking the query's words in what a result shows: a page's snippet or a summary's extract.

Engines mark matches with two control characters rather than with HTML, so that a page's text
is escaped whole and only these markers ever become <mark> elements. Stored page text never
contains them (documents.clean_page_text removes control characters).
"""

import html
import re

from django.utils.safestring import mark_safe

from .query import words_of

MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 30


def snippet_html(text):
    """Escape a snippet and turn its markers into <mark> elements."""
    escaped = html.escape(text)
    opened = escaped.count(MARK_START)
    closed = escaped.count(MARK_END)
    if opened != closed:  # never leave an element open
        escaped = escaped.replace(MARK_START, "").replace(MARK_END, "")
    return mark_safe(  # noqa: S308 - the text was escaped above; only our markers become tags
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def highlight_text(text, words, limit=60):
    """A short extract of plain text with the query's words marked (for summaries)."""
    tokens = re.split(r"(\s+)", text)
    stems = [word[: max(4, len(word) - 2)] if len(word) > 4 else word for word in words]
    first = None
    for index, token in enumerate(tokens):
        folded = "".join(words_of(token))
        if folded and any(
            folded == w or folded.startswith(s) for w, s in zip(words, stems, strict=True)
        ):
            tokens[index] = f"{MARK_START}{token}{MARK_END}"
            first = index if first is None else first
    if first is None:
        return ""
    start = max(0, first - 20)
    extract = "".join(tokens[start : start + limit * 2]).strip()
    prefix = "… " if start else ""
    suffix = " …" if start + limit * 2 < len(tokens) else ""
    return f"{prefix}{extract}{suffix}"
