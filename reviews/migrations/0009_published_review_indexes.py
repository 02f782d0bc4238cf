from django.db import migrations, models

NEWEST_FIRST = (
    "CREATE INDEX review_published_order ON reviews_review "
    "(published_on DESC NULLS LAST, pseudonym) WHERE status = 'published'"
)


def add_newest_first_index(apps, schema_editor):
    # The home page's and feed's order (Review.Meta.ordering). PostgreSQL only: SQLite cannot
    # index NULLS LAST, and the demo-sized tables it serves need no index.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NEWEST_FIRST)


def remove_newest_first_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS review_published_order")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_search_vectors_inline"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at", "id"],
                name="review_published_moment",
            ),
        ),
        migrations.RunPython(add_newest_first_index, remove_newest_first_index),
    ]
