"""SQLite: the page index also indexes each page's document id.

Search names the best page of each review it shows. With the document id in the index, FTS5
can answer "pages of these documents that match" by walking the short list of those documents'
pages instead of every page that uses a common word. The table is rebuilt from
reviews_documentpage, which it indexes as external content. A no-op on PostgreSQL, where the
page's search_vector and the document foreign key do the same job.
"""

from django.db import migrations

TOKENIZER = "porter unicode61 remove_diacritics 2"


def recreate(columns):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute("DROP TABLE IF EXISTS reviews_documentpage_fts")
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE reviews_documentpage_fts USING fts5({columns}, "
            "content = 'reviews_documentpage', content_rowid = 'id', "
            f"tokenize = '{TOKENIZER}')"
        )
        schema_editor.execute(
            "INSERT INTO reviews_documentpage_fts(reviews_documentpage_fts) VALUES ('rebuild')"
        )

    return run


class Migration(migrations.Migration):
    dependencies = [("reviews", "0004_merge_20261122_0215")]

    operations = [
        migrations.RunPython(recreate("text, document_id"), recreate("text")),
    ]
