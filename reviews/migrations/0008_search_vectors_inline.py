"""PostgreSQL: make reading the stored search vectors cheap. A no-op on SQLite.

1. Vectors are kept compressed inside their row (storage MAIN) rather than in the TOAST table
   (the default EXTENDED moves any value that leaves a row over 2 KB out of line). Ranking
   reads the vector of every review that matches, and fetching each one from the TOAST table
   was nearly all of the time of a search for a common word: about 10 µs a review, where
   decompressing one kept in the row costs a fraction of that. A vector too large for a page
   still goes out of line, so nothing can fail to save. Existing vectors are rewritten so that
   they move.
2. The GIN indexes take each change at once, with no pending list. A GIN index normally
   gathers new entries in an unsorted list that every search reads through until a vacuum
   merges it; after an upload or a rebuild that list held megabytes, and a search for a rare
   word spent 16 of its 17 ms scanning it. Changes come from editors saving reviews and
   documents, who can afford the small extra cost.
"""

from django.db import migrations

TABLES = {
    "reviews_review": "reviews_review_search_gin",
    "reviews_documentpage": "reviews_documentpage_search_gin",
}


def settings(storage, fastupdate):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, index in TABLES.items():
            schema_editor.execute(
                f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE {storage}"
            )
            # A new value (the same vector) is stored by the column's new rule.
            rewrite = f"UPDATE {table} SET search_vector = search_vector || ''::tsvector"  # noqa: S608 - constant table names
            schema_editor.execute(f"{rewrite} WHERE search_vector IS NOT NULL")
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {fastupdate})")
            if fastupdate == "off":
                schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return run


class Migration(migrations.Migration):
    dependencies = [("reviews", "0007_welsh_texts")]

    operations = [
        migrations.RunPython(settings("MAIN", "off"), settings("EXTENDED", "on")),
    ]
