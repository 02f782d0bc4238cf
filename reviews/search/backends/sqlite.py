"""SQLite's FTS5: both indexes are virtual tables (migration 0003)."""

# The SQL built here joins constant fragments and table names; every value a visitor chooses
# is passed as a parameter, and document and page ids are the database's own integers.
# ruff: noqa: S608

from django.db import connection

from ..highlight import MARK_END, MARK_START, SNIPPET_WORDS
from .base import ScoredMatches


def _in_list(values):
    """SQL placeholders for a list of values (never empty: callers check)."""
    return ", ".join(["%s"] * len(values))


class SqliteFts5Backend:
    """FTS5 tables `reviews_review_fts` (rowid = review id) and `reviews_documentpage_fts`
    (external content over reviews_documentpage's text and document_id, rowid = page id)."""

    vendor = "sqlite"
    # bm25 weights: title (pseudonym and reference), partnerships, themes, summary, body
    WEIGHTS = "10.0, 3.0, 3.0, 2.0, 1.0"
    FIELDS = "{title partnerships themes summary}"

    @staticmethod
    def _phrase(words):
        return '"' + " ".join(word.replace('"', '""') for word in words) + '"'

    def _all_of(self, words):
        return " AND ".join(self._phrase([word]) for word in words)

    def _any_of(self, terms):
        return " OR ".join(self._phrase(term.words) for term in terms)

    def _any_word(self, words):
        return " OR ".join(self._phrase([word]) for word in words)

    def _execute(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # Upkeep
    def add_reviews(self, entries):
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO reviews_review_fts"
                "(rowid, title, partnerships, themes, summary, body)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        entry.review_id,
                        entry.title,
                        entry.partnerships,
                        entry.themes,
                        entry.summary,
                        entry.body,
                    )
                    for entry in entries
                ],
            )

    def remove_reviews(self, review_ids):
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM reviews_review_fts WHERE rowid = %s", [(pk,) for pk in review_ids]
            )

    def add_pages(self, document_ids):
        for pk in document_ids:
            self._execute(
                "INSERT INTO reviews_documentpage_fts(rowid, text, document_id) "
                "SELECT id, text, document_id FROM reviews_documentpage WHERE document_id = %s",
                [pk],
            )

    def remove_pages(self, document_ids):
        # An external-content table forgets a row only when told its old text: do this before
        # the pages themselves are deleted.
        for pk in document_ids:
            self._execute(
                "INSERT INTO reviews_documentpage_fts"
                "(reviews_documentpage_fts, rowid, text, document_id) "
                "SELECT 'delete', id, text, document_id FROM reviews_documentpage "
                "WHERE document_id = %s",
                [pk],
            )

    def rebuild_pages(self):
        self._execute(
            "INSERT INTO reviews_documentpage_fts(reviews_documentpage_fts) VALUES ('rebuild')"
        )

    def clear(self):
        # Both are virtual tables, which a flush does not empty.
        self._execute("DELETE FROM reviews_review_fts")
        self._execute(
            "INSERT INTO reviews_documentpage_fts(reviews_documentpage_fts) VALUES ('delete-all')"
        )

    # Queries
    def match(self, words, exclude_words, *, rank_now=False):
        # bm25 comes with FTS5's match at little cost: every match is ranked at once.
        expression = self._all_of(words)
        if exclude_words:
            expression = f"({expression}) NOT ({self._any_word(exclude_words)})"
        rows = self._execute(
            f"SELECT rowid, bm25(reviews_review_fts, {self.WEIGHTS}) FROM reviews_review_fts "
            "WHERE reviews_review_fts MATCH %s",
            [expression],
        )
        return ScoredMatches({pk: -score for pk, score in rows})

    def with_any_word(self, words):
        rows = self._execute(
            "SELECT rowid FROM reviews_review_fts WHERE reviews_review_fts MATCH %s",
            [self._any_word(words)],
        )
        return {pk for (pk,) in rows}

    def with_phrase(self, words, among):
        phrase = f"text : {self._phrase(words)}"
        rows = self._execute(
            "SELECT d.review_id FROM reviews_documentpage_fts"
            " CROSS JOIN reviews_documentpage p ON p.id = reviews_documentpage_fts.rowid"
            " CROSS JOIN reviews_reviewdocument d ON d.id = p.document_id"
            " WHERE reviews_documentpage_fts MATCH %s"
            " UNION SELECT rowid FROM reviews_review_fts WHERE reviews_review_fts MATCH %s",
            [phrase, f"{self.FIELDS} : {self._phrase(words)}"],
        )
        return {pk for (pk,) in rows} & among

    # Naming the documents lets FTS5 walk their few pages rather than every page in the archive
    # that uses a common word.
    @staticmethod
    def _in_documents(documents):
        return "document_id : (" + " OR ".join(str(int(pk)) for pk in documents) + ")"

    def pages_with(self, terms, documents):
        places = {
            page_id: (document_id, number)
            for page_id, document_id, number in self._execute(
                "SELECT id, document_id, number FROM reviews_documentpage"  # a covering index
                f" WHERE document_id IN ({_in_list(documents)})",
                list(documents),
            )
        }
        found = {}
        for term in terms:
            rows = self._execute(
                "SELECT rowid FROM reviews_documentpage_fts"
                " WHERE reviews_documentpage_fts MATCH %s",
                [f"{self._in_documents(documents)} AND text : {self._phrase(term.words)}"],
            )
            found[term] = {page_id: places[page_id] for (page_id,) in rows}
        return found

    def rank_pages(self, terms, documents):
        rows = self._execute(
            "SELECT rowid, bm25(reviews_documentpage_fts, 1.0, 0.0)"
            " FROM reviews_documentpage_fts WHERE reviews_documentpage_fts MATCH %s",
            [f"{self._in_documents(documents)} AND text : ({self._any_of(terms)})"],
        )
        return {page_id: -score for page_id, score in rows}  # bm25: lower is better

    def snippets(self, page_ids, terms):
        rows = self._execute(
            "SELECT rowid, snippet(reviews_documentpage_fts, 0, %s, %s, '…', %s)"
            " FROM reviews_documentpage_fts WHERE reviews_documentpage_fts MATCH %s"
            f" AND rowid IN ({', '.join(str(int(pk)) for pk in page_ids)})",
            [MARK_START, MARK_END, SNIPPET_WORDS, f"text : ({self._any_of(terms)})"],
        )
        return {page_id: snippet or "" for page_id, snippet in rows}
