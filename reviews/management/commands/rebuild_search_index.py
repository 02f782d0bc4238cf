"""Rebuild the search index from stored page texts, extracting any documents not yet read."""

from django.core.management.base import BaseCommand

from reviews.documents import store_page_texts
from reviews.models import ReviewDocument
from reviews.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index. Documents whose text has never been extracted "
        "(uploaded before search existed) are read first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-extraction",
            action="store_true",
            help="Only rebuild from page texts already stored; do not open any PDF.",
        )

    def handle(self, *args, skip_extraction=False, **options):
        if not skip_extraction:
            unread = ReviewDocument.objects.filter(pages__isnull=True).exclude(file="")
            for document in unread.iterator():
                store_page_texts(document)
                self.stdout.write(f"Read the text of {document} ({document.review}).")

        def progress(done, total):
            if done == total or done % 500 == 0:
                self.stdout.write(f"Indexed {done} of {total} reviews.")

        rebuild_index(progress=progress)
        self.stdout.write(self.style.SUCCESS("The search index is up to date."))
