"""PostgreSQL: compress the stored search vectors with lz4, which decompresses several times
faster than the default pglz. Ranking reads every matching review's vector, so this is most of
the cost of a search for a common word. A no-op on SQLite, and on a PostgreSQL built without
lz4 (the vectors then keep the default compression)."""

from django.db import migrations

TABLES = ["reviews_review", "reviews_documentpage"]


def compression(method):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        statements = " ".join(
            f"ALTER TABLE {table} ALTER COLUMN search_vector SET COMPRESSION {method};"
            for table in TABLES
        )
        schema_editor.execute(
            f"DO $$ BEGIN {statements} EXCEPTION WHEN feature_not_supported THEN NULL; END $$"
        )

    return run


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_page_index_by_document")]

    operations = [migrations.RunPython(compression("lz4"), compression("pglz"))]
