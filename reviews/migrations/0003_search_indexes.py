"""Full-text indexes for search, one kind per database engine (see reviews/search.py).

SQLite: two FTS5 virtual tables that the app keeps up to date. `reviews_review_fts` holds one
row per review (its rowid is the review's id); `reviews_documentpage_fts` indexes the text of
`reviews_documentpage` as an external-content table (its rowid is the page's id), so the text
is stored once. On PostgreSQL this migration instead adds GIN indexes to the stored
`search_vector` columns. Each half is a no-op on the other engine.
"""

from django.db import migrations

TOKENIZER = "porter unicode61 remove_diacritics 2"

SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE reviews_review_fts USING fts5("
    f"title, partnerships, themes, summary, body, tokenize = '{TOKENIZER}')",
    "CREATE VIRTUAL TABLE reviews_documentpage_fts USING fts5("
    "text, content = 'reviews_documentpage', content_rowid = 'id', "
    f"tokenize = '{TOKENIZER}')",
]
SQLITE_BACKWARDS = [
    "DROP TABLE IF EXISTS reviews_documentpage_fts",
    "DROP TABLE IF EXISTS reviews_review_fts",
]
POSTGRESQL_FORWARDS = [
    "CREATE INDEX reviews_review_search_gin ON reviews_review USING gin (search_vector)",
    "CREATE INDEX reviews_documentpage_search_gin ON reviews_documentpage "
    "USING gin (search_vector)",
]
POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS reviews_documentpage_search_gin",
    "DROP INDEX IF EXISTS reviews_review_search_gin",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_search")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}),
            _run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}),
        )
    ]
