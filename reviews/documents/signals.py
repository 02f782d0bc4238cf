"""Signals of the document pipeline, for whatever keeps derived data from page texts.

Both are sent inside the transaction that replaces a document's page texts, with
`sender` the document's model and `document` the document:

- `page_texts_replacing`: the old pages are still there (an index that must be told a row's
  old text before it forgets it, such as SQLite's FTS5 external-content tables, listens here);
- `page_texts_stored`: the new pages are in place.
"""

from django.dispatch import Signal

page_texts_replacing = Signal()
page_texts_stored = Signal()
